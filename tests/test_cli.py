"""The `medialit` command, run as a separate process exactly as a user runs it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from medialit.cli import main

from .conftest import ROOT, run_cli

SCHEMA = json.loads((ROOT / "docs" / "analyze.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundled_report():
    result = run_cli("analyze", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_report_validates_against_the_documented_schema(bundled_report):
    jsonschema.validate(bundled_report, SCHEMA)
    assert [a["id"] for a in bundled_report["articles"]] == list("ABCDE")


def test_json_report_carries_real_figures(bundled_report, by_id):
    for entry in bundled_report["articles"]:
        article = by_id[entry["id"]]
        assert entry["words"] == article.words
        assert entry["sentences"] == len(article.sentences)
        assert entry["source"] == f"datasets/articles/{article.id}.txt"
    assert bundled_report["articles"][2]["title"].startswith("Trump Orders Crackdown")
    assert bundled_report["articles"][4]["date"] == "2025-06-09"


def test_schema_rejects_a_report_missing_readability(bundled_report):
    broken = json.loads(json.dumps(bundled_report))
    del broken["articles"][0]["readability"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_table_lists_every_article(tmp_path):
    result = run_cli("analyze")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Flesch reading ease" in lines[0]
    assert [line.split()[0] for line in lines[2:]] == list("ABCDE")


def test_analyze_a_teachers_folder_and_file(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "The mayor said the road will reopen on Friday.", encoding="utf-8"
    )
    (folder / "two.md").write_text(
        "# Rain\n\nIt rained. Rivers rose by two metres.", encoding="utf-8"
    )
    extra = tmp_path / "three.txt"
    extra.write_text("Schools closed early, officials said.", encoding="utf-8")
    result = run_cli("analyze", str(folder), str(extra), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert [a["id"] for a in report["articles"]] == ["one", "two", "three"]
    assert report["articles"][1]["title"] == "Rain"


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Señor Núñez habló.".encode("latin-1"))
    big = tmp_path / "big.txt"
    big.write_text("Many words here. " * 400, encoding="utf-8")
    no_articles = tmp_path / "nothing"
    no_articles.mkdir()
    (no_articles / "notes.docx").write_bytes(b"PK\x03\x04")
    return {
        "empty": ([str(empty)], "has no words"),
        "binary": ([str(binary)], "binary file"),
        "not utf-8": ([str(latin)], "UTF-8"),
        "too large": ([str(big), "--max-bytes", "1000"], "limit"),
        "folder without articles": ([str(no_articles)], "no .txt or .md files"),
        "missing path": ([str(tmp_path / "missing.txt")], "no such file"),
        "bad limit": ([str(empty), "--max-bytes", "0"], "positive"),
    }


def test_every_bad_input_gets_one_clear_line_and_status_2(tmp_path):
    for name, (args, message) in _bad_inputs(tmp_path).items():
        result = run_cli("analyze", *args)
        assert result.returncode == 2, name
        assert result.stdout == "", name
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (name, result.stderr)
        assert lines[0].startswith("medialit: error: ") and message in lines[0], (name, lines)
        assert "Traceback" not in result.stderr


def test_bad_input_in_process_returns_2(tmp_path, capsys):
    for name, (args, message) in _bad_inputs(tmp_path).items():
        assert main(["analyze", *args]) == 2, name
        assert message in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", "--colour"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err
