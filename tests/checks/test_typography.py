"""typography: hand-written hard cases (real inconsistencies and false-alarm traps)."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "typography"


def issues(text: str):
    return [i for i in api.check(text, Config(select=[RULE])).issues if i.rule == RULE]


def flagged(text: str) -> list[tuple[str, list[str]]]:
    return [(text[i.start:i.end], i.suggestions) for i in issues(text)]


def test_minority_straight_quotes_in_a_curly_story():
    text = ("“I’m fine,” she said.\n\n“You’re not,” he said.\n\n“Fine.” She sighed.\n\n"
            "\"Then tell me,\" he said.\n\n“Later,” she promised.")
    found = issues(text)
    assert len(found) == 1  # one per paragraph
    issue = found[0]
    assert text[issue.start:issue.end] == '"' and issue.suggestions == ["“"]
    assert "2 straight" in issue.message and "8 curly" in issue.message


def test_closing_straight_quote_gets_a_closing_curly_mark():
    text = "“One,” she said.\n\n“Two,” he said.\n\n“Three,” she said.\n\n“Four?” he asked. “Five.\""
    found = flagged(text)
    assert found == [('"', ["”"])]


def test_minority_curly_quotes_in_a_straight_story():
    text = '"One," she said.\n\n"Two," he said.\n\n"Three," she said.\n\n“Four,” he said.'
    assert flagged(text) == [("“", ['"'])]


def test_straight_apostrophe_in_a_curly_story():
    text = "“Don’t,” she said. “Please.”\n\n“I won’t,” he said. “I can’t.”\n\n“You don't mean it.”"
    assert flagged(text) == [("'", ["’"])]


def test_curly_doubles_with_straight_apostrophes_is_one_issue():
    text = ("“I don't know,” she said. “It's late.”\n\n“We'll see,” he said. “Won't we?”\n\n"
            "“Can't,” she said. “Shan't.”")
    found = issues(text)
    assert len(found) == 1 and "apostrophes" in found[0].message
    assert found[0].suggestions == ["’"]


def test_mixed_ellipses_flag_the_minority():
    text = "He waited… and waited…\n\nThe door stayed shut… Then, finally... a knock."
    assert flagged(text) == [("...", ["…"])]


def test_mixed_dashes_suggest_the_main_dash_with_its_spacing():
    text = ("She ran — faster than ever — to the gate.\n\nHe followed — too slow — and then -- nothing.\n\n"
            "It was over - or so she thought.")
    found = flagged(text)
    assert (" -- ", [" — "]) in found
    assert (" - ", [" — "]) in found


def test_hyphen_cutting_off_speech():
    text = "“Wait—” she said.\n\n“I—” he began.\n\n“But—”\n\n“Don’t-”"
    assert flagged(text) == [("-", ["—"])]


def test_double_space_between_words():
    found = flagged("She stepped outside  and looked up at the sky.")
    assert found == [("  ", [" "])]


def test_two_spaces_after_sentences_throughout_is_a_style():
    text = "She stopped.  He stopped.  The clock stopped.  Nobody moved.  Then  the bell rang."
    assert flagged(text) == [("  ", [" "])]  # only the one inside a sentence


def test_an_odd_two_space_sentence_gap_is_one_summary_issue():
    text = "She stopped. He stopped.  The clock stopped. Nobody moved. The bell rang.  Then silence."
    found = issues(text)
    assert len(found) == 1 and "2 sentences" in found[0].message


@pytest.mark.parametrize("text,span,fix", [
    ("He stared at her , waiting.", " ,", ","),
    ("Why would you do that ?", " ?", "?"),
    ('Did he say "yes" ?', " ?", "?"),
    ("She nodded.Then she left.", ".", ". "),
    ("Yes,I know.", ",", ", "),
    ("What?No way.", "?", "? "),
    ('"Stop."She grabbed his arm.', '."', '." '),
])
def test_spacing_around_punctuation(text, span, fix):
    assert (span, [fix]) in flagged(text)


@pytest.mark.parametrize("text", [
    '"I\'m fine," she said. "You\'re not," he said. "Fine. I\'m not." She sighed.',
    "“I’m fine,” she said. “You’re not,” he said, and waited… and waited…",
    "It was 1990–95, the years of the war -- the long years -- and nobody spoke of it.",
    "He was 5'11\" and the box was 12\" wide. She typed :) and hit send. ;-)",
    "Visit www.example.com or mail tom.smith@example.org. J.K. Rowling wrote it at 3.45 p.m. in the U.S.",
    "The file was notes.txt and the site was fanfic.net, e.g. the usual.",
    "The sign said « Quoi ? » and « Pourquoi ? » and « Comment ? » in the old style.",
    "She paused . . . then went on, and waited . . . and waited.",
    "The .45 was loaded. It cost $1,000 at 10:30 sharp.",
    "A well-known, half-forgotten, sun-bleached place.",
    "“…and then what?” she asked. “Nothing…”",
    "She said, 'It's the twins' car,' and left.",
    "Wait...what? She read it again...slowly.",
])
def test_leaves_alone(text):
    assert flagged(text) == []


def test_does_not_flood():
    paras = [f"He said “hello” to {n} people" + (', and "goodbye" too.' if n % 2 else ".") for n in range(40)]
    text = "\n\n".join(paras)
    found = issues(text)
    # 20 paragraphs use the minority straight marks: capped at 8 issues, each on a straight mark
    assert len(found) == 8
    assert all(text[i.start:i.end] == '"' for i in found)
