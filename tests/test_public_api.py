"""The public API: every stage callable from `toolkit`, whatever was imported first."""

from __future__ import annotations

import subprocess
import sys

import pytest

import toolkit


@pytest.mark.parametrize("stage", ["detect", "repair", "translate", "summarize"])
def test_stage_is_callable_after_importing_its_submodule_first(stage):
    code = (
        f"import importlib, toolkit; importlib.import_module('toolkit.{stage}');"
        f"print(callable(toolkit.{stage}), callable(getattr(toolkit.{stage}, '{stage}')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_stage_calls_reach_the_stage_functions():
    import toolkit.repair
    import toolkit.summarize

    assert toolkit.detect("Der Bundestag hat heute das Gesetz beschlossen.").lang == "de"
    assert toolkit.repair("US forces.The talks ended.", "en").text == (
        "US forces. The talks ended."
    )
    summary = toolkit.summarize("One sentence here about the vote. Another one follows it.")
    assert summary.sentences


def test_every_export_resolves():
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None
