package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type entry struct{ alias, class, canon string }

type sink struct {
	entries map[entry]bool
}

func (s *sink) add(alias, class, canon string) {
	alias = strings.Join(strings.Fields(alias), " ")
	parts := strings.Split(canon, "\t") // a demonym's canonical form and its country
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(p), " ")
	}
	canon = strings.Join(parts, "\t")
	if alias == "" || !utf8.ValidString(alias) || len(alias) > 80 {
		return
	}
	if s.entries == nil {
		s.entries = map[entry]bool{}
	}
	s.entries[entry{alias, class, canon}] = true
}

func main() {
	src := flag.String("src", "../shared/data/gazetteers", "gazetteer source directory")
	extra := flag.String("extra", "internal/gazbuild/data", "directory of the sources kept in this repository")
	wordnetDir = flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 database directory (Debian package wordnet-base)")
	out := flag.String("out", "pkg/ner/data/gaz", "output directory")
	flag.Parse()
	if err := run(*src, *extra, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazbuild:", err)
		os.Exit(1)
	}
}

type job struct {
	name     string
	licenses []string // files (relative to src) copied as name.LICENSE*
	build    func(src string, s *sink) error
}

func run(src, extra, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	built := map[string]*sink{} // the sinks made so far, by job name
	jobs := []job{
		{"geonames", []string{"geonames_deb_libgeonames/copyright"}, geonames},
		{"countries_mledoze", []string{"mledoze_countries/LICENSE"}, mledoze},
		{"iso3166", []string{"iso-codes/copyright"}, iso3166},
		{"igo_supraverden", []string{"supraverden/LICENSE.md"}, supraverden},
		{"leaders", nil, leaders}, // CC0: see the notice written below
		{"names_us", []string{"names/census1990/README.treyhunner.rst"}, names},
		{"lexicon_scowl", []string{"scowl_wordlists/copyright"}, lexicon},
		{"org_companies", []string{"org/sec_company_tickers/SOURCE.txt", "org/sp500/SOURCE.txt"}, companies},
		{"org_government", []string{"org/us_federal_agencies/SOURCE.txt", "org/us_gov_dotgov/SOURCE.txt", "org/uk_gov_orgs/SOURCE.txt", "org/us_congress/SOURCE.txt", "org/us_gov_dotgov/LICENSE", "org/uk_gov_orgs/LICENSE", "org/us_congress/LICENSE"}, government},
		{"org_phoenix", []string{"org/phoenix_cameo_actors/SOURCE.txt", "org/phoenix_cameo_actors/LICENSE"}, phoenix},
		{"org_universities", []string{"org/universities/SOURCE.txt", "org/universities/LICENSE.txt"}, universities},
		{"org_media", []string{"org/news_publishers_fundus/SOURCE.txt", "org/news_publishers_fundus/LICENSE", "org/news_freebie/SOURCE.txt", "org/news_freebie/LICENSE", "org/us_newspapers_wiki/SOURCE.txt", "org/us_newspapers_wiki/LICENSE"}, media},
		{"org_sports", []string{"org/football_clubs/SOURCE.txt", "org/football_clubs/LICENSE.md", "org/nba/SOURCE.txt", "org/nba/LICENSE.md"}, sports},
		{"org_parties", []string{"org/party_facts/SOURCE.txt", "org/party_facts/LICENSE.md"}, parties},
		{"org_cspell_companies", []string{extra + "/cspell_companies/SOURCE.txt", extra + "/cspell_companies/LICENSE"}, func(_ string, s *sink) error {
			return cspellCompanies(filepath.Join(extra, "cspell_companies/companies.txt"), built, s)
		}},
		{"wordnet", []string{"/usr/share/doc/wordnet-base/copyright"}, func(_ string, s *sink) error {
			return wordnet(filepath.Join(*wordnetDir, "data.noun"), s)
		}},
	}
	for _, j := range jobs {
		var s sink
		built[j.name] = &s
		if err := j.build(src, &s); err != nil {
			return fmt.Errorf("%s: %w", j.name, err)
		}
		if err := write(filepath.Join(out, j.name+".tsv.gz"), &s); err != nil {
			return err
		}
		for i, l := range j.licenses {
			path := l
			if !filepath.IsAbs(l) && !strings.HasPrefix(l, extra+"/") {
				path = filepath.Join(src, l)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("%s: license: %w", j.name, err)
			}
			name := fmt.Sprintf("%s.LICENSE", j.name)
			if i > 0 {
				name = fmt.Sprintf("%s.LICENSE.%d", j.name, i)
			}
			from := "../shared/data/gazetteers"
			if filepath.IsAbs(l) {
				from = "the Debian package that installs it"
			}
			if strings.HasPrefix(l, extra+"/") {
				from, l = "this repository", strings.TrimPrefix(l, extra+"/")
				from = "internal/gazbuild/data in " + from
			}
			header := fmt.Sprintf("Source file: %s (from %s)\n\n", l, from)
			if err := os.WriteFile(filepath.Join(out, name), append([]byte(header), b...), 0o644); err != nil {
				return err
			}
		}
		if j.name == "leaders" {
			notice := "Source file: world_leaders/everypolitician_world-leaders-2021_wikidata.csv (from ../shared/data/gazetteers)\n\n" +
				"Heads of state and government from Wikidata (via the EveryPolitician world-leaders export).\n" +
				"Wikidata data is dedicated to the public domain under CC0 1.0:\n" +
				"https://creativecommons.org/publicdomain/zero/1.0/\n"
			if err := os.WriteFile(filepath.Join(out, "leaders.LICENSE"), []byte(notice), 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "%s: %d entries\n", j.name, len(s.entries))
	}
	return nil
}

func write(path string, s *sink) error {
	es := make([]entry, 0, len(s.entries))
	for e := range s.entries {
		es = append(es, e)
	}
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.alias != b.alias {
			return a.alias < b.alias
		}
		if a.class != b.class {
			return a.class < b.class
		}
		return a.canon < b.canon
	})
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, e := range es {
		fmt.Fprintf(bw, "%s\t%s\t%s\n", e.alias, e.class, e.canon)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), nil
}

// readJSON decodes the JSON file at path into v; a decoding error names
// the file (an error opening it already does).
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readCSV reads the rows of a CSV (or, with comma '\t', TSV) file after its
// header row. A file without even a header row is an error, and so is a
// parse error, naming the file.
func readCSV(path string, comma rune) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	return rows[1:], nil
}

// geonames: cities with population >= 15,000 and admin1 names.
func geonames(src string, s *sink) error {
	lines, err := readLines(filepath.Join(src, "geonames/cities15000.txt"))
	if err != nil {
		return err
	}
	words := map[string]bool{}
	for _, f := range []string{"american-english", "british-english"} {
		ls, err := readLines(filepath.Join(src, "scowl_wordlists", f))
		if err != nil {
			return err
		}
		for _, l := range ls {
			if strings.ToLower(l) == l {
				words[l] = true
			}
		}
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) < 15 {
			continue
		}
		pop, _ := strconv.Atoi(f[14])
		cls := "CITY"
		if f[7] == "PPLC" {
			cls = "CAPITAL"
		}
		s.add(f[1], cls, f[1])
		if f[2] != f[1] {
			s.add(f[2], cls, f[1])
		}
		// Alternate names in plain ASCII Latin letters for big cities only
		// ("Kiev", "Peking"), where they are likely English exonyms; not
		// those made only of English words, which are translations that
		// name something else in English ("White House" for Casablanca).
		if pop >= 500000 {
			for _, a := range strings.Split(f[3], ",") {
				if isASCIIName(a) && len(a) > 3 && !(strings.Contains(a, " ") && allWords(a, words)) {
					s.add(a, cls, f[1])
				}
			}
		}
	}
	rows, err := readCSV(filepath.Join(src, "geonames_deb_libgeonames/en_names.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		if strings.Contains(r[0], ".") {
			s.add(r[1], "STATE", r[1])
		}
	}
	rows, err = readCSV(filepath.Join(src, "geonames/countryInfo.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 5 {
			s.add(r[4], "COUNTRY", r[4])
			if r[5] != "" {
				s.add(r[5], "CAPITAL", r[5])
			}
		}
	}
	return nil
}

func isASCIIName(a string) bool {
	if a == "" || !unicode.IsUpper(rune(a[0])) {
		return false
	}
	for i := 0; i < len(a); i++ {
		c := a[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ' || c == '-' || c == '\'' || c == '.') {
			return false
		}
	}
	return true
}

func mledoze(src string, s *sink) error {
	var cs []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		AltSpellings []string                     `json:"altSpellings"`
		Independent  bool                         `json:"independent"`
		Area         float64                      `json:"area"`
		Capital      []string                     `json:"capital"`
		Demonyms     map[string]map[string]string `json:"demonyms"`
	}
	if err := readJSON(filepath.Join(src, "mledoze_countries/countries.json"), &cs); err != nil {
		return err
	}
	// A demonym shared by several countries ("American") links to the
	// independent country with the largest area.
	best := map[string]int{}
	better := func(i, j int) bool {
		if cs[i].Independent != cs[j].Independent {
			return cs[i].Independent
		}
		return cs[i].Area > cs[j].Area
	}
	for i, c := range cs {
		for _, v := range c.Demonyms["eng"] {
			if j, ok := best[v]; !ok || better(i, j) {
				best[v] = i
			}
		}
	}
	for i, c := range cs {
		canon := c.Name.Common
		s.add(canon, "COUNTRY", canon)
		s.add(c.Name.Official, "COUNTRY", canon)
		for _, a := range c.AltSpellings {
			// Two-letter codes ("AW") are too ambiguous except a few
			// well-known ones handled in code.
			if len(a) > 2 && isASCIIName(a) {
				s.add(a, "COUNTRY", canon)
			}
		}
		for _, cap := range c.Capital {
			s.add(cap, "CAPITAL", cap)
		}
		if d, ok := c.Demonyms["eng"]; ok {
			for _, k := range []string{"m", "f"} {
				if v := d[k]; v != "" && best[v] == i {
					s.add(v, "NORP", v+"\t"+canon)
					if !strings.HasSuffix(v, "s") && !strings.HasSuffix(v, "ese") && !strings.HasSuffix(v, "sh") && !strings.HasSuffix(v, "ch") {
						s.add(v+"s", "NORP", v+"\t"+canon)
					}
				}
			}
		}
	}
	return nil
}

func iso3166(src string, s *sink) error {
	var c1 struct {
		L []struct {
			Name, OfficialName, CommonName string
		} `json:"3166-1"`
	}
	path1 := filepath.Join(src, "iso-codes/iso_3166-1.json")
	b, err := os.ReadFile(path1)
	if err != nil {
		return err
	}
	// The JSON uses snake_case keys.
	b = []byte(strings.NewReplacer(`"official_name"`, `"OfficialName"`, `"common_name"`, `"CommonName"`).Replace(string(b)))
	if err := json.Unmarshal(b, &c1); err != nil {
		return fmt.Errorf("%s: %w", path1, err)
	}
	for _, c := range c1.L {
		canon := c.Name
		if c.CommonName != "" {
			canon = c.CommonName
		}
		s.add(c.Name, "COUNTRY", canon)
		if c.OfficialName != "" {
			s.add(c.OfficialName, "COUNTRY", canon)
		}
		if c.CommonName != "" {
			s.add(c.CommonName, "COUNTRY", canon)
		}
	}
	var c2 struct {
		L []struct {
			Name, Type string
		} `json:"3166-2"`
	}
	if err := readJSON(filepath.Join(src, "iso-codes/iso_3166-2.json"), &c2); err != nil {
		return err
	}
	for _, c := range c2.L {
		switch c.Type {
		case "State", "Province", "Region", "Governorate", "Oblast", "Republic", "Emirate", "Territory", "Prefecture", "Autonomous region", "Country", "Canton", "Department", "Federal district", "Autonomous community", "Land", "Nation":
			s.add(c.Name, "STATE", c.Name)
		}
	}
	return nil
}

// supraverden: international organisations with abbreviations. The file
// is YAML; only top-level keys and a few scalar fields are needed.
func supraverden(src string, s *sink) error {
	lines, err := readLines(filepath.Join(src, "supraverden/general_list.yaml"))
	if err != nil {
		return err
	}
	var name, abbr string
	flush := func() {
		if name != "" {
			s.add(name, "IGO", name)
			if abbr != "" && abbr != "null" && len(abbr) >= 2 && len(abbr) <= 12 {
				s.add(abbr, "IGO", name)
			}
		}
		name, abbr = "", ""
	}
	for _, l := range lines {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if l[0] != ' ' && strings.HasSuffix(l, ":") {
			flush()
			name = unquote(strings.TrimSuffix(l, ":"))
			continue
		}
		t := strings.TrimSpace(l)
		if v, ok := strings.CutPrefix(t, "Name_en: "); ok {
			name = unquote(v)
		} else if v, ok := strings.CutPrefix(t, "Abbreviation_en: "); ok {
			abbr = unquote(v)
		}
	}
	flush()
	return nil
}

func unquote(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '\'' && v[len(v)-1] == '\'' || v[0] == '"' && v[len(v)-1] == '"') {
		v = v[1 : len(v)-1]
	}
	return strings.ReplaceAll(v, "''", "'")
}

func leaders(src string, s *sink) error {
	rows, err := readCSV(filepath.Join(src, "world_leaders/everypolitician_world-leaders-2021_wikidata.csv"), ',')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 5 && !strings.HasPrefix(r[5], "Q") {
			s.add(r[5], "PERSON", r[5])
		}
	}
	return nil
}

func titleWord(w string) string {
	if w == "" {
		return w
	}
	r := []rune(strings.ToLower(w))
	r[0] = unicode.ToUpper(r[0])
	for i := 1; i < len(r); i++ {
		if (r[i-1] == '-' || r[i-1] == '\'' && i == 2) && unicode.IsLetter(r[i]) {
			r[i] = unicode.ToUpper(r[i])
		}
	}
	return string(r)
}

func names(src string, s *sink) error {
	for _, f := range []string{"dist.female.first", "dist.male.first"} {
		lines, err := readLines(filepath.Join(src, "names/census1990", f))
		if err != nil {
			return err
		}
		for _, l := range lines {
			if fs := strings.Fields(l); len(fs) > 0 {
				s.add(titleWord(fs[0]), "FIRST", "")
			}
		}
	}
	lines, err := readLines(filepath.Join(src, "names/census1990/dist.all.last"))
	if err != nil {
		return err
	}
	for _, l := range lines {
		fs := strings.Fields(l)
		if len(fs) < 4 {
			continue
		}
		// Keep the commoner surnames (rank <= 30,000) to limit noise.
		if rank, _ := strconv.Atoi(fs[3]); rank <= 30000 {
			s.add(titleWord(fs[0]), "LAST", "")
		}
	}
	rows, err := readCSV(filepath.Join(src, "names/ssa/ssa_us_first_names_1880-2023_by_sex.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) < 3 {
			continue
		}
		if n, _ := strconv.Atoi(r[2]); n >= 2000 {
			s.add(r[0], "FIRST", "")
		}
	}
	return nil
}

func lexicon(src string, s *sink) error {
	for _, f := range []string{"american-english", "british-english"} {
		lines, err := readLines(filepath.Join(src, "scowl_wordlists", f))
		if err != nil {
			return err
		}
		for _, l := range lines {
			if l == "" || strings.HasSuffix(l, "'s") {
				continue
			}
			if strings.ToLower(l) == l {
				s.add(l, "WORD", "")
			}
		}
	}
	return nil
}

var legalSuffix = []string{
	" Inc.", " Inc", " Corp.", " Corp", " Corporation", " Co.", " Company", " Ltd.", " Ltd", " Limited",
	" plc", " PLC", " Plc", " LLC", " L.P.", " LP", " N.V.", " S.A.", " SA", " AG", " SE", " Group", " Holdings",
	" Holding", " Trust", " Incorporated", " & Co.", " & Co", " Co", " /DE/", " /DE", " /MD/", " /NV/",
	" Cos.", " Companies", " Technologies", " International", " Industries", " Bancorp", " Financial",
}

// stripLegal removes trailing legal forms and commas: "Apple Inc." → "Apple".
func stripLegal(n string) string {
	for {
		n = strings.TrimRight(strings.TrimSpace(n), ",")
		changed := false
		if i := strings.LastIndex(n, " /"); i > 0 && strings.Count(n[i:], "/") >= 1 && len(n)-i <= 6 {
			n = n[:i]
			changed = true
		}
		for _, suf := range legalSuffix {
			if len(n) > len(suf)+2 && strings.EqualFold(n[len(n)-len(suf):], suf) {
				n = n[:len(n)-len(suf)]
				changed = true
			}
		}
		if !changed {
			return n
		}
	}
}

// titleCase turns an all-capitals company title into title case
// ("GENERAL MOTORS" → "General Motors"), keeping short all-capital
// words that look like acronyms ("IBM", "AT&T").
func titleCase(n string) string {
	if strings.ToUpper(n) != n {
		return n
	}
	ws := strings.Fields(n)
	for i, w := range ws {
		if i > 0 && functionWords[w] {
			ws[i] = strings.ToLower(w) // "Armed Forces of Colombia"
			continue
		}
		if len(w) <= 3 && !isVowelWord(w) || strings.ContainsAny(w, "&.") {
			continue
		}
		ws[i] = titleWord(w)
	}
	return strings.Join(ws, " ")
}

// functionWords are written in lower case inside a title-cased name.
var functionWords = map[string]bool{
	"OF": true, "AND": true, "THE": true, "FOR": true, "IN": true, "ON": true, "TO": true, "AT": true,
	"BY": true, "DE": true, "DU": true, "DES": true, "DEL": true, "LA": true, "LE": true, "EL": true,
}

func isVowelWord(w string) bool {
	return strings.ContainsAny(w, "AEIOU") && len(w) > 2
}

func addCompany(s *sink, name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	t := titleCase(name)
	s.add(t, "COMPANY", stripLegal(t))
	if st := stripLegal(t); st != t && len(st) > 1 {
		s.add(st, "COMPANY", st)
	}
	if t != name {
		s.add(name, "COMPANY", stripLegal(t))
	}
}

func companies(src string, s *sink) error {
	var m map[string]struct {
		Title string `json:"title"`
	}
	if err := readJSON(filepath.Join(src, "org/sec_company_tickers/company_tickers.json"), &m); err != nil {
		return err
	}
	for _, v := range m {
		addCompany(s, v.Title)
	}
	rows, err := readCSV(filepath.Join(src, "org/sp500/data/constituents.csv"), ',')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 1 {
			addCompany(s, r[1])
		}
	}
	return nil
}

func government(src string, s *sink) error {
	var ag []struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
	}
	if err := readJSON(filepath.Join(src, "org/us_federal_agencies/federalregister_agencies_2022.json"), &ag); err != nil {
		return err
	}
	for _, a := range ag {
		s.add(a.Name, "GOVORG", a.Name)
		if a.ShortName != "" && strings.ToUpper(a.ShortName) == a.ShortName && len(a.ShortName) >= 2 {
			s.add(a.ShortName, "GOVORG", a.Name)
		}
	}
	rows, err := readCSV(filepath.Join(src, "org/us_gov_dotgov/agencies-and-subs.csv"), ',')
	if err != nil {
		return err
	}
	for _, r := range rows {
		for _, n := range r {
			if n != "" {
				s.add(n, "GOVORG", n)
			}
		}
	}
	rows, err = readCSV(filepath.Join(src, "org/uk_gov_orgs/govuk_organisations_2017.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 4 {
			s.add(r[4], "GOVORG", r[4])
			if ab := r[1]; ab != "" && strings.ToUpper(ab) == ab && len(ab) >= 2 {
				s.add(ab, "GOVORG", r[4])
			}
		}
	}
	rows, err = readCSV(filepath.Join(src, "org/us_congress/us_committees.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 0 {
			s.add(r[0], "GOVORG", r[0])
		}
	}
	rows, err = readCSV(filepath.Join(src, "org/us_congress/us_people.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 0 {
			s.add(r[0], "PERSON", r[0])
		}
	}
	return nil
}

func phoenix(src string, s *sink) error {
	for _, f := range []string{"phoenix_international.tsv", "phoenix_milnonstate.tsv"} {
		rows, err := readCSV(filepath.Join(src, "org/phoenix_cameo_actors", f), '\t')
		if err != nil {
			return err
		}
		for _, r := range rows {
			if len(r) < 2 || !strings.HasPrefix(r[1], "ORG") {
				continue
			}
			names := []string{r[0]}
			if len(r) > 3 && r[3] != "" {
				names = append(names, strings.Split(r[3], "|")...)
			}
			canon := titleCase(strings.TrimPrefix(r[0], "THE "))
			cls := "ORGX"
			if r[1] == "ORG:IGO" {
				cls = "IGO"
			}
			for _, n := range names {
				n = strings.TrimPrefix(n, "THE ")
				if len(n) <= 5 && !strings.Contains(n, " ") {
					s.add(n, cls, canon) // acronyms keep their capitals
				} else {
					s.add(titleCase(n), cls, canon)
				}
			}
		}
	}
	return nil
}

func universities(src string, s *sink) error {
	var us []struct {
		Name string `json:"name"`
	}
	if err := readJSON(filepath.Join(src, "org/universities/world_universities_and_domains.json"), &us); err != nil {
		return err
	}
	for _, u := range us {
		s.add(u.Name, "UNIV", u.Name)
	}
	return nil
}

func media(src string, s *sink) error {
	rows, err := readCSV(filepath.Join(src, "org/news_publishers_fundus/fundus_publishers.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 0 {
			s.add(r[0], "MEDIA", r[0])
		}
	}
	rows, err = readCSV(filepath.Join(src, "org/news_freebie/freebie/websources.csv"), ',')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 1 && len(r[1]) > 3 {
			s.add(r[1], "MEDIA", r[1])
		}
	}
	rows, err = readCSV(filepath.Join(src, "org/us_newspapers_wiki/data/wikipedia-us-newspapers.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 0 {
			n := r[0]
			if i := strings.Index(n, " ("); i > 0 {
				n = n[:i]
			}
			s.add(n, "MEDIA", n)
		}
	}
	return nil
}

func sports(src string, s *sink) error {
	rows, err := readCSV(filepath.Join(src, "org/football_clubs/football_clubs.tsv"), '\t')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) < 1 {
			continue
		}
		s.add(r[0], "TEAM", r[0])
		if len(r) > 2 && r[2] != "" {
			for _, a := range strings.Split(r[2], "|") {
				s.add(a, "TEAM", r[0])
			}
		}
	}
	var teams []struct {
		TeamName string `json:"teamName"`
	}
	if err := readJSON(filepath.Join(src, "org/nba/data/teams.json"), &teams); err != nil {
		return err
	}
	for _, t := range teams {
		s.add(t.TeamName, "TEAM", t.TeamName)
	}
	return nil
}

// parties: Party Facts core parties and its Wikidata import (MIT). The
// ParlGov import is CC BY-SA and is left out.
func parties(src string, s *sink) error {
	rows, err := readCSV(filepath.Join(src, "org/party_facts/import/elecglob/partyfacts-core-parties.csv"), ',')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 5 && r[5] != "" && !strings.Contains(r[5], "/") {
			s.add(r[5], "PARTY", r[5])
		}
	}
	rows, err = readCSV(filepath.Join(src, "org/party_facts/import/wikipedia/wikidata.csv"), ',')
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) > 3 && r[3] != "" {
			s.add(r[3], "PARTY", r[3])
		}
	}
	return nil
}

// allWords reports whether every word of name is a lower-case English word.
func allWords(name string, words map[string]bool) bool {
	for _, w := range strings.Fields(name) {
		if !words[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// takenWords are the lower-case names of places, first names, surnames and
// English words in the sinks built so far.
func takenWords(built map[string]*sink) map[string]bool {
	taken := map[string]bool{}
	for _, name := range []string{"geonames", "countries_mledoze", "iso3166", "lexicon_scowl"} {
		for e := range built[name].entries {
			taken[strings.ToLower(e.alias)] = true
		}
	}
	for e := range built["names_us"].entries {
		if e.class == "FIRST" || e.class == "LAST" {
			taken[strings.ToLower(e.alias)] = true
		}
	}
	return taken
}

// unambiguous reports whether name can stand for an organisation alone: a
// name of several words, or one word of three letters or more that starts
// with a capital or digit, is no ticker-like capital run of four letters or
// fewer, and is not in taken.
func unambiguous(name string, taken map[string]bool) bool {
	if strings.Contains(name, " ") {
		return true
	}
	if len(name) < 3 || taken[strings.ToLower(name)] {
		return false
	}
	r := []rune(name)[0]
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	return !(strings.ToUpper(name) == name && len(name) <= 4)
}

// cspellCompanies adds the words of company names from cspell's company
// dictionary that cannot be read as anything else: not a place, a first
// name, a surname or an English word (those are in the sinks built before
// it), not written in lower case, not a
// ticker-like capital run of four letters or fewer, not shorter than three.
func cspellCompanies(path string, built map[string]*sink, s *sink) error {
	lines, err := readLines(path)
	if err != nil {
		return err
	}
	taken := takenWords(built)
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "#") || strings.Contains(l, " ") || !unambiguous(l, taken) {
			continue
		}
		s.add(l, "COMPANY", l)
	}
	return nil
}

var wordnetDir *string

// wordnetLex maps a WordNet lexicographer file of noun synsets to the
// gazetteer class its named instances get: natural and political places
// (noun.location, noun.object: "Alps", "Danube", "Balkans"), people,
// buildings and other artefacts, events and acts ("Battle of Hastings"),
// groups (peoples, organisations).
var wordnetLex = map[string]string{
	"15": "WNPLACE", "17": "WNPLACE", "18": "WNPERSON", "06": "WNFAC",
	"11": "WNEVENT", "04": "WNEVENT", "14": "WNGROUP",
}

// wordnet adds WordNet 3.0's capitalised noun lemmas: the named instances
// of the synsets in wordnetLex, and the capitalised non-instance nouns of
// noun.person ("Phoenician", "European": peoples, nationalities, members
// of religions and parties) as WNPEOPLE, with their plural. These classes
// are features only: they name no canonical form.
func wordnet(path string, s *sink) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w (install the Debian package wordnet-base, or give -wordnet)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") { // the license header
			continue
		}
		fields := strings.Fields(strings.SplitN(line, " | ", 2)[0])
		if len(fields) < 5 {
			continue
		}
		lex := fields[1]
		wcnt, err := strconv.ParseUint(fields[3], 16, 8)
		if err != nil || 4+2*int(wcnt) >= len(fields) {
			return fmt.Errorf("%s: bad synset line %.40q", path, line)
		}
		var lemmas []string
		for i := 0; i < int(wcnt); i++ {
			w := strings.ReplaceAll(fields[4+2*i], "_", " ")
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				lemmas = append(lemmas, w)
			}
		}
		if len(lemmas) == 0 {
			continue
		}
		instance := false
		for _, p := range fields[4+2*int(wcnt)+1:] {
			if p == "@i" {
				instance = true
				break
			}
		}
		cls := ""
		switch {
		case instance:
			cls = wordnetLex[lex]
		case lex == "18":
			cls = "WNPEOPLE"
		}
		if cls == "" {
			continue
		}
		for _, l := range lemmas {
			s.add(l, cls, "")
			if cls == "WNPEOPLE" && !strings.Contains(l, " ") && !strings.HasSuffix(l, "s") {
				s.add(l+"s", cls, "")
			}
			n++
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: no named instances found", path)
	}
	return nil
}
