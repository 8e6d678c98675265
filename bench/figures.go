package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// goBench runs go test benchmarks of pkg and returns, per benchmark name
// (without the -N suffix), its metrics by unit.
func goBench(cfg *config, env []string, pkg, pattern, benchtime string) (map[string]map[string]float64, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", pattern, "-benchtime", benchtime, pkg)
	cmd.Dir = cfg.root
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench %s %s: %w\n%s", pattern, pkg, err, out)
	}
	res := map[string]map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i]
		}
		m := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[f[i+1]] = v
			}
		}
		res[name] = m
	}
	return res, nil
}

// storeBench reports the store's own benchmarks.
func storeBench(cfg *config, t *table) error {
	benchtime := "3s"
	if cfg.quick {
		benchtime = "300ms"
	}
	res, err := goBench(cfg, nil, "./store/", "BenchmarkSave(NewVersion|Unchanged)$", benchtime)
	if err != nil {
		return err
	}
	nv, un := res["BenchmarkSaveNewVersion"], res["BenchmarkSaveUnchanged"]
	if nv == nil || un == nil {
		return errors.New("store benchmarks missing from the output")
	}
	t.add(row{figure: "Store: new versions (snapshots/s; 8 KB text, 50 comments, 60 KB raw)", value: fmt.Sprintf("%.0f", 1e9/nv["ns/op"]),
		baseline: fmt.Sprintf("%.0f KB file per version, %.1f KB per raw blob", nv["file-B/version"]/1e3, nv["blob-B"]/1e3)})
	t.add(row{figure: "Store: unchanged checks (snapshots/s)", value: fmt.Sprintf("%.0f", 1e9/un["ns/op"]),
		baseline: fmt.Sprintf("%.0f B file per check", un["file-B/check"])})
	return nil
}

// export reports the JSONL export: the benchmark of package cmd/strata
// (small snapshots) and the strata binary exporting the crawl archives
// (50-comment snapshots), whose peak RSS is read from its rusage.
func export(cfg *config, t *table) error {
	var env []string
	n := 2000
	if !cfg.quick {
		env, n = []string{"STRATA_BENCH_FULL=1"}, 100000
	}
	res, err := goBench(cfg, env, "./cmd/strata/", "BenchmarkExport/jsonl$", "3x")
	if err != nil {
		return err
	}
	m := res["BenchmarkExport/jsonl"]
	if m == nil {
		return errors.New("export benchmark missing from the output")
	}
	rate := m["snapshots/s"]
	t.add(row{figure: fmt.Sprintf("Export JSONL, %d small snapshots (go test -bench)", n), value: fmt.Sprintf("%.0f snapshots/s", rate),
		baseline: fmt.Sprintf("peak heap %.0f MiB", m["peak-heap-MiB"]), target: "≥ 20,000/s", met: met(rate >= 20000)})

	bin := filepath.Join(cfg.tmp, "strata")
	build := exec.Command("go", "build", "-o", bin, "./cmd/strata")
	build.Dir = cfg.root
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, out)
	}
	type point struct {
		n   int
		rss int64
	}
	var points []point
	for _, a := range []struct {
		db string
		n  int
	}{{pipelineDB, pipelineVersions}, {memoryDB, memoryVersions}} {
		if a.db == "" || (len(points) > 0 && points[0].n == a.n) {
			continue
		}
		out := filepath.Join(cfg.tmp, "export.jsonl")
		cmd := exec.Command(bin, "--db", a.db, "export", "--out", out)
		empty := filepath.Join(cfg.tmp, "empty.toml")
		if err := os.WriteFile(empty, nil, 0o644); err != nil {
			return err
		}
		cmd.Env = append(os.Environ(), "STRATA_CONFIG="+empty)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("strata export: %w", err)
		}
		took := time.Since(start)
		var rss int64
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss << 10
		}
		fi, _ := os.Stat(out)
		os.Remove(out)
		logf("export of %d crawled snapshots: %.1f s, max RSS %s", a.n, took.Seconds(), mib(rss))
		points = append(points, point{a.n, rss})
		t.add(row{figure: fmt.Sprintf("Export JSONL, %d crawled snapshots of 50 comments (strata export)", a.n),
			value:    fmt.Sprintf("%.0f snapshots/s (%.1f MB/s)", float64(a.n)/took.Seconds(), float64(fi.Size())/1e6/took.Seconds()),
			baseline: "peak RSS " + mib(rss)})
	}
	if len(points) == 2 {
		g := float64(points[1].rss-points[0].rss) / float64(points[0].rss)
		t.add(row{figure: fmt.Sprintf("Export: peak RSS from %d to %d snapshots", points[0].n, points[1].n),
			value: fmt.Sprintf("%s → %s (%+.0f%%)", mib(points[0].rss), mib(points[1].rss), 100*g), target: "flat (< +25%)", met: met(g < 0.25)})
	}
	return nil
}

// extraction runs bench/trafilatura (a module of its own) on the corpus
// and reports strata's speed against go-trafilatura's.
func extraction(cfg *config, t *table) error {
	if _, err := os.Stat(filepath.Join(cfg.corpus, "evaldata.json")); err != nil {
		t.add(row{figure: "Extraction", value: "skipped: no corpus at " + cfg.corpus})
		return nil
	}
	corpus, _ := filepath.Abs(cfg.corpus)
	cmd := exec.Command("go", "run", ".", "-corpus", corpus, "-cpu", "1")
	cmd.Dir = filepath.Join(cfg.root, "bench", "trafilatura")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("bench/trafilatura: %w\n%s", err, out)
	}
	rows := map[string][]string{}
	var head string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 && strings.Contains(sc.Text(), "pages,") && head == "" {
			head = strings.TrimSpace(sc.Text())
		}
		if len(f) >= 5 && strings.HasSuffix(f[1], "s") {
			rows[f[0]] = f
		}
	}
	s, g := rows["strata"], rows["go-trafilatura"]
	if s == nil || g == nil {
		return fmt.Errorf("bench/trafilatura: unexpected output\n%s", out)
	}
	num := func(x string) float64 { v, _ := strconv.ParseFloat(x, 64); return v }
	ratio := num(s[2]) / num(g[2])
	t.add(row{figure: fmt.Sprintf("Extraction, one core, %s (pages/s; MB/s)", head), value: fmt.Sprintf("%s; %s MB/s", s[2], s[3]),
		baseline: fmt.Sprintf("%s; %s MB/s (go-trafilatura v1.12.2)", g[2], g[3]), ratio: fmt.Sprintf("%.2f×", ratio), target: "≥ 2×", met: met(ratio >= 2)})
	if f := rows["go-trafilatura+fallback"]; f != nil {
		t.add(row{figure: "Extraction vs go-trafilatura with fallback", value: s[2], baseline: f[2], ratio: fmt.Sprintf("%.2f×", num(s[2])/num(f[2]))})
	}
	t.note("extraction quality, same run: strata F1 %s, go-trafilatura F1 %s", s[5], g[5])
	return nil
}
