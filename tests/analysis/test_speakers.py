"""Speaker attribution: explicit, pronoun, vocative, beat, turn-taking, narrator, none.

The stories are original prose written for these tests; the gold files under tests/stories
and samples/ were written by hand for the whole story.
"""

from __future__ import annotations

import pytest

from analysis_helpers import SAMPLES, STORIES, gold_accuracy
from betareader.analysis.characters import find_characters
from betareader.analysis.narration import narration
from betareader.document import build_story
from betareader.nlp import parse


def test_every_quote_gets_one_attribution_with_inner_offsets(analyse_text):
    text = '"Go," said Mira, "now."\n\n"Why?" Jonas asked.\n'
    r = analyse_text(text)
    assert [text[q.start:q.end] for q in r.quotes] == ["Go,", "now.", "Why?"]
    assert all(0.0 <= q.confidence <= 1.0 for q in r.quotes)


def test_explicit_tags_both_orders(analyse_text):
    text = (
        '"The tide is turning," said Emma.\n\n'
        'Tobias said, "Then we row."\n\n'
        '"Row where?" replied Mr. Darcy.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("tide").name == "Emma"
    assert r.speaker_of("we row").name == "Tobias"
    assert r.speaker_of("Row where").name == "Mr. Darcy"
    assert r.method_of("tide") == "explicit"


def test_interrupted_quote_has_one_speaker(analyse_text):
    text = 'Mira put down the lamp. "If you go," Mira said, "take the dog."\n\nJonas laughed.\n'
    r = analyse_text(text)
    assert r.speaker_of("If you go").name == "Mira"
    assert r.speaker_of("take the dog").name == "Mira"


def test_pronoun_tag_resolved_by_gender(analyse_text):
    text = (
        "Mira found Jonas in the boathouse, mending a net.\n\n"
        '"You missed supper," she said.\n\n'
        '"I wasn\'t hungry," he said.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("missed supper").name == "Mira"
    assert r.speaker_of("wasn't hungry").name == "Jonas"
    assert r.method_of("missed supper") == "pronoun"


def test_action_beat(analyse_text):
    text = (
        "Mira and Jonas reached the gate at dusk.\n\n"
        'Mira frowned at the lock. "It\'s been changed."\n\n'
        'Jonas knelt beside her. "Then we climb."\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("been changed").name == "Mira"
    assert r.speaker_of("we climb").name == "Jonas"
    assert r.method_of("been changed") == "beat"


def test_vocative_answer_and_turn_taking(analyse_text):
    text = (
        "Mira and Jonas sat on the harbour wall.\n\n"
        '"Are you cold?" Jonas asked.\n\n'
        '"Never, Jonas."\n\n'
        '"Liar."\n\n'
        '"Maybe a little."\n\n'
        '"Take my coat, Mira."\n\n'
        '"Only if you stop talking."\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("Are you cold").name == "Jonas"
    assert r.speaker_of("Never, Jonas").name == "Mira"  # not the person she addresses
    assert r.speaker_of("Liar").name == "Jonas"
    assert r.speaker_of("a little").name == "Mira"
    assert r.speaker_of("Take my coat").name == "Jonas"
    assert r.speaker_of("stop talking").name == "Mira"  # answers the vocative


def test_speech_running_over_paragraphs_keeps_its_speaker(analyse_text):
    text = (
        'Old Tamsin settled into her chair. "It was the winter the river froze," she said. '
        '"Nobody had seen it before.\n\n'
        '"The children skated on it for a week.\n\n'
        '"And then it broke."\n\n'
        "Wren shivered.\n"
    )
    r = analyse_text(text)
    assert r.speaker_of("skated").name == "Tamsin"
    assert r.speaker_of("then it broke").name == "Tamsin"


def test_first_person_tag_is_the_narrator(analyse_text):
    text = (
        "I met Corin at the ferry. He looked tired, and I told him so.\n\n"
        '"You look worse," he said.\n\n'
        '"Thank you," I said.\n'
    )
    r = analyse_text(text)
    me = r.speaker_of("Thank you")
    assert me is not None and me.narrator
    assert r.speaker_of("look worse").name == "Corin"


def test_no_evidence_no_speaker(analyse_text):
    text = 'The radio crackled in the empty kitchen.\n\n"Storm warning for the coast."\n'
    r = analyse_text(text)
    assert r.speaker_of("Storm warning") is None
    assert r.quotes[0].method == "none" and r.quotes[0].confidence == 0.0


def test_title_description_tag(analyse_text):
    text = (
        "Captain Mori came up the ladder. Renji saluted.\n\n"
        '"Report," the captain said.\n\n'
        '"Lantern three is out, sir," Renji said.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("Report").name == "Captain Mori"


def test_kin_description_tag(analyse_text):
    text = (
        "Mr. Bennet was reading when Mrs. Bennet came in with the letter.\n\n"
        '"Another invitation," said his wife, "and from the Lucases."\n\n'
        '"Then we must go," said Mr. Bennet.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("Another invitation").name == "Mrs. Bennet"


@pytest.mark.parametrize("path, minimum", [
    (STORIES / "fandom-honorifics.txt", 0.9),
    (STORIES / "uk-quotes.txt", 0.8),
    (STORIES / "multi-paragraph-speech.txt", 0.85),
    (SAMPLES / "harbour-lights.txt", 0.75),
    (SAMPLES / "static.txt", 0.8),
])
def test_gold_stories(path, minimum):
    accuracy, _, _ = gold_accuracy(path)
    assert accuracy >= minimum, f"{path.name}: {accuracy:.3f}"


def test_described_speaker_becomes_a_character(analyse_text):
    text = (
        "The rain had stopped when Mira reached the ferry.\n\n"
        "A man stepped out of the ticket booth and looked her over.\n\n"
        '"Last boat left an hour ago," said the man.\n\n'
        '"Then I\'ll wait for the first one," she said.\n\n'
        '"Suit yourself," he said, and went back inside.\n'
    )
    r = analyse_text(text)
    man = r.speaker_of("Last boat")
    assert man is not None and man.name == "the man"
    assert r.method_of("Last boat") == "description"
    assert r.speaker_of("first one").name == "Mira"
    assert r.speaker_of("Suit yourself").id == man.id


def test_nobody_described_is_not_a_character_unless_they_speak(analyse_text):
    text = (
        "Mira watched a boy chase a kite along the sea wall.\n\n"
        '"Ready?" Jonas asked.\n\n'
        '"Ready," said Mira.\n'
    )
    r = analyse_text(text)
    assert not any(c.name == "the boy" for c in r.characters)


def test_capitalised_role_is_a_speaker(analyse_text):
    text = (
        "The court was crowded when Alys was brought in.\n\n"
        '"Who is this?" said the Queen.\n\n'
        '"A thief, Majesty," said the guard.\n\n'
        '"Then take her away," said the Queen.\n'
    )
    r = analyse_text(text)
    queen = r.speaker_of("Who is this")
    assert queen is not None and queen.name == "the Queen"
    assert r.speaker_of("take her away").id == queen.id


def test_first_person_possessive_kin_is_somebody_of_their_own(analyse_text):
    text = (
        "I came home late, and Rose was already laying the table.\n\n"
        '"Where have you been?" said my mother.\n\n'
        '"Out on the hill," I said.\n'
    )
    r = analyse_text(text)
    mother = r.speaker_of("Where have you been")
    assert mother is not None and mother.name == "my mother"


def test_first_person_tag_split_by_the_tokenizer(analyse_text):
    text = (
        "I came down late. I found Holmes at the window, and I sat by the fire.\n\n"
        '"You are up early," said I.\n\n'
        '"I have not been to bed," said he.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("up early").narrator


def test_untagged_lines_alternate_and_answer_the_addressee(analyse_text):
    text = (
        "Mira found Jonas on the pier at dawn.\n\n"
        '"You\'re up early," said Mira.\n\n'
        '"Couldn\'t sleep."\n\n'
        '"Nor could I."\n\n'
        '"Then walk with me, Mira."\n\n'
        '"Where to?"\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("Couldn't sleep").name == "Jonas"
    assert r.speaker_of("Nor could I").name == "Mira"
    assert r.speaker_of("walk with me").name == "Jonas"
    assert r.speaker_of("Where to").name == "Mira"


THOUGHTS = """Nell pushed the door open with her shoulder. The kitchen was dark and smelled of burnt toast.

"Anybody home?" she called.

Nobody answered. "Typical," Nell thought. "They've all gone to the match without me."

She had thought the note on the fridge was for her brother. "Back by six," it said, in her mother's square capitals.

"I'm not waiting," she said to the cat, and the cat blinked at her.
"""


def test_a_quote_tagged_with_a_verb_of_thinking_is_a_thought_not_speech():
    from betareader import api

    analysed = api.analyze(THOUGHTS)
    result = analysed.analysis
    text = THOUGHTS
    spoken = [text[q.start:q.end] for q in result.quotes if not q.thought]
    thought = [text[q.start:q.end] for q in result.quotes if q.thought]
    assert thought == ["Typical,", "They've all gone to the match without me."]
    assert "Anybody home?" in spoken and "I'm not waiting," in spoken
    # "had thought" later in a paragraph is no tag: the note's words stay a quotation
    assert "Back by six," in spoken
    nell = result.character(result.quotes[0].speaker)
    assert nell is not None and nell.name == "Nell"
    assert all(q.speaker == nell.id for q in result.quotes if q.thought)
    # the JSON keeps thoughts among the quotations, marked
    kinds = [(text[q["start"]:q["end"]], q["kind"]) for q in analysed.to_dict()["quotes"]]
    assert ("Typical,", "thought") in kinds and ("Anybody home?", "speech") in kinds


def test_his_wife_of_mr_x_is_mrs_x_even_before_she_is_named(analyse_text):
    text = (
        '"My dear Mr. Harrow," said his lady to him one evening, "the mill has been sold."\n\n'
        'Mr. Harrow said that he had not heard.\n\n'
        '"But it has," returned she. "The Pollards told me."\n\n'
        '"And who bought it?" asked Mr. Harrow.\n\n'
        '"A man from the city," cried his wife, "with a great deal of money."\n'
    )
    r = analyse_text(text)
    wife = r.speaker_of("mill has been sold")
    assert wife is not None and wife.name == "Mrs. Harrow"
    assert r.speaker_of("a great deal of money") == wife
    assert r.speaker_of("The Pollards") == wife
    assert r.speaker_of("who bought it").name == "Mr. Harrow"


def test_a_speaker_who_names_themselves_is_that_character(analyse_text):
    text = (
        'Nobody had heard of Ilse Varga in the village yet.\n\n'
        'A girl stood in the doorway with a carpet bag. "I am Ilse Varga," the girl said. '
        '"I have come about the post."\n\n'
        '"You had better come in," said the schoolmaster.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("I am Ilse Varga").name == "Ilse Varga"
    assert r.method_of("I am Ilse Varga") == "self-named"
    assert r.speaker_of("about the post").name == "Ilse Varga"


def test_a_described_speaker_who_answers_what_name_is_that_character(analyse_text):
    text = (
        'Tomas was blacking boots on the corner when a gentleman stopped.\n\n'
        '"How much?" asked the gentleman.\n\n'
        '"Ten cents," said Tomas.\n\n'
        '"I have no change. Bring it to my office by noon."\n\n'
        '"Yes, sir. What name?"\n\n'
        '"Orrin Fairweather,--second floor."\n\n'
        '"I\'ll bring it," Tomas said.\n\n'
        'At noon Tomas climbed the stairs. Orrin Fairweather was waiting for him at the top.\n'
    )
    r = analyse_text(text)
    who = r.speaker_of("How much?")
    assert who is not None and who.name == "Orrin Fairweather"
    assert r.speaker_of("second floor") == who
    assert r.speaker_of("I have no change") == who


def test_a_name_given_as_an_answer_is_not_the_person_addressed(analyse_text):
    text = (
        '"Have you heard who has taken the mill?" said Mrs. Harrow.\n\n'
        '"What is his name?" asked Mr. Harrow.\n\n'
        '"Pollard."\n\n'
        '"Is he married or single?"\n\n'
        '"Single, my dear!"\n\n'
        'Mr. Pollard, it was said, had four thousand a year. Mr. Pollard kept a carriage.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("Is he married").name == "Mr. Harrow"


def test_an_animal_the_narration_never_calls_she_takes_no_she_said(analyse_text):
    text = (
        'Mary Lennox sat alone in the nursery. She saw a little snake gliding along the matting. '
        'She was not frightened. The snake slipped under the door.\n\n'
        '"How quiet it is," she said.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("How quiet").name == "Mary Lennox"


def test_an_inn_named_after_an_admiral_is_no_character(analyse_text):
    text = (
        'My father kept the Admiral Rodney inn on the cliff road. The old sailor came to the '
        'Admiral Rodney on a wet night, and he stayed at the old Rodney all winter.\n\n'
        '"This is a snug berth," he said.\n\n'
        '"It is, sir," said my father.\n'
    )
    r = analyse_text(text)
    assert not any("Rodney" in c.name for c in r.characters)


def test_a_bare_name_answering_a_question_is_no_vocative():
    text = ('"Who has taken the mill?" asked Mr. Harrow.\n\n"Pollard."\n\n"Pollard!" she called up the stairs.\n\n'
            'Mr. Pollard, it was said, had four thousand a year.\n\n'
            '"Good evening."\n\n"Harrow." Mr. Pollard nodded to him at the door.\n')
    story = build_story(text)
    parse(story, extra=("ner",))
    roster = find_characters(story, narration(story)).roster
    called = [story.tokens[t].start for t, _ in roster.vocatives]
    assert called == [text.index("Pollard!"), text.index("Harrow.\"")]  # a greeting names whom it greets


def test_my_brother_named_once_is_that_character_in_later_tags(analyse_text):
    text = (
        'I had not seen my brother Anselm for three years when he rode up to the gate.\n\n'
        '"You look thinner," said my brother.\n\n'
        '"And you look older," I answered.\n\n'
        '"I am older," said my brother, and laughed.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("You look thinner").name == "Anselm"
    assert r.speaker_of("I am older").name == "Anselm"


def test_her_mother_is_the_lady_of_her_surname(analyse_text):
    text = (
        'Lady Penhallow sat at the head of the table. Clara Penhallow sat at the foot of it.\n\n'
        '"Must we go to the ball?" asked Clara Penhallow.\n\n'
        '"We must," said her mother, "and you will dance."\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("We must").name == "Lady Penhallow"


def test_a_denied_speech_verb_or_the_person_addressed_is_no_tag(analyse_text):
    text = (
        'Ilse and the ferryman stood on the jetty in the rain.\n\n'
        '"Will you take us across tonight?" The ferryman did not answer, so Ilse asked again.\n\n'
        '"Where will you go, Ilse?" Before Ilse could answer, the bell rang.\n\n'
        '"Home," said Ilse.\n'
    )
    r = analyse_text(text)
    assert r.speaker_of("take us across") is None or r.speaker_of("take us across").name == "Ilse"
    assert r.speaker_of("Where will you go") is None or r.speaker_of("Where will you go").name != "Ilse"


def test_a_mans_voice_brings_in_a_man_who_speaks(analyse_text):
    text = (
        'The ferry was listing badly. One girl stood apart from the others at the rail.\n\n'
        '"Excuse me."\n\n'
        'A man\'s voice at her elbow made her turn. He was pale and breathing fast.\n\n'
        '"Yes?" she said.\n\n'
        '"Will you carry a letter for me?" he asked.\n'
    )
    r = analyse_text(text)
    him = r.speaker_of("carry a letter")
    assert him is not None and him.name == "the man"


def test_a_voice_called_he_is_a_man(analyse_text):
    text = (
        'Mary watched the fields go by from the train window. She was tired.\n\n'
        '"That," said a voice at her elbow, "is the prettiest town on the line."\n\n'
        '"Is it?" she said.\n\n'
        '"It is," he answered. "I travel it every week."\n'
    )
    r = analyse_text(text)
    him = r.speaker_of("prettiest town")
    assert him is not None and him.name == "the man" and "the voice" in him.aliases
    assert r.speaker_of("every week") == him
