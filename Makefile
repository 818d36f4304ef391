# accelkb: two commands set everything up on a fresh machine (Python 3.11 + pip).
#   make demo   ingest the bundled sample articles, then serve the dashboard on http://127.0.0.1:8501
#   make test   run the test suite (unit, golden evaluation gate, integration, real browser)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: demo test system-deps eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

system-deps:
	./scripts/install-system-deps.sh

demo: $(STAMP) system-deps
	$(BIN)/accelkb demo --port $(PORT)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/accelkb eval data/golden data/articles
	@if [ -d ../shared/eval/dev ]; then $(BIN)/accelkb eval ../shared/eval/dev/gold ../shared/eval/dev/articles; fi

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) data/accelkb.duckdb data/accelkb.duckdb.wal artifacts
