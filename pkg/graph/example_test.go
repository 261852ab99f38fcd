package graph_test

import (
	"context"
	"fmt"
	"log"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// person makes the record of a person named once in a document.
func person(name, alias, date string) graph.Entity {
	return graph.Entity{ID: graph.EntityID(name, "PERSON"), Name: name, Type: "PERSON", Mentions: 1, Documents: 1,
		FirstSeen: date, LastSeen: date, Aliases: map[string]int{alias: 1}}
}

// meeting is a document saying a met b.
func meeting(doc, date string, a, b graph.Entity, sentence string) graph.Contribution {
	return graph.Contribution{
		Doc:      graph.Document{ID: doc, Date: date, Bytes: len(sentence), Sentences: 1},
		Entities: []graph.Entity{a, b},
		Edges: []graph.Edge{{Kind: graph.Interaction, Source: a.ID, Target: b.ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
			Predicates: map[string]int{"met": 1},
			Evidence:   []graph.Evidence{{Doc: doc, End: len(sentence), Date: date, Text: sentence, Predicate: "met"}}}},
	}
}

func Example() {
	ctx := context.Background()
	s, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	kerry := person("John Kerry", "Kerry", "2016-12-09")
	lavrov := person("Sergey Lavrov", "Lavrov", "2016-12-09")
	doc := meeting("d1", "2016-12-09", kerry, lavrov, "Kerry and Lavrov met in Hamburg.")
	res, err := s.Apply(ctx, []graph.Contribution{doc, doc}) // the second is a repeat
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("added", res.Added, "skipped", res.Skipped)

	found, err := s.Lookup("kerry")
	if err != nil {
		log.Fatal(err)
	}
	err = s.EdgesOf(ctx, found[0].ID, func(e graph.Edge) error {
		fmt.Println(e.Kind, e.Predicates, e.Evidence[0].Date, e.Evidence[0].Text)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	st, err := s.Stats()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(st.Documents, st.Entities, st.Edges)
	fmt.Println(s.Suggest("Lavrof", 1))
	// Output:
	// added 1 skipped 1
	// interaction map[met:1] 2016-12-09 Kerry and Lavrov met in Hamburg.
	// 1 map[PERSON:2] map[interaction:1]
	// [Sergey Lavrov]
}

func ExampleAnalyze() {
	ctx := context.Background()
	s, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	kerry := person("John Kerry", "Kerry", "2016-12-09")
	lavrov := person("Sergey Lavrov", "Lavrov", "2016-12-09")
	assad := person("Bashar al-Assad", "Assad", "2016-12-10")
	_, err = s.Apply(ctx, []graph.Contribution{
		meeting("d1", "2016-12-09", kerry, lavrov, "Kerry met Lavrov."),
		meeting("d2", "2016-12-10", lavrov, assad, "Lavrov met Assad."),
	})
	if err != nil {
		log.Fatal(err)
	}

	// Nodes come in entity id order.
	g, err := graph.Analyze(ctx, s, graph.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range g.Nodes {
		fmt.Printf("%-15s degree %d pagerank %.3f betweenness %.1f community %d\n", n.Name, n.Degree, n.PageRank, n.Betweenness, n.Community)
	}
	p, err := g.ShortestPath(kerry.ID, assad.ID)
	if err != nil {
		log.Fatal(err)
	}
	for _, id := range p.Nodes {
		n, _ := g.Node(id)
		fmt.Print(n.Name, "; ")
	}
	fmt.Println()
	// Output:
	// Bashar al-Assad degree 1 pagerank 0.257 betweenness 0.0 community 0
	// Sergey Lavrov   degree 2 pagerank 0.486 betweenness 1.0 community 0
	// John Kerry      degree 1 pagerank 0.257 betweenness 0.0 community 0
	// John Kerry; Sergey Lavrov; Bashar al-Assad;
}
