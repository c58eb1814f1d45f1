"""Nicknames and short forms of given names, mapped to one canonical given name.

Why a table: a child known to the police as "Tommy" is "Thomas" on the GP register, and no
string distance finds that (Jaro-Winkler of "tommy" and "thomas" is low, "billy" and
"william" share nothing). Comparing canonical forms turns a nickname into an exact match while
the raw name still tells a real exact match apart. Written for this project from common
English, Welsh, Irish, Polish and Arabic-origin short forms; a name that is its own canonical
form needs no entry. Keys and values are lower case, accents stripped.

A short form shared by several names ("alex": Alexander, Alexandra) maps to the form most
likely for either sex; comparisons also check the raw names, so nothing is lost when it is
wrong, it only fails to help.
"""

from __future__ import annotations

#: canonical given name -> its nicknames and short forms
_FORMS: dict[str, tuple[str, ...]] = {
    "abigail": ("abbie", "abby", "abi", "gail"),
    "alexander": ("alex", "alexi", "xander", "sandy", "al", "lex"),
    "alexandra": ("ola", "lexi", "lexie", "sasha", "alexa"),
    "alfred": ("alf", "alfie"),
    "amelia": ("millie", "milly", "amy", "mia", "melia"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony", "ant"),
    "aaliyah": ("liyah", "aali"),
    "amara": ("mara",),
    "archibald": ("archie",),
    "benjamin": ("ben", "benji", "benny"),
    "bethany": ("beth", "bethan"),
    "bradley": ("brad",),
    "callum": ("cal", "cally"),
    "catherine": ("cath", "cathy", "cat"),
    "charles": ("charlie", "chas", "chuck"),
    "charlotte": ("lottie", "lotte", "charly", "lotti"),
    "christopher": ("chris", "kit", "topher"),
    "courtney": ("court",),
    "daniel": ("dan", "danny", "dani"),
    "david": ("dave", "davey", "dai"),
    "edward": ("ed", "eddie", "ned"),
    "elijah": ("eli", "lijah"),
    "elizabeth": ("liz", "lizzie", "lizzy", "eliza", "libby", "betty", "bess"),
    "emily": ("em", "emmy"),
    "emmanuel": ("manny", "emman"),
    "evelyn": ("evie", "eve"),
    "florence": ("flo", "florrie", "flossie"),
    "francesca": ("fran", "frankie", "cesca"),
    "frederick": ("fred", "freddie", "freddy", "fredo"),
    "gabriel": ("gabe", "gaby"),
    "gemma": ("gem",),
    "harrison": ("harry", "haz"),
    "henry": ("hal", "hank"),
    "ibrahim": ("ibby", "ibi", "ibra"),
    "isabella": ("izzy", "bella", "issy", "isa"),
    "isabelle": ("izzie",),
    "jacob": ("jake", "jakey"),
    "jakub": ("kuba", "kubus"),
    "james": ("jim", "jimmy", "jamie", "jimbo"),
    "jayden": ("jay",),
    "jennifer": ("jen", "jenny", "jenna"),
    "jerome": ("rome", "jez"),
    "jessica": ("jess", "jessie", "jessy"),
    "jonathan": ("jon", "jonny", "johnny", "jonty"),
    "joseph": ("joe", "joey", "jos"),
    "joshua": ("josh", "joshy"),
    "katherine": ("kate", "katie", "kath", "kathy", "kat", "kitty"),
    "kayleigh": ("kay", "kayla"),
    "kieran": ("kez", "kier"),
    "kwame": ("kway",),
    "lewis": ("lew", "lou"),
    "margaret": ("maggie", "meg", "peggy", "mags"),
    "marcus": ("marky", "marc"),
    "mateusz": ("mati", "matek"),
    "matilda": ("tilly", "tilda", "mattie"),
    "matthew": ("matt", "matty", "mattie"),
    "michael": ("mike", "mikey", "mick", "micky", "mikel"),
    "mohammed": ("mo", "moe", "mohd", "hamma"),
    "natalia": ("natka",),
    "natalie": ("nat", "nattie", "tally"),
    "nathaniel": ("nate", "nat", "nathan"),
    "nicholas": ("nick", "nicky", "nico"),
    "oliver": ("ollie", "olly", "oli"),
    "olivia": ("liv", "livvy", "livia", "olly"),
    "patrick": ("pat", "paddy"),
    "phoebe": ("phoebs", "pheebs"),
    "precious": ("presh",),
    "rebecca": ("becky", "becca", "bex"),
    "richard": ("rich", "richie", "rick", "ricky", "dick"),
    "robert": ("rob", "robbie", "bob", "bobby", "bert"),
    "samuel": ("sam", "sammy", "sammie"),
    "samantha": ("sammi", "sam"),
    "sophia": ("sophie", "soph"),
    "stephen": ("steve", "stevie"),
    "susan": ("sue", "suzy", "susie"),
    "theodore": ("theo", "ted", "teddy", "teddie"),
    "thomas": ("tom", "tommy", "tommie", "thom"),
    "timothy": ("tim", "timmy"),
    "tyler": ("ty",),
    "victoria": ("vicky", "vicki", "tori", "toria", "vic"),
    "william": ("will", "billy", "bill", "willie", "wills"),
    "zachary": ("zac", "zach", "zack"),
    "zuzanna": ("zuza", "zuzia"),
}

#: Short forms that more than one canonical name claims: the first listed wins, later claims are
#: ignored (see the module docstring).
NICKNAMES: dict[str, str] = {}
for _canonical, _forms in _FORMS.items():
    for _form in _forms:
        NICKNAMES.setdefault(_form, _canonical)
# "muhammad" and other transliterations are spellings, not nicknames: the distance levels and
# the shared canonical below bring them together.
for _spelling in ("muhammad", "mohammad", "mohamed", "muhammed", "mohamad"):
    NICKNAMES.setdefault(_spelling, "mohammed")


def canonical_given_name(name: str) -> str:
    """The canonical form of an already cleaned given name (itself when it has none).

    >>> canonical_given_name("tommy")
    'thomas'
    >>> canonical_given_name("priya")
    'priya'
    """
    return NICKNAMES.get(name, name)
