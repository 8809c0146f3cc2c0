"""cliches: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.checks.rules.cliches import _patterns
from betareader.config import Config

RULE = "cliches"


def spans(text: str) -> list[str]:
    return [text[i.start:i.end] for i in api.check(text, Config(select=[RULE])).issues
            if i.rule == RULE]


def test_the_data_file_parses():
    by_trigger, triggers = _patterns()
    patterns = {id(slots) for entries in by_trigger.values() for _, slots in entries}
    assert len(patterns) >= 100
    assert "nick" in triggers and "shiver" in triggers


@pytest.mark.parametrize("text,expected", [
    # pronouns, tenses, contractions and names vary
    ("She let out a breath she didn't know she was holding.",
     "let out a breath she didn't know she was holding"),
    ("Harry released the breath he hadn't realized he'd been holding.",
     "released the breath he hadn't realized he'd been holding"),
    ("They let out a breath they did not know they had been holding.",
     "let out a breath they did not know they had been holding"),
    ("A shiver ran down her spine.", "shiver ran down her spine"),
    ("The news sent a chill down Harry's spine.", "chill down Harry's spine"),
    ("Time seemed to stand still.", "Time seemed to stand still"),
    ("His heart was pounding in his chest.", "heart was pounding in his chest"),
    ("Her heart hammered wildly against her ribs.", "heart hammered wildly against her ribs"),
    ("She smiled, but the smile didn't reach her eyes.", "smile didn't reach her eyes"),
    ("Draco ran his fingers through his hair.", "ran his fingers through his hair"),
    ("A wave of relief washed over her.", "wave of relief washed over"),
    ("Little did she know, he was watching.", "Little did she know"),
    ("She turned as white as a sheet.", "white as a sheet"),
    ("Butterflies danced in her stomach.", "Butterflies danced in her stomach"),
    ("What felt like hours later, she woke.", "What felt like hours"),
])
def test_flags(text, expected):
    assert spans(text) == [expected]


@pytest.mark.parametrize("text", [
    '"Time stood still," she said. "My heart skipped a beat."',   # dialogue
    "It was time to stop.",
    "She stayed close to home that winter.",
    "He ran down the stairs and out into the rain.",
    "She bit her lip and said nothing.",
    "The wave broke over the rocks.",
])
def test_leaves_alone(text):
    assert spans(text) == []


def test_one_issue_per_cliche():
    text = "She let out a breath she didn't know she was holding, and time stood still."
    assert len(spans(text)) == 2
