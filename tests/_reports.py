"""One build of the reports shared by test_notebooks.py and test_browser.py (built once per test session).

Not a test module (no ``test_`` prefix): imported by both, so the notebooks run
once however many tests look at the result.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import analysis
from analysis import config, report

# A speech that tries to inject HTML and script into the report.  Sentence 2 is
# the longest (25 words) so notebook 02 quotes it; the title carries markup too.
XSS_ID = "xss-test"
XSS_TEXT = (
    "Thank you all for coming today.\n"
    "First, we reject <script>alert(1)</script> and every <img src=x onerror=alert(2)> trick "
    "that hides in plain text & code, because words on a page must never run as a weapon.\n"
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


# A plain speech with nothing for most measures to find: no modal verbs, no
# pronouns, no theme matches (in any packaged dictionary: "square", not "market"), no "First, ..." structure,
# no repeated openings.  Every notebook must still run and say so in words.
PLAIN_ID = "plain-test"
PLAIN_TEXT = (
    "The river runs past the old mill. Horses graze on the green bank. "
    "The baker opens the shop at dawn. Farmers bring apples to the square. "
    "The evening bell rings over the quiet town.\n"
)


def scratch_build(speech_id: str, text: str, *, title: str, speaker: str = "A Speaker",
                  source_note: str = "Test speech") -> Path:
    """All notebooks on one speech in a scratch project (ANALYSIS_ROOT), as `make report SPEECH=<id>` runs them.

    Returns the scratch project root; the reports are in ``reports/<id>/`` and
    the figures in ``figures/<id>/`` under it.
    """
    root = _tmp(f"analysis-test-{speech_id}-")
    (root / "data").mkdir()
    (root / "data" / f"{speech_id}.txt").write_text(text, encoding="utf-8")
    (root / "data" / "metadata.csv").write_text(
        "id,file,speaker,role,title,date,place,as_delivered,source_note\n"
        f'{speech_id},{speech_id}.txt,{speaker},Tester,"{title}",2024-01-01,Nowhere,True,"{source_note}"\n',
        encoding="utf-8",
    )
    shutil.copytree(config.NOTEBOOKS_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # the tree under test, not whichever analysis is installed (from a worktree they differ)
    env = {**os.environ, "ANALYSIS_ROOT": str(root), "PYTHONPATH": str(Path(analysis.__file__).parent.parent)}
    run = subprocess.run(
        [sys.executable, "-m", "analysis.report", "--speech", speech_id],
        cwd=root, env=env, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, f"report on the speech {speech_id!r} failed:\n{run.stdout}\n{run.stderr}"
    return root


@functools.cache
def xss_build() -> Path:
    """Every notebook on the XSS speech in a scratch project (ANALYSIS_ROOT); returns its reports folder."""
    root = scratch_build(XSS_ID, XSS_TEXT, title=XSS_TITLE, speaker="A <i>Speaker</i>",
                         source_note="<script>alert(4)</script>")
    return root / "reports" / XSS_ID


@functools.cache
def plain_build() -> Path:
    """Every notebook on the plain speech in a scratch project; returns the scratch project root."""
    return scratch_build(PLAIN_ID, PLAIN_TEXT, title="A plain test speech")
