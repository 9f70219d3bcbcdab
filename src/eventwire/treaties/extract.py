"""Treaty updates from a processed Doc: lifecycle steps, obligations and proposals, with sources.

Reads ``doc._.actor_mentions`` (parties), ``doc._.timexes`` (dates), ``doc._.article_date`` and
``doc._.doc_id`` (see ``eventwire.nlp.extensions``). Per sentence:

1. **Treaty mentions**: a known treaty's name or alias ("the Budapest Memorandum"); a treaty
   noun ("treaty", "pact", "agreement", "guarantees"…) typed by its modifiers ("mutual defense
   agreement" → mutual defence); "the treaty"/"the agreement" referring back to the agreement
   named before in the document; an organisation a treaty founds (NATO), for membership steps.
2. **What the sentence says of it**: walking up the parse from the mention (and into a relative
   clause: "the treaty they signed in June") to the first trigger — a lifecycle verb or phrase
   ("signed", "comes into force", "exchanged ratification documents", "withdraw from"), an
   offer or proposal ("offered to drop … in exchange for security guarantees": a *proposal*),
   or a verb of obligation ("obligates both states to provide military assistance"). A step is
   kept only when asserted (a finite verb, not negated: "will sign", "to sign" are not steps).
   The walk stops at a reporting verb: "…, KCNA said Thursday" dates the report, not the treaty.
3. **Parties**: the actors in the trigger's and the mention's clauses (news media left out);
   with fewer than two, the sentence's actors; with none, those of the agreement referred to.
4. **Date**: the nearest time expression in the trigger's clause (up to ``MAX_DATE_STEPS``
   heads up, never across a reporting verb); without one, the article date as ``ON_OR_BEFORE``.

Mentions of one agreement in a document share a ``local_key``; each group is then matched to
the known treaties (``match_treaty``: parties, type and compatible dates) and carries that
``treaty_id``, or None when it is a treaty the base does not know (a proposal, a new pact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..actors.model import Actor
from .cues import (
    ANAPHORIC_DETERMINERS,
    ASPIRATION_NOUNS,
    FINITE_TAGS,
    FIRMNESS_CUES,
    MAX_DATE_STEPS,
    MEMBERSHIP_TRIGGERS,
    NOUN_TYPES,
    OBLIGATION_CUES,
    OBLIGATION_VERBS,
    PROPOSAL_NOUNS,
    PROPOSAL_VERBS,
    SPEECH_VERBS,
    STEP_PHRASES,
    STEP_VERBS,
    TREATY_NOUNS,
    TYPE_CUES,
    TYPED_ONLY_NOUNS,
)
from .dates import UNKNOWN_DATE, make_step, timex_interval
from .matching import match_treaty, types_compatible
from .model import (
    Firmness,
    Obligation,
    ObligationKind,
    Source,
    StepKind,
    Treaty,
    TreatyStep,
    TreatyType,
    TreatyUpdate,
)

__all__ = ["extract_treaty_updates"]

# How far up the parse the trigger of a mention is looked for: "guarantees ← for ← exchange ←
# in ← join ← goal ← drop ← offered" is seven heads (the parser hangs "in exchange for" on the
# nearest verb); beyond eight the verb is about something else.
_MAX_TRIGGER_STEPS = 8
_MEDIA_SECTORS = frozenset({"MED"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall"})
_PERFECT_AUX = frozenset({"have", "be"})
_MUTUAL_WORDS = frozenset({"both", "each", "other", "mutual", "mutually", "jointly"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl"})


@dataclass
class _Cluster:
    """The mentions of one agreement in a document (mutable while the document is read)."""

    key: str
    treaty_type: TreatyType | None
    parties: set[str] = field(default_factory=set)
    treaty_id: str | None = None
    antecedent: bool = True  # False for an organisation: "the treaty" does not refer to NATO


@dataclass(frozen=True)
class _Mention:
    span: Span
    treaty_type: TreatyType | None
    anaphoric: bool
    treaty_id: str | None = None  # named by alias, or an organisation a treaty founds
    organisation: bool = False


def extract_treaty_updates(
    doc: Doc, treaties: Sequence[Treaty] | None = None
) -> tuple[TreatyUpdate, ...]:
    """The treaty updates one processed Doc contains, in text order, matched to ``treaties``
    (default: the shipped base)."""
    if treaties is None:
        from .base import load_base

        treaties = load_base()
    article_date: date | None = doc._.article_date
    actors = _actor_index(doc)
    timexes = _timex_index(doc)
    clusters: list[_Cluster] = []
    updates: list[TreatyUpdate] = []
    # Hashing the treaty tuple for the caches is itself costly: once per document.
    aliases = _alias_index(tuple(treaties))
    organisations = _organisations(treaties)
    nouns = _treaty_noun_index(doc)
    for sent in doc.sents:
        for mention in _mentions(sent, aliases, organisations, actors, nouns):
            cluster = _cluster_for(mention, sent, actors, clusters)
            if cluster is None:
                continue
            updates.extend(_updates_for(mention, cluster, sent, doc, actors, timexes, article_date))
    keyed = {c.key: c for c in clusters}
    return tuple(_matched(updates, keyed, treaties))


# --- indexes over the Doc ---------------------------------------------------------------------


def _party_code(actor: Actor | None) -> str | None:
    if actor is None or not actor.resolved or actor.sector in _MEDIA_SECTORS:
        return None
    if actor.kind == "igo":
        return actor.actor_id
    if actor.kind in ("group",) and actor.country is None:
        return None
    return actor.country or (actor.actor_id if actor.kind == "state" else None)


def _actor_index(doc: Doc) -> dict[int, tuple[Span, str]]:
    """Token index → (actor span, party code) for every token of a resolved actor mention."""
    index: dict[int, tuple[Span, str]] = {}
    for span in doc._.actor_mentions:
        code = _party_code(span._.actor)
        if code is not None:
            for i in range(span.start, span.end):
                index[i] = (span, code)
    return index


def _timex_index(doc: Doc) -> dict[int, Span]:
    """Token index → time expression span, for expressions that are calendar dates."""
    index: dict[int, Span] = {}
    for span in doc._.timexes:
        if span._.timex is not None and timex_interval(span._.timex.value) is not None:
            for i in range(span.start, span.end):
                index[i] = span
    return index


def _treaty_noun_index(doc: Doc) -> frozenset[int]:
    """Indexes of the tokens that are treaty nouns ("agreement", "pact"): nouns or proper
    nouns whose lower-cased lemma is in ``TREATY_NOUNS``. Read from the Doc's arrays once per
    Doc, so that :func:`_mentions` builds no Token for the other words (issue 7)."""
    if not len(doc):
        return frozenset()
    strings = doc.vocab.strings
    nominal = {strings["NOUN"], strings["PROPN"]}  # the part-of-speech symbols' ids
    known: dict[int, bool] = {}
    found = set()
    for i, (pos, lemma) in enumerate(doc.to_array(["POS", "LEMMA"]).tolist()):
        if pos not in nominal:
            continue
        verdict = known.get(lemma)
        if verdict is None:
            verdict = known[lemma] = strings[lemma].lower() in TREATY_NOUNS
        if verdict:
            found.add(i)
    return frozenset(found)


# --- mentions ---------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _alias_patterns(treaties: tuple[Treaty, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    found = []
    for treaty in treaties:
        for alias in sorted((treaty.name, *treaty.aliases), key=len, reverse=True):
            words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", alias))
            found.append((re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE), treaty.treaty_id))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class _AliasIndex:
    """The alias patterns, and for each the longest word it cannot match without: a maximal
    run of word characters of an alias is one of the text it matches, so a sentence none of
    whose words is such a key holds no alias. Most sentences hold none; trying every pattern
    on each sentence took 7 s of 300 Gigaword articles."""

    patterns: tuple[tuple[re.Pattern[str], str], ...]
    keys: frozenset[str]

    def candidates(self, text: str) -> tuple[tuple[re.Pattern[str], str], ...]:
        if self.keys.isdisjoint(_WORD.findall(text.lower())):
            return ()
        return self.patterns


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _alias_index(treaties: tuple[Treaty, ...]) -> _AliasIndex:
    keys = set()
    for treaty in treaties:
        for alias in (treaty.name, *treaty.aliases):
            keys.add(max(_WORD.findall(alias.lower()), key=len, default=alias.lower()))
    return _AliasIndex(_alias_patterns(treaties), frozenset(keys))


def _organisations(treaties: Sequence[Treaty]) -> dict[str, str]:
    return {t.organisation: t.treaty_id for t in treaties if t.organisation}


def _mentions(
    sent: Span,
    aliases: _AliasIndex,
    organisations: dict[str, str],
    actors: dict[int, tuple[Span, str]],
    nouns: frozenset[int],
) -> Iterable[_Mention]:
    """The treaty mentions of ``sent``: aliases, organisations that a treaty founds, and
    treaty nouns (``nouns``: :func:`_treaty_noun_index`)."""
    doc = sent.doc
    taken: set[int] = set()
    # Span.text rebuilds the string from its tokens on every access: read it once per sentence
    # (with it inside the loop, this function took 15% of the pipeline's time; issue 7).
    text = sent.text
    for pattern, treaty_id in aliases.candidates(text):
        for m in pattern.finditer(text):
            span = doc.char_span(
                sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"
            )
            if span is None or taken & set(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            yield _Mention(span=span, treaty_type=None, anaphoric=False, treaty_id=treaty_id)
    for i in range(sent.start, sent.end):
        if i in taken:
            continue
        held = actors.get(i)
        if held is not None and held[1] in organisations and i == held[0].root.i:
            taken.update(range(held[0].start, held[0].end))
            yield _Mention(
                span=held[0],
                treaty_type="membership",
                anaphoric=False,
                treaty_id=organisations[held[1]],
                organisation=True,
            )
            continue
        if i not in nouns:
            continue
        mention = _noun_mention(doc[i])
        if mention is not None and not any(
            actors.get(t.i, (None, ""))[1] in organisations for t in mention.span
        ):  # "the NATO military alliance" is the organisation, mentioned above
            yield mention


def _noun_mention(token: Token) -> _Mention | None:
    lemma = token.lemma_.lower()
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    words = [c.lemma_.lower() for c in left] + [c.text.lower() for c in left]
    treaty_type = NOUN_TYPES.get(lemma)
    for i in range(len(left) - 1):
        pair = f"{left[i].lemma_.lower()} {left[i + 1].lemma_.lower()}"
        treaty_type = TYPE_CUES.get(pair, treaty_type)
    for word in words:
        if treaty_type is None and word in TYPE_CUES:
            treaty_type = TYPE_CUES[word]
    if treaty_type is None and any(w.startswith("article") for w in words):
        treaty_type = "security_guarantee"  # "Article 5-like guarantees"
    dets = {c.lower_ for c in token.lefts if c.dep_ in ("det", "poss")}
    anaphoric = bool(dets & ANAPHORIC_DETERMINERS) and not any(
        c.dep_ == "prep" for c in token.rights
    )
    if treaty_type is None and lemma in TYPED_ONLY_NOUNS and not anaphoric:
        return None
    start = min([token.i, *(t.i for c in left for t in c.subtree)])
    start = min([start, *(c.i for c in token.lefts if c.dep_ == "det")])
    return _Mention(
        span=token.doc[start : token.i + 1], treaty_type=treaty_type, anaphoric=anaphoric
    )


# --- clusters (which agreement a mention is) --------------------------------------------------


def _clause_parties(
    tokens: Iterable[Token], actors: dict[int, tuple[Span, str]], *, organisations: bool = False
) -> set[str]:
    codes = set()
    for token in tokens:
        held = actors.get(token.i)
        if held is not None and (organisations or not held[1].startswith("IGO-")):
            codes.add(held[1])
    return codes


def _outside_reporting(sent: Span) -> list[Token]:
    """The sentence's tokens, without the reporting clause ("…, KCNA news agency said")."""
    speech = [t for t in sent if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]
    if not speech:
        return list(sent)
    keep: set[int] = set()
    for verb in speech:
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp", "parataxis", "advcl"):
                keep.update(t.i for t in child.subtree)
    if not keep:
        return list(sent)
    return [t for t in sent if t.i in keep]


def _cluster_for(
    mention: _Mention, sent: Span, actors: dict[int, tuple[Span, str]], clusters: list[_Cluster]
) -> _Cluster | None:
    if mention.treaty_id is not None:
        key = f"known:{mention.treaty_id}"
        for cluster in clusters:
            if cluster.key == key:
                return cluster
        cluster = _Cluster(
            key=key,
            treaty_type=None,
            treaty_id=mention.treaty_id,
            antecedent=not mention.organisation,
        )
        clusters.append(cluster)
        return cluster
    own = _clause_parties(mention.span.root.subtree, actors)
    if mention.anaphoric and not own:
        for cluster in reversed([c for c in clusters if c.antecedent]):
            if (
                mention.treaty_type is None
                or cluster.treaty_type is None
                or types_compatible(mention.treaty_type, cluster.treaty_type)
            ):
                return cluster
        if mention.treaty_type is None and mention.span.root.lemma_.lower() in TYPED_ONLY_NOUNS:
            return None  # "the agreement" with nothing before it: which one is unknowable
    parties = own or _clause_parties(_outside_reporting(sent), actors)
    for cluster in reversed(clusters):
        if cluster.treaty_id is not None or cluster.treaty_type is None:
            continue
        if not types_compatible(cluster.treaty_type, mention.treaty_type):
            continue
        if parties <= cluster.parties:
            return cluster
    cluster = _Cluster(key=f"c{len(clusters)}", treaty_type=mention.treaty_type, parties=parties)
    clusters.append(cluster)
    return cluster


# --- triggers ---------------------------------------------------------------------------------


def _asserted(verb: Token) -> bool:
    children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")}
    if children & _MODALS or any(c.dep_ == "neg" for c in verb.children):
        return False
    if verb.tag_ in FINITE_TAGS:
        return True
    return verb.tag_ == "VBN" and any(
        c.lemma_.lower() in _PERFECT_AUX for c in verb.children if c.dep_ in ("aux", "auxpass")
    )


def _phrase_step(verb: Token) -> StepKind | None:
    lemma = verb.lemma_.lower()
    near = {t.lemma_.lower() for c in verb.children for t in (c, *c.children)}
    for (head, word), kind in STEP_PHRASES.items():
        if lemma == head and word in near:
            return kind
    return None


@dataclass(frozen=True)
class _Trigger:
    token: Token
    what: str  # "step" | "proposal" | "obligation"
    kind: StepKind | None = None


def _trigger(mention: _Mention) -> _Trigger | None:
    root = mention.span.root
    if not mention.organisation:
        for child in root.children:  # "the treaty they signed in June"
            if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB":
                found = _as_trigger(child, mention, root)
                if found is not None:
                    return found
    token = root
    in_exchange = False  # "… in exchange for security guarantees": what the offer asks for
    for _ in range(_MAX_TRIGGER_STEPS):
        if token.head.i == token.i:
            return None
        child, token = token, token.head
        lemma = token.lemma_.lower()
        if lemma in SPEECH_VERBS and token.pos_ == "VERB":
            return None
        in_exchange = in_exchange or (lemma == "exchange" and token.head.lower_ == "in")
        if lemma in ASPIRATION_NOUNS and not in_exchange:
            return None  # "aspirations to join NATO": a wish, not a step
        found = _as_trigger(token, mention, child)
        if found is not None:
            return found if found.what != "none" else None
    return None


def _as_trigger(token: Token, mention: _Mention, child: Token) -> _Trigger | None:
    lemma = token.lemma_.lower()
    if mention.organisation:
        kind = MEMBERSHIP_TRIGGERS.get(lemma)
        if kind is None or token.pos_ != "VERB":
            return None
        return _Trigger(token, "step", kind) if _asserted(token) else _Trigger(token, "none")
    if (token.pos_ == "VERB" and lemma in PROPOSAL_VERBS) or (
        token.pos_ == "NOUN" and lemma in PROPOSAL_NOUNS
    ):
        return _Trigger(token, "proposal", "proposed")
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if lemma in OBLIGATION_VERBS and child.dep_ in ("nsubj", "nsubjpass"):
        return _Trigger(token, "obligation")
    kind = _phrase_step(token) or STEP_VERBS.get(lemma)
    if kind is None:
        return None
    return _Trigger(token, "step", kind) if _asserted(token) else _Trigger(token, "none")


# --- updates ----------------------------------------------------------------------------------


def _source(sent: Span, trigger: Token, mention: _Mention, article_date: date | None) -> Source:
    doc = sent.doc
    return Source(
        doc_id=doc._.doc_id,
        sentence=sent.text,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        trigger=(trigger.idx, trigger.idx + len(trigger.text)),
        mention=(mention.span.start_char, mention.span.end_char),
        article_date=article_date,
    )


def _updates_for(
    mention: _Mention,
    cluster: _Cluster,
    sent: Span,
    doc: Doc,
    actors: dict[int, tuple[Span, str]],
    timexes: dict[int, Span],
    article_date: date | None,
) -> list[TreatyUpdate]:
    trigger = _trigger(mention)
    if trigger is None or trigger.what == "none":  # "none": a step that is not asserted
        return []
    clause = {t.i: t for t in (*trigger.token.subtree, *mention.span.root.subtree)}
    parties = _clause_parties(clause.values(), actors)
    if len(parties) < 2 and not mention.organisation and trigger.what != "proposal":
        parties |= _clause_parties(_outside_reporting(sent), actors)
    if not parties and not mention.organisation:
        parties = set(cluster.parties)
    if cluster.treaty_id is None and (not mention.anaphoric or not cluster.parties):
        cluster.parties |= parties
    source = _source(sent, trigger.token, mention, article_date)
    base = TreatyUpdate(
        doc_id=doc._.doc_id,
        local_key=cluster.key,
        mention=mention.span.text,
        treaty_type=cluster.treaty_type or mention.treaty_type,
        parties=tuple(sorted(parties)),
        source=source,
        treaty_id=cluster.treaty_id,
    )
    if trigger.what == "obligation":
        return [replace(base, obligation=o) for o in _obligations(trigger.token, source)]
    assert trigger.kind is not None
    step = _dated_step(trigger, mention, timexes, article_date, source, actors)
    if step is None:
        return []
    if trigger.what == "proposal":
        proposer = _proposer(trigger.token, actors)
        return [replace(base, step=step, proposer=proposer, terms=_terms(trigger.token, mention))]
    if mention.organisation:  # a membership step: the member is the party
        return [replace(base, step=step, parties=(step.party,) if step.party else ())]
    found = [replace(base, step=step)]
    for linked in _linked_steps(trigger.token):
        # "has gone into effect after the two sides exchanged ratification documents"
        source = _source(sent, linked.token, mention, article_date)
        extra = _dated_step(linked, mention, timexes, article_date, source, actors)
        if extra is not None:
            found.append(replace(base, step=extra, source=source))
    return found


def _linked_steps(verb: Token) -> list[_Trigger]:
    """Steps in clauses hanging from a step's verb (``advcl``, ``conj``) about the same treaty."""
    linked = []
    for child in verb.children:
        if child.dep_ in ("advcl", "conj") and child.pos_ == "VERB":
            if any(t.lemma_.lower() in TREATY_NOUNS for t in child.subtree):
                continue  # the clause names its own agreement; it is read on its own
            kind = _phrase_step(child) or STEP_VERBS.get(child.lemma_.lower())
            if kind is not None and _asserted(child):
                linked.append(_Trigger(child, "step", kind))
    return linked


def _dated_step(
    trigger: _Trigger,
    mention: _Mention,
    timexes: dict[int, Span],
    article_date: date | None,
    source: Source,
    actors: dict[int, tuple[Span, str]],
) -> TreatyStep | None:
    assert trigger.kind is not None
    party = None
    if mention.organisation:  # "Finland joined NATO": the subject's membership
        subjects = [c for c in trigger.token.children if c.dep_ in ("nsubj", "nsubjpass")]
        codes = _clause_parties((t for s in subjects for t in s.subtree), actors)
        if len(codes) != 1:
            return None
        party = codes.pop()
    span = _date_of(trigger.token, timexes)
    if span is not None:
        timex = span._.timex
        return make_step(trigger.kind, timex.value, mod=timex.mod, party=party, source=source)
    if article_date is None:  # an undated article: the step is reported, its date unknown
        return make_step(trigger.kind, UNKNOWN_DATE, party=party, source=source)
    return make_step(
        trigger.kind, article_date.isoformat(), mod="ON_OR_BEFORE", party=party, source=source
    )


def _date_of(trigger: Token, timexes: dict[int, Span]) -> Span | None:
    token = trigger
    for _ in range(MAX_DATE_STEPS):
        found = [timexes[t.i] for t in token.subtree if t.i in timexes]
        if found:
            return min(found, key=lambda s: abs(s.root.i - trigger.i))
        if token.head.i == token.i or (
            token.head.lemma_.lower() in SPEECH_VERBS and token.head.pos_ == "VERB"
        ):
            return None
        token = token.head
    return None


def _proposer(trigger: Token, actors: dict[int, tuple[Span, str]]) -> str | None:
    heads = [c for c in trigger.children if c.dep_ in ("nsubj", "poss")]
    codes = _clause_parties((t for h in heads for t in h.subtree), actors)
    return sorted(codes)[0] if len(codes) == 1 else None


def _terms(trigger: Token, mention: _Mention) -> str | None:
    """What the proposer offers in exchange: the offer's clause without the agreement asked for
    ("drop Ukraine's goal to join NATO")."""
    clause = [c for c in trigger.children if c.dep_ in ("xcomp", "acl", "ccomp")]
    if not clause:
        return None
    exclude = {t.i for t in mention.span.root.subtree}
    for token in clause[0].subtree:
        if token.lower_ == "exchange" and token.head.lower_ == "in":
            exclude.update(t.i for t in token.head.subtree)
    words = [t for t in clause[0].subtree if t.i not in exclude]
    text = "".join(t.text_with_ws for t in words).strip()
    return text or None


def _obligations(verb: Token, source: Source) -> list[Obligation]:
    clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")]
    found: list[Obligation] = []
    for clause in clauses or [verb]:
        lemmas = {t.lemma_.lower() for t in clause.subtree}
        kind: ObligationKind | None = next(
            (k for cues, k in OBLIGATION_CUES if cues & lemmas), None
        )
        if kind is None or any(o.kind == kind for o in found):
            continue
        context = lemmas | {verb.lemma_.lower()} | {t.lower_ for t in verb.children}
        firmness: Firmness = next((f for cues, f in FIRMNESS_CUES if cues & context), "binding")
        if kind == "consultation" and firmness == "binding":
            firmness = "consult"
        mutual = bool(context & _MUTUAL_WORDS) or bool(
            {t.lower_ for t in verb.subtree} & _MUTUAL_WORDS
        )
        summary = "".join(t.text_with_ws for t in clause.subtree).strip()
        found.append(
            Obligation(
                kind=kind,
                firmness=firmness,
                summary=summary if mutual else f"{summary} (who protects whom not stated)",
                source=source,
            )
        )
    return found


# --- matching each agreement of the document to the known treaties ---------------------------


def _matched(
    updates: list[TreatyUpdate], clusters: dict[str, _Cluster], treaties: Sequence[Treaty]
) -> Iterable[TreatyUpdate]:
    by_key: dict[str, list[TreatyUpdate]] = {}
    for update in updates:
        by_key.setdefault(update.local_key, []).append(update)
    resolved: dict[str, str | None] = {}
    for key, group in by_key.items():
        cluster = clusters[key]
        if cluster.treaty_id is not None:
            resolved[key] = cluster.treaty_id
            continue
        parties = cluster.parties | {p for u in group for p in u.parties}
        steps = [u.step for u in group if u.step is not None]
        found = match_treaty(
            treaties, parties=sorted(parties), treaty_type=cluster.treaty_type, steps=steps
        )
        resolved[key] = None if found is None else found.treaty_id
    for update in updates:
        treaty_id = resolved.get(update.local_key)
        yield update if treaty_id == update.treaty_id else replace(update, treaty_id=treaty_id)
