"""Unnamed sides placed in the story's country: "police", "local residents", "the rebels", a
person the knowledge base does not know.

News names the state once and then tells its story through unnamed actors: "Police in the
Indonesian district of Solo said they had ordered churches…", "local residents attacked the UN
vehicles" (a story from Kisangani), "Sam Rainsy has blamed Hun Sen…" (a Cambodian story). Coded
without a country such events have no dyad an analyst can count; ACLED and the PLOVER
annotation guides code them with the country they happen in. On our real-news gold set half of
the spurious events had such a side (issue 13).

A side is placed when it is unresolved and is either a noun the knowledge base knows as a group
or an office of a sector ("police" → COP, "residents" → CVL, "rebels" → REB, "the second prime
minister" → GOV; ``sectors.yaml``) or a person the NER found (whose title, if any, gives the
sector: "Prime Minister Hun Sen" → GOV). It takes the one country named by the places in its
own words ("*Gaza* residents", "the *Quebec* government"); failing that, the one country named
by the places of its sentence, unless those places all lie in the event's other side ("the
demonstrators condemned *Israel*" in an Egyptian story are Egyptians); failing that, the
story's country: the country with most mentions in the
document (actors of states, their parts and their people, and places), when it leads the next
by ``lead`` times and is mentioned at least twice. (Counting the dateline's country too was
tried and lost 3 right dyads of 63 on the gold set: Xinhua and AFP often file world news from
their home desks.) Before any of these, a person takes the country the article says is theirs
(``described_country``: "*Vietnamese* party leader X", or "*former Russian agent* X" in an
earlier sentence), and an organ a state's leader *orders* is that state's ("X's prime minister
ordered *the army* to strike in Gaza"); a side named "foreign" or "international" is never
placed (issue 13, seventh round). A group becomes that country's sector (``KHMCOP``); a
person the country alone when no title says more. Pronouns, and anything the story does not
place, stay unresolved; so does an event whose two sides are the same words.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ...actors.kb import KnowledgeBase, Vocabulary
from ...actors.model import Actor
from ...actors.resolve import sector_actor
from ..model import ActorRef, Event

__all__ = ["StoryCountry", "answer_accusers", "place_unnamed_sides"]

# How many sentences back a denial looks for the accusation it answers: the same sentence and
# the three before it (a denial answers what the story has just reported).
_DENIAL_REACH = 3
_DENIAL_CODE = "016"

# Kinds of actor whose country says where a story is (organisations and regions do not).
_PLACING_KINDS = frozenset({"state", "person"})


@dataclasses.dataclass(frozen=True, slots=True)
class StoryCountry:
    """Where a document's story happens: its leading country, and the places of each sentence
    (character offsets and country) that can place a side of that sentence."""

    country: str | None
    places: dict[int, tuple[tuple[int, int, str], ...]]

    @classmethod
    def of(cls, doc: Doc, lead: float, starts: Sequence[int]) -> StoryCountry:
        """``starts``: the character offset of each sentence of ``doc``, in order."""
        counts: Counter[str] = Counter()
        per_sentence: dict[int, list[tuple[int, int, str]]] = {}
        for span in doc._.actor_mentions:
            actor = span._.actor
            if isinstance(actor, Actor) and actor.country and actor.kind in _PLACING_KINDS:
                counts[actor.country] += 1
        for span in doc._.places:
            place = span._.place
            if place is None or not place.country:
                continue
            counts[place.country] += 1
            index = _sentence_of(starts, span.start_char)
            per_sentence.setdefault(index, []).append(
                (span.start_char, span.end_char, place.country)
            )
        ranked = counts.most_common(2)
        country = None
        if (
            ranked
            and ranked[0][1] >= 2
            and (len(ranked) == 1 or ranked[0][1] >= lead * ranked[1][1])
        ):
            country = ranked[0][0]
        return cls(country, {i: tuple(ps) for i, ps in per_sentence.items()})

    def sentence_country(self, index: int, other: ActorRef | None) -> str | None:
        """The one country the places of sentence ``index`` name, unless those places are
        all in the event's other side: "the Pope criticised Israel" is no Israeli Pope,
        whereas "police in Solo arrested Ahmad" places the police in Indonesia."""
        places = self.places.get(index, ())
        countries = {country for _, _, country in places}
        if len(countries) != 1:
            return None
        if other is not None and all(
            other.start <= start and end <= other.end for start, end, _ in places
        ):
            return None
        return next(iter(countries))

    def own_country(self, index: int, ref: ActorRef) -> str | None:
        """The one country the places inside a side's own words name ("*Aceh* rebels",
        "villagers *near Kisangani*", "the *Quebec* government"): a side's own place beats
        its sentence's and its story's."""
        countries = {
            country
            for start, end, country in self.places.get(index, ())
            if ref.start <= start and end <= ref.end
        }
        return next(iter(countries)) if len(countries) == 1 else None


def _sentence_of(starts: Sequence[int], char: int) -> int:
    return max(0, bisect_right(starts, char) - 1)


def place_unnamed_sides(
    doc: Doc,
    events: Sequence[Event],
    kb: KnowledgeBase,
    sentences: Sequence[Span],
    *,
    lead: float,
    penalty: float,
) -> list[Event]:
    """``events`` with their unnamed sides placed (module docstring); a placed event's
    confidence is multiplied by ``penalty`` (a placed side is a guess, if a good one)."""
    if not events:
        return list(events)
    # ``sentences`` are the doc's, in the order events count them by ``sentence_index``.
    story = StoryCountry.of(doc, lead, [s.start_char for s in sentences])
    # The organs a state's leader commands, by their words: the same words acting in the
    # order's clause are the same organ ("ordered *the army* to resume strikes").
    commanded = {
        (e.target.start, e.target.end): country
        for e in events
        if e.target is not None and (country := _commander_country(doc, e))
    }
    placed: list[Event] = []
    for event in events:
        source = _placed(
            doc, event.source, _country_for(doc, story, event, event.source, commanded), kb
        )
        target = _placed(
            doc, event.target, _country_for(doc, story, event, event.target, commanded), kb
        )
        if event.cameo in _VISIT_CODES:
            # A visitor comes from elsewhere: "a senior delegation arrived in Jakarta" is no
            # Indonesian delegation visiting Indonesia.
            if source is not event.source and _country(source) == _country(target):
                source = event.source
            if target is not event.target and _country(target) == _country(source):
                target = event.target
        if source is event.source and target is event.target:
            placed.append(event)
            continue
        if source is not None and target is not None and _same_actor(source, target):
            placed.append(event)  # both sides name one actor: not an event between two
            continue
        placed.append(
            dataclasses.replace(
                event,
                source=source,
                target=target,
                confidence=round(event.confidence * penalty, 3),
            )
        )
    return placed


def _country_for(
    doc: Doc,
    story: StoryCountry,
    event: Event,
    ref: ActorRef | None,
    commanded: dict[tuple[int, int], str],
) -> str | None:
    """The country that places ``ref``, a side of ``event``: its own place, else its
    apposition's, else its sentence's one place outside the other side, else the story's."""
    if ref is None:
        return None
    index = event.sentence_index
    if _named_foreign(doc, ref):
        return None  # "*foreign* military forces" are by their name not the scene's own
    if country := commanded.get((ref.start, ref.end)):
        return country
    # "Zalmay Khalilzad, *a US peace envoy*, met the Taliban in Qatar": the apposition says
    # whose envoy he is; the story (Afghan) and the scene (Qatar) do not (issue 13).
    described = _apposition(doc, ref)
    if described is not None and (country := story.own_country(index, described)):
        return country
    # "Vietnamese party leader Nong Duc Manh", and "Litvinenko" after "former Russian agent
    # Alexander Litvinenko": what the article says of the person beats the scene's country.
    if country := described_country(doc, ref):
        return country
    # A visit's host is where the visitor went, so the host's place may still place the
    # visitor, to be undone as a visit of a country to itself (``place_unnamed_sides``):
    # "officers travelled to Canada" in a French story may be any country's officers.
    other = event.target if ref is event.source else event.source
    if event.cameo in _VISIT_CODES:
        other = None
    return story.own_country(index, ref) or story.sentence_country(index, other) or story.country


# Adjectives that say a side is not of the country where the story happens ("*foreign*
# forces", "*Western* diplomats"), unless they name an office of the state ("the *foreign*
# minister", "*foreign* ministry spokesman", where they modify another noun); "overseas
# workers" are still their country's.
_FOREIGN_WORDS = frozenset({"foreign", "international", "multinational", "western"})
_OFFICE_NOUNS = frozenset(
    {"minister", "ministry", "office", "secretary", "affair", "affairs", "service", "policy"}
)


def _named_foreign(doc: Doc, ref: ActorRef) -> bool:
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.lemma_.lower() not in _OFFICE_NOUNS and any(
        c.dep_ == "amod" and c.lower_ in _FOREIGN_WORDS for c in root.children
    )


# Verbs of command: the forces or officials a state's leader orders are that state's own
# ("Israeli Prime Minister X *ordered* the army to resume strikes in Gaza": Israel's army,
# not Gaza's; issue 13, seventh round).
_COMMAND_VERBS = frozenset({"order", "command", "instruct", "direct", "task"})
_COMMANDED_SECTORS = frozenset({"MIL", "COP", "GOV", "SPY"})


def _commander_country(doc: Doc, event: Event) -> str | None:
    """The country of a state's official who commands the unnamed organ ``event.target``."""
    source, target = event.source, event.target
    if source is None or target is None or not source.country or target.country:
        return None
    if source.sector not in (None, "GOV"):
        return None
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None or not any(t.lemma_.lower() in _COMMAND_VERBS for t in trigger):
        return None
    span = doc.char_span(target.start, target.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return source.country if span.root.lemma_.lower() in _ORGAN_NOUNS else None


# Unnamed organs of a state that its leaders command.
_ORGAN_NOUNS = frozenset(
    {"army", "military", "troops", "force", "forces", "police", "navy", "air", "soldier",
     "ministry", "minister", "government", "authority", "authorities", "official",
     "officials", "agency", "service", "services", "guard", "security"}
)  # fmt: skip


def described_country(doc: Doc, ref: ActorRef) -> str | None:
    """The one country the article's descriptions of the person ``ref`` names: a state's
    actor mention in the words before the name ("*Vietnamese* party leader X", "*North
    Korean* envoy X"), in its apposition ("X, *a Russian* agent") or in the noun it is the
    apposition of ("*the Syrian* envoy, X"), at this mention or, failing that, at the nearest
    earlier then later mention of the same surname (issue 13, seventh round: a foreigner had
    taken the country of the place he stood in). None when nothing, or more than one
    country, is said."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    person = span.root
    if person.ent_type_ != "PERSON" and person.lemma_.lower() in _RULED_NOUNS:
        # "the regime *of President X*", "*X's* government": the ruler's country
        person = next((t for t in span if t.ent_type_ == "PERSON"), person)
    if person.ent_type_ != "PERSON":
        return None
    own = _person_entity(doc, person.i)
    if own is None:
        return None
    surname = own[-1].lower_
    namesakes = [e for e in doc.ents if e.label_ == "PERSON" and e[-1].lower_ == surname]
    ordered = sorted(
        (e for e in namesakes if e.start != own.start),
        key=lambda e: (e.start > own.start, abs(e.start - own.start)),
    )
    states = _state_mentions(doc)
    for entity in (own, *ordered):
        resolved = _resolved_as(doc, entity, same_name=entity.text == own.text)
        if resolved is not None:
            return resolved
        words = _descriptions(entity)
        countries = {
            country for start, end, country in states if any(i in words for i in range(start, end))
        }
        if len(countries) == 1:
            return next(iter(countries))
        if countries:
            return None
    return None


def _resolved_as(doc: Doc, entity: Span, *, same_name: bool) -> str | None:
    """The country of an actor mention that holds ``entity``: a state's organ the words
    around the name resolved to ("*North Korean negotiator* Kim Kye-Gwan" → PRKGOV), or the
    person under the same full name."""
    for mention in doc._.actor_mentions:
        if not (mention.start <= entity.start and entity.end == mention.end):
            continue  # the name heads the mention ("Kiir's *US* visit" is no American Kiir)
        actor = mention._.actor
        if isinstance(actor, Actor) and actor.country and (actor.kind == "state" or same_name):
            return actor.country
    return None


# What a person heads that belongs to their state: "the regime of President X".
_RULED_NOUNS = frozenset({"regime", "government", "administration", "army", "forces", "troops"})


def _person_entity(doc: Doc, i: int) -> Span | None:
    return next((e for e in doc.ents if e.start <= i < e.end and e.label_ == "PERSON"), None)


def _state_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """Token ranges and countries of the mentions of states as a whole and their peoples
    ("Russian", "North Korea"), which say whose a person is."""
    found = []
    for mention in doc._.actor_mentions:
        actor = mention._.actor
        if not (isinstance(actor, Actor) and actor.kind == "state" and actor.country):
            continue
        # A state's organ counts through the state's own name in it ("the *Iraqi*
        # government"); a bare "Congress" resolved by the dictionary says too little.
        if actor.sector is None or any(t.ent_type_ in ("GPE", "NORP") for t in mention):
            found.append((mention.start, mention.end, actor.country))
    return found


def _descriptions(entity: Span) -> set[int]:
    """The tokens that describe the person ``entity`` names: the words of its noun phrase
    before the name, its appositions, and the noun it is in apposition to."""
    root = entity.root
    appositions = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appositions.append(root.head)
    if any(a.lemma_.lower() in _THING_NOUNS for a in appositions):
        return set()  # "Hagia Sophia, *a* Greek Orthodox *church*": the NER's person is a thing
    words = set(range(root.left_edge.i, entity.start))
    for appos in appositions:
        if appos.i == root.head.i and root.dep_ == "appos":
            words.update(range(appos.left_edge.i, appos.i + 1))
        else:
            words.update(t.i for t in _phrase(appos))
    return words


# Clauses inside an apposition speak of others: "X, *who met US envoys*", "X, a minister
# *visiting Washington*".
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "appos"})


def _phrase(head: Token) -> list[Token]:
    """The words of the noun phrase ``head`` heads, without the clauses inside it."""
    found = [head]
    for child in head.children:
        if child.dep_ not in _CLAUSE_DEPS:
            found.extend(_phrase(child))
    return found


# Nouns that say a name the NER took for a person's is a building, a ship or a firm.
_THING_NOUNS = frozenset(
    {"church", "mosque", "temple", "cathedral", "shrine", "museum", "monument", "building",
     "site", "palace", "hotel", "ship", "vessel", "tanker", "company", "firm", "newspaper",
     "bridge", "airport", "stadium"}
)  # fmt: skip


def _apposition(doc: Doc, ref: ActorRef) -> ActorRef | None:
    """``ref`` widened to the noun phrase in apposition to it ("X, *a US envoy*", "*the
    Iraqi premier*, X"), or None when it has none."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    described = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        described.append(root.head)
    if not described:
        return None
    start = min(doc[d.left_edge.i].idx for d in described)
    last = max(doc[d.right_edge.i] for d in described)
    return dataclasses.replace(ref, start=start, end=last.idx + len(last.text))


# Visits: the visitor and the host are of different countries.
_VISIT_CODES = frozenset({"042", "043"})


def _country(ref: ActorRef | None) -> str | None:
    return None if ref is None else ref.country


def _same_actor(a: ActorRef, b: ActorRef) -> bool:
    return a.text.casefold() == b.text.casefold() and a.code == b.code


def _placed(
    doc: Doc, ref: ActorRef | None, country: str | None, kb: KnowledgeBase
) -> ActorRef | None:
    if ref is None or ref.actor_id is not None or ref.country:
        return ref
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ref
    root = span.root
    if root.pos_ == "PRON":
        return ref
    # An organisation named in the document needs no story country ("the council" after
    # "the UN Security Council" in a story told from three capitals).
    organisation = _appositive_organisation(doc, span) or _earlier_organisation(doc, span)
    if organisation is not None:
        return dataclasses.replace(
            ref,
            actor_id=organisation.actor_id,
            name=organisation.name,
            code=organisation.code,
            country=organisation.country,
            sector=organisation.sector,
            via="organisation",
        )
    if country is None:
        return ref
    vocabulary = kb.vocabulary(root.lemma_.lower()) or kb.vocabulary(root.lower_)
    if vocabulary is None and root.ent_type_ == "PERSON":
        vocabulary = _title(span, kb)  # "Prime Minister Hun Sen": the office gives the sector
    if vocabulary is not None:
        actor = sector_actor(kb, country, vocabulary.sector)
        return dataclasses.replace(
            ref,
            actor_id=actor.actor_id,
            name=actor.name,
            code=actor.code,
            country=country,
            sector=vocabulary.sector,
            via="story",
        )
    if root.ent_type_ == "PERSON" and span.root.pos_ == "PROPN":
        return dataclasses.replace(ref, code=country, country=country, via="story")
    return ref


_ORGANISATION_KINDS = frozenset({"igo", "group"})


def _organisation(span: Span) -> Actor | None:
    actor = span._.actor
    if isinstance(actor, Actor) and actor.kind in _ORGANISATION_KINDS:
        return actor
    return None


def _appositive_organisation(doc: Doc, span: Span) -> Actor | None:
    """The organisation a person's apposition names: "Paul Wolfowitz, president of the World
    Bank" speaks for the World Bank (a head of an organisation the knowledge base does not
    list on that date)."""
    root = span.root
    if root.ent_type_ != "PERSON":
        return None
    apposition = [t for t in root.children if t.dep_ == "appos"]
    if not apposition:
        return None
    lo = min(t.left_edge.i for t in apposition)
    hi = max(t.right_edge.i for t in apposition) + 1
    for mention in doc._.actor_mentions:
        if lo <= mention.start and mention.end <= hi:
            found = _organisation(mention)
            if found is not None:
                return found
    return None


def _earlier_organisation(doc: Doc, span: Span) -> Actor | None:
    """The organisation a definite description refers to: "the council" after "the UN
    Security Council", "the bank" after "the World Bank" — the latest organisation mentioned
    before whose name ends in the description's noun."""
    root = span.root
    if root.pos_ != "NOUN" or root.i == 0 or doc[root.i - 1].lower_ != "the":
        return None
    if span.start < root.i - 1:
        return None  # "the council" alone, not "a new council" or "the city council"
    word = root.lemma_.lower()
    for mention in reversed(doc._.actor_mentions):
        if mention.start >= span.start:
            continue
        found = _organisation(mention)
        if found is not None and found.name.split()[-1].lower() == word:
            return found
        # A state body by the words the document wrote ("Iran's foreign ministry" is coded
        # IRNGOV, whose name is no ministry's); an organisation only by its own name ("the
        # minister" is no "APEC trade ministers").
        body = None if word in _STORY_NOUNS else _state_body(mention)
        if body is not None and mention[-1].lemma_.lower() == word:
            return body
    return None


def _state_body(span: Span) -> Actor | None:
    """A part of a state named by a noun of its own ("Iran's foreign ministry" → IRNGOV, "the
    Israeli army" → ISRMIL): a definite description can refer back to it."""
    actor = span._.actor
    if (
        isinstance(actor, Actor)
        and actor.country
        and actor.sector
        and actor.kind != "person"
        and (span[-1].pos_ == "NOUN" or span[-1].text.islower())
    ):
        return actor
    return None


# Nouns that name the story's own state's organs wherever another state's were named before:
# "threatened to quit *the government*" in a Sudanese story after "the US government" is
# Sudan's; these stay with the story country.
_STORY_NOUNS = frozenset({"government", "authority", "police", "regime", "state", "country"})


def _title(span: Span, kb: KnowledgeBase) -> Vocabulary | None:
    """The office a person's title names inside their mention ("Second Prime Minister Hun
    Sen" → prime minister, GOV), the longest phrase first."""
    words = [t.lower_ for t in span]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            found = kb.vocabulary(" ".join(words[i : i + size]))
            if found is not None and found.office is not None:
                return found
    return None


def _side(ref: ActorRef | None) -> str | None:
    return None if ref is None else (ref.country or ref.code or ref.actor_id)


def answer_accusers(events: Sequence[Event]) -> list[Event]:
    """A denial with no accuser named answers the latest accusation against the denier
    reported just before: "The US accused Iran of sending drones. … Iran denied it" is a REJECT
    of Iran's towards the US (PLOVER would otherwise code it with no recipient)."""
    out: list[Event] = []
    for i, event in enumerate(events):
        if event.cameo == _DENIAL_CODE and event.target is None and event.source is not None:
            denier = _side(event.source)
            for earlier in reversed(events[:i]):
                if event.sentence_index - earlier.sentence_index > _DENIAL_REACH:
                    break
                if (
                    earlier.plover.category == "ACCUSE"
                    and earlier.source is not None
                    and _side(earlier.target) == denier
                    and _side(earlier.source) != denier
                ):
                    event = dataclasses.replace(event, target=earlier.source)
                    break
        out.append(event)
    return out
