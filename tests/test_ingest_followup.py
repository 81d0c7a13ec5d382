"""Issue 9 items 7 and 8, issue 10 requirement 2 and its held-out pages: what the follow-up added.

- the held-out pages (``tests/data/pages_heldout``, annotated before the code was run on them):
  every page segments to the annotated sentences, furniture and salutations;
- title, date and place of a page's header prefill the metadata it lacks, and say so;
- a text that is not English, or has no sentence punctuation, says so at the top of every report;
- tables of matches stay small however long the sentence (display only: the data are unchanged).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import config, prose
from analysis.corpus import HEADER_FIELDS, prefill_metadata, text_header

HELDOUT = Path(__file__).parent / "data" / "pages_heldout"
SEED = config.DATA_DIR / "un-sg-2018-06-29.txt"
# The seed page's header as shipped (typed here, as in test_segment_genre: tests never read ../shared).
SEED_HEADER = (
    "New York\n\n29 June 2018\n\n"
    "Secretary-General's closing remarks at High-Level Conference on Counter-Terrorism [as delivered]\n\n"
)
SEED_TITLE = "Secretary-General's closing remarks at High-Level Conference on Counter-Terrorism"

# Our own words: a statement in Russian and one in Arabic (issue 9 item 7).
RUSSIAN = (
    "Уважаемый господин Председатель!\n\n"
    "Наша делегация благодарит Генерального секретаря за доклад. Мы считаем, что борьба с терроризмом "
    "требует общих усилий всех государств. Ни одна страна не может справиться с этой угрозой в одиночку. "
    "Мы готовы работать вместе с партнерами над новой стратегией, которая будет опираться на уважение "
    "прав человека и на верховенство права. Благодарю за внимание.\n"
)
ARABIC = (
    "السيد الرئيس،\n\n"
    "نشكر الأمين العام على تقريره المهم. إن مكافحة الإرهاب مسؤولية مشتركة بين جميع الدول. "
    "ولا يمكن لأي بلد أن يواجه هذا الخطر وحده. ونحن مستعدون للعمل مع شركائنا من أجل استراتيجية جديدة "
    "تحترم حقوق الإنسان وسيادة القانون. وشكرا.\n"
)


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _seed() -> str:
    return analysis.read_text(SEED)


def _stripped_seed() -> str:
    return re.sub(r"[.!?;:,\u2026]", "", _seed())


# ---------------------------------------------------------------------------
# The held-out pages
# ---------------------------------------------------------------------------

HELDOUT_PAGES = sorted(HELDOUT.glob("*.json"))


def test_heldout_set_is_there():
    anns = [json.loads(p.read_text(encoding="utf-8")) for p in HELDOUT_PAGES]
    assert len(anns) >= 8
    assert sum(len(a["sentences"]) for a in anns) >= 70 and sum(len(a["furniture"]) for a in anns) >= 40
    assert sum(1 for a in anns if a["turns"]) >= 3 and sum(len(a["salutations"]) for a in anns) >= 10


@pytest.mark.parametrize("sidecar", HELDOUT_PAGES, ids=lambda p: p.name[:-5])
def test_heldout_page_segments_as_annotated(sidecar):
    ann = json.loads(sidecar.read_text(encoding="utf-8"))
    text, _ = analysis.read_document(HELDOUT / ann["file"])
    doc = _quiet(analysis.segment, text, speaker=ann["metadata"].get("speaker"))
    flat = [" ".join(s.text.split()) for s in doc.sentences]
    assert flat == ann["sentences"]
    assert [" ".join(s.split()) for s in doc.salutations] == ann["salutations"]
    counted = " ".join(flat)
    for unit in ann["furniture"]:
        assert unit not in counted, unit
    kept = sorted({t["speaker"] for t in ann["turns"] if t["kept"]})
    if ann["turns"]:
        t = analysis.turns(doc)
        labels = [u["text"] for u in ann["units"] if u["kind"] == "label"]
        assert [s + ":" for s in t["speaker"].dropna()] == labels
        assert t["kept"].tolist() == [x["kept"] for x in ann["turns"]], kept


# ---------------------------------------------------------------------------
# Issue 10, requirement 2: the header prefills the metadata
# ---------------------------------------------------------------------------


def _folder(tmp_path, files: dict[str, str], metadata: str | None = None) -> Path:
    folder = tmp_path / "speeches"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


def test_seed_page_as_shipped_prefills_title_date_place(tmp_path):
    # the shipped seed file (its header, then the body of data/): a folder without metadata
    folder = _folder(tmp_path, {"seed-page.txt": SEED_HEADER + _seed(), "body.txt": _seed()})
    df = _quiet(analysis.load_corpus, folder).set_index("id")
    assert (df.loc["seed-page", "title"], df.loc["seed-page", "date"], df.loc["seed-page", "place"]) == (
        SEED_TITLE, "2018-06-29", "New York")
    assert df.loc["seed-page", "year"] == 2018 and df.loc["seed-page", "from_header"] == "title, date, place"
    assert pd.isna(df.loc["body", "title"]) and pd.isna(df.loc["body", "year"]) and df.loc["body", "from_header"] == ""
    notes = _quiet(analysis.load_corpus, folder).read_notes
    assert notes[["id", "kind", "text", "where"]].values.tolist() == [
        ["seed-page", "metadata from header", f"title: {SEED_TITLE}", "page header"],
        ["seed-page", "metadata from header", "date: 2018-06-29", "page header"],
        ["seed-page", "metadata from header", "place: New York", "page header"],
    ]
    # the page still gives the seed's 56 sentences
    assert analysis.segment(df.loc["seed-page", "text"]).sentences == analysis.segment(_seed()).sentences


def test_given_metadata_is_never_overridden(tmp_path):
    folder = _folder(tmp_path, {"a.txt": SEED_HEADER + _seed()},
                     "id,file,title,date,place\na,a.txt,My own title,,\n")
    speech = _quiet(analysis.load_speech, "a", corpus=folder)
    m = speech.metadata
    assert (m["title"], m["date"], m["place"], m["from_header"], m["year"]) == (
        "My own title", "2018-06-29", "New York", "date, place", 2018)
    # the report's header says where the date and place come from
    assert prose.speech_header(m).endswith("*(date and place read from the page header of the text, not from "
                                           "the metadata)*")


def test_data_folder_is_unchanged():
    df = _quiet(analysis.load_corpus, "data")
    assert "from_header" not in df.columns
    assert not (df.read_notes["kind"] == "metadata from header").any()
    meta = analysis.load_speech().metadata
    assert meta["title"] == SEED_TITLE and meta["date"] == "2018-06-29" and meta["place"] == "New York"
    assert "read from the page header" not in prose.speech_header(meta)


def test_prefill_on_our_own_pages():
    # every development and held-out page: the date the header gives is the annotated one, and a
    # place it gives is the annotated place (never a title, an organ or a salutation)
    pages = sorted((Path(__file__).parent / "data" / "pages").glob("*.json")) + HELDOUT_PAGES
    dated = placed = 0
    for sidecar in pages:
        ann = json.loads(sidecar.read_text(encoding="utf-8"))
        text, _ = analysis.read_document(sidecar.with_name(ann["file"]))
        df = pd.DataFrame({"id": ["x"], "text": [text]})
        prefill_metadata(df)
        got = {f: (df[f].iloc[0] if f in df.columns else None) for f in HEADER_FIELDS}
        want = ann["metadata"]
        if got["date"] is not None:
            assert got["date"] == want.get("date"), sidecar.name
            dated += 1
        if got["place"] is not None:
            assert want.get("place") and want["place"].casefold() in got["place"].casefold(), (sidecar.name, got)
            placed += 1
        # only the first paragraphs are read: the same fields as the whole text's segmentation
        assert text_header(text) == _quiet(analysis.header_fields, analysis.segment(text)), sidecar.name
    assert dated >= 25 and placed >= 12


def test_header_places_that_are_no_places():
    assert analysis.header_fields("UNITED NATIONS\n\nNew York, 3 May 2025\n\nWe must act now. It is late.\n")[
        "place"] == "New York"
    doc = _quiet(analysis.segment, "OPENING REMARKS\n\n23 SEPTEMBER 2025\n\nWe must act now. It is late. We can.\n")
    assert analysis.header_fields(doc)["date"] == "2025-09-23"
    assert analysis.header_fields(doc)["place"] is None  # a page title in capitals is furniture, not a place
    assert analysis.header_fields("Brussels, 11 February 2025 -- as delivered\n\nWe must act now. It is late.\n") == {
        "title": None, "date": "2025-02-11", "place": "Brussels"}


# ---------------------------------------------------------------------------
# Issue 9, item 7: "not English" / "no sentence punctuation" at the top of every report
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "script"), [(RUSSIAN, "Cyrillic"), (ARABIC, "Arabic")])
def test_not_english_banner(text, script):
    doc = _quiet(analysis.segment, text)
    found = prose.reliability_warnings(doc)
    assert len(found) == 1 and found[0].startswith(f"This text is not English: its letters are in the {script} script.")
    banner = prose.reliability_banner(doc)
    assert banner.startswith("> **Warning: Not English.** This text is not English")
    header = prose.speech_header({"id": "x", "title": "A statement"}, doc=doc)
    assert header.startswith(banner) and header.endswith("**A statement**")


def test_unpunctuated_banner_on_the_stripped_seed():
    doc = analysis.segment(_stripped_seed())
    assert (doc.n_sentences, doc.n_words) == (1, 914)
    found = prose.reliability_warnings(doc)
    assert found == ["This text has no sentence punctuation: its 914 words fall into 1 sentence (the longest has 914 "
                     "words; no State of the Union address has a sentence of more than 380 words). Sentence lengths, "
                     "readability scores and everything counted per sentence mean nothing here."]
    assert prose.reliability_banner(doc).startswith("> **Warning: No sentence punctuation.**")


def test_the_seed_has_no_banner():
    doc = analysis.segment(_seed())
    assert prose.reliability_warnings(doc) == [] and prose.reliability_banner(doc) == ""
    meta = analysis.load_speech().metadata
    assert prose.speech_header(meta, doc=doc) == prose.speech_header(meta)
    ctx = analysis.load_context()
    assert ctx.header == prose.speech_header(meta) and ctx.header.startswith("**")


def test_french_in_latin_script_is_not_english():
    text = ("Monsieur le Président, la France salue le rapport du Secrétaire général. Nous devons agir ensemble "
            "contre le terrorisme, dans le respect du droit international et des droits de l'homme. ") * 3
    found = prose.reliability_warnings(_quiet(analysis.segment, text))
    assert len(found) == 1 and "of its words are common English words" in found[0]


def test_summary_page_shows_the_warning_first():
    from analysis import site

    facts = {"title": "T", "header": ["T", "A Speaker"], "findings": [("01", "x")],
             "warnings": ["This text is not English: its letters are in the Cyrillic script. <b>"]}
    page = site._summary_page(Path("."), [], facts, glossary_href="g.html", others=[], up=None)
    body = page[page.index("<h1>"):]
    assert body.index('class="warning"') < body.index("A Speaker")
    assert "Cyrillic script. &lt;b&gt;" in body


def test_reports_of_a_russian_speech_open_with_the_warning(tmp_path):
    # notebooks 01 (ctx.header) and 06 (its own header): the first thing after the title
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (root / "data" / "metadata.csv").write_text(
        "id,file,speaker,role,title,date,place,as_delivered,source_note\n"
        "ru,ru.txt,A Delegate,Delegate,A statement in Russian,2025-01-01,Geneva,True,Test\n", encoding="utf-8")
    shutil.copytree(config.NOTEBOOKS_DIR, root / "notebooks")
    env = {**os.environ, "ANALYSIS_ROOT": str(root), "PYTHONPATH": str(config.ROOT)}
    run = subprocess.run([sys.executable, "-m", "analysis.report", "--speech=ru", "--only", "01", "--only", "06"],
                         cwd=root, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in ("01-overview.html", "06-figures-of-speech.html"):
        page = (root / "reports" / "ru" / name).read_text(encoding="utf-8")
        warning = page.index("Warning: Not English.")
        assert warning < page.index("A statement in Russian</strong>")
        assert "its letters are in the Cyrillic script" in page


# ---------------------------------------------------------------------------
# Issue 9, item 8: one 100,000-word sentence in the tables of report 03
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_doc():
    words = analysis.words(_seed())
    return analysis.segment(" ".join(words[i % len(words)] for i in range(100_000)) + ".")


def test_match_sentences_show_a_window_of_a_long_sentence(long_doc):
    phrases = analysis.modal_phrases(long_doc)
    rows = phrases[phrases["force"] == "obligation"]
    assert len(rows) > 300
    shown = prose.match_sentences(long_doc, rows)
    assert len(shown) == len(rows)
    assert max(len(t.split()) for t in shown) <= 2 * prose.CONTEXT_WORDS + 12
    assert max(len(t) for t in shown) < 400
    first = rows.iloc[0]
    words = long_doc.sentences[0].words
    at = int(first["word_in_sentence"])
    assert f"[{' '.join(words[at:at + int(first['end'] - first['start'])])}]" in shown[0]
    assert shown[0].startswith("… " + " ".join(words[at - prose.CONTEXT_WORDS:at]))
    assert shown[0].endswith(f" of {long_doc.sentences[0].n_words:,})")
    assert "words " in shown[0] or "word " in shown[0]
    assert long_doc.sentences[0].n_words == 100_000  # the data are not changed


def test_match_sentences_keep_ordinary_sentences_whole():
    doc = analysis.segment(_seed())
    rows = analysis.modal_phrases(doc)
    assert prose.match_sentences(doc, rows) == [doc.sentences[i].text for i in rows["sentence"]]


def test_obligation_rows_table_of_report_03_stays_small(long_doc):
    # the cell of notebook 03 that lists every obligation: 300 rows at most, no cell near a sentence's length
    phrases = analysis.modal_phrases(long_doc)
    rows = phrases[phrases["force"] == "obligation"]
    styler = prose.show_table(prose.for_readers(rows.assign(text=prose.match_sentences(long_doc, rows)))[
        ["sentence", "subject", "modal", "negated", "match", "text"]])
    html = styler.to_html()
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)
    assert len(cells) == 300 * 6
    assert max(len(c) for c in cells) < 400
    assert len(html) < 200_000  # was 277 kB with the start of the sentence in every row (HTML escaped)


def test_listing_caps_the_names():
    counts = pd.Series({f"subject {i}": 40 - i for i in range(40)})
    out = prose.listing(counts)
    assert out.startswith("subject 0 (40), subject 1 (39)")
    assert out.endswith(" and 28 other subjects (406 uses)")
    assert out.count("(") == 13
    assert prose.listing(pd.Series(dtype="int64")) == "none"
    assert prose.listing(counts.head(2)) == "subject 0 (40), subject 1 (39)"


def test_notebook_03_uses_the_display_helpers():
    nb = json.loads((config.NOTEBOOKS_DIR / "03-modality-and-agency.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "prose.match_sentences(doc, rows)" in code and "prose.listing(who[\"others\"])" in code
    assert "analysis.truncate(doc.sentences" not in code


def test_figures_of_speech_of_a_100000_word_sentence(long_doc, monkeypatch):
    # report 06: the chiasmus search works in windows of CHIASMUS_WINDOW words and the list rules
    # count the sentence's words once (was: every position of every repeated word for each pair,
    # and a count of the whole sentence per opening: 20 s, now about 3 s; timings in the benchmark)
    from analysis import rhetorical_figures as rf

    spans = []
    real = rf._chiasmus_score
    monkeypatch.setattr(rf, "_chiasmus_score", lambda w, l, g, a1, b1, b2, a2, rep: spans.append(a2 - a1)
                        or real(w, l, g, a1, b1, b2, a2, rep))
    table = rf.figures_of_speech(long_doc)
    assert len(table) > 0 and set(table["sentence"]) == {0}
    assert spans and max(spans) <= rf.CHIASMUS_WINDOW
    chiasmus = table[table["figure"] == "chiasmus"] if "figure" in table.columns else table.iloc[:0]
    assert ((chiasmus["end"] - chiasmus["start"]) <= rf.CHIASMUS_WINDOW + 1).all()
