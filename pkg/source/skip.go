package source

import (
	"io"
	"os"
	"path"
	"strings"
)

// Skipped is a file that a directory walk passed over: Path as found, and
// Reason in a few words, its kind before the first colon ("PDF: convert
// it to text first", "image", "hidden: the name starts with a dot").
type Skipped struct {
	Path, Reason string
}

// skipKinds names what a file with a well-known extension is, and what to
// do with it, for the reason a walk gives.
var skipKinds = map[string]string{
	".pdf":  "PDF: convert it to text first (pdftotext)",
	".doc":  "Word document: convert it to text first",
	".docx": "Word document: convert it to text first",
	".odt":  "OpenDocument text: convert it to text first",
	".rtf":  "RTF: convert it to text first",
	".epub": "EPUB: convert it to text first",
	".xls":  "spreadsheet", ".xlsx": "spreadsheet", ".ods": "spreadsheet",
	".ppt": "presentation", ".pptx": "presentation",
	".csv": "CSV: give the text column as JSONL (--text-field), or --include '*.csv' to read it as plain text",
	".tsv": "TSV: give the text column as JSONL (--text-field), or --include '*.tsv' to read it as plain text",
	".xml": "XML: not read as a document; --include '*.xml' reads it as plain text",
	".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image", ".svg": "image",
	".bmp": "image", ".tif": "image", ".tiff": "image", ".ico": "image", ".heic": "image",
	".mp3": "audio", ".wav": "audio", ".ogg": "audio", ".flac": "audio", ".m4a": "audio",
	".mp4": "video", ".mov": "video", ".avi": "video", ".mkv": "video", ".webm": "video",
	".zip": "archive: unpack it first", ".tar": "archive: unpack it first", ".tgz": "archive: unpack it first",
	".7z": "archive: unpack it first", ".rar": "archive: unpack it first", ".bz2": "compressed (only .gz is read)",
	".xz": "compressed (only .gz is read)", ".zst": "compressed (only .gz is read)",
	".exe": "program", ".so": "program", ".dll": "program", ".o": "program", ".a": "program",
	".db": "database", ".sqlite": "database",
}

// skipReason says why a walk does not read a file whose name is not a
// document name, or "" when it should be read after all: a file without an
// extension whose first 8 KiB are text.
func skipReason(p, name string) string {
	ext := strings.ToLower(path.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	if k, ok := skipKinds[ext]; ok {
		return k
	}
	if ext != "" {
		return "extension " + ext + " is not a document type; --include '*" + ext + "' reads it"
	}
	f, err := os.Open(p)
	if err != nil {
		return "unreadable: " + err.Error()
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "unreadable: " + err.Error()
	}
	head = head[:n]
	if len(head) > 1 && head[0] == 0x1f && head[1] == 0x8b {
		return "" // gzip: Read decompresses and sniffs it
	}
	if isBinary(head) {
		return "binary: no extension and binary content"
	}
	return ""
}
