package source_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/source"
)

// Read a Current Events item: the item and each Related entry are
// documents, identified by their link path and dated by it.
func ExampleRead() {
	opt := source.DefaultOptions()
	in := source.Input{Path: "../../fixtures/seeds/wcep-2016-12-9-battle-of-aleppo.md", Size: -1}
	n := 0
	err := source.Read(context.Background(), in, opt, func(d source.Document) error {
		if n < 2 {
			fmt.Println(d.Date, d.Topic, "|", d.Contexts)
			fmt.Println(d.Text[:60])
		}
		n++
		return nil
	})
	fmt.Println(n, "documents", err)
	// Output:
	// 2016-12-09 Battle of Aleppo | []
	// Russia and the United States will continue talks on Aleppo a
	// 2016-03-22 Russia-United States relations | [[John Kerry Sergey Lavrov United States]]
	// U.S. Secretary of State John Kerry leaves for Moscow for tal
	// 11 documents <nil>
}

// Expand the command-line arguments, then read each input; problems are
// reported per input and the rest goes on.
func ExampleExpand() {
	opt := source.DefaultOptions()
	opt.Stdin = strings.NewReader(`{"id": "x1", "date": "Sept. 28, 2016", "text": "Kerry met Lavrov."}` + "\n")
	ins, errs := source.Expand([]string{"../../fixtures/seeds", "-", "missing.txt"}, opt)
	for _, err := range errs {
		fmt.Fprintln(os.Stdout, "error:", err)
	}
	for _, in := range ins {
		docs := 0
		err := source.Read(context.Background(), in, opt, func(d source.Document) error {
			if in.Path == "-" {
				fmt.Println(d.ID, d.Date, d.Text)
			}
			docs++
			return nil
		})
		fmt.Println(in.Path, docs, err)
	}
	// Output:
	// error: missing.txt: no such file or directory
	// ../../fixtures/seeds/al-monitor-us-russia-syria-2016-09-28.txt 1 <nil>
	// ../../fixtures/seeds/wcep-2016-12-9-battle-of-aleppo.md 11 <nil>
	// x1 2016-09-28 Kerry met Lavrov.
	// - 1 <nil>
}

func ExampleNormalizeDate() {
	for _, s := range []string{"2016-12-9", "Sept. 28, 2016", "2016-09-28T23:30:00-07:00", "yesterday"} {
		fmt.Printf("%q\n", source.NormalizeDate(s))
	}
	// Output:
	// "2016-12-09"
	// "2016-09-28"
	// "2016-09-28"
	// ""
}

func ExampleParseContext() {
	fmt.Printf("%q\n", source.ParseContext("_Context: Gambian presidential election, 2016, President of Gambia, Adama Barrow_"))
	// Output:
	// ["Gambian presidential election, 2016" "President of Gambia" "Adama Barrow"]
}
