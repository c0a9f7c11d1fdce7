package survey_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// benchStream returns n responses spread over a year, 20 employees, every answer kind.
func benchStream(n int) []survey.Response {
	kinds := []survey.Answer{csiAnswer(4), recommendAnswer(true), classicAnswer(9),
		csatAnswer(5), cesAnswer(2), fcrAnswer(false), csiAnswer(2),
		classicAnswer(3)}
	rs := make([]survey.Response, n)
	for i := range rs {
		rs[i] = survey.Response{
			Client:   fmt.Sprintf("c%d", i%(n/3+1)),
			Employee: fmt.Sprintf("e%02d", i%20),
			Channel:  []string{"phone", "email", "office"}[i%3],
			At:       base.Add(time.Duration(i) * (365 * 24 * time.Hour / time.Duration(n))),
			Answer:   kinds[i%len(kinds)],
		}
	}
	return rs
}

func BenchmarkSegmentsMonthlyCumulative(b *testing.B) {
	rs := benchStream(100_000)
	months, _ := months(base, base.AddDate(1, 0, 0), time.UTC)
	g := survey.Grouping{Key: byEmployee, Periods: months, Cumulative: true}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := survey.Segments(rs, g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSegmentsMonthly(b *testing.B) {
	rs := benchStream(100_000)
	months, _ := months(base, base.AddDate(1, 0, 0), time.UTC)
	g := survey.Grouping{Key: byEmployee, Periods: months}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := survey.Segments(rs, g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTally(b *testing.B) {
	rs := benchStream(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := survey.Tally(rs, survey.ClassicCuts{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCSIFromAnswers(b *testing.B) {
	answers := make([]int, 10_000)
	for i := range answers {
		answers[i] = i%5 + 1
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := survey.CSIFromAnswers(answers); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecommendPoints(b *testing.B) {
	s, _ := survey.NewShare(2, 3)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := rounded(2, sq.HalfUp)(s.Points()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassicMargin(b *testing.B) {
	c, _ := survey.NewClassicNPS(291, 476, 395)
	level := decimal.RequireFromString("0.95")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Margin(level, prec(2, sq.HalfUp)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCSATWilson(b *testing.B) {
	c, _ := survey.NewShare(81, 263)
	level := decimal.RequireFromString("0.95")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Wilson(level, 4); err != nil {
			b.Fatal(err)
		}
	}
}

// storedTallies returns the tallies of a 100 000-response stream, as a service keeps them per employee.
func storedTallies(b *testing.B) survey.Tallies {
	t, err := survey.Tally(benchStream(100_000), survey.ClassicCuts{})
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// BenchmarkTalliesUpdateJSON: read stored tallies from JSON, count one answer, write them back.
func BenchmarkTalliesUpdateJSON(b *testing.B) {
	data, err := json.Marshal(storedTallies(b))
	if err != nil {
		b.Fatal(err)
	}
	one := csiAnswer(5)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var t survey.Tallies
		if err := json.Unmarshal(data, &t); err != nil {
			b.Fatal(err)
		}
		one, err := survey.Tally([]survey.Response{{Answer: one}}, survey.ClassicCuts{})
		if err != nil {
			b.Fatal(err)
		}
		if t, err = t.Merge(one); err != nil {
			b.Fatal(err)
		}
		if data, err = json.Marshal(t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTalliesUpdateBinary: the same with the binary form, Add in place and a reused buffer.
func BenchmarkTalliesUpdateBinary(b *testing.B) {
	data, err := storedTallies(b).MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	one := csiAnswer(5)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var t survey.Tallies
		if err := t.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
		if err := t.Add(one, survey.ClassicCuts{}); err != nil {
			b.Fatal(err)
		}
		if buf, err = t.AppendBinary(buf[:0]); err != nil {
			b.Fatal(err)
		}
		data = append(data[:0], buf...)
	}
}
