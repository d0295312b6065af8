# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

EXTRAS := test,browser,render,segment,distributed,lint
# Tested versions; pyproject.toml keeps ranges for people installing the package.
PIP_INSTALL := $(BIN)/python -m pip install --quiet -c constraints.txt

.PHONY: demo test bench eval serve install clean lint constraints

$(STAMP): pyproject.toml constraints.txt newsarchive/vietnamese/_speedups.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP_INSTALL) -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsarchive demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(PIP_INSTALL) -e '.[$(EXTRAS),eval]'
	NEWSARCHIVE_BENCH=1 $(BIN)/python -m pytest -q -s tests/benchmarks -p no:cacheprovider

eval: $(STAMP)
	$(PIP_INSTALL) -e '.[$(EXTRAS),eval]'
	$(BIN)/newsarchive eval

serve: $(STAMP)
	$(BIN)/newsarchive serve

# Re-pin constraints.txt to what is installed now (after a green `make test`).
constraints: $(STAMP)
	$(PIP_INSTALL) -e '.[$(EXTRAS),eval]'
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) data/archive.db* data/warc
	rm -f newsarchive/vietnamese/_speedups.*.so
