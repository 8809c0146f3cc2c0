"""``betareader rules`` (the table), ``betareader rules ID`` (the docs) and ``betareader text FILE``."""

from __future__ import annotations

import pytest

from betareader.checks.registry import all_rules
from cli_helpers import SAMPLES, assert_one_line_error, cached, invoke
from story_files import docx_bytes, paragraphs

RULES = all_rules()


def test_rules_table_lists_every_rule():
    r = cached("rules")
    assert r.code == 0, str(r)
    rows = {line.split()[0]: line.split() for line in r.stdout.splitlines()[1:] if line.strip()}
    assert set(rows) == set(RULES)
    for rid, cls in RULES.items():
        assert rows[rid][1:3] == [cls.category, cls.severity], rows[rid]
    header = r.stdout.splitlines()[0]
    assert "RULE" in header and "CATEGORY" in header and "SEVERITY" in header


def test_rules_table_shows_each_rules_summary():
    out = cached("rules").stdout
    for rid, cls in RULES.items():
        assert cls.summary(), f"{rid} has no summary line"
        line = next(line for line in out.splitlines() if line.startswith(rid + " "))
        assert cls.summary() in line


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rules_id_prints_the_docstring_and_examples(rule_id):
    cls = RULES[rule_id]
    r = invoke("rules", rule_id)
    assert r.code == 0, str(r)
    assert r.stdout.startswith(rule_id)
    assert cls.doc() in r.stdout
    for heading in ("What it does", "Why is this bad?", "Leaves alone"):
        assert heading in r.stdout
    for example in (*cls.bad, *cls.good):
        assert example in r.stdout
    for key in cls.options:
        assert f"{key} = " in r.stdout


@pytest.mark.parametrize("name", ["no-such-rule", "repetition", "REPEATED-WORD"])
def test_rules_unknown_id_is_one_line_exit_2(name):
    r = invoke("rules", name)
    assert_one_line_error(r, contains=name)
    assert r.stdout == ""


def test_text_of_a_txt_file_is_the_file_exactly(story):
    raw = "Line one,\twith a tab.\r\nLine two — “curly” 🎉\r\n\r\nNo newline at the end"
    r = invoke("text", story(raw))
    assert r.code == 0 and r.stdout == raw


def test_text_of_a_sample():
    path = SAMPLES / "static.txt"
    assert cached("text", str(path)).stdout == path.read_text(encoding="utf-8")


def test_text_of_a_docx_is_its_paragraphs(tmp_path):
    (tmp_path / "c.docx").write_bytes(docx_bytes(paragraphs("Zoë opened the door.\n“Come in,” she said.")))
    r = invoke("text", tmp_path / "c.docx")
    assert r.code == 0, str(r)
    assert "Zoë opened the door." in r.stdout and "“Come in,” she said." in r.stdout
    assert r.stdout.index("Zoë") < r.stdout.index("Come in")


def test_text_of_stdin():
    r = invoke("text", "-", input="Just a line from stdin.\n".encode("utf-8"))
    assert r.code == 0 and r.stdout == "Just a line from stdin.\n"


def test_text_errors_are_one_line(tmp_path):
    assert_one_line_error(invoke("text", tmp_path / "missing.txt"), contains="missing.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert_one_line_error(invoke("text", tmp_path / "empty.txt"), contains="empty")
