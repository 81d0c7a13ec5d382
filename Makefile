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
# Taken literally (a `$(...)` in it is not expanded by make) and passed to the shell quoted;
# python -m analysis.report checks its syntax (analysis/ids.py) before anything runs.
SPEECH ?=
override SPEECH := $(value SPEECH)
# Theme dictionary of `make report` (issue 14): a packaged name or a YAML path; empty = the speech's
# `themes` column in data/metadata.csv, else the packaged dictionary that covers the speech best.
THEMES ?=
# `make verify FRESH=1` rebuilds with an empty cache.
FRESH ?=
# Debian's headless browser for the browser tests (variables only so that the rule can be tested).
CHROMIUM     ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver

# Every variable reaches the shell through $(call q,...): one single-quoted word, with any
# ' inside written '\'' , so no value (a ';', a space, a backquote) can run a command.
q = '$(subst ','\'',$(1))'
# VENV names a folder that `make distclean` removes and a target file: one word, not / . .. ~
ifneq ($(words $(VENV)),1)
  $(error VENV='$(VENV)': the virtual environment must be one folder name without spaces)
endif
ifneq ($(filter / . .. ~ ./ ../,$(VENV)),)
  $(error VENV='$(VENV)' is not a folder make may create and remove; use e.g. VENV=.venv)
endif

.PHONY: help env report verify test browser lab bench lock clean distclean

help:
	@echo "make report [SPEECH=<id>] [THEMES=<name or path>]  execute the notebooks, write figures/ and reports/"
	@echo "make test                  run the test suite (pytest, incl. notebook and browser tests)"
	@echo "make verify [FRESH=1]      rerun everything (FRESH=1: no cache); fail if a committed figure differs"
	@echo "make lab                   open JupyterLab on working copies in lab/ (notebooks/ stays clean)"
	@echo "make bench                 run every script in benchmarks/"
	@echo "make lock                  re-pin constraints.txt from .venv (after changing dependencies)"
	@echo "make clean                 remove generated files (reports/, caches); distclean also removes .venv"

# ---- environment: (re)built only when pyproject.toml or constraints.txt change ----
env: $(STAMP)

$(STAMP): pyproject.toml constraints.txt tools/nltk_cmudict.py
	@if [ ! -x $(call q,$(PY)) ]; then \
	  echo "creating "$(call q,$(VENV))" with "$(call q,$(PYTHON)); \
	  $(call q,$(PYTHON)) -m venv $(call q,$(VENV)); \
	fi
	@$(call q,$(PY)) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if v == (3, 11) else "%s has Python %d.%d; this project pins Python 3.11 (make distclean, then PYTHON=/path/to/python3.11 make)" % (sys.argv[1], *v))' $(call q,$(VENV))
	$(call q,$(PY)) -m pip install --disable-pip-version-check -q -e '.[dev]' -c constraints.txt
	$(call q,$(PY)) tools/nltk_cmudict.py
	@touch $(call q,$(STAMP))

# ---- the main job ----
report: $(STAMP)
	$(call q,$(PY)) -m analysis.report $(if $(SPEECH),--speech=$(call q,$(SPEECH))) $(if $(THEMES),--themes=$(call q,$(THEMES)))

verify: $(STAMP)
	$(call q,$(PY)) -m analysis.report --verify $(if $(filter-out 0,$(FRESH)),--fresh)

# ---- tests ----
# Headless Chromium for the browser tests, from Debian's packages.  Without root
# we only print a note: the browser tests then skip with a reason.
browser:
	@if [ -x $(call q,$(CHROMIUM)) ] && [ -x $(call q,$(CHROMEDRIVER)) ]; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium and chromium-driver from Debian"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	else \
	  echo "note: "$(call q,$(CHROMIUM))" or "$(call q,$(CHROMEDRIVER))" is missing and we are not root;"; \
	  echo "      the browser tests will be skipped (sudo apt-get install chromium chromium-driver)"; \
	fi

test: $(STAMP) browser
	$(call q,$(PY)) -m pytest -q tests/

# ---- interactive ----
lab: $(STAMP)
	$(call q,$(PY)) -m ipykernel install --sys-prefix --name analysis --display-name "Python (analysis)"
	$(call q,$(PY)) -m analysis.lab
	$(call q,$(VENV))/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) lab/

bench: $(STAMP)
	@set -e; for script in benchmarks/*.py; do \
	  echo "== $$script"; \
	  $(call q,$(PY)) "$$script"; \
	done

# ---- maintenance ----
lock:
	@test -x $(call q,$(PY)) || { echo "no "$(call q,$(VENV))": run make env first"; exit 1; }
	@{ \
	  echo "# Exact versions of every package in the project's .venv (runtime + dev), used as"; \
	  echo "#   pip install -e '.[dev]' -c constraints.txt"; \
	  echo "# by \`make\` (the environment step). Generated; do not edit by hand."; \
	  echo "# To regenerate after changing dependencies in pyproject.toml: \`make lock\`"; \
	  echo "# (pip freeze of .venv, excluding the editable \`analysis\` itself), then commit."; \
	  $(call q,$(PY)) -m pip freeze --disable-pip-version-check --exclude-editable | grep -v -i '^analysis\b'; \
	} > constraints.txt.new
	@if cmp -s constraints.txt.new constraints.txt; then rm constraints.txt.new; else mv constraints.txt.new constraints.txt; fi
	@echo "constraints.txt: $$(grep -c '==' constraints.txt) pinned packages"

clean:
	rm -rf reports/ .cache/ .pytest_cache/ .hypothesis/ build/ *.egg-info
	find . -path $(call q,./$(VENV)) -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
	find . -path $(call q,./$(VENV)) -prune -o -name .ipynb_checkpoints -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(call q,$(VENV))

# ---- issue 10: reading documents, the boundary benchmark ----
.PHONY: bench-ingest pages
bench-ingest: $(STAMP)  ## boundary P/R, furniture, salutations: ours, pySBD, Punkt
	$(PY) benchmarks/bench_ingest.py
pages: $(STAMP)  ## rebuild tests/data/pages/*.json (and the .txt pages) from tools/pages_src
	$(PY) tools/build_pages.py tools/pages_src tests/data/pages

# ---- issue 12: UN General Debate norms (analysis/data/norms) ----
# make norms UNGDC=/path/to/UNGDC_1946-2024.tgz [SCHEDULER=tcp://host:8786]  (runs on the Dask engine;
# a local cluster unless SCHEDULER names one) (UNGDC: the .tgz or the folder it unpacks to; default:
# $ANALYSIS_UNGDC, else data/corpora/UNGDC_1946-2024.tgz).  Rebuilds the shipped per-statement
# measures and word counts from the archive and records version, code fingerprint and checksum.
UNGDC ?=
.PHONY: norms
norms: $(STAMP)
	$(PY) -m analysis.norms build $(if $(UNGDC),$(call q,$(UNGDC))) $(if $(SCHEDULER),--scheduler $(call q,$(SCHEDULER)))

# ---- issue 11: the dependency parser (trained on UD English-EWT, CC BY-SA 4.0) ----
# `make model` converts ../shared/ud into training/corpus/ (ignored), trains with the pinned
# training/parser.cfg (seed 11, one thread, nice; about 80 CPU-minutes) and copies model-best into
# analysis/models/en_ud_ewt/ with its licence, README and checksums.  `make test` never trains.
.PHONY: model bench-parser
model: $(STAMP)
	$(PY) tools/train_parser.py

bench-parser: $(STAMP)
	$(PY) benchmarks/bench_parser.py

# ---- issue 9/10 follow-up (ingest): held-out pages, reports on one 100,000-word sentence ----
.PHONY: pages-heldout bench-long-reports
pages-heldout: $(STAMP)  ## rebuild tests/data/pages_heldout from tools/pages_heldout_src
	$(PY) tools/build_pages.py tools/pages_heldout_src tests/data/pages_heldout
bench-long-reports: $(STAMP)  ## each report on the seed, 100,000 words in sentences, one 100,000-word sentence
	$(PY) benchmarks/bench_long_sentence.py --reports

# ---- issue 11: parser, continuation experiment (not packaged; see tools/train_parser.py) ----
.PHONY: model-stage2
model-stage2: $(STAMP)
	$(PY) tools/train_parser.py --stage2
