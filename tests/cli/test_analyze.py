"""``betareader analyze``: the readable summary, JSON, the HTML report and where it is written."""

from __future__ import annotations

import json

from cli_helpers import SAMPLES, assert_one_line_error, cached, invoke

STATIC = str(SAMPLES / "static.txt")


def test_summary():
    r = cached("analyze", "--no-config", STATIC)
    assert r.code == 0, str(r)
    for heading in ("Narration:", "Characters", "Who says what"):
        assert heading in r.stdout
    assert "present tense, first person" in r.stdout


def test_json_to_a_file(tmp_path):
    out = tmp_path / "a.json"
    r = invoke("analyze", "--no-config", "--format", "json", "-o", out, STATIC)
    assert r.code == 0 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == cached("analyze", "--no-config", "--format", "json",
                                                                STATIC).json_lines()[0]


def test_html_report(tmp_path):
    out = tmp_path / "report.html"
    r = invoke("analyze", "--no-config", "--format", "html", "-o", out, STATIC)
    assert r.code == 0, str(r)
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "</html>" in page


def test_html_reports_for_several_files_go_to_a_folder(tmp_path):
    out = tmp_path / "reports"
    r = invoke("analyze", "--no-config", "--format", "html", "-o", out, STATIC, SAMPLES / "harbour-lights.txt")
    assert r.code == 0, str(r)
    assert sorted(p.name for p in out.iterdir()) == ["harbour-lights.html", "static.html"]


def test_unwritable_output_is_one_line(tmp_path):
    for fmt in ("json", "html", "text"):
        r = invoke("analyze", "--no-config", "--format", fmt, "-o", tmp_path / "missing" / "dir" / "x.out", STATIC)
        assert_one_line_error(r, contains="cannot write")
