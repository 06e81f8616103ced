// faultproxy: a reverse proxy between ks and the real kube-apiserver of `scripts/cluster up` that
// injects the faults issue 17 describes, so ks's behaviour under them is checked against the real
// server and not only against the bundled test server's own fault injection.
//
//	faultproxy --upstream https://127.0.0.1:PORT --pki DIR/pki --port-file FILE [--log FILE]
//	           [--refuse-after N] [--drop-rate R --seed S --max N] [--methods M+M] [--path REGEX]
//
// Modes (eligible requests: those matching --methods and --path):
//
//	--refuse-after N  after the Nth eligible request has been answered the proxy goes away like a
//	                  killed server: its listener closes (new connections are refused), open
//	                  connections are closed, requests in flight on them get no answer.
//	--drop-rate R     a share R (0..1) of eligible requests is forwarded, the real server applies
//	                  it, and the client's connection is closed without the answer (a lost response);
//	                  --max N: at most N such drops (--drop-rate 1 --max 3: the first three).
//
// Toward ks it serves TLS with the cluster's own serving certificate (DIR/pki/apiserver.crt), so
// the cluster's kubeconfig CA verifies it; toward the apiserver it authenticates with the
// cluster's admin client certificate and forwards the client's Authorization header, if any.
// It listens on 127.0.0.1:0 and writes the chosen port to --port-file once it accepts
// connections. --log gets one JSON line per request: method, path, status (0: no answer), fault.
// HTTP/1.1 only (a dropped answer needs the connection to itself).
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

type options struct {
	upstream    string
	pki         string
	portFile    string
	logFile     string
	refuseAfter int64
	dropRate    float64
	seed        int64
	maxDrops    int64
	methods     string
	path        string
}

type proxy struct {
	opts     options
	forward  *httputil.ReverseProxy
	pathRe   *regexp.Regexp
	methods  map[string]bool
	answered atomic.Int64 // eligible requests answered (refuse-after)
	drops    int64        // answers dropped so far (under mu)
	gone     atomic.Bool
	listener net.Listener
	server   *http.Server

	mu   sync.Mutex
	rng  *rand.Rand
	logw *os.File
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "faultproxy: "+format+"\n", args...)
	os.Exit(2)
}

func (p *proxy) eligible(r *http.Request) bool {
	if len(p.methods) > 0 && !p.methods[r.Method] {
		return false
	}
	return p.pathRe == nil || p.pathRe.MatchString(r.URL.Path)
}

func (p *proxy) log(r *http.Request, status int, fault string) {
	if p.logw == nil {
		return
	}
	line, _ := json.Marshal(map[string]any{"method": r.Method, "path": r.URL.Path, "query": r.URL.RawQuery, "status": status, "fault": fault})
	p.mu.Lock()
	defer p.mu.Unlock()
	p.logw.Write(append(line, '\n'))
}

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
	}
}

// goAway makes the proxy look like a killed server: no new connections, open ones closed after
// the answer in progress.
func (p *proxy) goAway() {
	if p.gone.Swap(true) {
		return
	}
	p.server.SetKeepAlivesEnabled(false)
	p.listener.Close()
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.gone.Load() {
		p.log(r, 0, "gone")
		hangUp(w)
		return
	}
	eligible := p.eligible(r)
	if eligible && p.opts.dropRate > 0 {
		p.mu.Lock()
		drop := (p.opts.maxDrops == 0 || p.drops < p.opts.maxDrops) && p.rng.Float64() < p.opts.dropRate
		if drop {
			p.drops++
		}
		p.mu.Unlock()
		if drop {
			rec := httptest.NewRecorder() // the real server answers; the client never sees it
			p.forward.ServeHTTP(rec, r)
			p.log(r, 0, fmt.Sprintf("drop-after (server answered %d)", rec.Code))
			hangUp(w)
			return
		}
	}
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	p.forward.ServeHTTP(rec, r)
	p.log(r, rec.status, "")
	if eligible && p.opts.refuseAfter > 0 && p.answered.Add(1) >= p.opts.refuseAfter {
		p.goAway()
	}
}

func main() {
	var o options
	flag.StringVar(&o.upstream, "upstream", "", "the real kube-apiserver, https://HOST:PORT")
	flag.StringVar(&o.pki, "pki", "", "the cluster's pki dir (ca.crt, apiserver.crt/.key, admin.crt/.key)")
	flag.StringVar(&o.portFile, "port-file", "", "where to write the port once listening")
	flag.StringVar(&o.logFile, "log", "", "JSON lines, one per request")
	flag.Int64Var(&o.refuseAfter, "refuse-after", 0, "go away after N eligible requests were answered")
	flag.Float64Var(&o.dropRate, "drop-rate", 0, "share of eligible requests whose answer is dropped after the server applied them")
	flag.Int64Var(&o.seed, "seed", 1, "seed of the drop choices")
	flag.Int64Var(&o.maxDrops, "max", 0, "at most N dropped answers (default: no limit)")
	flag.StringVar(&o.methods, "methods", "", "eligible methods, e.g. PATCH+DELETE (default all)")
	flag.StringVar(&o.path, "path", "", "eligible paths: a regular expression searched in the URL path (default all)")
	flag.Parse()
	if o.upstream == "" || o.pki == "" || o.portFile == "" {
		fail("--upstream, --pki and --port-file are required")
	}
	if o.dropRate < 0 || o.dropRate > 1 {
		fail("--drop-rate %v is not within 0..1", o.dropRate)
	}
	target, err := url.Parse(o.upstream)
	if err != nil || target.Scheme != "https" {
		fail("--upstream %q is not an https URL", o.upstream)
	}
	p := &proxy{opts: o, methods: map[string]bool{}, rng: rand.New(rand.NewSource(o.seed))}
	if o.methods != "" {
		for _, m := range strings.Split(o.methods, "+") {
			p.methods[strings.ToUpper(m)] = true
		}
	}
	if o.path != "" {
		if p.pathRe, err = regexp.Compile(o.path); err != nil {
			fail("--path: %v", err)
		}
	}
	if o.logFile != "" {
		if p.logw, err = os.OpenFile(o.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err != nil {
			fail("--log: %v", err)
		}
	}

	caPEM, err := os.ReadFile(filepath.Join(o.pki, "ca.crt"))
	if err != nil {
		fail("%v", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		fail("no certificate in %s", filepath.Join(o.pki, "ca.crt"))
	}
	client, err := tls.LoadX509KeyPair(filepath.Join(o.pki, "admin.crt"), filepath.Join(o.pki, "admin.key"))
	if err != nil {
		fail("client certificate: %v", err)
	}
	serving, err := tls.LoadX509KeyPair(filepath.Join(o.pki, "apiserver.crt"), filepath.Join(o.pki, "apiserver.key"))
	if err != nil {
		fail("serving certificate: %v", err)
	}
	p.forward = httputil.NewSingleHostReverseProxy(target)
	p.forward.Transport = &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: roots, Certificates: []tls.Certificate{client}},
		ForceAttemptHTTP2: false,
	}
	p.forward.FlushInterval = -1 // watches stream through at once
	p.forward.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		if r.Context().Err() == context.Canceled {
			return
		}
		fmt.Fprintf(os.Stderr, "faultproxy: %s %s: %v\n", r.Method, r.URL.Path, err)
		w.WriteHeader(http.StatusBadGateway)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("listen: %v", err)
	}
	p.listener = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{serving}, NextProtos: []string{"http/1.1"}})
	p.server = &http.Server{Handler: p, TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){}}
	port := ln.Addr().(*net.TCPAddr).Port
	tmp := o.portFile + ".tmp"
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf("%d\n", port)), 0o600); err != nil {
		fail("%v", err)
	}
	if err := os.Rename(tmp, o.portFile); err != nil {
		fail("%v", err)
	}
	fmt.Printf("listening on https://127.0.0.1:%d\n", port)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		err := p.server.Serve(p.listener)
		if !p.gone.Load() {
			fail("serve: %v", err)
		}
		// Gone away on purpose: stay alive, refusing, until the test stops us.
	}()
	<-stop
}
