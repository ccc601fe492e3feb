"""The self-check a learner runs in the notebook: specific, safe feedback and a progress view."""

from __future__ import annotations

import json

import pytest
from IPython.utils.capture import capture_output

from medialit.grading import exercise


@pytest.fixture
def session(tmp_path):
    return exercise("00_warmup", folder=tmp_path)


def test_right_answer_shows_correct_with_text_and_colour(session):
    check, _ = session
    shown = check("q1", "C")
    assert repr(shown).startswith("✔ Correct — q1: 1/1 points")
    assert 'role="status"' in shown._repr_html_() and "✔ Correct" in shown._repr_html_()


def test_type_mistakes_get_a_plain_message(session):
    check, _ = session
    assert "put the items in braces" in repr(check("q2", "A, C, D"))
    assert "without quotes" in repr(check("q3", "1805"))
    assert "expected a function" in repr(check("q6", 3))


def test_partial_feedback_counts_without_giving_the_key(session):
    check, _ = session
    text = repr(check("q2", {"A", "E"}))
    assert "1 of the 3 expected" in text and "close to 700" in text and "Hint:" in text


def test_function_questions_run_hidden_inputs_and_survive_errors(session):
    check, _ = session

    def longest_paragraph(text):
        lines = [line for line in text.splitlines() if line.strip()]
        counts = [len(line.split()) for line in lines]
        return counts.index(max(counts)) + 1

    assert check("q6", longest_paragraph).result.status == "correct"
    assert check("q6", lambda text: 1 / 0).result.points == 0
    assert check("q6", lambda text: 1).result.status == "partial"


def test_progress_lists_what_is_left_and_is_saved(session, tmp_path):
    check, progress = session
    check("q1", "C")
    check("q3", 1800)
    view = repr(progress())
    assert "total 2/10" in view and "still to do: q2, q4, q5, q6" in view
    saved = json.loads((tmp_path / ".medialit" / "progress" / "00_warmup.json").read_text())
    assert saved["results"]["q1"]["status"] == "correct"
    again_check, again_progress = exercise("00_warmup", folder=tmp_path)
    assert "total 2/10" in repr(again_progress())


def test_corrupt_progress_file_is_moved_aside_not_lost(tmp_path, capsys):
    path = tmp_path / ".medialit" / "progress" / "00_warmup.json"
    path.parent.mkdir(parents=True)
    path.write_text("{broken", encoding="utf-8")
    check, progress = exercise("00_warmup", folder=tmp_path)
    assert "could not be read" in capsys.readouterr().err
    moved = list(path.parent.glob("00_warmup.corrupt-*.json"))
    assert len(moved) == 1 and moved[0].read_text() == "{broken"
    check("q1", "C")
    assert json.loads(path.read_text())["results"]["q1"]["points"] == 1


def test_unknown_question_names_the_real_ones(session):
    check, _ = session
    with pytest.raises(KeyError, match="q1, q2"):
        check("q9", "C")


def test_the_best_result_is_kept_and_a_blank_rerun_never_overwrites_it(session, tmp_path):
    check, progress = session
    assert check("q1", "C").result.status == "correct"
    blank = check("q1", ...)  # the learner re-runs the cell after clearing it
    assert blank.result.status == "unanswered"
    worse = check("q1", "E")
    assert worse.result.status == "incorrect"  # the learner still sees this answer's feedback
    assert "best result so far, 1/1, is kept" in repr(worse)
    assert "total 1/10" in repr(progress())
    saved = json.loads((tmp_path / ".medialit" / "progress" / "00_warmup.json").read_text())
    assert saved["results"]["q1"]["status"] == "correct"
    _, again = exercise("00_warmup", folder=tmp_path)
    assert "total 1/10" in repr(again())


def test_a_better_answer_replaces_a_worse_one(session):
    check, progress = session
    check("q2", {"A", "E"})
    check("q2", {"A", "C", "D"})
    assert "total 2/10" in repr(progress())


def test_a_letter_without_quotes_gets_a_plain_message(session):
    check, _ = session
    from medialit.corpus import load_articles

    b = load_articles(["B"])[0]  # in the notebooks, `b` is article B
    text = repr(check("q1", b))
    assert "put your answer in quotes" in text and 'answer_q1 = "b"' in text
    assert "article B" in text


def test_a_name_error_in_the_notebook_says_to_use_quotes(tmp_path):
    from IPython.testing.globalipapp import start_ipython

    shell = start_ipython()
    shell.run_cell(
        f"from medialit.grading import exercise\n"
        f"check, progress = exercise('00_warmup', folder={str(tmp_path)!r})"
    )
    with capture_output() as shown:
        shell.run_cell("answer_q1 = x")
    assert "NameError" in shown.stdout + shown.stderr
    assert "put it in quotes" in shown.stdout and 'answer_q1 = "x"' in shown.stdout


def test_without_keys_answers_are_recorded_for_the_teacher(tmp_path, monkeypatch):
    from medialit.grading import bank

    monkeypatch.setattr(bank, "SEALED_DIR", tmp_path / "hidden")  # as in the grader's sandbox
    bank.load_set.cache_clear()
    try:
        check, progress = exercise("00_warmup", folder=tmp_path)
        shown = check("q1", "C")
        assert shown.result.status == "recorded" and shown.result.points == 0
        assert "checked by your teacher" in repr(shown)
        assert check("q6", lambda text: 1).result.status == "recorded"
        assert check("q2", ...).result.status == "unanswered"
        view = repr(progress())
        assert "recorded, to be checked by your teacher: q1, q6" in view
    finally:
        bank.load_set.cache_clear()
