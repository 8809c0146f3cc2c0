"""Exit codes: 0 nothing at or above the threshold, 1 issues, 2 usage or input error."""

from __future__ import annotations

import json

import pytest

from cli_helpers import CLEAN, ERRORS, INFO_ONLY, assert_one_line_error, invoke, run


def rules_of(r) -> list[str]:
    return [i["rule"] for doc in r.json_lines() for i in doc["issues"]]


def test_clean_text_exits_0(story):
    r = invoke("check", "--no-config", story(CLEAN))
    assert r.code == 0, str(r)
    assert "No issues found" in r.stdout


def test_issues_exit_1(story):
    r = invoke("check", "--no-config", story(ERRORS))
    assert r.code == 1, str(r)
    assert "repeated-word" in r.stdout and "agreement" in r.stdout


def test_exit_zero_reports_but_exits_0(story):
    r = invoke("check", "--no-config", "--exit-zero", story(ERRORS))
    assert r.code == 0, str(r)
    assert "repeated-word" in r.stdout


def test_exit_zero_does_not_hide_input_errors(tmp_path):
    assert_one_line_error(invoke("check", "--exit-zero", tmp_path / "missing.txt"))


def test_min_severity_sets_the_threshold(story):
    path = story(ERRORS + "\n" + INFO_ONLY)
    everything = invoke("check", "--no-config", "--format", "json", path)
    assert {"error", "info"} <= {i["severity"] for i in everything.json_lines()[0]["issues"]}
    r = invoke("check", "--no-config", "--format", "json", "--min-severity", "warning", path)
    assert r.code == 1
    severities = [i["severity"] for i in r.json_lines()[0]["issues"]]
    assert severities and set(severities) <= {"warning", "error"}
    assert sorted(rules_of(r)) == ["agreement", "repeated-word"]


def test_min_severity_above_every_issue_exits_0(story):
    path = story(INFO_ONLY)
    assert invoke("check", "--no-config", path).code == 1
    r = invoke("check", "--no-config", "--min-severity", "warning", path)
    assert r.code == 0, str(r)
    assert "No issues found" in r.stdout
    r = invoke("check", "--no-config", "--format", "json", "--min-severity", "error", path)
    assert r.code == 0 and r.json_lines()[0]["issues"] == []


def test_bad_min_severity_is_a_usage_error(story):
    r = invoke("check", "--no-config", "--min-severity", "fatal", story(CLEAN))
    assert_one_line_error(r, contains="--min-severity")
    assert "betareader check --help" in r.stderr


@pytest.mark.parametrize("args,expected", [
    (["check"], "FILES"),
    (["analyze"], "FILES"),
    (["text"], "FILE"),
    (["check", "--format", "xml", "x.txt"], "--format"),
    (["check", "--colr", "x.txt"], "--colr"),
    (["no-such-command"], "no-such-command"),
    (["rules", "a", "b"], "b"),
])
def test_usage_errors_are_one_line_exit_2(args, expected):
    assert_one_line_error(invoke(*args), contains=expected)


@pytest.mark.parametrize("args", [[], ["corpus"]])
def test_bare_group_shows_its_help(args):
    r = invoke(*args)
    assert r.code == 2
    assert "Usage:" in r.stdout + r.stderr and "Commands:" in r.stdout + r.stderr


def test_usage_error_in_a_real_process():
    assert_one_line_error(run("check"), contains="FILES")


def test_help_and_version_exit_0():
    for args in (["--help"], ["check", "--help"], ["analyze", "--help"], ["rules", "--help"], ["--version"]):
        r = invoke(*args)
        assert r.code == 0, f"{args}: {r}"
        assert r.stdout.strip()


def test_real_process_exit_codes(story):
    """The installed console script: 1 with issues, 0 clean, 2 for a missing file (real stderr)."""
    r = run("check", "--no-config", "--format", "json", story(ERRORS), story(CLEAN, "clean.txt"))
    assert r.code == 1, str(r)
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [len(d["issues"]) > 0 for d in docs] == [True, False]
    r = run("check", "--no-config", story(CLEAN, "clean.txt"))
    assert r.code == 0, str(r)
