# The README's two commands: `make lab` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.medialit-installed

.PHONY: setup lab test lint exercises bench clean

# Re-install only when the dependency list changes; the kit itself is editable.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "medialit needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

lab: setup
	$(BIN)/medialit lab

lint: setup
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_grading.py
	$(BIN)/python benchmarks/bench_selfcheck.py
	$(BIN)/python benchmarks/bench_sourcing.py
	$(BIN)/python benchmarks/eval_loaded_language.py
	$(BIN)/python benchmarks/eval_wikinews.py
	$(BIN)/python benchmarks/bench_annotator_keys.py
	$(BIN)/python benchmarks/bench_numbers.py
	$(BIN)/python benchmarks/bench_spacy_versions.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache src/*.egg-info
