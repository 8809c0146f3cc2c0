"""repeated-word: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "repeated-word"


def spans(text: str) -> list[str]:
    return [text[i.start:i.end] for i in api.check(text, Config(select=[RULE])).issues
            if i.rule == RULE]


@pytest.mark.parametrize("text,expected", [
    ("She opened the the door.", "the the"),
    ("He wanted to to leave.", "to to"),
    ("She she went home.", "She she"),
])
def test_flags(text, expected):
    assert spans(text) == [expected]


@pytest.mark.parametrize("text", [
    "She had had enough.",
    "He said that that was the end of it.",
    "Let us hope her being there may teach her her own insignificance.",
    "They gave her her coat back.",
    "Well, if I take you you'll have to be a good girl.",
    "When I think of it it takes every bit of determination I have.",
    '"No, no, no," she said.',
    "Knock knock.",
])
def test_leaves_alone(text):
    assert spans(text) == []
