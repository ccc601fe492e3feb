"""The `medialit` command, run as a separate process exactly as a user runs it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from medialit.cli import main
from medialit.corpus import load_articles

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


def test_one_unreadable_file_never_sinks_a_folder(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor said the bridge will reopen.", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"%PDF-1.4\x00\x00binary")
    (folder / "c.txt").write_text("Officials said 40 people were hurt.", encoding="utf-8")
    result = run_cli("analyze", str(folder), "--json")
    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    by_id = {a["id"]: a for a in report["articles"]}
    assert "error" not in by_id["a"] and "error" not in by_id["c"]
    assert "binary file" in by_id["b"]["error"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "b" in lines[0] and "Traceback" not in result.stderr


def test_an_article_whose_analysis_raises_is_reported_not_fatal(monkeypatch):
    from medialit import report as report_module

    def broken(article):
        if article.id == "B":
            raise IndexError("list index out of range")
        return {}

    monkeypatch.setattr(report_module, "ARTICLE_SECTIONS", [broken])
    monkeypatch.setattr(report_module, "CORPUS_SECTIONS", [])
    report = report_module.analyze(load_articles())
    failed = report_module.failed_entries(report)
    assert [f["id"] for f in failed] == ["B"]
    assert "IndexError" in failed[0]["error"] and "report" in failed[0]["error"]
    assert [a["id"] for a in report["articles"]] == list("ABCDE")


def test_awkward_real_world_text_is_analysed(tmp_path):
    cases = {
        "markdown.md": "# Storm hits coast\n\nThe storm, **according to** [the report](http://x.y),"
        " hit *hard*. Damage was high, according to the report.\n\n## Later\n\n- 12\n- 40\n",
        "crlf.txt": "\ufeffThe mayor said 20 homes flooded.\r\nPolice said 3 people were hurt.\r\n",
        "long.txt": " ".join(["the council said residents and officials would meet"] * 125),
        "numbers.txt": "12\n40\n1,500\n3.5%\n",
        "nosentence.txt": "flood",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("analyze", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    for article in report["articles"]:
        for finding in [*article["attributions"], *article["quantities"], *article["loaded"]]:
            assert article["text"][finding["start"] : finding["end"]], (article["id"], finding)
    crlf = next(a for a in report["articles"] if a["id"] == "crlf")
    assert "\r" not in crlf["text"] and not crlf["text"].startswith("\ufeff")


def test_text_that_is_not_english_is_analysed_with_a_warning(tmp_path):
    (tmp_path / "es.txt").write_text(
        "El alcalde dijo el martes que la ciudad abrirá tres nuevos centros de salud antes de "
        "fin de año. Según el informe municipal, unas dos mil personas esperan atención médica "
        "cada semana en los barrios del sur, donde faltan médicos y enfermeras desde hace años.",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "The mayor said on Tuesday that the city would open three new health centres before "
        "the end of the year. About two thousand people wait for care each week in the "
        "southern districts, where doctors and nurses have been scarce for years.",
        encoding="utf-8",
    )
    result = run_cli("analyze", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    warnings = {a["id"]: a["warnings"] for a in json.loads(result.stdout)["articles"]}
    assert warnings["en"] == []
    assert len(warnings["es"]) == 1 and "reads English" in warnings["es"][0]


def test_the_html_report_names_what_it_could_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("The mayor said 40 homes flooded.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    page = tmp_path / "report.html"
    result = run_cli("analyze", str(tmp_path), "--html", str(page))
    assert result.returncode == 3 and result.stdout == ""
    text = page.read_text(encoding="utf-8")
    assert "Not analysed" in text and "binary file" in text and "Article a" in text
