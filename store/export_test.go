package store

// SetCompactHook makes Compact call f with the path of its copy before
// verifying it, until the returned function is called.
func SetCompactHook(f func(copyPath string)) (restore func()) {
	testHookCompact = f
	return func() { testHookCompact = nil }
}

// SetWalkChunk sets how many bytes a Walk of s reads per transaction.
func SetWalkChunk(s *Store, n int) { s.chunk = n }
