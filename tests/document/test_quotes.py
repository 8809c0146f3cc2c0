"""Quote detection: the cases the dialogue checks depend on."""

from __future__ import annotations

from betareader.document import build_story


def quotes(text: str) -> list[str]:
    story = build_story(text)
    return [text[q.start:q.end] for q in story.quotes]


def test_straight_and_curly_double_quotes():
    assert quotes('"Yes," she said. "No."') == ['"Yes,"', '"No."']
    assert quotes("“Yes,” she said. “No.”") == ["“Yes,”", "“No.”"]


def test_curly_closing_mark_used_to_open_is_still_an_opening_mark():
    story = build_story("”Yes,” she said.")
    assert [(q.open_mark, q.close_mark) for q in story.quotes] == [("”", "”")]
    assert story.stray_marks == []


def test_curly_opening_mark_used_to_close_is_still_a_closing_mark():
    text = "“Yes,“ she said. “No.”"
    story = build_story(text)
    assert [text[q.start:q.end] for q in story.quotes] == ["“Yes,“", "“No.”"]
    assert story.quotes[0].close_mark == "“" and story.quotes[0].problem is None


def test_single_quote_closes_before_the_next_quote_opens():
    base = "‘Hello,’ I said. ‘Yes,’ he said. ‘No,’ said Good.\n\n"
    assert quotes(base + "‘Ditto’ remarked Good. ‘I’ll go into training.’")[3:] == \
        ["‘Ditto’", "‘I’ll go into training.’"]
    assert quotes(base + "‘This day month’ I answered, ‘by the British India.’")[3:] == \
        ["‘This day month’", "‘by the British India.’"]


def test_single_quotes_keep_apostrophes_inside_speech():
    text = ("‘I don’t know,’ she said. ‘Maybe the twins’ car.’\n\n"
            "‘Goin’ home,’ he said. ‘Nothin’ to do.’\n\n‘Fine,’ said Tom.")
    assert quotes(text) == ["‘I don’t know,’", "‘Maybe the twins’ car.’", "‘Goin’ home,’",
                            "‘Nothin’ to do.’", "‘Fine,’"]
    straight = ("'I don't know,' she said. 'Maybe the twins' car, or Chris' bike.'\n\n"
                "'Tell 'em,' he said. 'Rock 'n' roll.'\n\n'Fine,' said Tom.")
    assert quotes(straight) == ["'I don't know,'", "'Maybe the twins' car, or Chris' bike.'",
                                "'Tell 'em,'", "'Rock 'n' roll.'", "'Fine,'"]


def test_speech_running_on_into_the_next_paragraph():
    story = build_story('"This goes on.\n\n"And on," he said.')
    assert story.quotes[0].continues and story.quotes[1].continued
    assert story.quotes[0].problem is None


def test_unclosed_and_stray_marks_are_recorded_not_raised():
    story = build_story('"This is never closed.\n\nHe left." Then she came.')
    assert story.quotes[0].problem == "unclosed"
    assert len(story.stray_marks) == 1


def test_single_curly_opening_mark_used_to_close():
    text = "‘Yes,‘ she said. ‘No.’ ‘Fine.’ ‘Go.’"
    story = build_story(text)
    assert [text[q.start:q.end] for q in story.quotes] == ["‘Yes,‘", "‘No.’", "‘Fine.’", "‘Go.’"]
    assert story.quotes[0].close_mark == "‘"


def test_single_quote_opening_on_a_word_that_looks_like_an_elision():
    # 'Is / 'Course at the start of a paragraph open the speech when it closes after its punctuation
    base = "‘Morning,’ said Gwen. ‘Kettle’s on.’ ‘Good,’ said Ivo.\n\n"
    text = base + "‘Is the ferry still running after dark?’\n\n‘Course it is,’ said Gwen."
    assert quotes(text)[3:] == ["‘Is the ferry still running after dark?’", "‘Course it is,’"]
    assert build_story(text).stray_marks == []
    # a dialect elision with no closing mark is not a quote
    assert quotes(base + "'Tis the last boat, thought Ivo, and it leaves at ten.")[3:] == []


def test_unclosed_quote_ends_before_the_dialogue_tag_that_follows_it():
    text = "\"Nobody ever drowned in this harbour, Wynn said, eyeing the water.\n\nThe ferry bumped."
    story = build_story(text)
    [q] = story.quotes
    assert text[q.start:q.end] == "\"Nobody ever drowned in this harbour,"
    assert q.problem == "unclosed" and q.close_mark is None
    assert quotes("\"Where now? asked Brennan, and nobody answered.") == ["\"Where now?"]
    # a tag inside the speech, after "and", is part of it; without a tag the quote runs to the end
    assert quotes("\"I told him to go, and he said fine.\n\nThen he left.") == [
        "\"I told him to go, and he said fine."]
    # speech running on into the next paragraph is not cut
    story = build_story("\"I asked him, he said no.\n\n\"So I left,\" she said.")
    assert story.quotes[0].continues and story.text[story.quotes[0].start:story.quotes[0].end] == \
        "\"I asked him, he said no."
