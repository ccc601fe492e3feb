"""Atomic saving, corrupt files moved aside, and learners' span files."""

from __future__ import annotations

import json

import pytest

from medialit.annotations import annotation_path, learner_name, load_spans, save_spans, saved_spans
from medialit.storage import CorruptFileError, atomic_write_text, load_json


def test_atomic_write_replaces_whole_file_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "deep" / "file.json"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]


def test_saved_files_get_the_usual_permissions_not_private_ones(tmp_path):
    import os
    import stat

    new = atomic_write_text(tmp_path / "new.txt", "x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o640)
    atomic_write_text(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_corrupt_json_is_moved_aside_with_a_clear_message(tmp_path):
    target = tmp_path / "a.json"
    target.write_bytes(b"\xff\xfe not json")
    with pytest.raises(CorruptFileError, match="was kept as") as info:
        load_json(target)
    assert info.value.moved_to.read_bytes() == b"\xff\xfe not json"
    assert not target.exists()
    assert load_json(target, default={}) == {}


def test_spans_round_trip_per_learner_and_article(tmp_path):
    spans = [{"start": 3, "end": 9, "label": "source", "text": "Police", "note": "named"}]
    path = save_spans("A", spans, learner="Ana María", folder=tmp_path)
    assert path == tmp_path / "annotations" / "Ana_María" / "A.json"
    assert json.loads(path.read_text())["format"] == "medialit-annotations/1"
    loaded = load_spans("A", learner="Ana María", folder=tmp_path)
    assert loaded[0].start == 3 and loaded[0].note == "named"
    assert saved_spans("A", label="number", learner="Ana María", folder=tmp_path) == []


def test_learner_names_are_safe_file_names(monkeypatch):
    monkeypatch.delenv("MEDIALIT_LEARNER", raising=False)
    assert learner_name("../../etc") == "etc"
    assert learner_name("  ") == "learner"
    monkeypatch.setenv("MEDIALIT_LEARNER", "kim")
    assert learner_name() == "kim"


def test_single_learner_folder_is_found_when_no_name_is_given(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_LEARNER", raising=False)
    save_spans("E", [{"start": 0, "end": 4, "label": "number"}], learner="zoe", folder=tmp_path)
    assert annotation_path("E", folder=tmp_path).parent.name == "zoe"
    assert len(saved_spans("E", folder=tmp_path)) == 1


def test_corrupt_span_file_warns_and_is_kept(tmp_path):
    path = annotation_path("B", learner="lee", folder=tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("not json", encoding="utf-8")
    with pytest.warns(UserWarning, match="could not be read"):
        assert load_spans("B", learner="lee", folder=tmp_path) == []
    assert len(list(path.parent.glob("B.corrupt-*.json"))) == 1
