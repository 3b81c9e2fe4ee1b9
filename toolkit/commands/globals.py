"""The global options (`--config`, `--verbose/-v`, `--quiet/-q`), accepted before the
subcommand (`toolkit -q repair FILE`) and after it (`toolkit repair FILE -q`).

Both spellings set the same `AppState` (the click context object), so a command never
needs to know where the user typed them. `-q` together with `-v` is a usage error, in
either position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import click


@dataclass
class AppState:
    """What the global options set, shared with every subcommand (the context object)."""

    config_path: str | None = None
    verbose: bool = False
    quiet: bool = False
    _config: Any = field(default=None, repr=False)

    def config(self, **overrides: Any) -> Any:
        """The effective `Config`, with the subcommand's flags applied on top."""
        from toolkit.config import Config

        if self._config is None:
            self._config = Config.load(self.config_path)
        for key, value in overrides.items():
            if value is not None:
                self._config.set(key, value, "command line")
        return self._config

    def reset_config(self) -> None:
        """Forget a loaded config (a later `--config` names another file)."""
        self._config = None

    def warn(self, message: str) -> None:
        """Print a warning on stderr unless --quiet."""
        if not self.quiet:
            click.echo(f"warning: {message}", err=True)


# (flags, state attribute, help), in the order `toolkit --help` lists them.
GLOBAL_OPTIONS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("--config",),
        "config_path",
        "Config file (TOML), on top of ./toolkit.toml and the user config.",
    ),
    (("--verbose", "-v"), "verbose", "More detail; tracebacks on errors."),
    (("--quiet", "-q"), "quiet", "Only results and errors."),
)


def _setter(attribute: str):
    """A click callback that stores a given global option on the shared state."""

    def store(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if not value:
            return
        state = ctx.ensure_object(AppState)
        setattr(state, attribute, value)
        if attribute == "config_path":
            state.reset_config()
        if state.quiet and state.verbose:
            raise click.UsageError("--quiet and --verbose exclude each other", ctx=ctx)

    return store


def global_params() -> list[click.Option]:
    """Fresh click options for the global flags, to attach to one command."""
    params = []
    for flags, attribute, help_text in GLOBAL_OPTIONS:
        is_flag = attribute != "config_path"
        params.append(
            click.Option(
                flags,
                is_flag=is_flag,
                type=None if is_flag else click.Path(dir_okay=False),
                metavar=None if is_flag else "PATH",
                expose_value=False,
                callback=_setter(attribute),
                help=help_text,
            )
        )
    return params


def accept_global_options(command: click.Command) -> click.Command:
    """Give `command` (and, for a group, every subcommand) the global options, once."""
    if getattr(command, "_toolkit_globals", False):
        return command
    command.params.extend(global_params())
    command._toolkit_globals = True  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            accept_global_options(sub)
    return command
