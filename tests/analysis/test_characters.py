"""The character roster: names, aliases, distinct people, pronouns, mentions, the narrator.

The stories are original prose written for these tests.
"""

from __future__ import annotations

from analysis_helpers import STORIES, gold_accuracy

FAMILY = """Elizabeth Bennet had walked three miles before breakfast. When she reached the house, Mr. Bennet was reading by the window and Mrs. Bennet was scolding the cook.

"Lizzy, your boots!" cried Mrs. Bennet. "You look half wild."

"I feel entirely wild," said Elizabeth. She dropped her bonnet on the chair.

Mr. Bennet lowered his paper. "Leave her be, my dear. You know what Lizzy is like. A walk never hurt anybody."

"It hurt my carpet," said Mrs. Bennet. She turned to the cook again, and her voice rose.

Miss Elizabeth, as the servants called her, only laughed. Elizabeth went upstairs, and Mr. Bennet followed her with his eyes. He was fond of her, and she knew it. Mrs. Bennet sighed; she never understood either of them.

"Elizabeth," said her father at dinner, "you will walk to Meryton tomorrow?"

"If it does not rain," said Elizabeth.

In March the family went to Brighton for a week. Elizabeth wrote to Mr. Bennet every day.
"""


def test_aliases_merge_into_one_character(analyse_text):
    r = analyse_text(FAMILY)
    liz = r.char("Elizabeth")
    assert liz.name == "Elizabeth Bennet"
    assert {"Lizzy", "Miss Elizabeth"} <= set(liz.aliases)
    assert liz.pronouns == "she/her"


def test_mr_and_mrs_are_kept_apart(analyse_text):
    r = analyse_text(FAMILY)
    mr, mrs = r.char("Mr. Bennet"), r.char("Mrs. Bennet")
    assert mr.id != mrs.id
    assert mr.pronouns == "he/him"
    assert mrs.pronouns == "she/her"
    assert r.char("Elizabeth").id not in (mr.id, mrs.id)


def test_places_months_and_interjections_are_not_characters(analyse_text):
    r = analyse_text(FAMILY)
    for word in ("Meryton", "Brighton", "March", "Lizzy, your boots"):
        assert not any(c.name == word for c in r.characters), word


def test_mentions_and_first_mention(analyse_text):
    r = analyse_text(FAMILY)
    liz = r.char("Elizabeth")
    assert liz.first_mention == 0
    assert liz.mentions >= 8  # names plus resolved pronouns
    assert liz.mention_offsets == sorted(liz.mention_offsets)
    assert len(liz.mention_offsets) == liz.mentions


def test_family_name_first_and_honorifics():
    _, r, _ = gold_accuracy(STORIES / "fandom-honorifics.txt")
    renji = r.char("Renji")
    assert {"Kagetsu Renji", "Renji-kun", "Kagetsu"} <= {renji.name, *renji.aliases}
    assert renji.pronouns == "he/him"
    aoi = r.char("Aoi")
    assert {"Hoshino Aoi", "Aoi-chan"} <= {aoi.name, *aoi.aliases}
    assert aoi.pronouns == "she/her"
    assert r.char("Mori").name == "Captain Mori"


def test_they_them_character():
    _, r, _ = gold_accuracy(STORIES / "fandom-honorifics.txt")
    haru = r.char("Haru")
    assert "Yukimura Haru" in {haru.name, *haru.aliases}
    assert haru.pronouns == "they/them"


def test_two_brothers_sharing_a_surname_stay_apart(analyse_text):
    text = (
        "Uchiha Itachi waited at the gate. Uchiha Sasuke was late again.\n\n"
        '"You are slow, Sasuke," said Itachi.\n\n'
        '"And you are early, Itachi-nii," Sasuke said. He dropped his bag.\n\n'
        "Itachi smiled. Sasuke scowled at him, and the two Uchiha brothers walked on.\n"
    )
    r = analyse_text(text)
    itachi, sasuke = r.char("Itachi"), r.char("Sasuke")
    assert itachi.id != sasuke.id
    assert itachi.name == "Uchiha Itachi"
    assert "Itachi-nii" in itachi.aliases
    assert sasuke.name == "Uchiha Sasuke"


def test_neopronouns(analyse_text):
    text = (
        "Vell checked the map twice. Xe did not trust the roads in winter.\n\n"
        "Vell folded the map and put it in xyr coat. Xe walked on.\n\n"
        '"North," said Vell. Xe pointed at the hills.\n'
    )
    r = analyse_text(text)
    assert r.char("Vell").pronouns == "xe/xem"


def test_first_person_narrator(analyse_text):
    text = (
        "I had not seen Corin in four years when he knocked on my door.\n\n"
        '"You look terrible, Wren," he said.\n\n'
        '"Thank you," I said. I let him in anyway. I always do.\n\n'
        "Corin sat by the stove and I made tea. He told me about the war, and I listened.\n\n"
        '"Will you come back with me, Wren?" he asked.\n\n'
        '"No," I said.\n'
    )
    r = analyse_text(text)
    narrators = [c for c in r.characters if c.narrator]
    assert len(narrators) == 1
    me = narrators[0]
    assert me.name == "Wren"
    assert me.mentions >= 8
    corin = r.char("Corin")
    assert not corin.narrator and corin.pronouns == "he/him"


def test_first_person_narrator_without_a_name(analyse_text):
    text = (
        "I came to the village on a Tuesday. Nobody met me at the station.\n\n"
        '"You\'ll want the inn," said the porter. Marta, his daughter, carried my bag.\n\n'
        '"Thank you," I said.\n'
    )
    r = analyse_text(text)
    me = [c for c in r.characters if c.narrator]
    assert len(me) == 1 and me[0].name == "Narrator"
    assert r.speaker_of("Thank you") is me[0]


def test_ids_are_unique_kebab_case(analyse_text):
    r = analyse_text(FAMILY)
    ids = [c.id for c in r.characters]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)


def test_glossary_names_count(analyse_text):
    from betareader.analysis.characters import find_characters
    from betareader.document import build_story
    from betareader.nlp import parse

    text = "The storm came early. Zephyrine watched it from the tower and then went down to the hall.\n"
    story = parse(build_story(text), extra=("ner",))
    chars = find_characters(story, None, glossary=["Zephyrine"])
    assert any(c.name == "Zephyrine" for c in chars)


def test_narrator_who_says_their_name(analyse_text):
    text = (
        "My name is Anna Brooks, and I kept the lighthouse that winter. I was alone.\n\n"
        "Every morning I climbed the stairs. Every evening Anna Brooks wrote the log.\n\n"
        '"Anyone there?" I called down the stairwell.\n'
    )
    r = analyse_text(text)
    narrators = [c for c in r.characters if c.narrator]
    assert len(narrators) == 1
    assert narrators[0].name == "Anna Brooks"


def test_stated_alias_joins_the_names(analyse_text):
    text = (
        "Miss Prudence Cowley, known to her friends as Tuppence, came in out of the rain.\n\n"
        "Tuppence shook her umbrella. Tuppence was late, and Tuppence knew it.\n\n"
        '"Sorry," said Tuppence.\n'
    )
    r = analyse_text(text)
    assert r.char("Tuppence").id == r.char("Miss Prudence Cowley").id


def test_given_name_says_the_gender_when_pronouns_do_not(analyse_text):
    text = "Margaret Ashby and Thomas Ashby owned the mill. Margaret Ashby kept the books.\n"
    r = analyse_text(text)
    assert r.char("Margaret Ashby").pronouns == "she/her"
    assert r.char("Thomas Ashby").pronouns == "he/him"


PET_NAMES = """Marisol Okonkwo-Dean came down the hill with the post bag over her shoulder, and behind her Bartholomew Finch pushed his bicycle through the mud.

Ambrose Petrakis was waiting at the gate of the allotments. Ambrose had been the village's only gardener for forty years.

"You're late," Mari said to him, though he was the one who had been waiting. "Bart, tell him why."

"Puncture," said Bart. "Two of them."

Mari laughed and handed over the letters. She watched Ambrose sort them into two piles, bills and everything else.

"Nothing from the council," Ambrose said.

"There never is," said Mari. She took the bicycle from Bart so he could rest his hands, and he let her.

Bart leaned on the gate. He was still out of breath. "Next week I'm walking."

"You said that last week," said Mari.

Dinah Castellano came down the path then with a basket of beans, and Dan Castellano, her brother, trailed after her. Dinah nodded to Mari. Dan said nothing at all; he never did before noon.
"""


def test_pet_name_of_an_introduced_full_name_is_the_same_person(analyse_text):
    r = analyse_text(PET_NAMES)
    mari = r.char("Mari")
    assert mari.name == "Marisol Okonkwo-Dean"
    assert mari.pronouns == "she/her"
    bart = r.char("Bart")
    assert bart.name == "Bartholomew Finch"
    assert r.speaker_of("Two of them").id == bart.id
    assert r.speaker_of("You said that last week").id == mari.id


def test_given_name_at_a_paragraph_start_is_part_of_the_name(analyse_text):
    # "Ambrose" opening a paragraph is tagged as a common noun; it is a known given name
    r = analyse_text(PET_NAMES)
    assert r.char("Ambrose").name == "Ambrose Petrakis"


def test_similar_names_of_different_people_stay_apart(analyse_text):
    # Dan looks like a clipping of Dinah, but he is her brother with a full name of his own
    r = analyse_text(PET_NAMES)
    assert r.char("Dinah").id != r.char("Dan").id
    assert r.char("Mari").id not in (r.char("Dinah").id, r.char("Dan").id)


HOUSE_CALL = """Dr. Howard Archie was playing cards in his office when Peter Kronborg came in, hat in hand.

"Good evening, doctor. Can you come round to the house? Mrs. Kronborg is ill."

The doctor put down his cards and reached for his bag. Kronborg waited by the door.

"Is it the fever again?" he asked.

"I don't know," said Kronborg. "She was well this morning."

The doctor followed him out into the snow. At the house he went straight up the stairs to the child's room.

"Feel pretty sick, Thea?" he asked, taking out his thermometer.

"I thought you were here," she said.
"""


def test_a_bare_surname_is_the_man_of_the_family_not_mrs(analyse_text):
    r = analyse_text(HOUSE_CALL)
    peter, mrs = r.char("Peter Kronborg"), r.char("Mrs. Kronborg")
    assert peter.id != mrs.id and "Kronborg" in peter.aliases
    assert r.speaker_of("She was well this morning").id == peter.id
    # the child addressed by name answers "she said", not Mrs. Kronborg
    assert r.speaker_of("I thought you were here").name == "Thea"


NICKNAME_CALLED = """Margaret Holloway had been asleep in the armchair since lunch, her glasses pushed up into her grey hair.

Daniel came in with the shopping and stopped when he saw her. "Peggy?" he said softly. "Peggy, it's gone four."

She opened one eye. "I was resting my eyes."

"For three hours," said Daniel, and put the kettle on.
"""


def test_a_table_nickname_used_only_to_address_someone_joins_them(analyse_text):
    # "Peggy" is said only in Daniel's lines; it is a common nickname of Margaret
    r = analyse_text(NICKNAME_CALLED)
    assert "Peggy" in r.char("Margaret Holloway").aliases
    assert r.speaker_of("I was resting my eyes").name == "Margaret Holloway"


def test_miss_x_is_the_one_woman_of_that_surname_beside_her_brother(analyse_text):
    text = (
        "Edmund Fenwick came down to Harlow with his sister, Georgiana Fenwick, in the spring. "
        "Edmund Fenwick took the big house; Georgiana Fenwick took the garden in hand.\n\n"
        '"The roses are a ruin," said Miss Fenwick.\n\n'
        '"Then dig them up," said Edmund.\n\n'
        "Miss Fenwick dug them up herself before the week was out. Georgiana was not one to wait.\n"
    )
    r = analyse_text(text)
    her = [c for c in r.characters if c.name == "Georgiana Fenwick" or "Georgiana Fenwick" in c.aliases]
    assert len(her) == 1 and "Miss Fenwick" in [her[0].name, *her[0].aliases]
    assert r.speaker_of("roses are a ruin") == her[0]
    assert not any("Miss Fenwick" in [c.name, *c.aliases] for c in r.characters if c is not her[0])


def test_mr_x_among_brothers_goes_to_the_brother_in_focus(analyse_text):
    text = (
        "Mr. Edwin Farrow kept the shop; Mr. Silas Farrow kept the books. Nobody mixed them up.\n\n"
        "Edwin Farrow came out to meet us. Mr. Farrow shook hands with each of us in turn.\n\n"
        "Later we went up to the office. Silas Farrow did not rise from his desk, and Mr. Farrow "
        "barely looked at us.\n"
    )
    r = analyse_text(text)
    names = {c.name: c for c in r.characters}
    assert "Mr. Farrow" not in names
    edwin, silas = names["Edwin Farrow"], names["Silas Farrow"]
    assert text.index("Mr. Farrow shook") in edwin.mention_offsets
    assert text.index("Mr. Farrow barely") in silas.mention_offsets


def test_sir_given_surname_is_a_full_name_and_miss_x_goes_to_the_sister_in_focus(analyse_text):
    text = (
        "Sir Walter Penhallow had two daughters, Clara Penhallow and Rose Penhallow. Sir Walter "
        "was proud of them both. Sir Walter said so often. Sir Walter said so at dinner.\n\n"
        "Clara Penhallow was the quiet one. That evening Miss Penhallow sat by the fire and read.\n\n"
        "Rose Penhallow came in late, and Miss Penhallow threw her gloves on the sofa.\n"
    )
    r = analyse_text(text)
    names = {c.name: c for c in r.characters}
    walter = [c for c in r.characters if "Sir Walter Penhallow" in [c.name, *c.aliases]]
    assert len(walter) == 1 and "Sir Walter" in [walter[0].name, *walter[0].aliases]
    assert "Miss Penhallow" not in names
    assert text.index("Miss Penhallow sat") in names["Clara Penhallow"].mention_offsets
    assert text.index("Miss Penhallow threw") in names["Rose Penhallow"].mention_offsets
