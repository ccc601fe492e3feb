"""`medialit build`: exercises are generated from solutions, and drift is caught."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from medialit.grading.build import build, exercise_from_solution, strip_solutions

from .conftest import ROOT, run_cli


def test_solution_regions_become_placeholders():
    source = (
        "x = 1\n# BEGIN SOLUTION\nanswer_q1 = {'A', 'B'}\n# END SOLUTION\ncheck('q1', answer_q1)"
    )
    assert (
        strip_solutions(source) == "x = 1\nanswer_q1 = ...  # your answer\ncheck('q1', answer_q1)"
    )


def test_function_solution_keeps_signature_and_docstring():
    source = (
        '# BEGIN SOLUTION\ndef f(text, n=2):\n    """Say why."""\n    return text * n\n'
        "# END SOLUTION"
    )
    stripped = strip_solutions(source)
    assert stripped == 'def f(text, n=2):\n    """Say why."""\n    ...  # your code here'
    namespace = {}
    exec(stripped, namespace)
    assert namespace["f"]("x") is None


def test_unclosed_region_is_an_error():
    with pytest.raises(ValueError, match="END SOLUTION"):
        strip_solutions("# BEGIN SOLUTION\nx = 1")


def test_teacher_cells_outputs_and_answers_are_removed():
    solution = nbformat.read(ROOT / "solutions" / "00_warmup.ipynb", as_version=4)
    exercise = exercise_from_solution(solution, "00_warmup")
    text = nbformat.writes(exercise)
    assert "Teacher's note" not in text and "BEGIN SOLUTION" not in text
    assert '"C", "D", "A", "E", "B"' not in text and "counts.index" not in text
    assert exercise.metadata["medialit"] == {"exercise": "00_warmup"}
    assert len(exercise.cells) == len(solution.cells) - 1


def test_repository_exercises_are_up_to_date():
    result = run_cli("build", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_drift_is_detected_and_fixed(tmp_path, monkeypatch):
    import medialit.grading.build as build_module

    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    keys = tmp_path / "keys"
    shutil.copytree(build_module.SEALED_DIR, keys)
    monkeypatch.setattr(build_module, "SEALED_DIR", keys)
    assert build(tmp_path, check=True) == []
    solution = nbformat.read(tmp_path / "solutions" / "00_warmup.ipynb", as_version=4)
    solution.cells[0].source += "\n\nA new sentence."
    nbformat.write(solution, tmp_path / "solutions" / "00_warmup.ipynb")
    stale = build(tmp_path, check=True)
    assert tmp_path / "exercises" / "00_warmup.ipynb" in stale
    build(tmp_path)
    assert build(tmp_path, check=True) == []
    (tmp_path / "solutions" / "keys" / "00_warmup.toml").write_text(
        (tmp_path / "solutions" / "keys" / "00_warmup.toml")
        .read_text()
        .replace("answer = 1805", "answer = 1806")
    )
    assert keys / "00_warmup.json" in build(tmp_path, check=True)


def test_a_broken_key_file_is_a_plain_error_naming_the_file(tmp_path):
    from medialit.errors import MedialitError

    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    key = tmp_path / "solutions" / "keys" / "00_warmup.toml"
    key.write_text(key.read_text() + '\ntext = "a "nested" quote"\n')
    with pytest.raises(MedialitError, match=r"00_warmup\.toml: not valid TOML \(.*line"):
        build(tmp_path, check=True)
