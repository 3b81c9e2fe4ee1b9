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
