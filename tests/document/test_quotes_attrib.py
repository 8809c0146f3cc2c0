"""Quote detection cases that matter for speaker attribution (scare quotes, verse, dash dialogue)."""

from __future__ import annotations

from betareader.document import build_story


def spoken(text: str) -> list[str]:
    story = build_story(text)
    return [text[q.inner_start:q.inner_end] for q in story.quotes]


def test_scare_quotes_and_titles_are_not_speech():
    text = (
        'She found a little bottle marked "poison," which she put back at once.\n\n'
        'They called the lane "Hell Row" for a reason.\n\n'
        'He had read "The Lantern Keeper" twice.\n\n'
        '"Come here," said Mira.\n'
    )
    assert spoken(text) == ["Come here,"]


def test_short_quote_after_a_speech_verb_stays_speech():
    text = 'The queen kept shouting "Off with her head!" at everyone.\n\nHe said "yes" and left.\n'
    assert spoken(text) == ["Off with her head!", "yes"]


def test_quote_after_punctuation_is_speech():
    text = 'Jonas turned. "No."\n\nShe whispered, "Go."\n\n"Fine," he said, "stay."\n'
    assert spoken(text) == ["No.", "Go.", "Fine,", "stay."]


def test_indented_verse_is_not_speech():
    text = (
        'She sang to herself:\n\n'
        '"Over the hills the lanterns go,\n'
        '    Blue and gold in the falling snow."\n\n'
        '"That was lovely," said Tom.\n'
    )
    assert spoken(text) == ["That was lovely,"]


DASH_STORY = """The kettle was already singing when Oriel came down.

—You're late, said Brannock. The bread's gone cold.

—I was up half the night.

—Doing what?

—Counting the ships in the harbour, Oriel said. There were nine.

He shrugged and poured the tea.
"""


def test_dash_dialogue_with_tags():
    assert spoken(DASH_STORY) == [
        "You're late,", "The bread's gone cold.", "I was up half the night.", "Doing what?",
        "Counting the ships in the harbour,", "There were nine.",
    ]


def test_dash_dialogue_needs_several_paragraphs():
    text = "It was late.\n\n—Not now, she thought.\n\nThe rain went on.\n"
    assert spoken(text) == []


def test_dash_heading_is_not_speech():
    text = "— I —\n\n" + DASH_STORY
    assert spoken(text)[0] == "You're late,"


def test_titles_inscriptions_and_words_used_as_nouns_are_not_speech():
    text = (
        'A chromo hung over the bed, entitled, "The Lamp in the Window."\n\n'
        'The bottle was labeled, "Best Vanilla." She kept it.\n\n'
        'She liked "frocks" and "gowns" better than dresses.\n\n'
        'It was what they called "seein\' folks" in the village.\n\n'
        '"Not yet" she whispers.\n\n'
        'She was calling, "Marilla" over the banisters.\n'
    )
    assert spoken(text) == ["Not yet", "Marilla"]


LETTER = """Mira opened the envelope at the table.

"Dear Mira,"

"The boats are in and the nets are mended. Come home when you can."

"Yours ever,"

"Jonas"

"Well?" asked her mother.
"""


def test_a_letter_in_quote_marks_is_not_speech():
    assert spoken(LETTER) == ["Well?"]


def test_an_indented_letter_in_a_flush_story_is_not_speech():
    flush = "".join(f'"Line {k}," said Mira.\n\n' for k in range(4))
    text = flush + '     "My dear Mira,\n\n     "I write in haste."\n\n' + flush
    assert "My dear Mira," not in spoken(text)
    assert "I write in haste." not in spoken(text)
    assert len(spoken(text)) == 8


def test_a_story_that_indents_every_paragraph_keeps_its_dialogue():
    text = "".join(f'     "Line {k}," said Mira.\n\n     She turned.\n\n' for k in range(5))
    assert len(spoken(text)) == 5


def test_quotes_used_as_parts_of_a_narration_sentence_are_not_speech():
    text = (
        'The gulls kept up a "kee-ah! kee-ah!" over the harbour all morning.\n\n'
        'Her uncle asked her to "mind the lamps and keep the door shut after dark" and left.\n\n'
        'He wrote his memoirs under the title "Forty Winters on the Salt Road." Nobody read them.\n\n'
        'She liked the old adage, "slow water wears the stone," and said it often.\n\n'
        '"To Ilse Varga, from the crew of the Marten," was engraved on the inside of the lid.\n\n'
        'He had, as the saying goes, "gone to the dogs" before he was thirty.\n\n'
        'She didn\'t say "not ever," but they all heard it.\n\n'
        'On the flyleaf was a copy of "Verses Written on Leaving Harlow School, by a Former Pupil."\n\n'
        '"Come in," said Ilse.\n\n'
        'He said "yes" and left.\n'
    )
    assert spoken(text) == ["Come in,", "yes"]


def test_a_lower_case_phrase_in_a_sentence_is_not_speech_but_a_split_line_is():
    text = (
        'The boy had been sent home for a month, "on account of his weak chest." Nobody believed it.\n\n'
        'She went "visiting," and came back with a cold.\n\n'
        '"If the ice holds," Tomas said, "we cross at dawn."\n\n'
        '"and then we eat," said Ilse, and laughed.\n\n'
        'He told them there was another road--\n\n'
        '"over the ridge, short road, bad water."\n'
    )
    assert spoken(text) == ["If the ice holds,", "we cross at dawn.", "and then we eat,",
                            "over the ridge, short road, bad water."]


def test_a_single_word_quoted_across_a_line_break_is_a_word():
    talk = "'Come in,' said Ilse.\n\n'It's cold,' said Tomas.\n\n'Shut the door, then.'\n"
    text = "The farm was called Windle Garth.  'Windle'\nbeing an old word for a basket, nobody knew why.\n\n" + talk
    assert spoken(text) == ["Come in,", "It's cold,", "Shut the door, then."]


def test_a_letter_salutation_left_open_and_a_quoted_chapter_title_are_not_speech():
    text = (
        "CHAPTER 2\n\n"
        "'Dearest Ilse,\n\n"
        "The boats are in. Come home when you can.\n\n"
        "CHAPTER 3\n\n"
        "'THE LONG WINTER'\n\n"
        "'Is it snowing?' asked Tomas.\n\n"
        "CHAPTER 4\n\n"
        "'STOP!'\n\n"
        "Nobody stopped.\n\n"
        "'Well?' asked Ilse.\n\n'It's late,' said Tomas.\n"
    )
    assert spoken(text) == ["Is it snowing?", "STOP!", "Well?", "It's late,"]


def test_a_note_indented_two_spaces_in_a_flush_story_is_not_speech():
    flush = "".join(f'"Line {k}," said Mira.\n\n' for k in range(4))
    text = flush + '  "You are invited to a skating party," it said, "on Friday at four."\n\n' + flush
    assert len(spoken(text)) == 8
    assert "You are invited to a skating party," not in spoken(text)
