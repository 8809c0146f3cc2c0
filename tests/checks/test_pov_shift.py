"""pov-shift: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "pov-shift"

# Third-person past narration to settle the point of view.
THIRD = ("Mira pulled her coat tighter and walked faster. The street was empty, and her "
         "footsteps echoed off the shutters. ")
END = " She turned the corner and stopped."


def found(text: str) -> list[str]:
    return [text[i.start:i.end] for i in api.check(text, Config(select=[RULE])).issues
            if i.rule == RULE]


@pytest.mark.parametrize("text,expected", [
    (THIRD + "Tom had never liked the climb, and I never blamed him for it." + END, ["I"]),
    (THIRD + "We turned the corner and saw the light in the window." + END, ["We"]),
    (THIRD + "She glanced back at my window, but the curtain did not move." + END, ["my"]),
    (THIRD + "You walked to the window and pressed your forehead to the glass." + END,
     ["You", "your"]),
    (THIRD + "Then she handed you the letter without a word." + END, ["you"]),
    # Single-quote dialogue is told apart from the narration around it.
    ("'I never liked that climb,' Tom said. 'You know that.' He kept his eyes on the stones. "
     "'Come on,' said Izzy. They took the cliff path, and I never blamed him for it. He climbed "
     "on.", ["I"]),
])
def test_flags(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    # Dialogue and italic thought.
    THIRD + '"I never liked this street," she said. "You know that."' + END,
    THIRD + "*I should have stayed,* she thought." + END,
    # Unmarked thought: framed by a verb of thinking, or a question in the narration.
    THIRD + "I can't do this, she thought, and kept walking." + END,
    THIRD + "What was I thinking, she wondered." + END,
    THIRD + "What was I thinking?" + END,
    # A storyteller's aside in the present, and "our hero".
    THIRD + "As we shall see, she was right to hurry." + END,
    THIRD + "Our heroine, of course, had no idea." + END,
    # The generic "you".
    THIRD + "From the bridge you could see the whole harbour." + END,
    THIRD + "It was the kind of cold that got into your bones." + END,
    THIRD + "You had to hold the rail on that bridge, or the wind took you." + END,
    # Letters, notes and signs shown in the text.
    THIRD + "She read the note again.\n\nDear Mira, I am sorry. I will explain everything when I "
    "see you. Yours, Tom\n\nShe folded it." + END,
    THIRD + "The sign on the door read: WE ARE CLOSED." + END,
    # First-person stories may talk to the reader.
    "I walked to the window and looked out. The street was empty. You would not believe how "
    "quiet it was. I went back to bed and pulled the covers up.",
    # A first-person story is not third-person narration slipping.
    "I took the cliff path. Tom had never liked the climb, and I never blamed him for it. We "
    "climbed in silence.",
])
def test_leaves_alone(text):
    assert found(text) == []


@pytest.mark.parametrize("text,expected", [
    # A colon in the middle of narration does not make what follows a quoted text.
    (THIRD + "She found a pair of gloves on the table: I took up the fan and the gloves, and "
     "she went out." + END, ["I"]),
    # An exclamation at the end only makes its last clause a thought.
    (THIRD + "When I went back to the table, she found the key gone; how stupid she had been!"
     + END, ["I"]),
])
def test_flags_more(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    # A colon after a verb of saying or writing, or before a capital, opens a text.
    THIRD + "The note said: I was here first." + END,
    THIRD + "She had one thought: We had to leave." + END,
    # The last clause of an exclamation is unmarked thought.
    THIRD + "She stopped at the door; what a fool I had been!" + END,
])
def test_leaves_alone_more(text):
    assert found(text) == []


# First-person present narration to settle the point of view.
FIRST = ("I unlock the café at seven and switch on the grinder. The milk is nearly out, so I "
         "write it on the board. ")


@pytest.mark.parametrize("text,expected", [
    # a "she"/"he" nobody could be, doing to its own body what the narrator does
    (FIRST + "I pull the apron over my head, and she ties it behind her back.", ["she"]),
    (FIRST + "I yawn and stretch, and he rubs his eyes with both fists.", ["he"]),
])
def test_first_person_narrator_slipping_into_the_third(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    # someone to refer to: an earlier "she", a name in the scene, a person noun nearby
    FIRST + "Jess arrives late. I pull the apron over my head, and she ties it behind her back.",
    FIRST + "The new girl is already here. I pull the apron over my head, and she ties it behind "
            "her back.",
    "Anya rang at six.\n\n" + FIRST + "I pull the apron over my head, and she ties it behind her back.",
    FIRST + "She is late again. I pull the apron over my head, and she ties it behind her back.",
    # a name in speech that is the subject
    '"Anya says she can cover the morning," I tell the boss. ' + FIRST
    + "I pull the apron over my head, and she ties it behind her back.",
    # a stranger stepping into the scene
    FIRST + "I wipe the counter, and he walks in out of the rain.",
    # third-person scenes are not this check's business
    "Mira unlocked the café at seven. She pulled the apron over her head and tied it.",
])
def test_first_person_she_with_someone_to_refer_to(text):
    assert found(text) == []
