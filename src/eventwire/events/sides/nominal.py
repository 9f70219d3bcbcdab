"""Find the source and target actors of a nominal trigger ("talks", "visit", "sanctions").

"Putin's visit to Pyongyang" (possessive source), "US sanctions on Iran" (modifier source), "X
held talks with Y" (light verb: the verb's subject), "talks between X and Y" (the pair; one
event per pair), "X remained *on alert*", "used X *as human shields*", "X faces criticism *from
Y*", "a *mediation* effort between X and Y", "its demand *that X* …". The verbal finder and the
shared rules are in ``arguments`` and ``clause``.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..triggers.matching import LIGHT_VERBS, TriggerMatch
from .clause import (
    ADDRESSEE_IN_CLAUSE,
    RELATIVE_PRONOUNS,
    ArgumentFrame,
    fallback_preps,
    of_complements,
    prep_objects,
    subject_tokens,
)
from .mentions import ArgumentActor, MentionIndex

__all__ = ["nominal_arguments"]

# Verbs whose subject undergoes the act their object noun names ("faces criticism from X").
_RECEIVING_VERBS = frozenset({"face", "receive", "draw", "attract", "get", "win", "earn"})
# Verbs of talking about something: their object noun is the topic, and their "with", "to"
# or "at" phrase names whom it is raised with, not a party to the act the noun names.
_TOPIC_VERBS = frozenset(
    {"raise", "discuss", "debate", "broach", "mention", "report", "review", "explain", "brief"}
)


# Verbs whose "in"/"to" object is an act their subject takes part in.
_JOINING_VERBS = frozenset({"participate", "contribute", "serve", "engage"})

# Prepositions that set a meeting as the scene of the clause: "*In* a meeting with X, Y said",
# "*During* talks with X, Y pledged", "*After* talks with X, Y announced": Y took part.
_SCENE_PREPS = frozenset({"in", "during", "at", "after", "following"})

# Prepositions of a request on whose strength the clause's subject acts: "troops returned *at*
# the government's request", "*at* the invitation of X, Y visited": X asked Y.
_ON_REQUEST_PREPS = frozenset({"at", "upon"})


# CAMEO roots of acts whose possessive is more often their victim than their author ("*their*
# kidnapping", "*his* arrest"): coercion, assault, fight, mass violence.
_PATIENT_OWNER_ROOTS = ("17", "18", "19", "20")
# A possessive pronoun agrees with a subject pronoun of the same person and number only.
_AGREEING_SUBJECTS = {"his": "he", "her": "she", "their": "they"}

# Verbs of "X *claimed* responsibility for the attack": PETRARCH and the PLOVER manual code
# the attack as the claimant's own.
_CLAIM_VERBS = frozenset({"claim", "admit", "acknowledge", "accept"})
# CAMEO roots of violent acts (18 assault, 19 fight, 20 mass violence) a claim makes one's own.
_VIOLENT_ROOTS = ("18", "19", "20")

# Verbs whose subject learns of, recalls or feels about an act, and so did not do it: "Annan was
# shocked to *learn* the assassination of X" (issue 13: Annan had become the assassin).
_OBSERVING_VERBS = frozenset(
    {"learn", "hear", "see", "watch", "recall", "remember", "mourn", "regret",
     "lament", "deplore", "fear", "recount", "describe", "commemorate", "mark", "film",
     "photograph", "record", "document", "survive", "escape", "blame"}
)  # fmt: skip

# Agreements and meetings named after the city where they were made or held: "the *Oslo*
# accords", "the *Minsk* agreements", "the *Geneva* talks". The city is no party.
_NAMED_FOR_A_PLACE = frozenset(
    {"accord", "accords", "agreement", "treaty", "pact", "protocol", "convention", "declaration",
     "deal", "talks", "summit", "conference", "process", "format", "framework", "memorandum",
     "charter", "dialogue", "meeting", "negotiation", "negotiations", "roadmap", "plan",
     "communique", "consensus", "understanding", "initiative", "peace"}
)  # fmt: skip


def _claim_of_responsibility(noun: Token) -> Token | None:
    """The verb of "X claimed responsibility *for* the attack" when ``noun`` is the act
    claimed; else None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.dep_ != "prep":
        return None
    claimed = prep.head
    verb = claimed.head
    if (
        claimed.lemma_.lower() in ("responsibility", "credit")
        and claimed.dep_ in ("dobj", "nsubjpass")
        and verb.lemma_.lower() in _CLAIM_VERBS
    ):
        return verb
    return None


# CAMEO "Make a visit" (042): "the visit of X to Y" is X's.
_VISIT_CODE = "042"

# "during a *press* conference": a meeting with reporters, not with a party.
_PRESS_WORDS = frozenset({"press", "news"})


def _clause_verb(noun: Token, preps: frozenset[str]) -> Token | None:
    """The verb a prepositional phrase of ``noun`` hangs on ("*In* a meeting …, Y *said*"),
    when the preposition is one of ``preps``; else None."""
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in preps
        and prep.head.pos_ in ("VERB", "AUX")
    ):
        return prep.head
    return None


def _is_state_phrase(noun: Token) -> bool:
    """Whether ``noun`` is the object of "on" ("on alert", "on strike") under a verb."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "on"
        and prep.dep_ == "prep"
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _mediated_parties(noun: Token, index: MentionIndex) -> list[ArgumentActor]:
    """The parties "between" which ``noun`` stands, directly or in its "to"-infinitive
    ("an effort *to resolve the rift between* X and Y")."""
    holders = [noun] + [
        obj
        for acl in noun.children
        if acl.dep_ == "acl"
        for obj in acl.children
        if obj.dep_ == "dobj"
    ]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                found = index.resolve_all(prep_objects(prep))
                if found:
                    return found
    return []


def _is_topic(noun: Token) -> bool:
    """Whether an event noun is what someone talks about: the object of ``_TOPIC_VERBS``."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in _TOPIC_VERBS


def _givers(noun: Token, governor: Token) -> list[Token]:
    """Who gives what the subject of a receiving verb gets: the "from"/"by" object of the
    received noun, of the verb ("won backing *from* X"), or of the noun's "for" complement,
    where the parser often hangs it ("won backing for the sanctions *from* Merkel"; issue 13:
    that giver had been coded as the one backed)."""
    holders = [noun, governor]
    holders += [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ == "for" for p in prep_objects(c)
    ]
    return [
        p
        for holder in holders
        for c in holder.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
        for p in prep_objects(c)
    ]


def _is_role_phrase(noun: Token) -> bool:
    """Whether ``noun`` is the object of "as" under a verb ("used X *as shields*")."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "as"
        and prep.dep_ == "prep"
        and prep.head.pos_ == "VERB"
    )


def _pronoun_owner(pronoun: Token, noun: Token, index: MentionIndex) -> list[ArgumentActor]:
    """The actor a possessive pronoun on an event noun stands for: "Badawi said *his* talks
    with Bush …" (an earlier mention), but "During *his* visit to Moscow, Bush said …" (the
    subject of the clause the phrase opens, named after it); issue 13."""
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    scene = _clause_verb(anchor, _SCENE_PREPS)
    if scene is not None and pronoun.lower_ in ("his", "her", "their"):
        subject_toks, passive = subject_tokens(scene)
        if subject_toks and not passive and all(t.i > noun.i for t in subject_toks):
            return [a for a in index.resolve_all(subject_toks) if a.actor.resolved]
    verb = _governing_verb(anchor)
    if verb is not None:
        # "insurgents will step up *their* attacks", "Putin ended *his* visit": a possessive
        # in the clause of a subject is that subject's (whatever it is, actor or not).
        subject_toks, passive = subject_tokens(verb)
        # Not when they disagree: "before *her* meeting with Barroso, *he* visited NATO".
        if subject_toks and not passive and not any(_disagrees(pronoun, t) for t in subject_toks):
            return index.resolve_all(subject_toks)
    owner = index.owner_antecedent(pronoun)
    return [owner] if owner is not None else index.resolve_all([pronoun])


def _disagrees(pronoun: Token, subject: Token) -> bool:
    """Whether a subject pronoun cannot be what a possessive pronoun stands for ("her" and
    "he"); a noun subject is never ruled out."""
    return subject.pos_ == "PRON" and subject.lower_ != _AGREEING_SUBJECTS.get(pronoun.lower_)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object ``noun`` is, directly or through one preposition of the scene
    ("step up *attacks*", "spoke *during* the visit"); None for a subject or any other place.
    Not through a preposition of cause or topic: in "the EU imposed sanctions on Iran *over*
    its supply of drones", the supply is Iran's, not the EU's."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ not in _SCENE_PREPS:
            return None
        noun, head = head, head.head
    if noun.dep_ in ("dobj", "prep") and head.pos_ in ("VERB", "AUX") and head.i != noun.i:
        return head
    return None


def _named_for_a_city(noun: Token, modifiers: list[ArgumentActor]) -> bool:
    """Whether a modifier of an agreement or meeting noun is the city it is named after: a
    state reached through a city's name ("the Oslo accords" as Norway's act; issue 13), not
    the state named itself ("the US-Iran agreement", "the Iran talks")."""
    if noun.lemma_.lower() not in _NAMED_FOR_A_PLACE and noun.lower_ not in _NAMED_FOR_A_PLACE:
        return False
    if len(modifiers) != 1:
        return False
    (modifier,) = modifiers
    place = modifier.span._.place
    return (
        modifier.actor.kind == "state"
        and modifier.via == "mention"
        and (place is None or place.feature != "country")
    )


def nominal_arguments(match: TriggerMatch, index: MentionIndex) -> ArgumentFrame:
    noun = match.token
    direct = True
    sources: list[ArgumentActor] = []
    role = match.entry.target_role
    if role == "possessor":
        # "the *arrest of* …" style entries whose possessor is acted upon ("Navalny's arrest").
        owners = index.resolve_all([c for c in noun.children if c.dep_ == "poss"])
        by = [p for c in noun.children if c.lower_ == "by" for p in prep_objects(c)]
        agents = index.resolve_all(by)
        governor = noun.head
        if not agents and noun.dep_ == "dobj" and governor.pos_ == "VERB":
            # "the court ordered *the tanker's release*": the one who orders or announces it.
            agents = index.resolve_all(subject_tokens(governor)[0])
        return ArgumentFrame(tuple(agents), tuple(owners), True)
    if match.entry.code.startswith("045") and noun.dep_ == "compound":
        # "launched a *mediation* effort between X and Y": the mediator acts on both.
        mediated = _mediated_parties(noun.head, index)
        if mediated:
            mediator = noun.head
            while mediator.dep_ == "conj":
                mediator = mediator.head
            verb = mediator.head
            if mediator.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX"):
                mediators = index.resolve_all(subject_tokens(verb)[0])
                if mediators:
                    return ArgumentFrame(tuple(mediators), tuple(mediated), False)
    between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
    if between:
        pair = index.resolve_all(prep_objects(between[0]))
        if len(pair) >= 2:
            return ArgumentFrame(tuple(pair), (), True, symmetric=True)
    # Source: the possessive ("Putin's visit"), a modifier ("US sanctions"), the agent "by X",
    # else the subject of a light verb or of the verb whose object the noun is.
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            if (
                child.dep_ == "poss"
                and child.pos_ == "PRON"
                and not match.entry.code.startswith(_PATIENT_OWNER_ROOTS)
            ):
                sources = _pronoun_owner(child, noun, index)
            else:
                sources = index.resolve_all([child])
                if child.dep_ == "compound" and _named_for_a_city(noun, sources):
                    sources = []
            if sources:
                break
    if not sources:
        by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        if by:
            sources = index.resolve_all(prep_objects(by[0]))
    if not sources and match.entry.code.startswith(_VISIT_CODE):
        # "the visit *of* the Chinese premier to Pakistan": a visit's "of" is its visitor.
        for of in of_complements(noun):
            sources = index.resolve_all(prep_objects(of))
            if sources:
                break
    governor = noun.head
    # A conjunct shares its first conjunct's place: "expressed its rejection and
    # *condemnation* of X" is expressed too.
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    anchor_governor = anchor.head
    if (
        not sources
        and anchor.dep_ in ("dobj", "nsubjpass")
        and anchor_governor.pos_ in ("VERB", "AUX")
        and anchor_governor.lemma_.lower() not in _OBSERVING_VERBS
    ):
        subject_toks, _passive = subject_tokens(anchor_governor)
        sources = index.resolve_all(subject_toks)
        if anchor_governor.lemma_.lower() not in LIGHT_VERBS or anchor is not noun:
            direct = False
    if (
        not sources
        and anchor.dep_ == "pobj"
        and anchor.head.lower_ in ("in", "to")
        and anchor.head.head.lemma_.lower() in _JOINING_VERBS
    ):
        # "troops *participate in* peacekeeping operations", "ready to *contribute to* the
        # peacekeeping mission": the one who joins the act does it.
        sources = index.resolve_all(subject_tokens(anchor.head.head)[0])
        direct = False
    if not sources and _is_state_phrase(anchor):
        # "troops remained *on alert*", "workers went *on strike*": the one in that state.
        sources = index.resolve_all(subject_tokens(anchor.head.head)[0])
    if (
        not sources
        and match.entry.code.startswith(_VIOLENT_ROOTS)
        and (claim := _claim_of_responsibility(anchor)) is not None
    ):
        # "The Houthis claimed responsibility for the attack on the refinery": the claimant
        # carried it out (issue 13). The claim itself stays its own event (CAMEO 015).
        subject_toks, passive = subject_tokens(claim)
        sources = [a for a in index.resolve_all(subject_toks) if a.actor.resolved]
        direct = False
    if (
        not sources
        and match.entry.code.startswith("04")
        and not any(
            c.dep_ == "poss" or c.lower_ == "of" or c.lower_ in _PRESS_WORDS for c in noun.children
        )
        and (scene := _clause_verb(anchor, _SCENE_PREPS)) is not None
    ):
        # "In a separate meeting with X, Y said …", "During talks with X, Y pledged …": the
        # subject of the clause the meeting frames met X — a known actor in the active voice
        # ("in the talks, two officials were injured" names no participant), and not when
        # the meeting has its own ("during the visit *of* Aziz", "the meeting *of* the
        # panel"); issue 13.
        subject_toks, passive = subject_tokens(scene)
        if not passive:
            sources = [a for a in index.resolve_all(subject_toks) if a.actor.resolved]
            direct = False
    targets: list[ArgumentActor] = []
    if noun.dep_ == "dobj" and governor.lemma_.lower() in _RECEIVING_VERBS:
        # "Iran *faces* criticism *from the U.N.*", "the intervention *received* support
        # *from the U.S.*": the one named after "from" acts on the subject.
        givers = index.resolve_all(_givers(noun, governor))
        if givers:
            return ArgumentFrame(
                tuple(givers), tuple(index.resolve_all(subject_tokens(governor)[0])), False
            )
    if _is_role_phrase(noun):
        # "used civilians *as human shields*", "held 2,000 people *as shields*": the verb's
        # subject does it to the verb's object.
        verb = noun.head.head
        sources = sources or index.resolve_all(subject_tokens(verb)[0])
        targets = index.resolve_all([c for c in verb.children if c.dep_ == "dobj"])
    if match.prep_token is not None:
        targets = index.resolve_all(prep_objects(match.prep_token))
    if (
        not targets
        and match.entry.code.startswith("02")
        and (acting := _clause_verb(anchor, _ON_REQUEST_PREPS)) is not None
    ):
        # "U.S. troops returned *at the Iraqi government's request*", "*at the invitation of*
        # X": the one who asked is the owner or the "of" complement, the one asked is the
        # clause's subject who acts on it (in the passive, its patient); issue 13.
        sources = sources or index.resolve_all(
            [p for prep in of_complements(noun) for p in prep_objects(prep)]
        )
        if any(a.actor.resolved for a in sources):  # an unknown requester codes nothing
            subject_toks, passive = subject_tokens(acting)
            asked = (
                [c for c in acting.children if c.dep_ == "nsubjpass"] if passive else subject_toks
            )
            targets = [t for t in index.resolve_all(asked) if t not in sources]
            direct = False
    if not targets:
        # An event noun's "of" complement is its patient ("criticism *of* X", "the arrest *of*
        # X"), tried last: the other party prepositions name it more surely (issue 5, third
        # round, studied 70% of the PLV development set).
        for prep in [*fallback_preps(noun, match), *of_complements(noun)]:
            if prep.lower_ == "with" and _is_topic(noun):
                continue  # "raise the incursions *with the UN*": the parser's attachment
            targets = index.resolve_all(prep_objects(prep))
            if targets:
                if match.entry.prep:
                    direct = False
                break
    if (
        not targets
        and governor.pos_ in ("VERB", "AUX")
        and noun.dep_ == "dobj"
        and not _is_topic(noun)
    ):
        # "held talks in Berlin with Shoigu": the preposition may attach to the light verb.
        # Not on a verb that makes the noun a topic: in "will raise the incursions *with the
        # UN*" the UN is told of the incursions, not their target (issue 13).
        for prep in fallback_preps(governor, match):
            targets = index.resolve_all(prep_objects(prep))
            if targets:
                break
    if not targets and match.entry.code[:2] in ADDRESSEE_IN_CLAUSE:
        # "its demand *that the US* ease sanctions", "a call for X to …": the addressee is the
        # subject of the clause the noun carries.
        targets = index.resolve_all(
            [
                subject
                for clause in noun.children
                if clause.dep_ in ("acl", "ccomp", "relcl")
                for subject in clause.children
                if subject.dep_ in ("nsubj", "nsubjpass")
                and subject.lower_ not in RELATIVE_PRONOUNS  # "a demand *that* was …"
            ]
        )
    if role == "none":
        targets = []
    if not targets and not sources and noun.dep_ in ("nsubj", "nsubjpass"):
        # "The rare call took place …" with no actors of its own: nothing to code.
        return ArgumentFrame((), (), False)
    if not targets and len(sources) > 1:
        return ArgumentFrame(tuple(sources), (), direct, symmetric=True)
    return ArgumentFrame(tuple(sources), tuple(targets), direct)
