"""Countries in linking: which country a document, sentence or subject is about.

Used to scope indicators by region: "GDP" of a Kazakh statement and "GDP" of an Uzbek one
are different indicators even when both are stated in US dollars.  The countries, their
names and demonyms ("the Kazakh economy" as well as "Kazakhstan's economy") and their
currencies are ``claimledger.resources.places``; this module only decides with them.
"""

from __future__ import annotations

from claimledger.resources import places


def country_spans(text: str, *, ignore_case: bool = False) -> list[tuple[int, int, str]]:
    """``(start, end, country name)`` of each country named in ``text``; a possessive
    ("Kazakhstan's") is part of the span."""
    out = []
    for start, end, c in places.mentions(text, ignore_case=ignore_case):
        if text.startswith("'s", end) and not text[end + 2 : end + 3].isalnum():
            end += 2
        out.append((start, end, c.name))
    return out


def without_countries(text: str, *, ignore_case: bool = False) -> str:
    """``text`` with every country name (and its possessive) replaced by a space."""
    parts, pos = [], 0
    for start, end, _name in country_spans(text, ignore_case=ignore_case):
        parts += [text[pos:start], " "]
        pos = end
    return "".join(parts) + text[pos:]


def countries_named(text: str, *, ignore_case: bool = False) -> list[str]:
    """Country names mentioned in ``text``, in order (with repeats).

    Short and ambiguous forms match only as written, so "turkey" the bird and "china" the
    porcelain stay out; ``ignore_case`` is for lower-cased subject phrases.
    """
    return [c.name for _s, _e, c in places.mentions(text, ignore_case=ignore_case)]


def currency_country(code: str) -> str | None:
    """The country a figure in ``code`` is about: tenge is Kazakhstan's; currencies used
    far beyond one country (USD, EUR, XOF ...) name none."""
    c = places.currency_country(code)
    return c.name if c else None


def main_region(*texts: str | None, body: str | None = None) -> tuple[str | None, str]:
    """The country a document is about, and how that was decided.

    Metadata texts (title, speaker, source) decide first: the first country named there.
    Otherwise the country named most often in the body, if it is the only country named
    or is named at least twice and clearly more than any other (a news story names its
    subject country repeatedly; a passing mention of a partner country must not re-scope
    the document).
    """
    for t in texts:
        if t:
            found = countries_named(t)
            if found:
                return found[0], "named in document metadata"
    if body:
        counts: dict[str, int] = {}
        for name in countries_named(body):
            counts[name] = counts.get(name, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or (ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1])):
            return ranked[0][0], f"named {ranked[0][1]} times in the text"
    return None, "no country named"
