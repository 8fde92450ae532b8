package cluster

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// EC2 instance type names are family.size (EC2 instance types guide,
// "Amazon EC2 instance type naming conventions"): the family is a series
// letter, a generation and options (m6i, c7gn, r6idn), and the size
// nano to 48xlarge, or metal. A name off these lists is refused before
// anything is created: the launch template would take it and the Auto
// Scaling group fail mid-deploy.

// instanceFamilies are the EC2 instance families, current and previous
// generation (EC2 instance types guide, "Current generation instances"
// and "Previous generation instances").
var instanceFamilies = []string{
	// General purpose.
	"a1", "m1", "m2", "m3", "m4", "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn",
	"m6a", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd", "m7i", "m7i-flex",
	"m8a", "m8g", "m8gd", "m8i", "m8i-flex", "mac1", "mac2", "mac2-m1ultra", "mac2-m2", "mac2-m2pro",
	"t1", "t2", "t3", "t3a", "t4g",
	// Compute optimized.
	"c1", "c3", "c4", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in",
	"c7a", "c7g", "c7gd", "c7gn", "c7i", "c7i-flex", "c8a", "c8g", "c8gd", "c8gn", "c8i",
	// Memory optimized.
	"r3", "r4", "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in",
	"r7a", "r7g", "r7gd", "r7i", "r7iz", "r8a", "r8g", "r8gd", "r8i", "r8i-flex",
	"u-3tb1", "u-6tb1", "u-9tb1", "u-12tb1", "u-18tb1", "u-24tb1", "u7i-6tb", "u7i-8tb", "u7i-12tb",
	"u7in-16tb", "u7in-24tb", "u7in-32tb", "u7inh-32tb", "x1", "x1e", "x2gd", "x2idn", "x2iedn", "x2iezn", "x8g", "z1d",
	// Accelerated computing.
	"dl1", "dl2q", "f1", "f2", "g3", "g3s", "g4ad", "g4dn", "g5", "g5g", "g6", "g6e", "g6f", "gr6", "gr6f",
	"inf1", "inf2", "p2", "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "trn1", "trn1n", "trn2", "vt1",
	// Storage optimized.
	"d2", "d3", "d3en", "h1", "i2", "i3", "i3en", "i4g", "i4i", "i7i", "i7ie", "i8g", "im4gn", "is4gen",
	// High performance computing.
	"hpc6a", "hpc6id", "hpc7a", "hpc7g",
}

// sizeMultiples are the N of the Nxlarge sizes EC2 offers.
var sizeMultiples = []int{2, 3, 4, 6, 8, 9, 10, 12, 16, 18, 24, 32, 48, 56, 64, 96, 112, 224, 480}

var metalSize = regexp.MustCompile(`^metal(-(16|24|32|48)xl)?$`)

// burstable families are the only ones with nano, micro and small sizes
// (and, beside Graviton families, medium).
func burstable(family string) bool {
	return slices.Contains([]string{"t1", "t2", "t3", "t3a", "t4g"}, family)
}

// instanceSize tells whether size is one EC2 offers in family, or why not.
func instanceSize(family, size string) string {
	switch size {
	case "nano", "micro", "small":
		if burstable(family) {
			return ""
		}
		return fmt.Sprintf("%s has no %s size; the smallest sizes belong to the burstable t families", family, size)
	case "medium":
		if burstable(family) || gravitonFamily.MatchString(family) {
			return ""
		}
		return fmt.Sprintf("%s has no medium size; use large or bigger", family)
	case "large", "xlarge":
		return ""
	}
	if metalSize.MatchString(size) {
		return ""
	}
	if n, ok := strings.CutSuffix(size, "xlarge"); ok {
		if v, err := strconv.Atoi(n); err == nil && slices.Contains(sizeMultiples, v) {
			return ""
		}
	}
	return fmt.Sprintf("%q is not an EC2 instance size; use one such as large, xlarge, 2xlarge or metal", size)
}

// CheckInstanceTypeName refuses a name that is not family.size of a known
// family and a size EC2 offers; "" when it passes. Listed types
// (instanceSpecs) always pass.
func CheckInstanceTypeName(t string) string {
	if _, ok := instanceSpecs[t]; ok {
		return ""
	}
	family, size, _ := strings.Cut(t, ".")
	if !slices.Contains(instanceFamilies, family) {
		return fmt.Sprintf("%q is not an EC2 instance family; use a family such as m6i, m7g or c7i (if AWS released %s after this list, add it to instanceFamilies in components/cluster/instancetype_names.go)", family, family)
	}
	if msg := instanceSize(family, size); msg != "" {
		return fmt.Sprintf("%s is not an EC2 instance type: %s", t, msg)
	}
	return ""
}
