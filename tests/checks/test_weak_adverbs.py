"""weak-adverbs: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "weak-adverbs"


def issues(text: str, **options):
    config = Config(select=[RULE], rule_options={RULE: options} if options else {})
    return [i for i in api.check(text, config).issues if i.rule == RULE]


def test_overused_word_flags_every_use_with_a_fix():
    text = "She was very tired. It was very late. The house was very quiet."
    found = issues(text)
    assert [text[i.start:i.end] for i in found] == ["very tired", "very late", "very quiet"]
    assert [i.suggestions for i in found] == [["tired"], ["late"], ["quiet"]]
    assert "3 times in the narration" in found[0].message


def test_a_word_used_now_and_then_is_left_alone():
    assert issues("She was very tired. It was very late.") == []
    filler = " ".join(["The road went on across the hills under the grey sky."] * 80)
    assert issues(f"She was very tired. {filler} It was very late. {filler} It was very cold.") == []


def test_thresholds_are_options():
    text = "She was very tired. It was very late."
    assert len(issues(text, min_count=2)) == 2


@pytest.mark.parametrize("text", [
    '"I\'m very, very, very sorry," she said. "Really, really sorry. I just am."',
    "He arrived just as the train left. He had just enough money. He had only just arrived.",
    "She would rather stay. He chose tea rather than coffee. She had rather not.",
    "It was not quite dawn. It was not quite dark. It was not quite anything.",
    "The very thought of it. At the very end. The very same day.",
])
def test_leaves_alone(text):
    assert issues(text) == []
