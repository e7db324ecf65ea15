"""`python -m retrieval build | ask | deadlines | docs` — the core's command line."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the subcommand's module so each command loads only what it needs."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "deadlines":
        from retrieval.deadlines.cli import main as deadlines_main

        return deadlines_main(argv[1:])
    from retrieval.cli import main as core_main

    return core_main(argv)


if __name__ == "__main__":
    sys.exit(main())
