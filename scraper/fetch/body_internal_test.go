package fetch

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestReadBody checks readBody against io.ReadAll, with and without a
// size, right or wrong, over readers that return little at a time.
func TestReadBody(t *testing.T) {
	var r recorder
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 75_000, 300_000} {
		src := bytes.Repeat([]byte("0123456789abcdef"), n/16+1)[:n]
		for _, size := range []int64{-1, 0, int64(n), int64(n) - 1, int64(n) + 7} {
			got, err := r.readBody(iotest.HalfReader(bytes.NewReader(src)), size, 1<<20)
			if err != nil || !bytes.Equal(got, src) || got == nil {
				t.Fatalf("n=%d size=%d: %d bytes, %v", n, size, len(got), err)
			}
		}
	}
	boom := errors.New("boom")
	got, err := r.readBody(io.MultiReader(bytes.NewReader([]byte("abc")), iotest.ErrReader(boom)), -1, 1<<20)
	if !errors.Is(err, boom) || string(got) != "abc" {
		t.Fatalf("got %q, %v", got, err)
	}
}
