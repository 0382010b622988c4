"""The document context the extraction stages share (``DocContext``), decided once per
document: its country, its fiscal calendar and its topic period.

Reads: the document's text and date, the caller's country (metadata, ISO 3166), and the
currencies of the amounts read so far.  Writes nothing on claims itself: the time stage
reads the fiscal calendar and the topic period, the frame stage the country.

The country: the one the text is about
(``frame.entity.main_country``: its first line, the economy of the institution its first
line names, the country it names most, the economy of the national institution it names
most ...); else the country of the first national currency its amounts are in.  The fiscal
calendar is the caller's ``country``'s when given, else that country's
(``resources.dates``); when the text gives no country, the numbers stage's guess (a country
named once) still decides it.
"""

from __future__ import annotations

from datetime import date as Date

from claimledger.extract import numbers, time
from claimledger.extract.frame import entity
from claimledger.models import Entity

__all__ = ["DocContext"]


class DocContext:
    """What every stage knows about one document; each part is found on first use."""

    __slots__ = ("_home", "_home_cue", "_known", "currencies", "fiscal", "given", "text", "topic")

    def __init__(self, text: str, ref: Date | None, country: str | None = None) -> None:
        self.text = text
        #: the document's country from the caller's metadata (ISO 3166), when known
        self.given = country
        #: ISO 4217 codes of the amounts read so far, in order (the pipeline appends)
        self.currencies: list[str] = []
        self._known = False
        self._home: Entity | None = None
        self._home_cue = ""
        #: the fiscal year of the document's country ("FY25", "the current fiscal year")
        self.fiscal = time.Fiscal(self.alpha2)
        #: the part of a year the title or lead names, for undated outcomes
        self.topic = time.Topic(text, ref, self.fiscal)

    def home(self) -> tuple[Entity | None, str]:
        """The document's country (or area) and the cue that decided it."""
        if not self._known:
            self._home, self._home_cue = entity.main_country(self.text, self.given)
            self._known = True
        if self._home is None and self.currencies:
            found = entity.currency_home(self.currencies)
            if found is not None:
                self._home, self._home_cue = found
        return self._home, self._home_cue

    def alpha2(self) -> str | None:
        """The document country's ISO 3166 alpha-2 code, for its fiscal calendar."""
        if self.given:
            return self.given if len(self.given) == 2 else entity.alpha2(self.given.upper())
        home, _cue = self.home()
        if home is not None and home.type == "country":
            code = entity.alpha2(home.id)
            if code is not None:
                return code
        # an area or no country: a country the text names at all, else its currency's
        return numbers.document_country(self.text, None, self.currencies)
