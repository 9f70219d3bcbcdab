"""Find the source and target actors of a trigger in the dependency parse.

Verbs (active): the subject is the source; the target is the object of the entry's preposition
("walk out *of* X", "impose sanctions *on* X", on the verb or on its object noun), else the
direct object, else — a fallback, with lower confidence — the object of a target-like
preposition ("with", "to", "against", "on", "from", "at", "toward").
Verbs (passive): the ``nsubjpass`` is the target, the ``agent`` ("by X") the source.
A missing subject is recovered from the structure around the verb (control, coordination,
relative clauses, participles, "accused Y *of* Z-ing", adverbial clauses: ``clause``).

Nouns ("Putin's visit to Pyongyang", "talks between X and Y"): ``nominal``. Coordinated
arguments give one event per actor pair (``conjuncts``).

A side left empty is looked for again **inside the noun phrases** the rules above reached
(``MentionIndex.inside``): "condemned *the attack on the capital of Cuba*" → Cuba, "rejected
*a request by Erdogan*" → Erdogan, "opened an investigation into *the death of a journalist*".
Such a side has ``via="contained"`` and a lower confidence. A place that only says where an
attack happened is not one ("condemned the attack on hotels *in Jordan*": no target; issue 13).
Measured on the studied 70% of the PLV development set (issue 5, third round): most missed
dyads had a target of this shape.

Issue 5, fourth round (same studied part; end-to-end dyad recall there 0.540 → 0.699):

* an object that is a person or group noun is a party ("freed 1,500 Taliban *prisoners*"),
  unless it is forces the subject moves ("withdrew its *troops* from X");
* the first object of a double-object verb ("gave *Canada* a deadline"), a dative in a
  controlled clause ("agreed to lend $1 billion *to Indonesia*"), the other party in a threat's
  controlled clause ("threatened to close its borders *with X*"), the recipient of a passive
  whose patient is a thing ("was returned by X *to Y*");
* a participle on a document or act speaks for its maker ("passed *a resolution criticizing*
  X"); conjoined event nouns share their verb's subject ("expressed its rejection and
  *condemnation* of X"); "X remained *on alert*" is X's;
* with no other target, the place where an act is done to it (:func:`place_targets`), or
  where the mover went ("sent experts *to Saudi Arabia* to investigate");
* the author of a refused or criticised object ("refused *a request from X* to …"), the giver
  of what the subject "faces" or "receives" ("faces criticism *from X*"), the object of "used
  X *as human shields*", the subject of a condition ("will not lift the embargo *until X* …"),
  of a demand noun's clause ("its demand *that X* ease …") and the parties a mediator stands
  *between*;
* coordinated actors before a joint act's topic stay a pair ("X and Y failed to reach a deal
  *on Z*").
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from ...actors.model import UNRESOLVED
from ..triggers.matching import TriggerMatch, is_time_phrase, is_to_infinitive
from .clause import (
    ADDRESSEE_IN_CLAUSE,
    CONTACT_VERBS,
    FALLBACK_TARGET_PREPS,
    ArgumentFrame,
    agents,
    contact_purpose_head,
    fallback_preps,
    implicit_subject,
    misparsed_objects,
    prep_objects,
    subject_tokens,
)
from .joint import GO_BETWEEN_VERBS, acts_together, is_mediation, mediation_parties
from .mentions import ArgumentActor, MentionIndex
from .nominal import nominal_arguments
from .recalled import recalled_meeting
from .unnamed import ACTOR_ENTITIES, FORCE_NOUNS, looks_like_actor

__all__ = [
    "CONTACT_VERBS",
    "FALLBACK_TARGET_PREPS",
    "ArgumentFrame",
    "contact_purpose_head",
    "find_arguments",
    "implicit_subject",
    "place_targets",
    "subject_tokens",
]

# CAMEO roots whose other party is found in the controlled clause: intent (03), reject (12),
# threaten (13: "threatened to close all borders *with Iraqi Kurdistan*").
_PARTY_IN_CONTROLLED_CLAUSE = frozenset({"03", "12", "13"})

# CAMEO roots whose object forces move for their own side: provide aid (07), yield (08),
# mobilize (15), reduce relations (16: "withdrew peacekeepers"), and the intents and refusals
# to do so (03, 12: "refused to send peacekeepers").
_OWN_FORCE_CODES = frozenset({"03", "07", "08", "12", "15", "16"})

# CAMEO roots whose act, with no other party, is done to the place where it happens ("place
# targets"): investigate (09), threaten (13), protest (14), mobilize (15), reduce relations
# (16), coerce (17), assault (18), fight (19), mass violence (20), provide aid (07), and
# de-escalation (087: "declared a ceasefire *in Somalia*"). Meetings,
# statements and agreements *in* a place are not done to it.
_PLACE_TARGET_ROOTS = frozenset({"07", "087", "09", "13", "14", "15", "16", "17", "18", "19", "20"})

# Acts only a state does, whose agentless passive names the state by where it happened:
# arrest and detain (173), expel and deport (174).
_STATE_ACT_CODES = ("173", "174")

# Withdrawals of forces (0874) and of peacekeepers (1661) are done to the place left:
# "from X" names it.
_WITHDRAWAL_CODES = ("0874", "1661")

_PLACE_PREPS = frozenset({"in", "inside", "across", "throughout"})
# Nouns of a place a state's adjective qualifies: "in the *Israeli* city of Netanya".
_PLACE_KIND_NOUNS = frozenset(
    {"city", "town", "village", "capital", "province", "region", "district", "port", "state",
     "county", "area", "resort", "enclave", "territory"}
)  # fmt: skip
# Violent acts whose place is where the victims were, not who did them.
_ATTACK_NOUNS = frozenset(
    {
        "attack",
        "bombing",
        "blast",
        "explosion",
        "shooting",
        "massacre",
        "killing",
        "assault",
        "ambush",
        "raid",
        "bomb",
        "violence",
    }
)
# Nouns naming a part of a place; "in parts of X" is an act in X.
_PART_NOUNS = frozenset(
    {
        "part",
        "area",
        "region",
        "district",
        "province",
        "enclave",
        "outskirts",
        "much",
        "most",
        "some",
        "north",
        "south",
        "east",
        "west",
        "centre",
        "center",
        "city",
        "town",
        "capital",
    }
)

_CONDITION_MARKS = frozenset({"until", "unless"})
# Verbs whose object comes into being: never a party.
_CREATION_VERBS = frozenset({"set", "establish", "create", "form", "build", "found"})

# What someone says or decides; its author is a party to accepting or rejecting it.
_SPEECH_ACT_NOUNS = frozenset(
    {
        "call",
        "demand",
        "request",
        "proposal",
        "offer",
        "appeal",
        "plea",
        "ultimatum",
        "decision",
        "order",
        "ruling",
        "decree",
        "plan",
        "initiative",
        "claim",
        "allegation",
        "accusation",
        "comment",
        "remark",
        "statement",
        "motion",
        "bid",
        "suggestion",
    }
)

# Nouns whose "from" names what is left behind.
_SEPARATIONS = frozenset({"independence", "secession", "separation", "withdrawal"})

# Grants whose recipient is the one allowed to act.
_PERMISSION_NOUNS = frozenset(
    {"permission", "approval", "authorization", "authorisation", "go-ahead"}
)

# Fallback prepositions that name what a joint act is about rather than a party to it.
_TOPIC_PREPS = frozenset({"on", "over", "for", "about"})

# Verbs of sending or going whose "to"-infinitive is done at the destination.
_MOTION_VERBS = frozenset(
    {"send", "dispatch", "deploy", "fly", "travel", "go", "come", "head", "arrive", "rush"}
)


def find_arguments(match: TriggerMatch, index: MentionIndex) -> ArgumentFrame:
    """The source and target candidates of ``match`` (see the module docstring)."""
    frame = _arguments(match, index)
    if match.entry.code.startswith("04") and not match.is_nominal:
        frame = _partners_not_topics(match, frame, index)
    return _acting_together(match, frame, index)


def _acting_together(
    match: TriggerMatch, frame: ArgumentFrame, index: MentionIndex
) -> ArgumentFrame:
    """``frame`` with co-ordinated sources that act as one side marked ``together`` (see
    ``joint``), and a mediation's parties as its targets ("X and Y brokered a truce *between*
    A and B": each mediator with each party)."""
    if len(frame.sources) > 1 and frame.targets and acts_together(match):
        # "a ceasefire *mediated by Qatar and Egypt*": the inside view found one co-agent as
        # the others' target; co-agents are one side.
        keys = {s.key for s in frame.sources}
        targets = tuple(t for t in frame.targets if t.key not in keys)
        if len(targets) < len(frame.targets):
            frame = ArgumentFrame(frame.sources, targets, frame.direct, symmetric=not targets)
    between = mediation_parties(match)
    if between and frame.sources:
        # A mediation's parties are the ones it stands between, and only when both ends are
        # ("facilitating links between FDI *and trade*" mediates between no one).
        parties = index.resolve_all(between)
        if len(parties) < len(between):
            return ArgumentFrame(frame.sources, (), False)
        return ArgumentFrame(frame.sources, tuple(parties), False)
    if frame.targets and not frame.symmetric:
        return frame
    if frame.symmetric and len(frame.sources) > 1 and acts_together(match):
        if is_mediation(match):
            # A mediation's parties are the ones it stands between, never a thing inside
            # its phrase ("facilitating links between *FDI* and trade").
            return dataclasses.replace(frame, together=True, inside_targets=())
        return dataclasses.replace(frame, together=True)
    return frame


def _arguments(match: TriggerMatch, index: MentionIndex) -> ArgumentFrame:
    frame = _frame(match, index)
    if frame.targets and frame.sources:
        return frame
    if frame.targets and not frame.sources:
        jurisdiction = _jurisdiction(match, index)
        if jurisdiction:
            return ArgumentFrame(tuple(jurisdiction), frame.targets, False)
    if match.entry.target_role == "none" and frame.sources:
        # "deployed election observers *in Zimbabwe*": no party, but a place.
        return _with_place_target(match, index, frame)
    inside = _frame(match, index.inside())
    if not _done_to_a_place(match):
        inside = dataclasses.replace(
            inside, targets=tuple(a for a in inside.targets if not _where_it_happened(a))
        )
    if not (frame.sources or frame.targets or inside.sources or inside.targets):
        # "The talks ended without agreement" after "X and Y met": the story's pair.
        recalled = recalled_meeting(match, index)
        if recalled is not None:
            return recalled
    if frame.symmetric:
        return dataclasses.replace(frame, inside_targets=frame.inside_targets or inside.targets)
    # The antecedent of a relative clause is its subject; a thing there ("an attack on the
    # parliament *that killed* 17 people") does not stand for the actors it contains.
    relative = match.token.dep_ == "relcl"
    sources = frame.sources or (() if relative else inside.sources)
    targets = frame.targets or inside.targets
    if not targets and sources and match.entry.code.startswith("14"):
        targets = tuple(_mission_targets(match.token, index))
    if not targets:
        found = frame if frame.sources or relative or not inside.sources else inside
        return _with_place_target(match, index, found)
    return ArgumentFrame(sources, targets, frame.direct and inside.direct)


# Where a protest is held that names whom it is against: "outside / at / in front of the German
# embassy". The mission stands for its state (the actors layer resolves "German embassy").
_MISSION_NOUNS = frozenset({"embassy", "consulate", "legation", "mission", "commission"})
_AT_PLACE = frozenset({"outside", "at", "near", "before", "opposite", "in", "to", "towards"})


# What talks are about: "discussed *the Taiwan issue* with Chinese leaders" names no Taiwanese
# party (issue 13: the topic's modifier had become the one met). The parser often hangs the
# "with" phrase of the verb on such a noun: it names the partner.
_TOPIC_NOUNS = frozenset(
    {"issue", "question", "matter", "situation", "crisis", "problem", "dispute", "conflict",
     "file", "agenda", "subject", "topic", "case"}
)  # fmt: skip
# Verbs whose direct object is what is talked about, never whom one talks with.
_DISCUSSING_VERBS = frozenset({"discuss", "debate", "review", "examine"})
# Relations with someone are a topic too: "discussed prospects for relations *with Bonn*".
_RELATION_NOUNS = frozenset({"relation", "relations", "tie", "ties", "link", "links"})


def _partners_not_topics(
    match: TriggerMatch, frame: ArgumentFrame, index: MentionIndex
) -> ArgumentFrame:
    """A meeting's targets without the parties named only as what it is about."""
    kept: list[ArgumentActor] = []
    partners: list[ArgumentActor] = []
    discussed = match.token.lemma_.lower() in _DISCUSSING_VERBS
    for arg in frame.targets:
        token = arg.token
        if token.lemma_.lower() in _TOPIC_NOUNS and arg.via in ("modifier", "contained"):
            withs = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"]
            partners += index.resolve_all([o for p in withs for o in prep_objects(p)])
        elif discussed and token.dep_ == "dobj" and token.head.i == match.token.i:
            continue  # "met Erdogan to *discuss Syria*": Syria is the subject discussed
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ == "with"
            and token.head.head.lemma_.lower() in _RELATION_NOUNS
        ):
            continue
        else:
            kept.append(arg)
    if len(kept) == len(frame.targets):
        return frame
    targets = tuple(kept + partners)
    if not targets and len(frame.sources) > 1:
        # "Putin and Erdogan discussed Syria": the two met each other.
        return dataclasses.replace(frame, targets=(), symmetric=True)
    return dataclasses.replace(frame, targets=targets)


def _done_to_a_place(match: TriggerMatch) -> bool:
    """Whether the act is one done to the place where it happens (``_PLACE_TARGET_ROOTS``)."""
    code = match.entry.code
    return code[:2] in _PLACE_TARGET_ROOTS or code[:3] in _PLACE_TARGET_ROOTS


def _where_it_happened(arg: ArgumentActor) -> bool:
    """A side found inside a noun phrase that only says where an attack happened: "condemned
    the bomb attacks on three hotels *in Jordan*". The place is the scene and the victim, not
    the party condemned or addressed (our gold's convention, issue 13: "Jordan is the victim,
    not the target"). Only through an attack: the place of what a state does at home names
    that state ("denounced arrests of journalists *in Venezuela*"); acts done to a place keep
    it (``_PLACE_TARGET_ROOTS``)."""
    token = arg.token
    if token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in _PLACE_KIND_NOUNS:
        token = token.head  # "in the *Israeli* city of Netanya": the city is the place
    prep = token.head
    if not (
        arg.via == "contained"
        and token.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in _PLACE_PREPS
        and (token.lemma_.lower() in _PLACE_KIND_NOUNS or _is_place(arg))
    ):
        return False
    return any(t.lemma_.lower() in _ATTACK_NOUNS for t in prep.ancestors if t.pos_ == "NOUN")


def _mission_targets(verb: Token, index: MentionIndex) -> list[ArgumentActor]:
    """The state whose embassy a protest is held at, as the protest's target."""
    places: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in _AT_PLACE:
            continue
        for obj in prep_objects(prep):
            if obj.lower_ == "front":  # "in front of X"
                places += [p for of in obj.children if of.lower_ == "of" for p in prep_objects(of)]
            else:
                places.append(obj)
    missions = [p for p in places if p.lemma_.lower() in _MISSION_NOUNS]
    return [a for a in index.resolve_all(missions) if a.actor.resolved and a.actor.country]


def _jurisdiction(match: TriggerMatch, index: MentionIndex) -> list[ArgumentActor]:
    """The state an agentless arrest or deportation is done in, as its source: "X was
    arrested *in Niger*" (only a state arrests or deports; PETRARCH-style coders and the PLV
    annotations code the state). Only the passive with no agent, only the acts of
    ``_STATE_ACT_CODES``, and only a place that resolves to a state as a whole."""
    verb = match.token
    if (
        match.is_nominal
        or not match.entry.code.startswith(_STATE_ACT_CODES)
        or not any(c.dep_ == "auxpass" for c in verb.children)
        or any(c.dep_ == "agent" for c in verb.children)
    ):
        return []
    places = [
        p
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for p in prep_objects(prep)
    ]
    states = [
        a
        for a in index.resolve_all(places)
        if a.via == "mention" and a.actor.kind == "state" and a.actor.sector is None
    ]
    return states or _reporting_organ(verb, index)


# Sectors of a state's organs that arrest and deport, and report that they did.
_ARRESTING_SECTORS = frozenset({"COP", "GOV", "MIL", "JUD", "SPY"})
# Unnamed organs that do: "*Police* said two men were arrested".
_ARRESTING_NOUNS = frozenset(
    {"police", "policeman", "authority", "ministry", "army", "military", "prosecutor"}
)


def _reporting_organ(verb: Token, index: MentionIndex) -> list[ArgumentActor]:
    """The state organ that reports an agentless arrest or deportation, as its source:
    "*Police* said two suspects were arrested", "X, a spokesperson for *the National
    Police*, confirmed that two men were detained" (issue 13, sixth round: the police report
    their own arrests; a witness, a party or an NGO reporting one is not its agent). The
    reporter's own words are searched, appositions included, for such an organ."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
        return []
    reporters = [c for c in clause.head.children if c.dep_ == "nsubj"]
    if len(reporters) != 1:
        return []
    for token in reporters[0].subtree:
        arg = index.resolve(token)
        if arg is None or arg.via == "contained":
            continue
        actor = arg.actor
        if actor.resolved and (actor.sector in _ARRESTING_SECTORS or actor.kind == "state"):
            return [arg]
        if not actor.resolved and token.lemma_.lower() in _ARRESTING_NOUNS:
            return [arg]
    return []


def _with_place_target(
    match: TriggerMatch, index: MentionIndex, frame: ArgumentFrame
) -> ArgumentFrame:
    """``frame`` with the place of the act as its target when it has one source and no
    target and the act is one done to a place (see :func:`place_targets`)."""
    if (
        len(frame.sources) != 1
        or not (
            match.entry.code[:2] in _PLACE_TARGET_ROOTS
            or match.entry.code[:3] in _PLACE_TARGET_ROOTS
        )
        or not index.unresolved_actors
        or any(c.dep_ in ("nsubjpass", "auxpass") for c in match.token.children)
    ):
        return frame
    targets = place_targets(match.token, match, index)
    if not targets:
        return frame
    return ArgumentFrame(frame.sources, tuple(targets), False)


def _frame(match: TriggerMatch, index: MentionIndex) -> ArgumentFrame:
    if match.is_nominal:
        return nominal_arguments(match, index)
    return _verbal_arguments(match, index)


def _participle_of_object(
    match: TriggerMatch, doers: list[ArgumentActor], index: MentionIndex
) -> ArgumentFrame:
    """The sides of a passive participle whose object is the noun it modifies: "US sanctions
    *imposed on X*" (the doer is the agent or the noun's owner, the party the entry's
    preposition's), "the accord *reached by X and Y*" (co-agents with no other party act
    together); issue 13."""
    noun = match.token.head
    if not doers:
        doers = index.resolve_all(
            [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        )
    parties = [] if match.prep_token is None else index.resolve_all(prep_objects(match.prep_token))
    if not parties and len(doers) > 1:
        return ArgumentFrame(tuple(doers), (), True, symmetric=True)
    if not parties:
        # "US food aid *pledged* in February", "sanctions *imposed* on the Stalinist state":
        # with no party the noun names a past or background act, not a new one to code.
        return ArgumentFrame((), (), True)
    return ArgumentFrame(tuple(doers), tuple(parties), True)


def _named_as(match: TriggerMatch) -> bool:
    """Whether the entry's object is what the verb's direct object is called *as*: "described
    X and Y *as terrorists*" (then the direct object is the party)."""
    obj = match.object_token
    return (
        obj is not None
        and obj.dep_ == "pobj"
        and obj.head.lower_ == "as"
        and obj.head.head.i == match.token.i
    )


def _passive_patient(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def _verbal_arguments(match: TriggerMatch, index: MentionIndex) -> ArgumentFrame:
    verb = match.token
    direct = True
    subject_toks, passive = subject_tokens(verb)
    if passive:
        sources = index.resolve_all(subject_toks)
        target_toks = _passive_patient(verb)
        if match.entry.prep and match.prep_token is not None:
            target_toks = target_toks + prep_objects(match.prep_token)
        targets = index.resolve_all(target_toks)
        if match.object_token is not None:  # "sanctions were imposed on X": patient is the object
            targets = index.resolve_all(prep_objects(match.prep_token) if match.prep_token else [])
        if not targets and match.entry.target_role != "none":
            # "was returned by US officials *to Spanish authorities*": the patient is a thing.
            for prep in fallback_preps(verb, match):
                targets = index.resolve_all(prep_objects(prep))
                if targets:
                    direct = False
                    break
    else:
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not subject_toks:
            # "troops sent by Russia": the noun is the patient.
            doers = index.resolve_all(agents(verb))
            if match.object_token is not None and match.object_token.i == verb.head.i:
                return _participle_of_object(match, doers, index)
            return ArgumentFrame(tuple(doers), tuple(index.resolve_all([verb.head])), True)
        sources = index.resolve_all(subject_toks)
        targets = []
        if match.prep_token is not None:
            targets = index.resolve_all(prep_objects(match.prep_token))
        if not targets and match.object_token is None and match.entry.target_role != "prep":
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr")]
            targets = index.resolve_all(objects)
        if not targets and match.object_token is None and match.entry.target_role != "prep":
            # "visiting *Malta* to attend …" parsed with Malta as the subject of "to attend":
            # an infinitive has no nominative subject, so the noun is the verb's object.
            targets = index.resolve_all(misparsed_objects(verb))
        if not targets and _named_as(match):
            # "described *X and Y* as terrorists": the one described.
            targets = index.resolve_all([c for c in verb.children if c.dep_ == "dobj"])
        if not targets and match.object_token is not None:
            # "boycott *the meeting*" when the meeting is itself a marked party; "found *X*
            # guilty": the subject of the small clause the entry's object heads; "drop the
            # goal *to join NATO*": the party of the object's infinitive.
            obj = match.object_token
            # The object is itself a party when it names one or is a person or group noun
            # ("released 100 Taliban *prisoners*", "expelled UNSCOM *inspectors*", "killed
            # six *people*"); a thing ("the NATO *goal*") is not.
            # Forces that are sent, withdrawn or mobilized are the mover's own ("withdraw its
            # *troops* from X"), not a party.
            own_forces = (
                obj.lemma_.lower() in FORCE_NOUNS and match.entry.code[:2] in _OWN_FORCE_CODES
            )
            # "raised the number of *American troops* in Iraq": a mobilizer's named forces
            # are its own too; the party is where they go (issue 13).
            movers_forces = own_forces and match.entry.code.startswith("15")
            party = (index.mention_at(obj) is not None and not movers_forces) or (
                index.unresolved_actors and looks_like_actor(obj) and not own_forces
            )
            own = [obj] if party else []
            targets = index.resolve_all([*own, *(c for c in obj.children if c.dep_ == "nsubj")])
            if not targets:
                # "gave *Canada* a deadline", "gave *the Pentagon* permission": the recipient
                # of a double-object verb.
                targets = index.resolve_all(_recipients(verb, obj))
            if not targets:
                # "refused *a request from Modi* to …", "rejected every offer *made by the
                # Taliban* to …", "rejected *Netanyahu's* suggestion that …": the author of
                # the object is the party, before anyone in its clause.
                # The subject's own side is no author ("Zelensky offered to drop *Ukraine's*
                # goal to join NATO": NATO, in the clause, is the party).
                targets = [
                    a
                    for a in index.resolve_all(_authors(obj))
                    if not any(_same_side(a, s) for s in sources)
                ]
            if not targets and index.reaches_inside and not movers_forces:
                # "rejected *the call of the European Parliament*", "refused *a request by
                # X*", "rejected *an Armenian proposal*": whose the object is.
                # The object noun itself is the thing acted on, not a party ("withdraw
                # *troops* from X": one's own troops); a compound names its content, not a
                # party ("drop the *NATO* goal"), while owners and authors ("X's request", "a
                # Russian proposal") and complements ("the call *of* X") are parties.
                found = index.resolve_all([obj])
                targets = [
                    _as_contained(a)
                    for a in found
                    if not (a.via == "unresolved" and a.token == obj)
                    and not (a.via == "modifier" and _is_compound_of(a, obj))
                ]
            for acl in (c for c in obj.children if c.dep_ == "acl"):
                targets = targets or _clause_targets(acl, index)
        if match.entry.target_role == "none":
            return ArgumentFrame(tuple(sources), (), True)
        if not targets:
            for prep in fallback_preps(verb, match):
                targets = index.resolve_all(prep_objects(prep))
                if targets:
                    direct = False
                    if len(sources) > 1 and prep.lower_ in _TOPIC_PREPS:
                        # "X and Y reached a deal *on the Irish border*": the topic of a
                        # joint act (the coder pairs X with Y; for other acts the topic
                        # stays the target, as with a contained one).
                        return ArgumentFrame(
                            tuple(sources), (), False, symmetric=True, inside_targets=tuple(targets)
                        )
                    break
    code = match.entry.code
    if not targets and not passive and code[:2] in _PARTY_IN_CONTROLLED_CLAUSE:
        # "pledged to deepen ties *with Russia*", "refused to meet *Ukraine*": an intention's
        # or a refusal's other party is the one of the controlled clause (whose own event the
        # coder marks intended or negated).
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
            targets = _clause_targets(xcomp, index)
            if targets:
                direct = False
                break
    if not targets and not passive and code[:2] in ADDRESSEE_IN_CLAUSE:
        # "demanded *Ukraine* renounce …", "warned that *Russia* would …": the addressee is
        # the subject of the complement clause.
        for ccomp in (c for c in verb.children if _is_complement_clause(c)):
            targets = index.resolve_all(
                [c for c in ccomp.children if c.dep_ in ("nsubj", "nsubjpass")]
            )
            if targets:
                direct = False
                break
    contact = contact_purpose_head(verb)
    if contact is not None and not targets and not passive:
        # "called Erdogan to apologize": the one contacted is the purpose act's other party.
        targets = index.resolve_all(
            [c for c in contact.children if c.dep_ in ("dobj", "dative", "oprd")]
        )
    if not targets and not passive:
        # "sent experts *to Saudi Arabia* to investigate the attacks": a purpose done where
        # the mover went.
        targets = _destination(verb, index)
        direct = direct and not targets
    if verb.dep_ == "relcl" and not targets and not passive:
        # "the sanctions *that the EU imposed*": the antecedent is the object.
        antecedent = index.resolve_all([verb.head])
        own_subjects = {a.span.start for a in sources}
        if antecedent and all(a.span.start not in own_subjects for a in antecedent):
            targets = antecedent
    if not targets and not passive and _is_refused(verb):
        # "will not lift the embargo *until Cuba* undertakes reforms": a refusal made
        # conditional on another party's act is addressed to that party.
        targets = index.resolve_all(_condition_subjects(verb))
        direct = direct and not targets
    symmetric = not targets and len(sources) > 1
    if symmetric:
        return ArgumentFrame(tuple(sources), (), direct, symmetric=True)
    return ArgumentFrame(tuple(sources), tuple(targets), direct)


def _destination(verb: Token, index: MentionIndex) -> list[ArgumentActor]:
    """The place a motion verb's "to"-infinitive ``verb`` is done in: "sent experts *to
    Saudi Arabia* to investigate", "sent teams *into Libya* in a rush to investigate"."""
    if not is_to_infinitive(verb):
        return []
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "pobj":  # "in a rush to investigate"
        head = head.head.head
    elif verb.dep_ not in ("advcl", "xcomp"):
        return []
    if head.pos_ != "VERB" or head.lemma_.lower() not in _MOTION_VERBS:
        return []
    places: list[Token] = []
    for holder in (head, *(c for c in head.children if c.dep_ == "dobj")):
        for prep in holder.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "into"):
                places.extend(prep_objects(prep))
    return [a for a in index.resolve_all(places) if _is_place(a)]


def _is_complement_clause(clause: Token) -> bool:
    """A clause that says what is demanded, urged or threatened: a ``ccomp``/``xcomp``, or an
    ``advcl`` the parser made of one ("pushing hard *for the government (to) propose* …")."""
    if clause.dep_ in ("ccomp", "xcomp"):
        return True
    marks = [m.lower_ for m in clause.children if m.dep_ == "mark"]
    return clause.dep_ == "advcl" and all(m in ("for", "that") for m in marks)


def _is_refused(verb: Token) -> bool:
    """Whether ``verb`` is negated ("will *not* lift", "will *never* stop")."""
    return any(c.dep_ == "neg" for c in verb.children)


def _condition_subjects(verb: Token) -> list[Token]:
    """The subjects of ``verb``'s "until"/"unless" clauses."""
    return [
        subject
        for clause in verb.children
        if clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in clause.children)
        for subject in clause.children
        if subject.dep_ in ("nsubj", "nsubjpass")
    ]


def place_targets(token: Token, match: TriggerMatch, index: MentionIndex) -> list[ArgumentActor]:
    """The country or region where an act with no other party takes place, as its target:
    "extend the curfew *in Jamaica*", "sent 200 troops *in Syria*", "killed 48 people in two
    attacks *in Afghanistan*" (PETRARCH and the PLOVER annotations code the place acted upon).
    Only a place phrase on the trigger or on its object, only a place (a state or region as a
    whole, not its government), and only for the roots in ``_PLACE_TARGET_ROOTS``."""
    holders = [token]
    holders += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if match.object_token is not None and match.object_token not in holders:
        holders.append(match.object_token)
    # "a ceasefire *effective* from Sunday in Somalia", "a curfew *imposed* in X": the place
    # may hang on the object's adjective or participle.
    holders += [
        c
        for h in holders[1:]
        for c in h.children
        if (c.dep_ == "amod" and c.pos_ == "ADJ") or (c.dep_ == "acl" and c.tag_ == "VBN")
    ]
    if match.is_nominal:
        # "troops remained on *alert* in Manila", "launched *attacks* in Afghanistan": the
        # place phrase often hangs on the verb that carries the noun.
        governor = token.head
        if token.dep_ == "pobj" and governor.lower_ == "on" and governor.dep_ == "prep":
            governor = governor.head
        elif token.dep_ != "dobj":
            governor = token
        if governor is not token and governor.pos_ in ("VERB", "AUX"):
            holders.append(governor)
    if match.entry.code.startswith("07"):
        # Aid is given where its purpose is served: "gave 352 million euros *to promote*
        # development *in Ethiopia*", "funding *to fight* the epidemic *in West Africa*".
        for purpose in _purposes(holders):
            holders += [purpose, *(c for c in purpose.children if c.dep_ == "dobj")]
    preps = _PLACE_PREPS
    if match.entry.code.startswith(_WITHDRAWAL_CODES):
        preps = preps | {"from"}  # "withdrew peacekeepers *from the Golan Heights*"
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps or is_time_phrase(prep):
                continue
            wholes = _wholes(prep_objects(prep))
            found = [a for a in index.resolve_all(wholes) if _is_place(a)]
            found = found or _named_places(wholes)
            if found:
                return found
    return []


def _named_places(tokens: list[Token]) -> list[ArgumentActor]:
    """Named regions the actor dictionary does not hold ("a curfew in *Kashmir*", "strikes
    on *Eastern Ghouta*"), as unresolved places: only here, where a place is what the act is
    done to, is such a name a party; elsewhere a bare region name is never an actor."""
    found: list[ArgumentActor] = []
    for token in tokens:
        if token.ent_type_ not in ("GPE", "LOC") or token.pos_ != "PROPN":
            continue
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if entity is not None and entity.root.i == token.i:
            found.append(ArgumentActor(token, entity, UNRESOLVED, "unresolved"))
    return found


def _purposes(holders: list[Token]) -> list[Token]:
    """The "to"-infinitives of purpose on the trigger or its object."""
    return [
        c
        for holder in holders
        for c in holder.children
        if c.dep_ in ("advcl", "acl", "xcomp") and c.pos_ == "VERB" and is_to_infinitive(c)
    ]


def _wholes(objects: list[Token]) -> list[Token]:
    """Each place phrase's place, through a part of it: "a curfew in *parts of* Kashmir",
    "in *the district of* New Mosul", "in *Maungtaw district*" name Kashmir, New Mosul and
    Maungtaw as the places acted upon."""
    found: list[Token] = []
    for obj in objects:
        found.append(obj)
        if obj.lemma_.lower() not in _PART_NOUNS:
            continue
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                found.extend(prep_objects(child))
            elif child.dep_ == "compound":  # "in *Maungtaw* district"
                found.append(child)
    return found


def _is_place(arg: ArgumentActor) -> bool:
    actor = arg.actor
    if arg.token.ent_type_ not in ("GPE", "LOC"):
        return False
    return not actor.resolved or actor.kind == "region" or actor.sector is None


def _authors(noun: Token) -> list[Token]:
    """Who made ``noun``: its possessor, its "from"/"by" object, or the agent of a participle
    on it ("an offer *made by* X")."""
    # "pledged *his country's* support": a possessor through a pronoun is the subject's side.
    found = [
        c
        for c in noun.children
        if c.dep_ == "poss"
        and c.pos_ != "PRON"
        and not any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
    ]
    if noun.lemma_.lower() in _SPEECH_ACT_NOUNS:
        # "rejected *U.S.* calls", "rejected the *Kirkuk council* decision": on what someone
        # said or decided, a name or institution in the compound is its author (on other
        # nouns a compound names the content: "drop the NATO goal").
        found.extend(
            c
            for c in noun.children
            if c.dep_ == "compound" and (c.ent_type_ in ACTOR_ENTITIES or looks_like_actor(c))
        )
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "from" and noun.lemma_.lower() in _SEPARATIONS:
            continue  # "independence *from Georgia*": what is left, not the author
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            found.extend(prep_objects(child))
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            if child.lemma_.lower() in GO_BETWEEN_VERBS:
                continue  # "a ceasefire *mediated by* Qatar": a go-between, not its author
            found.extend(agents(child))
    return found


def _same_side(a: ArgumentActor, b: ArgumentActor) -> bool:
    """Whether two resolved actors are one side: the same actor, or a state and its own
    government, people or officials."""
    x, y = a.actor, b.actor
    if not (x.resolved and y.resolved):
        return False
    return x.actor_id == y.actor_id or x.country == y.actor_id or y.country == x.actor_id


def _recipients(verb: Token, obj: Token) -> list[Token]:
    """The first object of a double-object verb whose second object is ``obj``: a ``dative``,
    or a ``dobj`` before ``obj`` when ``obj`` hangs on the verb itself (not a conjunct)."""
    if obj.head.i != verb.i:
        return [c for c in verb.children if c.dep_ == "dative"]
    found = [
        c
        for c in verb.children
        if c.dep_ == "dative" or (c.dep_ == "dobj" and c.i < obj.i and c.i != obj.i)
    ]
    if not found and obj.lemma_.lower() in _PERMISSION_NOUNS:
        # "gave *the Pentagon* permission" parsed as one noun phrase (the article belongs to
        # the recipient: "permission" takes none), and "gave approval *for the United
        # Nations* to deliver aid": the one permitted is the recipient.
        if any(c.dep_ == "det" and c.i < obj.i for c in obj.children):
            found = [c for c in obj.children if c.dep_ == "compound"]
        found = found or [
            subject
            for clause in (*verb.children, *obj.children)
            if clause.dep_ == "advcl" and any(m.lower_ == "for" for m in clause.children)
            for subject in clause.children
            if subject.dep_ == "nsubj"
        ]
    return found


def _is_compound_of(arg: ArgumentActor, noun: Token) -> bool:
    root = arg.span.root
    return root.dep_ == "compound" and root.head.i == noun.i


def _as_contained(arg: ArgumentActor) -> ArgumentActor:
    return arg if arg.via == "contained" else dataclasses.replace(arg, via="contained")


def _clause_targets(verb: Token, index: MentionIndex) -> list[ArgumentActor]:
    """The other party of a (controlled) clause: its direct object actor, else the object of a
    target-like preposition on the verb or on its object."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    # "willing to withdraw *its troops*": the subject's own forces are no party; nor is what
    # the clause creates ("agreed to *set up* a strike team", "to *establish* a force").
    creates = verb.lemma_.lower() in _CREATION_VERBS
    if creates:
        objects = [o for o in objects if o.dep_ != "dobj"]  # nor its complements
    found = index.resolve_all(o for o in objects if not _own_forces(o))
    if found:
        return found
    preps = [c for c in verb.children if c.dep_ in ("prep", "dative") and not creates]
    preps += [p for o in objects for p in o.children if p.dep_ == "prep"]
    for name in FALLBACK_TARGET_PREPS:
        for prep in preps:
            if prep.lower_ == name and not _names_time(prep):
                found = index.resolve_all(prep_objects(prep))
                if found:
                    return found
    # "agreed to give up its arsenal in exchange for guarantees *from the US*": the giver or
    # partner deeper in the clause (never inside a clause of its own).
    for token in verb.subtree:
        if token.dep_ == "prep" and token.lower_ in ("from", "with") and _same_clause(token, verb):
            found = index.resolve_all(prep_objects(token))
            if found:
                return found
    return []


def _names_time(prep: Token) -> bool:
    """A time phrase, also when one of its objects is a plain noun ("at 4pm local *time*
    (1300 GMT)")."""
    return is_time_phrase(prep) or any(
        o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children
    )


def _own_forces(noun: Token) -> bool:
    return noun.lemma_.lower() in FORCE_NOUNS and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children
    )


def _same_clause(token: Token, verb: Token) -> bool:
    node = token.head
    while node.i != verb.i:
        if node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return True
