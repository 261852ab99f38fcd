package serve

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// slowDownload writes n chunks of 64 KiB, pausing between them, and fails
// after fail chunks when fail > 0.
func slowDownload(n, fail int, pause time.Duration) apiFunc {
	return func(*http.Request) (any, error) {
		return &download{name: "g.txt", contentType: "text/plain", write: func(ctx context.Context, w io.Writer) error {
			chunk := bytes.Repeat([]byte("x"), 64<<10)
			for i := range n {
				if i == fail && fail > 0 {
					return errors.New("disk read failed")
				}
				select {
				case <-time.After(pause):
				case <-ctx.Done():
					return ctx.Err()
				}
				if _, err := w.Write(chunk); err != nil {
					return err
				}
			}
			return nil
		}}, nil
	}
}

// TestDownloadOutlivesDeadline: a download that takes longer than the
// per-call deadline is sent whole.
func TestDownloadOutlivesDeadline(t *testing.T) {
	srv := testServer(t, Options{Timeout: 50 * time.Millisecond})
	ts := httptest.NewServer(srv.api(slowDownload(40, 0, 10*time.Millisecond))) // 2.5 MiB in about 400 ms
	defer ts.Close()
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || err != nil || len(body) != 40<<16 {
		t.Errorf("status %d, %d of %d bytes, read error %v", resp.StatusCode, len(body), 40<<16, err)
	}
}

// TestDownloadFailureIsVisible: a download that fails after its first
// bytes ends in a broken connection, never in a short body that reads as
// complete; one that fails before any byte is an error answer.
func TestDownloadFailureIsVisible(t *testing.T) {
	var logged []string
	srv := testServer(t, Options{Logf: func(f string, a ...any) { logged = append(logged, f) }})
	ts := httptest.NewServer(srv.api(slowDownload(40, 5, time.Millisecond)))
	defer ts.Close()
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil {
		t.Errorf("status %d, %d bytes read without error: a failed download looked complete", resp.StatusCode, len(body))
	}
	ts2 := httptest.NewServer(srv.api(func(*http.Request) (any, error) {
		return &download{name: "g.txt", contentType: "text/plain", write: func(context.Context, io.Writer) error {
			return errors.New("nothing to write")
		}}, nil
	}))
	defer ts2.Close()
	resp, err = http.Get(ts2.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(body), "nothing to write") || resp.Header.Get("Content-Disposition") != "" {
		t.Errorf("failure before the first byte: %d %s %q", resp.StatusCode, body, resp.Header.Get("Content-Disposition"))
	}
}
