"""dialogue-punctuation: hand-written hard cases (real errors and false-alarm traps)."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "dialogue-punctuation"


def flagged(text: str) -> list[tuple[str, list[str]]]:
    """(flagged text, suggestions) for each issue of the rule."""
    issues = [i for i in api.check(text, Config(select=[RULE])).issues if i.rule == RULE]
    return [(text[i.start:i.end], i.suggestions) for i in issues]


@pytest.mark.parametrize("text,span,suggestion", [
    # a full stop where the comma belongs
    ('"Yes." she said, and closed the door.', '." she', '," she'),
    ('"Yes." She said.', '." She', '," she'),
    ('"I\'ll wait." Tom said.', '.', ','),
    ('"It\'s late." said Mira, yawning.', '." said', '," said'),
    ('"Leave it." the old man muttered.', '." the', '," the'),
    ('"Of course." Mrs. Bennet replied.', '.', ','),
    ('"Perhaps." Said Darcy, "I should have judged better."', '." Said', '," said'),
    # a name the tagger reads as a pronoun
    ('"Hand me the wrench." Orla says, wiping her palms.', '.', ','),
    ('"Not tonight." Brinn says.', '.', ','),
    # a capital after the comma
    ('"You\'re late," He said.', 'He', 'he'),
    ('"Perhaps," Said old Cotter.', 'Said', 'said'),
    ('"Not now," The old man muttered.', 'The', 'the'),
    # a capital after ? and !
    ('"Why?" He asked.', 'He', 'he'),
    ('"Get out!" She shouted at the dog.', 'She', 'she'),
    ('"Is it?" She answered nervously.', 'She', 'she'),
    # no punctuation before the closing mark
    ('"I don\'t know" she said.', 'know', 'know,'),
    ('"We were playing Elaine" explained Anne.', 'Elaine', 'Elaine,'),
    ('"Fine" He said.', 'Fine" He', 'Fine," he'),
    # direct address
    ('"Come on Harry, we\'ll be late."', 'on Harry', 'on, Harry'),
    ('"Thanks Mira." Jonah took the mug.', 'Thanks Mira', 'Thanks, Mira'),
    ('"Hey Tom," she called.', 'Hey Tom', 'Hey, Tom'),
    ('"Yes sir," the boy said.', 'Yes sir', 'Yes, sir'),
    ('"Good morning Professor McGonagall."', 'morning Professor McGonagall', 'morning, Professor McGonagall'),
    ('"Thank you my dear," she said.', 'you my dear', 'you, my dear'),
    ('"Oh Harry," she sighed.', 'Oh Harry', 'Oh, Harry'),
    ('"Tom come here, quick!"', 'Tom', 'Tom,'),
])
def test_flags_and_suggests(text, span, suggestion):
    found = flagged(text)
    assert any(f == span and s[:1] == [suggestion] for f, s in found), found


def test_lowercase_beat_after_full_stop_wants_a_capital():
    found = flagged('"Yes." she smiled and looked away.')
    assert found == [('." she', ['." She'])]


def test_comma_before_a_capitalised_beat_offers_both_fixes():
    found = flagged('"Yes," She smiled.')
    assert found == [('," She', ['." She', '," she'])]


@pytest.mark.parametrize("text", [
    # action beats are sentences of their own
    '"Yes." She smiled.',
    '"Fine." She turned away.',
    '"No." He laughed.',
    '"Why?" He sighed.',
    '"Go." He called.',  # "called" can name an action
    '"I\'m sorry." She cried.',
    # a speech verb used as narration, not as a tag
    '"Go." She said nothing more.',
    '"Sit down." He said it kindly.',
    '"Lunch?" She asked for the menu.',
    '"Croquet." The Frog-Footman repeated, in the same tone, "From the Queen."',
    '"Yes." She said, "But not now."',
    # correct tags
    '"Yes," Tom said.',
    '"Yes," I said.',
    '"Yes," said she.',
    '"Why?" he asked.',
    '"Stop!" cried Elizabeth.',
    '"Wait—" she began.',
    '"I thought..." she whispered.',
    '"Yes," The Doctor said.',  # a name
    '"Hand me the wrench." Orla wipes her palms on her jeans.',  # a beat after a name
    '"Not tonight." Brinn shuts the laptop.',
    # names that are subject or object, and exclamations
    '"Harry said so."',
    '"I told Harry."',
    '"Ask Mira. She knows."',
    '"Oh God, not again."',
    '"Oh dear," said Alice.',
    '"Thank heavens," he said.',
    '"Never mind Josie Pye."',
    '"He\'s a yes man."',
    '"Are you Harry?"',
    '"Call it Fluffy."',
    # quote marks that are not dialogue problems
    'The 12" record sat next to a 5\'11" cardboard cut-out.',
    '"The road runs on for miles.\n\n"And then it stops at the sea," he said.',
    '"I like it," she said. "The color is nice."',
])
def test_leaves_alone(text):
    assert flagged(text) == []


def test_unclosed_quote_is_reported_once():
    text = '"Wait for me," she called. "I\'m coming.\n\nThe door slammed behind her.'
    found = flagged(text)
    assert [f for f, _ in found] == ['"']
    issue = [i for i in api.check(text, Config(select=[RULE])).issues][0]
    assert text[issue.start:] .startswith('"I\'m coming')


@pytest.mark.parametrize("text,span,suggestion", [
    ('"Nobody ever drowned in this harbour, Wynn said, eyeing the water.\n\nThe ferry bumped.',
     'harbour,', 'harbour,"'),
    ('"Is the tide on the turn? she asked, and pulled her hood up.', 'turn?', 'turn?"'),
    ('“Not another word, said Mrs Quayle. She meant it.', 'word,', 'word,”'),
])
def test_unclosed_quote_is_reported_where_the_closing_mark_is_missing(text, span, suggestion):
    assert flagged(text) == [(span, [suggestion])]


def test_stray_closing_mark():
    text = 'She opened the door." Then she left.'
    assert [f for f, _ in flagged(text)] == ['"']


def test_curly_mark_turned_the_wrong_way():
    assert flagged('”Yes,” she said.') == [("”", ["“"])]
    assert flagged('“Yes,“ she said.') == [("“", ["”"])]
    assert flagged("‘Yes,‘ she said. ‘No.’ ‘Fine.’ ‘Go.’") == [("‘", ["’"])]


def test_single_quote_dialogue():
    text = ("'Are you coming?' she asked. 'It's late.'\n\n"
            "'I'm coming.' he said. 'Give me a minute.'\n\n"
            "'Fine,' She said.")
    found = flagged(text)
    assert ("." + "' he", ["," + "' he"]) in found
    assert ("She", ["she"]) in found
    assert len(found) == 2


def test_curly_quotes():
    text = "“Not yet.” She whispered.\n\n“Fine,” he said. “Come on Ron.”"
    found = flagged(text)
    assert (".” She", [",” she"]) in found
    assert ("on Ron", ["on, Ron"]) in found
    assert len(found) == 2


def test_hard_wrapped_text():
    text = ('"I have no wish to go," said Mr. Bennet, "and I will\nnot." He said\n'
            'it twice.\n\n"Very well." said\nshe.')
    found = flagged(text)
    assert found == [('." said', ['," said'])]


def test_offsets_are_code_points_into_the_text():
    text = "Émilie’s café — “Oui.” she said."
    issues = api.check(text, Config(select=[RULE])).issues
    assert [text[i.start:i.end] for i in issues] == [".” she"]


def test_dash_dialogue_has_no_marks_to_check():
    text = ("—Back to barracks! he said sternly. Your absurd name!\n\n—Yes, she said.\n\n"
            "—No, he said. Go now.\n\n—Fine.")
    assert flagged(text) == []
