"""One build of the reports shared by test_notebooks.py and test_browser.py (built once per test session).

Not a test module (no ``test_`` prefix): imported by both, so the notebooks run
once however many tests look at the result.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis import config, report

# A speech that tries to inject HTML and script into the report.  Sentence 2 is
# the longest (25 words) so notebook 02 quotes it; the title carries markup too.
XSS_ID = "xss-test"
XSS_TEXT = (
    "Thank you all for coming today.\n"
    "First, we reject <script>alert(1)</script> and every <img src=x onerror=alert(2)> trick "
    "that hides in plain text & code, because words on a page must never run as a program.\n"
    "Second, we will act together.\n"
    "Third, we will report back to you next year.\n"
)
XSS_TITLE = "Test <b>speech</b> & <script>alert(3)</script>"
XSS_LITERAL = "<script>alert(1)</script>"


def _tmp(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.cache
def default_build() -> tuple[Path, tuple[report.NotebookResult, ...]]:
    """Every notebook on the default speech, figures and HTML in a temporary folder."""
    tmp = _tmp("analysis-test-reports-")
    results = report.build(figures=tmp / "figures", reports=tmp / "reports", workers=2)
    return tmp, tuple(results)


@functools.cache
def xss_build() -> Path:
    """Notebooks 01 and 02 on the XSS speech in a scratch project (ANALYSIS_ROOT); returns its reports folder."""
    root = _tmp("analysis-test-xss-")
    (root / "data").mkdir()
    (root / "data" / f"{XSS_ID}.txt").write_text(XSS_TEXT, encoding="utf-8")
    (root / "data" / "metadata.csv").write_text(
        "id,file,speaker,role,title,date,place,as_delivered,source_note\n"
        f'{XSS_ID},{XSS_ID}.txt,A <i>Speaker</i>,Tester,"{XSS_TITLE}",2024-01-01,Nowhere,True,"<script>alert(4)</script>"\n',
        encoding="utf-8",
    )
    shutil.copytree(config.NOTEBOOKS_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    env = {**__import__("os").environ, "ANALYSIS_ROOT": str(root)}
    run = subprocess.run(
        [sys.executable, "-m", "analysis.report", "--speech", XSS_ID, "--only", "01", "--only", "02"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, f"report on the XSS speech failed:\n{run.stdout}\n{run.stderr}"
    return root / "reports" / XSS_ID
