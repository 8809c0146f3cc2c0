"""``--select`` / ``--ignore`` by rule id or category, comma-separated or repeated."""

from __future__ import annotations

import pytest

from betareader.checks.registry import all_rules
from cli_helpers import ERRORS, INFO_ONLY, assert_one_line_error, invoke

# repeated-word [repetition, error], agreement [agreement, error],
# sentence-openers [repetition, info], filter-words [style, info]
MIXED = ERRORS + "\n" + INFO_ONLY
ALL_FOUND = {"repeated-word", "agreement", "sentence-openers", "filter-words"}


@pytest.fixture
def mixed(story):
    return story(MIXED)


def found(path, *options: str) -> set[str]:
    r = invoke("check", "--no-config", "--format", "json", *options, path)
    assert r.code in (0, 1), str(r)
    return {i["rule"] for i in r.json_lines()[0]["issues"]}


def test_the_text_has_the_expected_findings(mixed):
    assert found(mixed) == ALL_FOUND


@pytest.mark.parametrize("options,expected", [
    (["--select", "repeated-word"], {"repeated-word"}),
    (["--select", "repetition"], {"repeated-word", "sentence-openers"}),
    (["--select", "repeated-word,agreement"], {"repeated-word", "agreement"}),
    (["--select", "repeated-word, filter-words"], {"repeated-word", "filter-words"}),
    (["--select", "repeated-word", "--select", "agreement"], {"repeated-word", "agreement"}),
    (["--select", "style,agreement"], {"filter-words", "agreement"}),
    (["--select", "style", "--select", "repetition"], {"filter-words", "repeated-word", "sentence-openers"}),
    (["--select", "ALL"], ALL_FOUND),
    (["--ignore", "repeated-word"], ALL_FOUND - {"repeated-word"}),
    (["--ignore", "repetition"], {"agreement", "filter-words"}),
    (["--ignore", "repeated-word,filter-words"], {"agreement", "sentence-openers"}),
    (["--ignore", "style", "--ignore", "agreement"], {"repeated-word", "sentence-openers"}),
    (["--select", "repetition", "--ignore", "sentence-openers"], {"repeated-word"}),
    (["--select", "repeated-word", "--ignore", "repetition"], set()),
    (["--select", "tense"], set()),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_select_and_ignore(mixed, options, expected):
    assert found(mixed, *options) == expected


def test_select_nothing_found_exits_0(mixed):
    r = invoke("check", "--no-config", "--select", "tense,pov", mixed)
    assert r.code == 0, str(r)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["no-such-rule", "repeated-word,no-such-rule", "tenses"])
def test_unknown_rule_is_one_line_exit_2(mixed, option, value):
    r = invoke("check", "--no-config", option, value, mixed)
    assert_one_line_error(r)
    bad = value.split(",")[-1]
    assert bad in r.stderr
    assert r.stdout == ""


def test_every_category_can_be_selected(mixed):
    categories = {cls.category for cls in all_rules().values()}
    r = invoke("check", "--no-config", "--format", "json", "--select", ",".join(sorted(categories)), mixed)
    assert {i["rule"] for i in r.json_lines()[0]["issues"]} == ALL_FOUND
