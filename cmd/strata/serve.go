package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
	"github.com/strata-archive/strata/web"
)

type serveOptions struct {
	addr        string
	public      bool
	lockTimeout time.Duration
	refresh     time.Duration
}

func newServeCommand(g *globals) *cobra.Command {
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--public]",
		Short: "Browse the archive in a web browser, read-only",
		Long: `serve opens the archive in a local web viewer, read-only: the sites and their
articles (search, filters by site, category and kind of change, paging), each
version as clean reading text with its nested comment thread, a timeline of
the versions, and the diff of any two versions with the changed words and the
added, edited and deleted comments marked in the thread. It also links the raw
capture (as plain text) and the JSON of every version.

It listens on 127.0.0.1:8080 unless --addr says otherwise (port 0 picks a free
port) and prints the address. Any host but a loopback one needs --public, and
then a warning is printed: the viewer has no login, anyone who reaches the
port can read the whole archive.

Archived HTML is sanitised (bluemonday) and every page forbids scripts with a
Content-Security-Policy; remote images are not loaded.

The viewer holds the archive only while it reads it: each page opens it
read-only, waiting at most --lock-timeout for a writer to let go, and closes
it again. A crawl can therefore write the archive while the viewer runs, as
long as it holds the file only for its short write transactions; a page that
cannot get the file in time answers "busy" (503). The home page comes from an
index kept in memory, refreshed when the archive file changes (looked at
every --refresh).

Ctrl-C stops the server, letting requests in progress finish.

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.addr, "addr", "127.0.0.1:8080", "address to listen on, HOST:PORT")
	cmd.Flags().BoolVar(&opts.public, "public", false, "allow listening on a non-loopback address (anyone who can reach it reads the archive)")
	cmd.Flags().DurationVar(&opts.lockTimeout, "lock-timeout", web.DefaultLockTimeout, "how long a page waits for a writer to release the archive")
	cmd.Flags().DurationVar(&opts.refresh, "refresh", web.DefaultRefresh, "how often to look for changes of the archive file")
	return cmd
}

// errNotLoopback refuses a non-loopback --addr without --public.
var errNotLoopback = errors.New("not a loopback address")

func runServe(ctx context.Context, g *globals, opts serveOptions) error {
	loopback, err := isLoopbackAddr(opts.addr)
	if err != nil {
		return err
	}
	if !loopback && !opts.public {
		return fmt.Errorf("--addr %s: %w; the viewer has no login, so anyone who reaches it reads the archive: add --public to serve it there anyway", opts.addr, errNotLoopback)
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	path := cfg.DBPath(g.db)
	// Refuse at once what is not an archive; only wait for a writer later.
	st, err := store.Open(path, store.Options{ReadOnly: true, Timeout: opts.lockTimeout})
	switch {
	case errors.Is(err, strata.ErrLocked):
		fmt.Fprintf(g.stderr, "strata serve: %s is held by a writer for now; pages will say \"busy\" until it lets go\n", path)
	case err != nil:
		return err
	default:
		st.Close()
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if !loopback {
		fmt.Fprintf(g.stderr, "strata serve: WARNING: listening on %s, beyond this machine: anyone who can reach it can read the whole archive (there is no login)\n", ln.Addr())
	}
	errLog := log.New(g.stderr, "", log.LstdFlags)
	viewer := web.New(web.Options{Path: path, LockTimeout: opts.lockTimeout, Refresh: opts.refresh, Public: !loopback, ErrorLog: errLog})
	srv := &http.Server{
		Handler:           viewer,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          errLog,
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	indexed := make(chan struct{})
	go func() { viewer.Run(runCtx); close(indexed) }()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(g.stdout, "strata: serving %s read-only at http://%s/ (Ctrl-C to stop)\n", path, ln.Addr())

	select {
	case err = <-served:
	case <-ctx.Done():
		shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = srv.Shutdown(shutCtx)
		cancel()
		<-served
	}
	stop()
	<-indexed
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// isLoopbackAddr reports whether addr (HOST:PORT) listens on loopback
// only: localhost or a loopback IP. An empty host means every interface.
func isLoopbackAddr(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %q: give HOST:PORT, such as 127.0.0.1:8080", addr)
	}
	if strings.EqualFold(host, "localhost") {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}
