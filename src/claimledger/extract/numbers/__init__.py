"""Stage ``numbers.v4``: find the quantities in a sentence.

Reads: the document text and a sentence span ``[start, end)``.
Writes: ``Quantity`` objects with global offsets (``text == document[start:end]``), in
order: value with magnitude applied, ranges (``low``/``high``), bounds and approximators
(``qualifier``), unit (ISO 4217 code, ``%``, ``pp`` or a short physical symbol, rates as
``USD/bbl``) and, for unit-less counts, the counted noun in the singular.

How it works, in one pass over the sentence:
1. one compiled scanner finds number tokens (digits, number words, fractions);
2. adjacent tokens are parsed into numerals (``numbers._spelled``);
3. each numeral is grown into an *atom*: currency prefix, sign and bound words on the
   left; spelled or abbreviated magnitude, unit, rate and "or more" on the right;
4. atoms are merged into ranges ("6-8%", "between 2 and 3 million") and ratios ("one in
   five"); ordinals that are positions become ranks ("slipped to 63rd"); years, dates,
   other ordinals, compound adjectives ("two-day visit"), codes, file names and
   durations that only say when ("in eight months", ``numbers._clauses``) are dropped
   (``numbers._not_figures``, ``numbers._combine``);
5. lists share their unit, magnitude and bound ("3.5, 3.6 and 3.9 trillion tenge"), and
   a part takes the unit of its whole ("of which 19 billion");
6. unit-less counts get their noun ("105 schools" -> school), or the plural subject of a
   verb of amount ("dwellings totalled 234,400").

A currency name shared by several countries ("$", "Rs", "rupees", "pesos", "dinars") is
read as the currency of the document's country (``numbers._currency_context``): ``find`` reads the whole
``text`` it is given as the document, lazily and once per text object, so callers that pass
the document and a sentence span (as the pipeline does) need nothing more.  ``context``
states it instead: a ``Context`` or an ISO 3166 country code ("CA") from metadata.

Every regex is linear (see ``numbers._not_figures``); all per-number work looks at a bounded window,
so the stage is linear in the sentence length.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from claimledger.extract.numbers import _currency_context as currency_context
from claimledger.extract.numbers import _not_figures as not_figures
from claimledger.extract.numbers._atoms import Atom, build, noun, year_token
from claimledger.extract.numbers._clauses import is_time_span, subject_noun
from claimledger.extract.numbers._combine import keep, mark_ranks, merge, share_lists
from claimledger.extract.numbers._scan import groups, inside, tokens
from claimledger.extract.numbers._spelled import parse
from claimledger.models import Quantity
from claimledger.resources.units import LETTER

#: v3: currency from the document's country, durations that are time, ranks after
#: movements, changes vs ranges by clause, per-year rates, exchange rates, subject nouns.
#: v4: a comma ends a figure; a list rank after a spelled amount is not part of it.
STAGE = "numbers.v4"

Context = currency_context.Context
#: Below this an ambiguous letter's amount without a magnitude needs decimals or separators
#: to be money ("P12.50", "N1,500"): "N95", "R2", "P5" are names.
LETTER_MONEY_MIN = 100

__all__ = ["STAGE", "Context", "document_country", "find", "shifted"]


def find(text: str, start: int, end: int, context: Context | str | None = None) -> list[Quantity]:
    """Quantities in ``text[start:end]``, in order, with offsets into ``text``.

    ``text`` is the document (its country decides shared currency names); ``context``
    overrides that with a ``Context`` or a country code.
    """
    toks = tokens(text, start, end)
    if not toks:
        return []
    blocked = not_figures.blocked_spans(text, start, end)
    atoms: list[Atom] = []
    ctx: Context | None = None
    for group, gaps in groups(text, toks):
        if len(group) == 1 and year_token(text, start, group[0]):
            continue  # "in 2024": the time stage's (what build decides, without the parse)
        for p in parse(group, gaps):
            if p.j <= p.i:
                continue
            s, e = group[p.i].start, group[p.j - 1].end
            if blocked and inside(blocked, s, e):
                continue
            if atoms and s < atoms[-1].end:
                continue  # inside the previous figure's unit ("4km^3", "J/m^2")
            a = build(text, start, end, p, group)
            if a is not None:
                if a.family is not None:
                    if ctx is None:
                        ctx = _context(text, context)
                    if a.family == LETTER:
                        if not _letter_money(text, start, end, a, ctx):
                            continue  # "N95 masks", "the R2 round", "P5 members": names
                        a.family = None
                    else:
                        _set_currency(a, currency_context.resolve(a.family, text, start, end, ctx, a.start))
                atoms.append(a)
    if not atoms:
        return []
    if len(atoms) > 1:
        atoms = merge(text, start, end, atoms)
    mark_ranks(text, start, atoms)
    atoms = [a for a in atoms if keep(text, start, a) and not (a.unit and is_time_span(text, start, a))]
    share_lists(text, atoms)
    out: list[Quantity] = []
    for a in atoms:
        if a.unit is None and a.noun is None and not a.rank:
            share = a.words and a.low is None and abs(a.value) < 1  # "two-thirds of households"
            a.noun = noun(text, a.end, end, share=share, ahead=a.ahead)
            if a.noun is None and a.int_like and not a.words:
                a.noun = subject_noun(text, start, a)  # "dwellings totalled 234,400"
        out.append(_quantity(text, a))
    return _without_overlaps(out)


def _without_overlaps(qs: list[Quantity]) -> list[Quantity]:
    """Quantities never overlap (later stages index figures by position).  The atoms are
    built disjoint (a trailing bound that runs on into the next figure, "200 or greater
    than 190", is left to that figure); this is only a safety net: keep the first."""
    if len(qs) < 2:
        return qs
    kept: list[Quantity] = []
    for q in sorted(qs, key=lambda q: (q.start, -q.end)):
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept


def shifted(q: Quantity, offset: int) -> Quantity:
    """The same quantity with its span moved by ``offset`` characters."""
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset)


def document_country(text: str, country: str | None = None, currencies: Iterable[str] = ()) -> str | None:
    """The ISO 3166 code of the document's country: ``country`` (from metadata) when given,
    else the country ``text`` names most (the one that decides shared currency names), else
    the one it names at all, else the country of the first of ``currencies`` (ISO 4217 codes
    of its amounts) that only one country uses: a text with no country words whose amounts
    are in rupees and crores is Indian."""
    found = _context(text, country).country
    if found is None:
        found = currency_context.dominant_country(text, evidence=1)
    if found is None:
        only = currency_context.currency_countries()
        found = next((only[c] for c in currencies if c in only), None)
    return found


def _context(text: str, context: Context | str | None) -> Context:
    if context is None:
        return currency_context.for_text(text)
    if isinstance(context, str):
        return Context(country=context.upper())
    return context


def _letter_money(text: str, start: int, end: int, a: Atom, ctx: Context) -> bool:
    """Is an amount after a one-letter prefix ("N2.5 trillion", "R500") money?  With a
    magnitude, yes; else in a text about that currency's country, when the amount looks
    like money (decimals, separators, or at least ``LETTER_MONEY_MIN``: not "N95")."""
    if a.scaled:
        return True
    digits = text[a.nstart : a.nend]
    looks = abs(a.value) >= LETTER_MONEY_MIN or not digits.isdigit()
    code = (a.unit or "").partition("/")[0]
    return looks and currency_context.supports(code, text, start, end, ctx, a.start)


def _set_currency(a: Atom, code: str) -> None:
    """Replace the (default) currency of ``a`` by ``code``, keeping a rate's denominator."""
    unit = a.unit or ""
    base, slash, rest = unit.partition("/")
    if base != code and a.unit is not None:
        a.unit = code + slash + rest


def _quantity(text: str, a: Atom) -> Quantity:
    value: float | None = a.value
    if a.low is not None:
        value = None
    return Quantity(
        text=text[a.start : a.end],
        start=a.start,
        end=a.end,
        value=value,
        low=a.low,
        high=a.high,
        qualifier=a.qualifier,
        unit=a.unit,
        noun=a.noun,
    )
