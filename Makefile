# Rhetorical analysis of speeches: two commands on a fresh machine,
#   make report      execute the notebooks, write figures/ and reports/*.html
#   make test        run the test suite (installs headless Chromium if root)
# Everything runs from the project's own virtual environment in .venv, built
# here from pyproject.toml with the exact versions pinned in constraints.txt.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.11 to build the venv with (python3.11 if present, else python3).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Which speech `make report` analyses: an id from data/metadata.csv; empty = the default speech.
SPEECH ?=
# Debian's headless browser for the browser tests (variables only so that the rule can be tested).
CHROMIUM     ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: help env report verify test browser lab bench lock clean distclean

help:
	@echo "make report [SPEECH=<id>]  execute the notebooks, write figures/ and reports/*.html"
	@echo "make test                  run the test suite (pytest, incl. notebook and browser tests)"
	@echo "make verify                rerun everything; fail if a committed figure differs"
	@echo "make lab                   open JupyterLab on notebooks/ with the project's kernel"
	@echo "make bench                 run every script in benchmarks/"
	@echo "make lock                  re-pin constraints.txt from .venv (after changing dependencies)"
	@echo "make clean                 remove generated files (reports/, caches); distclean also removes .venv"

# ---- environment: (re)built only when pyproject.toml or constraints.txt change ----
env: $(STAMP)

$(STAMP): pyproject.toml constraints.txt tools/nltk_cmudict.py
	@if [ ! -x $(PY) ]; then \
	  echo "creating $(VENV) with $(PYTHON)"; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	@$(PY) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if v == (3, 11) else "$(VENV) has Python %d.%d; this project pins Python 3.11 (make distclean, then PYTHON=/path/to/python3.11 make)" % v)'
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dev]' -c constraints.txt
	$(PY) tools/nltk_cmudict.py
	@touch $(STAMP)

# ---- the main job ----
report: $(STAMP)
	$(PY) -m analysis.report $(if $(SPEECH),--speech $(SPEECH))

verify: $(STAMP)
	$(PY) -m analysis.report --verify

# ---- tests ----
# Headless Chromium for the browser tests, from Debian's packages.  Without root
# we only print a note: the browser tests then skip with a reason.
browser:
	@if [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium and chromium-driver from Debian"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	else \
	  echo "note: $(CHROMIUM) or $(CHROMEDRIVER) is missing and we are not root;"; \
	  echo "      the browser tests will be skipped (sudo apt-get install chromium chromium-driver)"; \
	fi

test: $(STAMP) browser
	$(PY) -m pytest -q tests/

# ---- interactive ----
lab: $(STAMP)
	$(PY) -m ipykernel install --sys-prefix --name analysis --display-name "Python (analysis)"
	@mkdir -p notebooks
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

bench: $(STAMP)
	@set -e; for script in benchmarks/*.py; do \
	  echo "== $$script"; \
	  $(PY) $$script; \
	done

# ---- maintenance ----
lock:
	@test -x $(PY) || { echo "no $(VENV): run make env first"; exit 1; }
	@{ \
	  echo "# Exact versions of every package in the project's .venv (runtime + dev), used as"; \
	  echo "#   pip install -e '.[dev]' -c constraints.txt"; \
	  echo "# by \`make\` (the environment step). Generated; do not edit by hand."; \
	  echo "# To regenerate after changing dependencies in pyproject.toml: \`make lock\`"; \
	  echo "# (pip freeze of .venv, excluding the editable \`analysis\` itself), then commit."; \
	  $(PY) -m pip freeze --disable-pip-version-check --exclude-editable | grep -v -i '^analysis\b'; \
	} > constraints.txt.new
	@if cmp -s constraints.txt.new constraints.txt; then rm constraints.txt.new; else mv constraints.txt.new constraints.txt; fi
	@echo "constraints.txt: $$(grep -c '==' constraints.txt) pinned packages"

clean:
	rm -rf reports/ .cache/ .pytest_cache/ .hypothesis/ build/ *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
	find . -path ./$(VENV) -prune -o -name .ipynb_checkpoints -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)

# ---- issue 11: the dependency parser (trained on UD English-EWT, CC BY-SA 4.0) ----
# `make model` converts ../shared/ud into training/corpus/ (ignored), trains with the pinned
# training/parser.cfg (seed 11, one thread, nice; about 80 CPU-minutes) and copies model-best into
# analysis/models/en_ud_ewt/ with its licence, README and checksums.  `make test` never trains.
.PHONY: model bench-parser
model: $(STAMP)
	$(PY) tools/train_parser.py

bench-parser: $(STAMP)
	$(PY) benchmarks/bench_parser.py
