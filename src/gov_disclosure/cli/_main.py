"""Running ``gov-disclosure``."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from ._parser import EXIT_CLOSED, EXIT_INTERRUPTED, UNWRITABLE, parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=UNWRITABLE)
    try:
        args = parser().parse_args(argv)
        from ._commands import COMMANDS  # here, not above: --help and --version load nothing the commands use

        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # a reader gone from stdout shows here, not as Python exits
    except KeyboardInterrupt:  # no output file is left half-written: each replaces its file only at the end
        print("\ninterrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # stdout's reader is gone (`| head`): stop quietly, as the Python documentation advises
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is left to print goes nowhere
        return EXIT_CLOSED
    return status
