"""The notebooks: stored clean, parameterised, and every one executes and exports to HTML.

The executing tests are marked ``notebooks`` (``pytest -m "not notebooks"`` skips them).
"""

from __future__ import annotations

import re

import nbformat
import papermill
import pytest

from analysis import config, report

from _reports import PLAIN_ID, default_build, plain_build

NOTEBOOKS = report.notebooks()
IDS = [p.stem for p in NOTEBOOKS]
IMG = re.compile(r'<img[^>]*src="data:image/png;base64,')


def test_the_first_two_notebooks_exist():
    assert IDS[:2] == ["01-overview", "02-sentences-and-readability"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i} has stored outputs"
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_parameters_cell_and_kernel(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first_code.metadata.get("tags", []), f"{path.name}: first code cell not tagged"
    params = papermill.inspect_notebook(str(path))
    assert {"speech_id", "themes", "reference"} <= set(params), f"{path.name}: parameters {sorted(params)}"
    assert params["speech_id"]["default"] == "None"
    # issue 12: report 05 chooses its reference by the speech's genre (None), and so does 06 since issue 15
    # placed the figures of speech against it; 07 does not use one
    expected = "None" if path.stem.startswith(("05", "06", "07")) else '"sotu"'
    assert params["reference"]["default"] == expected


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_relative_paths_or_sys_path(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert "../" not in cell.source and "sys.path" not in cell.source, f"{path.name}: {cell.source[:80]}"
            assert not re.search(r"^\s*def ", cell.source, re.M), f"{path.name}: a function defined in a cell"


# ---------------------------------------------------------------------------
# Executed (one build for the session, shared with test_browser.py)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built():
    tmp, results = default_build()
    return tmp, {r.notebook: r for r in results}


@pytest.mark.notebooks
def test_every_notebook_executes(built):
    _, results = built
    assert list(results) == IDS
    for r in results.values():
        assert r.html.is_file()


@pytest.mark.notebooks
@pytest.mark.parametrize("name", IDS)
def test_html_embeds_every_figure(built, name):
    tmp, results = built
    r = results[name]
    html = r.html.read_text(encoding="utf-8")
    written = sorted(p.stem for p in (tmp / "figures").glob(f"{name[:3]}*.png"))
    assert sorted(r.figures) == written
    assert len(IMG.findall(html)) == len(r.figures)
    for fig in r.figures:
        assert (tmp / "figures" / f"{fig}.csv").is_file()
    if name in ("01-overview", "02-sentences-and-readability"):
        assert len(r.figures) >= 1


@pytest.mark.notebooks
@pytest.mark.parametrize("name", IDS)
def test_html_has_no_code_and_no_errors(built, name):
    _, results = built
    html = results[name].html.read_text(encoding="utf-8")
    assert 'class="jp-InputArea-editor' not in html and 'class="highlight' not in html
    assert "In&nbsp;[" not in html and 'class="jp-InputPrompt' not in html
    for code in ("import analysis", "display(Markdown", "show_figure(", "speech_id = None"):
        assert code not in html, f"{name}: code {code!r} visible in the HTML"
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html, f"{name}: a warning or error was printed"
    assert "Traceback" not in html
    assert "How this was made" in html and '<nav class="toc">' in html


@pytest.mark.notebooks
def test_figures_match_the_committed_figures(built):
    """The staleness check of `make verify`, on the build the other tests already made."""
    tmp, _ = built
    prefixes = [name[:3] for name in IDS]
    assert report.compare_figures(tmp / "figures", config.FIGURES_DIR, prefixes=prefixes) == []


@pytest.mark.notebooks
def test_verify_lists_differences_and_fails(monkeypatch, tmp_path, capsys):
    """`--verify` against a figures folder missing notebook 01's files: exit 1, files listed."""
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path)
    assert report.main(["--verify", "--only", "01"]) == 1
    out = capsys.readouterr().out
    assert "differences from the committed figures/" in out
    assert "01-parts.png: written by a notebook but not in" in out
    assert "compared 2 figure files (PNG and CSV)" in out  # issue 14: how many files were compared
    assert "identical" not in out


@pytest.mark.notebooks
def test_a_speech_with_nothing_to_find_runs_every_notebook():
    """`make report SPEECH=<id>` on five plain sentences: no modal verbs, no pronouns, no theme
    matches, no "First, ..." parts.  Every notebook runs, writes to figures/<id>/ and reports/<id>/,
    and says in words that there was nothing to find, instead of crashing or drawing empty charts."""
    root = plain_build()
    reports = root / "reports" / PLAIN_ID
    assert sorted(p.stem for p in reports.glob("[0-9][0-9]-*.html")) == IDS
    assert not (root / "reports" / f"{IDS[0]}.html").exists()  # the default speech's folder is not touched
    figures = sorted(p.name for p in (root / "figures" / PLAIN_ID).glob("*.png"))
    assert "01-parts.png" in figures and "05-keyness.png" in figures  # the plain words are key words
    assert not [f for f in figures if f.startswith(("03-", "04-"))], figures  # nothing to chart there
    # The glossary links (issue 14) are taken out: the sentences are checked as they read.
    text = {p.stem: re.sub(r'<a class="term"[^>]*>(.*?)</a>', r"\1", p.read_text(encoding="utf-8"))
            for p in reports.glob("[0-9][0-9]-*.html")}
    for name, html in text.items():
        assert "Traceback" not in html and 'data-mime-type="application/vnd.jupyter.stderr"' not in html, name
        assert not re.search(r"\b1 (words|sentences|parts|matches|uses|times)\b|\(s\)", html), name
        assert "nan" not in re.sub(r"<[^>]+>", " ", html).split(), name
    assert "<strong>no numbered parts</strong>" in text["01-overview"]
    # issue 14: a file without blank lines has no countable paragraphs, not "1 paragraph"
    assert "in <strong>5 sentences</strong>. The file has no blank lines between paragraphs" in text["01-overview"]
    assert "<strong>No modal verbs were found</strong>" in text["03-modality-and-agency"]
    assert "<strong>No obligation modals were found</strong>" in text["03-modality-and-agency"]
    assert "<strong>No anaphora was found</strong>" in text["03-modality-and-agency"]
    assert "<strong>No pronouns of these groups were found</strong>" in text["03-modality-and-agency"]
    assert "<strong>No theme matches were found</strong>" in text["04-themes"]
    assert "No word is significantly under-used." in text["05-comparison"]
