"""One learner name, asked once: the Annotator, the assessment and the progress record share it."""

from __future__ import annotations

import json

from medialit.assessment import describe_d_prime, save_result
from medialit.corpus import load_articles
from medialit.learner import remember_learner, remembered_learner
from medialit.progress import lesson_done
from medialit.widgets.annotator import Annotator
from medialit.widgets.capstone import assessment_form


def test_the_name_given_in_the_annotator_is_used_by_assessment_and_progress(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_LEARNER", raising=False)
    notebooks = tmp_path / "notebooks"
    annotator = Annotator(load_articles(["A"])[0], folder=notebooks)
    assert annotator.learner == ""
    annotator.learner = "Mei Lin"
    form = assessment_form("pre", folder=str(notebooks))
    assert form.name.value == "Mei_Lin"
    for toggle in form.toggles.values():
        toggle.value = "supported"
    form.submit()
    assert (notebooks / ".medialit" / "assessment" / "Mei_Lin.json").exists()
    assert "for Mei_Lin" in lesson_done("01_sourcing", folder=notebooks)
    # exercises/ sits beside notebooks/: a name remembered at the kit's root reaches both
    remember_learner("Mei Lin", tmp_path)
    assert remembered_learner(tmp_path / "exercises") == "Mei_Lin"
    assert save_result("post", {}, folder=notebooks).name == "Mei_Lin.json"


def test_the_form_asks_for_a_name_only_when_none_is_known(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_LEARNER", raising=False)
    form = assessment_form("pre", folder=str(tmp_path))
    assert form.name.value == "" and form.children[0] is form.name
    for toggle in form.toggles.values():
        toggle.value = "unsupported"
    form.submit()
    assert "Type your name first" in form.result.value
    assert not (tmp_path / ".medialit" / "assessment").exists()
    form.name.value = "Jo"
    form.submit()
    saved = json.loads((tmp_path / ".medialit" / "assessment" / "Jo.json").read_text())
    assert saved["pre"]["score"]["hits"] == 4
    assert remembered_learner(tmp_path) == "Jo"  # the next Annotator will not ask again
    assert Annotator(load_articles(["A"])[0], folder=tmp_path).learner == "Jo"


def test_a_form_drawn_before_the_name_was_given_uses_it_when_submitted(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_LEARNER", raising=False)
    post = assessment_form("post", folder=str(tmp_path))  # run-all draws it before any name
    remember_learner("Ola", tmp_path)  # given later, in the pre-assessment or an Annotator
    for toggle in post.toggles.values():
        toggle.value = "supported"
    post.submit()
    assert (tmp_path / ".medialit" / "assessment" / "Ola.json").exists()


def test_d_prime_is_explained_in_words_beside_the_number(tmp_path):
    form = assessment_form("pre", learner="ana", folder=str(tmp_path))
    for toggle in form.toggles.values():
        toggle.value = "unsupported"  # flagging everything
    form.submit()
    assert "d′ = 0.00. In words: about chance" in form.result.value
    assert "excellent" in describe_d_prime(2.56)
    assert "more well-supported" in describe_d_prime(-2.56)
    labels = [label for label, _ in next(iter(form.toggles.values())).options]
    assert labels == ["well supported", "poorly supported"]  # whole words, nothing cut
