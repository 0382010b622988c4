"""Coded errors.  Every error a user can see has a stable code, so it can be searched for.

Codes:
    E001  input is not text (binary content)
    E002  input text cannot be decoded (not UTF-8, no byte-order mark, no confident guess)
    E003  input is empty
    E004  a line or document exceeds the size limit
    E005  a date argument is not YYYY-MM-DD
    E010  file not found or unreadable
    E011  unsupported or unrecognised format
    E012  document has no extractable text (HTML boilerplate only, image-only PDF)
    E013  corrupt document (PDF/DOCX that cannot be parsed)
    E014  URL could not be fetched (network error, timeout, HTTP status)
    E015  refused: input too large, or path traversal in a name
    E016  extraction failed on this document (an internal error; please report it)
    E020  ledger cannot be opened or is not a claimledger database
    E021  ledger schema is newer than this version of claimledger
    E022  unknown claim, document or indicator id
    E023  a document could not be written to the ledger (database error)
    E030  invalid review action or value
    E040  server refused to start (non-local bind without a token, a bad server setting)
    E041  a request body is over the server's size limit (answered 413 while it streams)
    E024  lost the connection to the ledger database (retried, then the run stopped)
    E025  the ledger file is damaged (names the file and how to recover)
    E026  the ledger is open read-only and a command tried to write to it
    E027  backup failed (destination exists, or the database is not a SQLite file)
    E050  reference file is malformed (not CSV or SDMX, a missing column, a value that is not
          a number, a period that is not a year, quarter or month)
    E051  unknown indicator code (no measure of the taxonomy has it; name one with --measure)
    E052  duplicate reference rows disagree within one vintage
    E053  the series' unit conflicts with its measure
    E054  unknown or mixed-up country code
    E055  reference series could not be fetched (offline, HTTP error, timeout)
    E056  this feature needs an optional dependency (pip install 'claimledger[official]')
    E060  the rating is not on the rating scale
    E061  the rating scale file is malformed
    E062  a rejected claim cannot be rated
    E063  a ClaimReview export needs a publisher and an absolute base URL
    E064  a rating needs a written ruling
    E065  no ledger at --db: a command that only reads never creates an empty one
    E066  the port is in use, or needs privileges (choose another with --port)
    E067  Datasette opens SQLite files only (a --db that is a database server's URL)
"""

from __future__ import annotations

_MESSAGES: dict[str, str] = {
    "E001": "input looks binary, not text",
    "E002": "input text cannot be decoded",
    "E003": "input is empty",
    "E004": "input exceeds the size limit",
    "E005": "invalid date; expected YYYY-MM-DD",
    "E010": "file not found or unreadable",
    "E011": "unsupported or unrecognised format",
    "E012": "document has no extractable text",
    "E013": "corrupt document",
    "E014": "URL could not be fetched",
    "E015": "refused",
    "E016": "extraction failed",
    "E020": "ledger cannot be opened",
    "E021": "ledger schema is newer than this claimledger",
    "E022": "unknown id",
    "E023": "could not write to the ledger",
    "E030": "invalid review action or value",
    "E040": "server refused to start",
    "E041": "request body over the size limit",
    "E024": "lost the connection to the ledger database",
    "E025": "the ledger file is damaged",
    "E026": "the ledger is read-only",
    "E027": "backup failed",
    "E050": "malformed reference file",
    "E051": "unknown indicator code",
    "E052": "duplicate reference rows disagree",
    "E053": "unit conflicts with the measure",
    "E054": "unknown or mixed-up country code",
    "E055": "reference series could not be fetched",
    "E056": "optional dependency missing",
    "E060": "rating not on the scale",
    "E061": "malformed rating scale",
    "E062": "a rejected claim cannot be rated",
    "E063": "ClaimReview export needs --publisher and --base-url",
    "E064": "a rating needs a written ruling",
    "E065": "no ledger here",
    "E066": "port unavailable",
    "E067": "not a SQLite ledger file",
    "E068": "not a page cursor",
}


class ClaimLedgerError(Exception):
    """Base class: ``str(err)`` is ``[E0xx] summary: detail``."""

    code: str = "E000"

    def __init__(self, code: str, detail: str = "", *, path: str | None = None) -> None:
        self.code = code
        self.detail = detail
        self.path = path
        summary = _MESSAGES.get(code, "error")
        where = f"{path}: " if path else ""
        msg = f"[{code}] {where}{summary}"
        if detail:
            msg += f": {detail}"
        super().__init__(msg)

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": str(self), "detail": self.detail, "path": self.path}


class InputError(ClaimLedgerError):
    """Bad input to extraction or ingestion (E001-E015)."""


class LedgerError(ClaimLedgerError):
    """Ledger problems and invalid review actions (E020-E030, the ratings' E060-E064,
    E065 and E067).  ``field`` names the review field that is wrong, when one is (so a form
    can show the error next to it)."""

    def __init__(
        self, code: str, detail: str = "", *, path: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(code, detail, path=path)
        self.field = field


class ReferenceDataError(ClaimLedgerError):
    """Bad reference statistics or a failed fetch (E050-E056).  ``line`` is the 1-based line
    of the file the problem is on, when there is one; it is shown as ``path:line``."""

    def __init__(
        self, code: str, detail: str = "", *, path: str | None = None, line: int | None = None
    ) -> None:
        self.line = line
        where = f"{path}:{line}" if path and line else path
        super().__init__(code, detail, path=where)
        self.path = path

    def to_dict(self) -> dict[str, str | None]:
        out = super().to_dict()
        out["line"] = None if self.line is None else str(self.line)
        return out


class ServerError(ClaimLedgerError):
    """Server configuration problems (E040, E066)."""
