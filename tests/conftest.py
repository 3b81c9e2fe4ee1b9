"""Shared test setup: no test may reach a model hub."""

from __future__ import annotations

import os
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "en_nato_taliban_machine_translated.txt"


def tiny_config(tmp_path: Path, models: dict | None = None):
    """A `Config` with no models on disk but `models` (pair -> path), no translation
    memory, one thread and short generation: the setup of the tiny-model tests."""
    from toolkit.config import Config

    config = Config.load(search_default_files=False)
    config.set("translate.model_dir", str(tmp_path / "hub"))
    config.set("translate.models", {pair: str(path) for pair, path in (models or {}).items()})
    config.set("translate.cache", False)
    config.set("translate.threads", 1)
    config.set("translate.max_new_tokens_ratio", 0.5)
    return config


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point user config/cache dirs at a temp dir and drop TOOLKIT_* from the env."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for var in list(os.environ):
        if var.startswith("TOOLKIT_"):
            monkeypatch.delenv(var)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# -- tiny random-weight translation models (tests/tinymodels), built once per session --


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    """A single-pair Marian model in a local directory (input limit 64 tokens)."""
    from tinymodels.marian import build_marian

    return build_marian(tmp_path_factory.mktemp("models") / "marian-en-es")


@pytest.fixture
def en_fr_config(tmp_path, tiny_marian) -> str:
    """A config file with only an en-fr model on disk (the tiny Marian); es has none."""
    path = tmp_path / "toolkit.toml"
    path.write_text(
        f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\ncache = false\nthreads = 1\n'
        f"max_new_tokens_ratio = 0.5\n"
        f'[translate.models]\n"en-fr" = "{tiny_marian}"\n',
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture(scope="session")
def tiny_marian_multi(tmp_path_factory) -> Path:
    """A multi-target Marian model that needs >>es<< / >>fr<< / >>pt<< tokens."""
    from tinymodels.marian import build_marian

    return build_marian(
        tmp_path_factory.mktemp("models") / "marian-en-roa", targets=("es", "fr", "pt"), seed=1
    )


@pytest.fixture(scope="session")
def tiny_marian_de_en(tmp_path_factory) -> Path:
    """A second Marian model, the first leg of a pivot (de -> en)."""
    from tinymodels.marian import build_marian

    return build_marian(tmp_path_factory.mktemp("models") / "marian-de-en", seed=2)


@pytest.fixture(scope="session")
def tiny_m2m100(tmp_path_factory) -> Path:
    """A many-to-many M2M100 model with the 100 __xx__ language codes."""
    from tinymodels.m2m100 import build_m2m100

    return build_m2m100(tmp_path_factory.mktemp("models") / "m2m100")


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory) -> Path:
    """A T5 summarization model (input limit 64 tokens, so articles come in chunks)."""
    from tinymodels.t5 import build_t5

    return build_t5(tmp_path_factory.mktemp("models") / "t5")
