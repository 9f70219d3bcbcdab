"""Find event triggers in a parsed sentence: lexicon entries matched against the parse.

A verb matches an entry when its lemma is the entry's lemma and every part the entry asks for is
there: the particle (``prt`` child: "walk *out*"), the preposition that attaches the target
("call *for*", "walk out *of*"; on the verb or on its object noun: "impose sanctions *on*"), and
one of the object lemmas ("impose *sanctions*", the direct object or, in the passive, the
subject). A noun ("talks", "visit", "sanctions") matches a noun entry the same way, its
preposition being one of its own ``prep`` children. Among the entries that match, the most
specific wins (particle 3, object 2, preposition 1 point each: a particle changes the meaning
most, "walk out" vs. "walk"); ties keep the lexicon's order.

The lexicon is anything with ``verb_entries(lemma)`` and ``noun_entries(lemma)`` returning
entries shaped like :class:`LexiconEntryLike` — the shipped
``eventwire.events.triggers.lexicon.Lexicon``, or a small one built by hand in a test.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span, Token

from ..model import Plover
from .senses import (
    PEACEKEEPING_CODE,
    is_candidacy,
    is_contest_result,
    is_manhunt,
    is_peacekeeping,
    is_weapons_test,
)
from .verbal import VERBAL_ATTACK_CODE, is_verbal_attack

__all__ = [
    "CLASSIFIED_HEADS",
    "CONTAINER_NOUNS",
    "TIME_WORDS",
    "LexiconEntryLike",
    "LexiconLike",
    "TriggerForms",
    "TriggerMatch",
    "find_triggers",
    "is_time_phrase",
    "is_to_infinitive",
    "match_token",
]

# Specificity points (see the module docstring).
_PARTICLE_POINTS = 3
_OBJECT_POINTS = 2
_PREP_POINTS = 1
_PREP_OBJECT_WINDOW = 3
_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
# Light verbs whose object noun carries the event ("hold talks", "pay a visit").
LIGHT_VERBS = frozenset(
    {
        "hold",
        "have",
        "make",
        "pay",
        "conduct",
        "begin",
        "start",
        "open",
        "resume",
        "continue",
        "host",
        "attend",
        "join",
        "launch",
        "carry",
        "stage",
        "take",
        "give",
    }
)
# Nouns that only measure or package their "of" complement: "a *shipment of* ventilators", "a
# new *round of* exercises", "*some of* its restrictions", "$4 million *worth of* medicines".
# The complement is the object an entry's ``object_lemmas`` should see.
CONTAINER_NOUNS = frozenset(
    {
        "round",
        "series",
        "shipment",
        "batch",
        "consignment",
        "package",
        "tranche",
        "number",
        "lot",
        "wave",
        "set",
        "amount",
        "worth",
        "supply",
        "team",
        "contingent",
        "some",
        "many",
        "most",
        "all",
        "part",
        "one",
        "host",
        "range",
        "kind",
        "type",
        "volume",
        "state",  # "a *state* of emergency", "a state of siege"
    }
)
# Heads that turn an event-noun modifier into a classifier: "war *crimes*", "war *games*",
# "attack *helicopter*", "protest *movement*" name things, not events.
CLASSIFIED_HEADS = frozenset(
    {
        "crime",
        "criminal",
        "game",
        "zone",
        "helicopter",
        "aircraft",
        "plane",
        "ship",
        "movement",
        "group",
        "leader",
        "correspondent",
        "reporter",
        "victim",
        "veteran",
        "memorial",
        "museum",
        "anniversary",
        "site",
        "footage",
    }
)
# Objects of "on"/"in"/"at" that are times, not parties: "called the king *on Saturday*" must
# not match "call on X" (020 appeal). Parsing runs without NER in relation mode, so the words
# are listed rather than read from entity labels.
TIME_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan.",
        "feb.",
        "aug.",
        "sept.",
        "sep.",
        "oct.",
        "nov.",
        "dec.",
        "day",
        "week",
        "weekend",
        "month",
        "year",
        "morning",
        "afternoon",
        "evening",
        "night",
        "occasion",
        "sideline",
        "sidelines",
        "behalf",
    }
)


class LexiconEntryLike(Protocol):
    """The fields of a lexicon entry the coder reads."""

    @property
    def lemma(self) -> str: ...
    @property
    def pos(self) -> str: ...
    @property
    def particle(self) -> str | None: ...
    @property
    def prep(self) -> str | None: ...
    @property
    def object_lemmas(self) -> Collection[str]: ...
    @property
    def code(self) -> str: ...
    @property
    def plover(self) -> Plover | None: ...
    @property
    def target_role(self) -> str | None: ...
    @property
    def complement(self) -> str | None: ...


class LexiconLike(Protocol):
    def verb_entries(self, lemma: str) -> Sequence[LexiconEntryLike]: ...
    def noun_entries(self, lemma: str) -> Sequence[LexiconEntryLike]: ...


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A token that expresses an event, the entry it matched, and the parts that matched it.

    ``prep_token`` is the preposition that attaches the target ("of" in "walk out of"), if the
    entry names one; ``object_token`` the object noun an entry with object lemmas matched.
    ``specificity`` is the score above (0 for a bare lemma match).
    """

    token: Token
    entry: LexiconEntryLike
    particle_token: Token | None
    prep_token: Token | None
    object_token: Token | None
    specificity: int

    @property
    def is_nominal(self) -> bool:
        return self.token.pos_ in _NOUN_POS

    @property
    def code(self) -> str:
        return self.entry.code

    def trigger_span(self) -> Span:
        """The trigger's words: the head, its particle and matched object ("walk out")."""
        indices = [self.token.i]
        for extra in (self.particle_token, self.object_token):
            if extra is not None:
                indices.append(extra.i)
        doc = self.token.doc
        return doc[min(indices) : max(indices) + 1]


class TriggerForms:
    """Every word form under which some entry of a lexicon can be looked up, to pass over the
    other tokens before :func:`match_token` reads their part of speech, lemma and children
    (most tokens of a sentence are no trigger: issue 7).

    :func:`match_token` looks entries up by the token's lower-cased lemma (verbs, nouns and
    predicative adjectives), by its lower-cased form (nouns) and by "lemma particle" (phrasal
    verbs): so ``forms`` holds every entry lemma and each of its word-boundary prefixes
    ("take" for "take over"), and a token whose lemma and form are both outside it cannot match.
    """

    __slots__ = ("_forms", "_known", "_tails")

    def __init__(self, lemmas: Iterable[str]) -> None:
        forms: set[str] = set()
        for lemma in lemmas:
            words = lemma.split(" ")
            forms.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        self._forms = frozenset(forms)
        # The last parts of hyphenated entries ("in" of "sit-in"): such a token is admitted
        # only when it ends the whole hyphenated word (the tokenizer splits it in three).
        self._tails = frozenset(f.rsplit("-", 1)[1] for f in forms if "-" in f)
        # Verdicts by string hash (a token's ``lemma`` and ``lower`` are hashes, read without
        # building a Python string): the vocabulary repeats, so each string is lowered once.
        self._known: dict[int, bool] = {}

    def __contains__(self, form: object) -> bool:
        return form in self._forms

    def admits(self, token: Token) -> bool:
        """Whether an entry may be looked up under ``token``'s lemma or form."""
        known = self._known
        verdict = known.get(token.lemma)
        if verdict is None:
            verdict = known[token.lemma] = token.lemma_.lower() in self._forms
        if verdict:
            return True
        verdict = known.get(token.lower)
        if verdict is None:
            verdict = known[token.lower] = token.lower_.lower() in self._forms
        if not verdict and token.lower_ in self._tails:
            return _hyphen_form(token) in self._forms
        return verdict


def find_triggers(sentence: Span, lexicon: LexiconLike) -> list[TriggerMatch]:
    """Every trigger in ``sentence``, in text order; a noun an entry consumed as its object
    ("impose *sanctions* on") is not reported again as a nominal trigger, nor is a noun that
    only modifies another noun ("*war* games")."""
    # A lexicon that lists its forms (the shipped ``Lexicon``) lets the others be skipped.
    forms: TriggerForms | None = getattr(lexicon, "trigger_forms", None)
    tokens = sentence if forms is None else [t for t in sentence if forms.admits(t)]
    matches = [m for m in (match_token(tok, lexicon) for tok in tokens) if m is not None]
    consumed = {m.object_token.i for m in matches if m.object_token is not None}
    heads = {m.token.i for m in matches if m.is_nominal}
    return [m for m in matches if m.token.i not in consumed and not _noun_modifier(m.token, heads)]


def _noun_modifier(token: Token, triggers: Collection[int]) -> bool:
    """A noun that only modifies a trigger noun ("*ceasefire* agreement", "*war* games") or a
    classifying head ("*war* crimes"): the head names the thing, the modifier is no event of its
    own. Before other heads the modifier stays the event ("a *mediation* effort")."""
    if token.pos_ not in _NOUN_POS or token.dep_ != "compound" or token.head.pos_ not in _NOUN_POS:
        return False
    return token.head.i in triggers or token.head.lemma_.lower() in CLASSIFIED_HEADS


def match_token(token: Token, lexicon: LexiconLike) -> TriggerMatch | None:
    """The best entry for ``token``, or None when no entry's requirements are all met."""
    # The children are read once: every entry tried below looks at them (a Token is built
    # anew on each access; reading them per entry was a third of the coder's time, issue 7).
    children: list[Token] = []
    if token.pos_ in _VERB_POS:
        entries = tuple(lexicon.verb_entries(token.lemma_.lower()))
        children = list(token.children)
        for particle in (c for c in children if c.dep_ == "prt"):
            # Phrasal verbs may be listed as one lemma ("take over").
            phrasal = lexicon.verb_entries(f"{token.lemma_.lower()} {particle.lower_}")
            entries += tuple(phrasal)
    elif _is_predicative_intent(token):
        # "X is *willing* / *ready* to provide …": the adjective states the intent; its
        # entries are listed with the verbs (format: README.md).
        entries = tuple(lexicon.verb_entries(token.lemma_.lower()))
    elif token.pos_ in _NOUN_POS:
        entries = tuple(lexicon.noun_entries(token.lemma_.lower()))
        if not entries and token.lower_ != token.lemma_.lower():
            # The small model lemmatises some plurals to themselves ("talks").
            entries = tuple(lexicon.noun_entries(token.lower_))
        if not entries and (joined := _hyphen_form(token)) is not None:
            # "a sit-*in*": the tokenizer splits a hyphenated noun; the lexicon lists the
            # whole word.
            entries = tuple(lexicon.noun_entries(joined))
    elif token.pos_ == "ADP" and (joined := _hyphen_form(token)) is not None:
        # The tagger may call the last part of "sit-in" a preposition.
        entries = tuple(lexicon.noun_entries(joined))
    else:
        return None
    if not entries:
        return None
    if not children:
        children = list(token.children)
    best: TriggerMatch | None = None
    for entry in entries:
        match = _match_entry(token, entry, children)
        if match is not None and (best is None or match.specificity > best.specificity):
            best = match
    if best is not None and _receives_an_act(best, children, lexicon):
        return None
    if best is not None and _is_reporting_furniture(token, children):
        return None
    if best is not None and is_contest_result(best, children):
        return None
    if best is not None and is_manhunt(best, children):
        return None
    if best is not None and is_candidacy(best, children):
        return None
    if best is not None and is_weapons_test(best, children):
        test = next((e for e in entries if e.code.startswith("15") and e.object_lemmas), None)
        if test is not None:
            best = _match_entry(token, test, children) or best
    if best is not None and is_peacekeeping(best, children):
        return dataclasses.replace(best, entry=_Reading.of(best.entry, PEACEKEEPING_CODE))
    if (
        best is not None
        and best.entry.code.startswith(("18", "19", "20"))
        and is_verbal_attack(token, children)
    ):
        return dataclasses.replace(best, entry=_Reading.of(best.entry, VERBAL_ATTACK_CODE))
    return best


@dataclass(frozen=True, slots=True)
class _Reading:
    """An entry read with another code: a verbal "attack" is the ACCUSE of CAMEO 111, not
    the ASSAULT its lexicon entry gives (``verbal``), a peacekeeping patrol the AID of 074
    (``senses``); the rest of the entry stands."""

    lemma: str
    pos: str
    particle: str | None
    prep: str | None
    object_lemmas: Collection[str]
    code: str
    plover: Plover | None
    target_role: str | None
    complement: str | None
    source: str

    @classmethod
    def of(cls, entry: LexiconEntryLike, code: str) -> _Reading:
        return cls(
            entry.lemma,
            entry.pos,
            entry.particle,
            entry.prep,
            entry.object_lemmas,
            code,
            None,
            entry.target_role,
            entry.complement,
            f"{getattr(entry, 'source', '') or 'lexicon'}, read as CAMEO {code}"
            " (events/triggers/verbal.py, senses.py)",
        )


# What a source asks of the reporter: "who asked not to be *named*", "requested *anonymity*".
_ANONYMITY_VERBS = frozenset({"name", "identify", "quote", "cite"})
_ANONYMITY_NOUNS = frozenset({"anonymity"})


def _is_reporting_furniture(token: Token, children: Sequence[Token]) -> bool:
    """Whether an "ask" or "request" belongs to the reporting, not the story: a source "who
    asked not to be named" or "requested anonymity", and an interview's "*Asked* if / about
    …, he said" (issue 13: both were coded as requests by the source's country)."""
    if token.pos_ not in _VERB_POS or token.lemma_.lower() not in ("ask", "request"):
        return False
    for child in children:
        if (
            child.dep_ in ("xcomp", "ccomp")
            and child.lemma_.lower() in _ANONYMITY_VERBS
            and any(c.dep_ == "auxpass" for c in child.children)
        ):
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() in _ANONYMITY_NOUNS:
            return True
    # "Asked if Pakistan is doing enough, he said …": a bare participle, asked by the press.
    return (
        token.tag_ == "VBN"
        and token.dep_ == "advcl"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "agent", "auxpass") for c in children)
    )


def _receives_an_act(match: TriggerMatch, children: Sequence[Token], lexicon: LexiconLike) -> bool:
    """Whether a contact verb whose object is the party met ("hosted X", "visited X", "called
    X") has for object an act instead: "received strong *support* from Russia", "*assistance*
    is received by the Houthis" (issue 13: both had been coded as hosting a visit). Such a verb
    is no contact; the act noun, left unconsumed, is coded as the event on its own."""
    entry = match.entry
    if (
        match.is_nominal
        or entry.object_lemmas
        or entry.target_role != "object"
        or not entry.code.startswith("04")
    ):
        return False
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
    # Only a noun that is an act on its own: "troops" is one only as "peacekeeping troops"
    # (an entry with object words), and "visited US troops" stays a visit.
    return any(
        not entry.object_lemmas
        for o in objects
        for entry in (*lexicon.noun_entries(o.lemma_.lower()), *lexicon.noun_entries(o.lower_))
    )


def _is_predicative_intent(token: Token) -> bool:
    """An adjective after a copula with a "to"-infinitive ("is *willing* to withdraw")."""
    return (
        token.pos_ == "ADJ"
        and token.dep_ == "acomp"
        and any(c.dep_ == "xcomp" and is_to_infinitive(c) for c in token.children)
    )


def is_to_infinitive(verb: Token) -> bool:
    """Whether a verb has the infinitive marker "to" ("*to* withdraw")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _match_entry(
    token: Token, entry: LexiconEntryLike, children: Sequence[Token]
) -> TriggerMatch | None:
    score = 0
    particle_token: Token | None = None
    particles = [c for c in children if c.dep_ == "prt"]
    if " " in entry.lemma:
        particle_token = next((c for c in particles if entry.lemma.endswith(" " + c.lower_)), None)
        score += _PARTICLE_POINTS
    elif entry.particle:
        # The small model often parses the particle as a preposition or adverb ("walk *out*
        # of": ``prep`` with "of" under it), so those count when the word is right.
        particle_token = next(
            (
                c
                for c in children
                if c.lower_ == entry.particle and c.dep_ in ("prt", "prep", "advmod")
            ),
            None,
        )
        if particle_token is None:
            return None
        score += _PARTICLE_POINTS
    elif particles and token.pos_ in _VERB_POS:
        # "walk out" must not match the bare "walk" entry; "hold up" is not "hold".
        return None
    object_token: Token | None = None
    if entry.object_lemmas:
        object_token = _object_with_lemma(token, entry.object_lemmas, children)
        if object_token is None:
            return None
        score += _OBJECT_POINTS
    elif entry.code.startswith("04") and any(c.dep_ == "oprd" for c in children):
        # "called him humble", "called the deal a disaster": naming, not a phone call.
        return None
    prep_token: Token | None = None
    if entry.prep:
        prep_token = _prep_child(token, entry.prep, children)
        for host in (object_token, particle_token):
            if prep_token is None and host is not None:
                prep_token = _prep_child(host, entry.prep)
        if prep_token is None:
            return None
        score += _PREP_POINTS
    if entry.complement is not None:
        if not _has_infinitive_complement(children):
            return None
        score += _PREP_POINTS
    return TriggerMatch(token, entry, particle_token, prep_token, object_token, score)


def _has_infinitive_complement(children: Sequence[Token]) -> bool:
    """A direct object and a "to"-infinitive clause: "told *Washington* *to stay* clear"."""
    return any(c.dep_ == "dobj" for c in children) and any(
        c.dep_ in ("xcomp", "ccomp") and is_to_infinitive(c) for c in children
    )


def _object_with_lemma(
    token: Token, lemmas: Collection[str], children: Sequence[Token]
) -> Token | None:
    """The object that an entry's ``object_lemmas`` name: for a verb its direct object (or, in
    the passive, its subject) or the object of another preposition ("come *into force*"); for
    a noun one of its compound or adjective modifiers ("*phone* call") or its "of" complement
    ("suspension *of aid*"). A container noun stands aside for its "of" complement ("a
    *shipment of* ventilators"), and a compound modifier of the object counts after the object
    itself ("ended *mediation* efforts", "ease *curfew* hours")."""
    if token.pos_ in _NOUN_POS:
        candidates = [c for c in children if c.dep_ in ("compound", "amod", "nmod")]
        candidates += [p for p in _of_objects(token) if p.pos_ in _NOUN_POS]
    else:
        candidates = [
            c
            for c in children
            if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "acomp", "xcomp", "ccomp")
            and c.pos_ not in ("VERB", "AUX")
        ]
        if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in _NOUN_POS:
            # "US sanctions *imposed* on X", "the accord *reached* by X and Y": a passive
            # participle's object is the noun it modifies (issue 13).
            candidates.append(token.head)
        # "come into *force*": the object of a preposition counts only close to the verb
        # (3 tokens), or a far "with negotiations …" would make "offer" an offer of talks;
        # "as" names what the object is called at any distance ("named X and Y *as
        # terrorists*").
        candidates += [
            p
            for c in children
            if c.dep_ == "prep"
            for p in c.children
            if p.dep_ == "pobj" and (abs(p.i - token.i) <= _PREP_OBJECT_WINDOW or c.lower_ == "as")
        ]
        # "pulled out *of the six-party talks*": a preposition right after the particle.
        candidates += [
            p
            for particle in children
            if particle.dep_ in ("prt", "prep", "advmod") and particle.i == token.i + 1
            for c in particle.children
            if c.dep_ == "prep" and c.i == particle.i + 1
            for p in c.children
            if p.dep_ == "pobj" and p.i - c.i <= 2 * _PREP_OBJECT_WINDOW
        ]
    expanded: list[Token] = []
    for child in candidates:
        for candidate in (child, *child.conjuncts):
            expanded.extend(_unwrap_container(candidate))
    for candidate in expanded:
        if candidate.lemma_.lower() in lemmas or candidate.lower_ in lemmas:
            return candidate
        if _hyphen_form(candidate) in lemmas:  # "staged a *sit-in*", "a *cease-fire*"
            return candidate
    if token.pos_ in _VERB_POS:
        for candidate in expanded:
            for mod in candidate.children:
                if mod.dep_ == "compound" and (
                    mod.lemma_.lower() in lemmas or mod.lower_ in lemmas
                ):
                    return mod
    return None


def _hyphen_form(token: Token) -> str | None:
    """The hyphenated word that ``token`` ends, lower-cased ("sit-in" for the "in" of
    "sit-in", the tokenizer's three tokens written without spaces), or None."""
    if token.i < 2:
        return None
    doc = token.doc
    hyphen, first = doc[token.i - 1], doc[token.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_:
        return None
    return f"{first.lower_}-{token.lower_}"


def _of_objects(token: Token) -> list[Token]:
    return [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _unwrap_container(token: Token) -> list[Token]:
    """``token``, or for a container noun ("a *shipment* of …") its "of" complements (and
    their conjuncts) first; "$1.7 billion *in* humanitarian assistance" likewise."""
    lemma = token.lemma_.lower()
    inner: list[Token] = []
    if lemma in CONTAINER_NOUNS:
        inner = _of_objects(token)
    elif token.like_num or token.tag_ == "$" or lemma in ("million", "billion", "dollar"):
        inner = [
            p
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "for")
            for p in c.children
            if p.dep_ == "pobj"
        ]
    out: list[Token] = []
    for item in inner:
        out.extend((item, *item.conjuncts))
    return [*out, token]


def _prep_child(token: Token, prep: str, children: Sequence[Token] | None = None) -> Token | None:
    words = prep.split()
    for child in token.children if children is None else children:
        if (
            child.dep_ in ("prep", "agent", "dative")
            and child.lower_ == words[-1]
            and not is_time_phrase(child)
        ):
            return child
        # Two-word prepositions are parsed with the first word as the head ("out of": "out"
        # prt/advmod, "of" its prep; "on behalf of" …): follow one level.
        if len(words) > 1 and child.lower_ == words[0]:
            for grandchild in child.children:
                if grandchild.dep_ == "prep" and grandchild.lower_ == words[-1]:
                    return grandchild
    return None


def is_time_phrase(prep: Token) -> bool:
    """Whether a preposition introduces a time ("*on* Saturday", "*on* Nov. 2") rather than a
    party; such a phrase never attaches an entry's target."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.lower_ in TIME_WORDS or o.like_num or o.ent_type_ in ("DATE", "TIME") for o in objects
    )
