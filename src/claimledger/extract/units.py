"""Unit vocabulary and normalisation for the ``numbers`` stage.

Reads: the words written next to a number.  Writes: a canonical unit symbol (ISO 4217
code, ``%``, ``pp``, or a short physical symbol such as ``km``, ``m2``, ``t``, ``MW``) and
the factor that converts the written number into it ("50 cents" -> 0.5 USD).

Everything is precomputed into plain dicts at import, so a lookup is a few dict probes;
pint is never imported here (tests/test_units.py validates every symbol against pint).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimledger.resources import units as unit_tables
from claimledger.resources.units import FAMILIES, FAMILY_PREFIXES, FAMILY_WORDS
from claimledger.resources.words import singular

__all__ = [
    "CURRENCY",
    "DIMENSION",
    "DURATION",
    "PERCENT",
    "TEMPERATURE",
    "UnitMatch",
    "currency_family",
    "currency_prefix",
    "glued_prefix_ok",
    "is_currency",
    "kind",
    "magnitude_abbr",
    "magnitude_word",
    "match",
    "pint_expr",
    "rate_denominator",
    "singular",
]

CURRENCY = "currency"
PERCENT = "percent"
TEMPERATURE = "temperature"
DURATION = "duration"
DIMENSION = "dimension"

#: Longest multi-word unit we try ("kilometres per hour", "british thermal units").
MAX_WORDS = 4
#: Results of the pure look-ups kept (``functools.lru_cache``): the words after numbers
#: repeat ("percent", "tenge", "in 2024,"), and a cache hit is a few times cheaper than
#: a look-up.  Bounded, so memory stays flat on any stream.
CACHE_SIZE = 4096

# Flags on a match that the number grammar must resolve with context.
POUND = 1  # "pounds": GBP with a magnitude or "sterling", otherwise lb
INCH = 2  # "in": inch only before a clause boundary, never the preposition
CLOCK = 4  # "am"/"pm": a time of day unless the number cannot be one
SYMBOL_AFTER = 8  # "10 €": a currency symbol after the amount
AMBIGUOUS = 16  # "pesos", "dollars": the country of the text decides the code (numbers._currency_context)
NEEDS_MAGNITUDE = 32  # "won": a currency only after "million", "billion", ...


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit found after (or before) a number: ``words`` tokens long."""

    symbol: str
    factor: float
    words: int
    flag: int = 0


def _plural(word: str) -> list[str]:
    """Regular English plurals of a unit name (enough for the unit vocabulary)."""
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _named_family_forms(words: dict[str, tuple[str, float, int]]) -> dict[str, str]:
    """A country's name or adjective before a shared currency name is that country's
    currency: "Danish crowns" -> DKK, "Norwegian kroner" -> NOK, "Mexican pesos" -> MXN.

    Built from the country table (``resources.places``) and the currency families, so every
    country whose currency belongs to a family gets its forms; sub-units ("cents", factor
    not 1) are left out, their factor is not the main unit's.
    """
    from claimledger.resources import places

    by_code: dict[str, list[str]] = {}
    for c in places.countries():
        if c.currency:
            by_code.setdefault(c.currency, []).extend(n.lower() for n in c.names)
    out: dict[str, str] = {}
    for w, family in FAMILY_WORDS.items():
        hit = words.get(w)
        if hit is not None and hit[1] != 1.0:
            continue
        for code in sorted(FAMILIES[family][1]):
            for name in by_code.get(code, ()):
                out.setdefault(f"{name} {w}", code)
    return out


def _build() -> tuple[dict[str, tuple[str, float, int]], dict[str, tuple[str, float, int]]]:
    """The two lookup tables: lower-case words (plurals added) and case-sensitive symbols.

    Values are ``(symbol, factor, flag)``; a flag marks a sense the number grammar must
    confirm from context (see the flag constants above).
    """
    words: dict[str, tuple[str, float, int]] = {}
    symbols: dict[str, tuple[str, float, int]] = {}

    def add(key: str, val: tuple[str, float, int], plural: bool = True) -> None:
        words.setdefault(key, val)
        if plural:
            head, _, last = key.rpartition(" ")
            for p in _plural(last):
                words.setdefault((head + " " + p).strip(), val)

    for name, code in unit_tables.CURRENCY_WORDS.items():
        add(name, (code, 1.0, 0))
    for w in FAMILY_WORDS:  # bare names shared by several countries ("dollars", "dinars")
        hit = words.get(w)
        if hit is not None and hit[2] == 0 and hit[1] == 1.0:
            words[w] = (hit[0], 1.0, AMBIGUOUS)
    for key, code in _named_family_forms(words).items():
        words.setdefault(key, (code, 1.0, 0))
    for name, (code, f) in unit_tables.CURRENCY_SUBUNITS.items():
        add(name, (code, f, 0), plural=False)
    for name, (sym, f) in unit_tables.PHYSICAL_WORDS.items():
        add(name, (sym, float(f), 0), plural=" per " not in name and " an " not in name)
    for code in unit_tables.SAFE_LOWER_CODES:
        words.setdefault(code, ("CNY" if code == "rmb" else code.upper(), 1.0, 0))
    # Context-dependent senses (resolved by the number grammar, see flags).
    for w in ("pound", "pounds"):
        words[w] = ("lb", 1.0, POUND)
    words["won"] = ("KRW", 1.0, NEEDS_MAGNITUDE)  # "2.5 trillion won", not "they won"
    words["quid"] = ("GBP", 1.0, 0)
    for sym, (canon, f) in unit_tables.PHYSICAL_SYMBOLS.items():
        symbols[sym] = (canon, float(f), 0)
    for code in unit_tables.ISO_CODES - unit_tables.CODE_WORDS:
        symbols[code] = (code, 1.0, 0)
    symbols["in"] = ("in", 1.0, INCH)
    symbols["pm"] = ("pm", 1.0, CLOCK)
    symbols["am"] = ("am", 1.0, CLOCK)
    symbols["C"] = ("°C", 1.0, 0)
    symbols["F"] = ("°F", 1.0, 0)
    symbols["p"] = ("GBP", 0.01, 0)  # "50p"
    symbols["BTC"] = ("BTC", 1.0, 0)
    for sym, code in unit_tables.CURRENCY_AFTER.items():
        symbols.setdefault(sym, (code, 1.0, SYMBOL_AFTER))
    # Currency symbols written after the amount ("10 €", "100₾"); the number grammar only
    # reads them so when no other number follows (then the symbol is that number's prefix).
    for sym, code in unit_tables.CURRENCY_PREFIX.items():
        if not any("a" <= ch <= "z" for ch in sym.lower()):
            symbols.setdefault(sym, (code, 1.0, SYMBOL_AFTER))
    return words, symbols


_WORDS, _SYMBOLS = _build()
_MULTI_FIRST = frozenset(k.split(" ", 1)[0] for k in _WORDS if " " in k)
_TRIM = ".,;:!?)]}\"'”’»"
_OPEN = "([{<"
_CLOSE = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _norm(tok: str) -> str:
    """Canonical spelling of a symbol token: ``m^2``/``m²`` -> ``m2`` etc."""
    return tok.replace("^2", "2").replace("^3", "3").replace("²", "2").replace("³", "3")


def _single(tok: str) -> tuple[str, float, int] | None:
    hit = _SYMBOLS.get(tok)
    if hit is not None:
        return hit
    n = _norm(tok)
    hit = _SYMBOLS.get(n)
    if hit is not None:
        return hit
    low = n.lower()
    hit = _WORDS.get(low)
    if hit is not None:
        return hit
    # "MUSD", "kEUR", "meur": a magnitude letter glued to a currency code.
    if len(tok) == 4 and tok[0] in "MmkK":
        code = tok[1:].upper()
        if (
            code in unit_tables.ISO_CODES
            and code not in unit_tables.CODE_WORDS
            and (tok[1:].isupper() or tok[1:] in unit_tables.SAFE_LOWER_CODES)
        ):
            return code, (1e6 if tok[0] in "Mm" else 1e3), 0
    return None


def _compound(tok: str) -> tuple[str, float, int] | None:
    """``km/h``-style tokens not in the lexicon: each side must be a unit."""
    if "/" not in tok or tok.count("/") > 2:
        return None
    parts = tok.split("/")
    if not all(parts):
        return None
    syms: list[str] = []
    factor = 1.0
    for i, p in enumerate(parts):
        hit = _single(p) or _powered(p)
        if hit is None or hit[2]:
            if i > 0 and p.lower() in unit_tables.RATE_NOUNS:
                syms.append(unit_tables.RATE_NOUNS[p.lower()])
                continue
            return None
        syms.append(hit[0])
        factor = factor * hit[1] if i == 0 else factor / hit[1]
    return "/".join(syms), factor, 0


def _powered(part: str) -> tuple[str, float, int] | None:
    """'s2' in 'km/s2', 'm^3': a unit raised to a power (only inside compounds)."""
    n = _norm(part)
    if len(n) > 1 and n[-1] in "23":
        base = _single(n[:-1])
        if base is not None and not base[2] and base[1] == 1.0 and base[0] in unit_tables.PINT:
            return base[0] + n[-1], 1.0, 0
    return None


def _known_lower() -> frozenset[str]:
    keys = set(_WORDS) | {k.lower() for k in _SYMBOLS} | set(_MULTI_FIRST)
    return frozenset(keys | {_norm(k).lower() for k in keys})


_KNOWN_LOWER = _known_lower()


def _quick_reject(first: str) -> bool:
    """True when ``first`` cannot start a unit: most words after a number ("schools")."""
    low = first.lower()
    if low in _KNOWN_LOWER or low.rstrip(_TRIM) in _KNOWN_LOWER:
        return False
    if "/" in first or "^" in first or first[:1] in _OPEN or len(first) in (4, 5):
        return False  # compounds, powers, "(kg)", "MUSD"
    return _norm(low.rstrip(_TRIM)) not in _KNOWN_LOWER and not low[-1:].isdigit()


def match(tokens: Sequence[str]) -> UnitMatch | None:
    """The longest unit spelled by the first ``tokens`` (raw whitespace-split words).

    Tokens may carry trailing punctuation ("tenge.", "km,"); a bracketed unit ("(kg)") is
    accepted.  Returns ``None`` when the first token does not start a unit.
    """
    return _match(tuple(tokens))


@lru_cache(maxsize=CACHE_SIZE)
def _match(tokens: tuple[str, ...]) -> UnitMatch | None:
    if not tokens:
        return None
    first = tokens[0]
    if _quick_reject(first):
        return None
    low0 = first.lower()
    if (low0 in _MULTI_FIRST or low0.rstrip(_TRIM) in _MULTI_FIRST) and len(tokens) > 1:
        for n in range(min(MAX_WORDS, len(tokens)), 1, -1):
            key = " ".join(t.lower() for t in tokens[:n])
            for cand in (key, key.rstrip(_TRIM)):
                hit = _WORDS.get(cand)
                if hit is not None:
                    return UnitMatch(hit[0], hit[1], n, hit[2])
    for cand in _candidates(first):
        hit = _single(cand) or _compound(cand)
        if hit is not None:
            return UnitMatch(hit[0], hit[1], 1, hit[2])
    return None


def _candidates(tok: str) -> list[str]:
    """A chunk as written, without trailing punctuation, and without brackets ("(kg)")."""
    out = [tok]
    t = tok.rstrip(_TRIM)
    if t != tok:
        out.append(t)
    for c in (tok, tok.rstrip(".,;:!?")):
        if len(c) > 2 and c[0] in _OPEN and c[-1] == _CLOSE[c[0]]:
            out.append(c[1:-1])
            break
    return out


@lru_cache(maxsize=CACHE_SIZE)
def currency_prefix(tok: str) -> str | None:
    """ISO code for a symbol or code written before an amount ("$", "US$", "€", "USD", "Rs")."""
    hit = unit_tables.CURRENCY_PREFIX.get(tok)
    if hit:
        return hit
    if tok in unit_tables.ISO_CODES and tok not in unit_tables.CODE_WORDS:
        return tok
    low = tok.lower()
    hit = unit_tables.CURRENCY_PREFIX_LOWER.get(low)
    if hit:
        return hit
    if low in unit_tables.SAFE_LOWER_CODES:
        return "CNY" if low == "rmb" else low.upper()
    if tok.endswith("$") and len(tok) == 4 and tok[:3].upper() in unit_tables.ISO_CODES:
        return tok[:3].upper()
    return None


def currency_family(tok: str, *, prefix: bool = False) -> str | None:
    """The shared-name family of a currency word or prefix ("dollars", "$", "Rs"), or None
    for an explicit one ("US$", "Canadian dollars", "PKR"); see ``numbers._currency_context``."""
    if prefix:
        return FAMILY_PREFIXES.get(tok)
    return FAMILY_WORDS.get(tok.lower().rstrip(_TRIM))


def glued_prefix_ok(run: str) -> bool:
    """May letters glued to an amount be its currency ("USD115", "R330", "KSh2.7")?

    Only explicit symbols and major codes: "COP29", "G20", "A320" are names.
    """
    return run in unit_tables.CURRENCY_PREFIX or run.lower() in unit_tables.SAFE_LOWER_CODES


def magnitude_word(word: str) -> int | None:
    """Power of ten of a spelled magnitude ("billion" -> 9, "crore" -> 7)."""
    return unit_tables.MAGNITUDE_WORDS.get(word.lower())


def magnitude_abbr(tok: str) -> tuple[int, bool] | None:
    """``(power, needs_currency)`` for an abbreviated magnitude ("bn", "mln", "k", "m")."""
    return unit_tables.MAGNITUDE_ABBR.get(tok)


def rate_denominator(tok: str) -> str | None:
    """Symbol for what a rate is "per": a unit or a counted noun ("barrel" -> bbl)."""
    t = tok.rstrip(_TRIM)
    hit = _single(t)
    if hit is not None and not hit[2] and hit[1] == 1.0 and kind(hit[0]) != PERCENT:
        if kind(hit[0]) == CURRENCY:
            return None
        return hit[0]
    low = t.lower()
    return unit_tables.RATE_NOUNS.get(low) or unit_tables.RATE_NOUNS.get(singular(low))


_PERCENT_SYMS = frozenset({"%", "pp", "bp", "‰"})
_TEMP_SYMS = frozenset({"°C", "°F", "K"})
_TIME_SYMS = frozenset({"year", "month", "week", "d", "h", "min", "s", "ms", "decade", "century"})


def is_currency(symbol: str) -> bool:
    return symbol in unit_tables.ISO_CODES


@lru_cache(maxsize=CACHE_SIZE)
def kind(symbol: str | None) -> str | None:
    """``currency``, ``percent``, ``temperature``, ``duration`` or ``dimension`` (None: a count)."""
    if symbol is None:
        return None
    base = symbol.split("/", 1)[0]
    if base in unit_tables.ISO_CODES:
        return CURRENCY
    if base in _PERCENT_SYMS:
        return PERCENT
    if base in _TEMP_SYMS:
        return TEMPERATURE
    if base in _TIME_SYMS and "/" not in symbol:
        return DURATION
    return DIMENSION


def pint_expr(symbol: str) -> str | None:
    """A pint expression for a physical symbol, compound symbols included; None for money."""
    whole = unit_tables.PINT.get(symbol)
    if whole is not None:
        return whole
    out: list[str] = []
    for p in symbol.split("/"):
        e = unit_tables.PINT.get(p)
        if e is None and p[-1:] in "23" and p[:-1] in unit_tables.PINT:
            e = f"({unit_tables.PINT[p[:-1]]})**{p[-1]}"
        if e is None:
            return None
        out.append(f"({e})")
    return "/".join(out)
