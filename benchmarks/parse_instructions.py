"""Parse cost in CPU instructions (valgrind), beside lxml.html parsing of the same pages.

Wall-clock figures on a shared machine swing with its load; instruction counts do not. Each
side runs under callgrind twice, over N pages and over the same N and N more, and the
difference is the cost of the N more, each read for the first time as a crawl reads it
(start-up, imports, warm-up and the caches' filling with the template's labels cancel out;
a page read again would find its own titles and numbers cached). Instructions are not time:
Python runs fewer of them per cycle than libxml2, so the time ratio (benchmarks/parse.py) is
higher than this one. Needs valgrind.   usage: python benchmarks/parse_instructions.py [N]
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _worker(pages_file: str, side: str, count: int) -> None:
    docs = pickle.loads(Path(pages_file).read_bytes())
    if side == "ours":
        from govreports.parser import parse_report as parse
    else:
        import lxml.html

        parse = lxml.html.fromstring
    for d in docs[:count]:
        parse(d)


def _instructions(pages_file: str, side: str, count: int) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
         "--worker", pages_file, side, str(count)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},  # the same hashing, hence the same work, every run
    )
    m = _COLLECTED.search(out.stderr)
    if not m:
        raise SystemExit(f"valgrind gave no instruction count:\n{out.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    sys.path.insert(0, str(Path(__file__).parent))
    from parse import pages

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.NamedTemporaryFile(suffix=".pkl") as f:
        f.write(pickle.dumps(pages(2 * n)))
        f.flush()
        per_page = {}
        for side in ("lxml", "ours"):
            per_page[side] = (_instructions(f.name, side, 2 * n) - _instructions(f.name, side, n)) / n
    print(f"pages: {n} (the pages of benchmarks/parse.py, with furniture), each read once, under valgrind callgrind")
    print(f"lxml.html.fromstring alone: {per_page['lxml'] / 1e6:.2f} M instructions a page")
    print(f"govreports parse_report:    {per_page['ours'] / 1e6:.2f} M instructions a page")
    print(f"RESULT instructions_per_page={per_page['ours']:.0f} "
          f"ratio_to_lxml={per_page['ours'] / per_page['lxml']:.2f}")


if __name__ == "__main__":
    main()
