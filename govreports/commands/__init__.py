"""One module per ``govreports`` subcommand; each exposes ``add_arguments(parser)`` and ``run(args) -> int``.

``HELP`` in each module is the one-line description shown by ``govreports --help``.
"""

#: Subcommands in the order ``govreports --help`` lists them.
COMMANDS = ("parse", "reparse", "export", "stats", "sites", "demo", "enqueue", "ingest")
