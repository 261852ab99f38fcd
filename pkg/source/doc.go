// Package source reads what users collected — text and Markdown files,
// saved web pages, JSONL dumps, the Wikipedia Current Events archive,
// optionally gzip-compressed — and turns it into Documents ready for
// analysis. It imports no other graphbuild package.
package source
