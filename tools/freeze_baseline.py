"""Freeze the numbers the architecture change must not move (issue 8).

Writes tests/data/baseline/*.parquet from the code as it is: every column of
``analyze("sotu")``, the seed speech's profile and each of its audit tables.
Run once before a refactor; tests/test_baseline.py compares against them.
"""
import warnings
from pathlib import Path

import pandas as pd

import analysis

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "baseline"
OUT.mkdir(parents=True, exist_ok=True)
warnings.simplefilter("ignore")


def save(name, df):
    if isinstance(df, pd.Series):
        df = df.to_frame().T if name == "profile" else df.to_frame(name="value")
    df = df.reset_index()
    df.columns = [str(c) for c in df.columns]
    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: None if v is None else (v if isinstance(v, str) else repr(v)))
    df.to_parquet(OUT / f"{name}.parquet", index=False)
    print(name, df.shape)


ref = analysis.analyze("sotu", cache=False) if "cache" in analysis.analyze.__code__.co_varnames else analysis.analyze("sotu")
save("analyze_sotu", ref)
doc = analysis.segment(analysis.load_speech().text)
save("profile", analysis.profile(doc))
save("sentence_table", analysis.sentence_table(doc))
save("word_table", analysis.word_table(doc))
save("modal_phrases", analysis.modal_phrases(doc))
save("obligation_table", analysis.obligation_table(doc))
save("pronoun_matches", analysis.pronoun_matches(doc))
save("theme_matches", analysis.theme_matches(doc))
save("themes", analysis.themes(doc))
save("kwic_terror", analysis.kwic(doc, "terror*"))
save("structure", analysis.structure(doc))
save("readability_report", analysis.readability_report(doc))
save("modal_counts", analysis.modal_counts(doc))
save("pronoun_rates", analysis.pronoun_rates(doc))
save("sections", analysis.sections(doc))
save("theme_by_section", analysis.theme_by_section(doc, analysis.sections(doc)))
save("theme_dispersion", analysis.theme_dispersion(doc))
save("placement", analysis.placement(analysis.profile(doc), ref))
save("keyness", analysis.keyness(doc, analysis.load_corpus("sotu")))
