package schedule

import (
	"fmt"
	"strings"
	"time"

	// The zone database is embedded so that a time zone that is valid on a
	// developer's laptop is valid in CI, in a scratch container and on
	// Windows, none of which need a system copy of the database. Go still
	// prefers the system copy where there is one (time.LoadLocation), so
	// the rules for future years can differ by machine; the tests use past
	// transitions only.
	_ "time/tzdata"
)

// MaxTimezoneLength is the longest ScheduleExpressionTimezone CreateSchedule
// accepts (Length Constraints: 1 to 50).
const MaxTimezoneLength = 50

// LoadTimezone returns the location for ScheduleExpressionTimezone name, an
// IANA time zone name such as "Europe/Paris" or "UTC".
//
// An empty name is the setting left out, which Scheduler evaluates in UTC,
// so LoadTimezone returns time.UTC for it. "Local" is refused: it names the
// machine running the program, not a zone AWS knows.
func LoadTimezone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	if len(name) > MaxTimezoneLength {
		return nil, fmt.Errorf("time zone %q is %d characters, more than the %d Scheduler accepts; use the zone's IANA name, such as Europe/Paris", name, len(name), MaxTimezoneLength)
	}
	if name == "Local" {
		return nil, fmt.Errorf("time zone %q names this machine's zone, which AWS does not know; use an IANA name, such as Europe/Paris, or UTC", name)
	}
	if strings.TrimSpace(name) != name {
		return nil, fmt.Errorf("time zone %q has spaces around it; remove them", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q is not an IANA time zone name; use one such as Europe/Paris, America/New_York or UTC (names are case-sensitive)", name)
	}
	return loc, nil
}

// ValidateTimezone reports whether name is a time zone LoadTimezone accepts.
func ValidateTimezone(name string) error {
	_, err := LoadTimezone(name)
	return err
}
