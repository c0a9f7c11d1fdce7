package complaints

import "time"

// Presets. Each returns plain Policy data, to use as it is or to change: set RegisterOnWorkday, ReceiptCutoff,
// DueBy, DueSoon or the milestones to match an organisation's own rules. Each documents its source and what this
// package had to assume where the source leaves a point open. None is legal advice: check the text in force.
//
// Common assumptions:
//   - "Within N days of receipt" is counted from the day after receipt (SameDay false), as the civil codes of
//     Kazakhstan and Russia and EU Regulation 1182/71 count, and ends at the end of day N in the policy's location.
//   - A "business day" or "working day" is a working day of the calendar given or built in: Monday to Friday less
//     the holidays, plus the weekend days made working days.
//   - Where the source lets the term be extended with a notice to the client, the preset requires the notice
//     before the deadline in force and a reason.

// KazakhstanMicrofinance returns the complaint term of the Law of the Republic of Kazakhstan No. 56-V of
// 26 November 2012 "On microfinance activities", art. 17 para. 1 subpara. 9: a client's request is considered
// within 15 working days of its receipt by the organisation; the term may be extended by 15 working days when
// factual circumstances relevant to the request must be established.
//
// Calendar: Kazakhstan() (official and provisional years; see the package documentation). Assumptions: the extension needs a reason and a notice to the client
// before the original deadline; receipt on a day off is not moved (set RegisterOnWorkday to move it).
func KazakhstanMicrofinance(loc *time.Location) Policy {
	return Policy{Name: "KZ microfinance law art. 17: 15 working days (+15)", Length: 15, Unit: WorkingDays,
		Location: loc, Calendar: Kazakhstan(),
		Extension: Extension{Max: 15, ReasonRequired: true, NoticeRequired: true}}
}

// PSD2 returns the term of Directive (EU) 2015/2366 (PSD2), art. 101(2): a reply within 15 business days of
// receipt of the complaint; in exceptional situations, for reasons beyond the provider's control, a holding
// reply within those 15 business days giving the reasons and the date of the final reply, and the final reply
// within 35 business days.
//
// In this policy the exceptional case is an extension of up to 20 business days (15 + 20 = 35) whose notice is
// the holding reply: it needs a reason and must reach the client before the 15-business-day deadline; the
// HoldingReply milestone (15 business days) reports whether it did. cal gives the business days of the Member
// State concerned (the directive does not define them); loc its time zone.
func PSD2(cal Calendar, loc *time.Location) Policy {
	return Policy{Name: "PSD2 art. 101(2): 15 business days (35 exceptionally)", Length: 15, Unit: WorkingDays,
		Location: loc, Calendar: cal,
		Extension:    Extension{Max: 20, ReasonRequired: true, NoticeRequired: true},
		HoldingReply: Milestone{Length: 15, Unit: WorkingDays}}
}

// FCA returns the general term of the UK FCA Handbook, DISP 1.6.2R: by the end of eight weeks after receipt of
// the complaint, a final response, or a written response explaining why a final response cannot yet be given and
// that the complainant may refer the complaint to the Financial Ombudsman Service.
//
// The term ends at the end of the day eight weeks after the day of receipt (the same weekday). The written
// response of DISP 1.6.2R(2) does not extend the term, so the policy has no extension; record it as a resolution
// or as a note. DISP 1.6.1R asks for a prompt written acknowledgement, with no fixed term: set Acknowledge if
// the firm has one. loc is normally Europe/London.
func FCA(loc *time.Location) Policy {
	return Policy{Name: "FCA DISP 1.6.2R: 8 weeks", Length: 8, Unit: Weeks, Location: loc}
}

// FCAPaymentServices returns the term of DISP 1.6.2AR for complaints about payment services and e-money (PSD
// and EMD complaints): a final response by the end of 15 business days after the day of receipt; in exceptional
// circumstances beyond the firm's control, a holding response within that time and the final response by the end
// of 35 business days.
//
// As in PSD2, the exceptional case is an extension of up to 20 business days whose notice is the holding
// response, reported by the HoldingReply milestone. Business days (the FCA Glossary: not a Saturday, Sunday,
// Christmas Day, Good Friday or a bank holiday) are those of EnglandWales(); for a firm in Scotland or Northern
// Ireland set Calendar to a calendar of its bank holidays. loc is normally Europe/London.
func FCAPaymentServices(loc *time.Location) Policy {
	p := PSD2(EnglandWales(), loc)
	p.Name = "FCA DISP 1.6.2AR: 15 business days (35 exceptionally)"
	return p
}

// CFPB returns the expectations of the US Consumer Financial Protection Bureau's Company Portal Manual (section
// 8.1): a response to a complaint within 15 calendar days of its being sent to the company; when it cannot be
// closed in that time, the company marks it "in progress" and gives a final response within 60 calendar days.
//
// The "in progress" response is an extension of up to 45 calendar days (15 + 45 = 60) whose notice must come
// before the 15-day deadline, reported by the HoldingReply milestone. Pass the time the CFPB sent the complaint
// as the receipt time. These are the Bureau's expectations, not a statute; they do not replace statutory terms.
func CFPB(loc *time.Location) Policy {
	return Policy{Name: "CFPB portal: 15 days (final within 60)", Length: 15, Unit: CalendarDays, Location: loc,
		Extension:    Extension{Max: 45, NoticeRequired: true},
		HoldingReply: Milestone{Length: 15, Unit: CalendarDays}}
}

// RussiaFinancialOrganisations returns the term for complaints to Russian financial organisations (banks,
// microfinance organisations, insurers and other organisations supervised by the Bank of Russia) under Federal
// Law No. 442-FZ of 4 August 2023, which amended Federal Law No. 86-FZ "On the Central Bank of the Russian
// Federation (Bank of Russia)" and other acts with a single procedure in force from 1 July 2024: a reply within
// 15 working days of the registration of the complaint, unless a federal law sets another term for a category of
// complaints; when additional documents and materials are requested, the term may be extended by at most 10
// working days with a notice to the complainant.
//
// Calendar: Russia() (official and provisional years). Pass the registration time as the receipt time. The financial ombudsman of
// Federal Law No. 123-FZ has its own terms, which this preset does not cover.
func RussiaFinancialOrganisations(loc *time.Location) Policy {
	return Policy{Name: "RU 442-FZ financial organisations: 15 working days (+10)", Length: 15, Unit: WorkingDays,
		Location: loc, Calendar: Russia(),
		Extension: Extension{Max: 10, ReasonRequired: true, NoticeRequired: true}}
}

// RussiaCitizenAppeals returns the term of Federal Law No. 59-FZ of 2 May 2006 "On the procedure for considering
// appeals of citizens of the Russian Federation", art. 12: a written appeal is considered within 30 days of its
// registration; in exceptional cases the head of the body may extend the term by at most 30 days, notifying the
// citizen.
//
// Days are calendar days; the law does not say that a last day off moves, so MoveToWorkday is off (set it, with a
// Calendar such as Russia(), to move it). Art. 8 allows registration up to three days after receipt: pass the
// registration time as the receipt time.
func RussiaCitizenAppeals(loc *time.Location) Policy {
	return Policy{Name: "RU 59-FZ art. 12: 30 days (+30)", Length: 30, Unit: CalendarDays, Location: loc,
		Extension: Extension{Max: 30, ReasonRequired: true, NoticeRequired: true}}
}
