package source

// Document is one text to analyse, with what its source says about it.
type Document struct {
	// Path is the input path as the user gave it ("-" for standard input).
	Path string
	// ID identifies the document across runs: a hash of its text, or the
	// link path of a Current Events item ("/news/2016/12/9/slug.md").
	ID string
	// Title, Date (YYYY-MM-DD) and URL come from the source when it has them.
	Title, Date, URL string
	// Text is what gets analysed. For plain files and Markdown it has the
	// same bytes as the file at Offset..Offset+len(Text), with markup blanked
	// to spaces, so offsets into Text plus Offset are offsets into the file.
	Text string
	// Offset is the byte offset of Text in the file as read; -1 when Text is
	// not a slice of the file (extracted HTML, a JSONL field).
	Offset int
	// Raw is the file's bytes at Offset..Offset+len(Text) before any
	// blanking, when Offset >= 0 (it may be empty for parts of very large
	// files). A name found in Text is the file's text only where Raw agrees.
	Raw string
	// Contexts lists the names of the document's "_Context: A, B_" lines,
	// one slice per line.
	Contexts [][]string
	// Topic is the Current Events topic heading the item was listed under
	// ("Battle of Aleppo"), if any.
	Topic string
	// Dropped lists the page clutter blanked out of Text (see Clutter), in
	// order; empty when Options.TrimBoilerplate is off.
	Dropped []Span
	// Warnings are problems met and repaired while reading (invalid UTF-8
	// replaced, a document split): reported, not fatal.
	Warnings []string
	// ReadTo is how far into the input this document ends, in the units
	// of Input.Size (file bytes; compressed bytes for .gz), so that a
	// caller can show progress within one big input: exact for the parts
	// of a big text file, proportional to the text for a file read whole,
	// the bytes read so far for JSON lines. The last document of an input
	// need not reach its size (trailing blank lines, a failed page).
	ReadTo int64
}
