package query_test

import (
	"context"
	"fmt"
	"os"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/query"
)

// exampleStore holds one document saying that Kerry and Lavrov met.
func exampleStore() (*graph.Store, error) {
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		return nil, err
	}
	const date, doc = "2016-12-09", "/news/2016/12/9/aleppo.md"
	sentence := "US State Department confirms Kerry and Lavrov met but no agreement was reached."
	kerry := graph.Entity{ID: graph.EntityID("John Kerry", "PERSON"), Name: "John Kerry", Type: "PERSON", Mentions: 1, Documents: 1, FirstSeen: date, LastSeen: date}
	lavrov := graph.Entity{ID: graph.EntityID("Sergey Lavrov", "PERSON"), Name: "Sergey Lavrov", Type: "PERSON", Mentions: 1, Documents: 1, FirstSeen: date, LastSeen: date}
	ev := []graph.Evidence{{Doc: doc, End: len(sentence), Date: date, Text: sentence, Predicate: "met"}}
	c := graph.Contribution{
		Doc:      graph.Document{ID: doc, Source: "wcep/aleppo.md", Title: "Battle of Aleppo", Date: date, Bytes: len(sentence), Sentences: 1, Mentions: 2},
		Entities: []graph.Entity{kerry, lavrov},
		Edges: []graph.Edge{
			{Kind: graph.Cooccur, Source: kerry.ID, Target: lavrov.ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
				Evidence: []graph.Evidence{{Doc: doc, End: len(sentence), Date: date, Text: sentence}}},
			{Kind: graph.Interaction, Source: kerry.ID, Target: lavrov.ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
				Predicates: map[string]int{"met": 1}, Evidence: ev},
		},
	}
	if _, err := st.Apply(context.Background(), []graph.Contribution{c}); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func ExampleRelations() {
	st, err := exampleStore()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	ens, err := st.Lookup("john kerry") // case-insensitive
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := query.Relations(context.Background(), st, ens[0].ID, query.RelationOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, in := range res.Interactions {
		fmt.Println(in.Date, in.Predicate, in.Partner.Name, "—", in.Evidence.Title)
	}
	if err := res.WriteText(os.Stdout, query.TextOptions{Evidence: true}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 2016-12-09 met Sergey Lavrov — Battle of Aleppo
	// Interactions of John Kerry (PERSON): 1 partner, 1 interaction sentence
	// PARTNER        TYPE    TIMES  DOCS  PREDICATES  FIRST       LAST
	// Sergey Lavrov  PERSON      1     1  met 1       2016-12-09  2016-12-09
	//
	// DATE        PREDICATE  PARTNER        DOCUMENT
	// 2016-12-09  met        Sergey Lavrov  Battle of Aleppo (wcep/aleppo.md)
	//     “US State Department confirms Kerry and Lavrov met but no agreement was reached.”
}

func ExampleNeighbors() {
	st, err := exampleStore()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	ens, err := st.Lookup("Sergey Lavrov")
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := query.Neighbors(context.Background(), st, ens[0].ID, query.NeighborOptions{Limit: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range res.Neighbors {
		fmt.Println(n.Entity.Name, n.Weight, n.Counts[graph.Interaction], n.Evidence.Predicate)
	}
	// Output:
	// John Kerry 2 1 met
}
