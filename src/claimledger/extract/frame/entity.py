"""Frame field ``entity``: whose figure it is.

Reads: the sentence, the figure's span and clause (``Passage``), the spans of attribution
sources (a source is not the figure's owner), and the document context (its main country).
Writes: an ``Entity`` (or None when nothing names one) and the cues that decided it.

Where names come from: countries from ``resources.places`` (pycountry, babel and the
project's demonyms); areas and organisations from ``resources/data/entities.toml``; world
regions from ``places.regions``; sub-national places from the patterns of
``frame_cues.toml`` ("the region of X", "X city", "the capital"), the place words the
country table lists, and the ISO 3166-2 subdivisions of the document's country; sectors
from "<noun> sector".

Which name a figure takes, first rule that applies: a name right after the figure ("0.4%
in the euro area", "4.7% nationally"); the nearest name before it in its clause that no
other figure took as its own; the first name after it before the next figure; the nearest
name in the sentence; the document's main country; the country of a national currency.
A list of names against a list of figures ("Kazakhstan and Uzbekistan grew by 5% and 6%")
pairs them in order.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from claimledger.extract.frame import _cues, _places, measure
from claimledger.extract.frame._gazetteer import Case, Gazetteer, Hit, case_of, words
from claimledger.extract.frame._passage import LIST_GAP, Passage
from claimledger.models import Entity, EntityType
from claimledger.resources.frame import capitals
from claimledger.resources.taxonomy import entity_data

__all__ = [
    "Mention",
    "Name",
    "Names",
    "alpha2",
    "choose",
    "country_entity",
    "currency_home",
    "find",
    "lexicon",
    "main_country",
    "pair_lists",
]

#: Characters after a figure within which a following name is the figure's own ("0.4% in
#: the euro area"); the words between must be prepositions, articles or a time.
POST_REACH = 40
#: How far into a document its main country is looked for: title, dateline and lead.
LEAD_CHARS = 3000
#: Names looked at on each side of a figure before giving up (keeps a sentence of
#: thousands of names and figures linear; no real clause holds this many).
SCAN_MAX = 40
#: Characters of a document's first line read for its author.
FIRST_LINE_CHARS = 200
#: Unknown country of a sub-national place (ISO 3166 reserves X.. codes for private use).
UNKNOWN_COUNTRY = "XXX"

#: What stands between a figure and a name that is its own ("0.4% in the euro area", "5%
#: in 2023 in the US"): a time, then a preposition and an article.
_POST_GAP = re.compile(
    r"^\s*(?:(?:in|for|during|the|last|this|next|year|quarter|month|first|second|third|fourth|half|of|"
    r"\d{4}|q[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*),?\s+)*?"
    r"(?:in|for|of|across|among|within|at)\s+(?:the\s+)?$",
    re.I,
)
#: A place's name in a pattern of frame_cues.toml: one to three capitalised words, the
#: first not a word that opens a sentence ("In Almaty city" names Almaty).
_NAME = (
    r"(?P<name>(?-i:(?!(?:The|In|On|At|For|Of|This|That|These|Its|Their|Our|A|An|And|Each|Every)\b)"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))"
)
_SECTOR = re.compile(r"\b(?P<name>[a-z][a-z-]+(?:\s+and\s+[a-z]+)?)\s+(?:sector|industry)\b")
#: Words that are never the name of a place in "NAME region" ("The region", "This region").
_NOT_NAME = frozenset(
    {"the", "this", "that", "these", "its", "their", "our", "each", "every", "a", "an", "in", "of", "and"}
    | {"by", "per", "across", "within", "for", "from", "to", "at", "on", "whole", "entire"}
)
_THE = re.compile(r"^the\s+", re.I)
#: A news dateline opening a text: "ASTANA, May 1 (Reuters) -".
_DATELINE = re.compile(
    r"[A-Z][A-Za-z .'-]{2,30},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?"
    r"\s*(?:\([^)]{1,30}\))?\s*[-–—]+\s*"
)
#: What follows a country's name when it names a currency ("US dollars", "Hong Kong $").
_CURRENCY_AFTER = re.compile(r"\s*(?:dollars?|\$|cents?)\b|\$", re.I)
_SUBDIVISION_WORDS = re.compile(
    r"\s*\b(?:oblysy|oblast'?|oblasty|region|province|state|governorate|prefecture|county|"
    r"voivodeship|respublika|respublikasi|viloyati|city)\b\s*",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name of an entity in a sentence; ``how`` is the cue to record when it is chosen."""

    start: int
    end: int
    entity: Entity
    how: str
    #: the entity as named, when ``entity`` is whose figure it stands for ("the National
    #: Bank" names CENTRAL_BANK and stands for the country)
    named: Entity | None = None

    @property
    def source(self) -> Entity:
        """Who a figure is from when this name is its source."""
        return self.named or self.entity


def _strip_accents(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def country_entity(p: _places.Place) -> Entity:
    return Entity(p.id, p.name, "country")


def economy_of(e: Entity) -> Entity | None:
    """The economy a national or area institution speaks for (``economy`` in
    entities.toml: "Bank of England" -> GBR); None for an institution of no economy (the
    IMF)."""
    return _economies().get(e.id) if e.type == "organisation" else None


@cache
def _economies() -> dict[str, Entity]:
    areas = {v[0].id: v[0] for v in _named_entries().values() if v[0].type == "area"}
    out: dict[str, Entity] = {}
    for row in _entity_rows():
        key = str(row.get("economy", ""))
        place = _places.country(key) if key and key not in areas else None
        found = areas.get(key) or (country_entity(place) if place is not None else None)
        if found is not None:
            out[str(row["id"])] = found
    return out


# --- tables, built once ------------------------------------------------------------------


def _entity_rows() -> Iterable[dict[str, Any]]:
    """The rows of ``entities.toml``: every table in any array of tables that has an id."""
    try:
        data = entity_data()
    except FileNotFoundError:
        return ()
    rows: list[dict[str, Any]] = []
    for value in data.values():
        if isinstance(value, list):
            rows += [r for r in value if isinstance(r, dict) and "id" in r]
    return rows


_TYPES: dict[str, EntityType] = {
    "area": "area",
    "region": "area",
    "group": "area",
    "organisation": "organisation",
    "organization": "organisation",
    "company": "organisation",
    "bank": "organisation",
    "institution": "organisation",
    "sector": "sector",
    "country": "country",
    "city": "city",
}


@cache
def _generic_ids() -> frozenset[str]:
    """Institutions with no country of their own ("the central bank", "the government"):
    a figure of theirs is their country's."""
    return frozenset(
        str(r["id"]) for r in _entity_rows() if r.get("generic") and r.get("type") == "organisation"
    )


@lru_cache(maxsize=4096)
def names_only(subject: str) -> bool:
    """Is the subject phrase (lower case) nothing but the name of a country or an area,
    with or without "economy" ("uzbekistan", "asean economies")?  A % change of it is then
    its economy's growth."""
    words = [w for w in subject.split() if w not in ("economy", "economies", "the")]
    if not words:
        return False
    name = " ".join(words)
    if _places.country(name) is not None:
        return True
    named = _named_entries().get(name)
    return named is not None and named[0].type == "area"


def first_line_ids(text: str) -> set[str]:
    """Ids of the areas and organisations the document's title names (its author, for
    minutes, reports and press releases): a first line that is a heading, not a sentence."""
    nl = title_end(text)
    return {v.id for h in _lexicon().find(text, 0, nl) for v in h.values if isinstance(v, Entity)}


def title_end(text: str) -> int:
    """Where the document's title line ends: 0 when its first line is a sentence."""
    nl = text.find("\n", 0, FIRST_LINE_CHARS)
    if nl <= 0 or text[:nl].rstrip()[-1:] in ".!?;:\"'”’":
        return 0
    return nl


#: Characters from the opening sentence's start within which an institution it names is
#: its subject ("The Governing Council of the ECB decided ..."): the document's author.
OPENING_REACH = 40
#: What may stand before that subject: "The", "The Governing Council of the"; not
#: "According to the" (a cited source, not the author).
_SUBJECT_LEAD = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w-]*\s+)*(?:of\s+(?:the\s+)?)?")


def opening_ids(text: str) -> set[str]:
    """Ids of the organisations the body's opening sentence opens with: the document's own
    institution, whose forecasts are the speaker's.  Only in a document with a title line:
    a lone sentence ("The IMF projects ...") is a report about the institution."""
    a = title_end(text)
    if a == 0:
        return set()
    while a < len(text) and text[a] in " \n\r\t":
        a += 1
    dot = text.find(". ", a, a + FIRST_LINE_CHARS)
    b = dot if dot > 0 else min(len(text), a + FIRST_LINE_CHARS)
    return {
        v.id
        for h in _lexicon().find(text, a, b)
        if h.start < a + OPENING_REACH and _SUBJECT_LEAD.fullmatch(text, a, h.start)
        for v in h.values
        if isinstance(v, Entity) and v.type == "organisation"
    }


@cache
def _named_entries() -> dict[str, tuple[Entity, Case, str]]:
    """Areas and organisations by name and alias (lower case -> entity, how it must be
    written, the name as listed), then the world regions of the country table.  A leading
    "the" is optional: both forms are listed."""
    out: dict[str, tuple[Entity, Case, str]] = {}
    for row in _entity_rows():
        kind = _TYPES.get(str(row.get("type", "organisation")).lower(), "organisation")
        e = Entity(str(row["id"]), str(row.get("name", row["id"])), kind)
        for n in [row.get("name"), *row.get("aliases", ())]:
            if n:
                # a leading "the" is optional (entities.toml): matching without it lets
                # "the World Bank" be the bank, not "the world"
                n = _THE.sub("", str(n)) or str(n)
                out.setdefault(n.lower(), (e, case_of(n), n))
    for name, names in _places.regions():
        e = Entity(_area_id(name), name, "area")
        for n in (name, *names):
            out.setdefault(n.lower(), (e, case_of(n), n))
    return out


def _area_id(name: str) -> str:
    found = _named_ids().get(name.lower())
    if found is not None:
        return found
    letters = [w[0] for w in name.split() if w[:1].isalpha()]
    return "".join(letters).upper() or name.upper()


@cache
def _named_ids() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _entity_rows():
        for n in [row.get("name"), *row.get("aliases", ())]:
            if n:
                out.setdefault(str(n).lower(), str(row["id"]))
    return out


@cache
def _common() -> frozenset[str]:
    return frozenset(_cues.phrases("entity", "not_places"))


@cache
def _capitals() -> dict[str, str]:
    d: dict[str, str] = capitals()
    return d


@cache
def _local_entries(country_id: str) -> dict[str, tuple[Entity, Case]]:
    """The places of one country: its capital, the place words of the country table and
    its ISO 3166-2 subdivisions (cities as cities, the rest as regions)."""
    import pycountry

    out: dict[str, tuple[Entity, Case]] = {}
    c = _places.country(country_id)
    if c is None:
        return out
    capital = _capitals().get(country_id)
    if capital:
        for form in {capital, _strip_accents(capital)}:
            out.setdefault(form.lower(), (_place(country_id, capital, "city"), "title"))
    subs: list[Any] = list(pycountry.subdivisions.get(country_code=_alpha2(country_id)) or ())  # type: ignore[no-untyped-call]
    cities: list[str] = []
    regions: list[str] = []
    for sub in subs:
        bare = _SUBDIVISION_WORDS.sub(" ", sub.name).strip(" ,'")
        if not bare or bare.lower() in _common() or "," in bare:
            continue
        (cities if "city" in sub.type.lower() else regions).append(bare)
    for name in cities:  # a city and the region named after it: the bare name is the city
        for form in {name, _strip_accents(name)}:
            out.setdefault(form.lower(), (_place(country_id, form, "city"), "title"))
    for name in _places.place_names(c):
        kind: EntityType = "region" if name in regions else "city"
        out.setdefault(name.lower(), (_place(country_id, name, kind), "title"))
    for name in regions:
        for form in {name, _strip_accents(name)}:
            out.setdefault(form.lower(), (_place(country_id, form, "region"), "title"))
    return out


@cache
def _alpha2(country_id: str) -> str:
    import pycountry

    iso = pycountry.countries.get(alpha_3=country_id)
    return "" if iso is None else str(iso.alpha_2)


def _place(country_id: str, name: str, kind: EntityType) -> Entity:
    return Entity(f"{country_id}:{_strip_accents(name).lower()}", name, kind)


@cache
def _place_words() -> dict[str, frozenset[str]]:
    """The words one of which a region or city pattern needs ("region", "city" ...)."""
    ent = _cues.data()["entity"]
    out: dict[str, frozenset[str]] = {}
    for kind in ("region", "city"):
        found: set[str] = set()
        for p in ent[kind]:
            plain = re.sub(r"NAME|\(\?:|[()|?,]", " ", p)
            found |= {w.lower() for w in plain.split() if w.isalpha() and w.lower() not in _NOT_NAME}
        out[kind] = frozenset(found)
    return out


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def named(items: Sequence[str]) -> re.Pattern[str]:
        alts = "|".join(i.replace(" ", r"\s+").replace("NAME", _NAME) for i in items)
        # each alternative has its own group; re needs unique names, so number them
        k = 0

        def number(_m: re.Match[str]) -> str:
            nonlocal k
            k += 1
            return f"(?P<name{k}>"

        return re.compile(r"(?<![\w-])(?:" + re.sub(r"\(\?P<name>", number, alts) + r")(?![\w-])", re.I)

    ent = _cues.data()["entity"]
    return named(ent["region"]), named(ent["city"])


def _group_name(m: re.Match[str]) -> str:
    for k, v in m.groupdict().items():
        if k.startswith("name") and v:
            return v
    return ""


# --- finding names -----------------------------------------------------------------------


Name = Entity | str
"""A word of the sentence lexicon: an entity, or (a ``str``) a phrase of the measure taxonomy."""


@cache
def _lexicon() -> Gazetteer[Name]:
    """Areas and organisations, then countries, in the slot ``entity``; the taxonomy's
    phrases (synonyms, heads, context and exclude words) in the slot ``phrase``.  One pass
    over a sentence's words finds both, longest name first ("GDP in US dollars" is a
    phrase, and its "US" no country)."""
    g: Gazetteer[Name] = Gazetteer()
    for e, case, name in _named_entries().values():
        g.add(name, e, case, "entity")
    for form, c, as_written in _places.country_forms():
        g.add(form, country_entity(c), "exact" if as_written else "title", "entity")
    tax = measure.taxonomy()
    for phrase in tax.phrase_list:
        written = tax.acronyms.get(phrase)
        # an acronym of the taxonomy ("CAR", "PIT") counts only as written
        g.add(written or phrase, phrase, "exact" if written else "any", "phrase")
    return g


@lru_cache(maxsize=8)
def lexicon(home_id: str | None) -> Gazetteer[Name]:
    """The sentence lexicon of a document about ``home_id``: with its country's places."""
    base = _lexicon()
    if home_id is None:
        return base
    local: Gazetteer[Name] = Gazetteer()
    for name, (e, case) in _local_entries(home_id).items():
        local.add(name, e, case, "entity")
    return base.merged(local)


def find(
    text: str,
    start: int,
    end: int,
    home: Entity | None,
    ws: list[tuple[int, int, str]] | None = None,
    capital: list[re.Match[str]] | None = None,
    national: list[re.Match[str]] | None = None,
    hits: Sequence[Hit[Name]] | None = None,
) -> list[Mention]:
    """Every entity named in the sentence ``text[start:end]``, in order, none overlapping.
    ``home`` is the document's main country (for "nationally", "the capital" and its
    sub-national places); ``ws`` the sentence's words, ``capital`` and ``national`` the
    scanner's matches and ``hits`` the lexicon's, when already found."""
    if ws is None:
        ws = words(text, start, end)
    if capital is None or national is None:
        ms = _cues.multi(("entity", ("capital",)), ("entity", ("national",))).scan(text, ws, start, end)
        capital, national = ms.of(0), ms.of(1)
    if hits is None:
        hits = lexicon(home.id if home is not None else None).find_in(text, ws)
    found: list[Mention] = []
    near: Entity | None = None
    dateline = _DATELINE.match(text, start, end)
    if dateline is not None:
        # "ASTANA, May 1 -": where the story was filed, not whose figures it gives
        hits = [h for h in hits if h.start >= dateline.end()]
    for hit in hits:
        if _CURRENCY_AFTER.match(text, hit.end):
            continue  # "80 billion US dollars": a currency, not whose figure it is
        for v in hit.values:
            if isinstance(v, Entity):
                if v.type == "area" and _ranked_in(text, start, hit.start, hit.end):
                    break  # "the world's most populous country": the field of a ranking
                if v.type == "area" and _area_cause(text, start, hit.start, hit.end):
                    break  # "amid global market stress": a cause, not whose figure it is
                how = f"{v.type}:{text[hit.start : hit.end]}"
                if v.id in _generic_ids() and home is not None:
                    # "the National Bank", "the government": an institution of the country
                    found.append(Mention(hit.start, hit.end, home, f"{how} (of {home.id})", v))
                else:
                    found.append(Mention(hit.start, hit.end, v, how))
                if near is None and v.type == "country":
                    near = v  # the country the sentence is about: the first it names
                break
    if near is None:
        near = home
    cid = near.id if near is not None and near.type == "country" else UNKNOWN_COUNTRY
    region_rx, city_rx = _patterns()
    lows = {w.lower() for _a, _b, w in ws}
    place_words = _place_words()
    for rx, kind in ((region_rx, "region"), (city_rx, "city")):
        if lows.isdisjoint(place_words[kind]):
            continue
        for m in rx.finditer(text, start, end):
            name = _group_name(m)
            if not name or name.split()[0].lower() in _NOT_NAME:
                continue
            if name.lower() in _named_entries() or _places.country(name) is not None:
                continue  # "the Asia-Pacific region", "the Kazakh region": not a place of one country
            where = _places.place_country(name)
            e = _place(where.id if where is not None else cid, name, "region" if kind == "region" else "city")
            found.append(Mention(m.start(), m.end(), e, f"{kind}:{' '.join(m.group().split())}"))
    if near is not None and near.type == "country":
        city = _capitals().get(near.id)
        if city:
            for m in capital:
                e = _place(near.id, city, "city")
                found.append(Mention(m.start(), m.end(), e, f"capital:{m.group().lower()}"))
        for m in national:
            found.append(Mention(m.start(), m.end(), near, f"national:{m.group().lower()}"))
    for m in _SECTOR.finditer(text, start, end) if "sector" in lows or "industry" in lows else ():
        name = m.group("name").lower()
        if name.split()[0] in _NOT_NAME:
            continue
        if _sector_cause().search(text, max(start, m.start() - 60), m.start()) is not None:
            continue  # "eased to 5% on a weaker oil sector": a cause, not whose figure it is
        found.append(
            Mention(
                m.start(),
                m.end(),
                Entity(f"sector:{name}", f"{name} sector", "sector"),
                f"sector:{m.group()}",
            )
        )
    return _local_institutions(text, _no_overlaps(found))


#: What may stand between a sub-national place and the institution it qualifies ("the Nairobi
#: county government", "Lagos State's government").
_PLACE_INSTITUTION_GAP = re.compile(r"(?:['’]s)?\s*(?:own\s+)?")


def _local_institutions(text: str, found: list[Mention]) -> list[Mention]:
    """A generic institution right after a sub-national place ("the Nairobi county
    government", "the city of Zelmar's council") is that place's own: its budget and rates
    are the place's, not the country's."""
    out = list(found)
    for k in range(1, len(out)):
        place, inst = out[k - 1], out[k]
        if place.entity.type not in ("region", "city") or not inst.how.startswith("organisation:"):
            continue
        if (inst.named or inst.entity).id not in _generic_ids() and inst.entity.id not in _generic_ids():
            continue
        if _PLACE_INSTITUTION_GAP.fullmatch(text, place.end, inst.start):
            out[k] = Mention(
                inst.start, inst.end, place.entity, f"{inst.how} (of {place.entity.id})", inst.named
            )
    return out


def _area_cause(text: str, start: int, a: int, b: int) -> bool:
    """Is the area at ``text[a:b]`` named as a modifier in a cause phrase ("amid global
    market stress", "on weaker world demand")?  Written in lower case and followed by the
    noun it qualifies: an adjective, not a name ("the report on Africa" keeps Africa)."""
    if not text[a:b].islower() or not re.match(r"\s+[a-z]", text[b : b + 3]):
        return False
    return _sector_cause().search(text, max(start, a - 60), a) is not None


#: Words that may follow a bare sector noun in a subject that is the sector's output.
_SECTOR_OUTPUT = frozenset({"sector", "output", "production", "growth", "activity", "value", "added", "gdp"})


@cache
def _sector_nouns() -> dict[str, str]:
    """Sector nouns used bare ("services grew"), by word: frame_cues.toml [entity]."""
    out: dict[str, str] = {}
    for n in _cues.phrases("entity", "sector_nouns"):
        name = re.sub(r"\s+(?:sector|industry)$", "", n.lower())
        out[name] = name
    return out


@cache
def _sector_cause() -> re.Pattern[str]:
    """Cause words right before a sector's name, with an article and up to two modifiers."""
    words = "|".join(
        p.replace(" ", r"\s+") for p in sorted(_cues.phrases("entity", "sector_cause"), key=len)[::-1]
    )
    return re.compile(rf"\b(?:{words})\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){{0,2}}$", re.I)


@cache
def _publication() -> re.Pattern[str]:
    """What follows a country's name inside a publication's or agency's name."""
    words = "|".join(
        p.replace(" ", r"\s+") for p in sorted(_cues.phrases("entity", "publication_words"), key=len)[::-1]
    )
    return re.compile(rf"\s+(?:{words})\b", re.I)


@lru_cache(maxsize=4096)
def sector_of(subject: str) -> Entity | None:
    """The sector a subject phrase names bare as what grows or produces ("services",
    "manufacturing output"): its first word, or its only word."""
    words = subject.lower().split()
    if not words or len(words) > 3:
        return None
    name = _sector_nouns().get(words[0])
    if name is None or not _SECTOR_OUTPUT.issuperset(words[1:]):
        return None  # "manufacturing jobs", "retail inflation": a measure of the economy
    return Entity(f"sector:{name}", f"{name} sector", "sector")


#: A row of a breakdown led by a bare sector noun, up to its figure: "construction 41,000",
#: "with hotels adding 15,000", "; mining 2.4%" (a connective, an article, the noun, an
#: optional head, one verb form, one preposition).
_ROW_LABEL = re.compile(
    r"\W*(?:(?:with|and|while|whereas|but)\s+)?(?:the\s+)?(?P<name>[a-z][a-z-]+)"
    r"(?:\s+(?:sector|industry))?(?:\s+[a-z]+(?:ed|ing))?(?:\s+(?:by|to|at|of|up|down|for))?\s*",
    re.I,
)


def row_sector(text: str, a: int, b: int) -> Entity | None:
    """The sector a breakdown's row names before its figure (``text[a:b]``, the figure's own
    stretch up to it): "construction 41,000, hotels 23,000", "with hotels adding 15,000"."""
    m = _ROW_LABEL.fullmatch(text, a, b)
    if m is None:
        return None
    name = _sector_nouns().get(m.group("name").lower())
    return None if name is None else Entity(f"sector:{name}", f"{name} sector", "sector")


@cache
def _ranking() -> tuple[re.Pattern[str], re.Pattern[str]]:
    sup = "|".join(_cues.phrases("entity", "ranking"))
    after = re.compile(rf"['’]s\s+(?:[\w-]+\s+)?(?:{sup})\b", re.I)
    before = re.compile(rf"\b(?:{sup})\b[\w\s,-]{{0,40}}?\b(?:in|of|among)\s+(?:the\s+)?$", re.I)
    return after, before


def _ranked_in(text: str, start: int, a: int, b: int) -> bool:
    """Is the area at ``text[a:b]`` the field of a ranking ("the world's largest", "the
    most populous country in Africa")?"""
    after, before = _ranking()
    return after.match(text, b) is not None or before.search(text, max(start, a - 60), a) is not None


def _no_overlaps(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (m.start, m.start - m.end))
    out: list[Mention] = []
    end = -1
    for m in found:
        if m.start >= end:
            out.append(m)
            end = m.end
    return out


# --- the document's country --------------------------------------------------------------


def main_country(text: str, country: str | None = None) -> tuple[Entity | None, str]:
    """The country a document is about: the caller's ``country`` (its metadata, ISO 3166
    alpha-2 or alpha-3) when given; else from its lead (title, dateline, first paragraphs):
    the first country its first line names; the economy of the institution its first line
    names ("Bank of Ghana" -> Ghana, "ECB" -> the euro area); the country named most often
    in the lead (ties: first named), else in the whole document; the country of a province
    or state its first line names; the country of a capital it names.  Returns the entity and the cue."""
    if country:
        given = _places.country(country)
        if given is not None:
            return country_entity(given), f"document:{country} (given)"
    lead_end = min(len(text), LEAD_CHARS)
    nl = text.find("\n", 0, lead_end)
    first_end = nl if nl > 0 else min(lead_end, 200)
    # not a currency ("US dollars"), the place a story was filed ("NAIROBI, May 1 -"), nor a
    # news agency or newspaper ("Ruritanian News Agency"): the story's country comes after
    dateline = _DATELINE.match(text, 0, first_end)
    filed = dateline.end() if dateline is not None else 0
    head = [
        h
        for h in _places.mentions(text, 0, first_end)
        if h[0] >= filed and not _CURRENCY_AFTER.match(text, h[1]) and not _publication().match(text, h[1])
    ]
    if head:
        a, b, c = head[0]
        return country_entity(c), f"document:{text[a:b]} (first line)"
    for h in _lexicon().find(text, 0, first_end):
        for v in h.values:
            if isinstance(v, Entity):
                economy = economy_of(v) if v.type == "organisation" else None
                if economy is not None and economy.id != "WLD":
                    return economy, f"document:{text[h.start : h.end]} (first line)"
    for end, where in ((lead_end, "in the lead"), (len(text), "in the document")):
        counts: dict[str, int] = {}
        first: dict[str, tuple[int, _places.Place, str]] = {}
        for a, b, c in _places.mentions(text, 0, end):
            if _CURRENCY_AFTER.match(text, b):
                continue  # "US dollars": a currency, not the country
            counts[c.id] = counts.get(c.id, 0) + 1
            first.setdefault(c.id, (a, c, text[a:b]))
        if counts:
            best = max(counts, key=lambda k: (counts[k], -first[k][0]))
            return country_entity(
                first[best][1]
            ), f"document:{first[best][2]} (named {counts[best]}x {where})"
    named = _institution_economy(text)
    if named is not None:
        return named
    capitalised = [m.group() for m in re.finditer(r"\b[A-Z][\w'-]+", text[:first_end])]
    for k, w in enumerate(capitalised):
        for name in (" ".join(capitalised[k : k + 2]), w):
            iso = _subdivision_countries().get(name.lower())
            p = _places.country(iso) if iso else None
            if p is not None:
                return country_entity(p), f"document:{name} (first line, a region of {p.id})"
    by_capital = {v: k for k, v in _capitals().items()}
    for m in re.finditer(r"\b[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)?\b", text[:lead_end]):
        iso = by_capital.get(m.group().title())
        p = _places.country(iso) if iso else None
        if p is not None:
            return country_entity(p), f"document:{m.group()} (capital)"
    return None, ""


def _institution_economy(text: str) -> tuple[Entity, str] | None:
    """For a text that names no country: the economy of the national institution it names
    most ("the RBI kept the repo rate ..." -> India), the first named winning a tie.  An
    international institution (the IMF) or a world area speaks for no one economy."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[Entity, str]] = {}
    for h in _lexicon().find(text, 0, len(text)):
        for v in h.values:
            if not isinstance(v, Entity):
                continue
            economy = economy_of(v)
            if economy is not None and economy.id != "WLD":
                counts[economy.id] = counts.get(economy.id, 0) + 1
                first.setdefault(economy.id, (economy, text[h.start : h.end]))
            break
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])  # dicts keep first-seen order: ties go to the first
    economy, name = first[best]
    return economy, f"document:{name} (its institution, named {counts[best]}x)"


def currency_home(codes: Iterable[str]) -> tuple[Entity, str] | None:
    """The country of the first national currency among ``codes`` (ISO 4217, in the order a
    document's amounts gave them): a text that names no country is about the country whose
    money it counts in.  Shared and world currencies (the dollar, the euro) name none."""
    for code in codes:
        c = _places.currency_country(code)
        if c is not None:
            return country_entity(c), f"document:{code} (its currency)"
    return None


def alpha2(country_id: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country id (alpha-3), None for an area."""
    return _alpha2(country_id) or None


#: ISO 3166-2 subdivision types that a budget or a government of its own may speak for.
_WIDE_UNITS = re.compile(r"province|state|territory|region|canton|land|emirate|autonomous", re.I)


@cache
def _subdivision_countries() -> dict[str, str]:
    """ISO 3166-2 subdivision names (provinces, states, regions) that name one country's
    subdivision only, lower case -> the country's alpha-3 code."""
    import pycountry

    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if not _WIDE_UNITS.search(str(sub.type)):
            continue  # provinces and states, not districts or municipalities
        bare = _SUBDIVISION_WORDS.sub(" ", str(sub.name)).strip(" ,'")
        if len(bare) < 4 or "," in bare or bare.lower() in _common() or _places.country(bare) is not None:
            continue
        iso = pycountry.countries.get(alpha_2=str(sub.country_code))
        if iso is not None:
            found.setdefault(bare.lower(), set()).add(str(iso.alpha_3))
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def main_place(text: str, home: Entity | None) -> tuple[Entity | None, str]:
    """The sub-national unit a document about ``home`` is about (a province's budget):
    the region of ``home`` its first line names.  Its figures with no place of their own
    are that unit's, not the country's."""
    if home is None or home.type != "country":
        return None, ""
    local = _local_entries(home.id)
    if not local:
        return None, ""
    nl = text.find("\n", 0, LEAD_CHARS)
    first_end = nl if nl > 0 else min(len(text), FIRST_LINE_CHARS)
    for h in lexicon(home.id).find(text, 0, first_end):
        for v in h.values:
            if isinstance(v, Entity) and v.type == "region" and v.id.startswith(home.id + ":"):
                return v, f"document:{text[h.start : h.end]} (first line)"
    return None, ""


# --- choosing ----------------------------------------------------------------------------


class Names:
    """A sentence's names, indexed for the per-figure look-ups (bisection, so that a
    sentence of thousands of figures and names stays linear).

    ``blocked``: names that are a source ("according to the IMF"), nobody's figure;
    ``owner``: name -> the claim right before which it stands ("0.4% in the euro area")."""

    __slots__ = ("blocked", "mentions", "own", "owner", "starts")

    def __init__(self, p: Passage, mentions: Sequence[Mention], blocked: set[int]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.blocked = blocked
        self.owner: dict[int, int] = {}
        self.own: dict[int, int] = {}  # claim -> the name right after its figure
        text = p.text
        for i, (_a, b) in enumerate(p.spans):
            if p.claims[i].quantity is None:
                continue
            k = bisect.bisect_left(self.starts, b)
            if k < len(mentions):
                m = mentions[k]
                nxt = _next_start(p, i, p.clause(b)[1])
                own = _POST_GAP.match(text[b : m.start]) or (
                    m.how.startswith("national:") and not text[b : m.start].strip()
                )
                if m.start - b <= POST_REACH and m.start < nxt and own:
                    self.owner[k] = i
                    self.own[i] = k

    def free_for(self, k: int, i: int) -> bool:
        """May claim ``i`` take name ``k``?  Not a generic institution left unresolved
        ("the government" in a text whose country is unknown): it names no one's figure."""
        return (
            k not in self.blocked
            and self.owner.get(k, i) == i
            and self.mentions[k].entity.id not in _generic_ids()
        )


def pair_lists(p: Passage, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Claims paired in order with a list of names before them in the same clause:
    "Kazakhstan and Uzbekistan grew by 5% and 6% (respectively)"."""
    out: dict[int, Mention] = {}
    if len(mentions) < 2 or len(p.claims) < 2:
        return out
    text = p.text
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs and LIST_GAP.fullmatch(text, runs[-1][-1].end, m.start):
            runs[-1].append(m)
        else:
            runs.append([m])
    names = [r for r in runs if len(r) > 1]
    if not names:
        return out
    # every figure is a list of its own unless written in a list with others
    listed = {i: g for g in p.lists() for i in g}
    figs = [listed.get(i, [i]) for i in range(len(p.claims)) if p.claims[i].quantity is not None]
    figs = [g for k, g in enumerate(figs) if k == 0 or g is not figs[k - 1]]
    firsts = [p.spans[g[0]][0] for g in figs]
    for run in names:
        # the first list of figures after the names, in the same clause
        k = bisect.bisect_left(firsts, run[-1].end)
        if k == len(figs):
            continue
        group = figs[k]
        if len(group) == len(run) and p.clause(firsts[k]) == p.clause(run[0].start):
            for i, m in zip(group, run, strict=True):
                out[i] = m
    return out


def choose(
    p: Passage,
    i: int,
    names: Names,
    paired: dict[int, Mention],
    home: Entity | None,
    home_cue: str,
    currency: str | None,
) -> tuple[Entity | None, list[str]]:
    """The entity of claim ``i`` (see the module's docstring for the order of rules)."""
    if i in paired:
        m = paired[i]
        return m.entity, [m.how, "list:paired in order"]
    a, b = p.spans[i]
    c0, c1 = p.clause(a)
    mentions = names.mentions
    starts = names.starts
    own = p.claims[i].quantity is not None
    k_after = bisect.bisect_left(starts, b)
    if own:
        if i in names.own and mentions[names.own[i]].entity.id not in _generic_ids():
            m = mentions[names.own[i]]
            return m.entity, [m.how, "after the figure"]
        # the nearest name before the figure in its clause that is free for it
        k = bisect.bisect_left(starts, a) - 1
        stop = k - SCAN_MAX
        while k >= 0 and k > stop and mentions[k].start >= c0:
            if mentions[k].end <= a and names.free_for(k, i):
                return mentions[k].entity, [mentions[k].how, "in its clause"]
            k -= 1
        nxt = _next_start(p, i, c1)
        k = k_after
        while k < len(mentions) and k < k_after + SCAN_MAX and mentions[k].start < nxt:
            if mentions[k].end <= nxt and names.free_for(k, i):
                return mentions[k].entity, [mentions[k].how, "in its clause"]
            k += 1
    # the nearest free name before it in the sentence, else the first after it
    k = bisect.bisect_left(starts, a) - 1 if own else -1
    stop = k - SCAN_MAX
    while k >= 0 and k > stop:
        if names.free_for(k, i):
            return mentions[k].entity, [mentions[k].how, "in the sentence"]
        k -= 1
    first = k_after if own else 0
    for k in range(first, min(len(mentions), first + SCAN_MAX)):
        if names.free_for(k, i):
            return mentions[k].entity, [mentions[k].how, "in the sentence"]
    if home is not None:
        return home, [home_cue]
    if currency is not None:
        c = _places.currency_country(currency)
        if c is not None:
            return country_entity(c), [f"currency:{currency}"]
    return None, []


def _next_start(p: Passage, i: int, default: int) -> int:
    return p.spans[i + 1][0] if i + 1 < len(p.spans) and p.spans[i + 1][0] >= p.spans[i][1] else default
