package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Environment variables that override the defaults.
const (
	EnvDB     = "STRATA_DB"
	EnvConfig = "STRATA_CONFIG"
)

// Config is the whole of a strata config file.
type Config struct {
	// DB is the archive file. Empty means DefaultDBPath.
	DB    string `toml:"db"`
	Fetch Fetch  `toml:"fetch"`
	// Comments holds the [comments] table: how comment threads are
	// completed beyond what article pages show.
	Comments Comments `toml:"comments"`
	// Sites holds the [[site]] tables.
	Sites []Site `toml:"site"`
}

// Fetch holds the settings of the fetcher.
type Fetch struct {
	// UserAgent is sent with every request.
	UserAgent string `toml:"user_agent"`
	// Robots obeys robots.txt when true (the default).
	Robots *bool `toml:"robots"`
	// Timeout bounds one whole request, body included.
	Timeout Duration `toml:"timeout"`
	// ConnectTimeout bounds the TCP dial and, separately, the TLS handshake.
	ConnectTimeout Duration `toml:"connect_timeout"`
	// HeaderTimeout bounds the wait for response headers.
	HeaderTimeout Duration `toml:"header_timeout"`
	// MaxBodySize caps the bytes read of one page; larger pages are
	// archived truncated and marked so.
	MaxBodySize int64 `toml:"max_body_size"`
	// Parallelism is how many URLs are fetched at once per host.
	Parallelism int `toml:"parallelism"`
	// Delay is the pause between two requests to the same host.
	Delay Duration `toml:"delay"`
	// Retries is how often a transient failure (timeout, dropped
	// connection, 429, 5xx) is retried; 0 turns retries off.
	Retries *int `toml:"retries"`
	// RetryBackoff is the first wait before a retry; it doubles each time.
	RetryBackoff Duration `toml:"retry_backoff"`
	// MaxRetryAfter is the longest Retry-After a server may ask for; a
	// longer one fails the request at once.
	MaxRetryAfter Duration `toml:"max_retry_after"`
}

// Duration is a time.Duration written as a Go duration string ("10s").
type Duration struct{ time.Duration }

// UnmarshalText parses a duration such as "1m30s".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("invalid duration %q (use values like \"10s\" or \"1m30s\")", string(b))
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Defaults of the fetch settings.
const (
	DefaultUserAgent      = "strata/1.0 (+https://github.com/strata-archive/strata; web article archiver)"
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultHeaderTimeout  = 15 * time.Second
	DefaultMaxBodySize    = 20 << 20
	DefaultParallelism    = 2
	DefaultDelay          = 1 * time.Second
	DefaultRetries        = 2
	DefaultRetryBackoff   = 1 * time.Second
	DefaultMaxRetryAfter  = 2 * time.Minute
)

// Default returns the configuration used when no file is given.
func Default() *Config {
	c := &Config{}
	c.applyDefaults()
	return c
}

func (c *Config) applyDefaults() {
	c.Comments.applyDefaults()
	f := &c.Fetch
	if f.UserAgent == "" {
		f.UserAgent = DefaultUserAgent
	}
	if f.Robots == nil {
		t := true
		f.Robots = &t
	}
	if f.Timeout.Duration == 0 {
		f.Timeout.Duration = DefaultTimeout
	}
	if f.ConnectTimeout.Duration == 0 {
		f.ConnectTimeout.Duration = DefaultConnectTimeout
	}
	if f.HeaderTimeout.Duration == 0 {
		f.HeaderTimeout.Duration = DefaultHeaderTimeout
	}
	if f.MaxBodySize == 0 {
		f.MaxBodySize = DefaultMaxBodySize
	}
	if f.Parallelism == 0 {
		f.Parallelism = DefaultParallelism
	}
	if f.Delay.Duration == 0 {
		f.Delay.Duration = DefaultDelay
	}
	if f.Retries == nil {
		n := DefaultRetries
		f.Retries = &n
	}
	if f.RetryBackoff.Duration == 0 {
		f.RetryBackoff.Duration = DefaultRetryBackoff
	}
	if f.MaxRetryAfter.Duration == 0 {
		f.MaxRetryAfter.Duration = DefaultMaxRetryAfter
	}
}

// ObeyRobots reports whether robots.txt is obeyed.
func (f Fetch) ObeyRobots() bool { return f.Robots == nil || *f.Robots }

func (c *Config) validate() error {
	if err := c.Comments.validate(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := range c.Sites {
		if err := c.Sites[i].validate(i); err != nil {
			return err
		}
		if seen[c.Sites[i].Name] {
			return fmt.Errorf("site %q: defined twice", c.Sites[i].Name)
		}
		seen[c.Sites[i].Name] = true
	}
	f := c.Fetch
	switch {
	case f.Timeout.Duration < 0:
		return errors.New("fetch.timeout must be positive")
	case f.ConnectTimeout.Duration < 0:
		return errors.New("fetch.connect_timeout must be positive")
	case f.HeaderTimeout.Duration < 0:
		return errors.New("fetch.header_timeout must be positive")
	case f.MaxBodySize < 0:
		return errors.New("fetch.max_body_size must be positive")
	case f.Parallelism < 0:
		return errors.New("fetch.parallelism must be positive")
	case f.Delay.Duration < 0:
		return errors.New("fetch.delay must not be negative")
	case f.Retries != nil && *f.Retries < 0:
		return errors.New("fetch.retries must not be negative")
	case f.RetryBackoff.Duration < 0:
		return errors.New("fetch.retry_backoff must be positive")
	case f.MaxRetryAfter.Duration < 0:
		return errors.New("fetch.max_retry_after must be positive")
	}
	return nil
}

// Load reads the config file at path. When path is empty, the file named
// by STRATA_CONFIG or, failing that, DefaultConfigPath is read if it
// exists; a missing default file gives the defaults. A missing file that
// was asked for by name is an error.
func Load(path string) (*Config, error) {
	explicit := path != ""
	if !explicit {
		path = os.Getenv(EnvConfig)
		explicit = path != ""
	}
	if !explicit {
		path = DefaultConfigPath()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return Default(), nil
		}
		return nil, fmt.Errorf("read config: %w", err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// Parse decodes a config file's contents, rejecting unknown keys, and fills
// in the defaults.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	md, err := toml.Decode(string(data), c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("line %d: %s", perr.Position.Line, perr.Message)
		}
		return nil, err
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		key := undecoded[0]
		return nil, fmt.Errorf("line %d: unknown key %q", keyLine(data, key), key.String())
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	c.applyDefaults()
	return c, nil
}

// keyLine finds the line on which key is set, by following the table
// headers of the file; 0 when it cannot be told.
func keyLine(data []byte, key toml.Key) int {
	table := strings.Join(key[:len(key)-1], ".")
	last := key[len(key)-1]
	current := ""
	for i, line := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[") {
			current = strings.Trim(l, "[] \t")
			if j := strings.Index(current, "#"); j >= 0 {
				current = strings.TrimSpace(current[:j])
			}
			if current == strings.Join(key, ".") {
				return i + 1
			}
			continue
		}
		name, _, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		name = strings.Trim(strings.TrimSpace(name), `"'`)
		if current == table && name == last {
			return i + 1
		}
		if current == "" && name == key.String() {
			return i + 1
		}
	}
	return 0
}

// DefaultConfigPath is $XDG_CONFIG_HOME/strata/strata.toml, or
// ~/.config/strata/strata.toml.
func DefaultConfigPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "strata.toml"
	}
	return filepath.Join(dir, "strata", "strata.toml")
}

// DefaultDBPath is $XDG_DATA_HOME/strata/archive.db, or
// ~/.local/share/strata/archive.db.
func DefaultDBPath() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "strata", "archive.db")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "strata-archive.db"
	}
	return filepath.Join(home, ".local", "share", "strata", "archive.db")
}

// DBPath resolves the archive file: the flag value if given, else
// STRATA_DB, else the config file's db key, else DefaultDBPath.
func (c *Config) DBPath(flag string) string {
	switch {
	case flag != "":
		return flag
	case os.Getenv(EnvDB) != "":
		return os.Getenv(EnvDB)
	case c.DB != "":
		return expandHome(c.DB)
	}
	return DefaultDBPath()
}

func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}
