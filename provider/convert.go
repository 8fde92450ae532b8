package main

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// convert copies the wire args src into dst, a pointer to the components
// args type they mirror: field by field under the same key (the pulumi
// tag, or the Go name in lowerCamel case for an untagged field), enums as
// the strings they spell, references as the contracts of the pieces they
// resolved to. A
// wire field with no counterpart is an error in this package, which
// TestConvertCarriesEveryField rules out; a components field the wire
// does not carry keeps its zero value, the component's default. The
// wire's own fields (wireOnly) are the constructor's to read.
func convert(dst, src any) error {
	return copyValue(reflect.ValueOf(dst).Elem(), reflect.ValueOf(src), "")
}

var pieceRefType = reflect.TypeFor[pieceRef]()

func copyValue(dst, src reflect.Value, path string) error {
	if !src.IsValid() {
		return nil
	}
	if src.Type().Implements(pieceRefType) {
		if src.Kind() == reflect.Pointer && src.IsNil() {
			return nil
		}
		piece := src.Interface().(pieceRef).resolved()
		if piece == nil {
			return nil
		}
		v := reflect.ValueOf(piece)
		if !v.Type().AssignableTo(dst.Type()) {
			return fmt.Errorf("%s: a %s cannot take a %s", path, dst.Type(), v.Type())
		}
		dst.Set(v)
		return nil
	}
	if src.Type().AssignableTo(dst.Type()) {
		dst.Set(src)
		return nil
	}
	if src.Kind() == reflect.Pointer {
		if src.IsNil() {
			return nil
		}
		return copyValue(dst, src.Elem(), path)
	}
	switch dst.Kind() {
	case reflect.Pointer:
		v := reflect.New(dst.Type().Elem())
		if err := copyValue(v.Elem(), src, path); err != nil {
			return err
		}
		dst.Set(v)
		return nil
	case reflect.Struct:
		if src.Kind() == reflect.Struct {
			return copyStruct(dst, src, path)
		}
	case reflect.Slice:
		if src.Kind() == reflect.Slice {
			if src.IsNil() {
				return nil
			}
			out := reflect.MakeSlice(dst.Type(), src.Len(), src.Len())
			for i := range src.Len() {
				if err := copyValue(out.Index(i), src.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
			dst.Set(out)
			return nil
		}
	case reflect.Map:
		if src.Kind() == reflect.Map && src.Type().Key().Kind() == reflect.String {
			if src.IsNil() {
				return nil
			}
			out := reflect.MakeMapWithSize(dst.Type(), src.Len())
			for it := src.MapRange(); it.Next(); {
				v := reflect.New(dst.Type().Elem()).Elem()
				if err := copyValue(v, it.Value(), path+"."+it.Key().String()); err != nil {
					return err
				}
				out.SetMapIndex(it.Key().Convert(dst.Type().Key()), v)
			}
			dst.Set(out)
			return nil
		}
	case reflect.String:
		if src.Kind() == reflect.String {
			dst.SetString(src.String())
			return nil
		}
	}
	return fmt.Errorf("%s: cannot copy a %s into a %s", path, src.Type(), dst.Type())
}

func copyStruct(dst, src reflect.Value, path string) error {
	fields := map[string][]int{}
	for _, f := range reflect.VisibleFields(dst.Type()) {
		if f.IsExported() && !f.Anonymous {
			fields[fieldKey(f)] = f.Index
		}
	}
	for _, f := range reflect.VisibleFields(src.Type()) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		key := fieldKey(f)
		if _, ok := wireOnly[src.Type().Name()+"."+key]; ok {
			continue
		}
		index, ok := fields[key]
		if !ok {
			return fmt.Errorf("%s: %s has no field %q for %s.%s", path, dst.Type(), key, src.Type(), f.Name)
		}
		if err := copyValue(dst.FieldByIndex(index), src.FieldByIndex(f.Index), joinPath(path, key)); err != nil {
			return err
		}
	}
	return nil
}

// fieldKey is the name a field crosses the wire under: its pulumi tag, or
// its Go name in lowerCamel case.
func fieldKey(f reflect.StructField) string {
	if tag, ok := f.Tag.Lookup("pulumi"); ok {
		name, _, _ := strings.Cut(tag, ",")
		return name
	}
	return strings.ToLower(f.Name[:1]) + f.Name[1:]
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// keyed rewrites a component's validation error so that each problem
// names the property the caller set, as the schema spells it:
// "Service.CapacityProviderStrategy[1].Base" becomes
// "service.capacityProviderStrategy[1].base". The problems themselves are
// the component's own. args is the components args type the fields are
// paths in. Other errors pass unchanged.
func keyed(err error, args reflect.Type) error {
	var ve *components.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &components.ValidationError{Piece: ve.Piece, Problems: make([]components.FieldError, len(ve.Problems))}
	for i, p := range ve.Problems {
		out.Problems[i] = components.FieldError{Field: wireField(args, p.Field), Problem: p.Problem}
	}
	return out
}

// wireField turns a Go field path in args into the wire's: each Go field
// name becomes its key, indexes stay, and a map key stays as it is (all
// the rest of the path, when the map's values are not objects, since a
// tag key may hold dots). A name args has no field for (the component's
// "name") stays too.
func wireField(args reflect.Type, field string) string {
	t := args
	var out []string
	rest := field
	for rest != "" {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		seg, tail, _ := strings.Cut(rest, ".")
		if t.Kind() == reflect.Map {
			t = t.Elem()
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			if t.Kind() != reflect.Struct {
				out = append(out, rest)
				break
			}
			out = append(out, seg)
			rest = tail
			continue
		}
		name, index, _ := strings.Cut(seg, "[")
		if index != "" {
			index = "[" + index
		}
		f, ok := reflect.StructField{}, false
		if t.Kind() == reflect.Struct {
			f, ok = t.FieldByName(name)
		}
		if !ok || !f.IsExported() {
			out = append(out, rest)
			break
		}
		out = append(out, fieldKey(f)+index)
		rest = tail
		t = f.Type
		for range strings.Count(index, "[") {
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			if t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
				t = t.Elem()
			}
		}
	}
	return strings.Join(out, ".")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
