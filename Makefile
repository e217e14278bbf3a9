# The two set-up commands of the README. Each creates or reuses .venv and installs
# what it needs, so they work on a fresh clone with Python 3.11 or newer.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test

# Not strict while serving: a new entry's TODO warnings are shown, not fatal.
# `make test` builds strictly, so nothing with a warning lands.
serve: $(STAMP)
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/ruff check src tests snippets benchmarks
	$(BIN)/ruff format --check src tests snippets benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

# Reinstall when the dependencies change.
$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)
