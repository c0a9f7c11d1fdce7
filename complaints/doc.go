// Package complaints counts complaint deadlines and reports on a complaints register: the 15-day maximum term of
// the source's complaint mechanism (SPEC R16–R19), calendars of working days, pauses, extensions, milestones and
// the report for management.
//
// # Overview
//
//   - [Policy] states a term: its length and [Unit] (calendar days, working days, weeks), day 1 ([Start]), when
//     a complaint counts as registered, the instant the term ends, whether a last day off moves to a working day,
//     the [Extension] allowed and the [Milestone]s. [Default] is the source's 15 calendar days; presets give the
//     terms of regulators: [KazakhstanMicrofinance], [PSD2], [FCA], [FCAPaymentServices], [CFPB],
//     [RussiaFinancialOrganisations], [RussiaCitizenAppeals].
//   - [Policy.Deadline] returns the [Deadline] of a complaint received at a given time.
//   - [Calendar] is any type with IsWorkday(time.Time) bool, so a *cal.BusinessCalendar of
//     github.com/rickar/cal/v2 plugs in as it is. [WorkCalendar] is the built-in one: a [Week] pattern plus per-year
//     holidays, transferred working days and shortened days ([CalendarData], [Year]), built by [NewCalendar] or
//     read from JSON by [ParseCalendar]. [Kazakhstan] and [Russia] ship official data for 2024–2026.
//   - [Complaint] holds a complaint's data ([Info]: ID, channel, category, employee, receipt) and its history of
//     [Event]s, appended by [Complaint.Acknowledge], [Complaint.Pause], [Complaint.Resume], [Complaint.Extend],
//     [Complaint.Resolve] and [Complaint.Close]; each returns a new value and refuses impossible histories with an
//     [*EventError].
//   - [Complaint.Status] gives the [Status] at a time: due at, time remaining (as a duration and in the policy's
//     unit), due soon, breached and since when, time paused, milestones.
//   - [NewReport] builds the register [Report] (SPEC R18): counts by status, on-time rate, the overdue list,
//     mean and 90th-percentile time to resolution, broken down by channel, category and employee.
//   - JSON: [ParsePolicy], [ParseCalendar], [DecodeComplaint] and the MarshalJSON methods; decoding is strict.
//
// # Counting a term
//
// Every instant is first converted to the policy's Location; days are the calendar dates there.
//
//  1. Registration day: the date of receipt, moved to the next day when the receipt is at or after
//     ReceiptCutoff, then to the next working day when RegisterOnWorkday is set.
//  2. Day 1 is the day after registration (NextDay, the default, as the civil codes of Kazakhstan and Russia and
//     EU Regulation 1182/71 count) or the registration day itself (SameDay).
//  3. The last day is day Length (plus extensions) counted in the unit: every day for CalendarDays; every working
//     day of the Calendar for WorkingDays (day 1 is the first working day on or after the start); for Weeks, the
//     day n weeks on, the same weekday as the registration day under NextDay.
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
// Example, 15 working days on the Kazakhstan calendar, received Monday 2026-03-02: the last day is Friday
// 03-27 (Nauryz days off 03-23 to 03-25 are skipped). Paused Thursday 03-05 16:00, resumed Monday 03-09 10:00:
// the pause touched Thursday 03-05, Friday 03-06 and Monday 03-09 (a day off for 8 March in Kazakhstan, so not a
// working day), and the weekend; the working days among them are 03-05 and 03-06, so the deadline moves by two
// working days to Tuesday 03-31.
//
// # Calendars
//
// A Policy asks its Calendar about 12:00 of each date in the policy's Location. A [*WorkCalendar] reads the date
// of the time it is given in that time's location, as rickar/cal does. With rickar/cal:
//
//	bc := cal.NewBusinessCalendar()   // github.com/rickar/cal/v2
//	bc.AddHoliday(gb.Holidays...)     // github.com/rickar/cal/v2/gb
//	p := complaints.FCAPaymentServices(bc, london)
//
// The built-in calendars cover only the years listed in their data (see [WorkCalendar.Years]); a deadline that
// needs a day of another year fails with [ErrCalendarRange] instead of guessing. Each data file in calendars/
// names the law or decree it comes from and where it was published. Kazakhstan: 2024, 2025, 2026 (the five-day
// week; shortened days are not listed). Russia: 2024, 2025, 2026 (the five-day week, with the shortened days of
// Labour Code art. 95). Earlier and later years are not shipped: add them with [NewCalendar] once the decree on
// transfers is published.
//
// # Time zones
//
// A Policy has an explicit Location; time.Local is refused. Days follow the local calendar through daylight-saving
// changes and through changes of a zone's offset, such as Asia/Almaty moving from UTC+6 to UTC+5 on 2024-03-01.
//
// # Concurrency and zero values
//
// Policies, calendars, complaints, statuses and reports are values that are never changed after they are built,
// and are safe for concurrent use. The zero Policy is invalid (no Length, no Location); the zero Complaint is
// refused by its methods; a nil *WorkCalendar is the Monday-to-Friday week. Time is always an argument: nothing
// in this package reads the clock.
package complaints
