#!/usr/bin/env python3
"""Regenerate the README's tour: run every `$ graphbuild ...` line of its ```console blocks, in
order, in a scratch folder holding the bundled fixtures, and put the real output under it.

    python3 bench/tour.py            # rewrites README.md
    python3 bench/tour.py --check    # exit 1 when the README differs from a fresh run

Blocks whose command starts a server (graphbuild serve) are left as they are. `wikigold.conll.txt`
is taken from ../shared/data/ner/dev/wikigold. Output that depends on the moment (timings,
`ls -la` dates) changes from run to run; review the diff before committing.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = ("graphbuild serve",)


def main():
    check = "--check" in sys.argv
    readme = os.path.join(ROOT, "README.md")
    text = open(readme, encoding="utf-8").read()
    work = tempfile.mkdtemp(prefix="graphbuild-tour-")
    try:
        bindir = os.path.join(work, "bin")
        os.mkdir(bindir)
        subprocess.run(["go", "build", "-o", os.path.join(bindir, "graphbuild"), "./cmd/graphbuild"], cwd=ROOT, check=True)
        run = os.path.join(work, "run")
        os.mkdir(run)
        # Copies, not links: the tour reads paths as a user's clone has them.
        shutil.copytree(os.path.join(ROOT, "fixtures"), os.path.join(run, "fixtures"))
        for rel in ("pkg/export/testdata/gexf-1.3", "data/annotation/conll"):
            shutil.copytree(os.path.join(ROOT, rel), os.path.join(run, rel))
        wg = os.path.join(ROOT, "..", "shared", "data", "ner", "dev", "wikigold", "wikigold.conll.txt")
        if os.path.exists(wg):
            shutil.copy(wg, os.path.join(run, "wikigold.conll.txt"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], NO_COLOR="1")
        out, pos = [], 0
        block = re.compile(r"```console\n(.*?)```\n", re.S)
        for m in block.finditer(text):
            out.append(text[pos:m.start()])
            pos = m.end()
            body = m.group(1)
            cmds = [l[2:] for l in body.split("\n") if l.startswith("$ ")]
            if not cmds or any(c.startswith(SKIP) for c in cmds):
                out.append(m.group(0))
                continue
            new = []
            for c in cmds:
                p = subprocess.run(["bash", "-c", c], cwd=run, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
                new.append("$ " + c + "\n" + p.stdout)
            out.append("```console\n" + "".join(new) + ("" if "".join(new).endswith("\n") else "\n") + "```\n")
        out.append(text[pos:])
        result = "".join(out)
        if check:
            if result != text:
                print("README.md tour differs from a fresh run (python3 bench/tour.py rewrites it)")
                sys.exit(1)
            return
        open(readme, "w", encoding="utf-8").write(result)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
