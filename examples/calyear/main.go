// Command calyear prints a calendar year the way a compliance officer checks it against the official balance of
// working time before loading it: the working days of each month and of the year, the holidays and days off, the
// weekend days made working days, the shortened days, and whether the data is official or provisional (and by
// which rule).
//
//	go run ./examples/calyear complaints/calendars/kz-2026.json   # a year file
//	go run ./examples/calyear -calendar RU -year 2028             # a year of a built-in calendar
//	go run ./examples/calyear -calendar KZ kz-2027.json           # check a file as an overlay of a built-in calendar
//
// A year file has the format of complaints/calendars/*.json (see complaints.Year). With -calendar and a file,
// the file is loaded with WorkCalendar.Overlay onto the built-in calendar, so the checks of an update are made:
// a provisional year cannot replace an official one, and every date must be valid.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/sq"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "calyear:", err)
		os.Exit(1)
	}
}

// maxFile bounds the year file read, in bytes.
const maxFile = 1 << 20 // the limit of complaints.ParseYear

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("calyear", flag.ContinueOnError)
	fs.SetOutput(out)
	name := fs.String("calendar", "", "a built-in calendar: KZ, RU or GB-EW")
	year := fs.Int("year", 0, "with -calendar and no file: the year to print")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var cal *complaints.WorkCalendar
	if *name != "" {
		switch *name {
		case "KZ":
			cal = complaints.Kazakhstan()
		case "RU":
			cal = complaints.Russia()
		case "GB-EW":
			cal = complaints.EnglandWales()
		default:
			return fmt.Errorf("calendar %q is not one of KZ, RU, GB-EW", *name)
		}
	}
	switch {
	case fs.NArg() == 1:
		y, err := readYear(fs.Arg(0))
		if err != nil {
			return err
		}
		if cal == nil {
			if cal, err = complaints.NewCalendar(complaints.CalendarData{Name: fs.Arg(0), Week: complaints.Weekdays().Data().Week,
				Years: []complaints.Year{y}}); err != nil {
				return err
			}
		} else if cal, err = cal.Overlay(y); err != nil {
			return err
		}
		return printYear(out, cal, y.Year)
	case fs.NArg() == 0 && cal != nil && *year != 0:
		return printYear(out, cal, *year)
	}
	return errors.New("usage: calyear [-calendar KZ|RU|GB-EW] FILE.json, or calyear -calendar KZ|RU|GB-EW -year YYYY")
}

func readYear(path string) (complaints.Year, error) {
	f, err := os.Open(path)
	if err != nil {
		return complaints.Year{}, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return complaints.Year{}, err
	}
	if len(b) > maxFile {
		return complaints.Year{}, fmt.Errorf("%s: more than %d bytes", path, maxFile)
	}
	y, err := complaints.ParseYear(b)
	if err != nil {
		return complaints.Year{}, fmt.Errorf("%s: %w", path, err)
	}
	return y, nil
}

func printYear(out io.Writer, cal *complaints.WorkCalendar, year int) error {
	var y *complaints.Year
	data := cal.Data()
	var covered []int
	for i := range data.Years {
		covered = append(covered, data.Years[i].Year)
		if data.Years[i].Year == year {
			y = &data.Years[i]
		}
	}
	if y == nil {
		return fmt.Errorf("calendar %s has no data for %d (it covers %v)", cal.Name(), year, covered)
	}
	status := "official"
	if y.Provisional {
		status = "PROVISIONAL"
	}
	fmt.Fprintf(out, "%s %d: %s data (calendar version %s)\n", cal.Name(), year, status, cal.Version())
	if y.Rule != "" {
		fmt.Fprintf(out, "rule: %s\n", clean(y.Rule))
	}
	fmt.Fprintf(out, "source: %s\n\n", clean(y.Source))
	total, weekdays := 0, 0
	fmt.Fprintln(out, "month      working days  (weekdays)")
	for m := time.January; m <= time.December; m++ {
		n, wd := 0, 0
		for d := sq.NewDate(year, m, 1); d.Month == m; d = d.AddDays(1) {
			t := d.Start(time.UTC).Add(12 * time.Hour)
			if w := d.Weekday(); w != time.Saturday && w != time.Sunday {
				wd++
			}
			if cal.IsWorkday(t) {
				n++
			}
		}
		total += n
		weekdays += wd
		fmt.Fprintf(out, "%-10s %12d  (%d)\n", m, n, wd)
	}
	fmt.Fprintf(out, "%-10s %12d  (%d)\n\n", "year", total, weekdays)
	for _, l := range []struct {
		title string
		days  []complaints.Day
	}{{"holidays and days off", y.Holidays}, {"weekend days made working days", y.Workdays}, {"shortened days", y.Shortened}} {
		fmt.Fprintf(out, "%s: %d\n", l.title, len(l.days))
		for _, d := range l.days {
			fmt.Fprintf(out, "  %s %s  %s\n", d.Date, d.Date.Weekday().String()[:3], clean(d.Name))
		}
	}
	return nil
}

// clean escapes control characters, so a year file cannot write terminal escape codes.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}
