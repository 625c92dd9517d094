# Empathic: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test test-postgres test-browser test-celery lint install install-test clean train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"

## Install, migrate an SQLite database under var/, load the demo organisation and serve it.
demo: install
	$(BIN)/empathic demo

## Run the whole test suite (SQLite by default; DATABASE_URL switches to PostgreSQL), after ruff
## and the import contracts of pyproject.toml (`lint-imports`, under a second).
test: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install-test
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install-test
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

## Real Celery workers on Redis (127.0.0.1:6379) and PostgreSQL: kill one mid-batch, lose nothing.
test-celery: install-test
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest -m celery $(PYTEST_ARGS)

## Retrain every model from the shared data (torch CPU wheel; about 1.5 h on 2 cores; resumable).
DATA ?= ../shared/data
train: $(BIN)/python
	$(BIN)/pip install -q -e ".[train]"
	$(BIN)/empathic train encoder --data $(DATA) --work-dir var/train/encoder
	$(BIN)/python -m empathic.nlp.training.epitome_heads --data $(DATA)
	$(BIN)/empathic train signals --data $(DATA)
	$(BIN)/python -m empathic.nlp.training.concerns --data $(DATA) --out empathic/nlp/concerns/models
	$(BIN)/python -m empathic.analysis.quality.fit --data $(DATA)/annomi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .import_linter_cache
