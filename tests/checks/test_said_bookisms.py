"""said-bookisms: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "said-bookisms"


def issues(text: str):
    return [i for i in api.check(text, Config(select=[RULE])).issues if i.rule == RULE]


@pytest.mark.parametrize("text,span,fix", [
    ('"I missed you," she smiled.', "smiled", ["said"]),
    ('"Really?" she laughed.', "laughed", ["said"]),
    ('"Fine," sighed Hermione.', "sighed", ["said"]),
    ('"I see," Harry nodded slowly.', "nodded", ["said"]),
    ('"Whatever," Draco rolled his eyes.', "rolled", []),   # "said his eyes" is no fix
    ('"No," he shook his head.', "shook", []),
    ('"We could," Ron interjected, "take the tunnels."', "interjected", ["said"]),
    ('"Go away," she hissed.', "hissed", ["whispered", "snapped", "said"]),
])
def test_flags(text, span, fix):
    found = issues(text)
    assert [text[i.start:i.end] for i in found] == [span]
    assert found[0].suggestions == fix


@pytest.mark.parametrize("text", [
    '"I missed you." She smiled.',            # a beat, correctly punctuated
    '"Really?" She laughed.',
    '"Yes," she said, smiling.',
    'She smiled, "Yes."',                     # house style, left alone
    '"Stop this," she hissed.',               # a line you can hiss
    '"Get out," he growled.',                 # a voice, not a face
    'The teacher, "strict as ever," smiled at the class.',
])
def test_leaves_alone(text):
    assert issues(text) == []
