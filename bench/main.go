package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// config is what a run measures, from the flags.
type config struct {
	quick      bool
	out        string
	articles   int
	comments   int
	parallel   int
	memSizes   []int
	corpus     string
	root       string // the module's root directory
	tmp        string
	profileDir string
	skip       map[string]bool
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-child-crawl" {
		os.Exit(childCrawl(os.Args[2:]))
	}
	os.Exit(run())
}

func run() int {
	var cfg config
	var memSizes, skip string
	flag.BoolVar(&cfg.quick, "quick", false, "small sizes, for a smoke run")
	flag.StringVar(&cfg.out, "out", "bench-results.md", "write the table to this file too")
	flag.IntVar(&cfg.articles, "articles", 0, "articles of the pipeline site (10000; 300 with -quick)")
	flag.IntVar(&cfg.comments, "comments", 50, "comments per article")
	flag.IntVar(&cfg.parallel, "parallel", 4, "requests in flight, for strata and colly alike")
	flag.StringVar(&memSizes, "memory-sizes", "", "site sizes of the memory crawls (10000,25000,50000,100000; 300,1000 with -quick)")
	flag.StringVar(&cfg.corpus, "corpus", "", "extraction corpus (default ../shared/corpus/trafilatura-dev beside the repository; skipped when absent)")
	flag.StringVar(&cfg.profileDir, "profile", "", "write CPU and heap profiles of the first pipeline crawl into this directory")
	flag.StringVar(&skip, "skip", "", "comma-separated parts to leave out: pipeline, extraction, store, export, memory")
	flag.Parse()

	cfg.skip = map[string]bool{}
	for _, s := range strings.Split(skip, ",") {
		if s = strings.TrimSpace(s); s != "" {
			cfg.skip[s] = true
		}
	}
	if cfg.articles <= 0 {
		cfg.articles = 10000
		if cfg.quick {
			cfg.articles = 300
		}
	}
	if memSizes == "" {
		memSizes = "10000,25000,50000,100000"
		if cfg.quick {
			memSizes = "300,1000"
		}
	}
	for _, s := range strings.Split(memSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "bench: bad -memory-sizes %q\n", memSizes)
			return 2
		}
		cfg.memSizes = append(cfg.memSizes, n)
	}
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		return 2
	}
	cfg.root = root
	if cfg.corpus == "" {
		cfg.corpus = filepath.Join(root, "..", "shared", "corpus", "trafilatura-dev")
	}
	cfg.tmp, err = os.MkdirTemp("", "strata-bench-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		return 2
	}
	defer os.RemoveAll(cfg.tmp)

	start := time.Now()
	t := &table{}
	steps := []struct {
		name string
		fn   func(*config, *table) error
	}{
		{"pipeline", pipeline},
		{"memory", memory}, // before export: it leaves the largest archive
		{"export", export},
		{"store", storeBench},
		{"extraction", extraction},
	}
	failed := false
	for _, s := range steps {
		if cfg.skip[s.name] {
			continue
		}
		logf("== %s", s.name)
		if err := s.fn(&cfg, t); err != nil {
			logf("%s: %v", s.name, err)
			t.note("%s failed: %v", s.name, err)
			failed = true
		}
	}
	md := t.markdown(fmt.Sprintf("`%s` — %s, GOMAXPROCS=%d, %d CPUs, %s, took %s",
		commandLine(), runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU(), time.Now().UTC().Format("2006-01-02 15:04 MST"),
		time.Since(start).Round(time.Second)))
	fmt.Print(md)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(md), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "bench: %v\n", err)
			return 1
		}
		logf("table written to %s", cfg.out)
	}
	if failed {
		return 1
	}
	return 0
}

// commandLine is the command that produced the table.
func commandLine() string {
	return strings.TrimSpace("go run ./bench " + strings.Join(os.Args[1:], " "))
}

// moduleRoot finds the directory of strata's go.mod from the working
// directory upwards.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/strata-archive/strata\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run it inside the strata repository")
		}
		dir = parent
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}
