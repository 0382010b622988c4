"""Canonical subjects and indicator keys.

Reads: a claim's subject phrase, unit and counted noun, and its document's country.
Writes: an ``IndicatorKey`` (the key two claims must share to be linked, a display name
and the explanation of every step that produced it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from claimledger.link._places import country_spans, without_countries
from claimledger.link._units import dimension
from claimledger.resources import indicators as lexicon
from claimledger.resources.words import plural, singular

#: A country after these words is a partner ("exports to Russia", "remittances from Russia"),
#: part of what is measured, not the country doing the reporting.
PARTNER_PREPOSITIONS = frozenset({"to", "from", "with", "into", "toward", "towards", "against", "via"})

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.&-]*")

#: A subject with more content words than this is too specific to name an indicator
#: reliably (it is usually a whole clause); such claims stay unlinked rather than being
#: filed under a key nobody else will ever share.
MAX_CONTENT_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Canon:
    """A canonical subject: head-word tokens in reading order, and how they were found."""

    tokens: tuple[str, ...]
    region: str | None
    steps: tuple[str, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return " ".join(sorted(self.tokens))

    @property
    def name(self) -> str:
        return " ".join(lexicon.DISPLAY.get(t, t) for t in self.tokens)


@dataclass(frozen=True, slots=True)
class IndicatorKey:
    """Where a claim is filed: ``key`` is unique per indicator; ``name`` is its display
    name in words ("Kazakhstan: budget spending (KZT)"), ``label`` what it measures
    ("budget spending") and ``region`` its country, if any."""

    key: str
    name: str
    dimension: str
    explanation: str
    label: str = ""
    region: str | None = None


@lru_cache(maxsize=1)
def _phrases_by_first() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """The phrase table by first word, longest phrase first (built once, not per subject)."""
    out: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for src, dst in sorted(lexicon.PHRASES.items(), key=lambda kv: -len(kv[0])):
        if src:
            out.setdefault(src[0], []).append((src, dst))
    return out


def _replace_phrases(tokens: list[str], steps: list[str]) -> list[str]:
    by_first = _phrases_by_first()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for src, dst in by_first.get(tokens[i], ()):
            if tuple(tokens[i : i + len(src)]) == src:
                out.extend(dst)
                steps.append(f"'{' '.join(src)}' means '{' '.join(dst)}'")
                i += len(src)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@lru_cache(maxsize=1 << 16)
def canonical_subject(subject: str) -> Canon:
    """Reduce a subject phrase to the words that say what is measured.

    >>> canonical_subject("square meters of housing commissioned").tokens
    ('housing',)
    >>> canonical_subject("budget deficit").key != canonical_subject("budget spending").key
    True
    """
    steps: list[str] = []
    region = None
    partners: list[str] = []
    for start, _end, country in country_spans(subject, ignore_case=True):
        before = subject[:start].split()[-1:]
        if before and before[0].lower() in PARTNER_PREPOSITIONS:
            partners.append(country)  # "exports to Russia": a partner, not the reporting country
        elif region is None:
            region = country
    text = without_countries(subject, ignore_case=True)
    if region:
        steps.append(f"names the country {region}")
    if partners:
        steps.append("names the partner " + ", ".join(partners))
    raw = [w.lower().removesuffix("'s").strip(".-") for w in _WORD.findall(text)]
    lemmas = [singular(w) for w in raw if w]
    tokens = _replace_phrases(lemmas, steps)
    mapped: list[str] = []
    for t in tokens:
        s = lexicon.SYNONYMS.get(t, t)
        if s != t:
            steps.append(f"'{t}' means '{s}'")
        mapped.append(s)
    kept: list[str] = []
    dropped: list[str] = []
    for i, t in enumerate(mapped):
        nxt = mapped[i + 1] if i + 1 < len(mapped) else ""
        scope = t in lexicon.CENTRAL_SCOPE and (nxt in lexicon.FINANCE_HEADS or nxt in lexicon.CENTRAL_SCOPE)
        noise = (
            t in lexicon.STOP
            or t in lexicon.FILLER
            or t in lexicon.UNIT_WORDS
            or t in lexicon.VERBS
            or len(t) < 2
            or t[0].isdigit()
        )
        if scope or noise:
            dropped.append(t)
        elif t not in kept:
            kept.append(t)
    if dropped:
        steps.append("ignored " + ", ".join(dict.fromkeys(dropped)))
    for p in partners:
        if p.lower() not in kept:
            kept.append(p.lower())
    if "budget" in kept and len(kept) > 2 and set(kept) & (lexicon.FINANCE_HEADS - {"budget"}):
        # "budget health spending" is health spending: the budget is where it stands, the
        # sector says what it is.
        kept.remove("budget")
        steps.append("'budget' before a sector's spending only says where it stands")
    if kept == ["budget"]:
        kept.append("spending")
        steps.append("a budget's size is its spending")
    elif len(kept) == 1 and kept[0] in lexicon.IMPLIES_BUDGET:
        kept.insert(0, "budget")
        steps.append(f"'{kept[1]}' alone is read as the public budget's")
    return Canon(tuple(kept), region, tuple(steps))


def indicator_key(
    subject: str,
    unit: str | None,
    noun: str | None,
    doc_region: str | None,
    region_why: str = "",
    *,
    dim: str | None = None,
) -> IndicatorKey | None:
    """The indicator a figure belongs to, or ``None`` when its subject says nothing usable.

    ``dim`` overrides the dimension read from the unit (a percentage's kind, see
    ``_units.percent_kind``)."""
    canon = canonical_subject(subject)
    if dim is None:
        dim, _ = dimension(unit, noun)
    default = lexicon.DEFAULT_QUALIFIERS.get(dim.split(":", 1)[0])
    if dim in ("percent", "percent_change") and "growth" in canon.tokens:  # "real GDP growth of 5%"
        default = "real"
        if len(canon.tokens) > 1:
            # "GDP growth was 7.4%" and "the economy grew 5.9%" state one thing: the change of GDP.
            dim = "percent_change"
            canon = Canon(
                tuple(t for t in canon.tokens if t != "growth"),
                canon.region,
                (*canon.steps, "'X growth' as a percentage is the change of X"),
            )
    if default and default in canon.tokens and len(canon.tokens) > 1:
        canon = Canon(
            tuple(t for t in canon.tokens if t != default),
            canon.region,
            (*canon.steps, f"'{default}' is the default for a {dim.split(':', 1)[0]} figure"),
        )
    if not canon.tokens or len(canon.tokens) > MAX_CONTENT_TOKENS or set(canon.tokens) <= lexicon.GENERIC:
        return None
    if dim == "count" and canon.tokens[-1] not in lexicon.GENERIC:
        # "Arrivals reached 2.1 million" counts what its subject names, like "2.1 million
        # tourists": the head word is the counted noun the extractor did not attach.
        dim = f"count:{canon.tokens[-1]}"
    region = canon.region or doc_region
    if canon.region:
        where = f"subject names {canon.region}"
    elif doc_region:
        where = region_why or f"document is about {doc_region}"
    else:
        where = "no country known"
    steps = "; ".join(canon.steps) if canon.steps else "no rewriting needed"
    what = f"unit {unit}" if unit else (f"counted noun '{noun}'" if noun else "no unit")
    explanation = (
        f"subject '{subject}' reads as '{canon.name}' ({steps}); "
        f"dimension {dim} from {what}; region: {where}."
    )
    key = f"{region or '-'}|{canon.key}|{dim}"
    shown = f"{canon.name} ({dim_label(dim)})"
    name = f"{region}: {shown}" if region else shown
    return IndicatorKey(key, name, dim, explanation, canon.name, region)


def dim_label(dim: str) -> str:
    """A unit dimension in words, for a display name: "KZT", "% change", "number of schools"."""
    if dim.startswith("currency:"):
        return dim.split(":", 1)[1]
    if dim.startswith("count:"):
        return "number of " + plural(dim.split(":", 1)[1])
    if dim.startswith("percent_of:"):
        of = dim.split(":", 1)[1]
        return "% of " + ("GDP" if of == "gdp" else of)
    if dim.startswith(("rate:", "unit:")):
        return dim.split(":", 1)[1]
    return {
        "percent": "%",
        "percent_change": "% change",
        "percent_points": "pp",
        "area": "area",
        "length": "length",
        "mass": "mass",
        "power": "power",
        "energy": "energy",
        "volume": "volume",
        "count": "number",
    }.get(dim, dim)
