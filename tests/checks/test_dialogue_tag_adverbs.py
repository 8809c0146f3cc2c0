"""dialogue-tag-adverbs: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "dialogue-tag-adverbs"


def issues(text: str):
    return [i for i in api.check(text, Config(select=[RULE])).issues if i.rule == RULE]


@pytest.mark.parametrize("text,span,fix", [
    ('"You lied," she said angrily.', "said angrily", "said"),
    ('"You lied," she angrily said.', "angrily said", "said"),
    ('"You lied," said Harry angrily.', "said Harry angrily", "said Harry"),
    ('"You lied," said the old man angrily.', "said the old man angrily", "said the old man"),
    ('She said coldly, "I never asked."', "said coldly", "said"),
    ('"Fine," he said, quietly, and left.', "said, quietly", "said"),
    ('"Hello," she said sweetly to the guard.', "said sweetly", "said"),
])
def test_flags_with_the_adverb_cut(text, span, fix):
    found = issues(text)
    assert [text[i.start:i.end] for i in found] == [span]
    assert found[0].suggestions == [fix]


def test_redundant_pairs_get_their_own_message():
    found = issues('"Is anyone there?" she whispered softly.')
    assert "repeats" in found[0].message


@pytest.mark.parametrize("text", [
    '"Fine," he said finally.',                         # when, not how
    '"Fine," he said suddenly.',
    '"Come here," she said. He quickly crossed the room.',
    "She answered the letter promptly.",                # no quote
    '"Yes," she replied, and then she slowly turned away.',
    '"Get out," she said, her voice shaking badly.',
    '"He spoke so angrily," she said.',                 # inside the dialogue
])
def test_leaves_alone(text):
    assert issues(text) == []
