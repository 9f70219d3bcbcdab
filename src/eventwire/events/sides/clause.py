"""Building blocks of the argument finder (``arguments``, ``nominal``): the value it returns,
the logical subject of a verb and the objects of prepositions.

A missing subject is recovered from the structure around the verb (:func:`implicit_subject`):

* control (``xcomp``): "Kim pledged to deepen ties" → Kim; object control for "urge X to",
  "ask X to", "call on X to" → X; "X is *willing* to …" → X;
* coordination of verbs: "Sikorski criticized … and said" → the first verb's subject;
* relative clauses: "Russia, which invaded Ukraine" → the antecedent noun;
* participles (``acl``): "troops sent by Russia" (passive: the noun is the target),
  "Putin, visiting Pyongyang" (active: the noun is the source), "passed *a resolution
  criticizing* X" (a document speaks for its maker);
* "X accused Y *of* Z-ing" / "blamed Y *for*": the object of the governing verb is Z's subject
  (the coder marks such events alleged);
* adverbial clauses ("by dispatching", "after meeting"): the governing verb's subject;
* a "to"-infinitive on a noun ("he has no *plans to meet* X"): the subject of the verb that has
  that noun as object.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..triggers.matching import TriggerMatch, is_time_phrase, is_to_infinitive
from .mentions import ArgumentActor
from .unnamed import looks_like_actor

__all__ = [
    "ADDRESSEE_IN_CLAUSE",
    "CONTACT_VERBS",
    "FALLBACK_TARGET_PREPS",
    "OBJECT_CONTROL",
    "RELATIVE_PRONOUNS",
    "ArgumentFrame",
    "agents",
    "contact_purpose_head",
    "coordination_head",
    "fallback_preps",
    "implicit_subject",
    "misparsed_objects",
    "of_complements",
    "prep_objects",
    "subject_tokens",
]

# Prepositions that commonly introduce the other party of an interaction; used only when the
# entry names none and there is no direct object actor.
# "into" is the party under inquiry or entered ("an investigation *into* X", "troops moved *into*
# X"): added in issue 5's third round (studied 70% of the PLV development set).
FALLBACK_TARGET_PREPS = (
    "with",
    "to",
    "against",
    "on",
    "from",
    "at",
    "toward",
    "towards",
    "for",
    "into",
)

# Verbs whose object (not subject) controls an infinitive complement ("urged Iran to stop").
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "invite",
        "force",
        "persuade",
        "press",
        "pressure",
        "encourage",
        "order",
        "tell",
        "allow",
        "help",
        "compel",
        "request",
        "warn",
        "advise",
        "push",
        "want",
    }
)

# Contact verbs whose "to"-infinitive says what was done during the contact: "called Erdogan
# *to apologize*", "met Lavrov *to discuss*" — the caller apologizes to the one called. ("call"
# left ``OBJECT_CONTROL`` for this reason; "called *on* X to" keeps X as the subject.)
CONTACT_VERBS = frozenset(
    {"call", "phone", "telephone", "ring", "meet", "visit", "write", "receive", "host", "summon"}
)

_SUBJECT_DEPS = ("nsubj", "csubj")

# CAMEO roots of speech acts addressed to the subject of their complement clause: appeal (02),
# demand (10), threaten (13).
ADDRESSEE_IN_CLAUSE = frozenset({"02", "10", "13"})

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

_ALLEGATION_PREPS = frozenset({"of", "for", "over"})

_ADVERBIAL_PREPS = frozenset(
    {"by", "after", "before", "while", "without", "in", "through", "since"}
)

# Recursion limit for subject recovery: four hops cover "accused X of getting involved by
# dispatching" (pcomp → prep → pcomp → prep → verb) in the seeds.
_MAX_HOPS = 6


@dataclass(frozen=True, slots=True)
class ArgumentFrame:
    """Candidate sources and targets of one trigger, and how directly they were found.

    ``direct`` is True when both sides (or the one side found) came from the trigger's own
    arguments (subject/object/entry preposition), False when a fallback rule supplied one.
    ``symmetric`` marks "X and Y met" / "talks between X and Y": one event per unordered pair.
    ``inside_targets``: for a symmetric frame, the targets found inside noun phrases, for the
    coder to use when the category is not a joint action ("X and Y condemned the attack *on
    Z*"); a joint action keeps its pair ("X and Y signed the treaty in Z").
    ``together``: for a symmetric frame, the co-ordinated sources act as one side on someone
    else or on no one ("X and Y *jointly* proposed", "X and Y *mediated*", "X and Y launched
    strikes *on the rebels*"; ``joint``): the coder never pairs them with each other.
    """

    sources: tuple[ArgumentActor, ...]
    targets: tuple[ArgumentActor, ...]
    direct: bool
    symmetric: bool = False
    inside_targets: tuple[ArgumentActor, ...] = ()
    together: bool = False


def subject_tokens(verb: Token) -> tuple[list[Token], bool]:
    """The tokens that act as ``verb``'s logical subject, and whether the verb is passive.

    For a passive verb the logical subject is the agent ("by X"); the surface subject is
    returned by :func:`_passive_patient`.
    """
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        agents = [
            pobj
            for c in verb.children
            if c.dep_ == "agent"
            for pobj in c.children
            if pobj.dep_ == "pobj"
        ]
        return agents, True
    return implicit_subject(verb, 0), False


def implicit_subject(verb: Token, hops: int) -> list[Token]:
    """The logical subject of ``verb``: its own, or one recovered from the structure above it."""
    own = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if own and _misparsed_infinitive_subject(verb, own):
        # "is visiting *Malta* to attend a summit": an infinitive has no nominative subject;
        # the noun is the governing verb's object and the visitor attends (see
        # ``misparsed_objects``).
        return implicit_subject(verb.head, hops + 1) if hops < _MAX_HOPS else []
    if own:
        resolved: list[Token] = []
        for tok in own:
            if tok.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                resolved.append(verb.head)
            else:
                resolved.append(tok)
        return resolved
    if hops >= _MAX_HOPS or verb.head.i == verb.i:
        return []
    head = verb.head
    dep = verb.dep_
    if dep == "xcomp":
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if head.lemma_.lower() in OBJECT_CONTROL and objects:
            return objects
        if head.lemma_.lower() == "call":  # "called on Russia to withdraw"
            on_objects = [
                p
                for c in head.children
                if c.lower_ in ("on", "upon") and not is_time_phrase(c)
                for p in c.children
            ]
            if on_objects:
                return on_objects
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp"):
            # "X is *willing* / *ready* / *prepared* to withdraw": the adjective's subject is
            # the copula's (issue 5 third round: a common way news states an offer).
            return implicit_subject(head.head, hops + 1)
        return implicit_subject(head, hops + 1) if head.pos_ in ("VERB", "AUX") else []
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        return implicit_subject(coordination_head(verb), hops + 1)
    if dep == "acomp" and head.pos_ in ("VERB", "AUX"):
        return implicit_subject(head, hops + 1)  # "*X* is willing to …"
    if dep == "relcl":
        return [head]
    if dep == "acl":
        if (
            verb.tag_ in _FINITE_TAGS
            and head.pos_ == "PROPN"
            and any(c.dep_ == "appos" and head.i < c.i < verb.i for c in head.children)
        ):
            # "Khodorkovsky, a former tycoon, *called* for sanctions": a finite verb the parser
            # hung on its subject after an apposition.
            return [head]
        if verb.tag_ == "VBG":
            if (
                head.dep_ == "pobj"
                and head.head.lower_ in _MEDIUM_PREPS
                and head.head.head.dep_ in ("dobj", "attr")
                and not _names_party(head.head.head)
            ):
                # "posted a message *on Twitter blaming* Iran": the parser hung the participle
                # on the medium; it belongs to the message, which speaks for its poster.
                head = head.head.head
            if (
                head.dep_ in ("dobj", "attr")
                and head.head.pos_ in ("VERB", "AUX")
                and not _names_party(head)
            ):
                # "passed *a resolution criticizing* X", "staged a protest *demanding*": the
                # document or act speaks for whoever made it.
                return implicit_subject(head.head, hops + 1)
            return [head]
        if is_to_infinitive(verb):
            # "plans to meet": the planner is the subject of the verb owning the noun.
            owner = head.head
            if head.dep_ in ("dobj", "attr") and owner.pos_ in ("VERB", "AUX"):
                return implicit_subject(owner, hops + 1)
        return []
    if dep == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if head.lower_ in _ALLEGATION_PREPS:
            objects = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
            if objects:
                return objects
            if governor.pos_ in ("NOUN", "PROPN") and governor.dep_ == "dobj":
                # "accused the North *of* …" parsed with "of" under the object noun.
                return [governor]
        if governor.pos_ in ("VERB", "AUX"):
            return implicit_subject(governor, hops + 1)
        return []
    if dep == "advcl":
        return implicit_subject(head, hops + 1) if head.pos_ in ("VERB", "AUX") else []
    return []


# Prepositions that introduce where a message was published ("on Twitter", "in a statement").
_MEDIUM_PREPS = frozenset({"on", "in", "via", "through"})


def _names_party(noun: Token) -> bool:
    """Whether a noun is (or names) a party rather than a document or act."""
    return noun.pos_ == "PROPN" or looks_like_actor(noun)


def coordination_head(verb: Token) -> Token:
    """The verb a ``conj`` verb is really coordinated with. Coordinated verbs share their form
    ("to cede territory, *abandon* ambitions"); the small model often hangs a later conjunct
    on the sentence root instead ("working … to refine …, *abandon*"): when the forms differ
    and a verb of the conjunct's own form stands between them, that verb is the head, else
    the nearest such verb above the parsed head."""
    head = verb.head
    if verb.dep_ != "conj" or head.tag_ == verb.tag_:
        return head
    for i in range(verb.i - 1, head.i, -1):
        other = verb.doc[i]
        if other.pos_ == "VERB" and other.tag_ == verb.tag_:
            return other
    # Attached too low: "denied *sending* drones … and *accused* X" hangs "accused" on the
    # complement "sending"; the verb of its own form above is the real partner.
    for ancestor in head.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.tag_ == verb.tag_:
            return ancestor
    return head


def contact_purpose_head(verb: Token) -> Token | None:
    """The contact verb whose "to"-infinitive ``verb`` is ("called X *to congratulate*"), or
    None; "called *on* X to …" and "called *for* …" are appeals, not contacts."""
    if verb.dep_ not in ("xcomp", "advcl") or verb.head.i == verb.i:
        return None
    if not is_to_infinitive(verb):
        return None
    head = verb.head
    if head.pos_ != "VERB" or head.lemma_.lower() not in CONTACT_VERBS:
        return None
    if any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") and not is_time_phrase(c)
        for c in head.children
    ):
        return None
    return head


def prep_objects(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _misparsed_infinitive_subject(verb: Token, subjects: list[Token]) -> bool:
    head = verb.head
    return (
        verb.dep_ in ("ccomp", "xcomp")
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in OBJECT_CONTROL
        and is_to_infinitive(verb)
        and not any(c.dep_ in ("dobj", "dative") for c in head.children)
        and all(s.i == head.i + 1 for s in subjects)
    )


def misparsed_objects(verb: Token) -> list[Token]:
    found = [
        sub
        for c in verb.children
        if c.dep_ in ("ccomp", "xcomp") and any(a.lower_ == "to" for a in c.children)
        for sub in c.children
        # the noun phrase right after the verb ("allow *the World Food Program* to deliver …")
        if sub.dep_ == "nsubj" and sub.left_edge.i == verb.i + 1
    ]
    # "met *Taiwanese President Lee* Wednesday": the small model reads the bare day as the
    # phrase's head and the object as its compound; the name right after the verb is the
    # object all the same.
    found += [
        sub
        for c in verb.children
        if c.dep_ in ("npadvmod", "dobj") and c.ent_type_ in _TIME_ENTITIES
        for sub in c.children
        if sub.dep_ == "compound" and sub.left_edge.i == verb.i + 1
    ]
    return found


_TIME_ENTITIES = frozenset({"DATE", "TIME"})


def agents(verb: Token) -> list[Token]:
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def fallback_preps(token: Token, match: TriggerMatch) -> list[Token]:
    preps = [c for c in token.children if c.dep_ in ("prep", "dative")]
    if match.object_token is not None:
        obj = match.object_token
        preps += [c for c in obj.children if c.dep_ == "prep"]
        if obj.dep_ == "compound":  # "ended *mediation* efforts *with* X"
            preps += [c for c in obj.head.children if c.dep_ == "prep"]
    else:
        for child in token.children:
            if child.dep_ == "dobj":
                preps += [c for c in child.children if c.dep_ == "prep"]
    names: tuple[str, ...] = FALLBACK_TARGET_PREPS
    if match.entry.code.startswith(_DISAPPROVAL):
        names = names + _DISAPPROVAL_PREPS
    ranked = [p for name in names for p in preps if p.lower_ == name]
    return ranked


# Disapproval and accusation (CAMEO 11x) are of someone's act: "expressed concern *about North
# Korean missile exports*", "criticised Seoul *over its* trade rules" have that someone for
# target (issue 13). Elsewhere "about" and "over" give a topic, never a party ("talks *about*
# Ukraine").
_DISAPPROVAL = "11"
_DISAPPROVAL_PREPS = ("over", "about")


def of_complements(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
