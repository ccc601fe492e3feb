"""Items that test understanding, and scoring that keyword lists cannot fool (on the real keys)."""

from __future__ import annotations

import re
from collections import Counter

import nbformat
import pytest

from medialit.grading.bank import load_set, read_plain
from medialit.grading.build import QUESTION_HEADING
from medialit.grading.choices import LETTERS, letter_orders
from medialit.grading.questions import score

from .conftest import ROOT

KEYS = sorted((ROOT / "solutions" / "keys").glob("*.toml"))


def _right_letters() -> dict[str, list[str]]:
    plain = [(p.stem, read_plain(p)["questions"]) for p in KEYS]
    by_set: dict[str, list[str]] = {}
    for (set_id, qid), order in letter_orders(plain).items():
        question = next(q for q in dict(plain)[set_id] if q["id"] == qid)
        right = next(n for n, i in enumerate(order) if question["options"][i].get("right"))
        by_set.setdefault(set_id, []).append(LETTERS[right])
    return by_set


def test_answer_letters_are_balanced_in_each_set_and_across_the_kit():
    by_set = _right_letters()
    kit = Counter(letter for letters in by_set.values() for letter in letters)
    assert sum(kit.values()) >= 8 and max(kit.values()) - min(kit.values()) <= 1, kit
    for set_id, letters in by_set.items():
        counts = Counter(letters)
        assert max(counts.values()) - min(counts.get(x, 0) for x in "abcd"[: len(letters)]) <= 1, (
            set_id,
            letters,
        )


def test_solutions_answer_with_the_letters_the_build_assigned():
    for set_id, letters in _right_letters().items():
        text = (ROOT / "solutions" / f"{set_id}.ipynb").read_text(encoding="utf-8")
        given = re.findall(r'answer_q\d+ = \\"([a-h])\\"', text)
        assert given == letters, set_id


def test_every_question_states_its_answer_format():
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        questions = [c for c in notebook.cells if QUESTION_HEADING.match(c.source)]
        assert questions, path.name
        for cell in questions:
            assert "**Answer format:**" in cell.source, (path.name, cell.source[:40])


def test_no_stray_placeholder_is_left_in_an_exercise():
    text = (ROOT / "exercises" / "03_loaded_language.ipynb").read_text(encoding="utf-8")
    assert "paragraph = ..." not in text


def test_function_hints_hold_no_code_to_copy():
    for path in KEYS:
        for question in read_plain(path)["questions"]:
            if question["kind"] == "function":
                assert not re.search(r"re\.\w+\(|r'|r\"", question.get("hint", "")), question["id"]


# --- scoring that keyword lists cannot fool ---------------------------------------------------


def test_every_spelling_of_a_source_counts_once_and_repeats_cost():
    question = load_set("01_sourcing").question("q2")
    right = {"Bloomberg", "CNN", "NewsNation", "Gazeta.ru", "Los Angeles Times"}
    assert score(question, right).status == "correct"
    assert score(question, right | {"LA Times"}).points < question.points
    variants = {"NewsNationNow", "NewNationNow", "Gazeta", "Russian Gazeta", "LA Times"}
    every_spelling = score(question, right | variants)
    assert every_spelling.points == 0 and "give each once" in every_spelling.feedback


@pytest.mark.parametrize("pointer", ["the", "Tr", "war", "400", "Angeles"])
def test_fragments_are_not_evidence(pointer):
    question = load_set("04_capstone").question("q3")
    answer = {
        "A": {"source": pointer, "figure": pointer, "loaded": pointer},
        "D": {"source": pointer, "figure": pointer, "loaded": pointer},
    }
    assert score(question, answer).points == 0


def test_a_quoted_word_is_not_the_authors_voice_and_whole_evidence_passes():
    question = load_set("04_capstone").question("q3")
    good = {
        "A": {"source": "Bloomberg", "figure": "over 400", "loaded": "battleground"},
        "D": {"source": "Trump", "figure": "72,179", "loaded": "brutal"},
    }
    assert score(question, good).status == "correct"
    quoted = {**good, "D": {**good["D"], "loaded": "invaders"}}  # Trump's word, in quotation marks
    result = score(question, quoted)
    assert result.status == "partial" and "D loaded" in result.feedback


REWRITE = (
    "Trump is prepared to use ICE officers, the National Guard and US troops against workers and "
    "young people who are protesting against his rule in LA and across the US."
)


def test_a_real_neutral_sentence_is_pre_scored_and_marked_for_review():
    result = score(load_set("03_loaded_language").question("q7"), REWRITE)
    assert result.status == "correct" and result.needs_review
    assert "marked for your teacher to review" in result.feedback


@pytest.mark.parametrize(
    "answer",
    [
        "Trump National Guard troops workers",  # the keep words alone
        "Trump, National Guard, troops, workers, LA, US, ICE, youth, rule, use.",
        "Trump sends the National Guard.",  # a sentence, but the facts are gone
        REWRITE.replace("protesting against his rule", "rising up against his vicious rule"),
    ],
)
def test_keyword_lists_and_loaded_or_thin_rewrites_score_below_full_marks(answer):
    question = load_set("03_loaded_language").question("q7")
    result = score(question, answer)
    assert result.points < question.points and result.needs_review


def test_letters_turn_over_evenly_and_are_fixed_by_the_seed():
    options = [{"text": "right", "right": True}] + [{"text": f"wrong {n}"} for n in range(3)]
    sets = [
        (f"s{n}", [{"id": f"q{i}", "options": options} for i in range(n + 3)]) for n in range(4)
    ]
    orders = letter_orders(sets)
    assert orders == letter_orders(sets)  # the same keys always build the same notebooks
    rights = Counter(order.index(0) for order in orders.values())
    assert max(rights.values()) - min(rights.values()) <= 1, rights
    assert len({tuple(order) for order in orders.values()}) > 4  # wrong options shuffled too


# --- evidence the key answers itself: the words that show where the kit goes wrong ------------


@pytest.mark.parametrize(
    ("pointer", "right"),
    [
        ("lectures us", True),
        ("that lectures us on human rights", True),  # a few words around it are fine
        ("us", False),  # part of the evidence
        ("Hakan Fidan", False),  # the kit's finding, not the text's evidence
        ("The same country that lectures us on human rights is now", False),  # half the sentence
        ("Lectures  US", True),  # any case, any run of spaces
        ("lectures u", False),  # a cut word
    ],
)
def test_the_machine_is_wrong_evidence_must_cover_the_keyed_words(pointer, right):
    question = load_set("01_sourcing").question("q11")
    result = score(question, {"A": {"words": pointer}})
    assert (result.status == "correct") is right, result.feedback


def test_keyed_figures_need_their_modifier_and_their_place_and_quotes_may_be_straight():
    figures = load_set("02_numbers").question("q1")
    right = {"B": {"figure": "2,000"}, "D": {"figure": "more than 2,000"}, "E": {"figure": "2,000"}}
    assert score(figures, right).status == "correct"
    bare = score(figures, {**right, "D": {"figure": "2,000"}})
    assert bare.status == "partial" and "D figure" in bare.feedback
    elsewhere = score(figures, {**right, "B": {"figure": "1 million"}})  # a figure, not this one
    assert elsewhere.status == "partial" and "B figure" in elsewhere.feedback
    question = load_set("04_capstone").question("q1")
    assert score(question, {"C": {"words": 'But a full-blown "migrant riot"?'}}).status == "correct"
    assert score(question, {"C": {"words": "What happens now?"}}).points == 0  # a sub-head


def test_a_pointer_not_in_a_dict_gets_a_plain_message():
    result = score(load_set("01_sourcing").question("q11"), {"A": "lectures us"})
    assert result.points == 0 and '{"A": {"words": "…"}}' in result.feedback
