"""Configuration: one `Config` object built from layered sources.

Layers, lowest to highest priority: built-in defaults, the user config file
(`<user config dir>/toolkit/config.toml`), `./toolkit.toml`, the file given with
`--config`, `TOOLKIT_<SECTION>_<KEY>` environment variables, and CLI flags.
`Config.sources` records which layer set each value so `toolkit config show` can say.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, get_type_hints

from toolkit.config_values import CHOICES as CHOICES
from toolkit.config_values import PATTERNS as PATTERNS
from toolkit.config_values import RANGES as RANGES
from toolkit.config_values import check_value, coerce, model_pairs, relative_to
from toolkit.errors import ConfigError, InputTypeError
from toolkit.text import MAX_SENTENCE_CHARS

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
class ModelsConfig:
    """Every local model the toolkit runs: translation, seq2seq summarizer, instruct LLM.

    [translate] has the same keys for translation alone; where it does not set one, it
    follows this section (`SHARED`).
    """

    device: str = "auto"  # auto, cpu, cuda, cuda:N, mps
    threads: int = 0  # 0: let torch decide
    allow_download: bool = False
    model_dir: str = ""  # empty: the Hugging Face cache


class ModelSettings(Protocol):
    """What loading a model reads: `ModelsConfig`, or `TranslateConfig` (which follows it)."""

    device: str
    threads: int
    allow_download: bool
    model_dir: str


@dataclass
class TranslateConfig:
    """Translation engines, models and the translation memory."""

    engine: str = "torch"  # "torch" or "ct2"
    models: dict[str, str] = field(default_factory=dict)  # "pt-en" -> hub id or local path
    fallback_model: str = "facebook/m2m100_418M"
    allow_download: bool = False
    allow_noncommercial: bool = False
    model_dir: str = ""  # empty: [models] model_dir (the Hugging Face cache)
    device: str = "auto"  # unset: [models] device
    threads: int = 0  # unset: [models] threads
    batch_tokens: int = 4096
    max_sentence_tokens: int = 256  # longer sentences are split at clause boundaries
    max_new_tokens_ratio: float = 3.0
    num_beams: int = 1
    cache: bool = True
    cache_path: str = ""  # empty: <user cache dir>/toolkit/memory.sqlite3
    ct2_quantization: str = "auto"  # auto: int8 on CPU, float16 on GPU
    ct2_dir: str = ""  # empty: <user cache dir>/toolkit/ct2 (converted models)
    # where `toolkit models pull firefox:xx-yy` downloads from (a mirror may replace it)
    firefox_url: str = (
        "https://media.githubusercontent.com/media/mozilla/firefox-translations-models/main/models"
    )


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
class RayConfig:
    """Folder runs on Ray Data (`--ray`, the `toolkit[ray]` extra; docs/batch.md, Ray)."""

    enabled: bool = False  # run folder jobs on Ray instead of in this process
    address: str = ""  # "": start a local Ray instance; else a cluster ("auto", "ray://head:10001")
    actors: int = 1  # model copies (Ray actors) translating at once
    num_cpus: float = 1.0  # CPUs reserved per actor
    num_gpus: float = 0.0  # GPUs per actor (e.g. 1, or 0.5 to share one GPU between two)


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


@dataclass
class LimitsConfig:
    """Work budgets that keep every text stage linear on hostile input."""

    # A stretch with no sentence end longer than this is read in pieces cut at whitespace
    # (repair's checks, per-sentence detection, summaries); repair flags each such stretch.
    max_sentence_chars: int = MAX_SENTENCE_CHARS


@dataclass
class GlossaryConfig:
    """Newsroom terminology (`toolkit.glossary`): files, and whether to enforce them."""

    files: list[str] = field(default_factory=list)  # TSV/CSV/TOML; relative to their config
    enforce: bool = True  # false: only check (the `glossary` fact-check warnings)


SECTIONS: dict[str, type] = {
    "detect": DetectConfig,
    "models": ModelsConfig,
    "repair": RepairConfig,
    "translate": TranslateConfig,
    "summarize": SummarizeConfig,
    "batch": BatchConfig,
    "serve": ServeConfig,
    "limits": LimitsConfig,
    "ray": RayConfig,
    "glossary": GlossaryConfig,
}

# [models] keys that a stage section also has; the stage follows [models] unless set.
SHARED: dict[str, tuple[str, ...]] = {
    "device": ("translate",),
    "threads": ("translate",),
    "allow_download": ("translate",),
    "model_dir": ("translate",),
}


@dataclass
class Config:
    """The effective configuration; build it with `Config.load()`."""

    detect: DetectConfig = field(default_factory=DetectConfig)
    models: ModelsConfig = field(default_factory=ModelsConfig)
    repair: RepairConfig = field(default_factory=RepairConfig)
    translate: TranslateConfig = field(default_factory=TranslateConfig)
    summarize: SummarizeConfig = field(default_factory=SummarizeConfig)
    batch: BatchConfig = field(default_factory=BatchConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    ray: RayConfig = field(default_factory=RayConfig)
    glossary: GlossaryConfig = field(default_factory=GlossaryConfig)
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
            converted = coerce(value, _field_type(section, name))
            check_value(key, converted)
            if key == "translate.models":
                converted = model_pairs(converted)
        except ValueError as exc:
            reason = f" ({exc})" if str(exc) else ""
            raise ConfigError(
                f"bad value for {key}: {value!r}{reason}, from {source}",
                hint=f"fix it in {source}" if source != "python" else "pass a valid value",
            ) from None
        setattr(getattr(self, section), name, converted)
        self.sources[key] = source
        if section == "models" and name in SHARED:
            self._share(name, converted)

    def _share(self, name: str, value: Any) -> None:
        """A [models] value reaches each stage section that has not set its own."""
        for stage in SHARED[name]:
            key = f"{stage}.{name}"
            if self.sources.get(key, f"models.{name}") == f"models.{name}":
                setattr(getattr(self, stage), name, value)
                self.sources[key] = f"models.{name}"

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
                value = _typed(section, name, value, source)
                if (section, name) == ("glossary", "files") and source.startswith("file "):
                    value = relative_to(value, Path(source[len("file ") :]).parent)
                self.set(f"{section}.{name}", value, source)

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


def _typed(section: str, name: str, value: Any, source: str) -> Any:
    """A TOML value as it is: TOML has types, so a string for a number or a boolean
    (``threads = "2"``, ``allow_download = "yes"``) is a mistake, not text to parse."""
    kind = _field_type(section, name)
    if isinstance(value, str) and getattr(kind, "__origin__", None) is list:
        raise ConfigError(
            f"bad type for {section}.{name}: {value!r} is a string, expected a list"
            f' such as ["{value}"], in {source}',
            hint=f"fix it in {source}",
        )
    if isinstance(value, str) and kind in (bool, int, float):
        expected = {bool: "true or false", int: "a whole number", float: "a number"}[kind]
        raise ConfigError(
            f"bad type for {section}.{name}: {value!r} is a string, expected {expected}"
            f" without quotes, in {source}",
            hint=f"fix it in {source}",
        )
    return value
