package ratingtest_test

import (
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rating/ratingtest"
)

// BenchmarkCheckSettings measures CheckSettings on the defaults: rapid's 100 cases (-rapid.checks) per iteration.
func BenchmarkCheckSettings(b *testing.B) {
	s := rating.DefaultPersonalSettings()
	b.ReportAllocs()
	for range b.N {
		ratingtest.CheckSettings(b, s)
	}
}

// BenchmarkCheckDepartmentSettings measures CheckDepartmentSettings on the defaults: rapid's 100 cases per
// iteration.
func BenchmarkCheckDepartmentSettings(b *testing.B) {
	s := rating.DefaultDepartmentSettings()
	b.ReportAllocs()
	for range b.N {
		ratingtest.CheckDepartmentSettings(b, s)
	}
}
