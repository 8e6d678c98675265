package web

import "time"

// SetBursts sets how long a burst of the index refresh reads the archive
// and how long it pauses before the next one.
func SetBursts(o *Options, burst, pause time.Duration) { o.burst, o.pause = burst, pause }
