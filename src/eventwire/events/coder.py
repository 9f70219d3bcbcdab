"""The event coder: a spaCy component that turns parsed sentences into ``Event`` values.

For each sentence it finds triggers from the lexicon (``triggers``), their source and target
actors in the dependency parse (``arguments``), the modality and attribution (``modality``),
a date and a place (``attachment``) and a confidence (``confidence``); it also finds direct
quotations and their speakers (``quotes``) and the denial of a claim ("a claim Pyongyang has
called "absurd"") as the denier's own event.

Policies, each a decision an analyst may want to know:

* **One event per actor pair.** Coordinated sources or targets multiply out ("The US and South
  Korea accused the North" → USA→PRK and KOR→PRK).
* **Joint actions.** "X and Y signed the treaty" (coordinated subject, no target) and "talks
  between X and Y" give one event per unordered pair, source = the actor named first, unless
  ``symmetric_both_directions`` is set (then also Y→X, as some CAMEO coders do). One event
  keeps counts of a single signing honest.
* **Self-events are skipped** (same actor on both sides) unless the CAMEO code is listed in
  ``self_event_codes``.
* **At least one actor.** A trigger with neither a source nor a target actor is not coded.
* **Codes PLOVER dropped** (CAMEO 010–014, 017, "make statement"…) give no event unless the
  lexicon entry overrides the PLOVER category: the ``Event`` contract requires a category.
* **Denials.** The dismissed event keeps its own modality (alleged, with the accusers as
  attribution; or denied, for "X denied Z-ing"); the denier gets its own event, CAMEO
  ``denial_code`` (016 "Deny responsibility", PLOVER ``denial_plover`` REJECT as the PLOVER
  manual suggests for 016) against each accuser — unless the lexicon already codes the word.
* **Statements to the press are not consultations**: a CONSULT event whose target is a news
  outlet ("speaking to the German public radio", sector MED) is not emitted.
* **Reported demands and accusations** ("X said Y must …", "X said Y was responsible"): see
  ``reported``. **Dates of later dating mentions** ("The rare call took place on November
  27") refine earlier events: see ``coreference``.
* **Attribution of several accusers** is one ``Attribution`` whose text spans the accusers and
  whose code joins their codes with ";" ("USA;KOR").

>>> nlp.add_pipe("eventwire_coder")          # doctest: +SKIP
>>> [(e.source.code, e.cameo, e.target.code) for e in nlp(text)._.events]   # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors.kb import KnowledgeBase
from ..actors.model import Actor
from ..errors import UnknownCameoCode
from ..nlp.extensions import register_extensions
from .dating.attachment import attach_date, lies_ahead, reaches_past
from .dating.coreference import propagate_dates, repeated_mention_dates
from .dating.narrative import story_time_dates
from .modality.cues import assess_modality, find_denials
from .modality.forecasts import is_forecast_warning, predicted_by_another
from .modality.intentions import as_statement, in_purpose_clause
from .modality.quotes import DEFAULT_MIN_WORDS, Quote, attribute_quotes, doc_text, forget_doc_text
from .model import Attribution, Event, EventDate, Modality, Plover, Trigger
from .ontology import PLOVER_CATEGORIES, Ontology, load_ontology
from .placing import attach_location, dateline_location, fallback_location
from .scoring.calibration import (
    countries_in,
    country_mentions,
    event_features,
    load_confidence_model,
)
from .scoring.confidence import ConfidenceWeights, event_confidence
from .scoring.relevance import is_habitual, load_offtopic_cues, not_an_event
from .sides.arguments import find_arguments
from .sides.mentions import ArgumentActor, MentionIndex, actor_ref
from .sides.story import answer_accusers, place_unnamed_sides
from .triggers.conventions import code_for_sides, is_sanctioned_third_party
from .triggers.matching import LexiconLike, TriggerMatch, find_triggers
from .triggers.reported import find_reported_events

__all__ = [
    "DEFAULT_LEXICON",
    "CoderOptions",
    "EventCandidate",
    "EventCoder",
    "make_event_coder",
]

# Promises each co-ordinated subject makes on its own: "Britain, France, Australia and Mexico
# *vowed* to investigate" is four vows, not six agreements between them (issue 13 names it),
# whereas "X and Y *agreed* to meet" and "X and Y signed" are one joint act.
UNILATERAL_PROMISES = frozenset(
    {"vow", "pledge", "promise", "swear", "undertake", "commit", "offer", "intend", "plan",
     "propose", "volunteer"}
)  # fmt: skip

DEFAULT_LEXICON = "eventwire.lexicon.default.v1"
# Addressees that make a CONSULT trigger a statement to the press ("told reporters", "speaking
# to the radio"); actors resolved with sector MED count too.
MEDIA_NOUNS = frozenset(
    {
        "radio",
        "television",
        "tv",
        "newspaper",
        "reporter",
        "journalist",
        "media",
        "press",
        "broadcaster",
        "channel",
        "outlet",
        "daily",
        "agency",
        "interviewer",
        "correspondent",
    }
)
# Verbs that, matched on their bare lemma, give way to an event noun as their object (see
# ``_drop_support_verbs``): offers, statements and orders whose content is the event.
SUPPORT_VERBS = frozenset(
    {"offer", "express", "voice", "issue", "order", "announce", "make", "give", "launch"}
)


# PLOVER manual, "Requires recipient: No": every category but COOPERATE, AID and SANCTION.
RECIPIENTLESS_CATEGORIES: tuple[str, ...] = tuple(
    c for c in PLOVER_CATEGORIES if c not in ("COOPERATE", "AID", "SANCTION")
)


# CAMEO codes that need a recipient whatever their category's rule: a phone call to no one is
# a misreading ("called for Russia to be excluded", "called the claim absurd"); a mediation
# between no one named tells an analyst nothing ("firms played a role in *facilitating* trade
# links"; co-mediators are never each other's party: ``sides.joint``).
_NEEDS_RECIPIENT_CODES = ("041", "045")


@dataclass(frozen=True, slots=True)
class CoderOptions:
    """The coder's settings (the factory's config; reasons beside each default).

    ``min_confidence``: events below it are not emitted (0.0 keeps all; analyses filter on
    ``confidence`` later, and an event dropped here cannot be recovered).
    ``intentions_as_statements``: code an announced act as the statement of intent (AGREE,
    THREATEN) and a refused cooperative act as the refusal (REJECT), as the PLOVER manual and
    CAMEO do (True; ``intentions``); False keeps the act with modality intended or negated.
    ``symmetric_both_directions``: code joint actions in both directions (see module doc).
    ``self_event_codes``: CAMEO codes for which source and target may be the same actor.
    ``denial_code`` / ``denial_plover``: the denier's event (see module doc).
    ``quote_min_words``: shorter quotations are scare quotes (see ``quotes``).
    ``require_source_and_target``: emit only dyadic events (True, as PETRARCH and the PLOVER
    datasets do: a one-sided "Blinken is attending the meeting" is not a dyad, and on the seeds
    most one-sided candidates were wrong); False keeps events with one actor.
    ``recipientless_categories``: with ``require_source_and_target``, the PLOVER categories
    whose events are still emitted without a target when the source is a coded actor and the
    sentence names no recipient at all ("Australia condemned the bomb attacks", "North Korea
    carried out a nuclear test"): those whose section of the PLOVER manual says "Requires
    recipient: No" (issue 13: on our real-news gold set, 15 % of required events have none).
    ``unresolved_actors``: let a named entity or a noun for people, groups or institutions
    that no actor mention covers ("a Russian court", "the FBI", "two journalists", "a police
    convoy"; see ``unnamed``) fill a side as an unresolved actor (True: the end-to-end dyad
    recall on the PLV development set rises from 0.31; such events carry no actor code and a
    lower confidence, so analyses by actor code are unaffected); False keeps only resolved
    actor mentions. With it, a country or region where an act is done becomes that act's
    target when it has no other ("extended the curfew *in Jamaica*"; ``arguments``).
    ``contained_actors``: when a side has no actor, take the actor inside the noun phrase that
    fills it ("condemned *a U.S. Supreme Court decision*", "the attack *on the embassy in
    Kabul*", "a request *by Erdogan*"; see ``arguments``), with ``contained_penalty`` off the
    confidence (True: with the other argument rules of issue 5's third round, end-to-end dyad
    recall on the PLV development set rose from 0.385 to 0.518, category accuracy 0.827
    unchanged; this rule alone gave most of it). Relation mode never uses it:
    there the marked spans are the actors.
    ``place_unnamed_sides``: give an unnamed side ("police", "local residents", a person the
    knowledge base does not know) the country of its sentence's places or of the story
    (``story``; issue 13: half the spurious events on our real-news gold set had such a side),
    where the story's country leads the next by ``story_country_lead`` times (1.5: a story
    told from two capitals places nothing); the event's confidence is multiplied by
    ``placed_side_penalty``.
    ``calibrated_confidence``: replace the rule recipe's confidence of each event of a document
    by the probability the shipped model (``calibration``) gives it — fitted on our own
    real-news annotations; False keeps the recipe's score (relation mode always does).
    ``offtopic_penalty``: the factor on the confidence of events in a sport, entertainment,
    markets or science story or sentence (``relevance``; 0.2 puts a calibrated 0.9 under the
    analyses' 0.3 threshold); 1.0 turns it off.
    ``joint_action_categories``: PLOVER categories for which coordinated actors with no other
    party act on each other ("X and Y signed", "X and Y fought"); for others ("X and Y
    accused") they are co-sources and, without a target, give no dyad.
    ``joint_action_codes``: CAMEO codes (prefixes) that are joint actions whatever their
    category: 057 "Sign formal agreement" ("Putin and Kim signed the treaty"), SUPPORT in PLOVER
    where praise ("X and Y praised") is not joint.
    """

    min_confidence: float = 0.0
    intentions_as_statements: bool = True
    symmetric_both_directions: bool = False
    self_event_codes: tuple[str, ...] = ()
    denial_code: str = "016"
    denial_plover: str = "REJECT"
    quote_min_words: int = DEFAULT_MIN_WORDS
    require_source_and_target: bool = True
    recipientless_categories: tuple[str, ...] = RECIPIENTLESS_CATEGORIES
    joint_action_categories: tuple[str, ...] = ("AGREE", "CONSULT", "COOPERATE", "ASSAULT")
    joint_action_codes: tuple[str, ...] = ("057",)
    unresolved_actors: bool = True
    contained_actors: bool = True
    place_unnamed_sides: bool = True
    story_country_lead: float = 1.5
    placed_side_penalty: float = 0.85
    calibrated_confidence: bool = True
    offtopic_penalty: float = 0.2
    weights: ConfidenceWeights = field(default_factory=ConfidenceWeights)


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """An event with the parse objects it came from (relation mode ranks these)."""

    event: Event
    match: TriggerMatch | None
    source: ArgumentActor | None
    target: ArgumentActor | None
    direct: bool


class EventCoder:
    """Codes a Doc's events and quotes; callable as a spaCy pipeline component.

    Reads ``doc._.actor_mentions``, ``doc._.timexes``, ``doc._.places``,
    ``doc._.article_date`` and ``doc._.doc_id``; writes ``doc._.events`` (text order) and
    ``doc._.quotes``.
    """

    def __init__(
        self,
        lexicon: LexiconLike,
        ontology: Ontology | None = None,
        options: CoderOptions | None = None,
    ) -> None:
        register_extensions()
        self.lexicon = lexicon
        self.ontology = ontology or load_ontology()
        self.options = options or CoderOptions()
        self._knowledge_base: KnowledgeBase | None = None

    @property
    def knowledge_base(self) -> KnowledgeBase:
        """The shipped actors knowledge base (sector words and state names for placed sides)."""
        if self._knowledge_base is None:
            from ..actors.data_access import load_knowledge_base

            self._knowledge_base = load_knowledge_base()
        return self._knowledge_base

    def __call__(self, doc: Doc) -> Doc:
        events, quotes = self.code_doc(doc)
        doc._.events = events
        doc._.quotes = quotes
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # -- whole documents -------------------------------------------------------------------

    def code_doc(self, doc: Doc) -> tuple[list[Event], list[Quote]]:
        """The events and quotations of ``doc`` (does not modify it)."""
        index = MentionIndex.from_doc(
            doc,
            unresolved_actors=self.options.unresolved_actors,
            contained_actors=self.options.contained_actors,
        )
        attributed = attribute_quotes(doc, index, self.options.quote_min_words)
        ranges = [(a.quote.start, a.quote.end) for a in attributed]

        def speaker_at(offset: int) -> ArgumentActor | None:
            for item in attributed:
                if item.quote.start <= offset < item.quote.end:
                    return item.speaker
            return None

        index = index.with_quotes(ranges, speaker_at)
        events: list[Event] = []
        sentences = list(doc.sents)  # spaCy rebuilds the sentence list on every access
        for sentence_index, sentence in enumerate(sentences):
            candidates = self.code_sentence(doc, sentence, sentence_index, index)
            events.extend(
                self._as_coded(doc, index, c)
                for c in candidates
                if c.event.confidence >= self.options.min_confidence
                and not (
                    c.match is not None
                    and c.event.plover.category == "THREATEN"
                    and is_forecast_warning(index, c.match.token)
                )
            )
        if self.options.place_unnamed_sides:
            events = place_unnamed_sides(
                doc,
                events,
                self.knowledge_base,
                sentences,
                lead=self.options.story_country_lead,
                penalty=self.options.placed_side_penalty,
            )
        events = answer_accusers(events)
        dated = propagate_dates(doc, events, self.lexicon, sentences)
        dated = repeated_mention_dates(dated, doc._.article_date)
        dated = story_time_dates(doc, dated, sentences)
        if self.options.calibrated_confidence and dated:
            model = load_confidence_model()
            states, counts = countries_in(doc), country_mentions(doc)
            dated = [
                dataclasses.replace(
                    e,
                    confidence=round(
                        model.probability(event_features(e, doc, states, ranges, counts)), 3
                    ),
                )
                for e in dated
            ]
        if self.options.offtopic_penalty < 1.0 and dated:
            dated = self._offtopic_penalised(doc, dated, sentences)
        forget_doc_text(doc)
        return dated, [a.quote for a in attributed]

    def _offtopic_penalised(
        self, doc: Doc, events: list[Event], sentences: list[Span]
    ) -> list[Event]:
        """Events of an off-topic story or sentence with their confidence multiplied by
        ``offtopic_penalty`` (``relevance``)."""
        cues = load_offtopic_cues()
        lemmas = [t.lemma_.lower() for t in doc if t.is_alpha]
        whole = cues.story_topic(lemmas) is not None
        penalty = self.options.offtopic_penalty
        judged: dict[int, bool] = {}  # sentence index -> off-topic (events share sentences)
        out = []
        for event in events:
            offtopic = whole
            index = event.sentence_index
            if not offtopic and 0 <= index < len(sentences):
                if index not in judged:
                    words = [t.lemma_.lower() for t in sentences[index]]
                    judged[index] = cues.sentence_is_offtopic(words)
                offtopic = judged[index]
            if offtopic:
                event = dataclasses.replace(event, confidence=round(event.confidence * penalty, 3))
            out.append(event)
        return out

    def _as_coded(self, doc: Doc, index: MentionIndex, candidate: EventCandidate) -> Event:
        """The event as PLOVER codes it: an announced act as the statement of intent, a
        refused cooperative act as the refusal (``intentions``). A statement of intent is
        dated when it is made, not when the act is planned for: "will visit Russia on Nov. 29"
        in a story of Nov. 23 is an AGREE of Nov. 23 (a later date is the act's), and so is
        "will hold talks in mid-November" in a story of Nov. 1 (a period that runs on past the
        story's day is the act's too)."""
        if not self.options.intentions_as_statements:
            return candidate.event
        article_date: date | None = doc._.article_date
        match = candidate.match
        source = candidate.event.source
        if match is not None and predicted_by_another(
            index, match.token, source.country or source.code if source else None
        ):
            return candidate.event  # a forecast by a third party: the act stays intended
        purpose = match is not None and in_purpose_clause(match.token)
        event = as_statement(candidate.event, self.ontology, purpose_clause=purpose)
        when = event.event_date
        if (
            event is not candidate.event
            and candidate.event.modality == "intended"
            and article_date is not None
            and when is not None
            and reaches_past(when, article_date)
        ):
            event = dataclasses.replace(
                event, event_date=EventDate(None, article_date.isoformat(), "day")
            )
        return event

    def code_sentence(
        self, doc: Doc, sentence: Span, sentence_index: int, index: MentionIndex
    ) -> list[EventCandidate]:
        """Every event of one sentence (before the confidence filter), in trigger order."""
        found: list[EventCandidate] = []
        seen: set[tuple[str, str, str, int]] = set()
        coded_tokens: set[int] = set()
        matches = _drop_support_verbs(find_triggers(sentence, self.lexicon))
        verb_triggers = {m.token.i for m in matches if not m.is_nominal}
        for match in matches:
            if (
                match.is_nominal
                and match.token.dep_ in ("dobj", "appos", "attr")
                and match.token.head.i in verb_triggers
            ):
                continue  # "signed the agreement", "accused X …, a claim": the verb codes it
            for candidate in self.events_for_trigger(doc, sentence, sentence_index, match, index):
                key = (
                    _side_key(candidate.source),
                    _side_key(candidate.target),
                    candidate.event.cameo,
                    match.token.i,
                )
                if key not in seen:
                    seen.add(key)
                    found.append(candidate)
                    if candidate.target is not None:
                        # A one-sided reading ("Pyongyang called …": a phone call to no one)
                        # must not keep the word from coding the denial it also starts.
                        coded_tokens.add(match.token.i)
        found.extend(self._denial_events(doc, sentence, sentence_index, index, coded_tokens, seen))
        found.extend(self._reported_events(doc, sentence, sentence_index, index, coded_tokens))
        found.sort(key=lambda c: c.event.trigger.start)
        return found

    def events_for_trigger(
        self,
        doc: Doc,
        sentence: Span,
        sentence_index: int,
        match: TriggerMatch,
        index: MentionIndex,
    ) -> list[EventCandidate]:
        """The events one trigger expresses: one per source/target pair."""
        frame = find_arguments(match, index)
        plover = self._plover(match.entry.code, match.entry.plover)
        if plover is None:
            return []
        judgement = assess_modality(match.token, index)
        symmetric = (
            frame.symmetric
            and not frame.together
            and (
                plover.category in self.options.joint_action_categories
                or match.entry.code.startswith(self.options.joint_action_codes)
            )
            and match.token.lemma_.lower() not in UNILATERAL_PROMISES
        )
        targets = frame.targets
        if frame.symmetric and not symmetric:
            targets = frame.inside_targets  # "X and Y condemned the attack on Z": Z
        # A fixed phrase of the trigger is never its recipient ("comes into *force*", "took
        # into *custody*"); an object word stays one ("expelled *diplomats*").
        fixed = {match.token.i} | {
            w.i
            for w in (match.particle_token, match.object_token)
            if w is not None and w.dep_ in ("pobj", "prt")
        }
        targets = tuple(
            t
            for t in targets
            if t.actor.resolved or not fixed.issuperset(range(t.span.start, t.span.end))
        )
        pairs = _pairs(frame.sources, targets, symmetric, self.options)
        out: list[EventCandidate] = []
        for source, target in pairs:
            if self._is_self_event(source, target, match.entry.code):
                continue
            if plover.category == "CONSULT" and _is_media(target):
                continue
            if target is not None and is_sanctioned_third_party(
                match.token, match.object_token, plover.category, target.token
            ):
                continue  # "opposed sanctions on Iran" objects to their imposers, not Iran
            code, pair_plover = match.entry.code, plover
            sided = code_for_sides(code, match.token.lemma_.lower(), _actor(source), _actor(target))
            if sided != code:
                code, pair_plover = sided, self._plover(sided, None) or plover
            if not_an_event(
                match.token,
                plover.category,
                source.span if source is not None else None,
                source.actor.sector if source is not None else None,
                source.token if source is not None else None,
                source_kind=source.actor.kind if source is not None else None,
                target_sector=target.actor.sector if target is not None else None,
                has_target=target is not None,
                quoted=index.in_quote(match.token.idx),
            ):
                continue  # a newsroom's verdict, business among firms, a hazard advisory
            if self.options.require_source_and_target and not self._dyad_or_recipientless(
                source, target, plover.category, match, judgement.modality
            ):
                continue
            if _crosses_line(doc, match.token, source, target):
                continue
            event = self._build(
                doc,
                sentence,
                sentence_index,
                match.token,
                match.trigger_span(),
                code,
                pair_plover,
                source,
                target,
                judgement.modality,
                judgement.attribution,
                direct=frame.direct,
                specificity=match.specificity,
                rule=getattr(match.entry, "source", None),
            )
            out.append(EventCandidate(event, match, source, target, frame.direct))
        return out

    def _dyad_or_recipientless(
        self,
        source: ArgumentActor | None,
        target: ArgumentActor | None,
        category: str,
        match: TriggerMatch,
        modality: str,
    ) -> bool:
        """Both sides, or a coded actor acting with no recipient where PLOVER needs none: an
        asserted act told by a verb ("Australia condemned the attacks"). A noun alone ("the
        war", "the meeting", "sanctions") names a topic more often than a deed, and an
        announced or reported act with no recipient rarely proved to be one (issue 13)."""
        if source is not None and target is not None:
            return True
        return (
            target is None
            and self._acts_alone(source, category)
            and not match.is_nominal
            and modality == "asserted"
            and not match.entry.code.startswith(_NEEDS_RECIPIENT_CODES)
        )

    def _acts_alone(self, source: ArgumentActor | None, category: str) -> bool:
        """Whether ``source`` may be coded acting with no recipient: an actor named directly
        (not reached through a pronoun or a larger phrase) in a category PLOVER codes alone."""
        return (
            source is not None
            and source.actor.resolved
            and source.via == "mention"
            and category in self.options.recipientless_categories
        )

    def build_event(
        self,
        doc: Doc,
        sentence: Span,
        sentence_index: int,
        match: TriggerMatch,
        source: ArgumentActor | None,
        target: ArgumentActor | None,
        index: MentionIndex,
        *,
        direct: bool,
    ) -> Event | None:
        """The event of ``match`` with the given arguments (relation mode supplies them);
        None when the code has no PLOVER category."""
        plover = self._plover(match.entry.code, match.entry.plover)
        if plover is None:
            return None
        judgement = assess_modality(match.token, index)
        return self._build(
            doc,
            sentence,
            sentence_index,
            match.token,
            match.trigger_span(),
            match.entry.code,
            plover,
            source,
            target,
            judgement.modality,
            judgement.attribution,
            direct=direct,
            specificity=match.specificity,
            rule=getattr(match.entry, "source", None),
        )

    # -- internals -------------------------------------------------------------------------

    def _plover(self, code: str, override: Plover | None) -> Plover | None:
        if override is not None:
            return override
        try:
            return self.ontology.lookup(code).plover
        except UnknownCameoCode:
            return None

    def _is_self_event(
        self, source: ArgumentActor | None, target: ArgumentActor | None, code: str
    ) -> bool:
        if source is None or target is None or code in self.options.self_event_codes:
            return False
        if source.key == target.key or source.span.start == target.span.start:
            return True
        # A state and its own government or people ("Zelensky … Ukraine's aspirations") is a
        # domestic relation the coder's dyadic rules mostly get wrong.
        # An armed group, a party or the opposition against its own state is no such relation
        # ("Boko Haram killed 81 people in Nigeria", "the ELN declared a ceasefire in
        # Colombia"): CAMEO codes NGAREB → NGA.
        a, b = source.actor, target.actor
        if _outside_the_state(a) or _outside_the_state(b):
            return False
        return (a.kind == "state" and b.country == a.actor_id) or (
            b.kind == "state" and a.country == b.actor_id
        )

    def _build(
        self,
        doc: Doc,
        sentence: Span,
        sentence_index: int,
        head: Token,
        trigger: Span,
        code: str,
        plover: Plover,
        source: ArgumentActor | None,
        target: ArgumentActor | None,
        modality: Modality,
        attribution: Sequence[ArgumentActor],
        *,
        direct: bool,
        specificity: int,
        rule: str | None = None,
    ) -> Event:
        cameo = self.ontology.lookup(code)
        article_date: date | None = doc._.article_date
        places = list(doc._.places)
        location = attach_location(head, sentence, places)
        if location is None:
            actors = [
                (m.start, m.end)
                for m in doc._.actor_mentions
                if sentence.start <= m.start < sentence.end
            ]
            state = (
                target is not None
                and target.actor.resolved
                and target.actor.kind == "state"
                and target.actor.sector is None  # the state itself, not its people abroad
            )
            location = fallback_location(
                head,
                sentence,
                places,
                actors,
                plover.category,
                target.span if target is not None else None,
                target.actor.country if target is not None else None,
                state,
            ) or dateline_location(
                doc._.dateline,
                plover.category,
                [side.actor.country for side in (source, target) if side is not None],
            )
        timexes = list(doc._.timexes)
        when = attach_date(head, sentence, timexes, article_date)
        if (
            modality == "asserted"
            and when is not None
            and article_date is not None
            and head.tag_ != "VBD"
            and lies_ahead(when, article_date)
            and any(x.text == when.text and head in x.root.ancestors for x in timexes)
        ):
            # What the story dates after its own day, with a time expression on the trigger
            # itself, has not happened yet: "meets X on December 28", "December 21 talks" in a
            # story of December 12 are arrangements (a verb in the past tense keeps its word;
            # "his visit comes ahead of December 21 talks" leaves the visit as it is).
            modality = "intended"
        return Event(
            doc_id=str(doc._.doc_id),
            sentence_index=sentence_index,
            sentence=sentence.text,
            source=actor_ref(source),
            target=actor_ref(target),
            trigger=Trigger(trigger.text, trigger.start_char, trigger.end_char),
            cameo=code,
            plover=plover,
            goldstein=cameo.goldstein,
            quad_class=cameo.quad_class,
            modality=modality,
            attribution=_attribution(attribution),
            event_date=when,
            location=location,
            confidence=event_confidence(
                source,
                target,
                direct=direct,
                specificity=specificity,
                weights=self.options.weights,
            ),
            rule=rule,
        )

    def _reported_events(
        self,
        doc: Doc,
        sentence: Span,
        sentence_index: int,
        index: MentionIndex,
        coded_tokens: set[int],
    ) -> list[EventCandidate]:
        """Demands and accusations carried by a reported clause ("X said Y must …")."""
        out: list[EventCandidate] = []
        for reported in find_reported_events(sentence, index):
            if reported.say_verb.i in coded_tokens:
                continue  # "insisted", "warned": the lexicon already codes the verb
            plover = self._plover(reported.code, None)
            if plover is None:
                continue
            judgement = assess_modality(reported.say_verb, index)
            span = doc[reported.trigger.i : reported.trigger.i + 1]
            for source in reported.sources:
                for target in reported.targets:
                    if self._is_self_event(source, target, reported.code):
                        continue
                    event = self._build(
                        doc,
                        sentence,
                        sentence_index,
                        reported.say_verb,
                        span,
                        reported.code,
                        plover,
                        source,
                        target,
                        judgement.modality,
                        judgement.attribution,
                        direct=False,
                        specificity=0,
                        rule="reported speech (events/triggers/reported.py)",
                    )
                    out.append(EventCandidate(event, None, source, target, False))
        return out

    def _denial_events(
        self,
        doc: Doc,
        sentence: Span,
        sentence_index: int,
        index: MentionIndex,
        coded_tokens: set[int],
        seen: set[tuple[str, str, str, int]],
    ) -> list[EventCandidate]:
        out: list[EventCandidate] = []
        code = self.options.denial_code
        plover = self._plover(code, None) or Plover(self.options.denial_plover)
        for denial in find_denials(sentence, index):
            if denial.trigger.i in coded_tokens:
                continue  # the lexicon already codes this word (e.g. "deny" → REJECT)
            if is_habitual(denial.trigger):
                continue  # "usually denies …": a habit, not the event of a day
            targets: Sequence[ArgumentActor | None] = denial.accusers or (None,)
            for source in denial.deniers:
                for target in targets:
                    if self._is_self_event(source, target, code):
                        continue
                    if (
                        self.options.require_source_and_target
                        and target is None
                        and not self._acts_alone(source, plover.category)
                    ):
                        continue  # a denial with no accuser is a REJECT PLOVER codes alone
                    key = (_side_key(source), _side_key(target), code, denial.trigger.i)
                    if key in seen:
                        continue
                    seen.add(key)
                    span = doc[denial.trigger.i : denial.trigger.i + 1]
                    event = self._build(
                        doc,
                        sentence,
                        sentence_index,
                        denial.trigger,
                        span,
                        code,
                        plover,
                        source,
                        target,
                        "asserted",
                        (),
                        direct=True,
                        specificity=0,
                        rule="denial (events/modality/cues.py)",
                    )
                    out.append(EventCandidate(event, None, source, target, True))
        return out


# Sectors of a country's people that act against its state rather than as it.
_NON_STATE_SECTORS = ("REB", "OPP", "PTY", "INS")


def _outside_the_state(actor: Actor) -> bool:
    return actor.kind == "group" and actor.code.endswith(_NON_STATE_SECTORS)


def _drop_support_verbs(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """Matches without the support verbs whose object noun carries the event: "offered
    scathing *criticism* of X" is a criticism, "ordered the *release* of X" a release (an
    authority's order is its act). Only a bare-lemma match of the verb yields; a specific entry
    ("offered *support*", "demanded the *release*") keeps the verb."""
    nominal_objects = {
        m.token.head.i for m in matches if m.is_nominal and m.token.dep_ in ("dobj", "attr")
    }
    return [
        m
        for m in matches
        if m.is_nominal
        or m.specificity > 0
        or m.token.lemma_.lower() not in SUPPORT_VERBS
        or m.token.i not in nominal_objects
    ]


def _pairs(
    sources: Sequence[ArgumentActor],
    targets: Sequence[ArgumentActor],
    symmetric: bool,
    options: CoderOptions,
) -> list[tuple[ArgumentActor | None, ArgumentActor | None]]:
    if symmetric:
        pairs: list[tuple[ArgumentActor | None, ArgumentActor | None]] = []
        for i, first in enumerate(sources):
            for second in sources[i + 1 :]:
                pairs.append((first, second))
                if options.symmetric_both_directions:
                    pairs.append((second, first))
        return pairs
    if not sources and not targets:
        return []
    side_a: Sequence[ArgumentActor | None] = sources or (None,)
    side_b: Sequence[ArgumentActor | None] = targets or (None,)
    return [(s, t) for s in side_a for t in side_b]


def _actor(arg: ArgumentActor | None) -> Actor | None:
    return arg.actor if arg is not None else None


def _is_media(arg: ArgumentActor | None) -> bool:
    """Whether an argument is a news outlet: "speaking *to the German public radio*" is a
    statement to the press, not a consultation with it."""
    if arg is None:
        return False
    return arg.actor.sector == "MED" or arg.token.lemma_.lower() in MEDIA_NOUNS


def _crosses_line(
    doc: Doc, trigger: Token, source: ArgumentActor | None, target: ArgumentActor | None
) -> bool:
    """Whether the trigger and an argument sit on different lines: headlines, captions and
    bullets carry no final stop, so the parser runs them together (the seeds' headline and
    "(Reuters)" caption); arguments never legitimately cross a line break."""
    offsets = [trigger.idx] + [a.span.start_char for a in (source, target) if a is not None]
    return "\n" in doc_text(doc)[min(offsets) : max(offsets)]


def _side_key(arg: ArgumentActor | None) -> str:
    return "-" if arg is None else f"{arg.span.start}:{arg.key}"


def _attribution(actors: Sequence[ArgumentActor]) -> Attribution | None:
    if not actors:
        return None
    spans = sorted((a.span for a in actors), key=lambda s: s.start)
    doc = spans[0].doc
    text = doc[spans[0].start : spans[-1].end].text if len(spans) > 1 else spans[0].text
    codes = [a.actor.code for a in actors if a.actor.resolved and a.actor.code]
    return Attribution(text=text, code=";".join(dict.fromkeys(codes)) or None)


@Language.factory(
    "eventwire_coder",
    assigns=["doc._.events", "doc._.quotes"],
    requires=["doc._.actor_mentions"],
    default_config={
        "lexicon": DEFAULT_LEXICON,
        "min_confidence": 0.0,
        "symmetric_both_directions": False,
        "denial_code": "016",
        "denial_plover": "REJECT",
        "quote_min_words": DEFAULT_MIN_WORDS,
        "require_source_and_target": True,
    },
)
def make_event_coder(
    nlp: Language,
    name: str,
    lexicon: str,
    min_confidence: float,
    symmetric_both_directions: bool,
    denial_code: str,
    denial_plover: str,
    quote_min_words: int,
    require_source_and_target: bool,
) -> EventCoder:
    """The ``eventwire_coder`` component; ``lexicon`` names a function in the lexicons registry."""
    return EventCoder(
        load_registered_lexicon(lexicon),
        load_ontology(),
        CoderOptions(
            min_confidence=min_confidence,
            symmetric_both_directions=symmetric_both_directions,
            denial_code=denial_code,
            denial_plover=denial_plover,
            quote_min_words=quote_min_words,
            require_source_and_target=require_source_and_target,
        ),
    )


def load_registered_lexicon(name: str) -> LexiconLike:
    """The lexicon a registered function returns (``eventwire.lexicon.default.v1``…)."""
    from .. import registry
    from .triggers import lexicon as _shipped  # noqa: F401  # registers the shipped lexicon

    factory: Any = registry.lexicons.get(name)
    built: LexiconLike = factory()
    return built
