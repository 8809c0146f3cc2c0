"""confusable: hand-written hard cases, real slips and the right uses that look like them."""

from __future__ import annotations

import pytest

from betareader.checks.patterns import load_patterns
from check_helpers import flags_of, slip_tests


def flags(text: str) -> list[tuple[str, list[str]]]:
    return flags_of("confusable", text)


ERRORS = [
    # (text, flagged words, first suggestion)
    ("Its going to rain before we reach the harbour.", "Its", "It's"),
    ("She said its not fair, and slammed the door.", "its", "it's"),
    ("The brass had lost it's shine years ago.", "it's", "its"),
    ("The dog wagged it's tail when he came in.", "it's", "its"),
    ('"Your going to get us both killed," Tom muttered.', "Your", "You're"),
    ("I think your right about the lamp.", "your", "you're"),
    ("He found the record under you're chair.", "you're", "your"),
    ("Just take you're time, we have all night.", "you're", "your"),
    ("They shook there heads and walked away.", "there", "their"),
    ("The children ran back to there own houses.", "there", "their"),
    ('"Over their, by the breakwater?"', "their", "there"),
    ("Their was nobody left on the pier.", "Their", "There"),
    ("He says it was brighter then anything Quill ever managed.", "then", "than"),
    ("You're better then the last host.", "then", "than"),
    ("She finished the letter, and than she burned it.", "than", "then"),
    ("She stood at the harbour mouth, were a grey sail had just come round.", "were", "where"),
    ("I don't know were he keeps the key.", "were", "where"),
    ('"Were did you put the lamp?" she asked.', "Were", "Where"),
    ("They where halfway across the bridge when the lights failed.", "where", "were"),
    ("The boys where too tired to argue.", "where", "were"),
    ("Quill says I could loose my apprenticeship.", "loose", "lose"),
    ("The microphone buzzes because of a lose wire.", "lose", "loose"),
    ('"It\'s to late for that," Tom said.', "to", "too"),
    ("She looked real nice to.", "to", "too"),
    ("I wanted too go home before the storm.", "too", "to"),
    ("He walked passed the fish stalls without a word.", "passed", "past"),
    ('"Just breath, Izzy," Pet murmured.', "breath", "breathe"),
    ("She took a deep breathe and opened the door.", "breathe", "breath"),
    ("I'm not quiet sure what happened next.", "quiet", "quite"),
    ("The room was quite, except for the clock.", "quite", "quiet"),
    ("The news didn't effect him at all.", "effect", "affect"),
    ("The storm had a strange affect on the dogs.", "affect", "effect"),
    ("She had lead them down to the cellar an hour ago.", "lead", "led"),
    ("I except your apology, but not your excuse.", "except", "accept"),
    ("She asked weather he had seen the lighthouse.", "weather", "whether"),
    ("Come over hear and look at this.", "hear", "here"),
    ("I can here the sea from my window.", "here", "hear"),
    ("He walked threw the door without knocking.", "threw", "through"),
    ("All I want is some piece and quiet.", "piece", "peace"),
    ("She ate the hole cake by herself.", "hole", "whole"),
    ("He slammed on the breaks and the cart stopped.", "breaks", "brakes"),
    ("He would of stayed, but the last train was leaving.", "of", "have"),
    ("Who's turn is it to keep watch?", "Who's", "Whose"),
    ("Whose there? Show yourself!", "Whose", "Who's"),
    ("Could you give me some advise about the boat?", "advise", "advice"),
    ("He said he would defiantly be there tomorrow.", "defiantly", "definitely"),
    ("Her mind wondered back to the summer by the sea.", "wondered", "wandered"),
    ("Please bare with me for a moment.", "bare", "bear"),
    ("He wrapped his arm around her waste.", "waste", "waist"),
    ("The sneak peak of the new chapter went up today.", "peak", "peek"),
    ("Everyone was there, accept Tom and his dog.", "accept", "except"),
]


TRAPS = [
    # possessive its / your / their that look like contractions
    "The lighthouse had lost its light, and its keeper was gone.",
    "Use your head, girl, and your hands.",
    "It's your show, Marchetti. Your call.",
    "I heard of their going to Netherfield on Tuesday.",
    "Nothing could prevent its happening again.",
    "I slide the grey record out of its sleeve.",
    # contractions that are right
    "I think it's time we went home.",
    "You're welcome to stay as long as you like.",
    "They're family, whatever the papers say.",
    "Who's there? Who's coming with me?",
    # there / their
    "Out there, things were different.",
    "There were two men on the pier, and their boat was gone.",
    "He stood there a moment, then went in.",
    "Is there anything left in the pantry?",
    # then / than
    '"Then go home," she said.',
    "It's heavier than it looks, and colder than it did an hour ago.",
    "It was later then, much later, when the bell rang.",
    "He was taller than Tom and rather more careful than his father.",
    "It'll be better then, you'll see.",
    # were / where / we're
    "If I were you, I'd wait.",
    "It was impossible to tell where the grass ended.",
    "Were it not for the storm, we would have sailed.",
    "The men were the ones who found her.",
    "I don't know where to go.",
    "Where are you going?",
    "As it were, nobody came.",
    # lose / loose, to / too
    "The dogs broke loose and ran for the hills.",
    "He let loose a cry of triumph.",
    "She didn't want to lose the race.",
    "I want to go too.",
    "It was too late to go through the woods.",
    "The man she was engaged to never wrote.",
    "Tell him I said so too.",
    # other sets
    "He walked past the gate, and the past was behind him.",
    "Tom reached past her and pushed it open.",
    "She breathed on the glass until it glowed.",
    "He was quite sure the room was quiet.",
    "They lay down by the fire and slept.",
    "It lay on the table where she had left it.",
    "The effect was immediate, and it affected everyone.",
    "She led the horse to the stream; lead pipes ran under the yard.",
    "Everyone except Tom accepted the invitation.",
    "She didn't know whether the weather would hold.",
    "I can hear you from here.",
    "He threw the ball through the window.",
    "A piece of cake and some peace and quiet.",
    "The whole town fell into the hole.",
    "Take a break before you hit the brakes.",
    "He could have stayed, of course.",
    "Whose coat is this, and who's wearing it?",
    "That was good advice; I advise you to take it.",
    "She stared defiantly at the guard.",
    "He wandered off while she wondered what to do.",
    "She couldn't bear the bare walls.",
    "Don't waste your breath on him.",
    "She took a peek at the peak of the mountain.",
    "Lowmarket has a blackout every time it rains.",
]


test_real_slips_are_flagged, test_right_uses_are_left_alone = slip_tests("confusable", ERRORS, TRAPS)


def test_dialogue_is_checked_but_eye_dialect_is_not():
    assert flags('"Your going to be late," she said.')
    assert not flags('"I could of told ya, ain\'t nobody goin\' there," he said.')


def test_lie_lay_is_left_alone_in_dialogue():
    assert not flags('"I\'m going to lay down for a bit," she said.')
    assert flags("After supper she went upstairs to lay down on the bed.")


def test_capitals_and_apostrophes_follow_the_text():
    text = "Its late. Your right, it's cold."
    found = dict(flags(text))
    assert found["Its"] == ["It's"]
    assert found["Your"][0] == "You're"


def test_suggestion_keeps_curly_apostrophes():
    text = "\u201cYour going to be late,\u201d she said. \u201cIt\u2019s true.\u201d"
    found = dict(flags(text))
    assert found["Your"][0] == "You\u2019re"


def test_there_are_at_least_forty_sets():
    pats = load_patterns("confusable-patterns.txt")
    words = set(pats.index)
    from betareader.checks.rules.confusable import HARD

    words |= set(HARD)
    assert len(words) >= 100  # the pattern words of 60+ confusable sets
