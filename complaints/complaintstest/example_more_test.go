package complaintstest_test

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/complaints/complaintstest"
)

// Draws draws more receipts per rapid case, Between keeps them in a window, Skip leaves out an invariant a policy
// breaks on purpose. The Kazakhstan microfinance preset passes over 2027, a provisional year.
func ExampleDraws() {
	alm, err := time.LoadLocation("Asia/Almaty")
	if err != nil {
		fmt.Println(err)
		return
	}
	t := &printer{} // in a test: t
	complaintstest.CheckPolicy(t, complaints.KazakhstanMicrofinance(alm), complaintstest.Draws(2),
		complaintstest.Between(time.Date(2027, 1, 1, 0, 0, 0, 0, alm), time.Date(2027, 12, 1, 0, 0, 0, 0, alm)),
		complaintstest.Skip(complaintstest.InvJSON))
	fmt.Println("failed:", t.Failed())
	// Output: failed: false
}

// Skip leaves out an invariant: a policy in a time.FixedZone cannot be written as JSON, which is all that fails.
func ExampleSkip() {
	t := &printer{} // in a test: t
	complaintstest.CheckPolicy(t, complaints.DefaultPolicy(time.FixedZone("UTC+5", 5*3600)),
		complaintstest.Skip(complaintstest.InvJSON))
	fmt.Println("failed:", t.Failed())
	// Output: failed: false
}

// Between keeps the receipts drawn in a window: here the last days of the official 2026 data and the start of 2027.
func ExampleBetween() {
	msk, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		fmt.Println(err)
		return
	}
	t := &printer{} // in a test: t
	complaintstest.CheckPolicy(t, complaints.RussiaFinancialOrganisations(msk),
		complaintstest.Between(time.Date(2026, 12, 1, 0, 0, 0, 0, msk), time.Date(2027, 2, 1, 0, 0, 0, 0, msk)))
	fmt.Println("failed:", t.Failed())
	// Output: failed: false
}
