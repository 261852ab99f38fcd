package export_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
)

// small builds a two-node graph with one link of two kinds.
func small() *export.Slices {
	kerry := graph.Node{Entity: graph.Entity{ID: "a1", Name: "John Kerry", Type: "PERSON", Mentions: 3, Documents: 2}}
	lavrov := graph.Node{Entity: graph.Entity{ID: "b2", Name: `Sergey "Lavrov" <&>`, Type: "PERSON", Mentions: 2, Documents: 1}}
	return &export.Slices{
		NodeList: []graph.Node{lavrov, kerry}, // any order: Slices sorts
		LinkList: []graph.Link{{
			Source: "a1", Target: "b2", Weight: 4,
			Kinds:     []graph.EdgeKind{graph.Cooccur, graph.Interaction},
			Counts:    map[graph.EdgeKind]int{graph.Cooccur: 3, graph.Interaction: 1},
			Documents: 2, FirstSeen: "2016-12-09", LastSeen: "2016-12-10",
			Predicates: map[string]int{"met": 1},
		}},
	}
}

func ExampleJSON() {
	w, err := export.ByName("json")
	if err != nil {
		panic(err)
	}
	if err := w.Write(context.Background(), small(), os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"directed":false,"multigraph":false,"graph":{"name":"graphbuild"},
	// "nodes":[
	// {"id":"a1","label":"John Kerry","type":"PERSON","mentions":3,"documents":2},
	// {"id":"b2","label":"Sergey \"Lavrov\" <&>","type":"PERSON","mentions":2,"documents":1}
	// ],
	// "links":[
	// {"source":"a1","target":"b2","weight":4,"kind":"cooccur;interaction","cooccur":3,"context":0,"interaction":1,"documents":2,"first_seen":"2016-12-09","last_seen":"2016-12-10","predicates":"met=1"}
	// ]}
}

func ExampleDOT() {
	if err := (export.DOT{}).Write(context.Background(), small(), os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// graph G {
	//   graph [overlap=false, splines=true, outputorder=edgesfirst, fontname="Helvetica"];
	//   node [style=filled, fontname="Helvetica", fontsize=10, color="#555555"];
	//   edge [color="#6e7882"];
	//   "a1" [label="John Kerry", shape=ellipse, fillcolor="#eaa774", color="#d95f02", fontsize=24.0, tooltip="PERSON, 3 mentions"];
	//   "b2" [label="Sergey \"Lavrov\" <&amp;>", shape=ellipse, fillcolor="#eaa774", color="#d95f02", fontsize=21.4, tooltip="PERSON, 2 mentions"];
	//   "a1" -- "b2" [penwidth=3.00, weight=4, color="#c0392b", tooltip="cooccur;interaction 4"];
	// }
}

func ExampleNQuads() {
	w := export.NQuads{}
	if err := w.Write(context.Background(), small(), os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// _:ea1 <dgraph.type> "Entity" .
	// _:ea1 <xid> "a1" .
	// _:ea1 <name> "John Kerry" .
	// _:ea1 <entity_type> "PERSON" .
	// _:ea1 <mentions> "3"^^<http://www.w3.org/2001/XMLSchema#int> .
	// _:ea1 <documents> "2"^^<http://www.w3.org/2001/XMLSchema#int> .
	// _:eb2 <dgraph.type> "Entity" .
	// _:eb2 <xid> "b2" .
	// _:eb2 <name> "Sergey \"Lavrov\" <&>" .
	// _:eb2 <entity_type> "PERSON" .
	// _:eb2 <mentions> "2"^^<http://www.w3.org/2001/XMLSchema#int> .
	// _:eb2 <documents> "1"^^<http://www.w3.org/2001/XMLSchema#int> .
	// _:ea1 <cooccur> _:eb2 (weight=3, documents=2, first_seen=2016-12-09, last_seen=2016-12-10) .
	// _:eb2 <cooccur> _:ea1 (weight=3, documents=2, first_seen=2016-12-09, last_seen=2016-12-10) .
	// _:ea1 <interaction> _:eb2 (weight=1, documents=2, first_seen=2016-12-09, last_seen=2016-12-10, predicates="met=1") .
	// _:eb2 <interaction> _:ea1 (weight=1, documents=2, first_seen=2016-12-09, last_seen=2016-12-10, predicates="met=1") .
}

func ExampleWriteDir() {
	dir, err := os.MkdirTemp("", "export")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	paths, err := export.WriteDir(context.Background(), export.Neo4j{}, dir, small())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		fmt.Printf("== %s\n%s", filepath.Base(p), b)
	}
	// Output:
	// == nodes.csv
	// id:ID(Entity),name,:LABEL,type,mentions:int,documents:int,first_seen:date,last_seen:date,aliases
	// a1,John Kerry,Entity;PERSON,PERSON,3,2,,,
	// b2,"Sergey ""Lavrov"" <&>",Entity;PERSON,PERSON,2,1,,,
	// == relationships.csv
	// :START_ID(Entity),:END_ID(Entity),:TYPE,weight:int,documents:int,first_seen:date,last_seen:date,predicates
	// a1,b2,COOCCUR,3,2,2016-12-09,2016-12-10,
	// a1,b2,INTERACTION,1,2,2016-12-09,2016-12-10,met=1
}
