"""What a config value may be: its type (`coerce`), and its range, choices or pattern
(`check_value`), checked whenever a value is set (file, environment, flag or Python), so
a bad value fails at once with the place it came from, not deep inside a model run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from toolkit.errors import UnsupportedLanguageError
from toolkit.files import MAX_INPUT_BYTES

# Numbers: (lowest, highest); every number has both, so an absurd value (threads = 100000,
# num_beams = 1e6) fails at load, not as a crash or an out-of-memory run. Names: CHOICES,
# the one list of each engine choice (repair and summarize read theirs from here; a test
# holds the translation backends' table to it), so a typo (brief_engine = "llmm",
# TOOLKIT_REPAIR_ENGINE=bogus) exits 7 in every command.
RANGES: dict[str, tuple[float, float]] = {
    "detect.min_confidence": (0.0, 1.0),
    "repair.max_drift": (0.0, 1.0),
    "models.threads": (0, 1024),  # 0: let torch decide
    "translate.threads": (0, 1024),
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
    "ray.actors": (1, 10_000),
    "ray.num_cpus": (0.0, 1024.0),
    "ray.num_gpus": (0.0, 64.0),
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
    "limits.max_sentence_chars": (200, 10_000_000),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "repair.engine": ("rules", "model"),
    "translate.engine": ("torch", "ct2", "bergamot"),
    "summarize.engine": ("extractive", "lead", "seq2seq", "llm"),
    "summarize.brief_engine": ("translate", "llm"),
}
_CHOICE_NAMES = {"translate.engine": "translation engine", "summarize.brief_engine": "brief engine"}
PATTERNS: dict[str, tuple[str, str]] = {
    "models.device": (r"auto|cpu|mps|cuda(:\d+)?", "auto, cpu, cuda, cuda:N or mps"),
    "translate.device": (r"auto|cpu|mps|cuda(:\d+)?", "auto, cpu, cuda, cuda:N or mps"),
    "translate.firefox_url": (r"https?://\S+", "an http:// or https:// URL"),
}


def coerce(value: Any, kind: Any) -> Any:
    """`value` as a `kind` (bool, int, float, str, list[str], dict[str, str]); ValueError if
    it is not one.

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
    if getattr(kind, "__origin__", None) is list:
        if isinstance(value, str):  # an environment variable: comma-separated
            return [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueError("expected a list of strings")
        return list(value)
    if getattr(kind, "__origin__", None) is dict:
        if not isinstance(value, Mapping):
            raise ValueError("expected a table of names to strings")
        return {str(k): str(v) for k, v in value.items()}
    raise TypeError(f"config fields of type {kind} are not supported")  # a bug, not user input


def model_pairs(table: dict[str, str]) -> dict[str, str]:
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


def check_value(key: str, value: Any) -> None:
    """ValueError if `value` is outside the key's allowed range, choices or pattern."""
    low, high = RANGES.get(key, (None, None))
    if low is not None and value < low:
        raise ValueError(f"must be at least {low}")
    if high is not None and value > high:
        raise ValueError(f"must be at most {high}")
    if key in CHOICES and value not in CHOICES[key]:
        what = _CHOICE_NAMES.get(key, key.replace(".", " "))
        raise ValueError(f"unknown {what}; expected one of {', '.join(CHOICES[key])}")
    if key in PATTERNS:
        pattern, described = PATTERNS[key]
        if not re.fullmatch(pattern, value):
            raise ValueError(f"expected {described}")


def relative_to(value: Any, base: Path) -> Any:
    """Paths in a config file's list, relative ones read from the file's folder."""
    if not isinstance(value, list):
        return value  # the type check in `set` reports it
    return [str(base / v) if isinstance(v, str) and not Path(v).is_absolute() else v for v in value]
