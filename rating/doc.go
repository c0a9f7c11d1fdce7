// Package rating turns scored calls and survey indexes into the ratings of the service-quality methodology:
// personal ratings of employees, overall ratings of departments, cumulative accumulators, quarterly compliance and
// leaderboards. Everything is on the 5-point scale and exact: values are decimals and fractions, never floats.
package rating
