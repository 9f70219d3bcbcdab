"""Modality and attribution of an event trigger: did the text assert that the event happened?

Analyses count asserted events only, so the costly error is to call a non-asserted event
asserted; every cue below errs towards "not asserted". The judgement walks from the trigger up
the dependency tree and collects cues:

* **negated** — ``neg`` on the trigger ("did *not* sign") or on a verb that controls it
  ("did not agree to meet"); the determiner "no" on a noun that governs it ("has *no plans* to
  meet") or on a nominal trigger ("*no* talks"); "without" ("left *without* meeting");
  a controlling verb of failure ("*failed* to reach", "*refused* to meet", "*declined* to").
  "Refuse"/"decline"/"reject" are themselves REJECT events when the lexicon lists them: the
  refusal is asserted, the refused act is negated.
* **denied** — the trigger sits under a verb of denial ("*denied* supplying", "dismissed
  reports that"); the denier is the attribution.
* **alleged** — under a verb or noun of allegation ("*accused* X *of* supplying", "*claimed*
  that", "*allegations* that", "said *without evidence*"), or with "allegedly"; the accuser is
  the attribution.
* **hypothetical** — a condition ("*if*", "*unless*") on the clause or a modal of possibility
  ("could", "might", "may", "should", "must", "can"); a counterfactual ("*would have*
  allowed X to extradite", "*could have* attacked"), which also makes what it governs
  hypothetical.
* **hypothetical**, too — opinion and rhetoric (issue 13): a question ("*Will* China attack
  Taiwan*?*", "Why would Russia invade?": a "?" on the trigger's clause or a clause that
  controls it); an exhortation ("it is *time* for Europe to sanction Iran", "it is high time the
  EU recognised …"); a present obligation ("Britain *needs to* condemn", "*ought to* withdraw",
  "*has to* pull out"); a supposition ("*Suppose* China blockaded Taiwan").
* **alleged**, too — "*according to* X" on the clause, or a report by an unnamed source
  ("…, *sources* said", "*witnesses* said"): the news has it second-hand (issue 13); and a
  reading by an analyst ("China wants to punish Taipei, *said X, a professor* at Y",
  "*analysts believe* …"): an expert's remark about states is no report of their act.
* **intended** — future or intention: "will", "would", "shall" ("would walk out"), "going to",
  "is to" ("is to meet", "was to continue"),
  a controlling verb of intention ("*pledged* to", "*plans* to", "*offered* to", "*vowed*",
  "*agreed* to": the agreement is asserted, what was agreed is intended), a noun of intention
  ("a *plan* to", "an *offer* to"), a purpose infinitive ("dispatching troops *to fight*").

When several cues apply the first of negated, denied, alleged, hypothetical, intended wins.
Cues on the trigger's own clause and on clauses that control it (``xcomp``, coordinated verbs
without their own subject, infinitives on nouns) all count; from further up only the scope cues
(allegation, denial, "without") count: "X said Y *would* attack" makes the attack intended
through the attack's own "would", not through "said". The walk stops at a relative clause.

:func:`find_denials` separately finds dismissals of a claim ("a *claim* Pyongyang has called
"absurd"", "X *denied* …") so the coder can emit the denier's own REJECT/DENY event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span, Token

from ..model import Modality
from ..sides.clause import contact_purpose_head, coordination_head, implicit_subject
from ..sides.mentions import ArgumentActor, MentionIndex
from ..triggers.matching import is_to_infinitive

__all__ = [
    "MODALITY_PRECEDENCE",
    "Denial",
    "ModalityJudgement",
    "assess_modality",
    "find_denials",
]

MODALITY_PRECEDENCE: tuple[Modality, ...] = (
    "negated",
    "denied",
    "alleged",
    "hypothetical",
    "intended",
)
ALLEGATION_VERBS = frozenset(
    {"accuse", "allege", "claim", "charge", "blame", "suspect", "contend", "assert"}
)
ALLEGATION_NOUNS = frozenset(
    {"accusation", "allegation", "claim", "charge", "suspicion", "rumour", "rumor"}
)
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "rebuff", "disavow"})
# Verbs whose clausal complement is what someone wants to happen, not what happened: in
# "Putin demanded Ukraine withdraw troops", the withdrawal is not a deed (the demand is its own
# REQUEST event). The complement is marked hypothetical so analyses do not count it.
DEMAND_VERBS = frozenset({"demand", "urge", "press", "request", "require"})
# Verbs that ask or order someone to act only with a "to"-infinitive; their "that" clause is
# reported speech ("told Washington *to stay clear*" vs "told reporters *that* …"): what they
# ask for has not happened. They overlap ``clause.OBJECT_CONTROL`` on purpose, as two questions
# of one construction: OBJECT_CONTROL says whose act the "to" clause is (the object's: "urged
# Iran to talk" is Iran's talking), BIDDING_VERBS that the act has not happened. Control verbs
# whose act may well have happened ("allowed X to leave", "helped X to rebuild") are only in
# OBJECT_CONTROL.
BIDDING_VERBS = frozenset(
    {"ask", "tell", "pressure", "push", "order", "instruct", "direct", "advise", "encourage",
     "call", "warn", "invite", "persuade", "force", "compel"}
)  # fmt: skip
# Verbs whose "against" phrase names an act they warn off: "warned X against deploying".
WARNING_VERBS = frozenset({"warn", "caution", "advise", "urge", "counsel"})
FAILURE_VERBS = frozenset({"fail", "refuse", "decline", "reject", "avoid", "cancel", "postpone"})
INTENT_VERBS = frozenset(
    {
        "pledge",
        "promise",
        "vow",
        "plan",
        "intend",
        "aim",
        "offer",
        "seek",
        "want",
        "hope",
        "expect",
        "prepare",
        "agree",
        "decide",
        "threaten",
        "propose",
        "try",
        "attempt",
        "wish",
        "commit",
        "resolve",
        "undertake",
        "mean",
        "arrange",
        "schedule",
        "set",
        "due",
        "consider",
        "discuss",
        "call",
        "urge",
        "ask",
        "demand",
        "push",
        "press",
        # What one favours or advocates has not happened ("Rome, which favours dialogue
        # with Damascus": no dialogue was held; issue 13).
        "favour",
        "favor",
        "advocate",
        "envisage",
        "envision",
    }
)
INTENT_NOUNS = frozenset(
    {
        "plan",
        "pledge",
        "promise",
        "offer",
        "intention",
        "bid",
        "proposal",
        "readiness",
        "commitment",
        "threat",
        "vow",
        "goal",
        "aim",
        "attempt",
        "effort",
        "call",
        "demand",
        "request",
        "willingness",
        "desire",
        "aspiration",
    }
)
INTENT_ADJECTIVES = frozenset(
    {"planned", "proposed", "expected", "future", "upcoming", "scheduled"}
)
# Predicative adjectives that control an intended act ("is *willing* to withdraw").
INTENT_PREDICATES = frozenset(
    {
        "willing",
        "ready",
        "prepared",
        "determined",
        "eager",
        "keen",
        "poised",
        "set",
        "due",
        "about",
        "committed",
        "resolved",
        "intent",
        "open",
    }
)
HYPOTHETICAL_ADJECTIVES = frozenset({"possible", "potential", "prospective", "hypothetical"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "’ll"})
POSSIBILITY_AUX = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
# Verbs of present obligation that control what ought to happen ("needs to condemn", "ought to
# withdraw", "has to pull out"), and imperatives that set up a supposition ("Suppose China
# blockaded Taiwan"). In the past tense an obligation is usually a deed ("had to withdraw").
OBLIGATION_VERBS = frozenset({"need", "ought", "have"})
SUPPOSITION_VERBS = frozenset({"suppose", "imagine", "assume"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
ALLEGATION_ADVERBS = frozenset({"allegedly", "reportedly", "purportedly", "supposedly"})
# Subjects of a reporting verb that make what they report second-hand ("…, sources said").
UNNAMED_SOURCES = frozenset({"source", "witness", "report", "rumor", "rumour", "insider"})
REPORTING_VERBS = frozenset({"say", "tell", "report", "claim", "add", "state"})
# Who reads the news rather than makes it, and the verbs of their reading.
EXPERT_NOUNS = frozenset(
    {"analyst", "expert", "professor", "researcher", "scholar", "academic", "commentator",
     "lecturer", "economist", "historian", "specialist", "pundit", "strategist", "sinologist",
     "kremlinologist", "columnist", "think-tank"}
)  # fmt: skip
ANALYSIS_VERBS = frozenset(
    {"say", "tell", "add", "note", "argue", "believe", "think", "suggest", "explain", "write",
     "observe", "reckon", "contend", "point"}
)  # fmt: skip
# Words that, as the complement of "call"/"describe as" over a claim noun, dismiss it.
DISMISSIVE_WORDS = frozenset(
    {
        "absurd",
        "false",
        "baseless",
        "groundless",
        "fabrication",
        "lie",
        "lies",
        "ridiculous",
        "nonsense",
        "untrue",
        "unfounded",
        "fake",
        "slander",
        "preposterous",
        "fabricated",
    }
)
_CONTROL_DEPS = frozenset({"xcomp"})
_NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos", "conj", "oprd"})
# Hops from the trigger to the top of its sentence that the walk follows at most; the deepest
# chain in the seeds ("accused … of getting involved … by dispatching … to fight") has 7.
_MAX_HOPS = 10


@dataclass(frozen=True, slots=True)
class ModalityJudgement:
    """The modality of one trigger, who the text credits with the claim, and the deciding cue.

    ``attribution`` holds the accusers of an alleged event or the deniers of a denied one
    (coordinated accusers each appear); ``cue`` is the word that decided (for explanations).
    """

    modality: Modality
    attribution: tuple[ArgumentActor, ...] = ()
    cue: Token | None = None


@dataclass(frozen=True, slots=True)
class Denial:
    """A dismissal of a claim: who dismisses it, the word that does, and who made the claim."""

    trigger: Token
    deniers: tuple[ArgumentActor, ...]
    accusers: tuple[ArgumentActor, ...]


def assess_modality(trigger: Token, index: MentionIndex) -> ModalityJudgement:
    """Judge the modality of the event expressed by ``trigger`` (see the module docstring)."""
    found: dict[Modality, tuple[Token, tuple[ArgumentActor, ...]]] = {}

    def note(modality: Modality, cue: Token, attribution: tuple[ArgumentActor, ...] = ()) -> None:
        found.setdefault(modality, (cue, attribution))

    _local_cues(trigger, note, own=True, index=index)
    rhetoric = _rhetoric(trigger)
    if rhetoric is not None:
        note("hypothetical", rhetoric)
    node = trigger
    local = True  # still inside the trigger's own clause or a clause that controls it
    for _ in range(_MAX_HOPS):
        head = coordination_head(node)
        if head.i == node.i or node.dep_ == "relcl":
            break
        dep = node.dep_
        if dep == "prep" or dep == "agent":
            node = head  # "without" was judged one step below, with its object
            continue
        if dep in ("pcomp", "pobj") and head.dep_ in ("prep", "agent"):
            governor = head.head
            if head.lower_ == "without" and node.lemma_.lower() in ("evidence", "proof"):
                # "said *without evidence* that …" (parsed with the clause under the noun).
                note("alleged", node, tuple(index.resolve_all(implicit_subject(governor, 0))))
            elif head.lower_ == "without":
                note("negated", head)
            _scope_cues(governor, head, index, note)
            node = head
            continue
        purpose_of = contact_purpose_head(node)
        if purpose_of is not None and purpose_of.i == head.i:
            # "called Erdogan to apologize": done during the call, as sure as the call is.
            if local:
                _local_cues(head, note, own=True, index=index)
        elif dep == "conj":
            # A coordinated verb shares the first verb's auxiliaries and negation ("will not
            # meet or call"), not its meaning: in "denied sending drones and accused the EU",
            # the denial's scope is its own complement, not the accusation.
            if local and not _has_subject(node):
                _local_cues(head, note, own=True, index=index)
            else:
                local = False
        elif dep in _CONTROL_DEPS:
            if local:
                _local_cues(head, note, own=False, index=index)
            _scope_cues(head, node, index, note)
        elif dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
            if local:
                _nominal_cues(head, note)
            _scope_cues(head, node, index, note)
        elif dep == "ccomp":
            local = False
            _scope_cues(head, node, index, note)
        elif dep == "advcl":
            if is_to_infinitive(node) and local:
                note("intended", node)  # purpose infinitive
            elif (
                local
                and node.tag_ == "VBG"
                and (_rules_out(head) or head.lemma_.lower() in FAILURE_VERBS)
                and not _has_subject(node)
            ):
                # "has ruled out working with Iran", the gerund parsed as an adverbial
                # clause: the refused act, as in "refused to work" (issue 13: coded as an
                # asserted cooperation on a Gigaword story).
                note("negated", head)
            local = False
            _scope_cues(head, node, index, note)
        elif dep in _NOMINAL_DEPS:
            # A nominal trigger (or the noun above it) inside a clause: the clause's cues
            # apply to it ("did not hold talks"), as long as we are still local.
            if local and head.pos_ in ("VERB", "AUX") and _clause_carries(node, head):
                _local_cues(head, note, own=False, index=index)
            _scope_cues(head, node, index, note)
        else:
            local = False
        node = head
    for modality in MODALITY_PRECEDENCE:
        if modality in found:
            cue, attribution = found[modality]
            return ModalityJudgement(modality, attribution, cue)
    return ModalityJudgement("asserted")


def find_denials(sentence: Span, index: MentionIndex) -> list[Denial]:
    """Dismissals of a claim in ``sentence``: "a claim X has called absurd", "X denied …"."""
    denials: list[Denial] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in DENIAL_VERBS:
            deniers = tuple(index.resolve_all(implicit_subject(token, 0)))
            if deniers:
                denials.append(Denial(token, deniers, _accusers_of_claim(token, index)))
            continue
        if token.pos_ == "VERB" and lemma in ("call", "describe", "label", "brand", "term"):
            if not any(_dismissive(c) for c in token.children):
                continue
            claim = token.head if token.dep_ in ("relcl", "acl") else None
            if claim is None:
                claim = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if claim is None or claim.lemma_.lower() not in ALLEGATION_NOUNS | {"report"}:
                continue
            deniers = tuple(index.resolve_all(implicit_subject(token, 0)))
            if token.dep_ == "relcl":
                deniers = tuple(index.resolve_all([c for c in token.children if c.dep_ == "nsubj"]))
            if deniers:
                denials.append(Denial(token, deniers, _accusers_of_claim(claim, index)))
    return denials


# -- cue collection ---------------------------------------------------------------------------


def _rules_out(verb: Token) -> bool:
    """ "ruled out working with Iran", "ruled out talks": a refusal like "refused to work"."""
    return verb.lemma_.lower() == "rule" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in verb.children
    )


def _local_cues(verb: Token, note: _Note, *, own: bool, index: MentionIndex | None = None) -> None:
    lemma = verb.lemma_.lower()
    if not own:
        if lemma in FAILURE_VERBS or _rules_out(verb):
            note("negated", verb)
        elif lemma in DENIAL_VERBS:
            note("denied", verb)
        elif lemma in INTENT_VERBS or verb.lower_ in INTENT_PREDICATES:
            note("intended", verb)
        elif (
            lemma in OBLIGATION_VERBS
            and verb.tag_ in _PRESENT_TAGS
            and any(c.dep_ == "xcomp" and is_to_infinitive(c) for c in verb.children)
        ):
            note("hypothetical", verb)  # "needs to condemn", "ought to withdraw"
        if verb.pos_ in ("NOUN", "PROPN"):
            _nominal_cues(verb, note)
    if verb.pos_ in ("NOUN", "PROPN") and own:
        _nominal_cues(verb, note)
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "neg":
            note("negated", child)
        elif child.dep_ == "aux":
            if word in FUTURE_AUX:
                note("intended", child)
            elif word in POSSIBILITY_AUX:
                note("hypothetical", child)
        elif child.dep_ == "mark" and word in CONDITION_MARKS:
            note("hypothetical", child)
        elif child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children
        ):
            # "would walk out *if* …": the main clause of a condition is hypothetical.
            if any(
                a.dep_ == "aux" and a.lower_ in FUTURE_AUX | POSSIBILITY_AUX for a in verb.children
            ):
                note("hypothetical", child)
        elif child.dep_ == "advmod" and word in ALLEGATION_ADVERBS:
            note("alleged", child)
        elif child.dep_ == "prep" and word == "according":
            sources = [g for t in child.children if t.lower_ == "to" for g in t.children]
            found = tuple(index.resolve_all(sources)) if index is not None else ()
            note("alleged", child, found)
        elif child.dep_ == "advmod" and word == "never":
            note("negated", child)
    if _counterfactual(verb):
        note("hypothetical", verb)  # "would have attacked": it did not happen
    if lemma == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        note("intended", verb)  # "going to meet"
    if (
        not own
        and lemma == "be"
        and any(c.dep_ == "xcomp" and is_to_infinitive(c) for c in verb.children)
    ):
        note("intended", verb)  # "is to meet", "was to continue": an arrangement, not a deed


def _rhetoric(trigger: Token) -> Token | None:
    """The cue that makes the trigger's clause a question, an exhortation or a supposition
    (module docstring), or None. Walks from the trigger through the clauses that control it;
    stops at a relative clause and after a clausal complement (a question about a report does
    not question the reported deed)."""
    node = trigger
    for _ in range(_MAX_HOPS):
        mark = next((c for c in node.children if c.dep_ == "punct" and c.text == "?"), None)
        if mark is not None:
            return mark
        head = node.head
        if head.i == node.i or (node.dep_ == "relcl" and head.lemma_.lower() != "time"):
            return None
        if head.lemma_.lower() == "time" and _exhorts(head, node):
            return head
        if node.dep_ == "ccomp":
            time = next((c for c in head.children if c.lemma_.lower() == "time"), None)
            if head.lemma_.lower() == "be" and time is not None and _exhorts(time, node):
                return head  # "it is high time the EU recognised …"
            if head.lemma_.lower() in SUPPOSITION_VERBS and not _has_subject(head):
                return head  # "Suppose China blockaded Taiwan"
            return None
        node = head
    return None


def _exhorts(time: Token, clause: Token) -> bool:
    """ "it is time *for X to act*", "now is the time for X to act", "it is high time X acted":
    the noun "time", subject or attribute of "be", with a to-infinitive clause, or with any
    clause when "time" has no determiner; "time" is singular and bare or "high" ("the last time X
    attacked", "the first time X has sent", "there were many times X disagreed" are deeds)."""
    if time.head.lemma_.lower() != "be" or time.dep_ not in ("attr", "nsubj"):
        return False
    if clause.dep_ not in ("relcl", "acl", "ccomp"):
        return False
    if time.tag_ != "NN" or any(
        c.dep_ == "amod" and c.lower_ not in _EXHORTING_ADJECTIVES for c in time.children
    ):
        return False  # "there were many times that …", "the first time …": deeds
    if is_to_infinitive(clause):
        return True
    return not any(c.dep_ in ("det", "poss") for c in time.children)


_EXHORTING_ADJECTIVES = frozenset({"high", "right"})


def _counterfactual(verb: Token) -> bool:
    """ "would have allowed", "could have attacked": a modal with the perfect "have"."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return "have" in auxiliaries and bool(auxiliaries & (FUTURE_AUX | POSSIBILITY_AUX))


def _nominal_cues(noun: Token, note: _Note) -> None:
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.dep_ in ("det", "neg") and child.lower_ in ("no", "not", "never"):
            note("negated", child)
        elif child.dep_ == "amod" and child.lower_ in INTENT_ADJECTIVES:
            note("intended", child)
        elif child.dep_ == "amod" and child.lower_ in HYPOTHETICAL_ADJECTIVES:
            note("hypothetical", child)
    if lemma in INTENT_NOUNS and not _is_conversation(noun):
        note("intended", noun)


def _is_conversation(noun: Token) -> bool:
    """Whether a "call" is a conversation held, not an appeal: "a (phone) call *with* X",
    "the call *between* X and Y" (issue 13: "a transcript of a call between the two
    presidents" had become a promise to meet)."""
    return noun.lemma_.lower() == "call" and any(
        (c.dep_ == "prep" and c.lower_ in ("with", "between"))
        or (c.dep_ in ("compound", "amod") and c.lower_ in ("phone", "telephone", "video"))
        for c in noun.children
    )


def _scope_cues(governor: Token, via: Token, index: MentionIndex, note: _Note) -> None:
    """Allegation and denial cues of a governing word reached from below through ``via``."""
    lemma = governor.lemma_.lower()
    if governor.pos_ in ("VERB", "AUX"):
        # Any route up except the accuser's own subject: "accused X *of* …" attaches "of" to
        # the verb or (a common parse) to the object X, so the walk may arrive via ``dobj``.
        if lemma in ALLEGATION_VERBS and via.dep_ not in ("nsubj", "nsubjpass", "csubj"):
            note("alleged", governor, tuple(index.resolve_all(implicit_subject(governor, 0))))
        elif lemma in DENIAL_VERBS:
            note("denied", governor, tuple(index.resolve_all(implicit_subject(governor, 0))))
        elif (lemma in DEMAND_VERBS and via.dep_ in ("ccomp", "xcomp")) or (
            lemma in BIDDING_VERBS and via.dep_ == "xcomp"
        ):
            note("hypothetical", governor)
        elif lemma in WARNING_VERBS and via.dep_ == "prep" and via.lower_ == "against":
            # "warned Washington *against deploying* missiles": what one warns against has
            # not happened (and is not the warner's act).
            note("hypothetical", governor)
        elif lemma in ("say", "state", "assert", "insist") and _without_evidence(governor):
            note("alleged", governor, tuple(index.resolve_all(implicit_subject(governor, 0))))
        elif lemma in REPORTING_VERBS and _unnamed_source(governor):
            note("alleged", governor)
        elif lemma in ANALYSIS_VERBS and via.dep_ in ("ccomp", "xcomp") and _expert(governor):
            note("alleged", governor, tuple(index.resolve_all(implicit_subject(governor, 0))))
        elif _counterfactual(governor):
            note("hypothetical", governor)  # "a bill that would have allowed X to extradite"
    elif governor.pos_ in ("NOUN", "PROPN") and lemma in ALLEGATION_NOUNS:
        note("alleged", governor, _accusers_of_claim(governor, index))


def _expert(verb: Token) -> bool:
    """Whether the speaker of a reporting verb is an analyst, not a party: "…, *said* X, *a
    professor* at Y", "analysts *believe* …" (issue 13: an analyst's reading of a state's
    aims was coded as the state's act)."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        words = [subject, *(a for a in subject.children if a.dep_ == "appos")]
        if any(w.lemma_.lower() in EXPERT_NOUNS or w.lower_ in EXPERT_NOUNS for w in words):
            return True
    return False


def _unnamed_source(verb: Token) -> bool:
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in UNNAMED_SOURCES
        for c in verb.children
    )


def _without_evidence(verb: Token) -> bool:
    return any(
        child.dep_ == "prep"
        and child.lower_ == "without"
        and any(p.lemma_.lower() in ("evidence", "proof") for p in child.children)
        for child in verb.children
    )


def _accusers_of_claim(word: Token, index: MentionIndex) -> tuple[ArgumentActor, ...]:
    """Who made the claim that ``word`` (a claim noun or a denial verb) refers to.

    "X accused Y of Z, a claim W called absurd": the claim noun is an object/apposition of
    "accused", whose subject made the claim. For "X denied Y's claims", the possessive.
    """
    node = word
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in ALLEGATION_VERBS:
            return tuple(index.resolve_all(implicit_subject(node, 0)))
        for child in node.children:
            if child.dep_ == "poss":
                return tuple(index.resolve_all([child]))
        if node.head.i == node.i:
            break
        node = node.head
    return ()


def _dismissive(token: Token) -> bool:
    if token.lower_ in DISMISSIVE_WORDS:
        return True
    return token.dep_ in ("oprd", "acomp", "attr", "dobj", "xcomp") and any(
        t.lower_ in DISMISSIVE_WORDS for t in token.subtree
    )


# Predicates that only say an event subject happens ("talks *will take place*"): their cues
# apply to the subject noun; other predicates ("the meeting *will make* a contribution") do not.
_HAPPENING_VERBS = frozenset(
    {
        "take",
        "begin",
        "start",
        "continue",
        "resume",
        "happen",
        "occur",
        "end",
        "go",
        "be",
        "come",
        "last",
        "proceed",
    }
)


def _clause_carries(noun: Token, verb: Token) -> bool:
    if noun.dep_ == "nsubj":
        return verb.lemma_.lower() in _HAPPENING_VERBS
    return True


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


class _Note(Protocol):
    def __call__(
        self, modality: Modality, cue: Token, attribution: tuple[ArgumentActor, ...] = ()
    ) -> None: ...
