package check

import (
	"fmt"
	"net/netip"
)

// subnetNewBits is how many bits each subnet adds to the VPC prefix: the VPC
// is cut into 16 equal blocks. Public subnets take blocks 0..7 and private
// subnets blocks 8..15, so up to 8 AZs fit and the two sides never overlap.
const subnetNewBits = 4

// MaxAzCount is the most AZs the CIDR layout has room for.
const MaxAzCount = 1 << (subnetNewBits - 1)

// privateRanges are the RFC 1918 ranges a VPC CIDR must sit inside.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// SubnetCidrs splits vpcCidr into one public and one private subnet for each
// of azCount zones. Subnet i of each kind goes in zone i.
func SubnetCidrs(vpcCidr string, azCount int) (public, private []string, err error) {
	vpc, err := parseVpcCidr(vpcCidr)
	if err != nil {
		return nil, nil, err
	}
	if azCount < 1 || azCount > MaxAzCount {
		return nil, nil, fmt.Errorf("the layout fits 1 to %d AZs, not %d", MaxAzCount, azCount)
	}
	bits := vpc.Bits() + subnetNewBits
	size := uint32(1) << (32 - bits)
	base := ipv4ToUint(vpc.Addr())
	block := func(i int) string {
		addr := uintToIPv4(base + uint32(i)*size)
		return netip.PrefixFrom(addr, bits).String()
	}
	for i := 0; i < azCount; i++ {
		public = append(public, block(i))
		private = append(private, block(MaxAzCount+i))
	}
	return public, private, nil
}

// parseVpcCidr checks that s is a private IPv4 network of /16 to /24.
func parseVpcCidr(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%q is not an IPv4 CIDR block such as 10.0.0.0/16", s)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("%q has host bits set; use %s", s, p.Masked())
	}
	private := false
	for _, r := range privateRanges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			private = true
		}
	}
	if !private {
		return netip.Prefix{}, fmt.Errorf("%q is not a private range; use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16", s)
	}
	if p.Bits() < 16 {
		return netip.Prefix{}, fmt.Errorf("%q is larger than AWS allows for a VPC; use a /16 to /24", s)
	}
	if p.Bits() > 28-subnetNewBits {
		return netip.Prefix{}, fmt.Errorf("%q is too small: each subnet is a sixteenth of the VPC and AWS's smallest subnet is a /28; use a /16 to /24", s)
	}
	return p, nil
}

func ipv4ToUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func uintToIPv4(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
