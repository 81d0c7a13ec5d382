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
from typing import Any, Literal, Sequence

import pandas as pd

from analysis import config
from analysis.display import DISPLAY_CHARS, DISPLAY_ROWS, truncate
from analysis.measures import REGISTRY
from analysis.measures import label as _registry_label
from analysis.rhetorical_figures import COUNTED
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
    "removed_summary",
    "reliability_warnings",
    "reliability_banner",
    "match_sentences",
    "listing",
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
    reference: str | None = None,
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
        The reference corpus of comparisons ("ungdc", "sotu", "data" or a
        folder); ``None``: chosen by the speech's ``genre`` metadata
        (:func:`analysis.reference.choose_reference`: ``un`` gives "ungdc";
        no genre gives ``config.DEFAULT_REFERENCE``).
    figures_dir, keyword-only
        Where figures go (``None``: ``figures/`` for the default speech,
        ``figures/<id>/`` for another).
    """
    from analysis.corpus import load_speech
    from analysis.reference import choose_reference
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
        reference=choose_reference(speech.metadata, reference),
        figures_dir=_figures_dir(speech_id, directory=figures_dir),
        source=source_note(speech.metadata),
        header=speech_header(speech.metadata, doc=doc),
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

    Known measures (:data:`analysis.measures.REGISTRY`) get their label; a
    theme rate ``theme_<name>_per_1000`` reads "Theme: <name>"; any other key
    is shown with spaces for underscores.
    """
    theme = _THEME_KEY.fullmatch(str(key))
    if theme and str(key) not in REGISTRY:
        return f"Theme: {theme.group(1).replace('_', ' ')}"
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


def speech_header(metadata: pd.Series | dict, *, doc: Document | None = None) -> str:
    """Markdown lines naming the speech (title, speaker, role, place, date), every field escaped.

    With ``doc`` (the speech's segmentation), the report's warnings come first
    (:func:`reliability_banner`): a text that is not English, or has no sentence
    punctuation, says so at the top of every report, before anything is counted.
    """
    m = _meta(metadata, "speech_header")
    title = md_quote(m.get("title") or m.get("id", "Untitled speech"))
    who = ", ".join(md_quote(m[k]) for k in ("speaker", "role") if m.get(k))
    where = ", ".join(md_quote(m[k]) for k in ("place", "date") if m.get(k))
    delivered = {"true": " (as delivered)", "false": " (as prepared for delivery)"}.get(
        m.get("as_delivered", "").lower(), "")
    lines = [f"**{title}**"]
    if who or where:
        lines.append(" - ".join(x for x in (who, where) if x) + delivered)
    inferred = [f for f in m.get("from_header", "").split(", ") if f]
    if inferred:  # issue 10: fields the metadata lacked, read from the page furniture above the text
        names = " and ".join([", ".join(inferred[:-1]), inferred[-1]] if len(inferred) > 1 else inferred)
        lines.append(f"*({md_quote(names)} read from the page header of the text, not from the metadata)*")
    banner = reliability_banner(doc) if doc is not None else ""
    return (banner + "\n\n" if banner else "") + "  \n".join(lines)


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


def obligation_summary(doc: Document, *, method: Literal["parse", "rules"] = "parse") -> dict[str, Any]:
    """Who carries the obligations: counts behind report 03's first paragraph on obligation.

    ``method``: how subjects are found, as in :func:`analysis.obligation_table`
    (default: the dependency parser, issue 11).

    Returns ``n`` (obligation modals), ``lead`` and ``lead_total`` (the most
    frequent subject and its count; None and 0 without obligations), ``others``
    (Series subject -> count of the other subjects), ``we_must`` and
    ``we_need`` (uses with a first-person plural subject, any force), all
    counted from :func:`analysis.modal_phrases` and
    :func:`analysis.obligation_table`.
    """
    from analysis.modality import modal_phrases, obligation_table

    table = obligation_table(doc, method=method)
    phrases = modal_phrases(doc, method=method)
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


# ---------------------------------------------------------------------------
# issue 12: report 05's reference corpus (UN General Debate, SOTU, a folder)
# ---------------------------------------------------------------------------

#: The measures report 05 places the speech on (table and sentences).
PLACED = ("words", "mean_sentence_length", "flesch_reading_ease", "flesch_kincaid_grade",
          "modals_per_1000", "we_per_1000", "i_per_1000", "you_per_1000")
#: Those of :data:`PLACED` that get a sentence each.
PLACED_SENTENCES = ("mean_sentence_length", "flesch_reading_ease", "flesch_kincaid_grade", "we_per_1000",
                    "modals_per_1000")
#: The figures of speech report 06 places the speech on (issue 15): every counted kind, per 1,000 words
#: (the keys of :func:`analysis.rhetorical_figures.figure_measures`).
FIGURES_PLACED = tuple(f"{k}_per_1000" for k in COUNTED)
UNGDC_SOURCE = ("Source: UN General Debate Corpus 1946-2024 (Jankin, Baturo & Dasandi; CC0), "
                "norms computed by this project")
SOTU_SOURCE = "Source: sotu package (American Presidency Project, UCSB)"


@dataclass
class Reference:
    """Report 05's reference: what :func:`load_reference` loaded for the speech of a :class:`Context`.

    ``kind`` is ``"ungdc"`` (the shipped norms: one row per statement, no
    text), ``"sotu"`` or ``"folder"`` (``"data"`` or a path: its speeches
    other than the speech itself).  ``table`` has one row per reference
    document (its measures); ``corpus`` the texts (``None`` for the norms);
    ``session`` the General Debate of the speech's year (``None`` when the
    speech has no year in 1946-2024 or for other kinds).
    """

    kind: str
    name: str
    table: pd.DataFrame
    corpus: pd.DataFrame | None
    profile: pd.Series
    year: int | None
    session: int | None
    noun: tuple[str, str]
    source: str
    left_out: int = 0

    def plural(self, n: float) -> str:
        """``plural(n, ...)`` with this reference's noun: "3 statements", "1 address"."""
        return plural(n, *self.noun)

    @property
    def session_table(self) -> pd.DataFrame:
        """The statements of the speech's session (the whole table without a session)."""
        if self.session is None:
            return self.table
        return self.table[self.table["session"] == self.session]


def speech_year(metadata: pd.Series | dict) -> int | None:
    """The speech's year from its metadata: ``year``, else the first 4 digits of ``date``; None if neither."""
    m = _meta(metadata, "speech_year")
    for key in ("year", "date"):
        hit = re.match(r"\s*(\d{4})", m.get(key, ""))
        if hit:
            return int(hit.group(1))
    return None


def load_reference(ctx: Context) -> Reference:
    """The reference corpus of report 05 for the context's speech, measured as the speech is.

    ``ctx.reference`` (resolved by :func:`load_context` with
    :func:`analysis.reference.choose_reference`) says which:

    - ``"ungdc"``: :func:`analysis.norms.load_norms` (statements that could
      not be measured are left out); the session is ``year - 1945`` when the
      speech's year has a General Debate in the norms;
    - ``"sotu"``: ``analyze(load_corpus("sotu"), figures=True)``;
    - ``"data"`` or a folder: its speeches measured with the speech's theme
      dictionary, **without the speech itself** (any document with the same
      text), so the speech is never compared with itself.

    Raises
    ------
    analysis.corpus.CorpusError
        When a folder holds no speech other than the speech itself.
    """
    from analysis.corpus import CorpusError, analyze, load_corpus
    from analysis.profile import profile

    prof = profile(ctx.doc, themes=ctx.themes)
    year = speech_year(ctx.metadata)
    if ctx.reference == "ungdc":
        from analysis.norms import load_norms

        table = load_norms()
        if "error" in table.columns:
            table = table[table["error"].isna()].reset_index(drop=True)
        session = year - 1945 if year is not None and (table["session"] == year - 1945).any() else None
        return Reference("ungdc", "ungdc", table, None, prof, year, session, ("statement", "statements"),
                         UNGDC_SOURCE)
    corpus = load_corpus(ctx.reference)
    if ctx.reference == "sotu":
        table = analyze(corpus, progress=False, themes=ctx.themes, figures=True)
        return Reference("sotu", "sotu", table, corpus, prof, year, None, ("address", "addresses"), SOTU_SOURCE)
    same = corpus["text"] == ctx.text
    rest = corpus[~same]
    if not len(rest):
        raise CorpusError(
            f"reference {ctx.reference!r} holds no speech other than the speech itself "
            f"({len(corpus)} speech(es)); add speeches to it, or choose reference='ungdc' or 'sotu'")
    rest = rest.reset_index(drop=True)
    table = analyze(rest, progress=False, themes=ctx.themes, figures=True)
    return Reference("folder", str(ctx.reference), table, rest, prof, year, None, ("speech", "speeches"),
                     f"Source: the speeches in {ctx.reference}", left_out=int(same.sum()))


def reference_description(ref: Reference, doc: Document) -> str:
    """The paragraph that introduces the reference corpus: what it is, how big, what was left out."""
    t = ref.table
    words = pd.to_numeric(t["words"], errors="coerce")
    size = (f"{int(words.sum()):,} words in all (the median {ref.noun[0]} has {words.median():,.0f} words; "
            f"this speech has {doc.n_words:,})")
    if ref.kind == "ungdc":
        same = ref.session_table
        where = (f"The speech is from {ref.year}, the year of the **{_ordinal(ref.session)} session**: it is "
                 f"compared with the {ref.plural(len(same))} of that session's General Debate, and with all "
                 f"of 1946-2024." if ref.session is not None else
                 "The speech has no year with a General Debate in 1946-2024 "
                 f"({'no date' if ref.year is None else ref.year}), so it is compared with all sessions only.")
        return (f"The reference is the **UN General Debate, 1946-2024**: every year the member states state "
                f"their views to the General Assembly. It holds **{ref.plural(len(t))}** in "
                f"{t['session'].nunique()} sessions, {size}. The project ships measures computed from the "
                f"statements with the same segmentation and the same measures as the speech, not their text. "
                + where)
    if ref.kind == "sotu":
        from analysis.corpus import removed_noise

        noise = removed_noise(ref.corpus)
        n_spoken = int((t["delivery"] == "spoken").sum())
        n_written = int((t["delivery"] == "written").sum())
        return (f"The reference is every US presidential **State of the Union** address (the `sotu` package: "
                f"the American Presidency Project, UC Santa Barbara). Until 1913 most were **written** messages "
                f"sent to Congress; since 1982 all have been **spoken**. It holds **{ref.plural(len(t))}** from "
                f"{t['year'].min()} to {t['year'].max()}: {n_spoken} spoken and {n_written} written, {size}. "
                f"Before counting, {plural(len(noise), 'piece')} of transcript noise were removed "
                f"({noise_summary(noise)}). Addresses that could not be measured: "
                f"{len(getattr(t, 'errors', []))}; files left out when loading: {len(ref.corpus.skipped)}.")
    skipped = len(getattr(ref.corpus, "skipped", []))
    return (f"The reference is the folder `{md_quote(ref.name)}`: **{ref.plural(len(t))}**, {size}. "
            + (f"The speech itself is in this folder and is left out ({plural(ref.left_out, 'document')}), so "
               f"it is compared with the others only. " if ref.left_out else "")
            + f"Files left out when loading: {skipped}.")


def _ordinal(n: int | None) -> str:
    if n is None:
        return ""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def standing(ref: Reference, measures: Sequence[str] = PLACED) -> pd.DataFrame:
    """The speech's median and percentile against each comparison group of the reference, in long form.

    Groups: for the UN General Debate, ``session NN`` (the speech's session)
    and ``1946-2024`` (:func:`analysis.reference.percentiles`); for the SOTU,
    ``all``, ``1982-present`` and ``spoken``; for a folder, ``all``
    (:func:`analysis.placement`).  Columns ``measure``, ``group``, ``n``,
    ``value``, ``median``, ``percentile``, in measure order then group order.
    """
    from analysis.compare import placement
    from analysis.reference import percentiles

    ms = [m for m in measures if m in ref.table.columns and m in ref.profile.index]
    if ref.kind == "ungdc":
        p = percentiles(ref.profile, ref.table, session=ref.session, measures=ms)
        rows = []
        for r in p.itertuples():
            if ref.session is not None:
                rows.append((r.measure, f"session {ref.session}", r.session_n, r.value, r.session_median,
                             r.session_percentile))
            rows.append((r.measure, "1946-2024", r.all_n, r.value, r.all_median, r.all_percentile))
        return pd.DataFrame(rows, columns=["measure", "group", "n", "value", "median", "percentile"])
    place = placement(ref.profile, ref.table, measures=ms)
    groups = ["all", "1982-present", "spoken"] if ref.kind == "sotu" else ["all"]
    out = place[place["group"].isin(groups)].copy()
    out["order"] = out["group"].map({g: i for i, g in enumerate(groups)})
    out["m_order"] = out["measure"].map({m: i for i, m in enumerate(ms)})
    out = out.sort_values(["m_order", "order"], kind="stable")
    return out[["measure", "group", "n", "value", "median", "percentile"]].reset_index(drop=True)


def standing_table(place: pd.DataFrame) -> pd.DataFrame:
    """:func:`standing` in wide form for reading: one row per measure, a median and a percentile per group."""
    groups = list(dict.fromkeys(place["group"]))
    wide = pd.DataFrame({"measure": [measure_label(m) for m in dict.fromkeys(place["measure"])],
                         "this speech": place.drop_duplicates("measure")["value"].to_numpy()})
    for g in groups:
        sub = place[place["group"] == g]
        wide[f"median: {g}"] = sub["median"].to_numpy()
        wide[f"percentile: {g}"] = sub["percentile"].to_numpy()
    return wide


_GROUP_WORDS = {"all": "over all {noun}", "1982-present": "over the modern {noun} (1982 to today)",
                "spoken": "over the spoken {noun}", "1946-2024": "over all {noun} of 1946-2024"}


def standing_sentences(place: pd.DataFrame, ref: Reference, measures: Sequence[str] = PLACED_SENTENCES) -> str:
    """One Markdown bullet per measure: the speech's value, and its median and percentile in each group."""
    def group_words(g: str) -> str:
        if g.startswith("session "):
            return f"among the {ref.noun[1]} of the {_ordinal(int(g.split()[1]))} session"
        return _GROUP_WORDS.get(g, "in {g}").format(noun=ref.noun[1], g=g)

    lines = []
    for m in measures:
        sub = place[place["measure"] == m]
        if sub.empty:
            continue
        parts = [f"median {r.median:.1f} {group_words(r.group)} (percentile {r.percentile:.0f})"
                 for r in sub.itertuples()]
        unit = REGISTRY[m].unit if m in REGISTRY else ""
        lines.append(f"- **{measure_label(m)}**{f' ({unit})' if unit else ''}: {sub['value'].iloc[0]:.1f} in "
                     f"the speech; " + " and ".join(parts) + ".")
    return "\n".join(lines)


def figure_standing_text(place: pd.DataFrame, ref: Reference) -> str:
    """Report 06's paragraph on the speech's figures of speech against the reference (:func:`standing`
    of :data:`FIGURES_PLACED`): one bullet per kind, or why there is no comparison."""
    what = {"ungdc": "UN General Debate statements", "sotu": "State of the Union addresses"}.get(ref.kind, ref.noun[1])
    if place.empty:
        return (f"The reference ({what}) carries no rates of figures of speech: it was measured before the "
                "profile counted them. Rebuild it (`make norms` for the UN General Debate; a folder is measured "
                "again when its cache key changes) to compare them.")
    return (f"How often does this speech use each figure, against the {what} of the reference? The same "
            "detector was run on every one of them. The **percentile** is the share of the reference that uses "
            "the figure less often (50 = the middle; many speeches have none of the rarer kinds, so a rate of "
            "0 can sit at a middling percentile).\n\n" + standing_sentences(place, ref, measures=FIGURES_PLACED))


def likeness(ref: Reference, *, k: int = 5) -> dict[str, Any]:
    """The reference documents most like the speech, and the measures on which it is unusual.

    Compared within the speech's session for the UN General Debate (all
    statements without one), within the whole reference otherwise, with
    :func:`analysis.reference.nearest` (standardised style measures, themes
    left out) and :func:`analysis.reference.unusual` (themes left out too).  With fewer than 3
    reference documents neither is computed (no spread to standardise by).

    Returns a dict: ``nearest`` and ``unusual`` (tables, or ``None``),
    ``among`` (words for the comparison group) and ``text`` (Markdown).
    """
    from analysis.reference import default_measures, nearest, unusual

    pool = ref.session_table
    among = (f"the {ref.plural(len(pool))} of the {_ordinal(ref.session)} session ({ref.year})"
             if ref.kind == "ungdc" and ref.session is not None else f"the {ref.plural(len(pool))} of the reference")
    if len(pool) < 3:
        return {"nearest": None, "unusual": None, "among": among,
                "text": f"With {ref.plural(len(pool))} in the reference there is no spread to measure likeness "
                        f"by: nearest {ref.noun[1]} and unusual measures need at least 3."}
    near = nearest(ref.profile, pool, k=min(k, len(pool)))
    odd = unusual(ref.profile, pool, measures=default_measures(pool, ref.profile, themes=False))
    used = near.attrs["measures"]
    who = []
    for r in near.itertuples():
        name = getattr(r, "country", None) or r.id
        speaker = getattr(r, "speaker", None)
        who.append(md_quote(name) + (f" ({md_quote(speaker)})" if isinstance(speaker, str) and speaker else ""))
    text = (f"On {plural(len(used), 'measure')} of style ({', '.join(measure_label(m) for m in used)}), each "
            f"standardised over {among}, the {ref.noun[1] if len(who) > 1 else ref.noun[0]} most like the speech "
            f"{'are' if len(who) > 1 else 'is'} those of " if ref.kind == "ungdc" else
            f"On {plural(len(used), 'measure')} of style ({', '.join(measure_label(m) for m in used)}), each "
            f"standardised over {among}, the closest {'are' if len(who) > 1 else 'is'} ")
    text += ", ".join(who) + ". "
    if len(odd):
        shown = odd.head(6)
        text += ("Against " + among + ", the speech is unusual on " + plural(len(odd), "measure") + ": "
                 + "; ".join(f"**{r.label}** ({'high' if r.side == 'high' else 'low'}: {r.value:.1f} against a "
                             f"median of {r.median:.1f}, percentile {r.percentile:.0f})" for r in shown.itertuples())
                 + (f"; and {len(odd) - len(shown)} more in the table." if len(odd) > len(shown) else "."))
    else:
        text += f"On no measure is the speech unusual against {among} (|z| below 2, between the 5th and 95th percentile)."
    return {"nearest": near, "unusual": odd, "among": among, "text": text}


UN_TREND_HOW_TO_READ = (
    "**How to read these charts.** Each year's General Debate is one point on the line: the median statement "
    "of that year (half the member states above, half below); the band holds the middle half of the statements "
    "(25th to 75th percentile). The dashed line is the speech, and the diamond marks it at its own year.")


def trend_charts(ref: Reference, *, source: str) -> list[dict[str, Any]]:
    """The charts of report 05's section "Over time": one per measure of :data:`TRENDS`.

    Each item: ``fig``, ``name`` (``05-trend-...``), ``data``, ``alt`` and
    ``how_to_read``.  UN General Debate: median and middle half by year
    (:func:`analysis.plots_reference.plot_median_trends`), the speech at its
    year.  SOTU: every address, spoken and written, with the eras.  A folder:
    every speech by year, when the speeches span at least two years and there
    are 3 or more; otherwise no chart (an empty list).
    """
    from analysis.compare import trend_data
    from analysis.measures import ERA_LABELS
    from analysis.plots import plot_trend
    from analysis.plots_reference import plot_median_trends
    from analysis.reference import trends

    out = []
    t, prof = ref.table, ref.profile
    if ref.kind == "folder":
        years = pd.to_numeric(t["year"], errors="coerce") if "year" in t.columns else pd.Series(dtype=float)
        if years.nunique() < 2 or len(t) < 3:
            return []
    for spec in TRENDS:
        m = spec["measure"]
        if m not in t.columns:
            continue
        if ref.kind == "ungdc":
            data = trends(t, m)
            first, last = str(data["year"].iloc[0]), str(data["year"].iloc[-1])
            early, late = data["median"].iloc[0], data["median"].iloc[-1]
            title = spec["title"].format(first=first, last=last, early=early, late=late)
            title = title.replace("Median ", "General Debate, median ", 1) if title.startswith("Median ") else \
                "General Debate: " + title
            fig = plot_median_trends(data, speech=prof[m], speech_at=ref.year, title=title, source=source)
            out.append({"fig": fig, "name": spec["name"], "data": data, "how_to_read": "",
                        "alt": spec["alt"].replace("every address", "the UN General Debate's statements")})
            continue
        data = trend_data(t, m)
        if ref.kind == "sotu":
            first, last = ERA_LABELS[0], ERA_LABELS[-1]
            early = t.loc[t["era"] == first, m].median()
            late = t.loc[t["era"] == last, m].median()
        else:
            first, last = str(data["year"].iloc[0]), str(data["year"].iloc[-1])
            early, late = data["value"].iloc[0], data["value"].iloc[-1]
        fig = plot_trend(data, speech=prof[m], speech_label="this speech",
                         title=spec["title"].format(first=first, last=last, early=early, late=late), source=source)
        out.append({"fig": fig, "name": spec["name"], "data": data, "how_to_read": spec["how_to_read"],
                    "alt": spec["alt"] if ref.kind == "sotu" else spec["alt"].replace("address", "speech")})
    return out


def trends_intro(ref: Reference) -> str:
    """The sentence before the charts of "Over time" (or why there are none)."""
    if ref.kind == "ungdc":
        return ("Each chart shows one measure of the General Debate from 1946 to 2024. " + UN_TREND_HOW_TO_READ)
    if ref.kind == "sotu":
        return ("Each chart below shows one measure for every address, by year. Dots are spoken addresses, "
                "triangles written messages; the black line is a running median over nine consecutive addresses; "
                "the dotted verticals mark the four periods used by Benoit, Munger & Spirling (2019); the dashed "
                "line is the speech.")
    if "year" not in ref.table.columns or pd.to_numeric(ref.table["year"], errors="coerce").nunique() < 2 \
            or len(ref.table) < 3:
        return (f"**No chart over time**: the reference holds {ref.plural(len(ref.table))}"
                + (" without dates" if "year" not in ref.table.columns else "")
                + "; a trend needs 3 or more speeches from at least two years.")
    return ("Each chart shows one measure for every speech of the reference, by year; the black line is a running "
            "median, the dashed line the speech.")


def published_finding(comparison: pd.DataFrame) -> str:
    """The paragraph that sets our SOTU period medians next to Benoit, Munger & Spirling (2019)."""
    from analysis.measures import ERA_LABELS

    cmp = comparison.set_index(["era", "measure"])
    first, last, mid = ERA_LABELS[0], ERA_LABELS[-1], "1935-1981"
    fre, msl = "flesch_reading_ease", "mean_sentence_length"
    return (
        f"Our median Flesch Reading Ease goes from **{cmp.loc[(first, fre), 'all']:.1f}** "
        f"({first}; published about {cmp.loc[(first, fre), 'published']:.0f}) to "
        f"**{cmp.loc[(last, fre), 'all']:.1f}** ({last}; published about {cmp.loc[(last, fre), 'published']:.0f}); "
        f"the median sentence length from **{cmp.loc[(first, msl), 'all']:.1f}** to "
        f"**{cmp.loc[(last, msl), 'all']:.1f}** words (published about {cmp.loc[(first, msl), 'published']:.0f} and "
        f"{cmp.loc[(last, msl), 'published']:.0f}); the largest gap to a published figure is "
        f"{(cmp['all'] - cmp['published']).abs().max():.1f}. Shorter sentences alone explain about "
        f"{1.015 * (cmp.loc[(first, msl), 'all'] - cmp.loc[(last, msl), 'all']):.0f} of the "
        f"{cmp.loc[(last, fre), 'all'] - cmp.loc[(first, fre), 'all']:.0f}-point rise (the formula takes 1.015 "
        f"points per word of sentence length; the rest comes from shorter words). Within {mid}, when both forms "
        f"were in use, the spoken addresses have a median Flesch Reading Ease of "
        f"{cmp.loc[(mid, fre), 'spoken']:.1f} and the written ones {cmp.loc[(mid, fre), 'written']:.1f}."
    )


def decades_comparison(ungdc: pd.DataFrame, sotu: pd.DataFrame) -> dict[str, Any]:
    """The UN General Debate's readability by decade next to the State of the Union's.

    Median and middle half of Flesch Reading Ease and mean sentence length per
    decade (:func:`analysis.reference.decade_trends`), for the decades both
    corpora cover (the 1940s to the 2020s).  Returns ``data`` (long table with
    ``series``), ``table`` (wide, for reading: one row per decade) and
    ``text`` (Markdown: first and last shared decade of each, and the gap)
    and ``title`` (the chart's).
    """
    from analysis.reference import decade_trends

    tables = {"UN General Debate": ungdc, "State of the Union": sotu}
    parts = [decade_trends(tables, m) for m in ("flesch_reading_ease", "mean_sentence_length")]
    data = pd.concat(parts, ignore_index=True)
    shared = sorted(set(data.loc[data["series"] == "UN General Debate", "decade"])
                    & set(data.loc[data["series"] == "State of the Union", "decade"]))
    data = data[data["decade"].isin(shared)].reset_index(drop=True)
    wide = data.pivot_table(index="decade", columns=["measure", "series"], values="median").reset_index()
    wide.columns = ["decade"] + [f"{measure_label(m)}: {s}" for m, s in wide.columns[1:]]
    med = data.set_index(["series", "measure", "decade"])["median"]
    a, b = shared[0], shared[-1]
    fre, msl = "flesch_reading_ease", "mean_sentence_length"
    u0, u1 = med["UN General Debate", fre, a], med["UN General Debate", fre, b]
    s0, s1 = med["State of the Union", fre, a], med["State of the Union", fre, b]

    def moved(x0: float, x1: float) -> str:
        d = x1 - x0
        return "stayed about level" if abs(d) < 2 else ("rose" if d > 0 else "fell") + f" by {abs(d):.0f} points"

    text = (f"From the {a}s to the {b}s the median General Debate statement went from a Flesch Reading Ease of "
            f"**{u0:.1f}** to **{u1:.1f}** ({moved(u0, u1)}; sentences of {med['UN General Debate', msl, a]:.1f} "
            f"and {med['UN General Debate', msl, b]:.1f} words), while the median State of the Union address went "
            f"from **{s0:.1f}** to **{s1:.1f}** ({moved(s0, s1)}; sentences of {med['State of the Union', msl, a]:.1f} "
            f"and {med['State of the Union', msl, b]:.1f} words). In the {b}s the addresses are "
            + (f"{s1 - u1:.0f} points easier to read than the statements" if s1 > u1
               else f"{u1 - s1:.0f} points harder to read than the statements")
            + ": two genres apart, the General Debate addressed to diplomats (and often read in translation), "
              "the State of the Union to a national audience.")
    title = (f"Median Flesch Reading Ease by decade: State of the Union {s0:.0f} to {s1:.0f}, "
             f"UN General Debate {u0:.0f} to {u1:.0f} ({a}s-{b}s)")
    return {"data": data, "table": wide, "text": text, "title": title}


def key_words(ref: Reference, doc: Document) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(keyness of single words, of two-word phrases or None) of the speech against the reference.

    The UN General Debate: :func:`analysis.reference.norms_keyness` against
    the speech's session (1946-2024 without one); the shipped norms count
    single words only, so phrases are ``None``.  Otherwise
    :func:`analysis.keyness` against the reference texts (``min_freq=5``).
    """
    from analysis.compare import keyness
    from analysis.reference import norms_keyness

    if ref.kind == "ungdc":
        return norms_keyness(doc, session=ref.session, min_freq=5), None
    return keyness(doc, ref.corpus, min_freq=5), keyness(doc, ref.corpus, ngram=2, min_freq=5)


def key_words_sentence(ref: Reference, key: pd.DataFrame, pairs: pd.DataFrame | None) -> str:
    """The sentence that names the over- and under-used words (and phrases) of :func:`key_words`."""
    over = significant_words(key, direction="over")
    under = significant_words(key, direction="under")
    text = (f"Over-used words: {', '.join(md_quote(w) for w in over['word'].head(12))}. " if len(over)
            else "No word is significantly over-used. ")
    text += (f"Under-used words: {', '.join(md_quote(w) for w in under['word'].head(12))}. " if len(under)
             else "No word is significantly under-used. ")
    if pairs is None:
        return text + "(The shipped General Debate norms count single words, so two-word phrases are not compared.)"
    top = pairs[(pairs["direction"] == "over") & (pairs["significance"] == "p<.0001")].head(8)
    return text + (f"Among two-word phrases, the most distinctive are {', '.join(md_quote(w) for w in top['word'])}."
                   if len(top) else "No two-word phrase is distinctive at p < .0001.")


def against(ref: Reference) -> str:
    """How report 05 names the reference in chart titles and table headers: "the statements of session 73"."""
    if ref.kind == "ungdc":
        return (f"the statements of the {_ordinal(ref.session)} session" if ref.session is not None
                else "the General Debate statements")
    return f"the {ref.noun[1]}"


def limits(ref: Reference) -> str:
    """The bullets of "What this comparison cannot show", for this reference."""
    genre = {
        "ungdc": ("**Genre.** A General Debate statement surveys a country's view of the whole world; a speech to "
                  "a conference is about one subject for specialists. Key words mostly show the *topic*; "
                  "percentiles of length mostly show the *occasion*."),
        "sotu": ("**Genre.** A State of the Union address reports on a whole government to a legislature; many "
                 "other speeches are shorter, addressed to specialists, and about one subject. Key words mostly "
                 "show the *topic*; percentiles of length mostly show the *occasion*."),
        "folder": (f"**Size.** The reference holds {ref.plural(len(ref.table))}: percentiles over so few documents "
                   "move by large steps, and key words show what the others happen to talk about."),
    }[ref.kind]
    time = {
        "ungdc": ("**Translation.** Many statements were delivered in another UN language and are read here in "
                  "their English version; sentence length and word choice are partly the translators'."),
        "sotu": ("**Time.** Words change their frequency and meaning over two centuries; keyness against the whole "
                 "corpus mixes the 1790s and the 2020s. The \"1982-present\" column of the placement table is the "
                 "fairer comparison."),
        "folder": "**Selection.** The reference is what the folder holds, not a sample of any population of speeches.",
    }[ref.kind]
    return "\n".join([
        f"- {genre}", f"- {time}",
        "- **Delivery.** A text written to be read and a text written to be heard differ; compare like with like.",
        "- **Counting, not understanding.** Every number here counts surface features of the text; it cannot say "
        "whether the argument is clear, true or persuasive.",
    ])


# ---------------------------------------------------------------------------
# issue 12: notebook 07, speeches side by side
# ---------------------------------------------------------------------------

#: Measures of the one-row-per-speech table of notebook 07.
SPEECH_COLUMNS = ("words", "mean_sentence_length", "flesch_reading_ease", "flesch_kincaid_grade",
                  "modals_per_1000", "we_per_1000", "i_per_1000")


@dataclass
class SpeechSet:
    """Notebook 07's speeches: ``corpus`` (texts and metadata), ``table`` (their measures), ``by`` (the grouping)."""

    name: str
    corpus: pd.DataFrame
    table: pd.DataFrame
    by: str
    demonstration: bool
    source: str

    @property
    def grouped(self) -> pd.DataFrame:
        """The rows of ``table`` with a value in the ``by`` column."""
        return self.table[self.table[self.by].notna() & (self.table[self.by].astype(str).str.strip() != "")]


def load_speeches(corpus: str | Path | None = None, *, by: str | None = None, themes: Any = None) -> SpeechSet:
    """The speeches notebook 07 sets side by side, measured.

    Parameters
    ----------
    corpus
        ``None``: the speeches in ``data/`` when it holds two or more, else
        the demonstration set (:func:`analysis.reference.demonstration_corpus`:
        recent State of the Union addresses of four presidents);
        ``"demonstration"``: that set; ``"data"`` or a folder path.
    by
        The metadata column to group by; ``None``: ``president`` for the
        demonstration set, else ``speaker``, and when every speech has the
        same speaker (or none), ``id``: each speech is a group of its own.
    themes
        The theme dictionary (as :func:`load_context`).

    Raises
    ------
    analysis.corpus.CorpusError
        A folder with fewer than two speeches, or a ``by`` column given that
        puts them all in one group.
    KeyError
        ``by`` is not a column of the corpus (the message lists them).
    """
    from analysis.corpus import CorpusError, analyze, load_corpus
    from analysis.reference import demonstration_corpus

    name = "demonstration" if corpus is None else str(corpus)
    table = None
    if corpus is None:
        try:
            table = load_corpus("data")
            name = "data"
        except CorpusError:
            table = None
        if table is None or len(table) < 2:
            table, name = None, "demonstration"
    if name == "demonstration":
        texts = demonstration_corpus()
    else:
        texts = table if table is not None else load_corpus(corpus)
        if len(texts) < 2:
            raise CorpusError(f"corpus {name!r} holds {len(texts)} speech(es); notebook 07 compares two or more")
    demo = name == "demonstration"
    chosen = by
    by = by or ("president" if demo else "speaker")
    if by not in texts.columns or by == "text":
        cols = [c for c in texts.columns if c not in ("text",)]
        raise KeyError(f"notebook 07: no metadata column {by!r} to group by in corpus {name!r}; columns: {', '.join(cols)}")
    values = texts[by].dropna().astype(str).str.strip()
    values = values[values != ""].unique()
    if len(values) < 2:
        if chosen is not None:
            raise CorpusError(f"notebook 07: the column {by!r} of corpus {name!r} puts every speech in "
                              f"{len(values)} group ({', '.join(map(repr, values[:3])) or 'no value'}); a comparison "
                              "needs two or more groups: choose another column (by=...) or leave by=None")
        by = "id"  # the default column has one group (one speaker's speeches): each speech is its own group
    measured = analyze(texts, progress=False, themes=themes)
    source = (f"Source: {texts.attrs.get('source', 'sotu package')}" if demo else f"Source: the speeches in {name}")
    return SpeechSet(name, texts, measured, by, demo, source)


def speeches_overview(ss: SpeechSet, *, show: int = 10) -> str:
    """The paragraph that introduces the speeches: how many, in which groups, how long."""
    g = ss.grouped[ss.by].astype(str).value_counts()
    g = g.loc[sorted(g.index, key=lambda k: (-int(g[k]), k))]
    words = pd.to_numeric(ss.table["words"], errors="coerce")
    what = ("the **demonstration set**: the State of the Union addresses of the last four presidents "
            f"({ss.table['year'].min()} to {ss.table['year'].max()}; the `sotu` package), because `data/` holds "
            "fewer than two speeches" if ss.demonstration else f"the speeches in `{md_quote(ss.name)}`")
    listed = ", ".join(f"{md_quote(k)} ({plural(int(n), 'speech', 'speeches')})" for k, n in g.head(show).items())
    more = f", and {plural(len(g) - show, 'more group')}" if len(g) > show else ""
    missing = len(ss.table) - len(ss.grouped)
    return (f"This part sets side by side {what}: **{plural(len(ss.table), 'speech', 'speeches')}**, "
            f"{int(words.sum()):,} words in all (the median speech has {words.median():,.0f}), grouped by "
            f"**{md_quote(ss.by)}** into {plural(len(g), 'group')}: {listed}{more}."
            + (" Every speech has the same speaker (or none), so each speech is a group of its own." if ss.by == "id"
               else "")
            + (f" {plural(missing, 'speech has', 'speeches have')} no {md_quote(ss.by)} and "
               f"{'is' if missing == 1 else 'are'} in no group." if missing else "")
            + (f" Speeches that could not be measured: {len(ss.table.errors)}." if len(getattr(ss.table, 'errors', []))
               else ""))


def speeches_table(ss: SpeechSet) -> pd.DataFrame:
    """One row per speech: id, its group, date or year when known, and the measures of :data:`SPEECH_COLUMNS`."""
    meta = [c for c in ("id", ss.by, "date", "year") if c in ss.table.columns]
    meta = list(dict.fromkeys(meta))
    if "date" in meta and "year" in meta:
        meta.remove("year")
    cols = meta + [c for c in SPEECH_COLUMNS if c in ss.table.columns]
    out = ss.table[cols].copy()
    return out.sort_values([ss.by, "id"], kind="stable", key=lambda s: s.astype(str)).reset_index(drop=True)


def shown_groups(ss: SpeechSet, *, limit: int | None = None) -> list:
    """The groups drawn in the charts: all, or the ``limit`` largest (default :data:`analysis.plots_reference.MAX_GROUPS`).

    Largest by number of speeches, ties by name; returned in sorted order of the names.
    """
    from analysis.plots_reference import MAX_GROUPS

    limit = MAX_GROUPS if limit is None else limit
    counts = ss.grouped[ss.by].value_counts()
    top = sorted(counts.index, key=lambda g: (-int(counts[g]), str(g)))[:limit]
    return sorted(top, key=str)


def family_charts(ss: SpeechSet, res: Any) -> list[dict[str, Any]]:
    """One chart per family of measures (:func:`analysis.reference.measure_families`) of a :func:`compare_groups` result.

    At most 8 measures a chart (the family's first 8). Each item: ``family``,
    ``fig``, ``name`` (``07-<family>``), ``data`` (the groups' rows),
    ``alt``. The title says how many of the family's judged differences
    exceed their intervals, or that none could be judged.
    """
    from analysis.plots_reference import plot_group_intervals
    from analysis.reference import measure_families

    groups = shown_groups(ss)
    out = []
    for family, ms in measure_families(res.measures).items():
        ms = ms[:8]
        data = res.groups[res.groups["measure"].isin(ms) & res.groups["group"].isin(groups)].reset_index(drop=True)
        d = res.differences[res.differences["measure"].isin(ms)]
        judged = d[d["exceeds"].notna()]
        n_ex = int((judged["exceeds"] == True).sum())  # noqa: E712
        title = (f"{family}: {n_ex} of {plural(len(judged), 'difference')} between groups "
                 f"{'exceeds its interval' if n_ex == 1 else 'exceed their intervals'}" if len(judged) else
                 f"{family}: each group's {res.stat} (no group has two speeches: differences not judged)")
        fig = plot_group_intervals(data, measures=ms, groups=groups, title=title, source=ss.source)
        slug = re.sub(r"[^a-z0-9]+", "-", family.lower()).strip("-")
        out.append({"family": family, "fig": fig, "name": f"07-{slug}", "data": data,
                    "alt": f"{family}: each group's {res.stat} with its 95% bootstrap interval, one panel per measure"})
    return out


def differences_summary(res: Any, *, show: int = 12) -> str:
    """Markdown: how many pairwise differences were judged, which exceed their intervals (the largest first)."""
    d = res.differences
    judged = d[d["exceeds"].notna()]
    if not len(judged):
        return ("**No difference between groups can be judged**: every pair has a group of fewer than two speeches, "
                "and one speech has no spread to resample. The charts show each speech's values; to test "
                "differences, group the speeches so that each group holds two or more.")
    ex = res.exceeding()
    n_pairs = len(judged[["group_a", "group_b"]].drop_duplicates())
    head = (f"Of the **{plural(len(judged), 'difference')}** judged ({plural(judged['measure'].nunique(), 'measure')} "
            f"x {plural(n_pairs, 'pair')} of groups), **{len(ex)}** "
            f"{'exceeds its' if len(ex) == 1 else 'exceed their'} 95% interval (the interval of the difference "
            f"excludes 0); by chance alone about {len(judged) / 20:.0f} would. ")
    if len(d) > len(judged):
        head += f"{plural(len(d) - len(judged), 'difference')} could not be judged (a group of one speech). "
    if not len(ex):
        return head + "No difference stands out from the spread within the groups."
    ex = ex.assign(size=(ex["difference"].abs() / (ex["ci_high"] - ex["ci_low"]).abs().replace(0, float("nan"))))
    ex = ex.sort_values("size", ascending=False, kind="stable")
    lines = []
    for r in ex.head(show).itertuples():
        hi, lo = (r.group_a, r.group_b) if r.difference > 0 else (r.group_b, r.group_a)
        a, b = sorted((abs(r.ci_low), abs(r.ci_high)))
        lines.append(f"- **{measure_label(r.measure)}**: {md_quote(hi)} higher than {md_quote(lo)} by {abs(r.difference):.1f} "
                     f"(95% interval {a:.1f} to {b:.1f})")
    more = f"\n\n...and {len(ex) - show} more (the table below lists them all)." if len(ex) > show else ""
    return head + "The clearest, relative to their intervals:\n\n" + "\n".join(lines) + more


def group_keyness(ss: SpeechSet, groups: Sequence | None = None) -> tuple[Any, Any, pd.DataFrame]:
    """(group A, group B, keyness of A's words against B's) on the corpus texts (:func:`analysis.keyness`).

    The two groups of :func:`analysis.reference.key_groups` (the two largest, or ``groups``).
    """
    from analysis.compare import keyness
    from analysis.reference import key_groups

    a, b = key_groups(ss.corpus, ss.by, groups)
    ta = ss.corpus[ss.corpus[ss.by] == a].reset_index(drop=True)
    tb = ss.corpus[ss.corpus[ss.by] == b].reset_index(drop=True)
    return a, b, keyness(ta, tb, min_freq=5)


def group_keyness_chart(a: Any, b: Any, key: pd.DataFrame, *, source: str):
    """The keyness chart of group ``a`` against group ``b`` (:func:`analysis.plots.plot_keyness`, relabelled)."""
    from analysis.plots import plot_keyness

    over = significant_words(key, direction="over")
    title = (f"{plural(len(over), 'word')} {'is' if len(over) == 1 else 'are'} used significantly more by {a} than "
             f"by {b}" + (f"; the strongest is '{over['word'].iloc[0]}'" if len(over) else ""))
    fig = plot_keyness(key, n=12, title=title, source=source)
    ax = fig.axes[0]
    ax.set_xlabel(f"Log ratio (log2 of relative frequency, {a} vs {b}; +1 = twice as often)")
    legend = ax.get_legend()
    legend.texts[0].set_text(f"more by {a}")
    legend.texts[1].set_text(f"less by {a} (more by {b})")
    return fig


def group_keyness_sentence(a: Any, b: Any, key: pd.DataFrame) -> str:
    """Markdown naming the words group ``a`` uses more and less than group ``b``."""
    over = significant_words(key, direction="over")
    under = significant_words(key, direction="under")
    if not len(over) + len(under):
        return (f"**No word is significantly more or less frequent** in the speeches of {md_quote(a)} than in those "
                f"of {md_quote(b)} (log-likelihood above 3.84): too few words, or too alike.")
    return ((f"{md_quote(a)} uses more than {md_quote(b)}: {', '.join(md_quote(w) for w in over['word'].head(12))}. "
             if len(over) else f"No word is used significantly more by {md_quote(a)}. ")
            + (f"{md_quote(a)} uses less: {', '.join(md_quote(w) for w in under['word'].head(12))}."
               if len(under) else f"No word is used significantly less by {md_quote(a)}."))


def removed_summary(doc: Document) -> str:
    """One sentence for report 01: what was kept out of the counts, and whose turns were set aside.

    Counts the segmentation's removed units by kind (:attr:`Document.removed`:
    page furniture, salutations, stage directions, speaker labels, headings,
    markup ...) and, for a transcript with speaker turns
    (:func:`analysis.turns`), the turns of other speakers by speaker.  Every
    number is computed; an empty string when nothing was removed.
    """
    from analysis.text import turns

    names = {"furniture": ("line of page furniture", "lines of page furniture"),
             "salutation": ("salutation", "salutations"), "markup": ("piece of markup", "pieces of markup"),
             **NOISE_NAMES}
    kinds = pd.Series([r.kind for r in doc.removed], dtype=object)
    if kinds.empty:
        return ""
    parts = [plural(n, *names.get(k, (k, k + "s"))) for k, n in kinds.value_counts(sort=False).items()]
    out = "Before counting, the segmentation kept out " + ", ".join(parts) + " (listed in the table behind the counts)."
    t = turns(doc)
    other = t[~t["kept"]] if len(t) else t
    if len(other):
        by = other.groupby("speaker", sort=False).size()
        kept = sorted({str(s) for s in t.loc[t["kept"] & t["speaker"].notna(), "speaker"]})
        out += (" The transcript has speaker turns: " + ", ".join(f"{plural(n, 'turn')} of {md_quote(s)}"
                                                            for s, n in by.items())
                + " were set aside" + (f"; the speech is the turns of {', '.join(map(md_quote, kept))}." if kept else "."))
    return out


# ---------------------------------------------------------------------------
# issue 9, item 7: a text the measures do not fit says so at the top of every report
# ---------------------------------------------------------------------------


def reliability_warnings(doc: Document) -> list[str]:
    """Plain sentences saying why the report's numbers do not describe this text (empty when they do).

    Two checks of the segmentation (:func:`analysis.language_check`):
    ``is_english`` False (the script of the letters, or too few English function
    words) and :attr:`Document.unpunctuated` (no sentence punctuation: sentences
    far longer than any real speech's).  Every number in the sentences is
    computed from ``doc``.
    """
    if not isinstance(doc, Document):
        raise TypeError(f"reliability_warnings: doc must be an analysis Document, not {type(doc).__name__}")
    out: list[str] = []
    if doc.n_words == 0:
        return out
    lang = doc.language
    if lang.get("is_english") is False:
        script = lang.get("script") or "no"
        why = (f"its letters are in the {script} script" if script != "Latin" else
               f"only {lang.get('english_share', 0):.0%} of its words are common English words such as "
               "'the', 'of' and 'we' (English speeches have 40% to 55%)")
        out.append(f"This text is not English: {why}. The sentence splitting, syllable counts, readability "
                   "formulas, modal verbs, pronouns and theme dictionaries of this report are made for English, "
                   "so its numbers do not describe this speech.")
    if doc.unpunctuated:
        longest = max(s.n_words for s in doc.sentences)
        out.append(f"This text has no sentence punctuation: its {plural(doc.n_words, 'word')} fall into "
                   f"{plural(doc.n_sentences, 'sentence')} (the longest has {plural(longest, 'word')}; no "
                   "State of the Union address has a sentence of more than 380 words). Sentence lengths, "
                   "readability scores and everything counted per sentence mean nothing here.")
    return out


def reliability_banner(doc: Document) -> str:
    """The warnings of :func:`reliability_warnings` as the first Markdown paragraph of a report ("" when none).

    Shown above the speech's title by :func:`speech_header` (``doc=``), so every
    report of the speech opens with it; the summary page of the site shows the same
    sentences.
    """
    found = reliability_warnings(doc)
    if not found:
        return ""
    head = "Not English" if "not English" in found[0] else "No sentence punctuation"
    if len(found) > 1:
        head = "Not English, and no sentence punctuation"
    return f"> **Warning: {head}.** " + " ".join(md_quote(w, limit=None) for w in found)


# ---------------------------------------------------------------------------
# issue 9, item 8: tables of matches stay small however long the sentence
# ---------------------------------------------------------------------------

#: Words shown on each side of a match when its sentence is too long to show (:func:`match_sentences`).
CONTEXT_WORDS = 12


def match_sentences(doc: Document, rows: pd.DataFrame, *, limit: int = DISPLAY_CHARS,
                    context: int = CONTEXT_WORDS) -> list[str]:
    """The sentence of each match of an extractor's table, for a column of a report table.

    A sentence of at most ``limit`` characters is shown whole.  A longer one (a
    text without sentence punctuation can be one 100,000-word sentence) is shown
    as the ``context`` words on each side of the match, with where it is: ``"…
    before *match* after … (words 5,001-5,002 of 100,000)"``: the start of the
    sentence would be the same for every row and say nothing about the match.
    Work per row is the window, never the sentence (the data are not changed).
    ``rows`` has the leading columns of :data:`analysis.LEADING` (``sentence``,
    ``start``, ``end``, ``word_in_sentence``).
    """
    out: list[str] = []
    for sent, start, end, at in zip(rows["sentence"], rows["start"], rows["end"], rows["word_in_sentence"]):
        s = doc.sentences[int(sent)]
        if len(s.text) <= limit:
            out.append(s.text)
            continue
        at, n = int(at), int(end) - int(start)
        words = s.words
        left = " ".join(words[max(0, at - context):at])
        match = " ".join(words[at:at + n])
        right = " ".join(words[at + n:at + n + context])
        where = f"word {at + 1:,}" if n == 1 else f"words {at + 1:,}-{at + n:,}"
        out.append(("… " if at > context else "") + f"{left} [{match}] {right}".strip()
                   + (" …" if at + n + context < len(words) else "") + f" ({where} of {len(words):,})")
    return out


def listing(counts: pd.Series, *, limit: int = 12, noun: str = "subject") -> str:
    """``"we (4), the Council (2), ... and 40 other subjects (57 uses)"``: a count Series, its first ``limit`` items.

    Names are quoted with :func:`md_quote`; "none" for an empty Series.  A speech with
    hundreds of different subjects gives one line, not hundreds of names.
    """
    if counts is None or len(counts) == 0:
        return "none"
    shown = ", ".join(f"{md_quote(k)} ({int(v)})" for k, v in counts.head(limit).items())
    rest = counts.iloc[limit:]
    if len(rest):
        shown += f" and {plural(len(rest), 'other ' + noun)} ({plural(int(rest.sum()), 'use')})"
    return shown
