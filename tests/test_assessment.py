"""d′ rewards telling well- from poorly-supported passages, not suspicion."""

from __future__ import annotations

import pytest

from medialit.assessment import class_summary, d_prime, items, save_result, score_responses


def _answers(which, flag):
    return {item.id: ("unsupported" if flag(item) else "supported") for item in items(which)}


def test_sets_are_balanced_and_distinct():
    pre, post = items("pre"), items("post")
    assert len(pre) == len(post) == 8
    assert {i.text for i in pre}.isdisjoint({i.text for i in post})
    for which in (pre, post):
        assert sum(i.label == "unsupported" for i in which) == 4
    with pytest.raises(ValueError):
        items("mid")


def test_flagging_everything_scores_zero_not_full_marks():
    everything = score_responses("pre", _answers("pre", lambda i: True))
    assert everything.hits == 4 and everything.false_alarms == 4 and everything.d_prime == 0
    nothing = score_responses("pre", {})
    assert nothing.d_prime == 0


def test_discrimination_scores_high_and_inversion_scores_negative():
    perfect = score_responses("post", _answers("post", lambda i: i.label == "unsupported"))
    inverted = score_responses("post", _answers("post", lambda i: i.label == "supported"))
    assert perfect.d_prime == pytest.approx(2.563, abs=0.01)  # z(4.5/5) − z(0.5/5)
    assert inverted.d_prime == -perfect.d_prime


def test_d_prime_formula():
    assert d_prime(3, 1, 1, 3) == pytest.approx(1.049, abs=0.01)  # z(3.5/5) − z(1.5/5)


def test_results_are_saved_per_learner_and_summarised(tmp_path):
    save_result("pre", _answers("pre", lambda i: True), learner="ana", folder=tmp_path / "ana")
    save_result(
        "post",
        _answers("post", lambda i: i.label == "unsupported"),
        learner="ana",
        folder=tmp_path / "ana",
    )
    save_result("pre", {}, learner="ben", folder=tmp_path / "ben")
    summary = class_summary(tmp_path).set_index("learner")
    assert summary.loc["ana", "d′ before"] == 0 and summary.loc["ana", "change"] > 2
    assert (
        summary.loc["ben", "d′ after"] is None
        or summary.loc["ben", "d′ after"] != summary.loc["ben", "d′ after"]
    )
    with pytest.raises(ValueError, match="ratings must be"):
        save_result("pre", {"pre1": "maybe"}, folder=tmp_path)
