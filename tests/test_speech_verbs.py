"""The package's speech verbs: one list, its forms made by rule and checked against lemminflect."""

from __future__ import annotations

import re

from lemminflect import getAllInflections

from betareader.speech_verbs import alternation, entries, inflect, phrasal_forms, progressive, speech_forms, tag_forms


UNKNOWN_TO_LEMMINFLECT = {"chortle", "shrill"}


def test_forms_match_lemminflect():
    """The package inflects the list itself (lemminflect is slow to load); keep it honest."""
    for lemma, _ in entries():
        past, third = inflect(lemma)
        forms = getAllInflections(lemma, upos="VERB")
        if not forms:
            assert lemma in UNKNOWN_TO_LEMMINFLECT, lemma
            continue
        assert set(past) <= set(forms.get("VBD", ())) | set(forms.get("VBN", ())), (lemma, past, forms)
        assert third in forms.get("VBZ", ()), (lemma, third, forms)
        assert progressive(lemma) in forms.get("VBG", ()), (lemma, progressive(lemma), forms)


def test_verbs_with_a_particle_are_speech_only_with_it():
    assert "went" not in speech_forms() and phrasal_forms()["went"] == {"on"}
    assert phrasal_forms()["broke"] == {"in"}
    assert speech_forms()["said"] == "say" and speech_forms()["whispers"] == "whisper"
    assert "whispering" not in speech_forms() and speech_forms(progressive_form=True)["whispering"] == "whisper"


def test_the_alternation_matches_whole_tag_verbs_only():
    rx = re.compile(r"\b(?:%s)\b" % alternation(tag_forms()))
    assert rx.fullmatch("said") and rx.fullmatch("went on") and rx.fullmatch("asks")
    assert not rx.fullmatch("went") and not rx.fullmatch("saying") and not rx.fullmatch("sad")
