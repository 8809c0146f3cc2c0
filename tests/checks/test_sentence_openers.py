"""sentence-openers: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "sentence-openers"


def issues(text: str, **options):
    config = Config(select=[RULE], rule_options={RULE: options} if options else {})
    return [i for i in api.check(text, config).issues if i.rule == RULE]


def test_one_issue_per_run_on_the_third_opener():
    text = "She opened the door. She looked around. She saw the letter. She sighed."
    found = issues(text)
    assert len(found) == 1
    assert found[0].start == text.index("She saw")
    assert "4 sentences in a row open with 'She'" in found[0].message


def test_two_word_openers_are_named():
    text = "He was tired. He was cold. He was nowhere near home."
    found = issues(text)
    assert len(found) == 1 and "'He was'" in found[0].message
    assert text[found[0].start:found[0].end] == "He was"


def test_participle_and_adverb_openers():
    ing = "Turning, Harry raised his wand. Ducking, he rolled aside. Gasping, he fired back."
    assert "-ing" in issues(ing)[0].message
    ly = "Slowly, she stood. Carefully, she crossed the room. Quietly, she opened the door."
    assert "-ly" in issues(ly)[0].message


def test_dialogue_neither_counts_nor_breaks_a_run():
    assert issues('She opened the door. "Hello?" She looked around. "Anyone?" She saw it.')
    assert not issues('"Yes," she said. "Yes," he said. "Yes," they said.')


def test_paragraph_openers():
    text = ("Hermione sighed and closed the book. It was late.\n\n"
            "Hermione had read it three times. Nothing had changed.\n\n"
            "Hermione was not going to read it a fourth time.")
    found = issues(text)
    assert len(found) == 1 and "paragraphs" in found[0].message


@pytest.mark.parametrize("text", [
    "She opened the door. She looked around. Then she saw the letter.",
    "She opened the door. She looked around.\n\n***\n\nShe woke at noon.",
    "The house was quiet. A clock ticked somewhere. The stairs creaked under her.",
])
def test_leaves_alone(text):
    assert not issues(text)


def test_min_run_option():
    text = "She opened the door. She looked around. Then she left."
    assert not issues(text)
    assert issues(text, min_run=2)
