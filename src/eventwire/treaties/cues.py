"""The words treaty extraction looks for: treaty nouns, type cues, lifecycle and obligation
triggers. Lemmas (lower case) unless said otherwise; each group says why it is there."""

from __future__ import annotations

from .model import Firmness, ObligationKind, StepKind, TreatyType

__all__ = [
    "ANAPHORIC_DETERMINERS",
    "ASPIRATION_NOUNS",
    "COMPATIBLE_TYPES",
    "FINITE_TAGS",
    "FIRMNESS_CUES",
    "MAX_DATE_STEPS",
    "MEMBERSHIP_TRIGGERS",
    "OBLIGATION_CUES",
    "OBLIGATION_VERBS",
    "PROPOSAL_NOUNS",
    "PROPOSAL_VERBS",
    "SPEECH_VERBS",
    "STEP_PHRASES",
    "STEP_VERBS",
    "TREATY_NOUNS",
    "TYPED_ONLY_NOUNS",
    "TYPE_CUES",
]

# Nouns that name an agreement. "deal" and "agreement" also name trade deals and agreements to
# meet again, so an untyped, indefinite one is ignored (see TYPED_ONLY_NOUNS).
TREATY_NOUNS = frozenset(
    {"treaty", "pact", "agreement", "accord", "memorandum", "guarantee", "assurance", "deal",
     "alliance", "armistice"}
)  # fmt: skip
# These count only with a type cue ("security guarantees", "peace deal") or as "the X" after a
# treaty was named: "an agreement to resume tomorrow morning" is not a treaty.
TYPED_ONLY_NOUNS = frozenset({"agreement", "deal", "guarantee", "assurance", "alliance", "accord"})
# "the treaty", "this pact": refers back to the agreement named before in the document.
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that"})

# Modifier lemma (or two-word modifier) → treaty type. Checked on the noun's left children.
TYPE_CUES: dict[str, TreatyType] = {
    "defense": "mutual_defence",
    "defence": "mutual_defence",
    "mutual defense": "mutual_defence",
    "mutual defence": "mutual_defence",
    "military": "mutual_defence",
    "mutual assistance": "mutual_defence",
    "security": "security_guarantee",
    "territorial": "security_assurance",
    "assurance": "security_assurance",
    "non-aggression": "non_aggression",
    "nonaggression": "non_aggression",
    "peace": "peace",
    "ceasefire": "peace",
    "armistice": "peace",
    "arms": "arms_control",
    "nuclear": "arms_control",
    "partnership": "partnership",
    "strategic": "partnership",
    "friendship": "partnership",
}
# A noun that is its own type: "the memorandum" of assurances, "the armistice".
NOUN_TYPES: dict[str, TreatyType] = {"assurance": "security_assurance", "armistice": "peace"}

# News says "defense pact" of what the base calls mutual defence, and "security guarantees" of
# what is often only an assurance: these types match each other when merging.
COMPATIBLE_TYPES: dict[TreatyType, frozenset[TreatyType]] = {
    "mutual_defence": frozenset({"mutual_defence", "security_guarantee", "partnership"}),
    "security_guarantee": frozenset({"security_guarantee", "security_assurance", "mutual_defence"}),
    "security_assurance": frozenset({"security_assurance", "security_guarantee"}),
    "partnership": frozenset({"partnership", "mutual_defence"}),
    "non_aggression": frozenset({"non_aggression"}),
    "arms_control": frozenset({"arms_control"}),
    "peace": frozenset({"peace"}),
    "membership": frozenset({"membership"}),
}

# Verb lemma → lifecycle step, when the treaty mention is in the verb's clause.
STEP_VERBS: dict[str, StepKind] = {
    "sign": "signed",
    "conclude": "signed",
    "agree": "signed",
    "ink": "signed",
    "ratify": "ratified",
    "negotiate": "negotiated",
    "suspend": "suspended",
    "freeze": "suspended",
    "withdraw": "withdrawn",
    "quit": "withdrawn",
    "abandon": "withdrawn",
    "scrap": "withdrawn",
    "terminate": "withdrawn",
    "expire": "expired",
    "lapse": "expired",
}
# Verb lemma + object/preposition lemma → step ("come into force", "exchange ratification
# instruments"). The second word must be in the verb's subtree.
STEP_PHRASES: dict[tuple[str, str], StepKind] = {
    ("come", "force"): "in_force",
    ("enter", "force"): "in_force",
    ("go", "effect"): "in_force",
    ("come", "effect"): "in_force",
    ("take", "effect"): "in_force",
    ("exchange", "ratification"): "ratified",
    ("exchange", "instrument"): "ratified",
    ("pull", "out"): "withdrawn",
}
# With an organisation that a treaty founds ("Finland joined NATO", "Armenia froze its
# participation in the CSTO"), these make a step of the subject's membership.
MEMBERSHIP_TRIGGERS: dict[str, StepKind] = {
    "join": "in_force",
    "accede": "in_force",
    "leave": "withdrawn",
    "quit": "withdrawn",
    "withdraw": "withdrawn",
    "exit": "withdrawn",
    "suspend": "suspended",
    "freeze": "suspended",
}
# Offering or asking for an agreement makes it a proposal, not a step of a concluded treaty.
PROPOSAL_VERBS = frozenset({"offer", "propose", "demand", "seek", "want", "request", "suggest"})
PROPOSAL_NOUNS = frozenset({"offer", "proposal", "plan", "demand", "draft"})
# "aspirations to join NATO": a wish, not an accession.
ASPIRATION_NOUNS = frozenset({"aspiration", "goal", "ambition", "bid", "hope", "aim", "desire"})

# Only a finite verb (or a participle after "has/had") asserts that a step happened; "to sign",
# "will ratify", "signing" do not.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})

# Verbs that introduce reported speech: a time expression or actor in the reporting clause
# ("KCNA said Thursday") is not the treaty's.
SPEECH_VERBS = frozenset(
    {"say", "report", "tell", "announce", "add", "state", "claim", "note", "write", "confirm"}
)  # fmt: skip
# How far up the parse a step's date is looked for: the step's own clause and the clause it
# hangs from ("a visit to Pyongyang in June, where he signed…" is 3 steps up from "signed").
MAX_DATE_STEPS = 4

# Verbs by which a treaty states what it commits to ("the agreement obligates both states to…").
OBLIGATION_VERBS = frozenset(
    {"obligate", "oblige", "commit", "require", "bind", "pledge", "provide", "call"}
)  # fmt: skip
# Words (lemmas) in the obligation's clause → obligation kind; the first cue found wins, in
# this order (military assistance before consultation: "consult and assist").
OBLIGATION_CUES: tuple[tuple[frozenset[str], ObligationKind], ...] = (
    (frozenset({"sanction"}), "oppose_sanctions"),
    (frozenset({"assistance", "aid", "defend", "help"}), "military_assistance"),
    (frozenset({"consult", "consultation"}), "consultation"),
    (frozenset({"aggression", "attack"}), "military_assistance"),
)
# Words in the clause → how firm the commitment is; without one, a treaty's duty is binding.
FIRMNESS_CUES: tuple[tuple[frozenset[str], Firmness], ...] = (
    (frozenset({"immediately", "automatically", "delay"}), "automatic"),
    (frozenset({"obligate", "oblige", "require", "bind", "must", "shall"}), "binding"),
    (frozenset({"consult", "consultation"}), "consult"),
    (frozenset({"pledge", "promise", "assure", "assurance"}), "assurance"),
)
