"""The conversation model that fills untagged turns (betareader.analysis.conversation)."""

from __future__ import annotations

from betareader.analysis.conversation import UNKNOWN, TurnFacts, assign_speakers

A, B, C = 1, 2, 3


def speakers(turns):
    return [s for s, _ in assign_speakers(turns)]


def test_two_people_alternate_between_anchors():
    turns = [TurnFacts(A), TurnFacts(B), TurnFacts(None), TurnFacts(None), TurnFacts(None)]
    assert speakers(turns) == [A, B, A, B, A]


def test_later_evidence_counts_too():
    # A speaks, two untagged lines, then B is tagged: the untagged lines are B, A
    turns = [TurnFacts(A), TurnFacts(None), TurnFacts(None), TurnFacts(B)]
    assert speakers(turns) == [A, B, A, B]


def test_an_addressee_does_not_speak_the_line_that_addresses_them_and_answers_it():
    turns = [TurnFacts(A), TurnFacts(B), TurnFacts(None, addressees={C}), TurnFacts(None)]
    out = speakers(turns)
    assert out[2] != C
    assert out[3] == C


def test_unknown_speaker_keeps_its_place():
    turns = [TurnFacts(A), TurnFacts(None, unknown=True), TurnFacts(None)]
    out = assign_speakers(turns)
    assert out[1][0] is None
    assert out[2][0] != UNKNOWN


def test_pronoun_choices_are_decided_by_the_conversation():
    # "she said" could be A or C; the alternation A, B, ? makes it A
    turns = [TurnFacts(A), TurnFacts(B), TurnFacts(None, choices={A: 0.5, C: 0.6})]
    assert speakers(turns)[2] == A


def test_fixed_turns_are_kept_and_empty_input():
    assert assign_speakers([]) == []
    turns = [TurnFacts(A), TurnFacts(A)]
    assert speakers(turns) == [A, A]
