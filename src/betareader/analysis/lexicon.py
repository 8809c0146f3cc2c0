"""Word lists shared by the character and speaker analyses: titles, pronouns, speech verbs.

Everything here is general English (and fandom) usage, not facts about any one story.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..speech_verbs import phrasal_forms, speech_forms

# -- titles -----------------------------------------------------------------------------------
# Title word (lower case, no period) -> class: m (a man), mrs (a married woman), miss (an
# unmarried woman), f (a woman, marital status unsaid), n (neutral: rank or profession).
TITLE_CLASS: dict[str, str] = {
    "mr": "m", "mister": "m", "messrs": "m", "sir": "m", "lord": "m", "master": "m",
    "monsieur": "m", "m": "m", "herr": "m", "signor": "m", "señor": "m", "senor": "m",
    "king": "m", "prince": "m", "duke": "m", "earl": "m", "count": "m", "baron": "m",
    "emperor": "m", "uncle": "m", "father": "m", "brother": "m", "grandpa": "m",
    "mrs": "mrs", "missus": "mrs", "missis": "mrs", "madame": "mrs", "mme": "mrs", "frau": "mrs",
    "signora": "mrs", "señora": "mrs", "senora": "mrs",
    "miss": "miss", "mademoiselle": "miss", "mlle": "miss", "fräulein": "miss",
    "fraulein": "miss", "signorina": "miss", "señorita": "miss", "senorita": "miss",
    "ms": "f", "lady": "f", "dame": "f", "madam": "f", "queen": "f", "princess": "f",
    "duchess": "f", "countess": "f", "baroness": "f", "empress": "f", "aunt": "f",
    "auntie": "f", "aunty": "f", "mother": "f", "sister": "f", "grandma": "f",
    "mx": "n", "dr": "n", "doctor": "n", "professor": "n", "prof": "n", "captain": "n",
    "capt": "n", "colonel": "n", "col": "n", "major": "n", "general": "n", "lieutenant": "n",
    "lieut": "n", "lt": "n", "sergeant": "n", "sgt": "n", "corporal": "n", "admiral": "n",
    "commander": "n", "inspector": "n", "detective": "n", "officer": "n", "constable": "n",
    "agent": "n", "judge": "n", "reverend": "n", "rev": "n", "cousin": "n", "nurse": "n",
    "coach": "n", "headmaster": "m", "headmistress": "f", "chief": "n", "commissioner": "n",
    "superintendent": "n", "squire": "m", "parson": "m",
    # rural and old-fashioned forms of address (Farmer Oak, Widow Douglas, Goody Proctor)
    "farmer": "m", "widow": "f", "goody": "f", "goodwife": "f", "goodman": "m", "mistress": "f",
    "granny": "f", "gran": "f", "grandad": "m", "granddad": "m",
}
# Titles that stand before a given name as readily as before a surname.
GIVEN_NAME_TITLES = frozenset({"sir", "lady", "lord", "dame", "aunt", "auntie", "aunty", "uncle",
                               "king", "queen", "prince", "princess", "brother", "sister",
                               "father", "mother", "cousin", "miss", "master"})
MALE_CLASSES = frozenset({"m"})
FEMALE_CLASSES = frozenset({"mrs", "miss", "f"})

# Japanese honorific suffixes, attached with a hyphen (Itachi-san).
HONORIFIC_SUFFIXES = frozenset({
    "san", "kun", "chan", "sama", "sensei", "senpai", "sempai", "dono", "tan", "hime", "nii",
    "nee", "niisan", "neesan", "niichan", "neechan", "kohai", "kouhai", "shi", "chin", "tachi",
    "oba", "oji", "obaasan", "ojiisan", "baa", "jii", "taichou", "taicho", "shishou", "sensai",
})
# Suffixes that say something of gender (used as weak evidence only).
SUFFIX_GENDER = {"kun": "m", "chan": "f", "hime": "f", "nii": "m", "niisan": "m", "niichan": "m",
                 "nee": "f", "neesan": "f", "neechan": "f"}

NAME_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "der", "den", "des", "la",
                            "le", "van", "von", "y", "bin", "ibn", "al", "el", "ben", "zu", "af",
                            "dos", "das", "do", "st."})

# -- pronouns ---------------------------------------------------------------------------------
PRONOUN_CLASS: dict[str, str] = {}
for _w in ("he", "him", "his", "himself"):
    PRONOUN_CLASS[_w] = "m"
for _w in ("she", "her", "hers", "herself"):
    PRONOUN_CLASS[_w] = "f"
for _w in ("they", "them", "their", "theirs", "themselves", "themself"):
    PRONOUN_CLASS[_w] = "t"
NEOPRONOUN_SETS = {
    "xe": "xe/xem", "xem": "xe/xem", "xyr": "xe/xem", "xyrs": "xe/xem", "xemself": "xe/xem",
    "ze": "ze/zir", "zir": "ze/zir", "zirs": "ze/zir", "zirself": "ze/zir", "hir": "ze/hir",
    "hirs": "ze/hir", "hirself": "ze/hir", "zie": "zie/zir",
    "ey": "ey/em", "eir": "ey/em", "eirs": "ey/em", "emself": "ey/em",
    "fae": "fae/faer", "faer": "fae/faer", "faers": "fae/faer", "faeself": "fae/faer",
}
for _w in NEOPRONOUN_SETS:
    PRONOUN_CLASS[_w] = "x"
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "xe", "ze", "zie", "ey", "fae"})
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})


def first_singular(word: str) -> bool:
    """``I``/``me``/``my``... also as the tokenizer sometimes leaves them at a sentence end (``I.``)."""
    return word in FIRST_SINGULAR or (word[-1:] == "." and word[:-1] in FIRST_SINGULAR)
CLASS_PRONOUNS = {"m": "he/him", "f": "she/her", "t": "they/them"}

# -- words that are capitalised but are not people ---------------------------------------------
NOT_NAMES = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter xmas halloween
god gods goddess heaven heavens hell lord lordy christ jesus allah lord's satan devil providence
sir madam ma'am maam mister miss mrs mr ms mx missus master mistress dr doctor
oh ah o ahh ohh aha ha hah haha aye nay yea yes yeah yep yup no nope nah ok okay hey hi hello hullo hallo
well please thanks thank sorry goodbye bye good dear darling honey sweetie love damn dammit
hell shit fuck fucking bloody wow whoa um uh umm uhm hmm hm huh er erm eh ugh alas indeed
i i'm i'll i've i'd chapter book part volume prologue epilogue act scene note author
the a an and but or nor so yet then now here there what why who whom whose when where how
this that these those he she they we you it his her my your our their its him them me us
mum mom mummy mommy dad daddy mama mamma papa pa ma grandma grandpa granny grandmother
grandfather mother father brother sister aunt uncle son daughter baby
english french german spanish italian russian chinese japanese american british irish
scottish welsh indian african european latin greek roman
north south east west northern southern eastern western
mount lake river street road avenue lane square park hall house castle court church abbey
hotel inn station bridge island hill hills valley forest wood woods
king queen prince princess duke duchess emperor empress captain colonel general major
professor inspector detective officer sergeant lieutenant commander admiral constable agent
one two three four five six seven eight nine ten first second third last next
ii iii iv vi vii viii ix xi xii
""".split())
NOT_NAMES = NOT_NAMES | frozenset(PRONOUN_CLASS)
# Words of NOT_NAMES that serve as nicknames all the same when they speak ("Irish murmured").
NICKNAME_WORDS = frozenset("""
english french german spanish italian russian chinese japanese american british irish
scottish welsh indian african european latin greek roman north south east west
""".split())

# Leading words that are not part of a following name ("Oh Mira", "Poor Jonas").
LEADING_NOT_NAME = frozenset({
    "oh", "ah", "o", "dear", "dearest", "poor", "little", "old", "young", "good", "well", "yes",
    "no", "hey", "hi", "hello", "please", "thanks", "sorry", "goodbye", "bye", "damn", "god",
    "lord", "and", "but", "so", "then", "now", "my", "our", "your", "ok", "okay", "why", "what",
    "ha", "wow", "sweet", "darling", "love", "beloved", "silly", "stupid", "big", "uncle",
    "aunt", "cousin", "brother", "sister", "mother", "father",
    # days and months that are not also given names ("Wednesday Diana" -> Diana)
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "september", "october", "november", "december", "christmas", "easter",
})

# -- nicknames (common English hypocorisms: nickname -> full given names) ---------------------
_NICKS = """
elizabeth: lizzy lizzie liz eliza beth betsy betty bess bessie libby lisa liza elsie lisbeth
margaret: maggie meg peggy madge marge margie greta daisy
katherine catherine kathryn: kate katie kathy kitty kat cathy cat
mary: molly polly mae mamie
william: will willy willie bill billy
robert: rob robbie bob bobby bert
richard: rich richie rick ricky dick dickie
edward: ed eddie ted teddy ned
james: jim jimmy jamie jem
john: johnny jack jackie
thomas: tom tommy
charles: charlie chuck chas
henry: harry hal hank
frederick: fred freddie freddy fritz
alexander: alex alec sandy xander
benjamin: ben benny benji
joseph: joe joey
samuel: sam sammy
daniel: dan danny
michael: mike mikey mick mickey
nicholas: nick nicky
christopher: chris kit topher
anthony: tony
theodore: theo ted teddy
josephine: jo josie
jennifer: jen jenny
susan susannah: sue susie suzy
victoria: vicky tori
rebecca: becky becca
patricia: pat patty tricia trish
dorothy: dot dolly dora
eleanor: ellie nell nellie nora
helen: nell nellie
frances: fanny fran frankie
francis: frank frankie
isabella isabel: bella izzy isa
abigail: abby gail
annabelle: annie anna belle
anne ann: annie nan nancy
jane: jenny janie
sarah sara: sally sadie
harriet: hattie hatty
louisa louise: lou lulu
matilda: tilly tilda mattie
martha: mattie patty
theresa teresa: tess tessa terry
georgiana georgina: georgie
philip: phil pip
ambrose abraham: bram
jonathan: jon jonny
timothy: tim timmy
gregory: greg
gerald: gerry jerry
lawrence laurence: larry laurie
leonard: len lenny leo
raymond: ray
ronald: ron ronnie
donald: don donnie
douglas: doug
stephen steven: steve stevie
matthew: matt matty
andrew: andy drew
peter: pete
walter: walt wally
albert: al bert bertie
arthur: art artie
augustus: gus gussie
nathaniel: nat nate
zachary: zack zach
hermione: mione
caroline carolyn: carrie caddie lina
charlotte: lottie lotty
florence: flo florrie
abigail: abby nabby
deborah: debbie deb
lucinda cynthia: cindy
wilhelmina: mina minnie
alfred: alf alfie
archibald: archie
reginald: reggie reg
herbert: herb bertie
ernest: ernie
montgomery: monty
percival: percy
ezekiel: zeke
emily emilia: em emmy
penelope: penny
rosalind rosamund rosalie: rosie ros
christina christine: chrissy tina
jacqueline: jackie
vincent: vince vinny
kenneth: ken kenny
gabriel gabriella gabrielle: gabe gabby
nathan: nate
isaac: ike
eugene: gene
cornelius: neil
ginevra: ginny
ronald: ron ronnie
"""
NICKNAMES: dict[str, set[str]] = {}
for _line in _NICKS.strip().splitlines():
    _full, _nicks = _line.split(":")
    for _n in _nicks.split():
        NICKNAMES.setdefault(_n, set()).update(_full.split())

# Last words of names of places and institutions (Charing Cross Hospital, Baker Street).
PLACE_WORDS = frozenset("""
street road avenue lane square abbey hotel inn station island valley forest hospital school
college university academy company society club library museum office lodge manor farm
cottage terrace gardens crescent chapel cathedral palace prison gaol jail asylum workhouse
theatre theater market wharf dock docks harbour harbor bay river sea mountains creek canyon
ranch county city town village shire drive boulevard lake tower point springs falls gulch
""".split())
"""(Not hill, wood, hall, park, church, house ...: surnames as often as places.)"""

# Prepositions of place: a name after them is a place (in Kent, near Meryton).
PLACE_PREPOSITIONS = frozenset({"in", "into", "near", "within", "throughout", "across", "inside",
                                "outside", "through", "towards", "toward", "beyond", "via"})

# Kin nouns in descriptions ("his wife", "her mother") -> (the title classes the relative who
# shares the possessor's surname may bear: Mrs. or Lady Bennet, Mr. or Sir William; gender).
KIN = {
    "wife": ({"mrs", "f"}, "f"), "lady": ({"mrs", "f"}, "f"), "widow": ({"mrs", "f"}, "f"),
    "husband": ({"m"}, "m"), "mother": ({"mrs", "f"}, "f"), "mamma": ({"mrs", "f"}, "f"),
    "mama": ({"mrs", "f"}, "f"), "mum": ({"mrs", "f"}, "f"), "mom": ({"mrs", "f"}, "f"),
    "father": ({"m"}, "m"), "papa": ({"m"}, "m"), "dad": ({"m"}, "m"),
    "sister": ({"miss", "f"}, "f"), "daughter": ({"miss", "f"}, "f"),
    "brother": ({"m"}, "m"), "son": ({"m"}, "m"),
}


# -- person nouns -----------------------------------------------------------------------------
def _noun_genders(filename: str) -> dict[str, str | None]:
    text = resources.files("betareader.analysis").joinpath(filename).read_text(encoding="utf-8")
    out: dict[str, str | None] = {}
    for entry in _read_lines(text):
        words = entry.split()
        out[words[0]] = words[1] if len(words) > 1 else None
    return out


@lru_cache(maxsize=1)
def animal_nouns() -> dict[str, str | None]:
    """Animals that may talk in fiction (``analysis/data/animal_nouns.txt``) -> ``m``, ``f`` or None."""
    return _noun_genders("data/animal_nouns.txt")


@lru_cache(maxsize=1)
def person_nouns() -> dict[str, str | None]:
    """Common nouns naming a person or a talking creature (``analysis/data/person_nouns.txt``
    and the animals of :func:`animal_nouns`) -> ``m``, ``f`` or None."""
    return {**_noun_genders("data/person_nouns.txt"), **animal_nouns()}


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Common given names -> ``m``/``f`` (``analysis/data/given_names.txt``)."""
    text = resources.files("betareader.analysis").joinpath("data/given_names.txt").read_text(encoding="utf-8")
    return {w[0]: w[1] for w in (e.split() for e in _read_lines(text)) if len(w) == 2}


_NOT_MAN = frozenset({"human", "german", "roman", "shaman", "talisman", "caiman", "ottoman", "layman"})


def person_noun(word: str) -> tuple[bool, str | None]:
    """(is ``word`` a noun for a person, its gender ``m``/``f``/None).

    The list in ``data/person_nouns.txt`` plus compounds: ``-woman`` (f), ``-man`` (m:
    policeman, ``-keeper``/``-maker``/``-master`` (a trade: saloon-keeper, dressmaker).
    """
    w = word.lower()
    nouns = person_nouns()
    if w in nouns:
        return True, nouns[w]
    if w.endswith(("woman", "women")):
        return True, "f"
    if w.endswith(("man", "men")) and len(w) > 4 and w not in _NOT_MAN:
        return True, "m"
    if w.endswith(("keeper", "maker", "master", "mistress", "monger", "wright")):
        return True, "f" if w.endswith("mistress") else None
    if w in _NOT_MAN:
        return w in ("human", "german", "roman", "shaman", "layman"), None
    return False, None


# -- speech verbs -----------------------------------------------------------------------------
def _read_lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.append(line)
    return out


# Verbs the list has bare (for the checks) that the analysis takes as a tag only with their
# particle, "chime in" ("the clock chimed").  (go on, break in, put in ... are listed only with it.)
PARTICLE_ONLY = frozenset({"chime"})


@lru_cache(maxsize=1)
def speech_verbs() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """(single-word verb forms, {verb form: particles it needs}) for dialogue tags, from the
    package's list (:mod:`betareader.speech_verbs`), -ing forms included."""
    single = {form for form, lemma in speech_forms(progressive_form=True).items() if lemma not in PARTICLE_ONLY}
    return frozenset(single), dict(phrasal_forms())
