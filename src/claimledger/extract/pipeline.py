"""Run the extraction stages over a text and build ``Claim`` objects.

Reads: document text (str), optional document date, optional source id.
Writes: ``Claim`` objects in document order, each carrying its sentence span, quantity
span, period, kind, subject, the cues that decided kind and period, and ``EXTRACTOR``.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache
from typing import IO

from claimledger._dates import parse_date
from claimledger.errors import InputError
from claimledger.extract import _tokens, frame, kinds, numbers, sentences, subject, time
from claimledger.extract._context import DocContext
from claimledger.extract._regex import Prefiltered
from claimledger.extract._time_grammar import Mention, find_mentions
from claimledger.models import PERIOD_ROLES, Claim, Kind, PeriodRole, Quantity, Span
from claimledger.resources import kinds as kind_words

#: Name and version of the whole extraction pipeline, recorded on every claim, with the
#: versioned stages it ran.  Bump the version whenever output can change, so ledgers can
#: compare runs (see ``reextract``).
EXTRACTOR = "claimledger.extract.v3[{}]".format(
    " ".join(
        getattr(m, "STAGE", m.__name__.rsplit(".", 1)[-1])
        for m in (sentences, numbers, time, kinds, subject, frame)
    )
)

#: Streaming reads this many characters at a time and cuts at the last paragraph (or
#: sentence) boundary, so memory stays flat however large the input is.
STREAM_CHUNK = 1 << 20
#: A single "line" (no paragraph or sentence break) longer than this is refused (E004):
#: no real statement has a 10 MB sentence, and scanning one would hold it all in memory.
MAX_UNBROKEN = 4 << 20
#: A line without final punctuation and at most this many words is a heading: its year
#: ("Results of 2024") becomes the context of the paragraphs under it.
HEADING_MAX_WORDS = 12
#: A list lead-in ("Priorities for 2025:") colours the verbless items after it until a
#: full sentence at least this long (about 15 words) closes the list.
LIST_END_CHARS = 90
#: How many different currencies a document's state remembers (the first decide its country
#: when it names none).
MAX_CURRENCIES = 4
#: Units that a time expression may carry when the numbers stage reads it as a figure
#: ("over the next three years"): such a figure is the time expression, not a claim.
_TIME_UNITS = frozenset({None, "year", "years", "yr", "month", "months", "day", "days", "quarter", "h", "s"})
#: Clock units among them: a figure in these that runs past the time expression is measured.
_CLOCK_UNITS = frozenset({"h", "s"})


def claim_id(doc: str, start: int, end: int) -> str:
    """Stable id: the same document and span always give the same id."""
    h = _doc_hash(doc).copy()  # the hash of "{doc}\x00{start}\x00{end}", the document fed once
    h.update(f"{start}\x00{end}".encode())
    return h.hexdigest()


@lru_cache(maxsize=4)
def _doc_hash(doc: str) -> hashlib.blake2b:
    return hashlib.blake2b(f"{doc}\x00".encode(), digest_size=8)


def doc_id_for(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class _DocState:
    """What one sentence leaves for the next: time context and a list lead-in kind."""

    __slots__ = (
        "by_unit",
        "country",
        "ctx",
        "currencies",
        "frame",
        "in_list",
        "last_period",
        "last_subject",
        "lead",
        "outlook",
        "prev_sentence",
        "report",
    )

    def __init__(self, frame_doc: frame.DocFrame) -> None:
        self.frame = frame_doc  # the frame stage's document context
        self.ctx = time.TimeContext()
        self.lead: Kind | None = None
        self.last_subject = ""
        #: unit -> subject of the first figure in that unit in the sentence before
        self.by_unit: dict[str, str] = {}
        self.prev_sentence: tuple[int, int] = (0, 0)
        self.in_list = False
        self.last_period: str | None = None
        #: the sentence before in the paragraph gave only forecasts: a verbless figure
        #: after it ("In 2026, 3.4%.") continues the outlook
        self.outlook = False
        #: the same for a sentence that gave only outcomes ("In the first quarter, 3.1%.")
        self.report = False
        #: the document's country from its metadata (alpha-2), for shared currency names
        self.country: str | None = None
        #: ISO 4217 codes of the amounts read so far, in order (a few): a document that names
        #: no country is about the country of its currency, for its fiscal year
        self.currencies: list[str] = []


def iter_claims(
    text: str,
    date: str | Date | None = None,
    *,
    source: str | None = None,
    offset: int = 0,
    country: str | None = None,
) -> Iterator[Claim]:
    """Yield claims from ``text`` in document order.

    ``offset`` is added to every span, for callers that feed a document in chunks.
    ``country`` (ISO 3166 alpha-2), when the caller knows the document's country from its
    metadata, decides shared currency names ("rupees" in a Nepali statement are NPR);
    otherwise the numbers stage finds the country the text names most.
    """
    ref = parse_date(date)
    doc = source if source is not None else doc_id_for(text)
    # one context for every stage: the document's country (the caller's metadata, else the
    # one the text is about), its fiscal calendar ("FY25") and its topic period
    context = DocContext(text, ref, country)
    state = _DocState(frame.DocFrame(text, ref, None, context.home))
    state.country = country
    state.currencies = context.currencies
    state.ctx.fiscal = context.fiscal
    state.ctx.topic = context.topic
    for s_start, s_end, para, item in sentences.split_items(text):
        if para != state.ctx.paragraph:
            state.last_subject = ""  # an elliptical figure does not reach back past its paragraph
            state.by_unit = {}
            state.outlook = False
            state.report = False
        state.ctx.enter(para)
        if not item and state.in_list:
            state.lead = None  # the list a lead-in introduced is over
        state.in_list = item
        yield from _sentence_claims(text, s_start, s_end, ref, doc, offset, state)


def _is_heading(text: str, s_start: int, s_end: int) -> bool:
    last = text[s_end - 1]
    return last not in ".!?;:,\"'”’)" and len(text[s_start:s_end].split()) <= HEADING_MAX_WORDS


def _overlaps_time(q: Quantity, mentions: list[Mention]) -> bool:
    if q.unit not in _TIME_UNITS:
        return False
    if q.unit in _CLOCK_UNITS:
        # "in 2 hours 44 minutes": a duration in two units is a measured time; the time
        # expression "in 2 hours" covers only part of it.  Dropped only when inside one.
        return any(m.start <= q.start and q.end <= m.end for m in mentions)
    return any(m.start < q.end and q.start < m.end for m in mentions)


def _sentence_claims(
    text: str, s_start: int, s_end: int, ref: Date | None, doc: str, offset: int, state: _DocState
) -> Iterator[Claim]:
    quants = numbers.find(text, s_start, s_end, state.country)
    if len(state.currencies) < MAX_CURRENCIES:
        for q in quants:
            code = (q.unit or "").partition("/")[0]
            if len(code) == 3 and code.isupper() and code not in state.currencies:
                state.currencies.append(code)
    ctx = state.ctx
    # A heading ("Results of 2024") or a list lead-in ("Priorities for 2025:") dates the
    # paragraphs and list items under it.
    heading = _is_heading(text, s_start, s_end) or text[s_end - 1] == ":"
    question = text[s_start:s_end].rstrip("\"'”’)").endswith("?")  # a question sets no context
    may_commit: bool | None = None if quants else kinds.may_commit(text, s_start, s_end)
    if may_commit is False:
        # No figure, no commitment: its time words matter only as context for a later
        # sentence, so they are read only if one asks (most sentences never do).
        if not question:
            a, b = state.prev_sentence
            if text[s_end - 1] == ":" and b > a:
                # "The Government has approved the road programme for 2024. Key figures:":
                # the sentence before the lead-in frames the list (its own time, if any,
                # comes after and wins)
                ctx.defer(text, a, b, True, ref)
            ctx.defer(text, s_start, s_end, heading, ref)
        _after_sentence(text, s_start, s_end, state)
        return
    mentions = time.fiscal_parts(
        time.resolve_anaphora(find_mentions(text, s_start, s_end, ref, ctx.fiscal), ctx), ctx
    )
    if mentions and quants:
        # A year, a date or "the next three years" is time, not a figure.
        quants = [q for q in quants if not _overlaps_time(q, mentions)]
    sent = Span(s_start + offset, s_end + offset, text[s_start:s_end])
    if quants:
        yield from _figure_claims(text, s_start, s_end, quants, mentions, ref, doc, offset, sent, state)
    elif may_commit or (may_commit is None and kinds.may_commit(text, s_start, s_end)):
        toks = _tokens.tokenize(text, s_start, s_end, quants, mentions)
        found = kinds.commitment(text, s_start, s_end, toks, mentions, ref)
        if found is not None:
            cues, j, n = found
            period, p_cues = time.default(text, s_start, s_end, None, "target", mentions, ctx, ref)
            claim = Claim(
                doc=doc,
                id=claim_id(doc, s_start + offset, s_end + offset),
                kind="target",
                subject=subject.for_commitment(toks, j, n),
                period=period,
                sentence=sent,
                quantity=None,
                cues=cues + p_cues,
                extractor=EXTRACTOR,
                period_role=_period_role(period, p_cues, _roles(mentions)),
            )
            frame.annotate(text, s_start, s_end, [claim], (), state.frame, offset)
            yield claim
    if not question:
        ctx.defer(text, s_start, s_end, heading, ref, mentions)
    _after_sentence(text, s_start, s_end, state)


def _roles(mentions: list[Mention]) -> dict[str, PeriodRole]:
    """The role of each time expression of a sentence, by the period cue it gives."""
    return {m.cue: m.role for m in mentions if m.role in PERIOD_ROLES}  # type: ignore[misc]


#: Period cues of a figure given one year of a list or a range ("23.9, 23.8 and 25.1
#: trillion in 2024-2026"): each figure is for its year, whatever the expression's role.
_ONE_YEAR_OF = ("period:list->", "period:respectively->")


def _period_role(period: str | None, cues: list[str], roles: dict[str, PeriodRole]) -> PeriodRole | None:
    """How ``period`` relates to the figure: the role of the time expression that dated it
    (its cue is among ``cues``), ``point`` for a period from context, the document date or
    one year of a list, ``None`` without a period."""
    if period is None:
        return None
    if any(c.startswith(_ONE_YEAR_OF) for c in cues):
        return "point"
    own = (c.removesuffix(time.SHARED_MARK) for c in cues)
    return next((roles[c] for c in own if c in roles), "point")


def _after_sentence(text: str, s_start: int, s_end: int, state: _DocState) -> None:
    """A list lead-in ("Priorities for 2025:") colours the items after it."""
    lead = None
    if text[s_end - 1] == ":":
        a, b = state.prev_sentence
        lead = kinds.lead_in_kind(text, s_start, s_end, text[a:b])
    if lead is not None:
        state.lead = lead
    elif state.lead is not None and not state.in_list and s_end - s_start > LIST_END_CHARS:
        state.lead = None
    state.prev_sentence = (s_start, s_end)


#: A sentence opening like this restates the figure of the sentence before it.
_ANAPHOR = re.compile(
    r"(?:this|that)\s+(?:figure|amount|sum|volume|indicator|number|level)\b|this\s+(?:is|was|represents|means)\b",
    re.I,
)
_RESPECTIVELY = Prefiltered(re.compile(r"\brespectively\b", re.I))
_PROMISED_AT = re.compile(r"\b(?:announced|promised|pledged|proposed)\s*$", re.I)
_SEASON = re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b", re.I)
_YEAR_BEFORE = re.compile(
    r"^period:(?:\w+\s+)?(?:(?:a|the)\s+year\s+(?:earlier|ago|before)"
    r"|the\s+(?:previous|preceding|prior)\s+(?:fiscal\s+|financial\s+)?year)\b",
    re.I,
)


#: A running total: "has cost $5 billion so far" since the year named runs to the statement.
_SO_FAR = Prefiltered(re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far|until\s+now|up\s+to\s+now)\b", re.I))
_PERFECT = re.compile(r"\b(?:has|have)\b", re.I)


class _Nearest:
    """``min(ms, key=lambda m: abs(m.start - at))`` for many ``at``: the first of the
    nearest expressions in ``ms`` order, found by bisection when ``ms`` is in order of
    start (as the time grammar gives them)."""

    __slots__ = ("ms", "starts")

    def __init__(self, ms: list[Mention]) -> None:
        self.ms = ms
        starts = [m.start for m in ms]
        self.starts = starts if all(a <= b for a, b in itertools.pairwise(starts)) else None

    def __call__(self, at: int) -> Mention:
        starts = self.starts
        if starts is None:
            return _nearest(self.ms, at)
        k = bisect.bisect_left(starts, at)
        if k == len(starts):
            return self.ms[bisect.bisect_left(starts, starts[k - 1])]
        if k == 0 or at - starts[k - 1] > starts[k] - at:
            return self.ms[k]  # (the first with that start: bisect_left)
        # the one before is as near or nearer, and comes first: the first with its start
        return self.ms[bisect.bisect_left(starts, starts[k - 1])]


def _nearest(ms: list[Mention], at: int) -> Mention:
    return min(ms, key=lambda m: abs(m.start - at))


def _now_after(toks: list[_tokens.Tok], pos: int) -> str:
    """A word right after the figure saying it holds now ("12% now", "12% today")."""
    if pos + 1 < len(toks):
        word = toks[pos + 1].text.lower()
        if word in ("now", "currently", "today", "presently", "at present"):
            return word
    return ""


_PRESENT_VERBS = frozenset({"is", "are", "am", "has", "have", "remains", "remain", "stands", "stand"})


def _present_subject(toks: list[_tokens.Tok], pos: int) -> bool:
    """Is the figure at ``pos`` the subject of a present-tense verb ("140 have been
    completed", "90 schools are under way")?"""
    for k in range(pos + 1, min(len(toks), pos + 4)):
        t = toks[k]
        if t.low in _PRESENT_VERBS:
            return True
        if t.kind != "w" or t.low in ("of", "and", "to", "in", "by", "for", "was", "were", "had", "will"):
            return False
    return False


def _to_date(bound: tuple[str | None, list[str]], ref: Date | None) -> tuple[str | None, list[str]]:
    """A past year that starts a running total ("since the war began in 2022 ... so far")
    becomes the run from that year to the document's."""
    period, cues = bound
    if ref is None or period is None or not period.isdigit() or int(period) >= ref.year:
        return bound
    run = f"{period}/{ref.year}"
    return run, [*cues, f"period:so far->{run}"]


def _shift(period: str, years: int) -> str | None:
    """``period`` moved by ``years`` ("2024" -> "2023", "2023/2024" -> "2022/2023")."""
    parts = period.split("/")
    if not all(p.isdigit() for p in parts):
        return None
    return "/".join(str(int(p) + years) for p in parts)


def _after_year(period: str | None, ref: Date | None) -> bool:
    """Does ``period`` start after the document's year?"""
    if period is None or ref is None:
        return False
    return period[:4].isdigit() and int(period[:4]) > ref.year


def _before_year(period: str | None, ref: Date | None) -> bool:
    """Does ``period`` end before the document's year?"""
    if period is None or ref is None:
        return False
    last = period.rpartition("/")[2]
    return last[:4].isdigit() and int(last[:4]) < ref.year


#: What links a rank to the size of its field and its score: "39th place among 133
#: economies", "53rd out of 180 countries with a score of 53".
_RANK_LINK = re.compile(
    r"\s*(?:(?:place|position|spot|rank|overall)\s*)?,?\s*"
    r"(?:among|out\s+of|of|in\s+(?:the|a)\s+(?:[\w-]+\s+){0,4}of)\s*$"
    r"|[^;.]{0,80}\bwith\s+(?:an?\s+)?(?:\w+\s+)?(?:score|rating|index|value)\s+of\s*$",
    re.I,
)


_SCORE = re.compile(r"\b(?:score|rating|points)\b", re.I)


def _rank_frame(
    text: str,
    quants: list[Quantity],
    bound: list[tuple[str | None, list[str]] | None],
    kind_of: list[Kind],
    cues_of: list[list[str]],
    period_of: list[str | None],
    mentions: list[Mention],
    ctx: time.TimeContext,
    ref: Date | None,
    s_start: int,
    s_end: int,
) -> dict[int, int]:
    """A rank is a position at a time, a status, whatever verb of motion reports it
    ("has climbed to 39th place"); so are the size of its field and its score.  Returns
    figure -> the rank it belongs to, for the figures linked to a rank."""
    linked: dict[int, int] = {}
    rank = -1
    for i, q in enumerate(quants):
        if q.noun == "rank":
            rank = i
            kind_of[i] = "status"
            if bound[i] is None and any(c.startswith("period:reported on") for c in cues_of[i]):
                # the default of a done result, not of a position held now
                period_of[i], p_cues = time.default(text, s_start, s_end, q, "status", mentions, ctx, ref)
            else:
                p_cues = [c for c in cues_of[i] if c.startswith("period:")]
            cues_of[i] = ["status:rank", *(c for c in cues_of[i] if not c.startswith("period:")), *p_cues]
        elif rank >= 0 and _RANK_LINK.match(text, quants[i - 1].end, q.start):
            kind_of[i], period_of[i] = "status", period_of[rank]
            cues_of[i] = [f"status:as {quants[rank].text}", f"period:as {quants[rank].text}"]
            linked[i] = rank
        else:
            rank = -1
    return linked


_SPLIT_YEAR = re.compile(r"(\d{4})/(\d{4})")


def _fiscal_end(period: str | None, ended: Date | None, ctx: time.TimeContext) -> Date | None:
    """The last day of a split fiscal year ("2023/2024") by the document country's fiscal
    calendar (31 March 2024 where it starts in April), not the calendar's; else ``ended``."""
    m = _SPLIT_YEAR.fullmatch(period or "")
    if m is None or int(m[2]) != int(m[1]) + 1:
        return ended
    # (the country is asked only for a split year: most figures have none)
    fiscal = ctx.fiscal.peek() if ctx.fiscal is not None else None
    if fiscal is None or fiscal.calendar:
        return ended
    last = Date(int(m[2]), fiscal.start, 1) - timedelta(days=1)
    return last if ended is None or last < ended else ended


def _figure_claims(
    text: str,
    s_start: int,
    s_end: int,
    quants: list[Quantity],
    mentions: list[Mention],
    ref: Date | None,
    doc: str,
    offset: int,
    sent: Span,
    state: _DocState,
) -> Iterator[Claim]:
    ctx = state.ctx
    toks = _tokens.tokenize(text, s_start, s_end, quants, mentions)
    qpos = _tokens.quantity_index(toks)
    rels = _tokens.relations(text, quants, mentions)
    after_of: dict[int, Mention] = {}
    bound = time.assign(text, s_start, s_end, quants, mentions, ctx, after_of)
    time.share_change(text, quants, rels, bound, after_of, ref)
    # expressions dating a starting value or an earlier figure date nothing else
    earlier = frozenset(m.start for i, m in after_of.items() if rels[i][0] in ("base", "appos"))
    deadlines = [m for m in mentions if m.role == "deadline"]
    anaphor = _ANAPHOR.match(text, s_start, s_end) is not None
    usable = [m for m in mentions if m.role != "comparison" and m.period is not None]
    # the expression nearest a figure, by bisection: a sentence of thousands of figures
    # and times stays linear
    near_usable = _Nearest(usable)
    near_deadline = _Nearest(deadlines)
    times = time.SentenceTimes(mentions)
    so_far = (
        ref is not None
        and _SO_FAR.search(text, s_start, s_end) is not None
        and _PERFECT.search(text, s_start, s_end) is not None
    )
    n = len(quants)
    kind_of: list[Kind] = ["status"] * n
    cues_of: list[list[str]] = [[] for _ in range(n)]
    period_of: list[str | None] = [None] * n
    subject_of: list[str] = [""] * n
    verbs_of: list[list[str]] = [[] for _ in range(n)]
    # Figures that qualify another one are done after it: "change" anchors come later
    # in the sentence, "appos" anchors earlier.
    order = [i for i in range(n) if not rels[i][0]] + [i for i in range(n) if rels[i][0] == "appos"]
    order += [i for i in reversed(range(n)) if rels[i][0] in ("change", "base")]
    for i in order:
        q = quants[i]
        label, anchor = rels[i]
        b = bound[i]
        if label:
            # A comparison, share, change or starting value of figure ``anchor``: same
            # indicator; same kind and period unless its own words say otherwise.
            m_own = after_of.get(i)
            sub_year = m_own is not None and m_own.relative and bool(m_own.fine or _SEASON.search(m_own.text))
            if b is not None and sub_year and kind_of[anchor] == "forecast":
                # "lowered its forecast for 2024 to 0.2%, down from 1.3% in the autumn": the
                # earlier forecast for the same year, made in the autumn
                b = None
            # "from 12% to 10% from July 2026": the shared time dates the change, not the
            # level it starts from (see below)
            shared_ahead = i < anchor and b is not None and any(c.endswith(time.SHARED_MARK) for c in b[1])
            if b is not None:
                period_of[i], p_cues = b
            else:
                period_of[i], p_cues = period_of[anchor], [f"period:as {quants[anchor].text}"]
            kind_of[i] = kind_of[anchor]
            k_cue = f"{kind_of[i]}:as {quants[anchor].text}"
            part = kinds.participle_kind(toks, qpos[i])
            if part is not None:  # "from an estimated 5.9% in 2024"
                kind_of[i], k_cue = part[0], f"{part[0]}:{part[1]}"
            was_before = label in ("base", "appos") and b is not None and _before_year(period_of[i], ref)
            if part is None and was_before:
                kind_of[i], k_cue = "achievement", "achievement:earlier value"
            ahead = kind_of[i] in ("target", "forecast")
            revised = (
                label == "base"
                and kind_of[anchor] in ("forecast", "target")
                and (kinds.revised_forecast(toks, qpos[anchor]) or kinds.revised_goal(toks, qpos[anchor]))
            )
            if revised and part is None:
                # "raised its growth forecast to 2.5% from 2.2%", "the deficit target was
                # revised to 2.1% from 2.8%": the earlier forecast or target, same period
                kind_of[i] = kind_of[anchor]
                k_cue = f"{kind_of[i]}:revised {revised}"
            elif (
                label == "base" and (b is None or shared_ahead) and part is None and ref is not None and ahead
            ):
                # "raising VAT from 7.5% to 10% in 2025": the level to start from holds now
                kind_of[i], k_cue = "status", f"status:from, before {quants[anchor].text}"
                period_of[i], p_cues = str(ref.year), [f"period:document date->{ref.year}"]
            now = _now_after(toks, qpos[i])
            if now and ref is not None:
                # "reach 30% by 2030, up from 12% now": the starting level holds today
                kind_of[i], k_cue, p_cues = "status", f"status:{now}", [f"period:{now}->{ref.year}"]
                period_of[i] = str(ref.year)
            cues_of[i] = [k_cue, *p_cues]
            continue
        if so_far and b is not None:
            b = _to_date(b, ref)
        hint = b[0] if b is not None else None
        own = usable
        skip = earlier
        if b is None and _present_subject(toks, qpos[i]):
            # "Of the 300 projects announced in 2022, 140 have been completed": a figure
            # that is the subject of a present verb is not dated across the comma
            comma = text.rfind(",", s_start, q.start)
            own = [m for m in usable if not m.end <= comma]
            skip = earlier | {m.start for m in usable if m.end <= comma}
        ended = kinds.period_end(b[0], b[1][0] if b[1] else "") if b is not None else None
        if hint is None and own:
            near = near_usable(q.start) if own is usable else _nearest(own, q.start)
            # a time in another coordinated clause does not decide this figure's kind
            hint = None if kinds.other_clause(toks, qpos[i], near) else near.period
            if hint is not None and not so_far:
                ended = kinds.period_end(near.period, near.cue)
            if so_far:
                hint = _to_date((hint, []), ref)[0]
        ended = _fiscal_end(hint, ended, ctx)
        deadline = near_deadline(q.start) if deadlines else None
        kind, k_cues, verb_words = kinds.classify(
            text, s_start, s_end, toks, qpos[i], hint, deadline, ref, state.lead, ended, _is_money(q.unit)
        )
        verbless = k_cues[0] == "status:no verb"
        head = next((j for j in range(i - 1, -1, -1) if not rels[j][0]), -1) if verbless else -1
        if head >= 0:
            # "prices rose 4.2% and services 3.1%", "wages will rise 10%, and pensions 5%": a
            # figure without a verb of its own shares the verb of the clause it continues
            kind = kind_of[head]
            k_cues = [f"{kind}:as {quants[head].text} (no verb of its own)", *k_cues[1:]]
        elif verbless and state.outlook and not _before_year(hint, ref):
            # "Growth is projected at 3%. Next year, 3.4%.": a verbless figure continues
            # the outlook of the sentence before (not a figure of a past year)
            kind = "forecast"
            k_cues = ["forecast:in an outlook paragraph", *k_cues[1:]]
        elif verbless and state.report and hint is not None and not _after_year(hint, ref):
            # "Exports rose 12% in 2024. In the first quarter, 3.1%.": a dated verbless
            # figure continues the report of outcomes of the sentence before
            kind = "achievement"
            k_cues = ["achievement:in a paragraph of outcomes", *k_cues[1:]]
        elif verbless and state.report and hint is None and (change := kinds.is_change(toks, qpos[i])):
            # "Exports rose 12% in May. Imports up 4.2%.": an undated change continues the
            # report of the sentence before (an undated level may be today's: a status)
            kind = "achievement"
            k_cues = [f"achievement:{change} (a change in a paragraph of outcomes)", *k_cues[1:]]
        if b is not None:
            period, p_cues = b
        elif anaphor and state.last_period is not None and not usable:
            # "This figure accounts for 63% of ...": the figure of the sentence before
            period, p_cues = state.last_period, [f"period:as the figure before->{state.last_period}"]
            if kind == "status" and _before_year(period, ref):
                kind, k_cues = "achievement", ["achievement:a past figure restated", *k_cues]
        else:
            # money set aside with no time named is dated as a reported figure is: by the
            # paragraph's time, else the statement's (the decision made for it, not a goal's)
            dated_as: Kind = "achievement" if k_cues[0] == kinds.UNDATED_ALLOCATION else kind
            period, p_cues = time.default(text, s_start, s_end, q, dated_as, mentions, ctx, ref, skip, times)
            if so_far:
                period, p_cues = _to_date((period, p_cues), ref)
            elif (
                kind in ("target", "forecast")
                and (_is_money(q.unit) or (kind == "target" and q.unit == "%"))
                and (
                    (period is None and not p_cues)
                    or any(c.startswith((_REPORTED, "period:document date")) for c in p_cues)
                )
                and _budgeting(toks)
            ):
                # money set aside with no time of its own, nor the paragraph's: for the
                # year the statement budgets
                period, p_cues = time.budget_year(ctx, ref)
        if kind == "target" and b is None and period is not None:
            standing = kinds.standing_goal(toks, qpos[i])
            if (
                standing is not None
                and kinds.standing(toks, qpos[i], standing)
                and (deadline is None or kinds.other_clause(toks, qpos[i], deadline))
            ):
                # "above the 2 per cent inflation target": a standing goal, not dated by the
                # sentence's other times ("inflation rose to 6.1% in April")
                period, p_cues = None, [f"period:standing {standing} (no period)"]
        now = _now_after(toks, qpos[i])
        if now and ref is not None:
            # "reach 30% by 2030, up from 12% now": the level that holds today
            kind, k_cues, period, p_cues = (
                "status",
                [f"status:{now}", *k_cues],
                str(ref.year),
                [f"period:{now}->{ref.year}"],
            )
        m_at = after_of[i].start if i in after_of else -1
        promised = m_at >= 0 and _PROMISED_AT.search(text, max(s_start, m_at - 20), m_at) is not None
        if kind == "target" and promised:
            # "the 2,400 km of roads announced in 2022": the year dates the promise, not its deadline
            period, p_cues = None, [f"period:{' '.join(after_of[i].text.split())} (when promised)"]
        own_time = i in after_of and not text[q.end : after_of[i].start].strip()  # "19th last year"
        if kind in ("status", "achievement") and ref is not None and (b is None or _before_year(period, ref)):
            marker = None if own_time else kinds.present_marker(toks, qpos[i], verb_words)
            if marker is not None:
                # "currently 34.6%", "are now under construction", "has since slowed to
                # 11%": the figure holds at the time of the statement
                period, p_cues = str(ref.year), [f"period:{marker[0]}->{ref.year}"]
        kind_of[i], period_of[i], cues_of[i] = kind, period, k_cues + p_cues
        verbs_of[i] = verb_words
    _share_asides(text, quants, kind_of, cues_of, period_of)
    _sequences(text, quants, bound, cues_of, period_of)
    ranked = _rank_frame(text, quants, bound, kind_of, cues_of, period_of, mentions, ctx, ref, s_start, s_end)
    # "fell to 8.9% from 11% a year earlier": a year before the figure it is compared
    # with, not a year before the document.
    for i in range(1, n):
        prev = period_of[i - 1]
        if not prev:
            continue
        p_cue = next((c for c in cues_of[i] if c.startswith("period:")), "")
        if _YEAR_BEFORE.match(p_cue):
            shifted = _shift(prev, -1)
            if shifted is not None and shifted != period_of[i]:
                period_of[i] = shifted
                cues_of[i] = [*cues_of[i], f"period:a year before {prev}->{shifted}"]
    # Subjects in document order: an elliptical figure ("105 of them", "22 are finished")
    # takes the subject of the first figure of its sentence, or of the sentence before.
    antecedent = state.last_subject
    first_here = ""  # the first subject named in this sentence
    for i in range(n):
        if rels[i][0]:
            continue
        # an object named only by its actor ("the ministry plans to add 2,000 MW") continues
        # the figure before in the sentence, or the sentence before when in the same unit
        unit = quants[i].unit
        fallback = first_here or (state.by_unit.get(unit, "") if unit is not None else "")
        subject_of[i] = subject.for_quantity(toks, qpos[i], quants[i], verbs_of[i], antecedent, fallback)
        if subject_of[i] and not first_here:
            antecedent = first_here = subject_of[i]
    for i in order:
        if rels[i][0]:
            subject_of[i] = subject_of[rels[i][1]]
    for i, r in ranked.items():
        # "53rd out of 180 countries with a score of 53": the score in that ranking
        if _SCORE.search(text, quants[i - 1].end, quants[i].start):
            subject_of[i] = " ".join([*subject_of[r].split()[:5], "score"])
    if _RESPECTIVELY.search(text, s_start, s_end):
        # "Exports and imports rose by 12% and 8%, respectively": one subject each
        for group in _tokens.list_groups(text, quants):
            parts = subject_of[group[0]].split(" and ")
            if len(parts) == len(group) and all(subject_of[i] == subject_of[group[0]] for i in group):
                for i, piece in zip(group, parts, strict=True):
                    subject_of[i] = piece
    if n and subject_of[0]:
        state.last_subject = subject_of[0]
    if n:
        by_unit: dict[str, str] = {}
        for i, q in enumerate(quants):
            if q.unit is not None and subject_of[i]:
                by_unit.setdefault(q.unit, subject_of[i])
        state.by_unit = by_unit
    if n:
        state.last_period = period_of[0]
        own_kinds = [kind_of[i] for i in range(n) if not rels[i][0]]
        state.outlook = bool(own_kinds) and all(k == "forecast" for k in own_kinds)
        state.report = bool(own_kinds) and all(k == "achievement" for k in own_kinds)
    role_of = _figure_roles(order, rels, ranked, period_of, cues_of, _roles(mentions))
    out: list[Claim] = []
    for i, q in enumerate(quants):
        if offset:
            q = numbers.shifted(q, offset)
        out.append(
            Claim(
                doc=doc,
                id=claim_id(doc, q.start, q.end),
                kind=kind_of[i],
                subject=subject_of[i],
                period=period_of[i],
                sentence=sent,
                quantity=q,
                cues=cues_of[i],
                extractor=EXTRACTOR,
                period_role=role_of[i],
            )
        )
    frame.annotate(text, s_start, s_end, out, rels, state.frame, offset)
    yield from out


#: A share set off before the amount it measures: "Capital outlays, at 4.2% of GDP, are
#: budgeted at 51 billion rand" (the aside closes with a comma, then the clause's amount).
_SHARE_ASIDE = re.compile(
    r"\s*of\s+(?:the\s+)?(?:GDP|GNI|GNP|output|revenue|revenues|the\s+budget)\s*[,)—–]", re.I
)
_ASIDE_TO_AMOUNT = re.compile(r"[^;.!?]{0,80}$")


def _share_asides(
    text: str,
    quants: list[Quantity],
    kind_of: list[Kind],
    cues_of: list[list[str]],
    period_of: list[str | None],
) -> None:
    """A share of GDP (revenue, the budget) in an aside before the amount it measures takes
    the amount's kind and period: "Capital outlays, at 4.2% of GDP, are budgeted at 51 billion
    rand for 2025" is the 2025 plan, not a level that holds now."""
    for i in range(len(quants) - 1):
        q, amount = quants[i], quants[i + 1]
        if q.unit != "%" or not (cues_of[i] and cues_of[i][0].startswith("status:")):
            continue
        m = _SHARE_ASIDE.match(text, q.end)
        if m is None or not _is_money(amount.unit):
            continue
        if _ASIDE_TO_AMOUNT.search(text, m.end(), amount.start) is None:
            continue
        kind_of[i], period_of[i] = kind_of[i + 1], period_of[i + 1]
        cues_of[i] = [
            f"{kind_of[i]}:share of {amount.text}",
            f"period:as {amount.text}",
            *(c for c in cues_of[i] if not c.startswith("period:")),
        ]


#: "88.1% next year, then 90.2% and 91.0%": a run of figures after one dated by a year.
_THEN = re.compile(
    r"(?:\s+[^,;.]{1,30}?)?\s*,?\s*(?:and\s+)?then\s+(?:(?:to|at|rising\s+to|falling\s+to)\s+)?$", re.I
)
_LIST_SEP = re.compile(r"\s*(?:,|,?\s*and)\s*$")


def _sequences(
    text: str,
    quants: list[Quantity],
    bound: list[tuple[str | None, list[str]] | None],
    cues_of: list[list[str]],
    period_of: list[str | None],
) -> None:
    """Figures that follow a dated figure with "then" and have no time of their own run
    year by year: "88.1% next year, then 90.2% and 91.0%" is 2025, 2026, 2027 (in 2024)."""
    n = len(quants)
    i = 0
    while i < n - 1:
        year = period_of[i]
        if not (year and year.isdigit() and _THEN.match(text, quants[i].end, quants[i + 1].start)):
            i += 1
            continue
        k = i + 1
        while (
            k < n
            and bound[k] is None
            and (k == i + 1 or _LIST_SEP.match(text, quants[k - 1].end, quants[k].start))
        ):
            step = str(int(year) + k - i)
            period_of[k] = step
            cues_of[k] = [
                *(c for c in cues_of[k] if not c.startswith("period:")),
                f"period:then, after {year}->{step}",
            ]
            k += 1
        i = k


_REPORTED = "period:reported on "


def _budgeting(toks: list[_tokens.Tok]) -> bool:
    """Does the sentence speak of budgeting ("allocate", "budget", "appropriations")?"""
    return any(t.kind == "w" and t.low.startswith(kind_words.BUDGET_STEMS) for t in toks)


def _is_money(unit: str | None) -> bool:
    """Is ``unit`` an amount of money (an ISO 4217 code, not a rate)?"""
    return unit is not None and len(unit) == 3 and unit.isupper()


def _figure_roles(
    order: list[int],
    rels: list[tuple[str, int]],
    ranked: dict[int, int],
    period_of: list[str | None],
    cues_of: list[list[str]],
    roles: dict[str, PeriodRole],
) -> list[PeriodRole | None]:
    """The period role of each figure of a sentence.  A figure that took the period of the
    figure it qualifies ("period:as ...": a change, a base, a rank's field) takes its role
    too; ``order`` puts every such anchor before the figures tied to it."""
    out: list[PeriodRole | None] = [None] * len(period_of)
    for i in [*order, *sorted(ranked)]:
        anchor = ranked.get(i, rels[i][1] if rels[i][0] else -1)
        own = [c for c in cues_of[i] if c.startswith("period:")]
        if anchor >= 0 and own and own[0].startswith("period:as ") and period_of[i] == period_of[anchor]:
            out[i] = out[anchor]
        else:
            out[i] = _period_role(period_of[i], cues_of[i], roles)
    return out


def extract(
    text: str, date: str | Date | None = None, *, source: str | None = None, country: str | None = None
) -> list[Claim]:
    """Extract every figure and commitment from ``text``.

    ``date`` (``YYYY-MM-DD`` or a ``date``) resolves relative time ("last year").
    ``source`` becomes each claim's ``doc``; by default a hash of the text.  ``country``:
    the document's country from its metadata, if known (see ``iter_claims``).
    """
    return list(iter_claims(text, date, source=source, country=country))


def _chunks(stream: IO[str], chunk: int) -> Iterable[tuple[int, str]]:
    """Cut a text stream into pieces at paragraph or sentence boundaries.

    Yields ``(offset, piece)``; the pieces concatenate to the whole stream.
    """
    pos = 0
    buf = ""
    while True:
        data = stream.read(chunk)
        if not data:
            break
        buf += data
        cut = buf.rfind("\n", 0, len(buf) - 1)
        if cut < 0:
            cut = max(buf.rfind(". ", 0, len(buf) - 1), -1)
            if cut >= 0:
                cut += 1
        if cut < 0:
            if len(buf) > MAX_UNBROKEN:
                raise InputError("E004", f"no line or sentence break within {MAX_UNBROKEN} characters")
            continue
        piece, buf = buf[: cut + 1], buf[cut + 1 :]
        yield pos, piece
        pos += len(piece)
    if buf:
        yield pos, buf


def extract_stream(
    stream: IO[str],
    date: str | Date | None = None,
    *,
    source: str,
    chunk: int = STREAM_CHUNK,
    country: str | None = None,
) -> Iterator[Claim]:
    """Extract from a text stream in bounded memory; offsets are into the whole stream."""
    ref = parse_date(date)
    for off, piece in _chunks(stream, chunk):
        yield from iter_claims(piece, ref, source=source, offset=off, country=country)
