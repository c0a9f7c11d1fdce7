package rubric

import (
	"embed"
	"fmt"
	"slices"
	"sync"
)

//go:embed templates/*.json
var templateFS embed.FS

// IDs of the built-in templates.
const (
	CallQualityID    = "call-quality"
	PhoneEtiquetteID = "phone-etiquette"
	BranchAuditID    = "branch-audit"
)

var templateIDs = []string{CallQualityID, PhoneEtiquetteID, BranchAuditID}

var (
	templatesOnce sync.Once
	templates     map[string]*Rubric
	templatesErr  error
)

func loadTemplates() {
	templates = map[string]*Rubric{}
	for _, id := range templateIDs {
		data, err := templateFS.ReadFile("templates/" + id + ".json")
		if err == nil {
			templates[id], err = Parse(data)
		}
		if err != nil {
			templatesErr = fmt.Errorf("rubric: built-in template %q: %w", id, err) // a build defect, never bad input
			return
		}
	}
}

// Templates returns the IDs of the built-in templates.
func Templates() []string { return slices.Clone(templateIDs) }

// Template returns the built-in template with the given ID. The returned *Rubric is shared and, like every Rubric,
// immutable and safe for concurrent use.
func Template(id string) (*Rubric, error) {
	templatesOnce.Do(loadTemplates)
	if templatesErr != nil {
		return nil, templatesErr
	}
	r, ok := templates[id]
	if !ok {
		return nil, fail("id", quote(id), fmt.Sprintf("one of %q", templateIDs), ErrUnknownTemplate)
	}
	return r, nil
}

// TemplateJSON returns a copy of the JSON definition of a built-in template, to copy and adapt.
func TemplateJSON(id string) ([]byte, error) {
	if !slices.Contains(templateIDs, id) {
		return nil, fail("id", quote(id), fmt.Sprintf("one of %q", templateIDs), ErrUnknownTemplate)
	}
	return templateFS.ReadFile("templates/" + id + ".json")
}

func mustTemplate(id string) *Rubric {
	r, err := Template(id)
	if err != nil {
		panic(err) // the templates are embedded and tested; failing here is a build defect
	}
	return r
}

// CallQuality returns the phone-call rubric of SPEC R1–R4 (source: the "Client service" concept of 1 March 2023,
// Appendix 1): ten criteria of 0–0.5 points in steps of 0.1, a maximum of 5; tonality green (0.5), yellow (0 for
// the criterion) and red (0 for the whole call); the fatal violations "promise_not_kept" and "profanity", each 0
// for the whole call. Titles are in Russian, as in the source, and English.
func CallQuality() *Rubric { return mustTemplate(CallQualityID) }

// PhoneEtiquette returns a binary checklist of the phone etiquette of SPEC R20–R22: the standard greeting, hold
// rules (no more than 2 minutes), call-backs at the agreed time, answering every question, letting the client end
// the call. Hold and call-back items may be N/A (excluded); the total is on 0–5, rounded half-up to 4 places when
// it does not come out exact.
func PhoneEtiquette() *Rubric { return mustTemplate(PhoneEtiquetteID) }

// BranchAudit returns a branch / mystery-shopper checklist of SPEC R23: one binary item per common mistake, in
// three equally weighted sections (interaction, qualification, appearance and workplace); an item passes when the
// mistake was not observed.
func BranchAudit() *Rubric { return mustTemplate(BranchAuditID) }
