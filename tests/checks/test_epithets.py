"""epithets: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "epithets"


def issues(text: str):
    return [i for i in api.check(text, Config(select=[RULE])).issues if i.rule == RULE]


def spans(text: str) -> list[str]:
    return [text[i.start:i.end] for i in issues(text)]


def test_counts_in_the_message_and_pronoun_suggestions():
    text = ("Harry looked up. The older man was watching him. Snape glared at the younger boy. "
            "The older man sighed. Harry stared at the older man.")
    found = issues(text)
    assert [text[i.start:i.end] for i in found] == [
        "The older man", "the younger boy", "The older man", "the older man"]
    assert "3 times in this story, 4 epithets in all" in found[0].message
    assert found[0].suggestions == ["He"]
    assert found[3].suggestions == ["him"]
    assert all(i.severity == "info" for i in found)


def test_a_story_leaning_on_epithets_gets_warnings():
    text = " ".join(["The blonde smirked. The redhead scowled."] * 3)
    found = issues(text)
    assert len(found) == 6 and all(i.severity == "warning" for i in found)


@pytest.mark.parametrize("text,expected", [
    ("She looked into his emerald orbs.", "his emerald orbs"),
    ("Her orbs widened.", "Her orbs"),
    ("Harry's green orbs sparkled.", "Harry's green orbs"),
    ("The raven-haired boy grinned.", "The raven-haired boy"),
    ("The silver haired wizard nodded.", "The silver haired wizard"),
    ("The green-eyed boy smiled.", "The green-eyed boy"),
    ("The blond boy sneered.", "The blond boy"),
    ("The pinkette punched him.", "The pinkette"),
    ("The Boy-Who-Lived walked in.", "The Boy-Who-Lived"),
    ("The golden boy smiled.", "The golden boy"),
    ("The shorter girl laughed.", "The shorter girl"),
])
def test_flags(text, expected):
    assert spans(text) == [expected]


def test_orbs_are_a_warning_with_a_fix():
    found = issues("She looked into his emerald orbs.")
    assert found[0].severity == "warning"
    assert found[0].suggestions == ["his emerald eyes"]


@pytest.mark.parametrize("text", [
    "An older man sat at the bar, nursing a whisky.",          # an introduction
    "A redhead in a green coat pushed past them.",
    '"Ask the blonde," Ron said. "The older man knows."',      # dialogue
    "She brushed the blonde hair out of her eyes.",            # an adjective
    "The ginger cat hissed at the dog.",
    "Two golden orbs of light floated above the altar.",       # not eyes
    "The old man fed the pigeons.",                            # plain description
    "The older of the two men spoke first.",
    "The older boys laughed at him from the back of the bus.", # a group
    "His son-in-law arrived late.",
])
def test_leaves_alone(text):
    assert spans(text) == []


def test_narration_after_an_unclosed_quote_is_read_as_narration():
    # the closing mark is missing before "Wynn said": what follows the tag is narration
    text = ("\"Nobody ever drowned in this harbour, Wynn said, eyeing the redhead on the quay.\n\n"
            "The ferry bumped the fenders.")
    assert spans(text) == ["the redhead"]
