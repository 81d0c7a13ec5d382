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
