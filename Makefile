# The two commands (see README):  make demo   and   make test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= samples/harbour-lights.txt

.PHONY: install browser demo test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/betareader check --exit-zero $(SAMPLE)
	$(BIN)/betareader analyze $(SAMPLE)
	mkdir -p out && $(BIN)/betareader analyze --format html -o out/report.html $(SAMPLE)

browser:
	bash scripts/install-browser.sh

test: install browser
	$(BIN)/python -m pytest -q -n 2

bench: install
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/eval_checks.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
