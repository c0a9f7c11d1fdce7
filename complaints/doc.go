// Package complaints counts complaint deadlines and reports on a complaints register: the 15-day maximum term of
// the source's complaint mechanism (SPEC R16–R19), calendars of working days, pauses, extensions, milestones and
// the report for management.
//
// # Overview
//
//   - [Policy] states a term: its length and [Unit] (calendar days, working days, weeks), day 1 (SameDay), when
//     a complaint counts as registered, the instant the term ends, whether a last day off moves to a working day,
//     the [Extension] allowed and the [Milestone]s. [DefaultPolicy] is the source's 15 calendar days; presets give the
//     terms of regulators: [KazakhstanMicrofinance], [PSD2], [FCA], [FCAPaymentServices], [CFPB],
//     [RussiaFinancialOrganisations], [RussiaCitizenAppeals].
//   - [Policy.Deadline] returns the [Deadline] of a complaint received at a given time.
//   - [Calendar] is any type with IsWorkday(time.Time) bool, so a *cal.BusinessCalendar of
//     github.com/rickar/cal/v2 plugs in as it is. [WorkCalendar] is the built-in one: a [Week] pattern plus per-year
//     holidays, transferred working days and shortened days ([CalendarData], [Year]), built by [NewCalendar] or
//     read from JSON by [ParseCalendar]. [Kazakhstan], [Russia] and [EnglandWales] are built in (below).
//   - [Complaint] holds a complaint's data ([Info]: ID, channel, category, employee, receipt) and its history of
//     [Event]s (acknowledged, paused, resumed, extended, responded, resolved, closed) recorded by
//     [Complaint.Append], which returns a new value and refuses impossible histories with an [*sq.Error] wrapping
//     [ErrInvalidHistory].
//   - [Complaint.Status] gives the [Status] at a time: due at, time remaining (as a duration and in the policy's
//     unit), due soon, breached and since when, time paused, milestones.
//   - [NewReport] builds the register [Report] (SPEC R18): every complaint's status, counts by status, exact
//     on-time and response rates, the overdue list, mean and 90th-percentile time to resolution, broken down by
//     channel, category and employee, and the time to the first response against a target per channel
//     ([ReportOptions], SPEC R15). A complaint whose status cannot be computed is listed in Report.Failed with its
//     error; the rest of the register is reported.
//   - JSON: [ParsePolicy], [ParseCalendar], [ParseYear], [ParseComplaint] (a complaint with its stored policy and
//     calendar version, or under the policy in force), and the MarshalJSON methods; decoding is strict.
//     [Complaint] is a database/sql value; dates are [sq.Date]. Generators and checkers for test suites are in
//     complaints/complaintstest.
//
// # Counting a term
//
// Every instant is first converted to the policy's Location; days are the calendar dates there.
//
//  1. Registration day: the date of receipt, moved to the next day when the receipt is at or after
//     ReceiptCutoff, then to the next working day when RegisterOnWorkday is set.
//  2. Day 1 is the day after registration (the default, as the civil codes of Kazakhstan and Russia and
//     EU Regulation 1182/71 count) or the registration day itself (SameDay).
//  3. The last day is day Length (plus extensions) counted in the unit: every day for CalendarDays; every working
//     day of the Calendar for WorkingDays (day 1 is the first working day on or after the start); for Weeks, the
//     day n weeks on, the same weekday as the registration day by default.
//  4. Pauses move the last day (below). Then, with MoveToWorkday, a last day that is not a working day moves to
//     the next working day.
//  5. The term ends at the end of the last day (the first instant of the next day), or at DueBy on the last day.
//
// Received 2026-03-02 10:00 in Asia/Almaty under Default: registration 03-02, day 1 is 03-03, day 15 is 03-17, and
// the term ends at 2026-03-18 00:00 +05, the end of 03-17.
//
// # Pauses
//
// A pause (waiting on the client) moves the deadline by the days it touched, counted in the policy's unit:
// every calendar day on which the clock stood still for any part of the day (calendar-day and week policies), or
// every such working day (working-day policies). A day touched by two pauses counts once. A pause that begins at
// or after the deadline in force does not move it: a breach is never undone.
//
// # Calendars
//
// A Policy asks its Calendar about 12:00 of each date in the policy's Location. A [*WorkCalendar] reads the date
// of the time it is given in that time's location, as rickar/cal does. With rickar/cal:
//
//	bc := cal.NewBusinessCalendar()   // github.com/rickar/cal/v2
//	bc.AddHoliday(de.HolidaysBY...)   // github.com/rickar/cal/v2/de
//	p := complaints.PSD2(bc, berlin)
//
// The built-in calendars hold official data, each year citing the law, decree or official list it comes from
// (the files in calendars/), checked month by month against the published balance of working time:
//
//   - [Kazakhstan]: 2024–2026 official (2026 as changed by the Constitution of 15 March 2026: 31 August works);
//     2027–2035 provisional ([WorkCalendar.ProvisionalYear]; Kurban Ait at its estimated date).
//   - [Russia]: 2024–2027 official (2027: Government decree No. 1187 of 17 September 2026); 2028–2035
//     provisional ([WorkCalendar.ProvisionalYear]: Labour Code art. 112 without the January transfers only a
//     decree makes).
//   - [EnglandWales]: 2024–2028 as published on gov.uk; 2029–2035 provisional ([WorkCalendar.ProvisionalYear]).
//
// A provisional year is built from the statute's own rules and says so ([Year].Provisional and Rule, also in
// JSON). A deadline counted on it still comes out, and its [Basis] lists the provisional years and names the
// calendar data (name and [WorkCalendar.Version]); Status, the report's rows and their JSON carry it. A policy
// with OfficialDataOnly refuses such a deadline with [ErrProvisional]. A date outside the calendar's years fails
// with [ErrCalendarRange], whose message says which year to add and how; [New] and [Complaint.Append] of an
// extension refuse a complaint or an extension whose deadline cannot be counted, so no later Status fails for it.
//
// To update a calendar without a release, read the official year file with [ParseYear] and load it with
// [WorkCalendar.Overlay] (the official year replaces the provisional one, never the other way); then recount open
// complaints with [Complaint.Recompute], or compare stored deadlines with [CompareDeadline], whose [Change] says
// how a deadline moved and why. `go run ./examples/calyear` checks a year file first.
//
// # Time zones
//
// A Policy has an explicit Location; time.Local is refused. Days follow the local calendar through daylight-saving
// changes and through changes of a zone's offset, such as Asia/Almaty moving from UTC+6 to UTC+5 on 2024-03-01.
// ReceiptCutoff and DueBy are wall-clock times, taking effect at the earliest instant the local clock reads that
// time or later ([sq.Date.At]): a skipped time when the clock jumps past it, a repeated time at its first occurrence.
//
// # Concurrency and zero values
//
// Policies, calendars, complaints, statuses and reports are values that are never changed after they are built,
// and are safe for concurrent use. The zero Policy is invalid (no Length, no Location); the zero Complaint is
// refused by its methods; a nil *WorkCalendar is the Monday-to-Friday week. Time is always an argument: nothing
// in this package reads the clock.
package complaints
