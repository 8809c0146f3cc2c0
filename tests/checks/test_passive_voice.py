"""passive-voice: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "passive-voice"


def issues(text: str, **options):
    config = Config(select=[RULE], rule_options={RULE: options} if options else {})
    return [i for i in api.check(text, config).issues if i.rule == RULE]


@pytest.mark.parametrize("text,span,agent", [
    ("The door was opened by Snape.", "was opened", True),
    ("The door was locked by the caretaker.", "was locked", True),   # a state, but a doer
    ("He had been told to wait.", "had been told", False),
    ("He got hit by a bludger.", "got hit", True),
    ("She was thrown against the wall.", "was thrown", False),
    ("Harry and Ron were caught at the door.", "were caught", False),
])
def test_flags(text, span, agent):
    found = issues(text)
    assert [text[i.start:i.end] for i in found] == [span]
    assert ("by ..." in found[0].message) == agent


@pytest.mark.parametrize("text", [
    "The door was locked.",
    "She was tired after the long walk.",
    "She was surprised by the noise.",        # a feeling
    "She was born in London.",
    "They were supposed to meet at noon.",
    "Hoping to be chosen, she raised her hand.",
    '"The vase was broken by the cat," she said.',
    "She had opened the window an hour ago.",
    "Her wand was taken from her.",            # a thing, nobody hidden (see `all`)
    "The house was built in 1850.",
])
def test_leaves_alone(text):
    assert issues(text) == []


def test_all_option_flags_every_finite_passive_once_per_clause():
    text = "The letter had been torn to pieces, and the pieces were thrown into the fire."
    assert issues(text) == []
    assert [text[i.start:i.end] for i in issues(text, all=True)] == ["had been torn", "were thrown"]
