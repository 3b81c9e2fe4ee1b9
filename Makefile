# Two commands on a fresh machine: `make demo` (installs, runs the main job on the seed
# article) and `make test`. Everything installs into .venv; torch is the CPU build.
VENV    ?= .venv
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip
STAMP   := $(VENV)/.installed
TORCH   ?= torch==2.13.0
SEED    := seeds/en_nato_taliban_machine_translated.txt
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_NO_ADVISORY_WARNINGS ?= 1

.PHONY: install demo test lint format eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q "$(TORCH)"
	$(PIP) install -q -e ".[dev,ct2,serve,ray]"
	$(PY) -c "import toolkit.detect_langid as d; d.prepare()"  # decode py3langid's model once
	touch $(STAMP)

# Exit code 6 means "partial": briefs whose translation model is not on this machine are
# listed with the `toolkit models pull` command; the demo still counts as a success.
demo: $(STAMP)
	$(VENV)/bin/toolkit summarize $(SEED) --to en,pt,es,fr || test $$? -eq 6

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

eval: $(STAMP)
	$(PY) -m benchmarks.eval

bench: $(STAMP)
	$(PY) -m benchmarks.bench

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
