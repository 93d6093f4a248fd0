"""Coverage-guided fuzzing of ``parse_report`` with atheris (libFuzzer): any exception is a finding.

    python fuzz/fuzz_parser.py -runs=100000 -max_len=8192 CORPUS_DIR [SEED_DIR …]

The first directory receives new interesting inputs (use a scratch copy); seed it with the
seed reports (tests/fixtures/seeds/*.txt) so the fuzzer starts deep inside the template.
``tests/test_parser_robust.py`` runs a short session when atheris is installed.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["govreports"]):
    from govreports.parser import parse_report


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    html = fdp.ConsumeBool()
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    parse_report(text, content_type="text/html" if html else "text/plain")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
