"""The ``govreports`` command line: a thin dispatcher over :mod:`govreports.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys

from govreports import __version__
from govreports.commands import COMMANDS


def _load(name: str):
    try:
        return importlib.import_module(f"govreports.commands.{name}")
    except ModuleNotFoundError as exc:  # a command not built yet is simply not offered
        if exc.name == f"govreports.commands.{name}":
            return None
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreports",
        description="Crawl, clean and parse 政府信息公开工作年度报告 into a research corpus.",
    )
    parser.add_argument("--version", action="version", version=f"govreports {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _load(name)
        if module is None:
            continue
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
