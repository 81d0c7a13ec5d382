"""Where things live.  The one place that knows project paths (no ``../data`` in notebooks).

``ANALYSIS_ROOT`` overrides the project root (for tests that build a scratch
project); by default it is the folder that holds the ``analysis`` package.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("ANALYSIS_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = ROOT / "data"
METADATA_FILE = DATA_DIR / "metadata.csv"
NOTEBOOKS_DIR = ROOT / "notebooks"
FIGURES_DIR = ROOT / "figures"
REPORTS_DIR = ROOT / "reports"
# ANALYSIS_CACHE_DIR moves the cache (`make verify FRESH=1` points it at an empty folder).
CACHE_DIR = Path(os.environ.get("ANALYSIS_CACHE_DIR") or ROOT / ".cache" / "analysis")
THEMES_DIR = Path(__file__).resolve().parent / "themes"

DEFAULT_SPEECH = "un-sg-2018-06-29"
DEFAULT_THEMES = "counter_terrorism"
DEFAULT_REFERENCE = "sotu"

# issue 12: the UN General Debate corpus archive (or the folder it unpacks to), not shipped;
# the environment variable ANALYSIS_UNGDC overrides it (analysis.ungdc.default_archive).
UNGDC_ARCHIVE = ROOT / "data" / "corpora" / "UNGDC_1946-2024.tgz"
NORMS_DIR = Path(__file__).resolve().parent / "data" / "norms"
#: Largest speech file read (bytes, about 170,000 words; the longest State of the Union address has 219,000): a bigger file is refused with a
#: message naming it (issue 9: a 31 MB file otherwise hangs `make report` without progress).
MAX_TEXT_BYTES = 1_000_000
# issue 11: the dependency parser the project trains and ships (``make model``)
PARSER_MODEL = Path(__file__).resolve().parent / "models" / "en_ud_ewt"
