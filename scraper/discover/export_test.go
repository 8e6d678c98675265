package discover

// Internals exported to the external tests.
var (
	ParseSitemapForTest = parseSitemap
	ParseW3CTimeForTest = parseW3CTime
)

// IsNormalForTest is the fast path of URL normalisation.
var IsNormalForTest = isNormal
