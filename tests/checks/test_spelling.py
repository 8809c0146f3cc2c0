"""spelling: hand-written hard cases (real typos and false-alarm traps)."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.checks.rules.spelling import suggestions, typo_shaped
from betareader.config import Config

RULE = "spelling"


def flagged(text: str, config: Config | None = None) -> list[tuple[str, list[str]]]:
    config = config or Config(select=[RULE])
    return [(text[i.start:i.end], i.suggestions) for i in api.check(text, config).issues if i.rule == RULE]


@pytest.mark.parametrize("text,word,first", [
    ("She recieved the letter on Tuesday.", "recieved", "received"),
    ("It was a wierd feeling.", "wierd", "weird"),
    ("\"I dont know,\" Harry said.", "dont", "don't"),
    ("\"Im not going,\" she said.", "Im", "I'm"),
    ("He stood by the windoe and waited.", "windoe", "window"),
    ("Mira grabbed her jakcet and ran.", "jakcet", "jacket"),
    ("She looked arond the room.", "arond", "around"),
    ("Teh door was open.", "Teh", "The"),
    ("He was sure she would come, but she nver did.", "nver", "never"),
    ("It was the begining of the end.", "begining", "beginning"),
    ("They would go tommorow.", "tommorow", "tomorrow"),
    ("The kitchne was cold and dark.", "kitchne", "kitchen"),
    ("He shouted: \"GET OUT OF MY HOUSSE!\"", "HOUSSE", "HOUSE"),
])
def test_flags_typos_with_ranked_suggestions(text, word, first):
    found = flagged(text)
    assert found and found[0][0] == word, found
    assert found[0][1][0] == first


def test_occured_is_not_a_regular_past_tense():
    assert flagged("It occured to her that he was lying.") == [("occured", ["occurred"])]


def test_repeated_misspelling_is_still_flagged_when_it_is_a_known_mistake():
    text = "She definately knew. He definately knew. They definately knew."
    assert [w for w, _ in flagged(text)] == ["definately"] * 3


@pytest.mark.parametrize("text", [
    # names and invented words: capitalised mid-sentence, proper nouns, used three times
    "Hermione glared at Ron. \"Honestly, Ronald, Wingardium Leviosa is not hard.\"",
    "He'd told them twice: the chakra flows, the chakra burns, the chakra heals.",
    "Naruto-kun waved. Sasuke-sama ignored him. Sakura-chan sighed.",
    # British and American spellings
    "The colour of the sky made her realise how far she'd travelled; the color, he'd say, realize it.",
    "She went to the theatre in the centre of town and felt the odour of the harbour.",
    # archaic words in older novels
    "I shall call to-morrow, if you will shew me the connexion between them; I chuse to stay.",
    "Whilst the tenaciously embowered gunwales lay undistinguishable, thou hast it.",
    # informal, dialect and sounds in dialogue
    "\"Nooooo,\" she wailed. \"Ugh. Hmmm. Argh! Shhh, y'all, we're gonna get caught.\"",
    "\"Where are you goin'?\" he asked. \"Nothin' to see here, ma'am. Tell 'em, kinda quick.\"",
    "\"I dunno, I wanna go, gotta go, lemme go,\" he said. \"Whaddya want?\"",
    "\"Mmm. Mhm. Pfft. Psst! Eww. Hahaha. Brrr. Zzz.\"",
    # contractions and possessives
    "She didn't know; Harry's wand wasn't there and they'd've gone if they'd known.",
    # compounds, stammering, digits, URLs, hashtags, e-mail
    "It was a well-known, half-forgotten, sun-bleached place. \"W-what? B-but I-I...\"",
    "She checked www.fanfiction.net and emailed tom.smith@example.org at 4pm about the 2nd #spoilers.",
    # acronyms, foreign words with accents, mixed case names
    "The NYPD and SHIELD met at the café near the naïve McGonagall's iPhone store.",
    # words wrongly joined belong to the compound rule
    "She had alot of friends and stood infront of them.",
    # a name only ever at the start of a sentence, but spoken to, speaking or owning something
    "\"Ferb?\" The torch beam shook. \"Ferb, are you down there?\"",
    "\"Not tonight,\" Bron said. The door shut behind him.",
    "\"Not tonight,\" said Sallt. The door shut behind him.",
    "The gate was open. Fitt's boots stood on the step.",
])
def test_leaves_alone(text):
    assert flagged(text) == []


def test_glossary_words_are_not_flagged():
    text = "The Sharingan flared. Kyuubi chakra roared through the Hokage tower; the jutsu failed."
    cfg = Config(select=[RULE], glossary={"sharingan", "kyuubi", "jutsu", "hokage"})
    assert flagged(text, cfg) == []


def test_dialect_in_dialogue_is_left_alone_but_slips_are_not():
    text = "\"I ain't seen nuthin', an' I'm goin' roun' the back,\" he said. \"It's a nixe day.\""
    found = flagged(text)
    assert [w for w, _ in found] == ["nixe"]
    assert found[0][1][0] == "nice"


def test_keeps_the_case_of_the_original():
    assert flagged("Wierd, she thought.") == [("Wierd", ["Weird"])]


def test_suggestions_rank_by_distance_then_slips_then_frequency():
    best, distance = suggestions("thnk")
    assert distance == 1 and best[0] == "think"
    assert typo_shaped("jakcet", "jacket")          # swapped letters
    assert typo_shaped("windoe", "window")          # neighbouring key
    assert typo_shaped("untill", "until")           # doubled letter
    assert not typo_shaped("ruther", "rather")      # a sound, not a slip
    assert not typo_shaped("skreen", "screen")


def test_offsets_point_at_the_word():
    text = "Émilie’s café — she recieved it."
    issues = api.check(text, Config(select=[RULE])).issues
    assert [text[i.start:i.end] for i in issues] == ["recieved"]


def test_a_typo_at_the_start_of_a_sentence_is_not_taken_for_a_name():
    # capitalised, but never spoken to, speaking or owning anything
    assert [w for w, _ in flagged("Teh gate was open. Nobody came.")] == ["Teh"]
