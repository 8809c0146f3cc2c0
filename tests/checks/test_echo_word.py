"""echo-word: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "echo-word"


def flagged(text: str, **options) -> list[str]:
    config = Config(select=[RULE], rule_options={RULE: options} if options else {})
    return [text[i.start:i.end] for i in api.check(text, config).issues if i.rule == RULE]


def test_second_use_is_flagged_with_the_distance():
    text = "A glimmer of hope rose in her chest, and a glimmer of light moved on the water."
    issues = [i for i in api.check(text, Config(select=[RULE])).issues]
    assert [text[i.start:i.end] for i in issues] == ["glimmer"]
    assert issues[0].start == text.rindex("glimmer")
    assert "9 words after" in issues[0].message
    assert issues[0].severity == "info" and issues[0].category == "repetition"


def test_inflections_are_the_same_word():
    text = "The lamp glimmered. Its glimmering light fell across the page."
    assert flagged(text) == ["glimmering"]


@pytest.mark.parametrize("text", [
    # common words repeat unnoticed
    "She opened the door. The door was heavy, and the door stuck.",
    "He looked at her, and she looked back at him.",
    # names, speech verbs
    "Sirius laughed. Then Sirius left, and Remus followed Sirius out.",
    '"Go," he whispered. "Now," she whispered back.',
    # dialogue is the character's business
    '"A glimmer," she said. "Just a glimmer, nothing more."',
    # figures of speech
    "They walked side by side along the shore. Day after day, they waited.",
    "She was exhausted. Exhausted, and done with all of them.",
    # a noun pointing back at the same thing
    "She picked up a towel. She folded the towel and set it down.",
    "Hermione raised her wand. She flicked her wand and lowered it again.",
])
def test_leaves_alone(text):
    assert flagged(text) == []


def test_not_across_a_scene_break():
    text = "The glimmer faded.\n\n* * *\n\nA glimmer of sun came through the window."
    assert flagged(text) == []


def test_window_option():
    filler = " ".join(["and then the day went on"] * 12)  # 60 common words
    text = f"A glimmer showed. {filler}. A glimmer again."
    assert flagged(text) == []
    assert flagged(text, window=100) == ["glimmer"]


def test_a_noun_the_story_is_about_is_not_an_echo():
    text = ("The dragon woke. A dragon's eye opened. Every dragon in the valley stirred, and "
            "the oldest dragon rose. No dragon had flown in a hundred years.")
    assert flagged(text) == []


def test_different_owners_of_a_rare_noun_still_echo():
    text = "Draco's gaze met hers. She held his gaze for a long moment."
    assert flagged(text) == ["gaze"]
