"""Frame field ``attribution``: who a figure is from, when it is not the speaker.

Reads: the sentence, the entity names found in it (``entity.find``), and the document
context (the person quoted first, who is the main speaker).  Writes: per sentence a list of
``Source`` (a cue and who it names, ``None`` for the speaker's own side), and per claim the
nearest source that covers it: the nearest before the figure in its clause, else before it
in the sentence, else after it ("..., the IMF said").

Sources: "according to X", "X said/estimates/projects/expects ...", "said X", and "X's
forecast" / "X projections".  X is an organisation or area named in ``entities.toml``, a
country other than the document's, a role ("analysts"), a person's name (``person:<name>``),
or a capitalised institution name not in the table (its initials as id).  The speaker's
side ("the government", "the Bank", "we", "the minister") and the first person quoted in
the document are no attribution: their figures are the speaker's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from claimledger.extract.frame import _cues
from claimledger.extract.frame._passage import Passage
from claimledger.extract.frame.entity import Mention
from claimledger.models import Attribution

__all__ = ["Source", "Speakers", "choose", "covered", "find", "speaker_ids"]

#: Characters before a verb of saying searched for its source.
SOURCE_REACH = 80
#: Characters before a verb read for a source named by its role, side or a person's name
#: ("Central bank governor Timur Suleimenov said").
TAIL_REACH = 50
#: Words after "according to" read as the source.
ACCORDING_WORDS = 10

_TITLES = (
    r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?|President|Vice[- ]President|Prime\s+Minister|Deputy\s+Prime\s+Minister|"
    r"(?:[A-Z][a-z]+\s+)?Minister|Governor|Deputy\s+Governor|Chairman|Chair|Chairwoman|Director|"
    r"Chief\s+Economist|Senator|Secretary|Commissioner|Mayor|Akim|Spokesman|Spokeswoman|Head)"
)
_PERSON_END = re.compile(
    r"(?:"
    + _TITLES
    + r"\s+)?(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?){0,2})"
    r"(?:,\s*[^,]{3,60},)?\s*(?:also\s+|now\s+|has\s+|had\s+)?$"
)
_PERSON_START = re.compile(
    r"^\s*(?:" + _TITLES + r"\s+)?(?:the\s+[a-z]+\s+(?:minister|governor)\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
)
#: A titled person's name in a document's title line ("Speech by Governor Ama Mensah").
_TITLE_PERSON = re.compile(
    _TITLES + r"(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?,?\s+"
    r"(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?){1,2})\b"
)
_TITLED_ONLY = re.compile(r"^(?:" + _TITLES + r")$")
_MENTION_GAP = re.compile(
    r"^(?:['’]s)?\s*(?:staff|economists?|analysts?|experts?|mission|team|board|officials?|chief|head|president)?"
    r"\s*(?:,\s*[^,]{3,60},)?\s*(?:also|now|currently|still|recently|has|had|further)?\s*$",
    re.I,
)
_INSTITUTION = re.compile(
    r"^(?:the\s+)?(?P<name>(?:[A-Z][\w&'-]*\s+)*?[A-Z][\w&'-]*(?:\s+(?:of|for|and)\s+(?:the\s+)?[A-Z][\w&'-]*)*)"
)
_ACCORDING_END = re.compile(r"[,;.:()]|\s[—–]\s|\b(?:which|that|GDP|growth|inflation)\b")


@dataclass(frozen=True, slots=True)
class Source:
    """A source named in a sentence: the span of its words, who (None: the speaker) and
    the cue that found it."""

    start: int
    end: int
    who: Attribution | None
    cue: str


class Speakers:
    """The people quoted in one document: the person its title names ("Speech by Governor
    Ama Mensah"), else the first one quoted, is the main speaker.  A later mention by
    surname alone ("Mensah said") or in full is the same person."""

    __slots__ = ("main",)

    def __init__(self, title: str = "") -> None:
        self.main: str | None = None
        found = _TITLE_PERSON.search(title)
        if found and found.group("name").split()[0] not in _not_person():
            self.main = _surname(_person(found.group("name")).id)

    def is_main(self, person_id: str) -> bool:
        if self.main is None:
            self.main = _surname(person_id)
        return self.main == _surname(person_id)


def _surname(person_id: str) -> str:
    """``person:ilham aliyev`` -> ``aliyev``: full name and surname name one speaker."""
    return person_id.rsplit(" ", 1)[-1].removeprefix("person:")


@cache
def speaker_ids() -> frozenset[str]:
    """Entity ids that speak for the speaker's side (the government, ministries)."""
    return frozenset(_cues.phrases("attribution", "speaker_ids"))


@cache
def _not_person() -> frozenset[str]:
    return frozenset(_cues.phrases("attribution", "not_names"))


@cache
def _nouns_after() -> re.Pattern[str]:
    return re.compile(
        r"^(?:['’]s)?\s+(?:(?:latest|new|updated|revised|baseline|preliminary|own|recent|staff|"
        r"spring|autumn|fall|annual|quarterly|monthly|regional)\s+){0,2}(?:"
        + "|".join(_cues.phrases("attribution", "nouns"))
        + r")\b",
        re.I,
    )


def _role_end() -> re.Pattern[str]:
    return _cues.framed("attribution", ("roles",), r"(?<![\w-])", r"\s*(?:also\s+|now\s+)?$")


def _speaker_end() -> re.Pattern[str]:
    return _cues.framed(
        "attribution",
        ("speaker_side",),
        r"(?<![\w-])",
        r"\b(?:['’]s)?\s*(?:\w+\s+){0,1}(?:also\s+|now\s+|currently\s+|still\s+)?$",
    )


def _speaker_start() -> re.Pattern[str]:
    return _cues.framed("attribution", ("speaker_side",), r"^\s*", r"\b(?:['’]s)?")


def _role_start() -> re.Pattern[str]:
    return _cues.framed(
        "attribution", ("roles",), r"^\s*(?:the\s+|some\s+|many\s+|most\s+|independent\s+)*", r"\b"
    )


def _person(name: str) -> Attribution:
    return Attribution(f"person:{' '.join(name.lower().split())}", name)


def _who_mention(m: Mention, own: frozenset[str]) -> Attribution | None:
    """A named entity as a source; the speaker's own side (``own``: the document's
    country, its own institution, the government) is no attribution."""
    e = m.source
    if e.id in own:
        return None
    return Attribution(e.id, e.name)


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isupper()]
    if len(words) == 1:
        return words[0].upper()
    return "".join(w[0] for w in words).upper()


def _resolve(
    text: str,
    a: int,
    b: int,
    mentions: Sequence[Mention],
    own: frozenset[str],
    speakers: Speakers,
    cue: str,
) -> Source | None:
    """The source named by ``text[a:b]`` (the words after "according to", "said")."""
    words = text[a:b]
    for m in mentions:
        if a <= m.start < b and not text[a : m.start].strip(" ,").lower().startswith(("our ", "my ")):
            who = _who_mention(m, own)
            return Source(m.start, m.end, who, f"{cue}{text[m.start : m.end]}")
    side = _speaker_start().match(words)
    if side:
        return Source(a, a + side.end(), None, f"speaker:{side.group('cue').lower()}")
    role = _role_start().match(words)
    if role:
        r = role.group("cue").lower()
        return Source(a, a + role.end(), Attribution(r.upper().replace(" ", "_"), r), f"{cue}{r}")
    person = _PERSON_START.match(words)
    if (
        person
        and person.group("name").split()[0] not in _not_person()
        and len(person.group("name").split()) >= 2
    ):
        name = person.group("name")
        who = None if speakers.is_main(_person(name).id) else _person(name)
        return Source(a, a + person.end(), who, f"{cue}{name}" + (" (main speaker)" if who is None else ""))
    inst = _INSTITUTION.match(words.strip())
    if inst and inst.group("name").split()[0] not in _not_person():
        name = inst.group("name")
        return Source(a, b, Attribution(_initials(name), name), f"{cue}{name}")
    return None


def find(
    text: str,
    according: list[re.Match[str]],
    verbs: list[re.Match[str]],
    start: int,
    end: int,
    mentions: Sequence[Mention],
    own: frozenset[str],
    speakers: Speakers,
) -> list[Source]:
    """The sources named in the sentence ``text[start:end]``, in order."""
    out: list[Source] = []
    # "according to X"
    for m in according:
        stop = _ACCORDING_END.search(text, m.end(), end)
        b = stop.start() if stop else end
        words = text[m.end() : b].split()
        b = min(b, m.end() + sum(len(w) + 1 for w in words[:ACCORDING_WORDS]))
        cue = f"{' '.join(m.group().lower().split())}:"
        src = _resolve(text, m.end(), b, mentions, own, speakers, cue)
        if src is not None:
            out.append(src)
    # "X said", "X projects", "said X"
    if verbs:
        starts = [m.start for m in mentions]
        for v in verbs:
            lo = max(start, v.start() - SOURCE_REACH)
            src = _before_verb(text, lo, v.start(), mentions, own, speakers, v, starts)
            if src is None and v.group().lower() in ("said", "says", "stated", "noted", "added", "told"):
                src = _resolve(
                    text, v.end(), min(end, v.end() + 60), mentions, own, speakers, f"{v.group().lower()}:"
                )
            if src is not None:
                out.append(src)
    # "the IMF's forecast", "World Bank projections"
    nouns = _nouns_after()
    for mn in mentions:
        if mn.source.type in ("organisation", "area") and nouns.match(text, mn.end, end):
            who = _who_mention(mn, own)
            out.append(Source(mn.start, mn.end, who, f"of:{text[mn.start : mn.end]}"))
    out.sort(key=lambda s: s.start)
    return _dedupe(out)


def _dedupe(found: list[Source]) -> list[Source]:
    out: list[Source] = []
    for s in found:
        if out and out[-1].start == s.start:
            continue
        out.append(s)
    return out


def _before_verb(
    text: str,
    lo: int,
    at: int,
    mentions: Sequence[Mention],
    own: frozenset[str],
    speakers: Speakers,
    v: re.Match[str],
    starts: Sequence[int],
) -> Source | None:
    verb = v.group().lower()
    k = bisect.bisect_left(starts, at) - 1
    while k >= 0 and mentions[k].end > at:
        k -= 1
    if (
        k >= 1
        and mentions[k].source.id in _role_ids()
        and _JOINED.fullmatch(text, mentions[k - 1].end, mentions[k].start)
    ):
        k -= 1  # "World Bank economists estimate": the economists' institution
    if k >= 0 and mentions[k].end >= lo:
        m = mentions[k]
        if _MENTION_GAP.match(text[m.end : at]):
            if m.source.type == "country" and verb not in _REPORTING:
                return None  # "Kazakhstan expects": the country, speaking as itself
            return Source(m.start, m.end, _who_mention(m, own), f"{verb}:{text[m.start : m.end]}")
    # the source's words end right before the verb: a short window is enough for the
    # end-anchored patterns below, which try every position of it
    lo = max(lo, at - TAIL_REACH)
    window = text[lo:at]
    side = _speaker_end().search(window)
    if side:
        return Source(
            lo + side.start(), at, None, f"speaker:{' '.join(side.group('cue').lower().split())} {verb}"
        )
    role = _role_end().search(window)
    if role:
        r = role.group("cue").lower()
        return Source(lo + role.start(), at, Attribution(r.upper().replace(" ", "_"), r), f"{verb}:{r}")
    person = _PERSON_END.search(window)
    if person:
        name = person.group("name")
        first = name.split()[0]
        titled = person.group(0) != name and not _TITLED_ONLY.match(name)
        if first not in _not_person() and (len(name.split()) >= 2 or titled):
            who = None if speakers.is_main(_person(name).id) else _person(name)
            return Source(
                lo + person.start(), at, who, f"{verb}:{name}" + (" (main speaker)" if who is None else "")
            )
    return None


_JOINED = re.compile(r"(?:['’]s)?\s+")


@cache
def _role_ids() -> frozenset[str]:
    """Entity ids of people named by their role ("economists", "analysts"): a name right
    before them is whose they are."""
    return frozenset(_cues.phrases("attribution", "role_ids"))


_REPORTING = frozenset({"said", "says", "stated", "told", "noted", "reported", "reports", "announced"})


def covered(sources: Sequence[Source], mentions: Sequence[Mention]) -> set[int]:
    """Indexes of the names (not countries) that are a source's words: nobody's figure."""
    out: set[int] = set()
    starts = [s.start for s in sources]
    for k, m in enumerate(mentions):
        j = bisect.bisect_right(starts, m.start) - 1
        if j >= 0 and m.source.type != "country" and m.start < max(sources[j].end, sources[j].start + 1):
            out.add(k)
    return out


def choose(p: Passage, i: int, sources: Sequence[Source]) -> tuple[Attribution | None, list[str]]:
    """The source that covers claim ``i``: the nearest before its figure (in its clause or
    before it in the sentence), else the first after it."""
    if not sources:
        return None, []
    a, _b = p.spans[i]
    k = bisect.bisect_left([s.start for s in sources], a) if len(sources) > 1 else int(sources[0].start < a)
    pick = sources[k - 1] if k > 0 else sources[0]
    return pick.who, [pick.cue]
