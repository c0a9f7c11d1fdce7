// Package dec holds the exact-decimal helpers shared by the packages of this module: bounds on the size of the
// decimals taken from callers, parsing that refuses oversized text before it costs anything, exact conversion to and
// from scaled int64 for hot paths, and division with an explicit precision and rounding rule.
//
// Nothing here reads or writes the package-level settings of github.com/shopspring/decimal
// (DivisionPrecision, MarshalJSONWithoutQuotes, ...): precision and rounding are arguments of every call.
//
// All functions are safe for concurrent use; none keeps state.
package dec
