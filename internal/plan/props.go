package plan

import (
	"sort"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Placeholders for input values the plan cannot or must not show.
const (
	secretValue  = "[secret]"
	unknownValue = "[unknown]"
)

// unwrap returns the value inside secrets and known outputs.
func unwrap(v resource.PropertyValue) resource.PropertyValue {
	for {
		switch {
		case v.IsSecret():
			v = v.SecretValue().Element
		case v.IsOutput() && v.OutputValue().Known:
			v = v.OutputValue().Element
		default:
			return v
		}
	}
}

// get returns the input at key, unwrapped; ok is false when it is absent
// or null.
func get(m resource.PropertyMap, key string) (resource.PropertyValue, bool) {
	v, ok := m[resource.PropertyKey(key)]
	if !ok {
		return resource.PropertyValue{}, false
	}
	v = unwrap(v)
	if v.IsNull() {
		return v, false
	}
	return v, true
}

// str reads a string input; numbers are formatted, anything else is "".
func str(m resource.PropertyMap, key string) string {
	v, ok := get(m, key)
	switch {
	case !ok:
		return ""
	case v.IsString():
		return v.StringValue()
	case v.IsNumber():
		return strconv.FormatFloat(v.NumberValue(), 'f', -1, 64)
	}
	return ""
}

// num reads a number input, or a string holding one ("256").
func num(m resource.PropertyMap, key string) (float64, bool) {
	v, ok := get(m, key)
	switch {
	case !ok:
		return 0, false
	case v.IsNumber():
		return v.NumberValue(), true
	case v.IsString():
		f, err := strconv.ParseFloat(v.StringValue(), 64)
		return f, err == nil
	}
	return 0, false
}

// boolean reads a bool input.
func boolean(m resource.PropertyMap, key string) (bool, bool) {
	v, ok := get(m, key)
	if !ok || !v.IsBool() {
		return false, false
	}
	return v.BoolValue(), true
}

// strs reads a list of strings.
func strs(m resource.PropertyMap, key string) []string {
	v, ok := get(m, key)
	if !ok || !v.IsArray() {
		return nil
	}
	var out []string
	for _, e := range v.ArrayValue() {
		if e = unwrap(e); e.IsString() {
			out = append(out, e.StringValue())
		}
	}
	return out
}

// object reads a nested object.
func object(m resource.PropertyMap, key string) resource.PropertyMap {
	v, ok := get(m, key)
	if !ok || !v.IsObject() {
		return nil
	}
	return v.ObjectValue()
}

// objects reads a list of objects.
func objects(m resource.PropertyMap, key string) []resource.PropertyMap {
	v, ok := get(m, key)
	if !ok || !v.IsArray() {
		return nil
	}
	var out []resource.PropertyMap
	for _, e := range v.ArrayValue() {
		if e = unwrap(e); e.IsObject() {
			out = append(out, e.ObjectValue())
		}
	}
	return out
}

// jsonValue turns an input into plain JSON data. Secrets become
// "[secret]" and values the program could not know become "[unknown]", so
// the plan never shows what it must not and never guesses.
func jsonValue(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return secretValue
	case v.IsOutput():
		o := v.OutputValue()
		if o.Secret {
			return secretValue
		}
		if !o.Known {
			return unknownValue
		}
		return jsonValue(o.Element)
	case v.IsComputed():
		return unknownValue
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = jsonValue(e)
		}
		return out
	case v.IsObject():
		return jsonObject(v.ObjectValue())
	case v.IsAsset():
		return "[asset]"
	case v.IsArchive():
		return "[archive]"
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	}
	return unknownValue
}

// jsonObject is jsonValue for a property map.
func jsonObject(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, e := range m {
		out[string(k)] = jsonValue(e)
	}
	return out
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// strMap reads a map of strings, such as tags.
func strMap(m resource.PropertyMap, key string) map[string]string {
	out := map[string]string{}
	for k, v := range object(m, key) {
		if v = unwrap(v); v.IsString() {
			out[string(k)] = v.StringValue()
		}
	}
	return out
}
