"""Shared scaffolding for the rule tests: one rule's issues on a text, and the two usual
parametrised tests (real slips flagged with the right first suggestion; right uses left alone)."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config


def flags_of(rule: str, text: str) -> list[tuple[str, list[str]]]:
    """(flagged text, suggestions) of each issue ``rule`` raises on ``text`` run alone."""
    issues = api.check(text, Config(select=[rule])).issues
    return [(text[i.start:i.end], i.suggestions) for i in issues if i.rule == rule]


def slip_tests(rule: str, errors, traps):
    """``test_real_slips_are_flagged`` over ``errors`` (text, flagged words, first suggestion) and
    ``test_right_uses_are_left_alone`` over ``traps``: assign both to module-level names."""

    @pytest.mark.parametrize("text,words,fix", errors)
    def test_real_slips_are_flagged(text, words, fix):
        found = flags_of(rule, text)
        assert any(w == words for w, _ in found), f"{words!r} not flagged in {text!r}: {found}"
        sugg = next(s for w, s in found if w == words)
        assert sugg and sugg[0] == fix, f"{words!r}: suggested {sugg}, expected {fix!r}"

    @pytest.mark.parametrize("text", traps)
    def test_right_uses_are_left_alone(text):
        found = flags_of(rule, text)
        assert found == [], f"false alarm in {text!r}: {found}"

    return test_real_slips_are_flagged, test_right_uses_are_left_alone
