"""Map tokens of a parsed sentence to the actor mentions the actors layer found.

The coder reasons over tokens (heads of dependency arcs); the actors layer hands over spans
(``doc._.actor_mentions``, each with ``span._.actor``). ``MentionIndex`` bridges the two:

* a token inside a mention span is that mention;
* a token whose ``compound``/``appos``/``amod``/``poss``/``nmod`` dependent lies in a mention
  stands for it ("North Korean *leader*" → the mention "North Korean", "Russia's *Chief* of
  General Staff" → "Russia") — one or two levels down, never through a clause;
* a third-person pronoun ("he", "she", "they") with no mention of its own takes the most recent
  *salient* mention before it (a subject beats a more recent non-subject, because in
  "Sikorski criticized Lavrov's attendance … ,' he said" the speaker is the subject), skipping
  mentions that sit inside direct quotations;
* "I"/"me" inside a direct quotation stands for the quotation's speaker (set by the quotes
  step through ``speaker_for_offset``);
* the subject pronoun of a reported clause stands for the reporter when they agree ("*Hungary*
  says *it* will not accept …"), and the argument shows the reporter's words;
* a noun for people, groups or institutions stands for an unnamed actor (``unnamed``), or for
  the named one it belongs to through "of" ("members *of Hamas*");
* a sentence-opening dateline ("MOGADISHU, Somalia --") is never an actor;
* in the **inside view** (``index.inside()``, which the argument finder uses only for a side it
  found no actor for), a noun phrase that is not itself an actor stands for the first actor it
  *contains* through a prepositional complement or an agentive participle: "the death *of a
  Turkish journalist*", "the attack *on the embassy* in Kabul", "a request *by Mr. Erdogan*",
  "the charities *run by* Hafiz Saeed" (``via="contained"``). Event coders code such events
  against the actor inside the phrase (PETRARCH's noun-phrase rules, ICEWS); the confidence
  recipe takes a penalty for it.

>>> index = MentionIndex.from_doc(doc)            # doctest: +SKIP
>>> index.resolve(doc[3]).actor.code               # doctest: +SKIP
'RUSGOV'
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...actors.model import UNRESOLVED, Actor
from ..model import ActorRef
from .unnamed import CIVILIAN_NOUNS, QUANTITY_NOUNS, looks_like_actor, names_a_storm, noun_phrase

__all__ = ["ArgumentActor", "MentionIndex", "actor_ref"]

# Dependents through which a head noun stands for an actor mention it modifies.
_MODIFIER_DEPS = frozenset({"compound", "appos", "amod", "poss", "nmod"})
# An apposition names the head itself ("Brown's predecessor, *Mark Milley*"), so it is tried
# first; then the possessor, the owner of a thing ("*Trump's* Middle East peace plan" is
# Trump's, not the Middle East's; issue 5, fourth round), then the other modifiers.
_MODIFIER_ORDER = ("appos", "poss", "compound", "amod", "nmod")
# Nouns naming a different person than their possessor.
_RELATIONAL_NOUNS = frozenset(
    {
        "predecessor",
        "successor",
        "wife",
        "husband",
        "son",
        "daughter",
        "father",
        "mother",
        "brother",
        "sister",
        "rival",
        "opponent",
        "critic",
        "enemy",
        "adviser",
        "advisor",
        "envoy",
        "lawyer",
        "son-in-law",
        "spokesperson",
        "spokesman",
        "spokeswoman",
    }
)
# Third-person pronouns resolved to an earlier mention; "it" is left out on purpose: in news
# prose it refers to treaties, plans and reports far more often than to states.
_PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them"})
_PERSON_POSSESSIVES = frozenset({"his", "her"})
_FIRST_PERSON = frozenset({"i", "me"})
# "we" inside a direct quotation stands for the body the quotation's speaker speaks for
# ("'We want a long-term partnership with Pakistan,' Boucher said": the US; "'we warn the
# Saudis,' the Houthi spokesman said": the Houthis) when the speaker is a known actor
# (issue 13: a side left implicit in the quotation). Not "us": "they need to stand by us" is
# more often a plea whose roles the coder reads backwards.
_FIRST_PERSON_PLURAL = frozenset({"we"})
# Possessives an event noun's owner may be ("*his* visit to X"); "her" is among the above.
_OWNER_PRONOUNS = frozenset({"his", "their"})
# Subject pronouns of a reported clause that stand for the reporter ("X said *it* would …"):
# "it" included, since here the syntax, not salience, picks the antecedent.
_REPORTED_SELF_PRONOUNS = frozenset({"he", "she", "it", "they"})
# Definite role nouns that corefer with the most recent person ("the minister said").
_ROLE_NOUNS = frozenset(
    {"minister", "president", "leader", "spokesperson", "spokesman", "spokeswoman", "chancellor"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# What "it" may stand for: a state, an inter-governmental organisation, a named group.
_IT_KINDS = frozenset({"state", "igo", "group"})
# Reporters who speak for a body ("it"/"they" in their reported clause is that body).
_SPEAKER_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman"})
# A dateline ends at one of these marks within the sentence's first tokens.
_DATELINE_MARKS = frozenset({"--", "-", "—", "–", ":"})
_DATELINE_WINDOW = 9
# How many sentences back a pronoun may look for its antecedent (news pronouns almost always
# refer within the same or previous two sentences).
_PRONOUN_WINDOW_SENTENCES = 3
# Nouns of "the two sides", "both countries": the pair of actors the story has just named.
_PAIR_NOUNS = frozenset(
    {"side", "country", "nation", "government", "leader", "party", "delegation", "state"}
)
# Prepositions through which a noun phrase is about, or by, an actor it contains, best first:
# the agent ("a request *by* X"), the possessed or affected party ("the death *of* X", "attacks
# *on*/*against*/*into* X", "aid *to* X", "ties *with* X"), then the place ("a base *in* X",
# "*at* X"), which PETRARCH-style coders also code as the target ("bombed a market in Kabul").
# Measured on the studied 70% of the PLV development set (issue 5, third round): the place
# prepositions add about a fifth of the dyads this rule recovers.
_CONTAINING_PREPS = ("by", "of", "on", "against", "into", "to", "with", "from", "over", "in", "at")
# How many prepositional hops the inside view descends ("the attack *on* a building *in*
# Kabul" is two); deeper actors belong to other clauses of thought more often than not.
_CONTAINED_DEPTH = 2


@dataclass(frozen=True, slots=True)
class ArgumentActor:
    """An argument of an event: the token in the clause and the actor it stands for.

    ``span`` is what the event reports as the actor's text and offsets: the mention itself, or
    the pronoun when the actor was reached through one. ``via`` says how: ``"mention"``,
    ``"modifier"``, ``"pronoun"``, ``"speaker"``, ``"unresolved"`` or ``"contained"`` (inside
    a larger noun phrase; the confidence recipe uses it).
    """

    token: Token
    span: Span
    actor: Actor
    via: str

    @property
    def key(self) -> str:
        """Identity for self-event checks and de-duplication: the actor id when resolved."""
        if self.actor.resolved:
            return self.actor.actor_id
        return f"span:{self.span.start_char}:{self.span.end_char}"


def actor_ref(arg: ArgumentActor | None) -> ActorRef | None:
    """The ``Event`` view of an argument (offsets into ``doc.text``)."""
    if arg is None:
        return None
    actor = arg.actor
    if not actor.resolved:
        return ActorRef(
            arg.span.text, arg.span.start_char, arg.span.end_char, *(None,) * 5, via=arg.via
        )
    return ActorRef(
        text=arg.span.text,
        start=arg.span.start_char,
        end=arg.span.end_char,
        actor_id=actor.actor_id,
        name=actor.name,
        code=actor.code or None,
        country=actor.country,
        sector=actor.sector,
        via=arg.via,
    )


class MentionIndex:
    """Token → actor mention lookups over one Doc (built once per Doc, read-only after)."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Span],
        quote_ranges: Sequence[tuple[int, int]] = (),
        speaker_for_offset: Callable[[int], ArgumentActor | None] | None = None,
        actors: Mapping[tuple[int, int], Actor] | None = None,
        *,
        unresolved_actors: bool = False,
        contained_actors: bool = False,
    ) -> None:
        self.doc = doc
        # Whether a noun phrase no actor mention covers may still stand for an (unresolved)
        # actor: a named entity or an institution noun (see ``unnamed``).
        self.unresolved_actors = unresolved_actors
        # Whether ``inside()`` may look inside noun phrases (off in relation mode, where the
        # marked spans are the only actors and an inner one would only compete with them).
        self.contained_actors = contained_actors
        self._sent_starts: list[int] | None = None
        # Explicit actors by (start, end) token offsets win over ``span._.actor`` (relation
        # mode marks spans without touching the Doc's extensions).
        self._actors: dict[tuple[int, int], Actor] = dict(actors or {})
        self.mentions: tuple[Span, ...] = tuple(sorted(mentions, key=lambda s: s.start))
        # Datelines ("MOGADISHU, Somalia --", "PARIS (Reuters) -") name where a story was
        # filed, never a party; the parser often makes them the subject of the first clause.
        self._dateline = dateline_tokens(doc)
        self._by_token: dict[int, Span] = {}
        for span in self.mentions:
            if span.start in self._dateline:
                continue
            for i in range(span.start, span.end):
                self._by_token.setdefault(i, span)
        self._quote_ranges = tuple(quote_ranges)
        self._speaker_for_offset = speaker_for_offset
        # Whether ``resolve`` also looks inside a noun phrase (see ``inside``).
        self.reaches_inside = False
        self._inside_view: MentionIndex | None = None

    @classmethod
    def from_doc(
        cls, doc: Doc, *, unresolved_actors: bool = False, contained_actors: bool = False
    ) -> MentionIndex:
        return cls(
            doc,
            list(doc._.actor_mentions),
            unresolved_actors=unresolved_actors,
            contained_actors=contained_actors,
        )

    def with_quotes(
        self,
        quote_ranges: Sequence[tuple[int, int]],
        speaker_for_offset: Callable[[int], ArgumentActor | None],
    ) -> MentionIndex:
        """A copy that knows the direct quotations (for "I" and for skipping quoted mentions)."""
        return MentionIndex(
            self.doc,
            self.mentions,
            quote_ranges,
            speaker_for_offset,
            self._actors,
            unresolved_actors=self.unresolved_actors,
            contained_actors=self.contained_actors,
        )

    def inside(self) -> MentionIndex:
        """A view of this index whose ``resolve`` also finds an actor contained in a noun phrase
        that is not one ("the death *of a Turkish journalist*"); see the module docstring. The
        index itself when built without ``contained_actors``."""
        if self.reaches_inside or not self.contained_actors:
            return self
        if self._inside_view is None:
            view = copy.copy(self)  # shares the lookup tables; only the flag differs
            view.reaches_inside = True
            self._inside_view = view
        return self._inside_view

    # -- lookups ---------------------------------------------------------------------------

    def actor_of(self, span: Span) -> Actor:
        """The actor of a mention span (UNRESOLVED when the resolver gave none)."""
        explicit = self._actors.get((span.start, span.end))
        return explicit if explicit is not None else _actor_of(span)

    def mention_at(self, token: Token) -> Span | None:
        return self._by_token.get(token.i)

    def in_quote(self, char_offset: int) -> bool:
        return any(start <= char_offset < end for start, end in self._quote_ranges)

    def resolve(self, token: Token) -> ArgumentActor | None:
        """The actor a token stands for, or None (see the module docstring for the rules)."""
        arg = self._resolve(token, inside=self.reaches_inside)
        if arg is None or arg.via not in ("mention", "modifier", "unresolved"):
            return arg
        # "his Iranian counterpart, *Mostafa Mohammad Najjar*": a person's name in apposition
        # to a role noun is the same actor, so the actor's words run to its end. Only after
        # a comma, and only on a role noun (a named head's apposition is often another
        # actor: "Syria, Defence Minister Shoigu said").
        head = arg.span.root
        if head.ent_type_:
            return arg
        for child in head.children:
            if (
                child.dep_ == "appos"
                and child.i >= arg.span.end
                and child.ent_type_ == "PERSON"
                and token.doc[child.left_edge.i - 1].text == ","
            ):
                named = self.mention_at(child)
                if named is not None:
                    span = token.doc[arg.span.start : named.end]
                    return ArgumentActor(arg.token, span, arg.actor, arg.via)
        return arg

    def _resolve(self, token: Token, *, inside: bool) -> ArgumentActor | None:
        if token.i in self._dateline:
            # "MOGADISHU, Somalia -- *A U.S. airstrike* has killed …": the apposition the
            # parser hung on the dateline is the real subject.
            for child in token.children:
                if child.dep_ == "appos" and child.i not in self._dateline:
                    return self._resolve(child, inside=inside)
            return None
        if token.pos_ == "PRON" and token.lower_ in _REPORTED_SELF_PRONOUNS:
            reporter = self._reporting_subject(token)
            if reporter is not None:
                return reporter
        if names_a_storm(token):
            return None  # "Typhoon Haiyan killed 6,000": weather acts on no one
        span = self.mention_at(token)
        if span is not None:
            return ArgumentActor(token, span, self._own_institution(span), "mention")
        span = self._via_modifier(token, depth=2)
        if span is not None:
            return ArgumentActor(token, span, self.actor_of(span), "modifier")
        owner = self._possessor(token)
        if owner is not None:
            return owner
        lower = token.lower_
        if token.pos_ == "PRON":
            plural = lower in _FIRST_PERSON_PLURAL
            if (lower in _FIRST_PERSON or plural) and self._speaker_for_offset is not None:
                if self.in_quote(token.idx):
                    speaker = self._speaker_for_offset(token.idx)
                    if speaker is not None and (not plural or speaker.actor.resolved):
                        return ArgumentActor(token, _token_span(token), speaker.actor, "speaker")
                return None
            if lower == "it":
                return self._it_subject(token)
            if lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS:
                antecedent = self._antecedent(token, person=lower in _PERSON_PRONOUNS)
                if antecedent is not None:
                    # An antecedent in the same sentence is shown as the actor's words ("X
                    # was released after Kiir pardoned *him*": X), as for a reporter's "it".
                    same = antecedent.sent.start == token.sent.start and not self.in_quote(
                        token.idx
                    )
                    span = antecedent if same else _token_span(token)
                    return ArgumentActor(token, span, self.actor_of(antecedent), "pronoun")
            return None
        if lower in _ROLE_NOUNS and any(c.lower_ == "the" for c in token.children):
            antecedent = self._antecedent(token, person=True)
            if antecedent is not None:
                span = token.doc[token.left_edge.i : token.i + 1]
                return ArgumentActor(token, span, self.actor_of(antecedent), "pronoun")
        if self.unresolved_actors and token.lemma_.lower() in QUANTITY_NOUNS:
            # "*Dozens of* Russian peacekeepers", "*a majority of* the guards": the people
            # counted are the actor.
            counted = self._counted(token, inside=inside)
            if counted is not None:
                return counted
        if self.unresolved_actors and looks_like_actor(token):
            owner = self._of_named(token) or self._located(token)
            if owner is not None:
                return owner
            phrase = noun_phrase(token)
            while phrase.start in self._dateline:
                phrase = phrase[1:]
            return ArgumentActor(token, phrase, UNRESOLVED, "unresolved")
        if inside and token.pos_ in ("NOUN", "PROPN", "NUM"):
            return self._contained(token)
        return None

    def _own_institution(self, span: Span) -> Actor:
        """The actor of a mention, with one correction: a one-word institution that names one
        state's ("Congress" is the US legislature) but that another state's name or adjective
        modifies is that state's ("the *Philippine* Congress", "*Nigeria's* Congress",
        "the *Colombian* Congress" were USALEG): its country, the same sector."""
        actor = self.actor_of(span)
        if len(span) != 1 or actor.kind != "state" or not actor.sector or actor.country is None:
            return actor
        root = span.root
        for child in root.children:
            if child.dep_ not in ("amod", "compound", "poss") or child.i >= span.start:
                continue
            named = self.mention_at(child)
            if named is None or named.end > span.start:
                continue
            owner = self.actor_of(named)
            if owner.kind == "state" and owner.country and owner.country != actor.country:
                code = owner.country + actor.sector
                name = f"{owner.name} {span.text}"
                return Actor(code, name, code, owner.country, actor.sector, "state")
        return actor

    def resolve_all(self, tokens: Iterable[Token]) -> list[ArgumentActor]:
        """Resolve each token and its coordinated conjuncts, one entry per distinct actor span."""
        found: list[ArgumentActor] = []
        seen: set[tuple[int, int]] = set()
        for token in tokens:
            pair = self._two_sides(token) or self._people_of_two_sides(token)
            if pair:
                found.extend(pair)
                seen.add((pair[0].span.start, pair[0].span.end))
                continue
            for tok in (token, *token.conjuncts):
                arg = self.resolve(tok)
                if arg is None:
                    continue
                group = [
                    arg,
                    *self._coordinated_owners(tok, arg),
                    *self._nested_conjuncts(tok, arg),
                ]
                for item in sorted(group, key=lambda a: a.span.start):
                    key = (item.span.start, item.span.end)
                    # Distinct actors do not overlap: a conjunct inside a longer name
                    # ("Minister of Foreign Affairs and *Expatriates* of Jordan") is part of it.
                    if key not in seen and not any(
                        a < item.span.end and item.span.start < b for a, b in seen
                    ):
                        seen.add(key)
                        found.append(item)
        return found

    def _two_sides(self, token: Token) -> list[ArgumentActor]:
        """ "*The two sides* signed five agreements", "*Both countries* agreed": the two
        latest actors of different states or organisations in this sentence and the two
        before it, when there are exactly two (reached like a pronoun; the phrase is their
        words). Xinhua and AFP write the second paragraph of a meeting story so."""
        if token.lemma_.lower() not in _PAIR_NOUNS or token.pos_ != "NOUN":
            return []
        if not any(
            c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet")
            for c in token.children
        ):
            return []
        return self.recent_pair(token, self.doc[token.left_edge.i : token.i + 1])

    def recent_pair(self, token: Token, phrase: Span) -> list[ArgumentActor]:
        """The two latest actors of different states or organisations in ``token``'s sentence
        (before it) and the two before it, when there are exactly two, reached like a
        pronoun: the first shown as ``phrase``, the second as ``token`` (``_two_sides``; a
        meeting recalled by "the talks", ``recalled``). Empty otherwise."""
        window_start = self._window_start(token)
        quoted = self.in_quote(token.idx)
        by_key: dict[str, list[Span]] = {}
        for span in reversed(self.mentions):
            if not (window_start <= span.start and span.end <= token.i):
                continue
            if not quoted and self.in_quote(span.start_char):
                continue
            actor = self.actor_of(span)
            if _describes_a_thing(span, actor):
                continue  # "a Mexican pavilion for the Latin American fair": no party
            key = actor.country or actor.code if actor.resolved else None
            if key:
                by_key.setdefault(key, []).append(span)
        if len(by_key) != 2:
            return []
        # Per side its latest person or body rather than a place ("Wen Jiabao", not "Beijing").
        chosen = [
            next((s for s in spans if self.actor_of(s).kind != "state"), spans[0])
            for spans in by_key.values()
        ]
        # The first actor is shown as the whole phrase, the second as its noun: two sides of
        # one event must not share a span (the coder reads that as an actor acting on itself).
        first, second = sorted(chosen, key=lambda s: s.start)
        return [
            ArgumentActor(token, phrase, self.actor_of(first), "pronoun"),
            ArgumentActor(token, _token_span(token), self.actor_of(second), "pronoun"),
        ]

    def _nested_conjuncts(self, token: Token, arg: ArgumentActor) -> list[ArgumentActor]:
        """Actors a misparse nested before a subject's own name: "US President Donald Trump
        *and* Turkish President Recep Tayyip Erdogan spoke" parsed with "Erdogan" the subject
        and "Trump … and" under its title. The mentions that end before the name's own, in
        the subject's words, with "and" between them and it, are its conjuncts (issue 13)."""
        if arg.via != "mention" or token.dep_ not in ("nsubj", "nsubjpass"):
            return []
        start = token.left_edge.i
        if start >= arg.span.start:
            return []
        words = token.doc[start : arg.span.start]
        if not any(t.dep_ == "cc" and t.lower_ == "and" for t in words):
            return []
        return [
            ArgumentActor(span.root, span, self.actor_of(span), "mention")
            for span in self.mentions
            if start <= span.start and span.end <= arg.span.start
        ]

    def _people_of_two_sides(self, token: Token) -> list[ArgumentActor]:
        """ "Senior officials *from the two countries* discussed trade", "leaders *of both
        sides*": people of the pair act for it, as the pair itself would (issue 13)."""
        if not (self.unresolved_actors and looks_like_actor(token)):
            return []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (pair := self._two_sides(obj)):
                        return pair
        return []

    def _coordinated_owners(self, head: Token, arg: ArgumentActor) -> list[ArgumentActor]:
        """The other owners of a head whose modifier is coordinated: "*UK* and EU
        negotiators", "*Nigerian* and British armed forces", "*Pakistan* and Afghanistan's
        intelligence services" stand for two actors each (the head is distributed over the
        conjuncts). Only conjuncts that are actor mentions count."""
        if arg.via not in ("mention", "modifier") or head.pos_ not in ("NOUN", "PROPN"):
            return []
        modifiers = [c for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        # "UK and EU negotiators" is often parsed as two modifiers, the first holding "and".
        joined = any(c.dep_ == "cc" for m in modifiers for c in m.children)
        coordinated = [t for m in modifiers if joined or m.conjuncts for t in (m, *m.conjuncts)]
        owners: list[ArgumentActor] = []
        taken = {(arg.span.start, arg.span.end)}
        for token in coordinated:
            span = self.mention_at(token)
            if span is not None and (span.start, span.end) not in taken:
                taken.add((span.start, span.end))
                owners.append(ArgumentActor(token, span, self.actor_of(span), "modifier"))
        if not owners and arg.via == "modifier" and arg.span.end > head.i + 1:
            # "leaders *of* rival Hamas and Fatah movements": the people of a group named
            # through "of" are the people of each of its coordinated owners (issue 13).
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                            owners.extend(self._coordinated_owners(obj, arg))
        return owners

    def antecedent(self, token: Token) -> Span | None:
        """The mention a third-person pronoun stands for (None for any other token)."""
        lower = token.lower_
        if token.pos_ != "PRON" or (lower not in _PERSON_PRONOUNS and lower not in _GROUP_PRONOUNS):
            return None
        return self._antecedent(token, person=lower in _PERSON_PRONOUNS)

    def owner_antecedent(self, pronoun: Token) -> ArgumentActor | None:
        """The actor a possessive "his" or "their" stands for, like "him" and "them" ("Badawi
        said *his* talks with Bush went well"); None for any other token. Only event nouns ask
        (``nominal``): elsewhere "his" ("his government", "his country") names a thing."""
        lower = pronoun.lower_
        if pronoun.pos_ != "PRON" or lower not in _OWNER_PRONOUNS:
            return None
        span = self._antecedent(pronoun, person=lower == "his")
        if span is None:
            return None
        return ArgumentActor(pronoun, _token_span(pronoun), self.actor_of(span), "pronoun")

    # -- internals -------------------------------------------------------------------------

    def _reporting_subject(self, pronoun: Token) -> ArgumentActor | None:
        """The reporter a subject pronoun of a reported clause stands for: "*Iraq's military*
        says *it* has seized …", "*Hungary* says *it* will not accept …", "*Obama* said *he*
        will not lift …". The argument keeps the pronoun as its token (the clause's syntax)
        and reports the reporter's own words as its span, as the gold data and PETRARCH-style
        coders do; None when the pronoun does not agree with the reporter."""
        if pronoun.dep_ not in _SUBJECT_DEPS:
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
            return None
        subjects = [
            c for c in clause.head.children if c.dep_ == "nsubj" and c.i not in self._dateline
        ]
        if len(subjects) != 1 or subjects[0].pos_ == "PRON":
            return None
        reporter = self._resolve(subjects[0], inside=False)
        if reporter is None or not _agrees(pronoun, subjects[0], reporter.actor):
            return None
        return ArgumentActor(pronoun, reporter.span, reporter.actor, "pronoun")

    def _counted(self, quantity: Token, *, inside: bool) -> ArgumentActor | None:
        for prep in quantity.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    arg = self._resolve(obj, inside=inside)
                    if arg is not None and arg.via in ("mention", "modifier", "unresolved"):
                        start = noun_phrase(quantity).start
                        while start in self._dateline:
                            start += 1
                        end = max(arg.span.end, start + 1)
                        return ArgumentActor(obj, quantity.doc[start:end], arg.actor, arg.via)
        return None

    def _located(self, noun: Token) -> ArgumentActor | None:
        """The country or region whose civilians a people noun names through "in": "help
        *people in Somalia*", "*children in the Afar region*" (PETRARCH codes them as that
        country's civilians). The span runs from the noun to the place."""
        if noun.lemma_.lower() not in CIVILIAN_NOUNS:
            return None
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                span = self.mention_at(obj) if obj.dep_ == "pobj" else None
                if span is None or obj.ent_type_ not in ("GPE", "LOC"):
                    continue
                actor = self.actor_of(span)
                if actor.resolved and actor.sector is None:
                    start = noun_phrase(noun).start
                    while start in self._dateline:
                        start += 1
                    return ArgumentActor(noun, noun.doc[start : span.end], actor, "modifier")
        return None

    def _of_named(self, noun: Token) -> ArgumentActor | None:
        """A named actor an actor noun belongs to through "of": "contingents *of West African
        troops*", "members *of Hamas*", "the leader *of the FDU party*". The span runs from the
        noun to the name, so it shows both."""
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                span = self.mention_at(obj) or self._via_modifier(obj, depth=2)
                if span is not None:
                    start = noun_phrase(noun).start
                    while start in self._dateline:
                        start += 1
                    return ArgumentActor(
                        noun, noun.doc[start : span.end], self.actor_of(span), "modifier"
                    )
        return None

    def _via_modifier(self, token: Token, depth: int) -> Span | None:
        if depth == 0:
            return None
        children = sorted(
            (c for c in token.children if c.dep_ in _MODIFIER_DEPS),
            key=lambda c: _MODIFIER_ORDER.index(c.dep_),
        )
        for child in children:
            if child.dep_ == "poss" and token.lemma_.lower() in _RELATIONAL_NOUNS:
                continue  # "Brown's *predecessor*" is not Brown
            span = self.mention_at(child)
            if span is not None:
                return span
            if child.dep_ == "appos" and token.ent_type_ in ("GPE", "PERSON", "ORG"):
                # "*Haifa*, Israel's third largest city": the apposition's owner is another
                # actor than the named head.
                continue
            deeper = self._via_modifier(child, depth - 1)
            if deeper is not None:
                return deeper
        return None

    def _possessor(self, noun: Token) -> ArgumentActor | None:
        """The person a possessive pronoun on ``noun`` stands for: "questioned *his*
        authority", "criticised *her* remarks" act on that person, as "Pakistan's policy" is
        Pakistan's (issue 13). "His rival" is someone else (``_RELATIONAL_NOUNS``); only a
        direct object counts ("called for aid *on his arrival*" is a time, not a party), and
        only a person the document has resolved."""
        if noun.dep_ != "dobj" or noun.lemma_.lower() in _RELATIONAL_NOUNS:
            return None
        for child in noun.children:
            if child.dep_ != "poss" or child.lower_ not in _PERSON_POSSESSIVES:
                continue
            antecedent = self._antecedent(child, person=True)
            if antecedent is None or not self.actor_of(antecedent).code:
                return None
            same = antecedent.sent.start == child.sent.start and not self.in_quote(child.idx)
            span = antecedent if same else _token_span(child)
            return ArgumentActor(noun, span, self.actor_of(antecedent), "pronoun")
        return None

    def _contained(self, head: Token) -> ArgumentActor | None:
        """The first actor inside the noun phrase ``head`` heads, breadth first through
        ``_CONTAINING_PREPS`` (in their order) and agentive participles ("run *by* X")."""
        frontier = [head]
        for _ in range(_CONTAINED_DEPTH):
            objects: list[Token] = []
            for noun in frontier:
                objects.extend(_complement_objects(noun))
            for obj in objects:
                arg = self._resolve(obj, inside=False)  # one level: no recursion
                if arg is not None:
                    return ArgumentActor(arg.token, arg.span, arg.actor, "contained")
            frontier = objects
        return None

    def _it_subject(self, pronoun: Token, depth: int = 0) -> ArgumentActor | None:
        """ "The Security Council met on Monday. … *It* called on …": "it" as the main subject
        of its sentence stands for the main subject of the sentence before when that is a
        state, an organisation or a group named as one ("it" again, in turn, up to three
        sentences back). Anything else (a plan, a report, a person) leaves it unresolved:
        in news prose "it" is more often a thing than an actor."""
        if pronoun.dep_ != "nsubj" or pronoun.head != pronoun.sent.root:
            return None
        sent = pronoun.sent
        if sent.start == 0 or self.in_quote(pronoun.idx):
            return None
        previous = self.doc[sent.start - 1].sent
        subjects = [c for c in previous.root.children if c.dep_ == "nsubj"]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        if subject.lower_ == "it" and subject.pos_ == "PRON":
            if depth >= 2:
                return None
            found = self._it_subject(subject, depth + 1)
            if found is None:
                return None
            return ArgumentActor(pronoun, _token_span(pronoun), found.actor, "pronoun")
        span = self.mention_at(subject)
        if span is None or self.in_quote(span.start_char):
            return None
        actor = self.actor_of(span)
        if actor.kind not in _IT_KINDS or not _agrees(pronoun, subject, actor):
            return None
        return ArgumentActor(pronoun, _token_span(pronoun), actor, "pronoun")

    def window_start(self, token: Token) -> int:
        """The first token of the sentences a reference at ``token`` looks back over."""
        return self._window_start(token)

    def _window_start(self, token: Token) -> int:
        """The first token of the sentences a reference at ``token`` looks back over: its own
        and the ``_PRONOUN_WINDOW_SENTENCES - 1`` before it."""
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.doc.sents]  # rebuilt on every access
        sent_starts = self._sent_starts
        sent_no = max(i for i, start in enumerate(sent_starts) if start <= token.i)
        return sent_starts[max(0, sent_no - _PRONOUN_WINDOW_SENTENCES + 1)]

    def _antecedent(self, token: Token, *, person: bool) -> Span | None:
        window_start = self._window_start(token)
        token_in_quote = self.in_quote(token.idx)
        candidates = [
            span
            for span in self.mentions
            if window_start <= span.start
            and span.end <= token.i
            and (token_in_quote or not self.in_quote(span.start_char))
            and (not person or self.actor_of(span).kind in ("person", "unresolved"))
        ]
        own = _own_subject(token)
        if own is not None:
            # "Kiir pardoned *him*": an object pronoun never stands for its own verb's
            # subject (a reflexive would), so that subject is no antecedent.
            candidates = [s for s in candidates if not s.start <= own.i < s.end]
        if person:
            persons = [s for s in candidates if self.actor_of(s).kind == "person"]
            candidates = persons or [s for s in candidates if s.root.ent_type_ == "PERSON"]
        if not candidates:
            return None
        # Salience: the most recent subject in the window, else the most recent mention.
        subjects = [s for s in candidates if _is_subject(s)]
        return (subjects or candidates)[-1]


def _own_subject(pronoun: Token) -> Token | None:
    """The subject of the verb whose object (direct, dative or through a preposition)
    ``pronoun`` is, or None."""
    verb = pronoun.head
    if pronoun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif pronoun.dep_ not in ("dobj", "dative"):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _complement_objects(noun: Token) -> list[Token]:
    """The objects of ``noun``'s prepositional complements, ranked by ``_CONTAINING_PREPS``;
    an agentive participle ("the charities *run by* X") counts as a "by" complement. Time
    phrases ("on Sunday") carry no actor and are skipped by resolution itself."""
    ranked: list[tuple[int, int, Token]] = []
    for child in noun.children:
        preps: list[Token] = []
        if child.dep_ == "prep":
            preps = [child]
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            preps = [c for c in child.children if c.dep_ == "agent"]
        for prep in preps:
            name = "by" if prep.dep_ == "agent" else prep.lower_
            if name not in _CONTAINING_PREPS:
                continue
            rank = _CONTAINING_PREPS.index(name)
            ranked.extend((rank, p.i, p) for p in prep.children if p.dep_ == "pobj")
    return [tok for _rank, _i, tok in sorted(ranked, key=lambda r: (r[0], r[1]))]


def dateline_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the datelines that open sentences: an upper-case place name, perhaps a
    country and an agency, up to a dash or colon within the first ``_DATELINE_WINDOW`` tokens
    ("ISLAMABAD --", "THE HAGUE, Netherlands --", "PARIS (Reuters) -", "KABUL:")."""
    found: set[int] = set()
    for sentence in doc.sents:
        first = sentence[0]
        if not (first.is_upper and first.is_alpha and len(first) > 2):
            continue
        for token in sentence[1:_DATELINE_WINDOW]:
            mark = token.text.lstrip(")")  # "KABUL (Pajhwok): " has the token "):"
            spaced = bool(token.whitespace_) and (
                mark == ":" or bool(doc[token.i - 1].whitespace_)
            )  # "BAGHDAD - ", "KABUL: " but not "two-volume"
            if mark in _DATELINE_MARKS and spaced:
                found.update(range(sentence.start, token.i + 1))
                break
    return frozenset(found)


def _agrees(pronoun: Token, antecedent: Token, actor: Actor) -> bool:
    """Whether ``pronoun`` may refer to the actor ``antecedent`` stands for: "he"/"she" to a
    person, "it" to a single non-person, "they" to anything but a single person."""
    person = actor.kind == "person" or antecedent.ent_type_ == "PERSON"
    plural = antecedent.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "conj" for c in antecedent.children
    )
    lower = pronoun.lower_
    if lower in ("he", "she"):
        return person and not plural
    if any(t.lemma_.lower() in _SPEAKER_NOUNS for t in antecedent.subtree):
        # "the coalition *spokesperson* … said that *they* support …": a spokesperson's
        # "it"/"they" is the body spoken for, which the reporter's words name.
        return True
    if lower == "it":
        return not person and not plural
    return plural or not person


def _describes_a_thing(span: Span, actor: Actor) -> bool:
    """Whether a mention only describes a noun: a region's name or adjective ("the *Latin
    American* Trade Fair") or a nationality's adjective on a noun that is no actor ("a
    *Mexican* pavilion"); it names no party of what the story reports. A state's name that
    modifies a noun still does ("*China*-*Mexico* trade")."""
    root = span.root
    if root.dep_ not in ("amod", "compound") or root.head.i in range(span.start, span.end):
        return False
    if actor.kind == "region":
        return True
    adjective = root.pos_ == "ADJ" or root.ent_type_ == "NORP"
    return adjective and not looks_like_actor(root.head)


def _is_subject(span: Span) -> bool:
    root = span.root
    while root.dep_ in ("compound", "appos", "amod", "poss", "conj") and root.head is not root:
        if root.dep_ == "conj" and root.head.dep_ in _SUBJECT_DEPS:
            return True
        root = root.head
    return root.dep_ in _SUBJECT_DEPS


def _actor_of(span: Span) -> Actor:
    actor = span._.actor
    return actor if isinstance(actor, Actor) else UNRESOLVED


def _token_span(token: Token) -> Span:
    return token.doc[token.i : token.i + 1]
