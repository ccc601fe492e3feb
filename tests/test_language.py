"""The loaded-language lens: a hand-made key, senses, voices from the parse, opinion signals,
neutral choices, rewrites, the lexicon's provenance, and a run over real wire copy."""

from __future__ import annotations

import csv

import pytest

from medialit.corpus import Article, find_quotations
from medialit.language import (
    TECHNIQUES,
    VOICES,
    find_loaded_language,
    language_json,
    language_summary,
    lexicon,
    loaded_html,
    loaded_table,
    neutral_rewrite,
    opinion_signals,
    rewrite_view,
    technique_name,
)
from medialit.paths import datasets_dir

# Loaded words in the author's own voice, marked by reading each paragraph (not from the detector).
# C ¶19's "war zone" is not C's: the sentence says the city "has been labeled a war zone by its
# own president", so the label is the president's.
HAND_KEY = {
    ("A", 1): {"battleground", "erupted", "aggressive", "spiraled", "full-scale", "unprecedented"},
    ("A", 6): set(),  # a factual paragraph: nothing should be flagged
    ("B", 2): {"battleground", "fierce"},
    ("C", 6): {"To be honest", "insurgent", "enemy"},
    ("C", 19): {"one thing is certain"},
    ("D", 1): {"heroically", "brutal", "repression", "far-right"},
    ("D", 2): {"unstoppable", "uprising", "massive"},
    ("D", 9): {"The straw that broke the camel's back", "savage", "militarised", "war operation"},
    ("E", 1): {"exploded", "massive"},
    ("E", 13): {"subdue", "vicious", "dictatorial"},
}


def _found(article, paragraph_number):
    paragraph = article.paragraph(paragraph_number)
    return {
        t.text
        for t in find_loaded_language(article)
        if t.voice == "author" and paragraph.start <= t.start < paragraph.end
    }


def _flags(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.voice) for t in find_loaded_language(Article.from_text(text, id="unseen"))]


def test_precision_and_recall_on_the_hand_key(by_id):
    hits = found_total = key_total = 0
    for (article_id, number), key in HAND_KEY.items():
        found = _found(by_id[article_id], number)
        hits += len(found & key)
        found_total += len(found)
        key_total += len(key)
    precision, recall = hits / found_total, hits / key_total
    print(
        f"\nloaded language, hand key of {key_total} words in 10 paragraphs: "
        f"precision {precision:.2f}, recall {recall:.2f}"
    )
    assert precision >= 0.9 and recall >= 0.8


# --- senses: the false alarms ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kinshasa lies on the Congo River, opposite Brazzaville.",  # a verb of place, not "lies"
        "Doctors said the greatest risk was to children.",  # a superlative, not an exaggeration
        "The new variant is a more dangerous strain than the last one.",  # a comparison
        "The suspect allegedly fired twice at the officers.",  # a hedge, not Doubt
        "A bomb exploded outside the station on Tuesday.",  # a literal explosion
        "Turkey began a military offensive followed by a ground invasion.",  # a real army
        "Both parents faced seven counts of cruelty to a dependent adult.",  # the name of a charge
        "Saudi Arabia backed the government against the Houthi rebellion.",  # a named conflict
        "The advisory noted dangerous surf conditions offshore.",  # danger from the sea
    ],
)
def test_literal_and_technical_senses_are_not_flagged(text):
    assert _flags(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("His lies about the budget were exposed.", "lies"),
        ("Protesters stormed the parliament building.", "stormed"),
        ("The city exploded in protest after the verdict.", "exploded"),
        ("Critics say the plan will unleash chaos.", "chaos"),
        ("Police said a dangerous mob had gathered.", "dangerous"),
    ],
)
def test_figurative_and_judging_senses_are_flagged(text, word):
    assert word in [t for t, _ in _flags(text)]


# --- the widened lexicon: other genres, both sides, and the guards that keep wire copy quiet -----

# Sentences written for these tests in the styles the lexicon was widened for (partisan opinion
# from both sides, tabloid, advocacy, state media, sport, speeches), with the words a reader
# trained on propaganda labels would mark.
@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "The radical left launched another witch hunt, and the fake news media cheered.",
            {"radical left", "witch hunt", "fake news"},
        ),
        (
            "Republicans rammed through a cruel bill that guts health care for millions.",
            {"rammed through", "cruel", "guts"},
        ),
        ("Greedy oil barons are torching the planet for profit.", {"Greedy", "barons", "torching"}),
        (
            "The dictator's henchmen brutally crushed the protests.",
            {"henchmen", "brutally", "crushed"},
        ),
        ("Heartless yobs trashed a playground in a sickening attack.", {"trashed", "sickening"}),
        ("Weak politicians have allowed these radical activists to sow chaos.",
         {"Weak", "radical", "sow chaos"}),
        ("The pop star's bombshell confession left her bandmates absolutely devastated.",
         {"bombshell", "absolutely", "devastated"}),
        ("The hearing was a circus and the ruling a travesty.", {"circus", "travesty"}),
        (
            "The heretical bishops are wreaking havoc in the Church.",
            {"heretical", "wreaking havoc"},
        ),
        ("United were humiliated after the defence was torn apart.", {"humiliated", "torn apart"}),
        ("Critics called the deal a slap in the face to every teacher.", {"slap in the face"}),
    ],
)
def test_loaded_words_of_other_genres_are_found(text, words):
    found = {t for t, _ in _flags(text)}
    assert words <= found, words - found


@pytest.mark.parametrize(
    "text",
    [
        "The fire gutted the building on Tuesday night.",  # gut: a fire, a building
        "Arsonists torched cars and a police station.",  # torch: arson, said plainly
        "The roof caved in after the storm.",  # cave: a roof
        "The concert sold out within an hour.",  # sell out: tickets
        "The device was rigged with explosives.",  # rig: a bomb
        "Researchers found radical changes in the ice sheet.",  # radical: not said of people
        "Great white sharks are apex predators.",  # predator: animals
        "The disaster killed thirty people.",  # disaster: the thing itself, not a verdict
        "The slug's glue is non-toxic to human tissue.",  # non-toxic
        "Costumes included Belle from Beauty and the Beast.",  # part of a title
        "The offensive line held firm in the fourth quarter.",  # sport
        "Toxic chemicals leaked into the river.",  # toxic: literal
        "The attack on the embassy killed two guards.",  # attack on: a place, not democracy
        "Desperate families fled the flooding.",  # desperate: said of people in need
        "She died of heart failure in March.",  # failure: not a verdict
        "The crisis in the region deepened after the vote.",  # crisis: the thing itself
    ],
)
def test_literal_senses_of_new_words_stay_quiet(text):
    assert _flags(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("This law is an attack on democracy.", "attack on"),
        ("It was a desperate attempt to change the subject.", "desperate"),
        ("The rollout was a total failure.", "failure"),
        ("The situation at the border is a crisis.", "crisis"),
        ("These radical activists want to abolish the police.", "radical"),
    ],
)
def test_the_same_words_are_flagged_as_verdicts(text, word):
    assert word in [t for t, _ in _flags(text)]


def test_idioms_match_in_any_inflection():
    for text in ("They wreaked havoc.", "He is wreaking havoc.", "The storm wreaks havoc."):
        assert [t for t, _ in _flags(text)][0].lower().endswith("havoc")
    assert _flags("Bosses sowed division among staff.")[0][0] == "sowed division"


# --- voice from the parse ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor called the plan “a total catastrophe for our city.”",
            [("catastrophe", "quoted")],
        ),
        (
            "He said the ‘invaders’ were ‘thugs’, but Trump’s aides disagreed.",
            [("invaders", "quoted"), ("thugs", "quoted")],
        ),
        (
            'Critics said the "draconian" rule would cause chaos.',
            [("draconian", "quoted"), ("chaos", "attributed paraphrase")],
        ),
        (
            "“This is a catastrophe,” she said. The brutal crackdown continued.",
            [("catastrophe", "quoted"), ("brutal", "author"), ("crackdown", "author")],
        ),
        ("The workers’ union slammed the deal.", [("slammed", "author")]),
        (
            "According to officials, the mob stormed the building.",
            [("mob", "attributed paraphrase"), ("stormed", "attributed paraphrase")],
        ),
        (
            "The rioters looted shops, the mayor said.",
            [("rioters", "attributed paraphrase")],
        ),
        ("Supporters chanted “Build the wall!” outside.", [("Build the wall", "quoted")]),
        ("The president tweeted: Build the wall now.", [("Build the wall", "quoted")]),
        (
            "Marchers carried signs reading No justice, no peace.",
            [("No justice, no peace", "quoted")],
        ),
        ("The crowd chanted lock her up.", [("lock her up", "quoted")]),
        ("We must build the wall.", [("build the wall", "author")]),
        (
            "The senator tweeted that the thugs had won.",
            [("thugs", "attributed paraphrase")],
        ),
        (
            "There is no evidence for the idea that the city is under siege.",
            [("under siege", "attributed paraphrase")],
        ),
        (
            "The governor was labelled a tyrant by his rivals.",
            [("tyrant", "attributed paraphrase")],
        ),
        (
            "Officials confirmed the raid — a move that further inflamed tensions.",
            [("inflamed", "author")],
        ),
    ],
)
def test_voice_on_unseen_sentences(text, expected):
    assert _flags(text) == expected


def test_the_speaker_is_named_where_the_parse_shows_one():
    found = find_loaded_language(
        Article.from_text("The mayor said the mob had attacked the station.", id="s")
    )
    assert [(t.text, t.speaker) for t in found] == [("mob", "mayor")]


def test_headline_labels_belong_to_whom_the_headline_names(by_id):
    c = by_id["C"]
    headline = c.sentences[0]
    found = [t for t in find_loaded_language(c) if t.start < headline.end]
    voices = {t.text: (t.voice, t.speaker) for t in found}
    assert voices["Crackdown"] == ("author", "")  # C's own word for the order
    assert voices["Criminals"] == ("quoted", "Trump")  # "Calling City 'Occupied' by … Criminals"


def test_c_does_not_own_the_labels_it_rejects_or_attributes(by_id):
    c = by_id["C"]
    voices = {t.text: t.voice for t in find_loaded_language(c)}
    # "little public evidence … to support the idea that federal agents are under siege"
    assert voices["under siege"] == "attributed paraphrase"
    # "a major American city has been labeled a war zone by its own president"
    assert voices["war zone"] == "attributed paraphrase"


def test_a_owns_its_sobering_and_inflamed(by_id):
    a = by_id["A"]
    own = {(t.text, a.sentence_at(t.start).paragraph) for t in find_loaded_language(a)
           if t.voice == "author"}
    assert ("sobering", 11) in own  # "the Los Angeles Times offered sobering updates"
    assert ("inflamed", 2) in own  # "— a move that has further inflamed tensions"
    quoted = [t for t in find_loaded_language(a) if t.text == "inflamed" and t.voice != "author"]
    assert [a.sentence_at(t.start).paragraph for t in quoted] == [10]  # Korotchenko's quotation


def test_words_inside_quotations_are_never_the_authors(articles):
    for article in articles:
        quotes = find_quotations(article.text)
        for t in find_loaded_language(article):
            if any(q.start <= t.start < q.end for q in quotes):
                assert t.voice == "quoted", t


def test_quotations_spanning_sentences():
    text = Article.from_text(
        "“We will not be silenced. This regime is a tyranny,” the leader said. "
        "Officials disagreed.",
        id="q",
    )
    assert {(t.text, t.voice) for t in find_loaded_language(text)} == {
        ("regime", "quoted"),
        ("tyranny", "quoted"),
    }


def test_apostrophes_do_not_open_quotations():
    text = Article.from_text(
        "The country’s brutal winter and the workers’ savage hours made news.", id="a"
    )
    assert [t.voice for t in find_loaded_language(text)] == ["author", "author"]


def test_an_interview_transcript_is_not_the_authors_voice():
    text = Article.from_text(
        "The author spoke to us about her novel.\n\n((WN)) Why this story?\n\n"
        "Jane Doe It was a brutal time, and we lived through it.",
        id="i",
    )
    assert [(t.text, t.voice) for t in find_loaded_language(text)] == [("brutal", "quoted")]
    signals = opinion_signals(text)
    assert signals["rhetorical_questions"] == 0 and signals["first_person"] == 1  # "us", intro


# --- what a flag carries --------------------------------------------------------------------------


def test_a_flag_offers_contested_choices_and_says_why_here():
    (flag,) = find_loaded_language(
        Article.from_text("The plan targets illegals in the city.", id="f")
    )
    assert flag.technique == "Name_Calling,Labeling"
    assert flag.technique_name == "Name calling / labelling"
    assert flag.alternatives == (
        "undocumented immigrants",
        "people without legal status",
        "unauthorised migrants",
    )
    assert "contested" in flag.trade_off
    assert flag.neutral == "undocumented immigrants"
    assert "author's own voice" in flag.why and flag.explanation in flag.why
    brutal = find_loaded_language(Article.from_text("It was a brutal repression.", id="b"))[0]
    assert "“repression”" in brutal.why  # what the word is said of, read from the tree


def test_json_carries_the_new_fields_and_keeps_the_old(by_id):
    item = language_json(by_id["D"])["loaded"][0]
    for key in ("text", "technique", "technique_name", "intensity", "voice", "speaker",
                "neutral", "alternatives", "trade_off", "why", "start", "end"):
        assert key in item
    assert by_id["D"].text[item["start"] : item["end"]] == item["text"]


def test_technique_names_cover_every_label():
    assert {e.technique for e in lexicon()} <= set(TECHNIQUES)
    assert technique_name("Appeal_to_fear-prejudice") == "Appeal to fear / prejudice"
    assert all(technique_name(t) != t.replace("_", " ") or t == "Doubt" for t in TECHNIQUES[:3])


# --- the lexicon and its provenance -------------------------------------------------------------


def test_lexicon_is_documented_with_parts_of_speech_and_provenance():
    entries = lexicon()
    assert len(entries) >= 700
    assert all(e.explanation and 1 <= e.intensity <= 3 for e in entries)
    assert len({e.term.lower() for e in entries}) == len(entries)
    pos = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
    assert all(e.pos <= pos and (e.pos or " " in e.term or "-" in e.term) for e in entries)
    assert {e.source for e in entries} == {"kit", "vader"}
    vader = [e for e in entries if e.source == "vader"]
    # VADER was a candidate generator at |valence| >= 1.8; each kept word carries its valence
    assert len(vader) >= 120 and all(e.valence is not None and abs(e.valence) >= 1.8 for e in vader)
    with open(datasets_dir() / "lexicons" / "loaded_language.csv", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["term", "pos", "technique", "intensity", "alternatives", "trade_off",
                      "explanation", "guard", "source", "valence"]
    assert "vader" in (datasets_dir() / "README.md").read_text(encoding="utf-8").lower()


def test_every_guard_in_the_lexicon_is_one_the_code_knows():
    known = {"not_compared", "figurative", "not_military", "group_label", "not_charge", "not_named"}
    known |= {"predicate", "of_people"}
    for entry in lexicon():
        for guard in entry.guards:
            prefixed = guard.startswith(("unless:", "literal:", "only:"))
            assert guard in known or prefixed, (entry.term, guard)


# --- opinion signals --------------------------------------------------------------------------


def test_opinion_signals_on_unseen_text():
    text = Article.from_text(
        "We must act now! Do you really believe them? I think not. Join us on Saturday.\n"
        "“We are ready,” our source said.",
        id="o",
    )
    signals = opinion_signals(text)
    assert signals["exclamations"] == 1 and signals["rhetorical_questions"] == 1
    assert signals["call_to_action"] == 2 and signals["second_person"] == 1
    assert signals["first_person"] == 4  # We, I, us, our — not the quoted "We"


@pytest.mark.parametrize(
    ("text", "first_person", "calls"),
    [
        ("Funding for Title I schools was cut in March.", 0, 0),  # "I" of a name, not a pronoun
        ("We will win this. we will not give up.", 2, 0),  # any case counts
        ("Let's be honest, the plan has problems.", 1, 0),  # a discourse marker, not a call
        ("Call your representative today.", 0, 1),
        ("Let us stand together.", 1, 1),
        ("We must act now.", 1, 1),
        ("It is urgent to organise a response.", 0, 1),
    ],
)
def test_first_person_and_calls_to_action_from_the_parse(text, first_person, calls):
    signals = opinion_signals(Article.from_text(text, id="s"))
    assert (signals["first_person"], signals["call_to_action"]) == (first_person, calls)


def test_questions_in_headings_are_not_rhetorical():
    text = Article.from_text(
        "What happens now?\n\nThe council meets on Monday. Will it vote? Nobody knows.", id="h"
    )
    assert text.sentences[0].kind == "heading"
    assert opinion_signals(text)["rhetorical_questions"] == 1


def test_opinion_signals_separate_the_column_from_the_wire_report(by_id):
    assert opinion_signals(by_id["B"]) == {
        "first_person": 0,
        "second_person": 0,
        "rhetorical_questions": 0,
        "call_to_action": 0,
        "exclamations": 0,
    }
    assert opinion_signals(by_id["C"])["rhetorical_questions"] == 3  # three in the body
    assert opinion_signals(by_id["C"])["call_to_action"] == 0  # "Let's be honest" is not one
    # "We must understand…", "Let us win…", "It is urgent to articulate…"
    assert opinion_signals(by_id["D"])["call_to_action"] == 3
    assert opinion_signals(by_id["D"])["first_person"] >= 5


# --- summaries, rewrites, views ----------------------------------------------------------------


def test_summary_ranks_author_voice_density(articles):
    density = {a.id: language_summary(a)["author_per_100_words"] for a in articles}
    assert density["D"] > density["E"] > density["A"] > density["C"] > density["B"]
    b = language_summary(articles[1])
    assert b["quoted_per_100_words"] > b["author_per_100_words"]


def test_neutral_rewrite_leaves_no_lexicon_term():
    sentence = (
        "The brutal crackdown by the far-right regime has spiraled into chaos, critics slammed."
    )
    rewritten = neutral_rewrite(sentence)
    assert (
        rewritten
        == "The harsh enforcement operation by the right-wing government has escalated into "
        "disorder, critics criticised."
    )
    assert find_loaded_language(Article.from_text(rewritten, id="r")) == []


def test_rewrite_of_a_paragraph_reads_the_articles_own_parse(by_id):
    d = by_id["D"]
    rewritten = neutral_rewrite(d, paragraph=1)
    assert "heroically" not in rewritten and "brutal" not in rewritten
    assert rewritten.startswith("The images of tens of thousands of protesters")
    assert "far-right" in rewrite_view(d, paragraph=1).html  # the original, beside the rewrite


def test_html_view_and_table_show_choices_and_reasons(by_id):
    page = loaded_html(by_id["D"])
    assert "title=" in page and "Neutral:" in page and "text-decoration:underline" in page
    assert "Name calling / labelling" in page and "<b>Bold</b>" in page
    table = loaded_table(by_id["D"], voice="author")
    assert list(table.columns) == [
        "¶", "words", "technique", "intensity", "voice", "speaker", "neutral choices", "why"
    ]
    assert (table["voice"] == "author").all() and table["why"].str.len().min() > 20


# --- real wire copy -------------------------------------------------------------------------------


def test_the_lens_runs_on_all_171_wikinews_articles_and_stays_quiet(wikinews):
    articles = wikinews
    assert len(articles) == 171
    author = words = 0
    for article in articles:
        found = find_loaded_language(article)
        opinion_signals(article)
        for t in found:
            assert article.text[t.start : t.end] == t.text and t.voice in VOICES
        author += sum(t.voice == "author" for t in found)
        words += article.words
    # neutral-policy wire copy: well under one own-voice flag per 1,000 words
    assert 1000 * author / words < 1.0
