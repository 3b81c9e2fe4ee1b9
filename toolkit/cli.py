"""The `toolkit` command line: a thin click shell over the Python API.

Subcommands live in `toolkit/commands/`, one module each, and are imported only when
used, so `toolkit --help` stays instant. Errors become one line on stderr and the exit
code of their class (see `toolkit.errors`); `--verbose` adds the traceback.
"""

from __future__ import annotations

import importlib
import io
import os
import signal
import sys
import traceback
from typing import Any

import click

from toolkit import __version__
from toolkit.commands.globals import AppState, accept_global_options, global_params
from toolkit.errors import OutputError, ToolkitError

# name -> "module:attribute" of the click command; imported on first use.
COMMANDS: dict[str, str] = {
    "config": "toolkit.commands.config:config",
    "detect": "toolkit.commands.detect:detect",
    "models": "toolkit.commands.models:models",
    "summarize": "toolkit.commands.summarize:summarize",
    "translate": "toolkit.commands.translate:translate",
    "repair": "toolkit.commands.repair:repair",
    "serve": "toolkit.commands.serve:serve",
    "keys": "toolkit.commands.keys:keys",
    "languages": "toolkit.commands.languages:languages",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        return accept_global_options(getattr(importlib.import_module(module_name), attribute))


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException like KeyboardInterrupt, so it unwinds every
    `finally` and `with` (locks, temporary files) but is caught by no `except Exception`."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


@click.group(
    cls=LazyGroup,
    params=global_params(),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="toolkit")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Detect, repair, translate and summarize news articles in many languages.

    Commands that take text read a FILE or - (standard input) and write to standard
    output unless told otherwise; an input file is never overwritten. The global
    options --config, -v and -q work before or after the subcommand. Exit codes: 0 ok,
    1 other error, 2 usage, 3 bad input, 4 unsupported language, 5 model missing,
    6 partial result (some outputs written), 7 bad config, 8 cannot write output,
    9 nothing produced (every output failed), 10 fact checks failed (--strict),
    130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
    """
    global _state
    _state = ctx.ensure_object(AppState)


# The global options as click parsed them (so `-qv` counts and a file named `-v` does
# not), for `main` to decide about tracebacks after the command has ended.
_state: AppState | None = None


class _ClosedStdout(io.TextIOBase):
    """Stands in for a closed standard output (`toolkit ... >&-`): printing a result there
    is an error (exit 8), not a silent loss of the output."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OutputError(
            "standard output is closed: the result cannot be printed",
            hint="redirect it to a file or use --out",
        )


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the CLI and turn errors into exit codes."""
    global _state
    _state = None
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    previous = _handle_sigterm(_on_sigterm)
    try:
        cli.main(args=argv, prog_name="toolkit", standalone_mode=False)
        sys.stdout.flush()  # a reader gone before the last buffered bytes: exit 1, not 120
    except Terminated:
        click.echo("terminated", err=True)
        sys.exit(143)
    except BrokenPipeError:  # click exits 1 itself for one raised inside a command
        _silence_stdout()
        sys.exit(1)
    except ToolkitError as exc:
        if _verbose():
            traceback.print_exc()
        click.echo(f"error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a raw traceback
        if _verbose():
            traceback.print_exc()
        click.echo(
            f"error: internal error: {type(exc).__name__}: {exc} (rerun with --verbose)",
            err=True,
        )
        sys.exit(1)
    finally:
        _handle_sigterm(previous)


def _handle_sigterm(handler: Any) -> Any:
    """Install a SIGTERM handler, returning the old one; None where Python allows no
    handler (a thread other than the main one, e.g. an embedding server)."""
    if handler is None:
        return None
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush of bytes
    nobody will read cannot print 'Exception ignored ... BrokenPipeError'."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _verbose() -> bool:
    return _state is not None and _state.verbose
