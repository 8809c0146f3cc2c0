"""Every rule's documented examples are tests: each bad text is flagged, each good one is not."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.checks.base import CATEGORIES, SEVERITIES
from betareader.checks.registry import all_rules
from betareader.config import Config

RULES = all_rules()
BAD = [(rid, text) for rid, cls in RULES.items() for text in cls.bad]
GOOD = [(rid, text) for rid, cls in RULES.items() for text in cls.good]


def _issues(rule_id: str, text: str):
    return [i for i in api.check(text, Config(select=[rule_id])).issues if i.rule == rule_id]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_documented_with_examples(rule_id):
    cls = RULES[rule_id]
    doc = cls.doc()
    for heading in ("What it does", "Why is this bad?", "Leaves alone", "Example", "Use instead"):
        assert heading in doc, f"{rule_id}: docstring lacks '{heading}'"
    assert cls.bad, f"{rule_id} has no bad examples"
    assert cls.good, f"{rule_id} has no good examples"
    assert cls.category in CATEGORIES and cls.severity in SEVERITIES


@pytest.mark.parametrize("rule_id,text", BAD)
def test_bad_example_is_flagged(rule_id, text):
    found = _issues(rule_id, text)
    assert found, f"{rule_id} did not flag: {text!r}"
    for issue in found:
        assert 0 <= issue.start < issue.end <= len(text)


@pytest.mark.parametrize("rule_id,text", GOOD)
def test_good_example_is_left_alone(rule_id, text):
    found = _issues(rule_id, text)
    assert not found, f"{rule_id} flagged {[text[i.start:i.end] for i in found]} in: {text!r}"
