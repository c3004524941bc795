"""The `tco` command line. Every command takes --json; bad input exits 2 with one line."""

import argparse
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from tco.cli.output import EXIT_BAD_INPUT, say
from tco.models.errors import TcoError, one_line


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        say(f"tco: error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    from tco.cli import (
        catalogue_commands,
        export_commands,
        optimise_commands,
        plan_commands,
        run_commands,
        throughput_commands,
    )

    parser = _Parser(prog="tco", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in (
        catalogue_commands, throughput_commands, run_commands, export_commands, optimise_commands,
        plan_commands,
    ):  # fmt: skip
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (TcoError, ValidationError, ValueError) as exc:
        say(f"tco: error: {one_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MemoryError:
        say("tco: error: this needs more memory than this machine has; ask for less "
              "(fewer samples, a shorter horizon)", file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    except TimeoutError:
        say("tco: error: this took longer than its time limit; ask for less", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for a user; say what broke in one line
        say(f"tco: internal error: {type(exc).__name__}: {one_line(exc)}", file=sys.stderr)
        return 1
