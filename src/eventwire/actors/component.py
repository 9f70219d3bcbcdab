"""The ``eventwire_actors`` spaCy component: find actor mentions and resolve them on the
article's date.

Mentions come from our gazetteer (spaCy ``PhraseMatcher`` over every name of the knowledge
base, case-sensitive, and over sector words and titles, case-insensitive) and from the model's
named entities (PERSON and ORG; GPE, NORP, LOC and FAC only when the gazetteer knows them: an
unknown place is a place, not an actor). Adjacent pieces form one mention —
``[modifier]['s][fillers][sector words / titles][name]`` ("Polish Foreign Minister Radoslaw
Sikorski", "North Korea's official KCNA news agency", "Security Council of Russia") — while
"and" and commas split coordinations. A person's possessive stays a mention of its own
("Zelensky's adviser Dmytro Lytvyn" → two). Short references are followed within the document
(see :mod:`eventwire.actors.coref`). Output: ``doc._.actor_mentions``, non-overlapping spans in
text order, each with ``span._.actor``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventwire.actors.coref import PRONOUNS, History, quoted_tokens, surname_keys
from eventwire.actors.data_access import DictionaryFile, load_knowledge_base
from eventwire.actors.kb import KnowledgeBase, NameEntry, Vocabulary, fold
from eventwire.actors.model import UNRESOLVED, Actor
from eventwire.actors.resolve import (
    DEFAULT_CONFIDENCE,
    Confidence,
    Parts,
    combine,
    resolve_entries,
    with_confidence,
)
from eventwire.nlp.extensions import register_extensions

__all__ = ["ActorResolver", "make_actor_resolver", "parse_dictionary_spec"]

_PERSON_LABELS = ("PERSON",)
_ORG_LABELS = ("ORG",)
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_NOT_ACTOR_LABELS = ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY")
_POSSESSIVE = ("'s", "’s", "'", "’")
_FILLERS = frozenset(
    {
        "official", "top", "senior", "former", "acting", "deputy", "then", "chief", "state-run",
        "visiting", "new", "outgoing", "incoming", "powerful", "mr", "mr.", "mrs", "mrs.", "ms",
        "ms.", "dr", "dr.", "assistant", "under", "special", "permanent", "associate",
        "principal", "interim", "caretaker",
    }
)  # fmt: skip
# The head noun of a title the knowledge base has no phrase for, between an organisation or a
# state and a person's name: "EU foreign policy *chief* Javier Solana", "UN nuclear *watchdog
# head* X", "US trade *representative* Y" (issue 13: such people were placed in the story's
# country). Up to ``_MAX_TITLE_WORDS`` lowercase words ending with one of these.
_TITLE_HEADS = frozenset(
    {"chief", "head", "negotiator", "representative", "commissioner", "spokesman",
     "spokeswoman", "spokesperson", "envoy", "secretary", "minister", "director", "president",
     "chairman", "chairwoman", "chair", "leader", "official", "adviser", "advisor",
     "coordinator", "rapporteur", "czar", "tsar", "boss", "delegate", "emissary", "mediator",
     "inspector", "administrator", "ambassador", "governor", "commander", "prosecutor",
     "chancellor", "premier"}
)  # fmt: skip
_MAX_TITLE_WORDS = 4
_HONORIFICS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen.", "gen", "sir"}
)
_DEFINITE = ("the", "The")
_CONJUNCTIONS = frozenset({",", "and", "or"})
# Between a modifier and its head at most two filler words ("Russia's powerful top general");
# longer gaps in the seeds were always a new phrase.
_MAX_FILLERS = 2
_COUNTERPART = "counterpart"


_Group = tuple[list["_Piece"], list[str]]
"""Pieces that form one mention, and the kind of gap between each two ("of", "possessive"...)."""


@dataclass(frozen=True, slots=True)
class _Piece:
    """A matched stretch of tokens: a known name, a sector word, or an unknown NER name."""

    start: int
    end: int
    kind: str  # name | vocab | person | org
    entries: tuple[NameEntry, ...] = ()
    vocabulary: Vocabulary | None = None

    @property
    def short_only(self) -> bool:
        return self.kind == "name" and all(e.short for e in self.entries)


def parse_dictionary_spec(spec: str) -> DictionaryFile:
    """``"path"`` (our YAML) or ``"<importer name>::path"`` → a :class:`DictionaryFile`."""
    importer, sep, path = spec.partition("::")
    if not sep:
        return DictionaryFile(Path(spec))
    return DictionaryFile(Path(path), importer)


@Language.factory(
    "eventwire_actors",
    assigns=["doc._.actor_mentions", "span._.actor"],
    requires=["doc.ents", "token.dep", "token.pos", "doc.sents"],
    default_config={"dictionaries": [], "resolve_pronouns": True},
)
def make_actor_resolver(
    nlp: Language, name: str, dictionaries: list[str], resolve_pronouns: bool
) -> ActorResolver:
    """Build the component; ``dictionaries`` are user files layered over the shipped data."""
    kb = load_knowledge_base([parse_dictionary_spec(spec) for spec in dictionaries])
    return ActorResolver(nlp, kb, resolve_pronouns=resolve_pronouns)


class ActorResolver:
    """Finds actor mentions in a Doc and resolves them on ``doc._.article_date``."""

    def __init__(
        self,
        nlp: Language,
        kb: KnowledgeBase,
        resolve_pronouns: bool = True,
        confidence: Confidence = DEFAULT_CONFIDENCE,
    ) -> None:
        register_extensions()
        self.kb = kb
        self.resolve_pronouns = resolve_pronouns
        self.confidence = confidence
        self._names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._vocab = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[int, tuple[NameEntry, ...]] = {}
        self._vocabulary: dict[int, Vocabulary] = {}
        for text, entries in kb.names():
            variants = [text]
            if text.startswith("the "):
                variants.append("The " + text[4:])
            for variant in variants:
                key = nlp.vocab.strings.add("N:" + variant)
                self._entries[key] = tuple(entries)
                self._names.add("N:" + variant, [nlp.make_doc(variant)])
        for phrase in kb.vocabulary_phrases():
            found = kb.vocabulary(phrase)
            if found is None:
                continue
            key = nlp.vocab.strings.add("V:" + phrase)
            self._vocabulary[key] = found
            self._vocab.add("V:" + phrase, [nlp.make_doc(phrase)])

    # -- finding pieces -------------------------------------------------------------------------
    def _pieces(self, doc: Doc) -> list[_Piece]:
        blocked = {t.i for e in doc.ents if e.label_ in _NOT_ACTOR_LABELS for t in e}
        candidates: list[tuple[int, int, _Piece]] = []
        for key, start, end in self._names(doc):
            if any(i in blocked for i in range(start, end)) or _stance(doc, start):
                continue
            piece = _Piece(start, end, "name", entries=self._entries[key])
            candidates.append((end - start, 0, piece))
        for key, start, end in self._vocab(doc):
            piece = _Piece(start, end, "vocab", vocabulary=self._vocabulary[key])
            candidates.append((end - start, 1, piece))
        for ent in doc.ents:
            if ent.label_ in _PERSON_LABELS:
                start = ent.start
                # Titles and sentence-initial verbs are not part of a name ("Sending Witkoff").
                while start < ent.end - 1 and (
                    doc[start].lower_ in _HONORIFICS
                    or self.kb.vocabulary(doc[start].text)
                    or doc[start].pos_ != "PROPN"
                ):
                    start += 1
                candidates.append((ent.end - start, 2, _Piece(start, ent.end, "person")))
        chosen: list[_Piece] = []
        taken: set[int] = set()
        for _, _, piece in sorted(candidates, key=lambda c: (-c[0], c[1], c[2].start)):
            span = range(piece.start, piece.end)
            if not any(i in taken for i in span):
                chosen.append(piece)
                taken.update(span)
        # Organisations from NER only where nothing else matched (our names and sector words
        # split "US Air Force" better than the model's single ORG does).
        for ent in doc.ents:
            if ent.label_ in _ORG_LABELS and not any(t.i in taken for t in ent):
                chosen.append(_Piece(ent.start, ent.end, "org"))
                taken.update(range(ent.start, ent.end))
        return sorted(chosen, key=lambda p: p.start)

    # -- grouping pieces into mentions ----------------------------------------------------------
    def _gap(self, doc: Doc, left: _Piece, right: _Piece) -> str | None:
        gap = doc[left.end : right.start]
        words = [t.text for t in gap]
        if not words:
            return "adjacent"
        if words in (["of"], ["of", "the"]):
            return "of"
        rest = gap
        kind = "filler"
        if words[0] in _POSSESSIVE:
            if left.kind != "name":
                return None
            rest = gap[1:]
            kind = "possessive"
        if right.kind == "person" and _unknown_title(rest):
            return kind  # "EU foreign policy chief Javier Solana"
        if len(rest) > _MAX_FILLERS:
            return None
        for token in rest:
            lowercase_adjective = token.pos_ == "ADJ" and token.text.islower()
            if token.lower_ not in _FILLERS and not lowercase_adjective:
                return None
        return kind

    def _is_place(self, piece: _Piece) -> bool:
        if piece.kind != "name":
            return False
        for entry in piece.entries:
            record = self.kb.record(entry.actor_id)
            if record is None or record.kind not in ("state", "region"):
                return False
        return True

    def _groups(self, doc: Doc, pieces: list[_Piece]) -> list[_Group]:
        groups: list[_Group] = []
        index = 0
        while index < len(pieces):
            members, gaps = [pieces[index]], []
            index += 1
            while index < len(pieces):
                nxt = pieces[index]
                gap = self._gap(doc, members[-1], nxt)
                if gap is None:
                    break
                if self._is_place(nxt) and gap != "of":
                    break  # a new state starts a new mention ("the US, Russia")
                if gap == "of" and (
                    members[-1].kind != "vocab" or nxt.kind not in ("name", "vocab")
                ):
                    break
                members.append(nxt)
                gaps.append(gap)
                index += 1
            groups.append((members, gaps))
        return self._share_heads(doc, groups)

    def _share_heads(self, doc: Doc, groups: list[_Group]) -> list[_Group]:
        """ "US, Russian generals": a lone state joined by "," or "and" to "<state> <sector
        word>" shares that sector word (the generals are American too)."""
        shared = list(groups)
        for index in range(len(groups) - 2, -1, -1):
            (left, _), (right, _right_gaps) = shared[index], shared[index + 1]
            between = {t.lower_ for t in doc[left[-1].end : right[0].start]}
            if (
                len(left) == 1
                and self._is_place(left[0])
                and between
                and between <= _CONJUNCTIONS
                and len(right) == 2
                and self._is_place(right[0])
                and right[1].kind == "vocab"
                and right[1].vocabulary is not None
                and right[1].vocabulary.office is None
            ):
                shared[index] = ([left[0], right[1]], ["shared"])
        return shared

    # -- resolving --------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        on_date: date | None = doc._.article_date
        quoted = quoted_tokens(doc)
        history = History(self.kb)
        groups = self._groups(doc, self._pieces(doc))
        pronouns = _pronouns(doc, quoted) if self.resolve_pronouns else []
        items: list[tuple[int, _Group | Token]] = [(g[0][0].start, g) for g in groups]
        items += [(t.i, t) for t in pronouns]
        items.sort(key=lambda item: item[0])
        found: list[tuple[int, int, Actor]] = []
        for _, item in items:
            if not isinstance(item, Token):
                members, gaps = item
                for start, end, actor in self._resolve_group(doc, members, gaps, on_date, history):
                    found.append((start, end, actor))
                    history.add(
                        actor, [t.text for t in doc[start:end]], doc[end - 1], quoted[start]
                    )
            else:
                referent = history.by_pronoun(item, PRONOUNS[item.lower_])
                if referent is not None:
                    referent = with_confidence(referent, self.confidence.coref_pronoun)
                    found.append((item.i, item.i + 1, referent))
                    history.add(referent, [], item, quoted[item.i])
        found = self._surnames_named_before(doc, found)
        found = _spelled_out(doc, found)
        spans: list[Span] = []
        last_end = 0
        for start, end, actor in sorted(found, key=lambda f: (f[0], -f[1])):
            if start < last_end:
                continue
            span = Span(doc, start, end, label="ACTOR")
            span._.actor = actor
            spans.append(span)
            last_end = end
        doc._.actor_mentions = spans
        return doc

    def _surnames_named_before(
        self, doc: Doc, found: list[tuple[int, int, Actor]]
    ) -> list[tuple[int, int, Actor]]:
        """A lone proper noun that is the surname of a person named earlier in the document
        is that person, whatever the entity recogniser called it: wire copy introduces
        "Pakistani Foreign Minister Khurshid Kasuri" and then writes "Kasuri", which the small
        model often tags as a place or an organisation (so no person piece, no history look-up).
        Only a word no resolved mention covers is taken, only a single-word name (its
        neighbours are no proper nouns), so "Jordan" the state stays the state, and never a
        date ("in May" after Theresa May). On 300 random Gigaword articles this named 26 more
        mentions, all 26 right by hand."""
        persons: list[tuple[int, frozenset[str], Actor]] = [
            (start, frozenset(surname_keys(actor.name)), actor)
            for start, end, actor in found
            if actor.kind == "person" and actor.resolved
        ]
        if not persons:
            return found
        covered = {i for start, end, actor in found if actor.resolved for i in range(start, end)}
        unresolved_single = {
            start: index
            for index, (start, end, actor) in enumerate(found)
            if not actor.resolved and end - start == 1
        }
        out = list(found)
        for token in doc[persons[0][0] + 1 :]:
            if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            if token.ent_type_ in _NOT_ACTOR_LABELS:  # "resigned in May" (Theresa May)
                continue
            if _proper_neighbour(token):
                continue
            key = fold(token.text)
            earlier = next(
                (a for s, keys, a in reversed(persons) if s < token.i and key in keys), None
            )
            if earlier is None:
                continue
            item = (token.i, token.i + 1, replace(earlier, confidence=self.confidence.coref_name))
            if token.i in unresolved_single:
                out[unresolved_single[token.i]] = item
            elif not any(start <= token.i < end for start, end, _ in found):
                out.append(item)
        return out

    def _name_actor(
        self,
        doc: Doc,
        piece: _Piece,
        on_date: date | None,
        history: History,
        country: str | None,
        *,
        alone: bool = False,
    ) -> Actor:
        """A name piece: follow the document first for short names, then the knowledge base."""
        text = doc[piece.start : piece.end].text
        if piece.short_only or piece.kind == "person":
            if piece.end - piece.start == 1:
                earlier = history.by_name(text)
            else:
                earlier = history.by_full_name([t.text for t in doc[piece.start : piece.end]])
            if earlier is not None:
                return replace(earlier, confidence=self.confidence.coref_name)
        if piece.kind != "name":
            return UNRESOLVED
        if piece.short_only and doc[piece.start].ent_type_ in _PLACE_LABELS:
            return UNRESOLVED  # a surname the model reads as a place here
        entries = list(piece.entries)
        if piece.short_only and alone and self._namesake_in_document(doc, text, entries):
            # A surname alone is the person the document itself names in full with it, not a
            # famous namesake of the knowledge base: after "28-year-old Usman Khan stabbed
            # several people", "Khan" is not Pakistan's prime minister Imran Khan (issue 13).
            # (The document's person is found by name first when the tagger resolved them;
            # someone the knowledge base does not know stays unresolved.)
            return UNRESOLVED
        context = frozenset(history.countries)
        return resolve_entries(self.kb, entries, on_date, context, self.confidence)

    def _namesake_in_document(self, doc: Doc, surname: str, entries: list[NameEntry]) -> bool:
        """Whether ``doc`` names in full a person with ``surname`` who is none of the
        knowledge base's ``entries``."""
        known = set()
        for entry in entries:
            record = self.kb.record(entry.actor_id)
            if record is not None:
                known.add(record.name)
        return any(
            ent.label_ in _PERSON_LABELS
            and len(ent) > 1
            and ent[-1].text == surname
            and not any(name in ent.text for name in known)
            for ent in doc.ents
        )

    def _country_of(self, entry: NameEntry) -> str | None:
        record = self.kb.record(entry.actor_id)
        return record.country if record else None

    def _resolve_group(
        self,
        doc: Doc,
        members: list[_Piece],
        gaps: list[str],
        on_date: date | None,
        history: History,
    ) -> Iterable[tuple[int, int, Actor]]:
        # A lone adjective-like sector word after the head ("Kyiv's military budget") describes
        # the next noun, not an actor.
        last = members[-1]
        if len(members) > 1 and last.kind == "vocab" and last.end - last.start == 1:
            token = doc[last.start]
            if token.pos_ == "ADJ" and token.dep_ == "amod":
                members, gaps = members[:-1], gaps[:-1]
        start, end = members[0].start, members[-1].end
        if gaps == ["shared"]:
            end = members[0].end  # the shared sector word belongs to the next mention's span
        modifier_piece: _Piece | None = None
        if "of" in gaps and members[-1].kind == "name":
            modifier_piece = members[-1]
            body = members[:-1]
        elif len(members) > 1 and members[0].kind == "name":
            modifier_piece = members[0]
            body = members[1:]
        else:
            body = members
        modifier = (
            self._name_actor(doc, modifier_piece, on_date, history, None, alone=True)
            if modifier_piece is not None
            else None
        )
        vocabulary = next((p.vocabulary for p in reversed(body) if p.vocabulary), None)
        heads = [p for p in body if p.kind != "vocab"]
        head_piece = heads[-1] if heads else None
        if modifier is not None and modifier.kind == "person" and modifier_piece is members[0]:
            # "Zelensky's adviser Dmytro Lytvyn": the possessor is a mention of its own.
            yield modifier_piece.start, modifier_piece.end, modifier
            start = body[0].start
        if vocabulary is not None and vocabulary.office == _COUNTERPART:
            other = history.last_person()
            if other is not None and other.sector:
                vocabulary = Vocabulary(other.sector, _COUNTERPART)
        if head_piece is None and modifier is None:
            yield from self._description(doc, body, vocabulary, history)
            return
        head: Actor | None = None
        unknown: str | None = None
        if head_piece is not None:
            country = modifier.country if modifier is not None else None
            head = self._name_actor(
                doc, head_piece, on_date, history, country, alone=len(members) == 1
            )
            if not head.resolved:
                head = None
                if head_piece.kind == "person":
                    unknown = doc[head_piece.start : head_piece.end].text
                elif head_piece.kind == "org" or head_piece.short_only:
                    if head_piece.kind == "org":
                        yield start, end, UNRESOLVED
                    return
                else:
                    if not self._context_only(head_piece):
                        yield start, end, UNRESOLVED  # ambiguous name: say so
                    return
        if modifier_piece is None and head is None and unknown is None:
            return
        if modifier is not None and _non_state_group(modifier) and head is None and unknown is None:
            # "Boko Haram commanders", "Hezbollah officials", "Taliban fighters": an armed
            # group's or a party's people are the group, not its country's sector (issue 13:
            # NGAMIL). A state's own organ keeps its sector ("IDF soldiers" → ISRMIL).
            yield start, end, modifier
            return
        actor = combine(
            self.kb, Parts(modifier, vocabulary, head, unknown), on_date, self.confidence
        )
        if not actor.resolved and modifier is not None and unknown is None and head is None:
            actor = modifier  # "the DPRK's <something we cannot code>": still the DPRK
        if not actor.resolved and self._context_only(modifier_piece, head_piece):
            return
        yield start, end, actor

    def _context_only(self, *pieces: _Piece | None) -> bool:
        """True when the only names present need a context the document lacks ("the North")."""
        named = [p for p in pieces if p is not None and p.kind == "name"]
        return bool(named) and all(all(e.context for e in p.entries) for p in named)

    def _description(
        self, doc: Doc, body: list[_Piece], vocabulary: Vocabulary | None, history: History
    ) -> Iterable[tuple[int, int, Actor]]:
        """ "the minister" → the latest person whose office has that word; else nothing."""
        if vocabulary is None or vocabulary.office is None:
            return
        first = body[0].start
        if first == 0 or doc[first - 1].text not in _DEFINITE:
            return
        if body[-1].end - first != 1:
            return  # only one-word titles ("the minister", "the president")
        actor = history.by_office(vocabulary.office.split()[-1])
        if actor is not None:
            yield (
                first - 1,
                body[-1].end,
                replace(actor, confidence=min(actor.confidence, self.confidence.coref_description)),
            )


# Code endings of groups that are no part of a state: rebels, insurgents, parties, the
# opposition; and CAMEO's international militant groups (IMG...).
_NON_STATE_ENDINGS = ("REB", "INS", "PTY", "OPP")


def _unknown_title(words: Span) -> bool:
    """Whether the words between a modifier and a person's name are a title: lowercase nouns
    and adjectives ending with a title's head noun ("foreign policy chief")."""
    if not 1 <= len(words) <= _MAX_TITLE_WORDS or words[-1].lemma_.lower() not in _TITLE_HEADS:
        return False
    return all(t.text.islower() and t.pos_ in ("NOUN", "ADJ", "PROPN") for t in words)


def _non_state_group(actor: Actor) -> bool:
    return actor.kind == "group" and (
        actor.code.endswith(_NON_STATE_ENDINGS) or actor.code.startswith("IMG")
    )


def _spelled_out(doc: Doc, found: list[tuple[int, int, Actor]]) -> list[tuple[int, int, Actor]]:
    """A full name followed by its acronym in brackets is the acronym's actor: "United Nations
    Educational, Scientific and Cultural Organization (UNESCO)" is UNESCO, not the United
    Nations and an unknown "Cultural Organization" (issue 13: two sides wrong on the gold set).
    The name is taken only when the initials of its capitalised words spell the acronym."""
    out = list(found)
    for start, end, actor in found:
        if not (actor.resolved and start > 0 and end < len(doc) and end - start == 1):
            continue
        if doc[start - 1].text != "(" or doc[end].text != ")":
            continue
        letters = [c for c in doc[start].text if c.isalpha()]
        if len(letters) < 3 or not all(c.isupper() for c in letters):
            continue
        first = _name_start(doc, start - 1, letters)
        if first is None:
            continue
        # Mentions inside the name, or reaching into it ("officials of the United Nations"
        # before "Educational, ..."), give way to the whole name.
        out = [f for f in out if f[1] <= first or start - 1 <= f[0]]
        out.append((first, start - 1, actor))
    return out


def _name_start(doc: Doc, bracket: int, letters: list[str]) -> int | None:
    """Where the name before ``doc[bracket]`` starts when its capitalised words' initials are
    ``letters``; None when no such name stands there."""
    initials: list[str] = []
    index = bracket - 1
    while index >= 0 and bracket - index <= _MAX_SPELLED_OUT:
        token = doc[index]
        if token.text[:1].isupper() and token.is_alpha:
            initials.insert(0, token.text[0])
            if initials == letters:
                return index
            if len(initials) >= len(letters) or initials != letters[-len(initials) :]:
                return None
        elif token.lower_ not in _NAME_LINKS:
            return None
        index -= 1
    return None


# Small words inside an organisation's full name ("Organisation for Economic Co-operation and
# Development"), and the longest name tried (UNESCO's runs to nine tokens).
_NAME_LINKS = frozenset({"of", "for", "and", "the", "on", "&", ",", "-", "'s", "’s", "in"})
_MAX_SPELLED_OUT = 14


def _proper_neighbour(token: Token) -> bool:
    """Whether a proper noun stands next to ``token`` (it is part of a longer name)."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" for t in (before, after))


def _stance(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` is the object of a stance prefix: "*pro-Russian*
    separatists", "anti-American protesters", "pro-Iranian group" are not Russian, American or
    Iranian; they are for or against that state."""
    if start >= 1 and doc[start - 1].lower_ in _STANCE_PREFIXES:
        return True  # "pro-" as one token
    return (
        start >= 2
        and doc[start - 1].text in ("-", "‐", "–")
        and doc[start - 2].lower_ in _STANCE_WORDS
        and doc[start - 2].whitespace_ == ""
    )


_STANCE_WORDS = frozenset({"pro", "anti", "non"})
_STANCE_PREFIXES = frozenset(word + "-" for word in _STANCE_WORDS)


def _pronouns(doc: Doc, quoted: list[bool]) -> list[Token]:
    """The resolvable pronouns outside quotations, in text order. The lower-cased forms are
    read as string ids from one array: a Token per word made this a fifth of the component's
    time (issue 7)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    return [
        doc[i]
        for i, lower in enumerate(doc.to_array("LOWER").tolist())
        if not quoted[i] and strings[lower] in PRONOUNS
    ]
