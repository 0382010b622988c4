"""Checker ``checks.promise.v1``: every target gets a status, decided from later evidence.

Reads: target claims (with or without a figure); for each, claims published later that
report the same indicator (numeric evidence), or sentences of later documents that name
the same thing with a verb of completion or of delay (text evidence); reviewers'
``promise_overrides``.  Writes one ``promise`` finding per target, whose id depends on the
target alone, so it keeps its id as evidence arrives.

Statuses: ``kept`` (the outcome meets the target), ``partly_kept`` (deadline passed, at
least ``PARTLY_SHARE`` of it reached), ``not_kept`` (deadline passed, less, or a later
statement says it was dropped or postponed), ``in_progress`` (evidence of progress before
the deadline), ``not_due`` (no evidence, deadline ahead or none stated) and ``due`` (no
evidence, deadline passed: unverified, never guessed).  A reviewer's status wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date

from claimledger.checks._fmt import stated
from claimledger.checks.base import (
    COMMON_NAMES,
    CheckContext,
    fmt_period,
    is_actual,
    is_deadline,
    make_finding,
    other_place,
    part_of_total,
    period_end,
    period_years,
    proper_names,
    same_kind,
    scale,
)
from claimledger.link import ClaimRecord, count_noun, dimension
from claimledger.models import Finding, Severity
from claimledger.resources import checks as check_words
from claimledger.resources.indicators import FILLER, STOP, UNIT_WORDS, VERBS
from claimledger.resources.words import singular

NAME = "checks.promise.v1"

#: An outcome within 2% of the target counts as meeting it ("nearly 27 million tons"
#: against 27 million is met in any journalist's reading).
KEPT_TOLERANCE = 0.02
#: At or above three quarters of the target once the deadline has passed: partly kept.
PARTLY_SHARE = 0.75
#: Text evidence needs this share of the target's content words (and at least
#: ``MIN_SHARED`` of them) when no distinctive name links the two sentences.
WORD_OVERLAP = 0.6
MIN_SHARED = 3

_DOWN = re.compile(
    r"\b(?:reduc\w*|cut\w*|lower\w*|decreas\w*|below|under|bring\s+down|halv\w*|"
    r"curb\w*|limit\w*)\b",
    re.I,
)
_DONE = re.compile(
    r"\b(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:successfully\s+|finally\s+|"
    r"officially\s+)?(?:held|hosted|opened|completed|finished|launched|built|commissioned|"
    r"adopted|introduced|signed|inaugurated|delivered|achieved|implemented|met|reached|"
    r"published|organi[sz]ed|established|created)|held|hosted|took\s+place|opened|completed|"
    r"finished|launched|commissioned|inaugurated|came\s+into\s+(?:operation|force)|"
    r"operational|in\s+operation|in\s+service|up\s+and\s+running|"
    r"began|started|chaired|presided)\b",
    re.I,
)
_STALLED = re.compile(
    r"\b(?:postponed|delayed|cancell?ed|called\s+off|abandoned|dropped|shelved|"
    r"pushed\s+back|rescheduled|moved\s+to\s+(?:19|20)\d\d|now\s+(?:due|expected|planned)\s+"
    r"(?:in|for|by)\s+(?:19|20)\d\d|slipped|"
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:held|opened|completed|finished|built|launched|met)|"
    r"failed\s+to|fell\s+short|behind\s+schedule|instead|relocated|moved\s+to\s+[A-Z]\w+|"
    r"indefinitely|suspended|scrapped|frozen)\b",
    re.I,
)
_ONGOING = re.compile(
    r"\b(?:under\s+construction|under\s+way|underway|in\s+progress|ongoing|continues|"
    r"progressing|on\s+track|on\s+schedule|nearing\s+completion|\d+\s*(?:%|percent)\s+complete|"
    r"is\s+being|are\s+being|so\s+far|to\s+date|already)\b",
    re.I,
)
_NAME = re.compile(
    r"(?:[A-Z][\w.&'-]*|\d+(?:st|nd|rd|th))(?:\s+(?:of\s+|the\s+|for\s+|and\s+)?"
    r"(?:[A-Z][\w.&'-]*|\d+(?:st|nd|rd|th)))+|\b[A-Z][a-z]*[.][A-Z][\w.]*|\b[A-Z]{2,}[\w-]*"
)
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|$)")
#: Between an outcome and the target it is measured against.
_AGAINST_TARGET = re.compile(
    r"^[^.;]{0,40}\b(?:compared\s+(?:with|to)|against|versus|vs\.?|than|below|above|"
    r"under|over|short\s+of|ahead\s+of|beating|missing)\s+(?:the\s+|a\s+|its\s+)?"
    r"(?:official\s+|budget\s+|government\s+|planned\s+|original\s+)?"
    r"(?:target|plan|goal|ceiling|forecast|projection|limit)\b",
    re.I,
)
#: Words left out when matching a promise with its outcome: who spoke, that something will
#: happen, and the indicator lexicon's stop, filler, unit and reporting words.
_CONTENT_DROP = STOP | FILLER | UNIT_WORDS | VERBS | check_words.NOT_CONTENT


def _names(sentence: str) -> list[str]:
    """Distinctive names in a sentence: multi-word capitalised names, dotted names, acronyms."""
    out: list[str] = []
    for m in _NAME.finditer(sentence):
        words = [w.rstrip(".") for w in m.group(0).split() if w not in COMMON_NAMES and w.lower() not in STOP]
        words = [w for w in words if w]
        if len(words) >= 2 or (words and ("." in words[0] or words[0].isupper())):
            out.append(" ".join(words))
    return out


#: Two names joined by a dash name a route or a link between two places.
_ROUTE = re.compile(r"\b([A-Z][a-z]{2,})\s?[-\u2013\u2014]\s?([A-Z][a-z]{2,})\b")
_TOKEN = re.compile(r"[A-Za-z][\w.]*\w|[A-Za-z]")


def _content(sentence: str) -> set[str]:
    return {singular(w) for w in re.findall(r"[A-Za-z][a-z-]{2,}", sentence)} - _CONTENT_DROP


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", "", text)).strip().lower()


#: Head words of indicators where less is better (resources/data/checks.toml).
LOWER_IS_BETTER = check_words.LOWER_IS_BETTER


def _key_tokens(key: str | None) -> list[str]:
    return key.split("|")[1].split() if key and key.count("|") >= 2 else []


@dataclass(frozen=True, slots=True)
class _Entry:
    doc: str
    published: Date
    sentence: str
    start: int
    low: str
    content: set[str]
    singles: set[str]
    verdict: str


def _verdict(sentence: str) -> str | None:
    """What a sentence says about an outcome: stalled, done, ongoing, or nothing."""
    if _STALLED.search(sentence):
        return "stalled"
    if _DONE.search(sentence) and not _ONGOING.search(sentence):
        return "done"
    if _ONGOING.search(sentence):
        return "ongoing"
    return None


_FRACTION_WORDS = {
    "half": 0.5,
    "a half": 0.5,
    "one half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "three-quarters": 0.75,
    "a fifth": 0.2,
    "a tenth": 0.1,
}
#: The words after "of (the)" that may name what a share is of: "of the hospitals pledged".
_OF_NOUNS = re.compile(r"^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?((?:[A-Za-z-]+\s*){1,4})")


def fraction_of(c: ClaimRecord) -> float | None:
    """The share a figure states of something: "Half" -> 0.5, "60%" -> 0.6, when it is
    followed by "of the ..."; else None."""
    text = (c.q_text or "").strip().lower()
    if not _OF_NOUNS.match(c.sentence[c.q_rel[1] :]):
        return None
    if text in _FRACTION_WORDS:
        return _FRACTION_WORDS[text]
    if c.unit == "%" and c.value is not None and 0 < c.value <= 100:
        return c.value / 100
    return None


#: Totals of "N of the M X" by (unit, counted noun, M).
_Totals = dict[tuple[str | None, str, float], list[ClaimRecord]]


@dataclass(slots=True)
class _Index:
    entries: list[_Entry]
    postings: dict[str, list[int]]


class PromiseChecker:
    name = NAME

    def __init__(self) -> None:
        self._cache: dict[int, tuple[CheckContext, _Index]] = {}
        self._totals: dict[int, tuple[CheckContext, _Totals]] = {}

    def run(self, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for t in ctx.claims:
            if t.kind == "target":
                out.append(self._one(ctx, self._cited_period(ctx, t)))
        return out

    @staticmethod
    def _cited_period(ctx: CheckContext, t: ClaimRecord) -> ClaimRecord:
        """A target without a period that an outcome is measured against in the same
        sentence ("the deficit was 3.3% of GDP in 2024, compared with a target of 4%") is
        the target for the outcome's period."""
        if t.period is not None or not t.has_quantity:
            return t
        key = ctx.key(t)
        for c in ctx.sentence_claims(t):
            if (
                c is t
                or c.period is None
                or not is_actual(c)
                or ctx.key(c) != key
                or key is None
                or c.q_rel[1] > t.q_rel[0]
            ):
                continue
            if _AGAINST_TARGET.search(t.sentence[c.q_rel[1] : t.q_rel[0]]):
                return replace(t, period=c.period)
        return t

    # -- evidence ----------------------------------------------------------------------

    def _numeric(self, ctx: CheckContext, t: ClaimRecord) -> ClaimRecord | None:
        """The latest later-published actual of the same indicator within the promise window."""
        key = ctx.key(t)
        if t.published is None or t.point is None:
            return None
        ys = period_years(t.period)
        last = ys[1] if ys else None
        # A goal "by 2029" is judged on any level reported up to its deadline; a target
        # "for 2025" only on the level reported for 2025.
        goal = ys is None or is_deadline(t)
        cands = []
        pool = ctx.by_indicator.get(key, []) if key is not None else []
        for c in [*pool, *self._restated(ctx, t)]:
            c = self._outcome(ctx, c) or c
            cy = period_years(c.period)
            # Evidence is published after the target; or, for a target whose period had
            # ended when it was stated ("compared with a target of 4%"), in the same document.
            retro = c.doc == t.doc and c.id != t.id and (period_end(t.period) or Date.max) < t.published
            if (
                not is_actual(c)
                or c.point is None
                or c.published is None
                or cy is None
                or (c.published <= t.published and not retro)
                or other_place(t, c)
            ):
                continue
            if goal and (cy[1] < t.published.year - 1 or (last is not None and cy[0] > last)):
                continue
            if not goal and ys is not None and not (ys[0] <= cy[0] and cy[1] <= ys[1]):
                continue
            cands.append(c)
        if not cands:
            return None
        return max(cands, key=lambda c: ((period_years(c.period) or (0, 0))[1], c.published or Date.min))

    def _restated(self, ctx: CheckContext, t: ClaimRecord) -> list[ClaimRecord]:
        """Later totals that restate a counted target with its progress: "62 of the 111
        planned hospitals are in operation" for "111 hospitals".  The same count of the same
        noun, about the same country, is enough to tie them, whatever the subjects say."""
        if not t.noun or t.point is None:
            return []
        totals = self._totals_index(ctx)
        region = ctx.doc(t).region
        noun = count_noun(t.noun)
        out = [
            c
            for c in totals.get((t.unit, noun, round(t.point, 6)), [])
            if c.doc != t.doc and ctx.doc(c).region == region
        ]
        # "Half of the hospitals pledged are now operational": a share of the promised count.
        for c in totals.get((None, noun, -1.0), []):
            frac = fraction_of(c)
            if c.doc != t.doc and ctx.doc(c).region == region and frac is not None:
                period = c.period or (f"{c.published:%Y-%m}" if c.published else None)
                out.append(
                    replace(
                        c,
                        value=frac * t.point,
                        low=None,
                        high=None,
                        unit=t.unit,
                        noun=t.noun,
                        qualifier="approx",
                        kind="achievement",
                        period=period,
                    )
                )
        return out

    def _totals_index(self, ctx: CheckContext) -> _Totals:
        cached = self._totals.get(id(ctx))
        if cached is not None and cached[0] is ctx:
            return cached[1]
        out: _Totals = {}
        for c in ctx.claims:
            if c.noun and c.point is not None and part_of_total(c, ctx.sentence_claims(c)) is not None:
                out.setdefault((c.unit, count_noun(c.noun), round(c.point, 6)), []).append(c)
            elif fraction_of(c) is not None and _verdict(c.sentence) is not None:
                m = _OF_NOUNS.match(c.sentence[c.q_rel[1] :])
                for w in m.group(1).split() if m else []:
                    out.setdefault((None, count_noun(w), -1.0), []).append(c)
        self._totals = {id(ctx): (ctx, out)}
        return out

    @staticmethod
    def _outcome(ctx: CheckContext, c: ClaimRecord) -> ClaimRecord | None:
        """For the total M of "N of the M X were completed / are in operation", the part N
        as the outcome (in M's unit and counted noun): N is what was done, M restates the
        plan.  None when ``c`` is not such a total."""
        n = part_of_total(c, ctx.sentence_claims(c))
        if n is None or n.point is None or _verdict(c.sentence) is None:
            return None
        # "So far 62 of the 111 ... are in operation" states the level in the month it was said.
        period = c.period or n.period or (f"{c.published:%Y-%m}" if c.published else None)
        return replace(n, unit=c.unit, noun=c.noun, period=period, kind="achievement")

    def _counted(self, ctx: CheckContext, ref: ClaimRecord, claims: list[ClaimRecord]) -> ClaimRecord | None:
        """The first outcome figure of an evidence sentence comparable with ``ref``: same
        dimension, or the part of a total of that dimension."""
        dim = scale(ref)[0]
        found: dict[str, ClaimRecord] = {}
        for c in sorted(claims, key=lambda c: c.q_rel[0]):
            if not c.has_quantity or not same_kind(scale(c)[0], dim):
                continue
            o = self._outcome(ctx, c)
            if o is not None:
                found[o.id] = o  # the part, in place of the total it belongs to
            elif is_actual(c):
                found.setdefault(c.id, c)
        return next(iter(found.values()), None)

    @staticmethod
    def _counted_ref(ctx: CheckContext, t: ClaimRecord) -> ClaimRecord | None:
        """The counted figure a non-numeric commitment names in its sentence ("complete all
        111 district hospitals"), if exactly one."""
        figs = [
            c
            for c in ctx.sentence_claims(t)
            if c.has_quantity and c.noun and not c.unit and c.point is not None
        ]
        return figs[0] if len({(c.point, c.noun) for c in figs}) == 1 else None

    def _text(self, ctx: CheckContext, t: ClaimRecord) -> tuple[str, str, str, int] | None:
        """(verdict, doc key, sentence, sentence start) from a later document, or None."""
        if t.published is None:
            return None
        names = [_normalise(n) for n in _names(t.sentence)]
        names = [n for n in names if len(n) >= 4]
        words = _content(t.sentence)
        singles = proper_names(t.sentence)
        routes = [(a.lower(), b.lower()) for a, b in _ROUTE.findall(t.sentence)]
        best: tuple[str, str, str, int] | None = None
        index = self._index(ctx)
        probe = words | singles | {singular(w) for n in names for w in n.split()}
        hits = sorted({i for w in probe for i in index.postings.get(w, ())})
        for i in hits:
            e = index.entries[i]
            if e.published <= t.published:
                continue
            s, low = e.sentence, e.low
            shared = words & e.content
            # A shared multi-word name ties two sentences; a shared single name ties them
            # only together with another shared word ("Kutaisi" + "bypass").
            # A route named by its two ends ("the Almaty-Bishkek road") is not met by a
            # sentence that names only one of them ("the Almaty ring road").
            ends_named = all(
                all(re.search(rf"\b{re.escape(w)}\b", low) for w in pair)
                for pair in routes
                if any(re.search(rf"\b{re.escape(w)}\b", low) for w in pair)
            )
            by_name = any(n in low for n in names) or bool(singles & e.singles and shared - singles)
            by_words = len(shared) >= MIN_SHARED and len(shared) >= WORD_OVERLAP * max(len(words), 1)
            if not ends_named:
                continue
            if not (by_name or by_words):
                continue
            best = (e.verdict, e.doc, s, e.start)  # entries run oldest first: the latest wins
        return best

    def _index(self, ctx: CheckContext) -> _Index:
        """Sentences of every dated document, oldest first, with an inverted word index.

        Built once per context, so matching a target reads only the sentences that share a
        word with it instead of the whole archive.
        """
        cached = self._cache.get(id(ctx))
        if cached is not None and cached[0] is ctx:
            return cached[1]
        idx = _Index([], {})
        for d in sorted(ctx.docs.values(), key=lambda d: (d.published or Date.min, d.key)):
            if d.published is None or not d.text:
                continue
            for m in _SENT.finditer(d.text):
                s = m.group(0).strip()
                if not s:
                    continue
                start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
                verdict = _verdict(s)
                if verdict is None:  # a sentence that reports no outcome is never evidence
                    continue
                e = _Entry(d.key, d.published, s, start, _normalise(s), _content(s), proper_names(s), verdict)
                n = len(idx.entries)
                idx.entries.append(e)
                for w in e.content | e.singles | {singular(t.lower()) for t in _TOKEN.findall(s)}:
                    idx.postings.setdefault(w, []).append(n)
        self._cache = {id(ctx): (ctx, idx)}
        return idx

    # -- status ------------------------------------------------------------------------

    def _one(self, ctx: CheckContext, t: ClaimRecord) -> Finding:
        deadline = period_end(t.period)
        due = deadline is not None and deadline < ctx.now
        roles: list[tuple[ClaimRecord, str]] = [(t, "target")]
        details: dict[str, object] = {
            "deadline": deadline.isoformat() if deadline else None,
            "made": t.published.isoformat() if t.published else None,
        }
        what = self._what(ctx, t)
        when = f" {'by' if is_deadline(t) else 'for'} {fmt_period(t.period)}" if t.period else ""
        # A target whose period had ended when it was stated is cited, not promised.
        cited = deadline is not None and t.published is not None and deadline < t.published
        head = f"{ctx.where(t)} {'cites a target of' if cited else 'promised'} {what}{when}"
        ev = self._numeric(ctx, t)
        status: str
        if ev is not None:
            roles.append((ev, "evidence"))
            status, tail = self._numeric_status(ctx, t, ev, due)
            details["evidence_value"] = ev.point
        else:
            txt = self._text(ctx, t)
            same_sentence: list[ClaimRecord] = []
            numeric_ref = t
            if txt is not None:
                _, doc, _, start = txt
                same_sentence = [
                    c
                    for c in ctx.claims
                    if c.doc == doc and c.sent_start <= start + 1 and start < c.sent_start + len(c.sentence)
                ]
                # A figure of what was promised is judged on a number: the matched sentence's
                # figure of the same dimension (the part N of "N of the M planned"), if it
                # reports one; a numeric target without one on a delay only.  A commitment in
                # words that names a count ("all 111 hospitals") is judged on that count.
                ref = t if t.has_quantity else self._counted_ref(ctx, t)
                if ref is not None:
                    ev = self._counted(ctx, ref, same_sentence)
                    if ev is not None:
                        numeric_ref = ref
                    elif t.has_quantity and txt[0] != "stalled":
                        txt = None
                elif txt[0] != "stalled":
                    # A commitment in words met by "only 45 of the 111 hospitals were completed":
                    # the part against its total, never "kept" on the verb alone.
                    for c in same_sentence:
                        o = self._outcome(ctx, c) if c.has_quantity else None
                        if o is not None and c.point:
                            ev, numeric_ref = o, replace(c, period=t.period, kind="target")
                            break
            if ev is not None:
                roles.append((ev, "evidence"))
                status, tail = self._numeric_status(ctx, numeric_ref, ev, due)
                details["evidence_value"] = ev.point
            elif txt is not None:
                verdict, doc, sent, start = txt
                for c in same_sentence:
                    roles.append((c, "evidence"))
                details["evidence"] = [{"doc": doc, "quote": sent, "start": start}]
                where = ctx.docs[doc].where() if doc in ctx.docs else doc
                # A later statement that the work was postponed, dropped or failed means it
                # was not kept; one that says it is still under way means in progress, and
                # the message says when that is past the deadline.
                status = {"done": "kept", "stalled": "not_kept", "ongoing": "in_progress"}[verdict]
                late = " the deadline has passed and" if due and status == "in_progress" else ""
                tail = {
                    "kept": f"{where} reports it done: \u201c{sent}\u201d",
                    "not_kept": f"{where} reports it postponed, dropped or missed: \u201c{sent}\u201d",
                    "in_progress": f"{late} {where} reports it under way: \u201c{sent}\u201d".strip(),
                }[status]
            elif due:
                status = "due"
                tail = (
                    "the deadline has passed and no later statement in the ledger reports the outcome "
                    "(unverified)"
                )
            else:
                status = "not_due"
                tail = (
                    "no deadline is stated and no outcome has been reported yet"
                    if deadline is None
                    else f"it is not due until {deadline.isoformat()} and no outcome has been reported"
                )
        details["machine_status"] = status
        override = ctx.promise_overrides.get(t.id)
        if override:
            details["override"] = override
            status = str(override["status"])
            tail += f"; a reviewer set the status to {status.replace('_', ' ')}"
        details["status"] = status
        sev: Severity = "warning" if status in ("not_kept", "partly_kept") else "info"
        msg = f"{head}: {status.replace('_', ' ')}, {tail}."
        return make_finding("promise", NAME, sev, msg, roles, details, id_claims=[t.id])

    def _what(self, ctx: CheckContext, t: ClaimRecord) -> str:
        if t.has_quantity:
            label = ctx.label(t)
            fig = stated(t)
            if not label or (t.noun and singular(label.split()[-1]) == t.noun):
                return fig  # "217 schools", not "school of 217 schools"
            dim = dimension(t.unit, t.noun)[0]
            if dim.startswith(("currency:", "percent", "rate:")):
                return f"{label} of {fig}"  # "GDP of $450 billion"
            return f"{fig} of {label}"  # "350 km of road", "600 MW of energy capacity"
        s = t.sentence.strip()
        return f"\u201c{s if len(s) <= 160 else s[:157] + '...'}\u201d"

    def _numeric_status(
        self, ctx: CheckContext, t: ClaimRecord, ev: ClaimRecord, due: bool
    ) -> tuple[str, str]:
        if not same_kind(scale(t)[0], scale(ev)[0]):
            return ("due" if due else "not_due"), "the later figure is of another kind and cannot be compared"
        target = (t.point or 0.0) * scale(t)[1]
        got = (ev.point or 0.0) * scale(ev)[1]
        # Lower is better for a cut ("reduce to"), and for things such as deficits and
        # inflation whatever the verb.
        down = bool(_DOWN.search(t.sentence[max(0, t.q_rel[0] - 60) : t.q_rel[1]])) or bool(
            set(_key_tokens(ctx.key(t))) & LOWER_IS_BETTER
        )
        if t.low is not None and t.high is not None and t.value is None:
            k = scale(t)[1]
            met = t.low * k * (1 - KEPT_TOLERANCE) <= got <= t.high * k * (1 + KEPT_TOLERANCE)
            share = 1.0 if met else 0.0
        elif down:
            # The stated figure is the ceiling, whatever word comes with it: a deficit planned
            # at "over 3.5 trillion" that reaches 3.7 trillion overshot the plan.
            met = got <= target * (1 + KEPT_TOLERANCE)
            share = target / got if got > 0 else 1.0
        else:
            met = got >= target * (1 - KEPT_TOLERANCE)
            share = got / target if target > 0 else 0.0
        ev_end, t_end = period_end(ev.period), period_end(t.period)
        # The outcome is final once the deadline has passed or the evidence covers it.
        final = due or (ev_end is not None and t_end is not None and ev_end >= t_end)
        src = f"{ctx.where(ev)} reports {stated(ev)} for {fmt_period(ev.period)}"
        if met:
            return "kept", src
        if down:
            off = f"{(got / target - 1) * 100:.0f}% above the target" if target > 0 else "above the target"
            if not final:
                return "in_progress", f"{src}, still {off}"
            return ("partly_kept" if share >= PARTLY_SHARE else "not_kept"), f"{src}, {off}"
        if not final:
            return "in_progress", f"{src}, {share * 100:.0f}% of the target level"
        if share >= PARTLY_SHARE:
            return "partly_kept", f"{src}, {share * 100:.0f}% of the target"
        return "not_kept", f"{src}, only {share * 100:.0f}% of the target"
