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
CACHE_DIR = ROOT / ".cache" / "analysis"
THEMES_DIR = Path(__file__).resolve().parent / "themes"

DEFAULT_SPEECH = "un-sg-2018-06-29"
DEFAULT_THEMES = "counter_terrorism"
DEFAULT_REFERENCE = "sotu"

# issue 11: the dependency parser the project trains and ships (``make model``)
PARSER_MODEL = Path(__file__).resolve().parent / "models" / "en_ud_ewt"
