"""Model families: how each kind of seq2seq model is told its source and target language.

- **Marian** (Helsinki-NLP opus-mt): one model per language pair. Multi-target models
  (opus-mt-en-ROMANCE, opus-mt-en-zh, opus-mt-en-ar, ...) need a ``>>xx<<`` token in
  front of every source sentence; which codes a model knows is read from its vocabulary
  (``>>es<<`` in older models, ``>>spa<<`` / ``>>cmn_Hans<<`` in newer ones).
- **M2M100**: the tokenizer adds ``__xx__`` for the source (``tokenizer.src_lang``) and
  the target code ``__yy__`` must be forced as the first generated token.
- **NLLB-200**: the same mechanism with FLORES-200 codes (``spa_Latn``).

Every engine (torch, ct2) goes through a `Family` to turn sentences into token ids and
token ids back into text, so all engines feed a model exactly the same tokens.
"""

from __future__ import annotations

import json
import re
import warnings
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from toolkit.errors import ConfigError, UnsupportedLanguageError
from toolkit.langs import alpha3

# The 100 languages of facebook/m2m100_418M and _1.2B (fairseq's list, as in transformers).
M2M100_LANGUAGES: frozenset[str] = frozenset(
    """af am ar ast az ba be bg bn br bs ca ceb cs cy da de el en es et fa ff fi fr fy ga gd
    gl gu ha he hi hr ht hu hy id ig ilo is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk
    ml mn mr ms my ne nl no ns oc or pa pl ps pt ro ru sd si sk sl so sq sr ss su sv sw ta
    th tl tn tr uk ur uz vi wo xh yi yo zh zu""".split()
)

# Codes other tools use for a language that M2M100 names differently.
M2M100_ALIASES: dict[str, str] = {"nb": "no", "nn": "no", "fil": "tl"}

# ISO 639-1/3 -> FLORES-200 code, where the script or macrolanguage member is not obvious.
NLLB_CODES: dict[str, str] = {
    "en": "eng_Latn", "es": "spa_Latn", "fr": "fra_Latn", "de": "deu_Latn",
    "it": "ita_Latn", "pt": "por_Latn", "ru": "rus_Cyrl", "zh": "zho_Hans",
    "ar": "arb_Arab", "nl": "nld_Latn", "ja": "jpn_Jpan", "ko": "kor_Hang",
    "tr": "tur_Latn", "pl": "pol_Latn", "uk": "ukr_Cyrl", "sv": "swe_Latn",
    "da": "dan_Latn", "fi": "fin_Latn", "no": "nob_Latn", "nb": "nob_Latn",
    "el": "ell_Grek", "he": "heb_Hebr", "hi": "hin_Deva", "bn": "ben_Beng",
    "ur": "urd_Arab", "fa": "pes_Arab", "id": "ind_Latn", "ms": "zsm_Latn",
    "vi": "vie_Latn", "th": "tha_Thai", "cs": "ces_Latn", "sk": "slk_Latn",
    "hu": "hun_Latn", "ro": "ron_Latn", "bg": "bul_Cyrl", "hr": "hrv_Latn",
    "sr": "srp_Cyrl", "sl": "slv_Latn", "et": "est_Latn", "lv": "lvs_Latn",
    "lt": "lit_Latn", "ca": "cat_Latn", "sw": "swh_Latn", "ta": "tam_Taml",
    "te": "tel_Telu", "mr": "mar_Deva", "tl": "tgl_Latn", "fil": "tgl_Latn",
    "am": "amh_Ethi", "so": "som_Latn", "ha": "hau_Latn", "yo": "yor_Latn",
    "zu": "zul_Latn", "af": "afr_Latn", "ps": "pbt_Arab", "az": "azj_Latn",
    "ka": "kat_Geor", "hy": "hye_Armn", "kk": "kaz_Cyrl", "uz": "uzn_Latn",
    "ne": "npi_Deva", "si": "sin_Sinh", "my": "mya_Mymr", "km": "khm_Khmr",
}  # fmt: skip

# Marian target tokens to try before the plain ISO codes (newer opus-mt models use
# ISO 639-3 macrolanguage members with a script).
_MARIAN_TARGETS: dict[str, tuple[str, ...]] = {
    "zh": ("cmn_Hans", "zho_Hans", "cmn", "zho"),
    "ar": ("ara", "arb"),
    "fa": ("pes", "fas"),
    "ms": ("zsm_Latn", "msa"),
    "no": ("nob", "nno"),
}
_MARIAN_CODE = re.compile(r"^>>(.+)<<$")


class Family(ABC):
    """Language-code handling and tokenization for one loaded tokenizer."""

    name: ClassVar[str]
    #: tokens a language code adds to each source sentence (reserved from the input limit)
    prefix_tokens: int = 1  # a class default; Marian sets it per tokenizer

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    @abstractmethod
    def check(self, src: str, tgt: str) -> None:
        """Raise `UnsupportedLanguageError` when this model cannot do src -> tgt."""

    def encode(self, sentences: Sequence[str], src: str, tgt: str) -> list[list[int]]:
        """Token ids (with special and language tokens) for each source sentence."""
        self.check(src, tgt)
        self._set_source(src)
        texts = self._source_texts(sentences, tgt)
        encoded = self.tokenizer(list(texts), verbose=False)["input_ids"]
        return [list(ids) for ids in encoded]

    def count(self, sentences: Sequence[str]) -> list[int]:
        """Token counts of sentences as the model sees them, without language tokens."""
        if not sentences:
            return []
        ids = self.tokenizer(list(sentences), add_special_tokens=False, verbose=False)["input_ids"]
        return [len(row) + 1 for row in ids]  # + end-of-sentence

    def target_prefix(self, tgt: str) -> list[int]:
        """Token ids the decoder must start with (the forced target-language token)."""
        return []

    def decode(self, rows: Sequence[Sequence[int]]) -> list[str]:
        """Text of generated token ids; special and language tokens removed."""
        texts = self.tokenizer.batch_decode(
            [list(row) for row in rows],
            skip_special_tokens=True,
            clean_up_tokenization_spaces=False,
        )
        return [text.strip() for text in texts]

    def _set_source(self, src: str) -> None:  # noqa: B027 - a hook, empty by default
        """Tell the tokenizer the source language (families with source codes)."""

    def _source_texts(self, sentences: Sequence[str], tgt: str) -> Sequence[str]:
        return sentences


class MarianFamily(Family):
    """opus-mt models; multi-target ones get a ``>>xx<<`` token before each sentence."""

    name = "marian"

    def __init__(self, tokenizer: Any) -> None:
        super().__init__(tokenizer)
        codes = getattr(tokenizer, "supported_language_codes", None) or []
        self.target_codes: list[str] = [
            m.group(1) for code in codes if (m := _MARIAN_CODE.match(code))
        ]
        self.prefix_tokens = 1 if self.target_codes else 0

    def target_token(self, tgt: str) -> str | None:
        """The ``>>xx<<`` token for `tgt` in a multi-target model, None otherwise."""
        if not self.target_codes:
            return None
        known = set(self.target_codes)
        three = alpha3(tgt)
        for code in (*_MARIAN_TARGETS.get(tgt, ()), tgt, three):
            if code in known:
                return f">>{code}<<"
        scripted = sorted(code for code in known if code.startswith(f"{three}_"))
        if scripted:
            return f">>{scripted[0]}<<"
        return None

    def check(self, src: str, tgt: str) -> None:
        if self.target_codes and self.target_token(tgt) is None:
            shown = ", ".join(sorted(self.target_codes)[:12])
            raise UnsupportedLanguageError(
                f"this multi-target model has no target token for {tgt!r} (it knows {shown})"
            )

    def _source_texts(self, sentences: Sequence[str], tgt: str) -> Sequence[str]:
        token = self.target_token(tgt)
        return [f"{token} {s}" for s in sentences] if token else sentences


class _CodedFamily(Family):
    """Families with a source-language token and a forced target-language token."""

    prefix_tokens = 1

    @abstractmethod
    def code(self, lang: str) -> str | None:
        """The model's token for a language, or None if the model does not know it."""

    def _token_known(self, token: str) -> bool:
        tok = self.tokenizer
        token_id = tok.convert_tokens_to_ids(token)
        return token_id is not None and token_id != tok.unk_token_id

    def _code_or_raise(self, lang: str) -> str:
        code = self.code(lang)
        if code is None:
            raise UnsupportedLanguageError(f"{self.name} model does not know language {lang!r}")
        return code

    def check(self, src: str, tgt: str) -> None:
        self._code_or_raise(src)
        self._code_or_raise(tgt)

    def target_prefix(self, tgt: str) -> list[int]:
        return [self.tokenizer.convert_tokens_to_ids(self._token(self._code_or_raise(tgt)))]

    def _token(self, code: str) -> str:
        return code

    def _set_source(self, src: str) -> None:
        self.tokenizer.src_lang = self._code_or_raise(src)


class M2M100Family(_CodedFamily):
    """facebook/m2m100: ``__xx__`` codes, mostly ISO 639-1."""

    name = "m2m100"

    def code(self, lang: str) -> str | None:
        for candidate in (M2M100_ALIASES.get(lang, lang), alpha3(lang)):
            if self._token_known(f"__{candidate}__"):
                return candidate
        return None

    def _token(self, code: str) -> str:
        return f"__{code}__"


class NllbFamily(_CodedFamily):
    """facebook/nllb-200 (CC-BY-NC-4.0): FLORES-200 codes such as ``spa_Latn``."""

    name = "nllb"

    def code(self, lang: str) -> str | None:
        preferred = NLLB_CODES.get(lang)
        if preferred and self._token_known(preferred):
            return preferred
        prefix = f"{alpha3(lang)}_"
        vocab = self.tokenizer.get_vocab()
        matches = sorted(t for t in vocab if t.startswith(prefix) and len(t) == len(prefix) + 4)
        return matches[0] if len(matches) == 1 else None


FAMILIES: dict[str, type[Family]] = {
    "marian": MarianFamily,
    "m2m100": M2M100Family,
    "nllb": NllbFamily,
}


def family_name(model_dir: str | Path) -> str:
    """Which family a model directory belongs to, from its config and tokenizer config."""
    path = Path(model_dir)
    model_type = _read_json(path / "config.json").get("model_type", "")
    tokenizer_class = str(_read_json(path / "tokenizer_config.json").get("tokenizer_class", ""))
    if tokenizer_class.startswith("Nllb"):
        return "nllb"
    if model_type == "marian":
        return "marian"
    if model_type == "m2m_100":
        return "m2m100"
    raise ConfigError(
        f"{path}: unsupported model type {model_type or 'unknown'!r} "
        "(translation needs a Marian, M2M100 or NLLB model)",
        hint="see `toolkit models list`",
    )


def load_tokenizer(model_dir: str | Path) -> Any:
    """The model's tokenizer, from local files only (never downloads, no remote code)."""
    from transformers import AutoTokenizer

    with warnings.catch_warnings():
        # MarianTokenizer asks for sacremoses on every load; the warning is noise here.
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        return AutoTokenizer.from_pretrained(
            str(model_dir), local_files_only=True, trust_remote_code=False
        )


def load_family(model_dir: str | Path, tokenizer: Any | None = None) -> Family:
    """The `Family` of a local model directory, with its tokenizer loaded."""
    cls = FAMILIES[family_name(model_dir)]
    return cls(tokenizer if tokenizer is not None else load_tokenizer(model_dir))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
