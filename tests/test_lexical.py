"""Lexical diversity: TTR, MATTR (Covington & McFall 2010), MTLD (McCarthy & Jarvis 2010)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config, read_text, segment
from analysis.lexical import _mattr, _mtld_pass, _mtld_value, lexical_diversity, mtld_factors, tokens


def test_tokens_are_lower_cased_words_of_the_segmentation():
    # "We" and "we" are one type; "don't" and "counter-terrorism" one token each.
    assert tokens("We don't stop. We fight counter-terrorism.") == [
        "we", "don't", "stop", "we", "fight", "counter-terrorism"
    ]


def test_ttr_by_hand():
    # "the cat saw the dog": 5 tokens, 4 types -> 0.8
    r = lexical_diversity("The cat saw the dog.")
    assert (r["tokens"], r["types"]) == (5, 4)
    assert r["ttr"] == pytest.approx(0.8)


def test_mattr_by_hand():
    # a b a c, window 3: windows "a b a" (2/3) and "b a c" (3/3) -> mean 5/6.
    assert _mattr(["a", "b", "a", "c"], 3) == pytest.approx(5 / 6)
    # a b a b a, window 2: four windows of TTR 1 -> 1.0
    assert _mattr(list("ababa"), 2) == pytest.approx(1.0)
    # a a b b, window 2: "a a" 1/2, "a b" 1, "b b" 1/2 -> 2/3
    assert _mattr(list("aabb"), 2) == pytest.approx(2 / 3)


def test_mattr_can_be_below_ttr():
    # MATTR is not bounded below by the TTR: "a a a a b", window 4: windows
    # "a a a a" (1/4) and "a a a b" (2/4) -> 0.375, while TTR = 2/5 = 0.4.
    r = lexical_diversity("a a a a b", window=4)
    assert r["mattr"] == pytest.approx(0.375)
    assert r["ttr"] == pytest.approx(0.4)


def test_mattr_shorter_than_window_is_ttr():
    r = lexical_diversity("The cat saw the dog.", window=50)
    assert r["mattr"] == pytest.approx(r["ttr"])


def test_mattr_through_public_function():
    # "one two one three": window 3 -> (2/3 + 1) / 2 = 5/6
    assert lexical_diversity("One two one three.", window=3)["mattr"] == pytest.approx(5 / 6)


def test_mtld_full_factors_by_hand():
    # a b a b a b, threshold .72.  Forward: a (1), a b (1), a b a (2/3 <= .72):
    # factor 1; b (1), b a (1), b a b (2/3): factor 2; nothing left.  6 / 2 = 3.
    # Backward is the same by symmetry: MTLD = 3.
    r = lexical_diversity("a b a b a b")
    assert r["mtld"] == pytest.approx(3.0)


def test_mtld_partial_factor_by_hand():
    # a a x y z x.
    # Forward: a (1), a a (1/2 <= .72) -> factor 1 (2 tokens); then x y z x:
    #   TTR 1, 1, 1, 3/4 = .75 > .72: a partial factor worth (1 - .75) / (1 - .72)
    #   = .25 / .28 = 0.892857.  Forward MTLD = 6 / 1.892857 = 3.169811.
    # Backward (x z y x a a): 1, 1, 1, 3/4, 4/5, 4/6 = .667 <= .72 -> factor 1 at
    #   the sixth token, nothing left.  Backward MTLD = 6 / 1 = 6.
    # MTLD = (3.169811 + 6) / 2 = 4.584906.
    toks = "a a x y z x".split()
    assert _mtld_value(6, _mtld_pass(toks, 0.72)) == pytest.approx(6 / (1 + 0.25 / 0.28))
    assert _mtld_value(6, _mtld_pass(toks[::-1], 0.72)) == pytest.approx(6.0)
    assert lexical_diversity("a a x y z x")["mtld"] == pytest.approx((6 / (1 + 0.25 / 0.28) + 6) / 2)


def test_mtld_no_repetition_is_nan():
    # Every token distinct: no factor ends and the partial factor is worth 0.
    assert math.isnan(lexical_diversity("one two three four")["mtld"])


def test_mtld_factor_table():
    df = mtld_factors("a a x y z x")
    expected = pd.DataFrame(
        {
            "direction": ["forward", "forward", "backward"],
            "factor": [1, 2, 1],
            "start": [0, 2, 0],
            "end": [2, 6, 6],
            "tokens": [2, 4, 6],
            "types": [1, 3, 4],
            "ttr": [0.5, 0.75, 4 / 6],
            "weight": [1.0, 0.25 / 0.28, 1.0],
        }
    )
    pd.testing.assert_frame_equal(df, expected, check_dtype=False)


def test_mtld_factor_table_reproduces_mtld_on_seed_speech():
    text = read_text(config.DATA_DIR / "un-sg-2018-06-29.txt")
    df = mtld_factors(text)
    per_pass = df.groupby("direction").apply(lambda g: g["tokens"].sum() / g["weight"].sum(), include_groups=False)
    assert lexical_diversity(text)["mtld"] == pytest.approx(per_pass.mean())
    # Backward factors, mapped back to reading order, tile the text exactly.
    back = df[df.direction == "backward"].sort_values("start")
    assert back["start"].iloc[0] == 0 and back["end"].iloc[-1] == df["end"].max()
    assert (back["start"].iloc[1:].to_numpy() == back["end"].iloc[:-1].to_numpy()).all()


def test_seed_speech_values():
    # Regression values, segmentation v1: 914 tokens, 405 types.
    r = lexical_diversity(read_text(config.DATA_DIR / "un-sg-2018-06-29.txt"))
    assert (r["tokens"], r["types"]) == (914, 405)
    assert r["ttr"] == pytest.approx(405 / 914)
    assert r["mattr"] == pytest.approx(0.8159, abs=1e-4)
    assert r["mtld"] == pytest.approx(104.78, abs=0.01)


def test_empty_text_nan_with_warning():
    with pytest.warns(UserWarning, match="no words"):
        r = lexical_diversity("")
    assert r["tokens"] == 0 and all(math.isnan(r[k]) for k in ("ttr", "mattr", "mtld"))


@pytest.mark.parametrize("kwargs", [{"window": 0}, {"window": 2.5}, {"threshold": 1.0}, {"threshold": 0}])
def test_bad_options(kwargs):
    with pytest.raises(ValueError, match="window|threshold"):
        lexical_diversity("a b c", **kwargs)


def test_bad_input_type():
    with pytest.raises(TypeError, match="expects a str or an analysis.Document, got list"):
        lexical_diversity(["a", "b"])


def test_document_input():
    assert lexical_diversity(segment("a b a b")) == lexical_diversity("a b a b")


_TOKEN = st.sampled_from(list("abcdefgh"))


@settings(max_examples=100, deadline=None)
@given(st.lists(_TOKEN, min_size=1, max_size=120), st.integers(min_value=1, max_value=60))
def test_properties(toks, window):
    text = " ".join(toks)
    r = lexical_diversity(text, window=window)
    assert 0 < r["ttr"] <= 1
    assert 0 < r["mattr"] <= 1
    if window == 1:
        assert r["mattr"] == pytest.approx(1.0)  # every one-token window has TTR 1
    # A brute-force MATTR agrees with the O(n) running count.
    n = len(toks)
    if n <= window:
        brute = len(set(toks)) / n
    else:
        brute = sum(len(set(toks[i:i + window])) / window for i in range(n - window + 1)) / (n - window + 1)
    assert r["mattr"] == pytest.approx(brute)
    if not math.isnan(r["mtld"]):
        assert r["mtld"] > 0


@pytest.mark.parametrize("threshold", [0.72, 0.5, 0.9, 0.333, 0.1, 0.999])
def test_factor_lengths_are_the_least_token_counts_of_the_float_test(threshold):
    # the MTLD pass tests a factor's end by an int comparison against this table; it must say exactly what
    # Python's float test `types / count <= threshold` says (brute force, every type count to 400)
    from analysis.lexical import _factor_lengths

    lengths = _factor_lengths(threshold, 400, 10**6)
    for t in range(1, 401):
        c = t + 1
        while t / c > threshold:
            c += 1
        assert lengths[t] == c - 1, (threshold, t)


def test_factor_ends_match_the_running_ttr_loop(seed_doc):
    # the factors of one pass (ends and type counts) against the plain loop over the running TTR
    from analysis.lexical import _factor_lengths, _mtld_ends, _previous

    toks = tokens(seed_doc)
    prev = _previous(toks).tolist()
    for threshold in (0.72, 0.6, 0.85):
        ends, counts, start, types = _mtld_ends(prev, _factor_lengths(threshold, len(set(toks)), len(toks)))
        want_ends, want_counts, s, seen = [], [], 0, set()
        for i, w in enumerate(toks):
            seen.add(w)
            if len(seen) / (i + 1 - s) <= threshold:
                want_ends.append(i + 1)
                want_counts.append(len(seen))
                s, seen = i + 1, set()
        assert (ends, counts, start, types) == (want_ends, want_counts, s, len(seen))
        assert len(ends) >= 3  # the seed speech has several factors at each of these thresholds


def test_a_tiny_threshold_ends_no_factor_and_returns_at_once():
    # 1e-20: t / threshold overflows an int64; the table is capped at the text's length (no factor ends)
    text = "We must act now, and we must act together. " * 40
    tiny = lexical_diversity(text, threshold=1e-20)
    assert tiny["mtld"] == lexical_diversity(text, threshold=1e-300)["mtld"]
    assert math.isfinite(tiny["mtld"]) and tiny["mtld"] > tiny["tokens"]  # one partial factor of weight < 1


def _brute_previous(toks):
    last, out = {}, []
    for i, w in enumerate(toks):
        out.append(last.get(w, -1))
        last[w] = i
    return out


@pytest.mark.parametrize("types", [1, 3, 65_535, 65_536, 65_537, 70_000])
def test_previous_matches_a_plain_loop_on_both_sides_of_the_16_bit_sort(types):
    # _previous sorts 16-bit type ids (numpy's radix sort) up to 65,536 types and int64 ids above:
    # both must give the previous occurrence of every token
    from analysis.lexical import _previous

    toks = [f"w{i % types}" for i in range(types + 1000)]  # every type, then 1,000 repeats
    toks += [f"w{(i * 7919) % types}" for i in range(2000)]  # repeats out of order
    assert _previous(toks).tolist() == _brute_previous(toks)


def test_previous_matches_a_plain_loop_on_the_seed_speech(seed_doc):
    from analysis.lexical import _previous

    toks = tokens(seed_doc)
    assert _previous(toks).tolist() == _brute_previous(toks)
    assert lexical_diversity(seed_doc)["types"] == len(set(toks))
