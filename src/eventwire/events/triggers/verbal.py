"""Verbal attacks: when "attack" is an accusation, not an assault.

Politicians "attack" each other in debates, speeches, interviews and tweets: "the senator
attacked her rival's record in Tuesday's debate", "Labour, in its latest attack on the Tories",
"a speech attacking Euro-scepticism". The PLOVER manual codes such acts as ACCUSE ("criticize,
defame, denigrate responsible parties"), never ASSAULT, which is "deliberate actions which can
potentially result in substantial physical harm" (issue 13: a candidate attacking a rival in a
debate was coded ASSAULT on the unseen sample). The coder reads the word the way a reader does:

* **never verbal** when the clause names force: a weapon, armed men, a wound or a death, a
  place or a vehicle as what is attacked ("gunmen attacked a police patrol"), or an
  instrument ("attacked him *with* a knife");
* **verbal** when the act is placed in speech ("*in a speech*", "*during the debate*", "*on
  Twitter*", "*in an interview*"), qualified as speech ("a *scathing* / *verbal* attack"), given
  a reason ("attacked X *for* failing …", "*over* the killing of stray dogs"), glossed by what
  was said ("…, *calling* him a liar", "*saying* …"), aimed at an idea ("attacking
  Euro-scept*ism*"), or when both sides are people or parties of politics (a person named by the
  knowledge base or the parser, "the candidate", "his rival", "the Tories").

States and armed groups attacking one another stay ASSAULT unless a speech is named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

__all__ = ["VERBAL_ATTACK_CODE", "VERBAL_ATTACK_LEMMAS", "is_verbal_attack"]

# CAMEO 111 "Criticize or denounce" (PLOVER ACCUSE), as the lexicon codes a verbal attack on
# a decision or a remark ("attacked the proclamation").
VERBAL_ATTACK_CODE = "111"
# The violence words that are also said of words ("hit" and "strike" are not: "hit out at" is
# its own entry, and a "strike" on a person is physical).
VERBAL_ATTACK_LEMMAS = frozenset({"attack", "assail"})

# Words of force: a clause holding one tells of violence, whatever else it says.
_FORCE_WORDS = frozenset(
    {"gun", "gunman", "gunmen", "gunfire", "rifle", "pistol", "knife", "machete", "axe",
     "hammer", "bomb", "bomber", "explosive", "grenade", "rocket", "missile", "mortar",
     "shell", "artillery", "tank", "warplane", "jet", "helicopter", "drone", "airstrike",
     "troop", "soldier", "army", "militant", "rebel", "insurgent", "guerrilla", "militia",
     "fighter", "terrorist", "attacker", "assailant", "mob", "gang", "police", "policeman",
     "kill", "dead", "wound", "injure", "injury", "hospital", "shoot", "shot", "stab",
     "bullet", "weapon", "arm", "armed", "blood", "beat", "punch", "kick", "stone", "rock",
     "acid", "fire", "suicide", "raid", "ambush", "hostage", "force", "forces", "unit",
     "battalion", "brigade", "warship", "navy", "marine", "commando", "sniper"}
)  # fmt: skip
# What is attacked when the attack is physical: "attacked a convoy", "attacked the town".
_PHYSICAL_TARGETS = frozenset(
    {"vehicle", "convoy", "patrol", "car", "bus", "train", "ship", "base", "camp",
     "checkpoint", "village", "town", "city", "house", "home", "building", "embassy",
     "station", "post", "position", "headquarters", "barracks", "mosque", "church", "temple",
     "school", "market", "border", "target", "civilian", "villager", "pilgrim", "tourist",
     "stronghold", "area", "district", "region", "territory", "outpost", "office", "compound",
     "plant", "facility", "installation", "port", "airport", "bridge", "road", "tanker",
     "aircraft", "plane", "force", "forces", "troop", "soldier", "policeman", "officer",
     "guard", "worker", "people", "man", "woman", "child", "student", "resident"}
)  # fmt: skip
# Where words are spoken or written: "in a speech", "during the debate", "on Twitter".
_SPEECH_WORDS = frozenset(
    {"debate", "campaign", "speech", "interview", "tweet", "twitter", "post", "rally",
     "remark", "statement", "address", "television", "tv", "radio", "broadcast",
     "commentary", "editorial", "article", "column", "op-ed", "letter", "newspaper", "blog",
     "message", "conference", "briefing", "parliament", "congress", "senate", "assembly",
     "session", "hearing", "advertisement", "ad", "book", "memoir", "sermon", "show",
     "programme", "program", "podcast", "facebook", "comment", "communique", "manifesto",
     "convention", "primary", "race", "election", "word", "language", "rhetoric"}
)  # fmt: skip
# What qualifies an attack as speech: "a scathing attack", "his verbal attacks".
_SPEECH_MODIFIERS = frozenset(
    {"verbal", "scathing", "blistering", "stinging", "rhetorical", "personal", "withering",
     "vitriolic", "veiled", "thinly-veiled", "written", "public", "political", "racist",
     "partisan", "sharp", "bitter", "angry", "strongly-worded", "unprecedented"}
)  # fmt: skip
# Verbs that gloss an attack by what was said: "…, calling him a liar", "saying …".
_GLOSS_VERBS = frozenset(
    {"say", "call", "accuse", "describe", "brand", "label", "dub", "claim", "charge", "tell",
     "write", "argue", "suggest", "insist", "warn", "question"}
)  # fmt: skip
# People and bodies of politics, as subject or object: "the candidate", "his rival".
_POLITICS_NOUNS = frozenset(
    {"candidate", "rival", "opponent", "challenger", "critic", "senator", "lawmaker",
     "legislator", "congressman", "congresswoman", "politician", "mp", "deputy", "party",
     "democrat", "republican", "tory", "conservative", "liberal", "labour", "socialist",
     "nominee", "incumbent", "frontrunner", "front-runner", "contender", "leader",
     "president", "premier", "minister", "governor", "mayor", "chancellor", "spokesman",
     "spokeswoman", "opposition", "administration", "media", "press", "journalist",
     "father", "official", "government", "cabinet", "each"}
)  # fmt: skip
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "i", "we", "me", "us"})


def is_verbal_attack(token: Token, children: Sequence[Token]) -> bool:
    """Whether an "attack" trigger (verb or noun) is a verbal attack (see the module
    docstring); ``children`` are the token's dependents."""
    if token.lemma_.lower() not in VERBAL_ATTACK_LEMMAS:
        return False
    clause = _clause(token)
    # What the attack is about or what was said is no part of it: "attacked city fathers
    # *over the killing of stray dogs*", "…, *saying the bombing* was a crime".
    aside = {
        t.i
        for c in children
        if _gives_reason(c) or (c.dep_ in ("advcl", "conj") and c.lemma_.lower() in _GLOSS_VERBS)
        for t in c.subtree
    }
    if _names_force([t for t in clause if t.i not in aside], token):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "with" and not _spoken(c.subtree) for c in children):
        return False  # an instrument: "attacked him with a hammer"
    subject, objects = _sides(token, children)
    if any(o.lemma_.lower() in _PHYSICAL_TARGETS or o.lower_ in _PHYSICAL_TARGETS for o in objects):
        return False  # "attacked the town", "attacked a convoy": a place or a body of people
    if token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound") and c.lower_ in _SPEECH_MODIFIERS for c in children
    ):
        return True
    if _spoken(t for t in clause if t.i != token.i):
        return True
    if any(_gives_reason(c) for c in children):
        return True
    if any(
        c.dep_ in ("advcl", "conj", "xcomp") and c.lemma_.lower() in _GLOSS_VERBS for c in children
    ):
        return True
    if any(o.lemma_.lower().endswith("ism") for o in objects):
        return True  # an idea: "attacking Euro-scepticism"
    return (
        subject is not None
        and bool(objects)
        and _political_person(subject)
        and all(_political_person(o) for o in objects)
    )


def _clause(token: Token) -> list[Token]:
    """The words of the trigger's own clause: a verb's subtree, or for a noun the subtree of
    the verb it depends on (with that verb's subject), never the reporting clause above."""
    head = token
    if token.pos_ in ("NOUN", "PROPN"):
        head = token.head
        while head.dep_ in ("pobj", "prep", "dobj", "nsubj", "attr") and head.head.i != head.i:
            head = head.head
    return list(head.subtree)


def _names_force(clause: Sequence[Token], token: Token) -> bool:
    """Whether the clause names a weapon, armed men, an injury or a physical target."""
    for t in clause:
        if t.i == token.i:
            continue
        if t.lemma_.lower() in _FORCE_WORDS or t.lower_ in _FORCE_WORDS:
            return True
    return False


def _spoken(tokens: Iterable[Token]) -> bool:
    return any(t.lemma_.lower() in _SPEECH_WORDS or t.lower_ in _SPEECH_WORDS for t in tokens)


# Objects of "for" / "over" that make a time, not a reason: "for a third day", "over the
# weekend".
_TIME_NOUNS = frozenset(
    {"day", "night", "week", "weekend", "month", "year", "hour", "time", "period", "decade",
     "morning", "evening", "afternoon", "past", "summer", "winter", "spring", "autumn"}
)  # fmt: skip


def _gives_reason(child: Token) -> bool:
    """A reason or topic the attack is "for" or "over": "attacked X *for* failing to …",
    "*over* the killing of stray dogs", or what it is called, "attacked the plan *as* …";
    not a time ("for a third day", "over the weekend")."""
    if child.dep_ != "prep" or child.lower_ not in ("for", "over", "as"):
        return False
    objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
    return bool(objects) and not any(
        g.lemma_.lower() in _TIME_NOUNS or g.ent_type_ in ("DATE", "TIME") for g in objects
    )


def _sides(token: Token, children: Sequence[Token]) -> tuple[Token | None, list[Token]]:
    """The attacker and the attacked words: a verb's subject and objects; a noun's possessor
    and its "on"/"against" objects."""
    subject: Token | None = None
    objects: list[Token] = []
    if token.pos_ in ("NOUN", "PROPN"):
        subject = next((c for c in children if c.dep_ == "poss"), None)
        for prep in children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against"):
                objects.extend(g for g in prep.children if g.dep_ == "pobj")
    else:
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        objects = [c for c in children if c.dep_ == "dobj"]
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            subject = next((g for g in agent.children if g.dep_ == "pobj"), None)
            objects = [c for c in children if c.dep_ == "nsubjpass"]
    expanded = [o for obj in objects for o in (obj, *obj.conjuncts)]
    return subject, expanded


def _political_person(token: Token) -> bool:
    """A person or a body of politics: a person the knowledge base or the parser names, a
    personal pronoun, or a noun of politics ("the candidate", "his rival", "the Tories")."""
    if token.lower_ in _PERSON_PRONOUNS:
        return True
    if token.ent_type_ == "PERSON" or token.lemma_.lower() in _POLITICS_NOUNS:
        return True
    if token.lower_.rstrip("s") in _POLITICS_NOUNS:
        return True
    for mention in token.doc._.actor_mentions:
        if mention.start <= token.i < mention.end:
            actor = mention._.actor
            return actor is not None and (
                actor.kind == "person" or str(actor.code).endswith(("PTY", "OPP", "LEG"))
            )
    return False
