"""The claim frame stage (``frame.v13``): what each claim measures, whose figure it is, on
what basis, whether it is a fact, an estimate, a projection, a target, an assumption, a
baseline or a revision, who it is attributed to, and how it relates to the other figures
of its sentence.  See docs/frame.md.

Reads, per sentence, what the earlier stages decided: each claim's kind and kind cue,
period and period cue, subject, quantity (span, unit, noun), the sentence span, the
relation labels between its figures (``base``, ``change``, ``appos``), and per document
its text and date.  Writes ``Claim.frame`` on every claim of the sentence, each field
with the cues that decided it.  One module per field: ``measure``, ``entity``, ``basis``,
``status``, ``attribution``, ``relations``.

Document-level context (the main country from the document's lead, the first person
quoted) is computed once per document, in ``DocFrame``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date as Date
from functools import cache

from claimledger.extract import units
from claimledger.extract.frame import _cues, attribution, basis, entity, measure, relations, status
from claimledger.extract.frame._gazetteer import words
from claimledger.extract.frame._passage import Passage
from claimledger.models import GRANULARITIES, Claim, Entity, Frame, FrameCues, Measure, Quantity, Status

__all__ = ["STAGE", "DocFrame", "annotate"]

#: The stage's versioned name, recorded in ``EXTRACTOR``.  v2: inherited measures, shares of
#: GDP by their numerator, the document's country, row labels; revisions and baselines by
#: cues after the value; granularity of the day said vs the figure's period.  v3: the
#: document's country from the shared document context (the economy of the institution a
#: text that names no country names most, else its national currency); a generic
#: institution with no country known is no entity; central banks by their initials; a
#: sector named as a cause is no owner; a dateline's or news agency's country is not the
#: document's.  v4: the status rules of the status branch (a revision grammar, earlier-round
#: and base cues, purpose clauses that name the aim) merged over v3.
#: v5: with the period branch's rules: a day inherited from an earlier sentence gives no
#: ``day`` (but to a rate set on a day); a market price quoted "now" is the day's.
#: v6: with the measure branch's rules: narrower
#: series (a narrowing modifier frees the measure, a longer synonym in the text wins); context
#: and exclude words after a figure count only within its own phrase; a child measure the subject
#: names beats its parent; a price level is no amount in billions; rows of a breakdown inherit
#: their lead-in's measure; a sentence with a figure of its own passes its measure on; the noun
#: heading the figure's phrase ("its 3% goal") comes first; a figure naming nothing inherits by the
#: heads of its own clause.
#: v7: with the arith branch's relations: "AMOUNT, from A to B" ties A to B and the amount
#: to B.
#: v8: the caller's country (``extract(..., country=)``) reaches the entity; statistics
#: offices by initials give their economy; a sub-national place's own institution ("the
#: Nairobi county government") is the place's; an area named as a lower-case modifier in a cause
#: phrase ("amid global market stress") or as the field of "the fastest among" / "ranked third
#: among" is no owner; a breakdown's row led by a bare sector noun ("construction 41,000",
#: "with hotels adding 15,000") is the sector's unless it is money; highways are their own
#: series (measures.toml roads.highways), not all roads.
#: v9 (v8 with the measure branch's round 2): a purpose clause after a figure ("to support
#: the economy") names no measure; a % change of a level with a ``growth`` measure (GDP, the
#: CPI index) is that growth;
#: a subject the sentence does not show (rewritten or carried on) yields to the sentence's own
#: synonyms before the figure, lends its heads no context, and takes the part the figure's own
#: phrase names; a one-word rewritten head needs its context; a later figure given an earlier
#: figure's subject continues its measure; a synonym past the figure's own phrase is another's;
#: table rows take their header's column measure; written placeholder nouns and trend nouns
#: inherit.
#: v10: granularity from the time.v8 periods (running totals through a quarter, levels held
#: since a year, budget lines on the fiscal calendar); no frame rule changed.
#: v11: with the commitment branch's status rules: a plan's first
#: figure ("first set at", "initially budgeted at") and an outlay before a plan ("after
#: spending 470 billion this year") are baselines, and so are a from-value past an aside or
#: a unit ("from 70 billion crowns (6.1% of output) to") and that aside.
#: v12 (the relations round over v11; y/y for a change against the same period a year
#: before): relations across clauses (long-gap and possessive baselines, bracketed prior values, no
#: baseline from a forecast, budget or target compared with), breakdown rows, totals by colon,
#: "of the" and "totalling", amounts of change after their level, "respectively" for its own lists.
#: v13 (the status round 2 over v12): statuses from the kinds.v9 kinds (received shares, list
#: heads and "be to" plans are targets; undated changes after outcomes are actual); a forecast
#: followed by "vs" and a figure of the same period ("3.2% this year vs 2.9%") is a revision.
STAGE = "frame.v13"

#: Roles whose figure is a value of the same indicator as the figure it is tied to: the
#: baseline of a change, a change amount, a conversion and a compared value.
_SAME_MEASURE = frozenset({"baseline", "change", "converted", "compare", "compared"})
#: Roles whose figure belongs to the same entity as its anchor unless it names its own.
#: Characters of a figure's clause before it read for basis cues ("inflation excluding
#: taxes, at ...").
LEFT_REACH = 120
_SAME_ENTITY = frozenset({"baseline", "change", "converted", "share", "part"})


#: The cue lists read in one pass over each sentence's words, in this order.
_SCANS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("status", status.SAID),
    ("status", status.NOISE),
    ("basis", basis.TEXT_TERMS),
    ("attribution", ("according",)),
    ("attribution", ("verbs",)),
    ("entity", ("capital",)),
    ("entity", ("national",)),
)


@cache
def _scanner() -> _cues.MultiScanner:
    return _cues.multi(*_SCANS)


_NO_MEASURE = Measure("figure", "figure", True, ())
#: A sentence that opens with a label and a colon, as a table or factsheet row does:
#: "Inflation rate (consumer prices): Chile: 2.1% (2009 est.)".
_LABEL = re.compile(r"\s*[A-Za-z][^:;.!?\d%$]{2,80}:")


class DocFrame:
    """What the frame stage knows about one document: its text, date, main country (from
    its lead, computed on first use) and the people it quotes."""

    __slots__ = (
        "_home",
        "_home_cue",
        "_own",
        "_place",
        "_place_cue",
        "_provider",
        "_ready",
        "_steers",
        "country",
        "last",
        "ref",
        "speakers",
        "text",
    )

    def __init__(
        self,
        text: str,
        ref: Date | None,
        country: str | None = None,
        home: Callable[[], tuple[Entity | None, str]] | None = None,
    ) -> None:
        self.text = text
        #: the document context's country, when the pipeline shares one (else found here)
        self._provider = home
        self.ref = ref
        #: the document's country from the caller's metadata (ISO 3166), when known
        self.country = country
        self.speakers = attribution.Speakers(text[: entity.title_end(text)])
        self._ready = False
        self._home: Entity | None = None
        self._home_cue = ""
        self._own: frozenset[str] = frozenset()
        self._steers: bool | None = None
        self._place: Entity | None = None
        self._place_cue = ""
        #: the measure of the last figure of each subject: a later figure the subject stage
        #: gives the same subject without its sentence showing it ("... expand by 2.8%.
        #: Next year, the figure is 3.0%") continues it
        self.last: dict[str, Measure] = {}

    def _compute(self) -> None:
        if self._provider is not None:
            self._home, self._home_cue = self._provider()
        else:
            self._home, self._home_cue = entity.main_country(self.text, self.country)
        self._place, self._place_cue = entity.main_place(self.text, self._home)
        # the speaker's side: the document's country, the institution its first line
        # names ("Minutes of the National Bank ...") or its opening sentence opens with
        # ("The ECB decided ..."), the government
        own = set(attribution.speaker_ids()) | entity.first_line_ids(self.text)
        own |= entity.opening_ids(self.text)
        if self._home is not None:
            own.add(self._home.id)
        self._own = frozenset(own)
        self._ready = True

    @property
    def home(self) -> tuple[Entity | None, str]:
        """The document's main country and the cue that decided it."""
        if not self._ready:
            self._compute()
        elif self._home is None and self._provider is not None:
            # a text that names no country: its currency may decide it, once its amounts are read
            self._home, self._home_cue = self._provider()
        return self._home, self._home_cue

    @property
    def place(self) -> tuple[Entity | None, str]:
        """The sub-national unit the document is about, if any, and its cue."""
        if not self._ready:
            self._compute()
        return self._place, self._place_cue

    @property
    def steers_by_deposit(self) -> bool:
        """Does the document say its central bank steers by the deposit facility rate?"""
        if self._steers is None:
            self._steers = measure.steers_by_deposit(self.text)
        return self._steers

    @property
    def own(self) -> frozenset[str]:
        """Ids whose figures are the speaker's own (no attribution)."""
        if not self._ready:
            self._compute()
        return self._own


def annotate(
    text: str,
    s_start: int,
    s_end: int,
    claims: list[Claim],
    rels: Sequence[tuple[str, int]],
    doc: DocFrame,
    offset: int = 0,
) -> None:
    """Set ``frame`` on each claim of the sentence ``text[s_start:s_end]``.

    ``claims`` are the sentence's claims in order; ``rels`` the pipeline's relation label
    and anchor of each (``("", -1)`` for none; empty for a claim without a figure);
    ``offset`` is what was added to the claims' spans (streaming).
    """
    if not claims:
        return
    p = Passage.of(text, s_start, s_end, claims, offset)
    home, home_cue = doc.home
    home_id = home.id if home is not None else None
    ws = words(text, s_start, s_end)
    lows = [w.lower() for _a, _b, w in ws]
    scans = _scanner().scan(text, ws, s_start, s_end, lows)
    hits = entity.lexicon(home_id).find_in(text, ws, lows)
    mentions = entity.find(text, s_start, s_end, home, ws, scans.of(5), scans.of(6), hits)
    sources = attribution.find(
        text, scans.of(3), scans.of(4), s_start, s_end, mentions, doc.own, doc.speakers
    )
    links = relations.link(p, rels)
    n = len(claims)

    # names that are a source ("according to the IMF") are nobody's figure
    blocked = attribution.covered(sources, mentions)
    names = entity.Names(p, mentions, blocked)
    paired = entity.pair_lists(p, mentions)
    ents: list[tuple[Entity | None, list[str]]] = [(None, [])] * n
    order = [i for i in range(n) if links[i].role not in _SAME_ENTITY] + [
        i for i in range(n) if links[i].role in _SAME_ENTITY
    ]
    for i in order:
        lk = links[i]
        if lk.role in _SAME_ENTITY and 0 <= lk.anchor < n and i not in names.own:
            ents[i] = (ents[lk.anchor][0], [f"as {_text(p, lk.anchor)}"])
            continue
        q = claims[i].quantity
        chosen = entity.choose(p, i, names, paired, home, home_cue, q.unit if q else None)
        seg = p.segment(i)
        # not money: "agriculture 2 billion" in a budget's breakdown is an allocation to a function
        money = q is not None and q.unit is not None and units.is_currency(q.unit)
        row_sector = entity.row_sector(text, seg[0], p.spans[i][0]) if q is not None and not money else None
        ents[i] = _owner(chosen, claims[i].subject, home, home_cue, doc.place, row_sector)
    # a value "compared with" another is its baseline when it is the same entity's
    for i, lk in enumerate(links):
        if lk.role == "compare":
            same = ents[i][0] == ents[lk.anchor][0] if 0 <= lk.anchor < n else False
            lk.role = "baseline" if same else "compared"  # another entity's value: no relation
    rel_lists = relations.relations_of(p, links, "respectively" in lows)

    noise = status.sentence_noise(scans.of(1)) if any(c.kind == "target" for c in claims) else None
    said = status.Said(scans.of(0))
    meas: list[tuple[Measure, list[str]]] = [(_NO_MEASURE, [])] * n
    bases: list[tuple[set[str], list[str]]] = [(set(), [])] * n
    p_cues = [basis.period_cue(c) for c in claims]
    phrases = measure.Phrases(hits)
    stated = basis.Stated(scans.of(2), text)
    order = [i for i in range(n) if links[i].role not in _SAME_MEASURE] + [
        i for i in range(n) if links[i].role in _SAME_MEASURE
    ]
    for i in order:
        c = claims[i]
        lk = links[i]
        seg = p.segment(i)
        clause = p.clauses[i]
        left = p.left(i, LEFT_REACH)
        q = c.quantity
        if p_cues[i].startswith("period:as ") and 0 <= lk.anchor < n:
            p_cues[i] = p_cues[lk.anchor]
        percent = q is not None and q.unit in ("%", "pp")
        if lk.role in _SAME_MEASURE and 0 <= lk.anchor < n:
            m, m_cues = meas[lk.anchor][0], [f"as {_text(p, lk.anchor)}"]
            # the basis of the value it is tied to, and what its own words add ("up 12% on
            # the year before": y/y); not that value's period
            terms = {t for t in bases[lk.anchor][0] if t not in GRANULARITIES}
            b_cues = [f"as {_text(p, lk.anchor)}"]
            own, own_cues = basis.terms(stated, seg, seg, (), percent, _follows(p, i))
            terms |= own
            b_cues += own_cues
        else:
            terms, b_cues = basis.terms(stated, seg, left, (), percent, _follows(p, i))
            subj = c.subject
            args = (text, phrases, seg, p.spans[i], clause, q, lk.role == "change", "share_of_gdp" in terms)
            named = _names_economy(ents[i], home_cue)
            m = _NO_MEASURE
            for label in _label_starts(p, clause, seg) if not subj or entity.names_only(subj) else ():
                # a row "Inflation rate (consumer prices): Chile: 2.1%" or "Brazil (GDP:
                # 1.87 trillion)": the label before the colon names the measure
                row = (label, seg[1])
                m, m_cues = measure.choose(
                    "", text, phrases, row, p.spans[i], row, *args[5:], named, sentence=p.start
                )
                if not m.free:
                    break
            if m.free and percent and entity.names_only(subj):
                # "Uzbekistan grew by 6%": its economy did
                m, m_cues = measure.choose("economic growth", *args, named, sentence=p.start)
            elif m.free:
                m, m_cues = measure.choose(subj, *args, named, sentence=p.start)
            if subj and not m.free:
                doc.last[subj] = m
            elif (
                m.free
                and subj in doc.last
                and not measure.shown(subj, text, p.start, clause[1])
                and measure.continues(doc.last[subj], q, "share_of_gdp" in terms)
            ):
                # the subject stage took the subject from a figure before: its measure
                m, m_cues = doc.last[subj], [*m_cues, f"sequence:{subj} (the last figure of {subj})"]
            if m.free:
                m, m_cues = _no_subject(p, i, m, m_cues, mentions, phrases, seg, q, "share_of_gdp" in terms)
            elif m.id == "rate.deposit" and doc.steers_by_deposit:
                policy = measure.entry("policy_rate")
                m = policy.measure if policy is not None else m
                m_cues = [*m_cues, "policy:the document steers by its deposit facility rate"]
            entry = measure.entry(m.id)
            if entry is not None and entry.basis:
                basis.add_fixed(terms, b_cues, entry.basis)
        g, g_cue = basis.granularity(c, p_cues[i], m.id, frozenset(terms))
        if g is not None:
            terms = {t for t in terms if t not in GRANULARITIES} | {g}
            b_cues = [*b_cues, g_cue]
        meas[i] = (m, m_cues)
        bases[i] = (terms, b_cues)

    statuses: list[Status] = []
    for i, c in enumerate(claims):
        lk = links[i]
        who, a_cues = attribution.choose(p, i, sources)
        if lk.role in _SAME_MEASURE and 0 <= lk.anchor < n and not a_cues:
            who = None
        seg = p.segment(i)
        st, s_cues = status.decide(
            c,
            text,
            said,
            p.left(i),
            seg,
            p.spans[i][1],
            lk.role,
            lk.cue,
            who is not None,
            p_cues[i],
            noise,
            doc.ref,
            p.spans[i + 1][0] if i + 1 < n else -1,
            # "raised its forecasts to 3.1% for 2025 and 3.4% for 2026": the figure right
            # before, of the same verb, is a revision
            i > 0 and links[i - 1].role == "" and statuses[-1] == "revision" and _same_verb(claims[i - 1], c),
            p.spans[i - 1][1] if i > 0 else -1,
            i > 0 and statuses[-1] == "baseline",
        )
        statuses.append(st)
        m, m_cues = meas[i]
        e, e_cues = ents[i]
        terms, b_cues = bases[i]
        c.frame = Frame(
            measure=m,
            entity=e,
            basis=tuple(sorted(terms)),
            status=st,
            attribution=who,
            relations=tuple(rel_lists[i]),
            cues=FrameCues(
                measure=tuple(m_cues),
                entity=tuple(e_cues),
                status=tuple(s_cues),
                basis=tuple(b_cues),
                attribution=tuple(a_cues),
            ),
        )


def _owner(
    chosen: tuple[Entity | None, list[str]],
    subject: str,
    home: Entity | None,
    home_cue: str,
    place: tuple[Entity | None, str],
    row: Entity | None = None,
) -> tuple[Entity | None, list[str]]:
    """Whose figure it is, from the name ``entity.choose`` found: the sub-national unit
    the document is about instead of its country; the economy an institution speaks for;
    the document's country instead of an international organisation that only says the
    figure; a sector a bare subject names ("services grew 5%") instead of the document's
    country."""
    e, cues = chosen
    if place[0] is not None and cues[-1:] == [home_cue]:
        e, cues = place[0], [place[1]]
    economy = entity.economy_of(e) if e is not None else None
    if e is not None and economy is not None:
        # "the Bank of England cut Bank Rate": the UK's rate, set by its bank
        e, cues = economy, [*cues, f"economy of {e.id}"]
    elif (
        e is not None and e.type == "organisation" and home is not None and cues[-1:] != ["after the figure"]
    ):
        # "the IMF expects growth of 4%": the IMF says it (attribution); the figure is the
        # document's country's
        e, cues = home, [*cues, f"not {e.id}'s own: {home_cue}"]
    sector = entity.sector_of(subject)
    how = "subject"
    if sector is None and row is not None:
        # "construction 41,000, hotels 23,000": a breakdown's row, the sector's figure
        sector, how = row, "row label"
    if sector is not None and (e is None or e.type in ("country", "area")) and cues[-1:] in ([], [home_cue]):
        # "services grew 5%": the sector's figure, not the country's
        e, cues = sector, [f"sector:{sector.name} ({how})"]
    return e, cues


def _no_subject(
    p: Passage,
    i: int,
    m: Measure,
    m_cues: list[str],
    mentions: Sequence[entity.Mention],
    phrases: measure.Phrases,
    seg: tuple[int, int],
    q: Quantity | None,
    share_of_gdp: bool,
) -> tuple[Measure, list[str]]:
    """A free measure whose phrase names nothing measured ("figure", "it", "growth",
    "however", "the OBR"): the measure the text before it names, when that is one
    measure ("inherited"); else the phrase without its names and function words."""
    text = p.text
    names = frozenset(w.lower() for mt in mentions for w in text[mt.start : mt.end].split())
    if share_of_gdp:
        names |= _GDP_WORDS  # "it reached 3.9% of GDP": GDP is the basis, not the measure
    row = entity.sector_of(m.id) is not None or measure.is_label(m.id)
    if row:
        # "construction added 12,000", "the Interior Ministry: $6 billion": a row of a
        # breakdown, whose measure the lead-in names (the sector is the figure's entity)
        names |= frozenset(m.id.split())
    if measure.content_words(m.id, names):
        return m, m_cues
    # a row of a table whose header names one measure per column
    f0, f1 = p.spans[i]
    eol = text.find("\n", f1)
    line = (text.rfind("\n", 0, f0) + 1, eol if eol >= 0 else len(text))
    cells = [
        j for j, c in enumerate(p.claims) if c.quantity is not None and line[0] <= p.spans[j][0] < line[1]
    ]
    # (a commitment without a figure is no cell of a row)
    col = (
        measure.column(text, line, cells.index(i), len(cells), q, measure.changes(text, seg), share_of_gdp)
        if i in cells
        else None
    )
    if col is not None:
        return col[0], [*m_cues, *col[1]]
    c0 = p.clauses[i][0]
    para = text.rfind("\n\n", 0, p.start)
    para_start = para + 2 if para >= 0 else 0
    regions = [
        (c0, seg[0], "its clause"),
        (max(p.start, c0 - measure.INHERIT_REACH), c0, "same sentence"),
        (max(para_start, p.start - measure.INHERIT_REACH), p.start, "sentence before"),
    ]
    heading = _heading(text, para)
    if heading is not None:
        regions.append((*heading, "heading"))
    excluded: set[str] = set()
    for _a, _b, h in phrases.within(*seg):
        excluded |= measure.grams(h)
    got = measure.inherit(
        text,
        regions,
        measure.heads_of(m.id, names) or measure.heads_of(text[c0 : seg[1]], names),
        q,
        measure.changes(text, seg),
        share_of_gdp,
        frozenset(excluded),
        row,
        # a noun written to stand for the figure before's measure (not the stand-in "figure"
        # of a figure with no subject)
        measure.points_back(m.id) and measure.shown(m.id, text, p.start, seg[1]),
    )
    if got is not None:
        part = measure.part_named(got[0].id, m.id) if row else None
        if part is not None:
            # "Allocations: ... Ministry of Health: $1.5 billion": the part of the lead-in's
            # measure the row's label names
            return part[0], [*m_cues, *got[1], f"part:{part[1]} (a part of {got[0].id})"]
        return got[0], [*m_cues, *got[1]]
    cleaned = measure.cleaned(m, names, q)
    return cleaned, m_cues if cleaned == m else [*m_cues, f"free:{cleaned.id} (not a measure: {m.id})"]


#: Words of "GDP" that a subject of a share of GDP holds from its basis.
_GDP_WORDS = frozenset({"gdp", "gross", "domestic", "product"})
#: The longest line read as a heading above a paragraph.
HEADING_CHARS = 100


def _heading(text: str, para: int) -> tuple[int, int] | None:
    """The heading line right above the paragraph that starts after offset ``para`` (a
    blank line): a short line that does not end a sentence."""
    if para < 0:
        return None
    a = text.rfind("\n", 0, para) + 1
    line = text[a:para].strip()
    if not line or len(line) > HEADING_CHARS or line[-1] in ".!?;:,":
        return None
    return a, para


def _same_verb(before: Claim, c: Claim) -> bool:
    """Does ``c`` share the verb group of the figure ``before`` it (the same kind cue, or
    none of its own: "..., and for 2026 to 3.4%")?"""
    if before.kind != c.kind or not c.cues:
        return False
    own = c.cues[0].partition(":")[2]
    return (
        c.cues[0] == (before.cues[0] if before.cues else "")
        or own in _VERBLESS
        or own.endswith("(no verb of its own)")
    )


#: Kind cues of a figure that has no verb of its own (kinds stage).
_VERBLESS = frozenset({"no verb", "future period", "past period"})


def _label_starts(p: Passage, clause: tuple[int, int], seg: tuple[int, int]) -> list[int]:
    """Where the labels of a figure's row start, nearest first: the clause before a colon
    that ends right before the figure's clause ("Brazil (GDP: 1.87 trillion)"), and the
    sentence's start when it opens with "Label:" ("Inflation rate (consumer prices): Chile:
    2.1%")."""
    out = []
    before = p.text[p.start : clause[0]].rstrip()
    if clause[0] > p.start and before.endswith(":"):
        out.append(p.clause(p.start + len(before) - 1)[0])
    if _LABEL.match(p.text, p.start, seg[0]) is not None and p.start not in out:
        out.append(p.start)
    return out


def _names_economy(chosen: tuple[Entity | None, list[str]], home_cue: str) -> bool:
    """Did the sentence name the figure's entity, a country or an area (an economy)?"""
    e, cues = chosen
    return e is not None and e.type in ("country", "area") and cues[-1:] != [home_cue]


def _follows(p: Passage, i: int) -> int:
    """Where the figure before claim ``i`` ends, when its stretch starts there; else -1."""
    return p.spans[i - 1][1] if i > 0 and p.segments[i][0] == p.spans[i - 1][1] else -1


def _text(p: Passage, i: int) -> str:
    a, b = p.spans[i]
    return p.text[a:b]
