#!/usr/bin/env python3
"""Adjudication step 1 (systematic): guideline v1.2 moved every title outside PERSON spans.

The 2013 batch was annotated under v1.1, which kept titles used with a name inside the span
("[PERSON Pope Francis]"). This rewrites such spans as v1.2+ wants them:
  [PERSON Pope Francis]               -> Pope [PERSON Francis]
  [PERSON King Albert II of Belgium]  -> King [PERSON Albert II] of [GPE Belgium]
  [PERSON Prince Philip, Duke of Edinburgh] -> Prince [PERSON Philip], Duke of Edinburgh
A title that is the whole name ("[PERSON Duchess of Cambridge]", "[PERSON Queen Mother]") stays.
Usage: scripts/titles_outside.py news/*.ann   (rewrites the files in place, prints each change)
"""
import re
import sys

TITLES = ["Pope Emeritus", "Crown Prince", "Grand Duke", "Grand Duchess", "Pope", "King", "Queen",
          "Prince", "Princess", "Emperor", "Empress", "Sir", "Dame", "Lord", "Lady", "Cardinal",
          "Archbishop", "Bishop", "Saint", "Sultan", "Emir", "Pharaoh", "Mullah", "Ayatollah",
          "Imam", "Rev.", "Dr.", "Mr.", "Mrs.", "Ms.", "Padre"]
# Names in which the title word is part of the person's own name.
KEEP = {"Queen Mother", "Sheikh Hasina", "Lady Gaga", "Queen Latifah", "Prince Fielder", "King Kong"}
COUNTRIES = {"Belgium", "Sweden", "Norway", "Denmark", "Spain", "England", "Jordan", "Saudi Arabia",
             "Morocco", "Thailand", "Bhutan", "Swaziland", "Lesotho", "Tonga", "Bahrain", "Monaco",
             "Liechtenstein", "Luxembourg", "Qatar", "Kuwait", "Oman", "Brunei", "Cambodia", "Nepal",
             "the Netherlands", "the United Kingdom", "Wales", "Scotland"}

SPAN = re.compile(r"\[PERSON ([^\]]+)\]")


def fix(name):
    if name in KEEP:
        return None
    rest, title = name, []
    for t in TITLES:  # one title at most: "Prince Sultan bin Salman" keeps "Sultan"
        after = rest[len(t) + 1:]
        if rest.startswith(t + " ") and not after.startswith("of ") and after.split(" ")[0] not in ("bin", "ibn", "bint"):
            title.append(t)
            rest = rest[len(t) + 1:].lstrip()
            break
    if not title:
        return None
    tail = ""
    m = re.match(r"^(.*?),\s+((?:Duke|Duchess|Prince|Princess|Earl|Countess) of .*)$", rest)
    if m:
        rest, tail = m.group(1), ", " + m.group(2)
    else:
        m = re.match(r"^(.*?) of (.+)$", rest)
        if m:
            place = m.group(2)
            if place in COUNTRIES:
                if place.startswith("the "):
                    tail = " of the [GPE %s]" % place[4:]
                else:
                    tail = " of [GPE %s]" % place
            else:
                tail = " of " + place
            rest = m.group(1)
    return " ".join(title) + " [PERSON %s]" % rest + tail


def main():
    for path in sys.argv[1:]:
        lines = open(path, encoding="utf-8").read().split("\n")
        out = []
        for i, line in enumerate(lines):
            if line.startswith("#"):
                out.append(line)
                continue

            def repl(m):
                new = fix(m.group(1))
                if new is None:
                    return m.group(0)
                print("%s:%d: %s -> %s" % (path, i + 1, m.group(0), new))
                return new
            out.append(SPAN.sub(repl, line))
        open(path, "w", encoding="utf-8").write("\n".join(out))


if __name__ == "__main__":
    main()
