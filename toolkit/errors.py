"""Errors the toolkit raises on purpose.

Each error class carries the exit code the CLI uses for it and a one-line hint telling
the user what to do next, so scripts can branch on the code and people on the hint.
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base class: something went wrong that the user can act on (never a bug)."""

    exit_code: int = 1
    default_hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = self.default_hint if hint is None else hint

    def one_line(self) -> str:
        """The message and hint as one line, for the CLI."""
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(ToolkitError):
    """The input cannot be read as text: missing, unreadable, binary, a directory..."""

    exit_code = 3


class InputTypeError(InputError, TypeError):
    """A Python caller passed a value of the wrong type (None, bytes or a number for text).

    Both a `TypeError`, as Python code expects, and an `InputError`, so scripts that
    catch `ToolkitError` see it too.
    """

    default_hint = "pass a str (decode bytes first, e.g. with toolkit.read_input)"


class UnsupportedLanguageError(ToolkitError):
    """A language code is unknown or no stage supports it."""

    exit_code = 4
    default_hint = "use an ISO 639-1 code such as en, es, fr"


# How to get a model onto a machine without network, said in every missing-model hint.
OFFLINE_ROUTE = (
    "offline: pull on a connected machine and copy the cache `toolkit models path` shows, "
    "or point translate.model_dir or [translate.models] at a local copy"
)


class ModelUnavailableError(ToolkitError):
    """A model is not present locally and downloads are not allowed.

    `models` lists every model the failed job needs that is missing (both legs of a
    pivot through English); `model` is the first. `pull` is what to give `toolkit models
    pull` (a pair such as ``ru-es`` fetches a whole route), default the model itself.
    `alternative` is another model that would do the same job (a Firefox Translations
    pair, about 17 MB where an opus-mt model is about 300 MB): the hint names it too.
    """

    exit_code = 5

    def __init__(
        self,
        model: str,
        *,
        hint: str | None = None,
        models: list[str] | None = None,
        pull: str | None = None,
        alternative: str | None = None,
    ) -> None:
        self.models = list(models) if models else [model]
        self.model = model
        if len(self.models) > 1:
            names = " and ".join(repr(name) for name in self.models)
            message = f"models {names} are not available locally"
            default = f"fetch them with: toolkit models pull {pull or ' '.join(self.models)}"
        else:
            message = f"model {model!r} is not available locally"
            default = f"fetch it with: toolkit models pull {pull or model}"
        if alternative:
            default += (
                f"; or the smaller Firefox Translations model: toolkit models pull {alternative}"
            )
        super().__init__(message, hint=hint if hint is not None else f"{default}; {OFFLINE_ROUTE}")


class PartialResultError(ToolkitError):
    """Some outputs were produced and others failed; the report says which."""

    exit_code = 6
    default_hint = "see the report for what is missing"


class NoResultError(ToolkitError):
    """Every requested output failed: nothing was produced (the report says why)."""

    exit_code = 9
    default_hint = "see the report for why each output failed"


class FactCheckError(ToolkitError):
    """With --strict: an output was produced but failed its fact checks (numbers lost,
    names changed, runaway or dropped text), so it must not be published unchecked."""

    exit_code = 10
    default_hint = "check the warnings, or drop --strict to accept the output"


class ConfigError(ToolkitError):
    """A configuration file, environment variable or flag has a bad value."""

    exit_code = 7
    default_hint = "check `toolkit config show`"


class OutputError(ToolkitError):
    """An output cannot be written (exists and would be overwritten, or is locked)."""

    exit_code = 8
    default_hint = "choose another output path"


EXIT_CODES: dict[str, int] = {
    "ok": 0,
    "error": ToolkitError.exit_code,
    "usage": 2,
    "input": InputError.exit_code,
    "language": UnsupportedLanguageError.exit_code,
    "model": ModelUnavailableError.exit_code,
    "partial": PartialResultError.exit_code,
    "config": ConfigError.exit_code,
    "output": OutputError.exit_code,
    "nothing": NoResultError.exit_code,
    "checks": FactCheckError.exit_code,
    "interrupted": 130,
    "terminated": 143,  # SIGTERM, ended like Ctrl-C
}
