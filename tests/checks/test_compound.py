"""compound: split and joined compounds and unhyphenated compound modifiers; hard cases."""

from __future__ import annotations

import pytest

from betareader.checks.patterns import PatternError, parse_patterns
from check_helpers import flags_of, slip_tests


def flags(text: str) -> list[tuple[str, list[str]]]:
    return flags_of("compound", text)


ERRORS = [
    ("You couldn't have done it with out Quill.", "with out", "without"),
    ("Some how, the studio feels colder.", "Some how", "Somehow"),
    ("She looked every where for the key.", "every where", "everywhere"),
    ("He hurt him self on the rocks.", "him self", "himself"),
    ("They kept the secret to them selves.", "them selves", "themselves"),
    ("I can not believe he said that.", "can not", "cannot"),
    ("It was raining; never the less, they went.", "never the less", "nevertheless"),
    ("She walked in to the kitchen and sat down.", "in to", "into"),
    ("The old boat fell a part in the storm.", "a part", "apart"),
    ("Izzy had heard alot of stories.", "alot", "a lot"),
    ("His legs were stretched out infront of him.", "infront", "in front"),
    ("They looked at eachother and laughed.", "eachother", "each other"),
    ("You should atleast call her.", "atleast", "at least"),
    ("Take a coat incase it rains.", "incase", "in case"),
    ('"Now I think noone ever told me the whole story."', "noone", "no one"),
    ("He laughs everytime she sings.", "everytime", "every time"),
    ("She stayed with us for awhile.", "awhile", "a while"),
    ("He was apart of the crew for ten years.", "apart", "a part"),
    ("I need to setup the stage before noon.", "setup", "set up"),
    ("A well known actor rented the cottage.", "well known", "well-known"),
    ("It was long awaited news for the village.", "long awaited", "long-awaited"),
    ("The ten year old girl sat on the steps.", "ten year old", "ten-year-old"),
    ("It was a five minute walk to the harbour.", "five minute", "five-minute"),
    ("She was a so called friend of the family.", "so called", "so-called"),
    ("He had a full time job at the mill.", "full time", "full-time"),
    ("She was always a little self conscious.", "self conscious", "self-conscious"),
    ("A blue eyed boy stood at the gate.", "blue eyed", "blue-eyed"),
    ("He was a good looking man with a crooked smile.", "good looking", "good-looking"),
    ("The sun light came through the curtains.", "sun light", "sunlight"),
    ("It was a highly-regarded inn by the sea.", "highly-regarded", "highly regarded"),
    ("Thirty five lanterns hung over the square.", "Thirty five", "Thirty-five"),
]


TRAPS = [
    "No one came, so she knocked a lot louder.",
    "Thank you for the tea; we'll see each other in front of the church.",
    "He gave in to temptation and ate every one of the biscuits.",
    "Some one of them must have seen it.",
    "Any one of us could have done it.",
    "She moved on to the next house.",
    "He turned himself in to the police.",
    "She came in to help with the nets.",
    "It was a part of the plan all along.",
    "She wanted to be a part of the crew.",
    "Stay awhile and rest your feet.",
    "It happened some time ago.",
    "We'll meet again sometime next week.",
    "I don't go there any more.",
    "It's all right, and alright is fine too.",
    "The actor was well known in the village.",
    "She was a highly regarded poet.",
    "A high school student held the door.",
    "She was ten years old that summer.",
    "He was six foot tall and broad.",
    "The sun set over the harbour.",
    "Her heart beat faster as the boat came in.",
    "The two eyed each other across the table.",
    "Nevermind, she said, it doesn't matter.",
    "The long, awaited moment never came.",
    "I can not only sing but dance.",
    "He couldn't do it without her.",
    "She found herself alone in the yard.",
]


test_real_slips_are_flagged, test_right_uses_are_left_alone = slip_tests("compound", ERRORS, TRAPS)


def test_old_spelling_used_throughout_is_house_style():
    text = ("Every thing was quiet. She had not said any thing. Every thing was put away, "
            "and every thing in the house was clean. He did not want any thing else.")
    found = [w for w, _ in flags(text)]
    assert "Every thing" not in found and "every thing" not in found


def test_single_old_split_in_modern_text_is_flagged():
    text = "Everything was quiet. Everything was clean. She said every thing was fine. Everything was."
    assert ("every thing", ["everything"]) in flags(text)


def test_pattern_language_rejects_bad_lines():
    with pytest.raises(PatternError):
        parse_patterns("[with out => without")
    with pytest.raises(PatternError):
        parse_patterns("with out => without")
    with pytest.raises(PatternError):
        parse_patterns("[with out] <nosuchset> => without")
    pats = parse_patterns("define x = a|b\n<x> [c d] !e => {} !error !archaic")
    assert pats[0].severity == "error" and "archaic" in pats[0].flags
