"""filter-words: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "filter-words"


def spans(text: str) -> list[str]:
    return [text[i.start:i.end] for i in api.check(text, Config(select=[RULE])).issues
            if i.rule == RULE]


@pytest.mark.parametrize("text,expected", [
    ("She heard the door slam.", "She heard"),
    ("He could see the lake from the tower.", "He could see"),
    ("She watched as he walked away.", "She watched"),
    ("She felt sad.", "She felt"),
    ("He felt like a fool.", "He felt"),
    ("She felt his hand on her shoulder.", "She felt"),
    ("She knew that he was lying.", "She knew"),
    ("Harry noticed the scar.", "Harry noticed"),
    ("She seemed to relax.", "She seemed to"),
    ("I realized I had forgotten my keys.", "I realized"),
    ("She turned and saw him leave.", "saw"),
])
def test_flags(text, expected):
    assert spans(text) == [expected]


@pytest.mark.parametrize("text", [
    '"I felt awful," she said. "I saw him leave."',   # dialogue
    "She heard the news from Ron.",                    # a plain object of the senses
    "He saw the house for the first time.",
    "She watched the sunset.",
    "She felt for the light switch.",                  # groping
    "He felt along the wall.",
    "She knew him from school.",                       # acquaintance
    "She didn't notice the knife.",                    # negated
    "He would have known it was a trap.",              # hypothetical
    "He wanted to know what happened.",
    "The house seemed to breathe.",                    # not a character
    "The old woman noticed the stain.",
])
def test_leaves_alone(text):
    assert spans(text) == []
