"""Which targets are promises, and which promises evidence can settle.

Reads: a target claim (its frame status when stored, its sentence and figure).  Writes
nothing: ``commitment`` says whether the claim is a promise at all and, if it is, whether
it is measurable; the promise checker follows only promises.

The discipline, in order:
- the frame decides first: an ``assumption`` (a budget's oil price), a ``baseline``, an
  ``actual``, an ``estimate``, a ``revision`` or a ``projection`` (the frame stage marks
  examples and procedural plans as projections) is never a promise;
- then the sentence: meeting dates ("the committee will next meet on 6 November"), vote
  counts ("passed with 88 votes"), worked examples ("a typical family will save..."),
  assumptions ("the budget assumes...") are not commitments whatever the verb;
- a target whose period had ended when it was stated is a promise only when the text
  calls it one ("compared with a target of 4%"): "investors committed $460 million in
  2025" reports money pledged, not a promise of the speaker;
- a promise with no figure is measurable when it names an object evidence can settle (a
  name, or a completion verb with its object: "open a new nursery", "build the Varna
  bridge"); a vague one ("great attention will be paid to...", "make the country a beacon
  of innovation") is ``unmeasurable``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimledger.checks.base import frame_of, period_end
from claimledger.link import ClaimRecord
from claimledger.resources.checks import BAND_WIDTH_MARKS, ILLUSTRATION_GAINS

#: Frame statuses that are never a promise of the speaker.
NOT_PROMISE_STATUSES = frozenset({"assumption", "baseline", "actual", "estimate", "revision", "projection"})

_MEETING = re.compile(
    r"\bwill\s+(?:next\s+|again\s+|also\s+)?(?:meet|convene|reconvene|sit|gather)\b|"
    r"\b(?:next|its)\s+(?:meeting|session|sitting)\s+(?:will\s+be|is)\s+(?:held|scheduled)\b|"
    r"\bwill\s+hold\s+(?:its|a|the)\s+(?:next\s+)?(?:meeting|session|sitting)\b",
    re.I,
)
_VOTES = re.compile(
    r"\b(?:votes?\s+(?:in\s+favou?r|to|against)|with\s+\d[\d,]*\s+votes|voted|ballots?)\b", re.I
)
_EXAMPLE = re.compile(
    r"\b(?:for\s+example|for\s+instance|e\.g\.|typical\s+(?:family|household|worker|pensioner)|"
    r"an?\s+average\s+(?:family|household)|such\s+as\s+a)\b",
    re.I,
)
#: A hypothetical person's gain: an indefinite subject ("a full-time cleaner on the new scale",
#: "an apprentice") with "will / would earn, gain, save".  It illustrates a policy.
_GAINS = "|".join(
    r"\s+".join(map(re.escape, w.split())) for w in sorted(ILLUSTRATION_GAINS, key=len, reverse=True)
)
_ILLUSTRATION = re.compile(
    r"(?:^|[,;:]\s+|\b(?:under|with)\s+[^,]{1,60},\s+)an?\s+(?:[\w-]+\s+){0,7}?"
    rf"(?:will|would|could|stands?\s+to)\s+(?:now\s+|also\s+|then\s+|therefore\s+)?(?:{_GAINS})\b",
    re.I,
)
#: A band's half-width mark right before a figure ("with leeway of ±1.5%").
_BAND_WIDTH = re.compile(
    r"(?:" + "|".join(re.escape(w) for w in sorted(BAND_WIDTH_MARKS, key=len, reverse=True)) + r")\s*$", re.I
)
_ASSUMPTION = re.compile(r"\b(?:assum\w*|based\s+on\s+an?\s+(?:oil|exchange)|premised\s+on)\b", re.I)
_PROMISE_WORDS = re.compile(
    r"\b(?:target\w*|goal|aim\w*|plan\w*|pledge\w*|promis\w*|commitment|objective|will|shall)\b", re.I
)
#: A concrete deliverable: a completion verb and the object it acts on.
_DELIVER = re.compile(
    r"\b(?:build|construct|open|chair|complete|finish|launch|hold|host|adopt|pass|introduce|sign|"
    r"commission|inaugurate|create|establish|publish|privati[sz]e|abolish|repeal|ratify|hire|"
    r"recruit|install|connect|deliver|renovate|rebuild|upgrade|modernise|modernize|extend|"
    r"electrify|pave|plant|vaccinate|train|equip|buy|purchase|raise|cut|reduce|lower|increase|"
    r"double|halve|triple|provide|allocate|pay|start|begin)\b"
    r"(?:\s+(?:a|an|the|all|its|their|new|\w+'s))*\s+(?P<obj>[A-Za-z][\w-]+)",
    re.I,
)
#: Words that make a commitment vague whatever its verb: effort and direction, not a result.
_VAGUE = re.compile(
    r"\b(?:attention|priority|prioriti[sz]e|focus|efforts?|strive|beacon|hub|leader|champion|"
    r"continue\s+to|keep\s+working|strengthen|improve|enhance|foster|promote|support|"
    r"encourage|develop|boost|modern|better|more\s+(?:attractive|competitive|efficient))\b",
    re.I,
)
_VAGUE_OBJECTS = frozenset(
    (
        "attention",
        "priority",
        "focus",
        "effort",
        "efforts",
        "conditions",
        "environment",
        "climate",
        "development",
        "growth",
        "support",
        "work",
        "measures",
        "steps",
        "progress",
        "reforms",
        "cooperation",
        "dialogue",
    )
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}(?:[\s-][A-Z][a-z]{2,})*")


@dataclass(frozen=True, slots=True)
class Commitment:
    """Is a target a promise (``promise``), can evidence settle it (``measurable``), and why."""

    promise: bool
    measurable: bool
    why: str


def commitment(t: ClaimRecord) -> Commitment:
    """Decide whether ``t`` (a claim of kind ``target``) is a promise (module doc)."""
    frame = frame_of(t)
    if frame is not None and frame.status in NOT_PROMISE_STATUSES:
        return Commitment(False, False, f"the frame reads it as {frame.status}")
    s = t.sentence
    if _ASSUMPTION.search(s):
        return Commitment(False, False, "a stated assumption")
    if _MEETING.search(s):
        return Commitment(False, False, "a meeting date")
    if _VOTES.search(s) or (t.noun or "") in ("vote", "ballot"):
        return Commitment(False, False, "a vote count")
    before = s[: t.q_rel[0]]
    if t.has_quantity and (
        _BAND_WIDTH.search(before)
        or (before.rstrip().endswith("+") and (t.q_text or "").startswith(("-", "\u2212", "\u2013")))
    ):  # "±1.5%", or "+-1 percent" read as a negative figure
        return Commitment(False, False, "the width of a band around a target, not a target")
    if _EXAMPLE.search(s) or _ILLUSTRATION.search(s):
        return Commitment(False, False, "an example")
    end = period_end(t.period)
    if end is not None and t.published is not None and end < t.published and not _PROMISE_WORDS.search(s):
        return Commitment(
            False, False, "its period had ended when it was stated and nothing calls it a target"
        )
    if t.has_quantity:
        return Commitment(True, True, "a figure to reach")
    if concrete_object(s) is not None:
        return Commitment(True, True, "a deliverable evidence can settle")
    return Commitment(True, False, "no figure and no object that evidence could settle")


def concrete_object(sentence: str) -> str | None:
    """The object of a completion verb ("nursery" in "open a new nursery"), or a name of
    a project or place other than the sentence's first word; None for a vague commitment."""
    for m in _DELIVER.finditer(sentence):
        obj = m.group("obj").lower()
        if obj not in _VAGUE_OBJECTS and not _VAGUE.fullmatch(obj):
            return obj
    if _VAGUE.search(sentence):
        return None
    names = [m.group(0) for m in _NAME.finditer(sentence)]
    return names[0].lower() if names else None
