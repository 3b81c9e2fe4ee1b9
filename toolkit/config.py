"""Configuration: one `Config` object built from layered sources.

Layers, lowest to highest priority: built-in defaults, the user config file
(`<user config dir>/toolkit/config.toml`), `./toolkit.toml`, the file given with
`--config`, `TOOLKIT_<SECTION>_<KEY>` environment variables, and CLI flags.
`Config.sources` records which layer set each value so `toolkit config show` can say.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from toolkit.errors import ConfigError, InputTypeError, UnsupportedLanguageError
from toolkit.files import MAX_INPUT_BYTES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENV_PREFIX = "TOOLKIT_"


@dataclass
class DetectConfig:
    """Language identification."""

    # Below this confidence `detect()` reports "und" (its guesses stay in candidates).
    min_confidence: float = 0.0


@dataclass
class RepairConfig:
    """Machine-translation artifact repair."""

    engine: str = "rules"  # "rules" or "model"
    model: str = "Qwen/Qwen2.5-0.5B-Instruct"
    max_drift: float = 0.35


@dataclass
class TranslateConfig:
    """Translation engines, models and the translation memory."""

    engine: str = "torch"  # "torch" or "ct2"
    models: dict[str, str] = field(default_factory=dict)  # "pt-en" -> hub id or local path
    fallback_model: str = "facebook/m2m100_418M"
    allow_download: bool = False
    allow_noncommercial: bool = False
    model_dir: str = ""  # empty: the Hugging Face cache
    device: str = "auto"  # auto, cpu, cuda, mps; also for the repair and summarize models
    threads: int = 0  # 0: let torch decide
    batch_tokens: int = 4096
    max_sentence_tokens: int = 256  # longer sentences are split at clause boundaries
    max_new_tokens_ratio: float = 3.0
    num_beams: int = 1
    cache: bool = True
    cache_path: str = ""  # empty: <user cache dir>/toolkit/memory.sqlite3
    ct2_quantization: str = "auto"  # auto: int8 on CPU, float16 on GPU
    ct2_dir: str = ""  # empty: <user cache dir>/toolkit/ct2 (converted models)


@dataclass
class SummarizeConfig:
    """Summaries and briefs."""

    engine: str = "extractive"  # "extractive", "lead", "seq2seq" or "llm"
    model: str = ""  # hub id or local path of the seq2seq model or instruct LLM
    sentences: int = 3
    lead_bias: float = 1.0  # extractive: how strongly the lead is favoured
    redundancy: float = 0.2  # extractive: MMR penalty for repeating picked sentences
    chunk_tokens: int = 512  # abstractive: input tokens per chunk of a long article
    max_new_tokens: int = 160  # abstractive: length of each generated summary
    brief_engine: str = "translate"  # briefs in other languages: "translate" or "llm"


@dataclass
class BatchConfig:
    """Folder runs (`toolkit translate DIR`, `toolkit summarize DIR`)."""

    chunk_chars: int = 20000  # text sent to the model per call, across files
    max_file_bytes: int = 10_000_000  # larger files are reported as failed
    front_matter_keys: str = "title,description,summary"  # Markdown front matter; "" none


@dataclass
class ServeConfig:
    """The HTTP service (`toolkit serve`): address, limits and API keys."""

    host: str = "127.0.0.1"
    port: int = 5000
    char_limit: int = 20000  # characters per request, all texts together
    batch_limit: int = 64  # texts per /translate request
    alternatives_limit: int = 3  # most `alternatives` a /translate request may ask for
    body_limit: int = 2_000_000  # bytes of a request body
    upload_limit: int = 5_000_000  # bytes of an uploaded file
    timeout: float = 120.0  # seconds a request may take
    rate_limit: int = 0  # requests per minute per address; 0: unlimited
    key_rate_limit: int = 0  # requests per minute per API key (a key's own limit wins); 0: none
    api_keys: bool = False  # require a key from `toolkit keys add`
    keys_db: str = ""  # empty: <user data dir>/toolkit/keys.sqlite3
    batching: bool = True  # coalesce concurrent requests for one model into one batch
    batch_wait_ms: float = 10.0  # how long a batch waits for more requests


SECTIONS: dict[str, type] = {
    "detect": DetectConfig,
    "repair": RepairConfig,
    "translate": TranslateConfig,
    "summarize": SummarizeConfig,
    "batch": BatchConfig,
    "serve": ServeConfig,
}

# Allowed values, checked whenever a value is set (file, environment, flag or Python), so
# a bad value fails at once with the place it came from, not deep inside a model run.
# Numbers: (lowest, highest); every number has both, so an absurd value (threads = 100000,
# num_beams = 1e6) fails at load, not as a crash or an out-of-memory run. Names an
# engine registry already checks (repair.engine, translate.engine) are left to it, so
# the list of choices lives in one place.
RANGES: dict[str, tuple[float, float]] = {
    "detect.min_confidence": (0.0, 1.0),
    "repair.max_drift": (0.0, 1.0),
    "translate.threads": (0, 1024),  # 0: let torch decide
    "translate.batch_tokens": (1, 1_000_000),
    "translate.max_sentence_tokens": (0, 100_000),  # 0: the model's own input limit
    "translate.max_new_tokens_ratio": (0.0, 100.0),
    "translate.num_beams": (1, 64),
    "summarize.sentences": (1, 1000),
    "summarize.lead_bias": (0.0, 100.0),
    "summarize.redundancy": (0.0, 1.0),  # MMR weight of similarity to what is picked
    "summarize.chunk_tokens": (1, 100_000),
    "summarize.max_new_tokens": (1, 100_000),
    "batch.chunk_chars": (1, 10_000_000),
    "batch.max_file_bytes": (1, MAX_INPUT_BYTES),  # no larger than any input may be
    "serve.port": (0, 65535),
    "serve.char_limit": (1, 10_000_000),
    "serve.batch_limit": (1, 10_000),
    "serve.alternatives_limit": (0, 64),
    "serve.body_limit": (1, 1024 * 1024 * 1024),
    "serve.upload_limit": (1, 1024 * 1024 * 1024),
    "serve.timeout": (0.001, 86_400),
    "serve.rate_limit": (0, 1_000_000),
    "serve.key_rate_limit": (0, 1_000_000),
    "serve.batch_wait_ms": (0.0, 1000.0),
}
PATTERNS: dict[str, tuple[str, str]] = {
    "translate.device": (r"auto|cpu|mps|cuda(:\d+)?", "auto, cpu, cuda, cuda:N or mps"),
}


@dataclass
class Config:
    """The effective configuration; build it with `Config.load()`."""

    detect: DetectConfig = field(default_factory=DetectConfig)
    repair: RepairConfig = field(default_factory=RepairConfig)
    translate: TranslateConfig = field(default_factory=TranslateConfig)
    summarize: SummarizeConfig = field(default_factory=SummarizeConfig)
    batch: BatchConfig = field(default_factory=BatchConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        env: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
        search_default_files: bool = True,
    ) -> Config:
        """Build the effective config from every layer (see the module docstring).

        `overrides` maps dotted keys (``"translate.engine"``) to values, as CLI flags do;
        `None` values are ignored so unset flags do not mask lower layers.
        """
        config = cls()
        if search_default_files:
            for candidate in (user_config_path(), Path("toolkit.toml")):
                if candidate.is_file():
                    config._apply_mapping(_read_toml(candidate), f"file {candidate}")
        if path is not None:
            explicit = Path(path)
            # Not is_file(): /dev/null or a pipe (<(...)) is a file to read too.
            if not explicit.exists():
                raise ConfigError(f"config file not found: {explicit}")
            if explicit.is_dir():
                raise ConfigError(f"config file {explicit} is a directory, not a file")
            config._apply_mapping(_read_toml(explicit), f"file {explicit}")
        config._apply_env(os.environ if env is None else env)
        for key, value in (overrides or {}).items():
            if value is not None:
                config.set(key, value, "command line")
        return config

    def get(self, key: str) -> Any:
        """The value of a dotted key such as ``"translate.engine"``."""
        section, name = _split_key(key)
        return getattr(getattr(self, section), name)

    def set(self, key: str, value: Any, source: str = "python") -> None:
        """Set a dotted key, converting strings to the field's type and checking its range.

        Raises `ConfigError` naming the key, the value and where it came from.
        """
        section, name = _split_key(key)
        try:
            converted = _coerce(value, _field_type(section, name))
            _check(key, converted)
            if key == "translate.models":
                converted = _model_pairs(converted)
        except ValueError as exc:
            reason = f" ({exc})" if str(exc) else ""
            raise ConfigError(
                f"bad value for {key}: {value!r}{reason}, from {source}",
                hint=f"fix it in {source}" if source != "python" else "pass a valid value",
            ) from None
        setattr(getattr(self, section), name, converted)
        self.sources[key] = source

    def items(self) -> list[tuple[str, Any, str]]:
        """Every setting as (dotted key, value, where it came from)."""
        rows = []
        for section in SECTIONS:
            for f in dataclasses.fields(SECTIONS[section]):
                key = f"{section}.{f.name}"
                rows.append((key, self.get(key), self.sources.get(key, "default")))
        return rows

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """Plain nested dict of the values (for JSON output)."""
        return {section: dataclasses.asdict(getattr(self, section)) for section in SECTIONS}

    def _apply_mapping(self, data: Mapping[str, Any], source: str) -> None:
        for section, values in data.items():
            if section not in SECTIONS:
                raise ConfigError(
                    f"unknown config section [{section}] in {source}",
                    hint=f"sections are {', '.join(f'[{name}]' for name in SECTIONS)}",
                )
            if not isinstance(values, Mapping):
                raise ConfigError(
                    f"{section} must be a table ([{section}]), not a value, in {source}",
                    hint=f"fix it in {source}",
                )
            for name, value in values.items():
                if name not in _field_names(section):
                    raise ConfigError(
                        f"unknown config key {section}.{name} in {source}",
                        hint=f"[{section}] has: {', '.join(sorted(_field_names(section)))}",
                    )
                self.set(f"{section}.{name}", _typed(section, name, value, source), source)

    def _apply_env(self, env: Mapping[str, str]) -> None:
        """`TOOLKIT_<SECTION>_<KEY>`; an unknown key in a known section is an error (a typo
        would otherwise be silently ignored); other `TOOLKIT_*` variables are not ours."""
        for var, value in sorted(env.items()):
            if not var.startswith(ENV_PREFIX):
                continue
            rest = var[len(ENV_PREFIX) :].lower()
            section, _, name = rest.partition("_")
            if section not in SECTIONS:
                continue
            if name not in _field_names(section):
                raise ConfigError(
                    f"unknown setting in environment variable {var} (no {section}.{name})",
                    hint=f"[{section}] has: {', '.join(sorted(_field_names(section)))}",
                )
            self.set(f"{section}.{name}", value, f"env {var}")


def require_config(value: object, caller: str) -> Config | None:
    """`value` if it is a `Config` or None; else an `InputTypeError` naming `caller`."""
    if value is None or isinstance(value, Config):
        return value
    raise InputTypeError(
        f"{caller}: config must be a toolkit.Config or None, not {type(value).__name__}",
        hint="build one with toolkit.Config.load()",
    )


def user_config_path() -> Path:
    """Where the per-user config file lives."""
    import platformdirs

    return Path(platformdirs.user_config_dir("toolkit")) / "config.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"cannot read config file {path}: not UTF-8 ({exc.reason} at byte {exc.start})",
            hint="save it as UTF-8 (TOML files are UTF-8)",
        ) from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(
            f"cannot read config file {path}: {reason}", hint=f"fix or remove {path}"
        ) from exc


def _split_key(key: str) -> tuple[str, str]:
    section, _, name = key.partition(".")
    if section not in SECTIONS or name not in _field_names(section):
        raise ConfigError(f"unknown config key {key!r}")
    return section, name


def _field_names(section: str) -> set[str]:
    return {f.name for f in dataclasses.fields(SECTIONS[section])}


def _field_type(section: str, name: str) -> Any:
    return get_type_hints(SECTIONS[section])[name]


def _coerce(value: Any, kind: Any) -> Any:
    """`value` as a `kind` (bool, int, float, str, dict[str, str]); ValueError if it is not one.

    Strings (from the environment) are parsed; TOML values must already have the type,
    except that an int is a fine float. A float with a fraction is not an int.
    """
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ValueError("expected true or false")
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError("expected a whole number")
        try:
            number = float(value)
        except ValueError:
            raise ValueError("expected a whole number") from None
        if not number.is_integer():
            raise ValueError("expected a whole number")
        return int(number)
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError("expected a number")
        try:
            number = float(value)
        except ValueError:
            raise ValueError("expected a number") from None
        if not math.isfinite(number):
            raise ValueError("expected a finite number")
        return number
    if kind is str:
        if not isinstance(value, str):
            raise ValueError("expected a string")
        return value
    if getattr(kind, "__origin__", None) is dict:
        if not isinstance(value, Mapping):
            raise ValueError("expected a table of names to strings")
        return {str(k): str(v) for k, v in value.items()}
    raise TypeError(f"config fields of type {kind} are not supported")  # a bug, not user input


def _model_pairs(table: dict[str, str]) -> dict[str, str]:
    """``{"PT-EN": m}`` -> ``{"pt-en": m}``: keys are language pairs, normalized the way
    the registry looks them up, so a pair spelled differently is not silently ignored."""
    from toolkit.langs import normalize  # langcodes: only when pairs are configured

    pairs = {}
    for pair, model in table.items():
        parts = pair.replace("_", "-").split("-")
        if len(parts) != 2:
            raise ValueError(f"key {pair!r} is not a language pair such as 'pt-en'")
        try:
            pairs["-".join(normalize(part) for part in parts)] = model
        except (UnsupportedLanguageError, TypeError) as exc:
            raise ValueError(f"key {pair!r}: {exc}") from None
    return pairs


def _typed(section: str, name: str, value: Any, source: str) -> Any:
    """A TOML value as it is: TOML has types, so a string for a number or a boolean
    (``threads = "2"``, ``allow_download = "yes"``) is a mistake, not text to parse."""
    kind = _field_type(section, name)
    if isinstance(value, str) and kind in (bool, int, float):
        expected = {bool: "true or false", int: "a whole number", float: "a number"}[kind]
        raise ConfigError(
            f"bad type for {section}.{name}: {value!r} is a string, expected {expected}"
            f" without quotes, in {source}",
            hint=f"fix it in {source}",
        )
    return value


def _check(key: str, value: Any) -> None:
    """ValueError if `value` is outside the key's allowed range or pattern."""
    low, high = RANGES.get(key, (None, None))
    if low is not None and value < low:
        raise ValueError(f"must be at least {low}")
    if high is not None and value > high:
        raise ValueError(f"must be at most {high}")
    if key in PATTERNS:
        pattern, described = PATTERNS[key]
        if not re.fullmatch(pattern, value):
            raise ValueError(f"expected {described}")
