package serve_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/serve"
)

func ExampleIsLoopback() {
	for _, addr := range []string{"127.0.0.1:8080", "localhost:8080", "0.0.0.0:8080", ":8080"} {
		ok, _ := serve.IsLoopback(addr)
		fmt.Println(addr, ok)
	}
	// Output:
	// 127.0.0.1:8080 true
	// localhost:8080 true
	// 0.0.0.0:8080 false
	// :8080 false
}

// A Server is an http.Handler: here it answers a search over a store of one
// document.
func ExampleNew() {
	ctx := context.Background()
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		panic(err)
	}
	defer st.Close()
	kerry := graph.Entity{ID: graph.EntityID("John Kerry", "PERSON"), Name: "John Kerry", Type: "PERSON", Aliases: map[string]int{"Kerry": 1}, Mentions: 1, Documents: 1}
	lavrov := graph.Entity{ID: graph.EntityID("Sergey Lavrov", "PERSON"), Name: "Sergey Lavrov", Type: "PERSON", Mentions: 1, Documents: 1}
	_, err = st.Apply(ctx, []graph.Contribution{{
		Doc:      graph.Document{ID: "doc-1", Source: "a.txt", Date: "2016-09-28"},
		Entities: []graph.Entity{kerry, lavrov},
		Edges:    []graph.Edge{{Kind: graph.Interaction, Source: kerry.ID, Target: lavrov.ID, Weight: 1, Documents: 1, Predicates: map[string]int{"phone call": 1}}},
	}})
	if err != nil {
		panic(err)
	}
	srv, err := serve.New(ctx, st, serve.Options{})
	if err != nil {
		panic(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=ker", nil))
	body, _ := io.ReadAll(rec.Body)
	fmt.Print(rec.Code, " ", string(body))
	// Output:
	// 200 {"query":"ker","hits":[{"id":"a1aa94787d408c94","name":"John Kerry","type":"PERSON","mentions":1,"rank":1,"match":"kerry","alias":true}]}
}
