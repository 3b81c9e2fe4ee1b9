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
from typing import Any, get_type_hints

from toolkit.errors import ConfigError

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
    device: str = "auto"  # auto, cpu, cuda, mps
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


SECTIONS: dict[str, type] = {
    "detect": DetectConfig,
    "repair": RepairConfig,
    "translate": TranslateConfig,
    "summarize": SummarizeConfig,
    "batch": BatchConfig,
}


@dataclass
class Config:
    """The effective configuration; build it with `Config.load()`."""

    detect: DetectConfig = field(default_factory=DetectConfig)
    repair: RepairConfig = field(default_factory=RepairConfig)
    translate: TranslateConfig = field(default_factory=TranslateConfig)
    summarize: SummarizeConfig = field(default_factory=SummarizeConfig)
    batch: BatchConfig = field(default_factory=BatchConfig)
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
            if not explicit.is_file():
                raise ConfigError(f"config file not found: {explicit}")
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
        """Set a dotted key, converting strings to the field's type."""
        section, name = _split_key(key)
        setattr(getattr(self, section), name, _coerce(key, value, _field_type(section, name)))
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
            if section not in SECTIONS or not isinstance(values, Mapping):
                raise ConfigError(f"unknown config section [{section}] in {source}")
            for name, value in values.items():
                self.set(f"{section}.{name}", value, source)

    def _apply_env(self, env: Mapping[str, str]) -> None:
        for var, value in sorted(env.items()):
            if not var.startswith(ENV_PREFIX):
                continue
            rest = var[len(ENV_PREFIX) :].lower()
            section, _, name = rest.partition("_")
            if section in SECTIONS and name in _field_names(section):
                self.set(f"{section}.{name}", value, f"env {var}")


def user_config_path() -> Path:
    """Where the per-user config file lives."""
    import platformdirs

    return Path(platformdirs.user_config_dir("toolkit")) / "config.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc


def _split_key(key: str) -> tuple[str, str]:
    section, _, name = key.partition(".")
    if section not in SECTIONS or name not in _field_names(section):
        raise ConfigError(f"unknown config key {key!r}")
    return section, name


def _field_names(section: str) -> set[str]:
    return {f.name for f in dataclasses.fields(SECTIONS[section])}


def _field_type(section: str, name: str) -> Any:
    return get_type_hints(SECTIONS[section])[name]


def _coerce(key: str, value: Any, kind: Any) -> Any:
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if kind is int and not isinstance(value, bool):
            return int(value)
        if kind is float and not isinstance(value, bool):
            return float(value)
        if kind is str:
            if not isinstance(value, str):
                raise ValueError(value)
            return value
        if getattr(kind, "__origin__", None) is dict:
            if not isinstance(value, Mapping):
                raise ValueError(value)
            return {str(k): str(v) for k, v in value.items()}
    except (TypeError, ValueError):
        pass
    else:
        raise ConfigError(f"config key {key!r} has unsupported type {kind}")
    raise ConfigError(f"bad value for {key}: {value!r}")
