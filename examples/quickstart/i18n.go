package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// catalogue holds every word of the report: key → [English, Russian]. A key "group.item" is an entry of a
// lookup table (channels.email); a noun's forms are separated by "|": singular and plural in English, and in
// Russian the forms for 1 (21, 31, ...), for 2–4 (22–24, ...) and for the rest.
//
//go:embed texts.json
var catalogueJSON []byte

var catalogue = func() map[string][2]string {
	var m map[string][2]string
	if err := json.Unmarshal(catalogueJSON, &m); err != nil {
		panic("quickstart: texts.json: " + err.Error()) // a build error: the file is embedded
	}
	return m
}()

// texts is the report's language: its catalogue column and its conventions for numbers and dates.
type texts struct {
	code         string
	column       int    // in the catalogue
	decimalComma bool   // 4,5 rather than 4.5
	dateLayout   string // for dates shown to people
}

// languages are the report languages of -lang.
var languages = map[string]*texts{
	"en": {code: "en", column: 0, dateLayout: "2006-01-02"},
	"ru": {code: "ru", column: 1, decimalComma: true, dateLayout: "02.01.2006"},
}

// s returns the text of key; an unknown key shows as itself in brackets (the golden tests would catch it).
func (t *texts) s(key string) string {
	if e, ok := catalogue[key]; ok {
		return e[t.column]
	}
	return "[" + key + "]"
}

// f formats the text of key with args.
func (t *texts) f(key string, args ...any) string { return fmt.Sprintf(t.s(key), args...) }

// lookup returns the text of group.key (key as fmt.Sprint writes it), or key when the catalogue has no entry.
func (t *texts) lookup(group string, key any) string {
	if e, ok := catalogue[group+"."+fmt.Sprint(key)]; ok {
		return e[t.column]
	}
	return fmt.Sprint(key)
}

// count writes n and the noun key in the form that agrees with n: "1 call", "3 calls"; "1 звонок", "3 звонка",
// "5 звонков".
func (t *texts) count(n any, key string) string {
	v := reflect.ValueOf(n).Int() // an int of any size
	forms := strings.Split(t.s("nouns."+key), "|")
	if len(forms) != 3 {
		return fmt.Sprintf("%d %s", v, key)
	}
	form := forms[2]
	switch m10, m100 := v%10, v%100; {
	case t.code != "ru" && v == 1, t.code == "ru" && m10 == 1 && m100 != 11:
		form = forms[0]
	case t.code == "ru" && m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
		form = forms[1]
	}
	return fmt.Sprintf("%d %s", v, form)
}

// num formats d, already rounded, with places digits after the point in the language's convention.
func (t *texts) num(d decimal.Decimal, places int32) string { return t.comma(d.StringFixed(places)) }

// plain formats d as it is, in the language's convention.
func (t *texts) plain(d decimal.Decimal) string { return t.comma(d.String()) }

func (t *texts) comma(s string) string {
	if t.decimalComma {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// date formats the calendar date of tm in loc.
func (t *texts) date(tm time.Time, loc *time.Location) string { return tm.In(loc).Format(t.dateLayout) }
