// Package source reads what users collected — text and Markdown files,
// saved web pages, JSONL dumps, the Wikipedia Current Events archive,
// optionally gzip-compressed — and turns it into Documents ready for
// analysis. It imports no other graphbuild package.
//
// No input can exhaust memory or hang a read: plain text, compressed or
// not, is streamed in parts of MaxDocBytes; what must be read whole (a
// Markdown, HTML or JSON file, a JSONL line) is bounded by MaxRecordBytes
// after decompression; HTML nested deeper than MaxHTMLDepth is refused
// before extraction and an interruption is honoured during it; context
// lines keep MaxContextNames names and a document MaxDocContextNames; FIFOs, sockets and devices are refused
// before they are opened. Each refusal is an *Error naming the input.
package source
