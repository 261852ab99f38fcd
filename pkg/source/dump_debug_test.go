package source

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestDebugDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	ins, errs := Expand([]string{p}, DefaultOptions())
	fmt.Println(errs)
	for _, in := range ins {
		err := Read(context.Background(), in, DefaultOptions(), func(d Document) error {
			fmt.Printf("== %s id=%s date=%s topic=%q title=%q url=%s off=%d ctx=%q warn=%q\n%q\n", d.Path, d.ID, d.Date, d.Topic, d.Title, d.URL, d.Offset, d.Contexts, d.Warnings, d.Text)
			return nil
		})
		if err != nil {
			fmt.Println("ERR", err)
		}
	}
}
