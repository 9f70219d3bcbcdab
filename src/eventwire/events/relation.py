"""Relation-classification mode: the single best event between two marked actors.

``eventwire code`` uses it when an input line gives ``source`` and ``target``; the PLV
evaluation uses it on every devset sentence. The coder runs over the sentence(s) holding the
two spans with exactly those two spans as the actor mentions, and the candidates are ranked:

1. an event whose source lies in the source span and whose target lies in the target span;
2. the same pair reversed (the parse turned the roles round: a passive, a relative clause) —
   the category stands, the roles are given back as marked;
3. an event with one side matching and the other side empty;
4. a trigger on the dependency path between the two spans (nearest the point where the paths
   meet), coded with the two spans as its arguments;
5. the trigger nearest to the stretch of text between the spans.

An intended act is re-coded first as CAMEO codes it, the statement of intent ("X will meet Y"
→ 036 AGREE, "X is willing to withdraw" → 035, "X will attack" → 138 THREATEN; see
``intentions``), which then counts as asserted — except in a purpose clause ("sent funds *to
fight* the epidemic", "launched operations *to detain* suspects"), which states why, not a
promise. A negated cooperative act is re-coded as its refusal ("will not lift the embargo" →
1244 REJECT, "failed to reach agreement" → 127), which then counts as asserted. A contact whose
"to"-infinitive says what was done ("called Erdogan *to apologize*") yields to that act: the
call is the vehicle, the apology the relation. Within a rank, asserted events come first,
then a trigger on the path, then confidence. The returned event carries the marked spans as
source and target, and its confidence is the event's confidence times the rank factor (1.0,
0.85, 0.7, 0.55, 0.4: each step down is a weaker syntactic link). None when the sentence has
no trigger at all.

>>> classify_relation(doc, doc[0:3], doc[5:7]).plover.category   # doctest: +SKIP
'ACCUSE'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..actors.model import UNRESOLVED, Actor
from .coder import EventCandidate, EventCoder
from .modality.intentions import as_statement, in_purpose_clause
from .model import Event
from .sides.clause import contact_purpose_head
from .sides.mentions import ArgumentActor, MentionIndex, actor_ref
from .triggers.matching import TriggerMatch, find_triggers

__all__ = ["RANK_FACTORS", "classify_relation", "default_relation_coder"]

RANK_FACTORS = (1.0, 0.85, 0.7, 0.55, 0.4)
_default_coder: EventCoder | None = None


def default_relation_coder() -> EventCoder:
    """An ``EventCoder`` over the shipped lexicon, built once per process."""
    global _default_coder
    if _default_coder is None:
        from .coder import load_registered_lexicon

        _default_coder = EventCoder(load_registered_lexicon("eventwire.lexicon.default.v1"))
    return _default_coder


def classify_relation(
    doc: Doc,
    source_span: Span | None,
    target_span: Span | None,
    coder: EventCoder | None = None,
) -> Event | None:
    """The single best event from ``source_span`` to ``target_span``, or None (ranks above).

    A side given as None is implicit (the sentence does not name it): any actor, or none, may
    fill it, and the event reports that side as None.
    """
    if source_span is None and target_span is None:
        return None
    base = coder or default_relation_coder()
    relaxed = EventCoder(
        base.lexicon,
        base.ontology,
        dataclasses.replace(base.options, require_source_and_target=False),
    )
    marked = [s for s in (source_span, target_span) if s is not None]
    actors = {(s.start, s.end): _actor_for(doc, s) for s in marked}
    index = MentionIndex(doc, marked, actors=actors)
    source_arg = _argument(source_span, actors)
    target_arg = _argument(target_span, actors)
    lo = min(s.start for s in marked)
    hi = max(s.end for s in marked)
    sentences = [
        (number, sent) for number, sent in enumerate(doc.sents) if sent.start < hi and sent.end > lo
    ]
    path = (
        _path_tokens(source_span.root, target_span.root)
        if source_span is not None and target_span is not None
        else [marked[0].root.i, *(t.i for t in marked[0].root.ancestors)]
    )
    ranked: list[tuple[tuple[int, int, int, float], Event]] = []
    for number, sent in sentences:
        candidates = relaxed.code_sentence(doc, sent, number, index)
        vehicles = _contact_vehicles(candidates)
        for candidate in candidates:
            rank = _rank(candidate, source_span, target_span, index)
            if (
                rank is not None
                and candidate.match is not None
                and candidate.match.token.i in vehicles
            ):
                continue
            if rank is not None:
                event = _as_statement(candidate.event, relaxed, candidate.match)
                ranked.append((_key(rank, event, candidate.match, path), event))
        coded = {c.match.token.i for c in candidates if c.match is not None}
        for match in find_triggers(sent, relaxed.lexicon):
            if match.token.i in coded or _inside(match.token, *marked):
                continue
            rank = 3 if match.token.i in path else 4
            built = relaxed.build_event(
                doc, sent, number, match, source_arg, target_arg, index, direct=False
            )
            if built is not None:
                event = _as_statement(built, relaxed, match)
                key = _key(rank, event, match, path, distance=_distance(match.token, lo, hi))
                ranked.append((key, event))
    if not ranked:
        return None
    ranked.sort(key=lambda item: item[0])
    (rank, *_), best = ranked[0]
    return dataclasses.replace(
        best,
        source=actor_ref(source_arg),
        target=actor_ref(target_arg),
        confidence=round(best.confidence * RANK_FACTORS[rank], 3),
    )


def _as_statement(event: Event, coder: EventCoder, match: TriggerMatch | None) -> Event:
    purpose = match is not None and in_purpose_clause(match.token)
    return as_statement(event, coder.ontology, purpose_clause=purpose)


def _contact_vehicles(candidates: Sequence[EventCandidate]) -> set[int]:
    """Trigger tokens of contacts ("called X") whose "to"-infinitive is itself an event."""
    vehicles: set[int] = set()
    for candidate in candidates:
        if candidate.match is None:
            continue
        head = contact_purpose_head(candidate.match.token)
        if head is not None:
            vehicles.add(head.i)
    return vehicles


def _argument(span: Span | None, actors: dict[tuple[int, int], Actor]) -> ArgumentActor | None:
    if span is None:
        return None
    return ArgumentActor(span.root, span, actors[(span.start, span.end)], "mention")


def _actor_for(doc: Doc, span: Span) -> Actor:
    if isinstance(span._.actor, Actor):
        return span._.actor
    for mention in doc._.actor_mentions:
        if mention.start < span.end and span.start < mention.end:
            actor = mention._.actor
            if isinstance(actor, Actor):
                return actor
    return UNRESOLVED


def _within(ref_start: int | None, span: Span | None) -> bool:
    if span is None:
        return True  # an implicit side accepts whatever the parse found
    return ref_start is not None and span.start_char <= ref_start < span.end_char


def _rank(
    candidate: EventCandidate,
    source_span: Span | None,
    target_span: Span | None,
    index: MentionIndex,
) -> int | None:
    source = _side_start(candidate.source, index)
    target = _side_start(candidate.target, index)
    if _within(source, source_span) and _within(target, target_span):
        return 0
    if _within(source, target_span) and _within(target, source_span):
        return 1
    if (_within(source, source_span) and target is None) or (
        source is None and _within(target, target_span)
    ):
        return 2
    return None


def _side_start(arg: ArgumentActor | None, index: MentionIndex) -> int | None:
    """Where an argument's actor is mentioned: a pronoun counts at its antecedent ("Rivals …
    said *they* will boycott" has the marked rivals as the boycott's source)."""
    if arg is None:
        return None
    if arg.via == "pronoun":
        antecedent = index.antecedent(arg.token)
        if antecedent is not None:
            return antecedent.start_char
    return arg.span.start_char


def _key(
    rank: int,
    event: Event,
    match: TriggerMatch | None,
    path: Sequence[int],
    distance: int = 0,
) -> tuple[int, int, int, float]:
    on_path = match is not None and match.token.i in path
    return (rank, event.modality != "asserted", distance - 1000 * on_path, -event.confidence)


def _path_tokens(a: Token, b: Token) -> list[int]:
    """Token indices on the dependency path from ``a`` to ``b`` (through their lowest common
    ancestor), in order from ``a``; the ancestor is where the path turns."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = [t.i for t in up_b]
    for position, token in enumerate(up_a):
        if token.i in ids_b:
            cut = ids_b.index(token.i)
            return [t.i for t in up_a[: position + 1]] + list(reversed(ids_b[:cut]))
    return [t.i for t in up_a] + [t.i for t in up_b]


def _inside(token: Token, *spans: Span) -> bool:
    return any(span.start <= token.i < span.end for span in spans)


def _distance(token: Token, lo: int, hi: int) -> int:
    if lo <= token.i < hi:
        return 0
    return min(abs(token.i - lo), abs(token.i - (hi - 1)))
