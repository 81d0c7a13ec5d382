"""Issue 12: report 05 with each reference (ungdc, sotu, data) and notebook 07 on 2 speeches and on the demonstration set.

Marked ``notebooks`` (slow: each executes a notebook in a kernel).  The scratch
projects are folders with ``data/`` only; the kernel finds them through
``ANALYSIS_ROOT`` (inherited from this process's environment).
"""

from __future__ import annotations

import re

import pytest

from analysis import config, report

from _reports import default_build

pytestmark = pytest.mark.notebooks

NB05 = config.NOTEBOOKS_DIR / "05-comparison.ipynb"
NB07 = config.NOTEBOOKS_DIR / "07-speeches-side-by-side.ipynb"

# Three short speeches written for these tests, in the shape of real remarks.
SPEECHES = {
    "town-2019": ("Mayor Example", "2019-03-01",
                  "Thank you, councillors. We must act together on housing. We will build two hundred homes, and "
                  "we will keep our promise to the families who wait.\nOur work is not finished. We must do more, "
                  "and we must do it now. The budget is before you. Thank you."),
    "town-2020": ("Mayor Example", "2020-05-02",
                  "Friends, I am glad to be here. The harvest was good this year, and farmers worked long days.\n"
                  "The new road opened in spring. The market is busier than ever. We will open a library in the "
                  "autumn. I thank every one of you for your patience and your work."),
    "port-2021": ("Harbour Chair", "2021-07-03",
                  "Colleagues, the annual report is before you. It shows three findings. Costs fell. Delays grew. "
                  "Staff numbers stayed the same.\nWe propose two changes to the harbour rules, and we ask for "
                  "your support. The board will report again next year."),
}


def _project(tmp_path, ids):
    data = tmp_path / "data"
    data.mkdir(parents=True)
    lines = ["id,file,speaker,title,date,place"]
    for i in ids:
        speaker, date, text = SPEECHES[i]
        (data / f"{i}.txt").write_text(text, encoding="utf-8")
        lines.append(f'{i},{i}.txt,{speaker},"Remarks, {i}",{date},Testville')
    (data / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def _markdown(nb) -> str:
    return "\n".join(o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []) if "text/markdown" in o.get("data", {}))


def _figures(nb) -> list[str]:
    return sorted(report._figures_of(nb))


def _errors(nb) -> list[str]:
    return [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if o.get("output_type") == "stream" and o.get("name") == "stderr"]


def test_report_05_compares_the_un_speech_with_the_general_debate_by_default():
    tmp, results = default_build()
    html = {r.notebook: r for r in results}["05-comparison"].html.read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "The reference is the UN General Debate, 1946-2024" in text
    assert "the year of the 73rd session: it is compared with the 196 statements" in text
    assert "among the statements of the 73rd session" in text
    assert "the statements most like the speech are those of" in text
    assert "From the 1940s to the 2020s the median General Debate statement went from" in text
    assert "(The shipped General Debate norms count single words" in text
    assert (tmp / "figures" / "05-decades-flesch-reading-ease.png").is_file()


def test_report_05_with_reference_sotu(tmp_path):
    nb = report.execute_notebook(NB05, parameters={"reference": "sotu", "figures_dir": str(tmp_path)})
    text = _markdown(nb)
    assert "The reference is every US presidential **State of the Union** address" in text
    assert "Our median Flesch Reading Ease goes from" in text  # the published finding, repeated
    assert "over the modern addresses (1982 to today)" in text
    assert "Among two-word phrases" in text
    assert _figures(nb) == ["05-keyness", "05-trend-flesch-kincaid-grade", "05-trend-flesch-reading-ease",
                            "05-trend-mean-sentence-length", "05-trend-modals", "05-trend-we"]
    assert not _errors(nb)


def test_report_05_with_reference_data_on_three_speeches(tmp_path, monkeypatch):
    """Requirement 5: reference="data" used to fail with KeyError: 'delivery'."""
    root = _project(tmp_path / "project", list(SPEECHES))
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    nb = report.execute_notebook(NB05, cwd=root, parameters={
        "speech_id": "town-2019", "reference": "data", "figures_dir": str(tmp_path / "figures")})
    text = _markdown(nb)
    assert "The reference is the folder `data`: **2 speeches**" in text
    assert "The speech itself is in this folder and is left out" in text
    assert "over all speeches (percentile" in text
    assert "need at least 3" in text  # two others: no likeness measured
    assert "**No chart over time**" in text
    assert "No published finding covers this reference" in text
    assert not _errors(nb)
    assert not any(f.startswith("05-trend") for f in _figures(nb))


def test_notebook_07_on_two_speeches(tmp_path, monkeypatch):
    root = _project(tmp_path / "project", ["town-2019", "port-2021"])
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    nb = report.execute_notebook(NB07, cwd=root, parameters={"figures_dir": str(tmp_path / "figures")})
    text = _markdown(nb)
    assert ("the speeches in `data`: **2 speeches**" in text
            and "into 2 groups: Harbour Chair (1 speech), Mayor Example (1 speech)." in text)
    assert "**No difference between groups can be judged**" in text
    assert "07-readability" in _figures(nb) and "07-pronouns" in _figures(nb)
    assert not _errors(nb)


def test_notebook_07_on_the_demonstration_set():
    tmp, results = default_build()  # data/ holds the seed speech only: the demonstration set
    r = {r.notebook: r for r in results}["07-speeches-side-by-side"]
    text = re.sub(r"<[^>]+>", "", r.html.read_text(encoding="utf-8"))
    assert "the demonstration set: the State of the Union addresses of the last four presidents" in text
    assert "Bush (7 speeches), Obama (7 speeches), Trump (4 speeches), Biden (3 speeches)" in text
    assert re.search(r"Of the 198 differences judged \(33 measures x 6 pairs of groups\), \d+ exceed", text)
    assert "Bush uses more than Obama:" in text
    assert sorted(r.figures) == ["07-keyness", "07-modality", "07-pronouns", "07-readability", "07-sentences",
                                 "07-themes", "07-vocabulary"]
