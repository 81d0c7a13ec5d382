"""The reports as a site (issue 14): glossary, links to it, navigation, the lab copies, verify's words."""

from __future__ import annotations

import json
import subprocess

import pytest

from analysis import config, report, site
from analysis.lab import prepare_lab
from analysis.measures import REGISTRY


def test_glossary_has_every_measure_with_definition_formula_reference_unit_and_direction():
    page = site.glossary_html()
    for m in REGISTRY.values():
        assert f'<dt id="{m.key}">' in page, m.key
        assert m.formula and m.reference, f"{m.key}: the registry entry lacks a formula or a reference"
    assert "higher = harder" in page and "higher = easier" in page
    for t in site.TERMS:
        assert f'<dt id="{t.key}">' in page
    # G2, log ratio and p-values in plain words; their formulas in the box for analysts.
    assert "less likely the difference is chance" in page and "+1 means twice as often" in page
    box = page.split('<details class="analysts"', 1)[1]
    assert "Dunning 1993" in box and "log2" in box and "3.84" in box


def test_link_terms_links_the_first_appearance_only_outside_headings_and_tables():
    page = ("<html><head><title>Modal verb</title></head><body><main><h2>Modal verb</h2>"
            "<table><tr><td>a modal verb</td></tr></table>"
            "<p>A modal verb, and another modal verb; the median and the log ratio.</p></main></body></html>")
    out = site.link_terms(page, "glossary.html")
    assert out.count('href="glossary.html#modal-verb"') == 1
    assert "<h2>Modal verb</h2>" in out and "<td>a modal verb</td>" in out
    assert '<p>A <a class="term" href="glossary.html#modal-verb"' in out
    assert 'href="glossary.html#median"' in out and 'href="glossary.html#log-ratio"' in out


def test_finish_page_sets_title_and_links_and_is_idempotent():
    page = "<html><head><title>01-x (id)</title></head><body><main><h1 id='x'>The speech at a glance</h1>" \
           "<p>The median.</p></main></body></html>"
    assert site.page_title(page) == "The speech at a glance"
    once = site.finish_page(page, title="The speech at a glance \u2014 A talk", glossary_href="glossary.html",
                            index_href="index.html", prev=None, nxt=("02-y.html", "Sentences"))
    twice = site.finish_page(once, title="The speech at a glance \u2014 A talk", glossary_href="glossary.html",
                             index_href="index.html", prev=None, nxt=("02-y.html", "Sentences"))
    assert once == twice
    assert "<title>The speech at a glance \u2014 A talk</title>" in once
    assert once.count('rel="next"') == 2 and 'rel="prev"' not in once
    assert once.count('class="term"') == 1


def test_footer_says_where_the_speech_comes_from_and_how_to_remake_it():
    foot = site.footer_html(None, {"python": "3.11"})
    assert "data/un-sg-2018-06-29.txt" in foot and "make report" in foot and "António Guterres" in foot
    assert "Seed file" not in foot and "nbconvert" not in foot and "headless" not in foot
    assert "make report SPEECH=other-id" in site.footer_html("other-id", {})


def test_csv_changes_names_the_values(tmp_path):
    a, b = tmp_path / "new.csv", tmp_path / "old.csv"
    b.write_text("theme,count\nsecurity,29\nyouth,3\n")
    a.write_text("theme,count\nsecurity,30\nyouth,3\n")
    assert report.csv_changes(a, b) == "row 1, count: 29 -> 30"
    a.write_text("theme,count,extra\nsecurity,29\n")
    assert report.csv_changes(a, b).startswith("columns changed, added ['extra']; 2 rows committed, 1 now")


def test_report_numbers_ignore_images_styles_and_the_versions_footer(tmp_path):
    page = tmp_path / "01-a.html"
    page.write_text('<style>p { width: 12px }</style><p>914 words, 16.3 on average, 21.0%.</p>'
                    '<img src="data:image/png;base64,AAA123"><footer class="made">pandas 3.1.1</footer>')
    assert report.report_numbers(page) == ["914", "16.3", "21.0%"]
    other = tmp_path / "old"
    other.mkdir()
    (other / "01-a.html").write_text("<p>915 words, 16.3 on average, 21.0%.</p>")
    assert report.compare_report_numbers(tmp_path, other) == (1, ["01-a.html: 3 numbers before, 3 now; "
                                                                  "first changes: 915 -> 914"])


def test_make_lab_opens_clean_copies_in_an_ignored_folder(tmp_path):
    made = prepare_lab(tmp_path / "lab")
    names = sorted(p.name for p in config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    assert sorted(p.name for p in made) == names
    nb = json.loads(made[0].read_text())
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb["cells"] if c["cell_type"] == "code")
    # A student's work in a copy is kept: a second run copies nothing.
    made[0].write_text(made[0].read_text().replace("speech_id = None", "speech_id = 'mine'"))
    assert prepare_lab(tmp_path / "lab") == []
    assert "speech_id = 'mine'" in made[0].read_text()
    # lab/ and the figures of other speeches are ignored by git; the tracked notebooks are not.
    ignored = subprocess.run(["git", "check-ignore", "lab/01-overview.ipynb", "figures/other-speech/01-parts.png",
                              "notebooks/01-overview.ipynb", "figures/01-parts.png"],
                             cwd=config.ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == ["lab/01-overview.ipynb", "figures/other-speech/01-parts.png"]
    makefile = (config.ROOT / "Makefile").read_text()
    lab_rule = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "-m analysis.lab" in lab_rule and "lab/" in lab_rule and "notebooks/" not in lab_rule


def test_make_report_passes_quoted_speech_and_themes():
    makefile = (config.ROOT / "Makefile").read_text()
    rule = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    assert "--speech=$(call q,$(SPEECH))" in rule and "--themes=$(call q,$(THEMES))" in rule  # quoted (issue 9)
    assert "--fresh" in makefile.split("\nverify:", 1)[1].split("\n\n", 1)[0]


def test_unknown_themes_fail_before_any_kernel(capsys):
    assert report.main(["--themes", "no_such_dictionary"]) == 1
    err = capsys.readouterr().err
    assert "no_such_dictionary" in err and "international_affairs" in err


def test_show_table_prints_whole_numbers_without_decimals_and_tiny_rates_as_below():
    import re

    import pandas as pd

    from analysis.prose import show_table

    frame = pd.DataFrame({"measure": ["Words", "Mean sentence length"], "value": [914.0, 16.333],
                          "count": [3, 4], "rate": [0.0004, 1.5]})
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", show_table(frame, digits=2).to_html())
    assert cells == ["Words", "914", "3", "&lt;0.01", "Mean sentence length", "16.33", "4", "1.50"]
