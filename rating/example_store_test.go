package rating_test

import (
	"encoding/json"
	"fmt"

	"github.com/servicequality/servicequality/rating"
)

// An accumulator resumed from what SELECT COUNT(*), SUM(total) gives, and what a rating writes to a database
// column: its stored value, never the displayed one.
func ExampleNewAccumulator() {
	earlier, err := rating.NewAccumulator(4, dec("17.4")) // four calls evaluated last quarter
	if err != nil {
		panic(err)
	}
	if err := earlier.Add(dec("4.6")); err != nil {
		panic(err)
	}
	mean, _ := earlier.Mean()
	fmt.Println(earlier, "mean", mean)

	_, err = rating.NewAccumulator(2, dec("10.5")) // more than 5 points a call
	fmt.Println(err)
	// Output:
	// n=5 sum=22 mean 4.4
	// rating: accumulator: sum 10.5 of 2 values is outside 0–10: value out of range
}

// A personal rating keeps everything in its JSON form: the exact value, the breakdown and the reasons.
func ExamplePersonal_MarshalJSON() {
	r, err := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	if err != nil {
		panic(err)
	}
	p, err := r.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: evaluated("anna", "4.3", "4.5"),
		Survey: rating.Survey{CSI: present("4.6"), Surveyed: 10, Clients: 200}})
	if err != nil {
		panic(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	fmt.Println("shown:", p)
	// Output:
	// {"employee_id":"anna","calls":{"count":2,"sum":"8.8"},"rating":{"status":"insufficient","stored":"4.5","value":"9/2","coverage":"1","components":[{"name":"calls","weight":"1","present":true,"value":"22/5"},{"name":"survey","weight":"1","present":true,"value":"23/5"}],"reasons":[{"code":"few-calls","component":"","message":"2 evaluated calls, at least 5 needed"},{"code":"missing-component","component":"nps","message":"survey component \"nps\" is missing, the survey index is renormalized over 0.5 of its weight"}]}}
	// shown: insufficient [4.5]: few-calls, missing-component
}
