"""Real pages of the seed's genre: furniture, salutations, speaker turns, markup, language, review errors.

Every text here is written for this file, in the shapes that UN web pages, press
encounters and verbatim records take (furniture above and below, salutations on
lines of their own, "Question:" turns, PDF-style line breaks); none is copied.
"""

from __future__ import annotations

import codecs
import re
import warnings

import pandas as pd
import pytest

import analysis
from analysis import config
from analysis import syllable_counts as sylmod
from analysis import text as textmod


def _texts(doc):
    return [s.text for s in doc.sentences]


def _removed(doc, kind=None):
    return [r.text for r in doc.removed if kind is None or r.kind == kind]


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# --- the seed page ------------------------------------------------------------

# The header lines of the seed page as shipped (typed here; tests never read ../shared).
SEED_HEADER = (
    "New York\n"
    "\n"
    "29 June 2018\n"
    "\n"
    "Secretary-General's closing remarks at High-Level Conference on Counter-Terrorism [as delivered]\n"
    "\n"
)


@pytest.fixture(scope="module")
def seed_body():
    return analysis.read_text(config.DATA_DIR / "un-sg-2018-06-29.txt")


def test_seed_page_with_its_header_gives_the_same_56_sentences(seed_body):
    plain = analysis.segment(seed_body)
    page = analysis.segment(SEED_HEADER + seed_body)
    assert plain.n_sentences == page.n_sentences == 56
    assert page.sentences == plain.sentences  # text, words, syllables, paragraph and position alike
    assert [(r.kind, r.text) for r in page.removed] == [
        ("furniture", "New York"),
        ("furniture", "29 June 2018"),
        ("furniture", "Secretary-General's closing remarks at High-Level Conference on Counter-Terrorism [as delivered]"),
    ]
    assert analysis.header_fields(page) == {
        "title": "Secretary-General's closing remarks at High-Level Conference on Counter-Terrorism",
        "date": "2018-06-29",
        "place": "New York",
    }
    assert plain.removed == () and analysis.header_fields(plain) == {"title": None, "date": None, "place": None}


def test_seed_numbers_unchanged(seed_body):
    doc = analysis.segment(seed_body)
    assert (doc.n_sentences, doc.n_words, doc.n_paragraphs) == (56, 914, 1)
    assert doc.salutations == () and doc.turns == () and doc.markup == ()
    assert analysis.language_check(doc)["is_english"] is True
    assert doc.unpunctuated is False


# --- page furniture -------------------------------------------------------------

WEB_PAGE = """Skip to main content
Home > Secretary-General > Statements
SG/SM/99999

Geneva, 3 March 2023

Secretary-General's remarks to the Forum on Water and Peace [trilingual, as delivered]

[Scroll down for the French version]

Author Archives: Office of the Spokesperson

Watch the video on webtv.un.org:

Water has always joined our peoples. Rivers do not stop at borders.

Today I ask every Government to share data on the rivers it holds.

* *** *

For information media. Not an official record.

Share this:
Facebook Twitter Email
Print
\u00a9 United Nations 2023
"""


def test_furniture_above_and_below_a_web_page_is_removed():
    doc = analysis.segment(WEB_PAGE)
    assert _texts(doc) == [
        "Water has always joined our peoples.",
        "Rivers do not stop at borders.",
        "Today I ask every Government to share data on the rivers it holds.",
    ]
    furniture = _removed(doc, "furniture")
    assert len(furniture) == 14 and len(doc.removed) == 14  # 8 above, 6 below
    assert furniture[0] == "Skip to main content" and furniture[-1] == "\u00a9 United Nations 2023"
    assert analysis.header_fields(doc) == {
        "title": "Secretary-General's remarks to the Forum on Water and Peace",
        "date": "2023-03-03",
        "place": "Geneva",
    }
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]  # counted from the text, not the page


def test_repeated_headline_is_furniture_not_two_obligations():
    page = (
        "Countries must work together, Secretary-General tells summit\n\n"
        "12 May 2021\n\n"
        "Countries must work together, Secretary-General tells summit\n\n"
        "The pandemic has shown what division costs. We cannot afford it again."
    )
    doc = analysis.segment(page)
    assert _texts(doc) == ["The pandemic has shown what division costs.", "We cannot afford it again."]
    assert _removed(doc, "furniture")[0] == _removed(doc, "furniture")[2]
    assert "must" not in doc.lower_words


def test_headline_repeated_inside_the_text_is_furniture():
    page = (
        "Remarks at the opening of the Ocean Conference\n\n"
        "Lisbon, 27 June 2022\n\n"
        "Remarks at the opening of the Ocean Conference\n"
        "The ocean is our common heritage. We are failing it."
    )
    doc = analysis.segment(page)
    assert _texts(doc) == ["The ocean is our common heritage.", "We are failing it."]
    assert analysis.header_fields(doc)["place"] == "Lisbon"


@pytest.mark.parametrize(
    "line,date,place",
    [
        ("29 June 2018", "2018-06-29", None),
        ("June 29, 2018", "2018-06-29", None),
        ("Friday, 29 June 2018", "2018-06-29", None),
        ("25 Jun 2020", "2020-06-25", None),
        ("2018-06-29", "2018-06-29", None),
        ("New York, 25 June 2020", "2020-06-25", "New York"),
        ("17 September 2019, UN Headquarters", "2019-09-17", "UN Headquarters"),
    ],
)
def test_date_lines_prefill_the_header(line, date, place):
    doc = analysis.segment(f"{line}\n\nWe meet at a hard time. We will meet it together.")
    assert analysis.header_fields(doc)["date"] == date
    assert analysis.header_fields(doc)["place"] == place
    assert _texts(doc) == ["We meet at a hard time.", "We will meet it together."]


def test_date_line_is_not_glued_to_the_first_sentence():
    doc = analysis.segment("3 March 2023\nWater joins our peoples. Rivers do not stop at borders.")
    assert _texts(doc) == ["Water joins our peoples.", "Rivers do not stop at borders."]
    assert _removed(doc, "furniture") == ["3 March 2023"]


def test_a_signature_and_date_below_the_text_are_furniture():
    text = "We shall persevere. Thank you.\n\nMARIA OKONJO\nThe State House,\nJanuary 21, 1980."
    doc = analysis.segment(text)
    assert _texts(doc) == ["We shall persevere.", "Thank you."]
    assert _removed(doc, "furniture") == ["MARIA OKONJO", "The State House,", "January 21, 1980."]


def test_closing_lines_of_speech_are_not_furniture():
    # a last line without a full stop is still speech; so is a date inside a sentence
    text = "We signed it on\nJanuary 21, 1980.\n\nThank you"
    doc = analysis.segment(text)
    assert _texts(doc) == ["We signed it on January 21, 1980.", "Thank you"]
    assert doc.removed == ()


def test_text_without_punctuation_keeps_its_first_lines():
    lines = ["we must act now", "and we must act together", "for there is no other way"]
    doc = analysis.segment("\n".join(lines))
    assert doc.n_words == 15 and doc.removed == ()


# --- salutations ----------------------------------------------------------------

TOAST = """Mr. President,
Heads of State and Government,
Ladies and Gentlemen,
It is a joy to welcome you to this city.
We have much to celebrate."""


def test_salutation_lines_are_never_merged_into_the_next_sentence():
    doc = analysis.segment(TOAST)
    assert _texts(doc) == ["It is a joy to welcome you to this city.", "We have much to celebrate."]
    assert doc.salutations == ("Mr. President,", "Heads of State and Government,", "Ladies and Gentlemen,")
    assert all(r.kind == "salutation" and r.paragraph == 0 for r in doc.removed)
    # kept out of sentence length and readability: 10 + 5 words in 2 sentences
    assert doc.n_words == 15
    assert analysis.sentences(TOAST)[:3] == ["Mr. President,", "Heads of State and Government,", "Ladies and Gentlemen,"]


@pytest.mark.parametrize(
    "salutation",
    [
        "Excellencies,",
        "Ladies and gentlemen,",
        "Dear friends,",
        "Dear Friends,",
        "Mr. Secretary-General,",
        "Madam President of the General Assembly,",
        "Your Excellency Mr. Ivan Petrov, Minister for Foreign Affairs,",
        "Excellencies, ladies and gentlemen,",
        "Mr. Chairman, Distinguished delegates",
        "Distinguished Members of the Council,",
        "Fellow-Citizens of the Senate and House of Representatives:",
        "GENTLEMEN OF THE CONGRESS:",
        "My dear brothers and sisters,",
    ],
)
def test_each_shape_of_salutation(salutation):
    doc = analysis.segment(f"{salutation}\nThere is still much to do.")
    assert _texts(doc) == ["There is still much to do."]
    assert doc.salutations == (salutation,)
    # as a paragraph of its own, too
    doc = analysis.segment(f"{salutation}\n\nThere is still much to do.")
    assert doc.salutations == (salutation,) and _texts(doc) == ["There is still much to do."]


@pytest.mark.parametrize(
    "text,expected",
    [
        # inline vocatives are part of the sentence
        ("Excellencies, ladies and gentlemen, I thank you all.", ["Excellencies, ladies and gentlemen, I thank you all."]),
        ("Thank you, Mr. President.\nWe begin.", ["Thank you, Mr. President.", "We begin."]),
        # wrapped prose: a line break is no boundary
        ("We thank the governments of France,\nGermany and Italy for their help.",
         ["We thank the governments of France, Germany and Italy for their help."]),
        ("I thank you,\nMr. President,\nfor your leadership.", ["I thank you, Mr. President, for your leadership."]),
        ("Members of the Council have spoken\nclearly today.", ["Members of the Council have spoken clearly today."]),
    ],
)
def test_what_is_not_a_salutation(text, expected):
    doc = analysis.segment(text)
    assert _texts(doc) == expected and doc.salutations == ()


def test_heading_in_capitals_between_paragraph_lines():
    text = "We begin with peace.\nOUR PRIORITIES FOR 2024\nFirst, we end the wars. Then we rebuild."
    doc = analysis.segment(text)
    assert _texts(doc) == ["We begin with peace.", "First, we end the wars.", "Then we rebuild."]
    assert [(r.kind, r.text) for r in doc.removed] == [("heading", "OUR PRIORITIES FOR 2024")]


# --- speaker turns --------------------------------------------------------------

PRESS = """Press encounter at the Security Council stakeout

New York, 14 February 2024

Good afternoon. I have just briefed the Council on the situation in the region. The fighting must stop now.

Question: Secretary-General, do you think the Council will act this week?

Secretary-General: I hope so. The Council has a responsibility to act, and I will keep pressing its members.

Question: And what about aid convoys? Are they getting through?

Secretary-General: Too few. We need safe routes, and we need them today.

Spokesperson: Last question, please.

Q: Will you travel there?

SG: When it is useful, yes."""


def test_press_encounter_keeps_the_secretary_general():
    doc = _quiet(analysis.segment, PRESS)
    assert _texts(doc) == [
        "Good afternoon.",
        "I have just briefed the Council on the situation in the region.",
        "The fighting must stop now.",
        "I hope so.",
        "The Council has a responsibility to act, and I will keep pressing its members.",
        "Too few.",
        "We need safe routes, and we need them today.",
        "When it is useful, yes.",
    ]
    assert "Secretary-General" not in doc.words and "SG" not in doc.words  # labels are never words
    table = analysis.turns(doc)
    assert list(table.columns) == ["turn", "speaker", "kept", "paragraphs", "words"]
    assert table["speaker"].tolist() == [None, "Question", "Secretary-General", "Question", "Secretary-General",
                                         "Spokesperson", "Q", "SG"]
    assert table["kept"].tolist() == [True, False, True, False, True, False, False, True]
    assert table["words"].tolist() == [19, 10, 17, 9, 11, 3, 4, 5]  # hand-counted
    assert table.loc[table["kept"], "words"].sum() == doc.n_words
    others = [r for r in doc.removed if r.kind == "other speaker"]
    assert {r.speaker for r in others} == {"Question", "Spokesperson", "Q"}
    assert [r.text for r in others][:2] == ["Secretary-General, do you think the Council will act this week?",
                                           "And what about aid convoys?"]


def test_speaker_argument_chooses_the_turns():
    doc = _quiet(analysis.segment, PRESS, speaker="Question")
    kept = analysis.turns(doc)
    assert kept.loc[kept["kept"], "speaker"].tolist() == [None, "Question", "Question", "Q"]
    with pytest.raises(TypeError, match="speaker must be a str"):
        analysis.segment(PRESS, speaker=3)


def test_speaker_argument_matches_a_name_label():
    text = ("Ms. Haddad: Thank you for coming. We have news today.\n\n"
            "Mr. Lindqvist: Thank you. My question is short.\n\n"
            "Ms. Haddad: Then my answer will be short too.")
    doc = analysis.segment(text, speaker="Leila Haddad")
    assert _texts(doc) == ["Thank you for coming.", "We have news today.", "Then my answer will be short too."]
    doc = analysis.segment(text, speaker="Mr. Lindqvist")
    assert _texts(doc) == ["Thank you.", "My question is short."]
    with pytest.warns(analysis.SpeakerWarning, match="'Nobody Here' is none of the speakers"):
        doc = analysis.segment(text, speaker="Nobody Here")
    assert doc.n_sentences == 3  # the one who speaks most


def test_turns_on_single_lines_and_verbatim_records():
    text = ("The President: I now give the floor to the representative of Nigeria.\n"
            "Mr. Okafor (Nigeria): Thank you, Mr. President. We support the draft.\n"
            "The President: I thank the representative of Nigeria. I now give the floor to Chile.\n"
            "Ms. Rojas (Chile): Chile will vote in favour.")
    doc = analysis.segment(text, speaker="The President")
    assert _texts(doc) == ["I now give the floor to the representative of Nigeria.",
                           "I thank the representative of Nigeria.", "I now give the floor to Chile."]
    assert analysis.turns(doc)["speaker"].tolist() == ["The President", "Mr. Okafor (Nigeria)", "The President",
                                                       "Ms. Rojas (Chile)"]


def test_topic_labels_are_not_speaker_turns():
    text = "Energy: we will double our solar power.\n\nWater: we will clean every river.\n\nThank you."
    doc = analysis.segment(text)
    assert doc.turns == () and doc.n_sentences == 3
    text = "Energy: We will double our solar power.\n\nWater: We will clean every river."
    assert analysis.segment(text).turns == ()  # two labels, none repeated, none a known one


def test_existing_the_president_labels_keep_working():
    doc = analysis.segment("The President. Thank you.\n\nAudience members. U.S.A.!\n\nThe President. We go on.")
    assert _texts(doc) == ["Thank you.", "We go on."]
    assert doc.turns == ()


# --- review errors --------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("I thank Jonathan P. Braga for this.", ["I thank Jonathan P. Braga for this."]),
        ("Maj. Gen. Smith spoke. He left.", ["Maj. Gen. Smith spoke.", "He left."]),
        ("I yield to Prof. Sen. He has the floor.", ["I yield to Prof. Sen.", "He has the floor."]),
        ("It was King George V. In honor of him we met.", ["It was King George V.", "In honor of him we met."]),
        ("We are together.May the Lord bless you.", ["We are together.", "May the Lord bless you."]),
        ("Is it over?Yes, it is.", ["Is it over?", "Yes, it is."]),
        ("See www.un.org/Water for more. Thank you.", ["See www.un.org/Water for more.", "Thank you."]),
        ("We are here. . We go on.", ["We are here. .", "We go on."]),
        ("We are here.  . We go on.", ["We are here. .", "We go on."]),  # any spacing of the stray stop
        ("the steps by which we have.. it seems, withdrawn.", ["the steps by which we have.. it seems, withdrawn."]),
        ("We thank Mme. Bachelet for her work.", ["We thank Mme. Bachelet for her work."]),
        ("We thank Mme.\nBachelet for her work.", ["We thank Mme. Bachelet for her work."]),
        ("Thank you, Mme. President. We go.", ["Thank you, Mme. President.", "We go."]),
        ("PEACE AND SECURITY\nWe must act.", ["PEACE AND SECURITY", "We must act."]),
    ],
)
def test_review_boundary_errors(text, expected):
    assert analysis.sentences(text) == expected


def test_heading_in_capitals_is_not_merged_into_the_next_sentence():
    doc = analysis.segment("We begin.\n\nPEACE AND SECURITY\nWe must act.")
    assert _texts(doc) == ["We begin.", "We must act."]
    assert [(r.kind, r.text) for r in doc.removed] == [("heading", "PEACE AND SECURITY")]


@pytest.mark.parametrize(
    "text", ["The President. -- Thank you.", "The President.\u2014Thank you.", "The President. \u2014 Thank you."]
)
def test_the_president_with_dashes_is_no_word(text):
    doc = analysis.segment(text)
    assert doc.words == ["Thank", "you"]
    assert [(r.kind, r.text) for r in doc.removed] == [("speaker label", "The President.")]


@pytest.mark.parametrize(
    "word,count,source",
    [
        ("THE", 1, "cmudict"),
        ("WAR", 1, "cmudict"),
        ("UNDP", 4, "initialism"),  # not a word: U-N-D-P
        ("UN", 2, "initialism"),
        ("US", 2, "initialism"),
        ("II", 1, "number"),  # World War II: "two"
        ("VII", 2, "number"),  # Chapter VII: "sev-en"
        ("XXI", 3, "number"),  # "twen-ty one"
        ("2d", 2, "number"),  # "sec-ond"
        ("22d", 4, "number"),  # "twen-ty sec-ond"
        ("3d", 1, "number"),  # "third"
        ("30th", 3, "number"),  # "thir-ti-eth"
        ("1980's", 4, "number"),  # "nine-teen eight-ies"
        ("1980s", 4, "number"),
    ],
)
def test_review_syllable_errors(word, count, source):
    assert analysis.syllables(word) == count
    assert analysis.syllable_source(word) == source


def test_capitals_count_like_the_lower_case_word():
    for word in ("THE", "WAR", "OUR", "PEACE", "NATIONS"):
        assert analysis.syllables(word) == analysis.syllables(word.lower())
    doc = analysis.segment("We say it again: WE WILL NEVER FORGET.")
    assert doc.n_syllables == 1 + 1 + 1 + 2 + 1 + 1 + 2 + 2


@pytest.mark.parametrize(
    "word,count",
    [
        ("fluidic", 3),  # u-i hiatus: flu-id-ic
        ("duals", 2),  # u-a hiatus
        ("radios", 3),  # i-o hiatus
        ("quietude", 3),  # qui-e-tude
        ("homeward", 2),  # silent e inside a closed compound
        ("lifetimes", 2),
        ("hopefulness", 3),
        ("wolves", 1),  # -ves
        ("tomes", 1),  # -mes
        ("dimpled", 2),  # -pled keeps its syllable
        ("walked", 1),  # -ed silent
        ("caf\u00e9", 2),  # accented final e is pronounced
        ("na\u00efve", 2),  # the diaeresis marks a vowel of its own
        ("r\u00e9union", 3),
    ],
)
def test_fallback_syllable_rule(word, count):
    assert sylmod._rule_syllables(word) == count


# --- normalisation --------------------------------------------------------------


def test_invisible_characters_are_removed_before_segmentation():
    assert analysis.words("Terror\u200bism") == ["Terrorism"]
    assert analysis.words("coun\u00adter-terrorism") == ["counter-terrorism"]
    doc = analysis.segment("We fight terror\u200bism and coun\u00adter\u2060-terrorism\ufeff works.")
    assert doc.words == ["We", "fight", "terrorism", "and", "counter-terrorism", "works"]
    # bidirectional marks of a pasted Arabic name do not split the words around them
    assert analysis.words("\u200fAl-Sayed\u200e spoke") == ["Al-Sayed", "spoke"]


def test_normalise_is_public_and_shared_with_patterns():
    assert analysis.normalise("\uff54\uff45\uff52\uff52\uff4f\uff52") == "terror"  # full-width letters
    assert analysis.normalise("cafe\u0301") == "caf\u00e9"  # NFD -> NFC
    assert analysis.normalise("a\u2029b\u2028c\r\nd\x0ce") == "a\n\nb\nc\nd\n\ne"
    assert analysis.normalise("we\u2019ll", marks=True) == "we'll"
    assert analysis.normalise("we\u2019ll") == "we\u2019ll"
    assert analysis.normalise("\u4f60\u597d\uff01") == "\u4f60\u597d\uff01"  # full-width punctuation kept
    plain = "We must act."
    assert analysis.normalise(plain) is plain
    with pytest.raises(TypeError, match="normalise"):
        analysis.normalise(None)
    # the characters listed in the docstring are the ones handled
    for ch in textmod._INVISIBLE:
        assert f"U+{ord(ch):04X}" in textmod.normalise.__doc__ or ch in "\u2061\u2062\u2063\u2064\u202b\u202c\u202d\u2067\u2068"


# --- markup ---------------------------------------------------------------------

HTML_PAGE = (
    "<html><head><title>Remarks</title><script>alert('x')</script></head>"
    "<body><nav>Home | News</nav><h1>Remarks on Water</h1>"
    "<p>We must act <b>now</b>.</p><p>Rivers join us&nbsp;all &amp; forever.</p></body></html>"
)


def test_html_pasted_in_is_stripped_with_a_warning():
    with pytest.warns(analysis.MarkupWarning, match="HTML tags"):
        doc = analysis.segment(HTML_PAGE)
    assert _texts(doc) == ["We must act now.", "Rivers join us all & forever."]
    assert not {"html", "script", "alert", "nav", "body", "b", "p"} & set(doc.lower_words)
    assert doc.markup == ("HTML tags",)
    assert "markup" in {r.kind for r in doc.removed}


def test_markdown_headings_and_tables_are_stripped():
    text = (
        "# Remarks to the Council\n\n"
        "We must act.\n\n"
        "## Our priorities\n\n"
        "Peace comes **first**.\n\n"
        "| Year | Funds |\n|------|-------|\n| 2023 | 12 |\n\n"
        "See [the report](https://example.org/report) for details. Thank you."
    )
    with pytest.warns(analysis.MarkupWarning, match="Markdown headings"):
        doc = analysis.segment(text)
    assert _texts(doc) == ["We must act.", "Peace comes first.", "See the report for details.", "Thank you."]
    assert ("heading", "Our priorities") in [(r.kind, r.text) for r in doc.removed]
    assert "Funds" not in doc.words and "2023" not in doc.words


def test_plain_text_gives_no_markup_warning(seed_body):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        analysis.segment(seed_body + "\n\nWe are #1 in the world & proud. A | B.")


# --- language and punctuation ---------------------------------------------------

ARABIC = "\u0646\u062d\u0646 \u0646\u0639\u0645\u0644 \u0645\u0639\u0627 \u0645\u0646 \u0623\u062c\u0644 \u0627\u0644\u0633\u0644\u0627\u0645. " * 10
RUSSIAN = "\u041c\u044b \u0434\u043e\u043b\u0436\u043d\u044b \u0440\u0430\u0431\u043e\u0442\u0430\u0442\u044c \u0432\u043c\u0435\u0441\u0442\u0435 \u0440\u0430\u0434\u0438 \u043c\u0438\u0440\u0430. " * 10
FRENCH = (
    "Nous devons agir ensemble pour la paix et le d\u00e9veloppement durable. "
    "Les peuples du monde attendent des r\u00e9sultats concrets de cette assembl\u00e9e. "
    "Chaque pays doit prendre ses responsabilit\u00e9s devant les g\u00e9n\u00e9rations futures."
)
CHINESE = "\u6211\u4eec\u5fc5\u987b\u5171\u540c\u884c\u52a8\u3002\u6211\u4eec\u4f1a\u6210\u529f\uff01\u8fd9\u662f\u771f\u7684\u5417\uff1f"


@pytest.mark.parametrize("text,script", [(ARABIC, "Arabic"), (RUSSIAN, "Cyrillic"), (FRENCH, "Latin"), (CHINESE, "Han")])
def test_not_english_is_detected_and_warned(text, script):
    with pytest.warns(analysis.LanguageWarning, match="does not look like English"):
        doc = analysis.segment(text)
    check = analysis.language_check(doc)
    assert check["script"] == script and check["is_english"] is False
    assert check["english_share"] < 0.15


def test_english_speech_passes_the_language_check(seed_body):
    check = analysis.language_check(seed_body)
    assert check["script"] == "Latin" and check["script_share"] == 1.0
    assert 0.35 <= check["english_share"] <= 0.6 and check["is_english"] is True
    assert check["words_checked"] == 914 and check["unpunctuated"] is False


def test_chinese_full_stops_end_sentences():
    assert _quiet(analysis.sentences, CHINESE) == [
        "\u6211\u4eec\u5fc5\u987b\u5171\u540c\u884c\u52a8\u3002", "\u6211\u4eec\u4f1a\u6210\u529f\uff01",
        "\u8fd9\u662f\u771f\u7684\u5417\uff1f",
    ]


def test_text_without_sentence_punctuation_is_flagged(seed_body):
    stripped = re.sub(r"[.!?]", "", seed_body)
    doc = analysis.segment(stripped)
    assert doc.n_sentences == 1 and doc.n_words >= 900
    assert doc.unpunctuated is True and analysis.language_check(doc)["unpunctuated"] is True
    assert analysis.segment("We must act now and together " * 10).unpunctuated is False  # 60 words: too short to say


# --- reading files ----------------------------------------------------------------


@pytest.mark.parametrize("codec,order", [("utf-16-le", "LE"), ("utf-16-be", "BE")])
def test_utf16_without_bom_is_named(tmp_path, codec, order):
    path = tmp_path / "speech.txt"
    path.write_bytes("Caf\u00e9 society must act. Nous agissons.".encode(codec))
    with pytest.raises(analysis.TextDecodeError, match=rf"speech\.txt: .*looks like UTF-16-{order} saved without a byte-order mark"):
        analysis.read_text(path)
    assert not path.read_bytes().startswith(codecs.BOM_UTF16_LE)


# --- robustness -------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = [
    "New York", "29 June 2018", "Remarks to the Council [as delivered]", "Mr. President,", "Excellencies,",
    "- Heads of State,", "**Mr. President,**", "Question: Why now?", "SG: Because we must.", "Secretary-General:",
    "Q:", "We must act.", "and we will", "THE HEADING", "1. STRENGTHENING", "* * *", "Share this:", "\u00a9 UN",
    "<p>", "</p>", "# Head", "| a | b |", "|---|", "&amp;", "[Applause]", "(check against delivery)",
    "The President.", "The President.\u2014", "\u2014", ":", "\u6211\u4eec\u3002", "Terror\u200bism", "coun\u00adter",
    "By the Office", "Dear friends,", "and Ladies and Gentlemen:", "Ana Ruiz, Spokesperson", "Original: French",
    "New York, 14 May 2025 \u2014 The text", "together.May", ". .", "\u2029", "\x0c", "**", "[x](http://a.org)",
]
_page = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(["\n", "\n\n", " ", ""])), max_size=16
).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=300, deadline=None)
@given(_page, st.sampled_from([None, "SG", "Question", "Nobody"]))
def test_any_page_segments_without_error_and_accounts_for_its_words(page, speaker):
    doc = _quiet(analysis.segment, page, speaker=speaker)
    if doc.turns:
        assert sum(t.words for t in doc.turns if t.kept) == doc.n_words
    assert set(analysis.header_fields(doc)) == {"title", "date", "place"}
    assert len(analysis.turns(doc)) == len(doc.turns)
    assert {r.kind for r in doc.removed} <= set(textmod.RemovedKind.__args__)
    for s in doc.sentences:
        assert s.words and len(s.words) == len(s.syllables)


# --- more page shapes ---------------------------------------------------------------


def test_title_wrapped_over_lines_of_a_pdf():
    text = (
        "Remarks of the Secretary-General to the\n"
        "Economic and Social Council\n"
        "New York, 5 July 2026\n"
        "\n"
        "Madam President,\n"
        "Excellencies,\n"
        "The economy of the world is uneven. Some countries recover\n"
        "quickly; others fall behind.\n"
        "Thank you.\n"
        "- 3 -"
    )
    doc = analysis.segment(text)
    assert analysis.header_fields(doc) == {
        "title": "Remarks of the Secretary-General to the Economic and Social Council",
        "date": "2026-07-05",
        "place": "New York",
    }
    assert _texts(doc) == ["The economy of the world is uneven.", "Some countries recover quickly; others fall behind.",
                           "Thank you."]
    assert doc.salutations == ("Madam President,", "Excellencies,")
    assert _removed(doc, "furniture")[-1] == "- 3 -"


def test_president_of_the_general_assembly_page():
    text = (
        "Statement by H.E. Mr. Tomas Berg, President of the 81st session of the United Nations General Assembly\n\n"
        "at the High-level Meeting on Antimicrobial Resistance\n\n"
        "18 September 2026\n\n"
        "Excellencies,\nDistinguished delegates,\nLadies and gentlemen,\n\n"
        "Good morning. Resistance to our medicines is rising. We cannot wait.\n\n"
        "I thank you.\n\n"
        "Related Links\nOffice of the President of the General Assembly"
    )
    doc = analysis.segment(text)
    assert _texts(doc) == ["Good morning.", "Resistance to our medicines is rising.", "We cannot wait.", "I thank you."]
    assert len(doc.salutations) == 3 and len(_removed(doc, "furniture")) == 5
    assert analysis.header_fields(doc)["date"] == "2026-09-18"


def test_press_turns_on_single_lines():
    text = (
        "Secretary-General's press encounter on the flooding\n\nGeneva, 2 February 2026\n\n"
        "SG: Let me say a few words. The floods are a warning.\n"
        "Q: Mr. Secretary-General, what will the UN do?\n"
        "SG: We will deploy teams today.\n"
        "Q: Thank you."
    )
    doc = analysis.segment(text)
    assert _texts(doc) == ["Let me say a few words.", "The floods are a warning.", "We will deploy teams today."]
    assert analysis.turns(doc)["kept"].tolist() == [True, False, True, False]


def test_signature_and_salutation_in_capitals_of_an_old_message():
    text = (
        "GENTLEMEN OF THE CONGRESS:\n\nThe year has been one of labor. We report progress.\n\n"
        "HEADS OF DEPARTMENTS\n\nThey have served well.\n\nHARRIET VANCE\nThe Executive Mansion,\nDecember 3, 1929."
    )
    doc = analysis.segment(text)
    assert _texts(doc) == ["The year has been one of labor.", "We report progress.", "They have served well."]
    assert [(r.kind, r.text) for r in doc.removed] == [
        ("salutation", "GENTLEMEN OF THE CONGRESS:"),
        ("heading", "HEADS OF DEPARTMENTS"),
        ("furniture", "HARRIET VANCE"),
        ("furniture", "The Executive Mansion,"),
        ("furniture", "December 3, 1929."),
    ]
