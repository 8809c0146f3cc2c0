"""tense-shift: hand-written hard cases beyond the rule's documented examples."""

from __future__ import annotations

import pytest

from betareader import api
from betareader.config import Config

RULE = "tense-shift"

# Enough past narration around each case for the scene's tense to be settled.
PAST = ("The fog came in off the water an hour before dusk. Isolde reached the top of the "
        "steps and looked back. The village had vanished behind her. ")
PRESENT = ("I lean against the counter and wait. The kettle clicks off. Dax is asleep on the "
           "couch, and the radio is on. The studio smells of bleach. I am tired. ")


def found(text: str) -> list[tuple[str, list[str]]]:
    return [(text[i.start:i.end], i.suggestions)
            for i in api.check(text, Config(select=[RULE])).issues if i.rule == RULE]


@pytest.mark.parametrize("text,expected", [
    # A main verb slipping into the present, beside past verbs in its own sentence.
    (PAST + "She steps onto the wall and called his name. Nobody answered.",
     [("steps", ["stepped"])]),
    (PAST + "Mira checks her phone, sighed, and put it back in her pocket. The rain kept falling.",
     [("checks", ["checked"])]),
    # A lone present sentence between past ones.
    (PAST + "The wind rose as they crossed the moor. Somewhere ahead, a dog is barking. "
     "Tom pulled his collar up and walked faster.",
     [("is", ["was"])]),
    # Contractions and auxiliaries: "he's", "doesn't", "has burned".
    (PAST + "He climbed the stairs and stopped at the top. He's tired, and he sat down on the "
     "landing.",
     [("He's", ["He was"])]),
    (PAST + "The hall was dark. She felt for the switch, but it doesn't work. She swore under her "
     "breath and went back down.",
     [("does", ["did"])]),
    (PAST + "She felt for the switch and flicked it. The bulb has burned out. She swore and went "
     "back down.",
     [("has", ["had"])]),
    # A present speech tag in past narration.
    (PAST + 'She ran down the hall. "Wait!" she says, but the door slammed shut. The lock clicked.',
     [("says", ["said"])]),
    # The tagger calls "kneels" a plural noun; the rule still sees the verb.
    (PAST + "Tom found the keeper on the floor. Tom kneels beside him and prodded the knee. "
     "Quill groaned.",
     [("kneels", ["knelt"])]),
    # Present narration: a past main verb among present ones.
    (PRESENT + "I poured the water over the tea bag and watch it darken. Outside, a car goes by.",
     [("poured", ["pour"])]),
    (PRESENT + "I pour the water over the tea bag. Dax woke up and looks at me. Outside, a car "
     "goes by.",
     [("woke", ["wakes"])]),
    (PRESENT + '"You burned it," Dax said. Outside, a car goes by.',
     [("said", ["says"])]),
])
def test_flags(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    # Dialogue and italic thought may be in any tense.
    PAST + '"It is always like this," Ron said. "The stairs move." They waited for the '
    "staircase to swing back.",
    PAST + "She stared at the door. *He is not coming back,* she thought. She picked up her coat.",
    PAST + "'It is always like this,' Ron said. 'The stairs move.' Hermione sighed. 'Come on,' "
    "she said. They waited on the landing.",
    # Thought framed by a verb of thinking, and free indirect questions.
    PAST + "He stopped and caught his breath. She's gone, he thought. He sat down on the landing.",
    PAST + "Harry looked at the map again. Where is the exit? He turned it over and frowned.",
    # General truths with a generic subject; standing facts in a reported clause.
    PAST + "She stepped onto the porch. Water boils at a hundred degrees. She put the kettle on.",
    PAST + "The soldiers marched all night. Soldiers are like that. By dawn they reached the river.",
    PAST + "He knew that the river floods every spring, and he watched the water rise.",
    PAST + "Nobody is ever ready for that kind of fog. They waited on the steps until morning.",
    # Relative clauses describing a permanent state.
    PAST + "The man who lives next door had told him so. He waited by the window.",
    # "would", "could" and the past perfect.
    PAST + "She would walk to the harbour every morning, and she could name every boat. She had "
    "lived there for years.",
    # A first-person narrator's present-day comment.
    "I remember the night the lamp went out. I was twelve, and the fog came in so thick that I "
    "could not see my own hands. I confess I was afraid. We waited on the steps until morning.",
    # Present narration: past events told as past.
    PRESENT + "Last night I poured the water too soon, and the tea was weak. Outside, a car goes by.",
    PRESENT + "When I was twelve, my mother taught me to make tea. Outside, a car goes by.",
    PRESENT + "I met Dax at a party years ago. Outside, a car goes by.",
    PRESENT + "I had never liked the taste of it. Outside, a car goes by.",
    PRESENT + "That was close. Outside, a car goes by.",
    # A scene told in another tense on purpose.
    PAST + "She got down and looked at the house.\n\n* * *\n\nNow I sit at my desk and write it all "
    "down. The house is gone. The gate still stands, and the road runs past it to the sea. I go "
    "there sometimes. The grass is long.",
    # "put", "set", "read": the same spelling in both tenses, so nothing to see.
    PRESENT + "I put the cup down and read the note again. Outside, a car goes by.",
])
def test_leaves_alone(text):
    assert found(text) == []
