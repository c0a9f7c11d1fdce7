package complaints

import (
	"fmt"
	"testing"
	"time"
)

func BenchmarkDeadline(b *testing.B) {
	alm := mustLoc(b, "Asia/Almaty")
	r := at(alm, 2026, 3, 2, 10, 0)
	for _, p := range []Policy{DefaultPolicy(alm), KazakhstanMicrofinance(alm)} {
		b.Run(p.Unit.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := p.Deadline(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchComplaint(b *testing.B, id string, r time.Time, p Policy) Complaint {
	c, err := New(p, Info{ID: id, Employee: fmt.Sprint(len(id) % 7), ReceivedAt: r})
	if err != nil {
		b.Fatal(err)
	}
	c, _ = c.Append(Event{Kind: Acknowledged, At: r.Add(time.Hour)})
	c, _ = c.Append(Event{Kind: Paused, At: r.Add(30 * time.Hour), Reason: "documents"})
	c, _ = c.Append(Event{Kind: Resumed, At: r.Add(80 * time.Hour)})
	c, err = c.Append(Event{Kind: Extended, At: r.Add(100 * time.Hour), Length: 5, Reason: "facts", NoticeAt: r.Add(100 * time.Hour)})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkStatus(b *testing.B) {
	alm := mustLoc(b, "Asia/Almaty")
	r := at(alm, 2026, 3, 2, 10, 0)
	c := benchComplaint(b, "C-1", r, KazakhstanMicrofinance(alm))
	now := at(alm, 2026, 3, 20, 10, 0)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := c.Status(now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReport1000(b *testing.B) {
	alm := mustLoc(b, "Asia/Almaty")
	p := KazakhstanMicrofinance(alm)
	cs := make([]Complaint, 1000)
	for i := range cs {
		cs[i] = benchComplaint(b, fmt.Sprintf("C-%04d", i), at(alm, 2026, 1, 10, 10, 0).Add(time.Duration(i)*3*time.Hour), p)
	}
	now := at(alm, 2026, 6, 1, 0, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := NewReport(cs, now, ReportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
