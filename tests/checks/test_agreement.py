"""agreement: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "agreement"


def found(text: str) -> list[tuple[str, list[str], str]]:
    return [(text[i.start:i.end], i.suggestions, i.severity)
            for i in api.check(text, Config(select=[RULE])).issues if i.rule == RULE]


@pytest.mark.parametrize("text,expected", [
    # Narration: errors, with the subject and the agreeing verb as the suggestion.
    ("Inside, the lights was off.", [("the lights was", ["the lights were"], "error")]),
    ("They ate by the fire, and they was halfway through the loaf.",
     [("they was", ["they were"], "error")]),
    ("Her eyes blurs with tears.", [("Her eyes blurs", ["Her eyes blur"], "error")]),
    ("He have a key to the tower, and he keeps it on a string.",
     [("He have", ["He has"], "error")]),
    ("We was late for the ferry.", [("We was", ["We were"], "error")]),
    ("The boys runs down the lane.", [("The boys runs", ["The boys run"], "error")]),
    ("The voices is everywhere now.", [("The voices is", ["The voices are"], "error")]),
    ("Tom and Pet was waiting on the quay.", [("Tom and Pet was", ["Tom and Pet were"], "error")]),
    # A relative pronoun takes the number of the noun right before it.
    ("She looked at the lamps that was hanging from the beams.",
     [("that was", ["that were"], "error")]),
    ("The man who run the shop nodded.", [("who run", ["who runs"], "error")]),
    # Dialogue: dialect patterns are info, other mismatches warnings.
    ('"She don\'t care about the rules," Tom said.', [("She don't", ["She doesn't"], "info")]),
    ('"We was there all night," he said.', [("We was", ["We were"], "info")]),
    ('"Ori have a key to the transmitter room," Dax said.', [("Ori have", ["Ori has"], "warning")]),
    ('"Where is the keys?" she asked.', [("is the keys", ["are the keys"], "info")]),
])
def test_flags(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    # Subjects whose number is open.
    "Everyone are welcome here.",
    "None of the lights are on.",
    "The family are gathered at the table.",
    "The police are here.",
    "The sheep were in the field.",
    # Quantities, plural-looking singulars, titles.
    "Ten dollars is a lot for a sandwich.",
    "The news is bad today.",
    "Mathematics is hard.",
    "Great Expectations is a long book.",
    "The Dursleys were not pleased.",
    # "or", and a compound that names one thing.
    "Either Tom or his sisters are going.",
    "Bread and butter is all we have.",
    # Relative clauses.
    "One of the boys who runs the ferry waved.",
    "The man who runs the shop nodded.",
    # Subjunctive and modal uses.
    "If he were taller, he could reach it.",
    "She wished the rain were over.",
    '"God bless you," she said.',
    "She insisted that he go home.",
    "He need not worry about it.",
    "Let him go home, she thought.",
    # A vocative is not a subject.
    '"Anne, go to your room," said Marilla.',
    # Agreeing verbs.
    "The lights in the old tower were off, and the stairs were wet. He has a key.",
])
def test_leaves_alone(text):
    assert found(text) == []
