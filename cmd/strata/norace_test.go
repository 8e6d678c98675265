//go:build !race

package main

// raceEnabled reports that the tests run under the race detector, which
// slows them down and changes memory figures.
const raceEnabled = false
