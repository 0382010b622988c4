"""Reading claims and documents: filters, full-text search, rows back to ``Claim``.

Reads: the ``claims_effective`` view (machine claims with corrections overlaid) and
``documents``.  Writes nothing.  Everything is SQLAlchemy Core, so the same code runs on
SQLite and PostgreSQL; only the search differs (``apply_search`` and ``search_ids``: FTS5
on SQLite, a GIN-indexed ``tsvector`` on PostgreSQL, ``ILIKE`` on anything else).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, column, func, literal_column, or_, select, table, true
from sqlalchemy.engine import Dialect

from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import documents as documents_t
from claimledger.models import Claim, Quantity, Span

#: Columns of the ``claims_effective`` view, in order (see migrations.EFFECTIVE_VIEW_SQL).
EFFECTIVE_COLUMNS: tuple[str, ...] = (
    "id", "document_id", "seq", "kind", "subject", "period", "sent_start", "sent_end",
    "sentence", "q_text", "q_start", "q_end", "value", "low", "high", "qualifier", "unit",
    "noun", "cues", "extractor", "review_state",
)  # fmt: skip

effective = table("claims_effective", *(column(c) for c in EFFECTIVE_COLUMNS))
_fts = table("claims_fts", column("claim_id"))

#: Search words: runs of letters/digits, optionally ending in ``*`` for a prefix search.
_WORD = re.compile(r"\w+\*?")
#: Combining marks left on a Latin letter after NFD: what PostgreSQL's search vector drops
#: (migration 0007), as FTS5's ``remove_diacritics`` does on SQLite.
_LATIN_MARKS = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")


@dataclass(slots=True)
class ClaimFilter:
    """What ``claims`` selects; every field is optional and they combine with AND.

    ``period`` matches the period itself, finer periods inside it ("2024" matches
    "2024-09") and ranges that start or end with it ("2024/2026").  ``unit`` matches the
    unit or the counted noun.  ``doc`` is a document id, its name (doc_key) or a prefix of
    its content hash.  ``search`` is words that must all occur in the sentence or subject.
    """

    kind: str | None = None
    unit: str | None = None
    period: str | None = None
    doc: str | int | None = None
    search: str | None = None
    review_state: str | None = None


def search_words(text: str, *, prefix_last: bool = False) -> list[str]:
    """The words of a search: runs of letters and digits, a trailing ``*`` kept on the
    ones to match as a prefix.  ``prefix_last`` makes the last word a prefix too, so a
    search box can match while the user types (the dashboard does)."""
    words: list[str] = _WORD.findall(text)
    if prefix_last and words and not words[-1].endswith("*"):
        words[-1] += "*"
    return words


def fts_query(text: str, *, prefix_last: bool = False) -> str | None:
    """A safe FTS5 query for user text: every word quoted, all required, sentence+subject."""
    words = search_words(text, prefix_last=prefix_last)
    if not words:
        return None
    parts = ['"' + w.rstrip("*") + '"' + ("*" if w.endswith("*") else "") for w in words]
    return "{sentence subject} : (" + " ".join(parts) + ")"


def pg_tsquery(text: str, *, prefix_last: bool = False) -> str | None:
    """A PostgreSQL ``tsquery`` for user text with ``fts_query``'s meaning: every word
    required, ``word*`` a prefix, a word that the index splits (``under_score``) a phrase.
    Words are made of letters and digits only, so nothing in them is tsquery syntax."""
    terms = []
    for w in search_words(text, prefix_last=prefix_last):
        folded = unicodedata.normalize("NFC", _LATIN_MARKS.sub("", unicodedata.normalize("NFD", w)))
        parts = [f"'{p}'" for p in folded.rstrip("*").split("_") if p]
        if not parts:
            continue
        if w.endswith("*"):
            parts[-1] += ":*"
        terms.append("(" + " <-> ".join(parts) + ")")
    return " & ".join(terms) or None


def search_ids(dialect: Dialect, text: str, *, prefix_last: bool = False) -> Select[Any] | None:
    """The ids of the claims whose sentence or subject contain every word of ``text``, as
    a select to use in ``id IN (...)``; None when ``text`` has no words (no condition).

    The same index and word rules as ``apply_search`` (FTS5 on SQLite, the GIN index on
    PostgreSQL, both over the machine's sentence and subject); for callers that build
    their own statement, such as the dashboard's claims table, which counts every match
    anyway.  Other databases get a case-insensitive substring match per word.
    """
    if dialect.name == "sqlite":
        q = fts_query(text, prefix_last=prefix_last)
        if q is None:
            return None
        return select(_fts.c.claim_id).where(literal_column("claims_fts").op("MATCH")(q))
    if dialect.name == "postgresql":
        tsq = pg_tsquery(text, prefix_last=prefix_last)
        if tsq is None:
            return None
        vector = func.claims_search_vector(claims_t.c.sentence, claims_t.c.subject)
        query = func.to_tsquery(literal_column("'simple'::regconfig"), tsq)
        return select(claims_t.c.id).where(vector.op("@@")(query))
    if not _WORD.search(text):
        return None
    return select(claims_t.c.id).where(search_clause(dialect, text, claims_t))


def apply_search(stmt: Select[Any], dialect: Dialect, text: str) -> Select[Any]:
    """Keep rows whose sentence or subject contain every word of ``text``.

    On SQLite the FTS index drives the query through a join: SQLite then walks the
    matches in index order and stops at the LIMIT.  ``id IN (SELECT ... MATCH)`` would
    first materialise every match of a common word (100x slower on a large ledger).
    On PostgreSQL the GIN index of migration 0007 finds the machine rows (like FTS5, it
    indexes the machine's sentence and subject, not a corrected subject).
    """
    if dialect.name == "sqlite":
        q = fts_query(text)
        if q is None:
            return stmt
        return stmt.join(_fts, _fts.c.claim_id == effective.c.id).where(
            literal_column("claims_fts").op("MATCH")(q)
        )
    if dialect.name == "postgresql":
        tsq = pg_tsquery(text)
        if tsq is None:
            return stmt
        m = claims_t.alias("search_match")
        vector = func.claims_search_vector(m.c.sentence, m.c.subject)
        query = func.to_tsquery(literal_column("'simple'::regconfig"), tsq)
        return stmt.join(m, m.c.id == effective.c.id).where(vector.op("@@")(query))
    return stmt.where(search_clause(dialect, text))


def search_clause(dialect: Dialect, text: str, src: Any = effective) -> ColumnElement[bool]:
    """Rows of ``src`` whose sentence or subject contain every word of ``text``, without FTS."""
    words = [w.rstrip("*") for w in _WORD.findall(text)]
    if not words:
        return true()
    # A case-insensitive substring match per word.
    conds = []
    for w in words:
        pat = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(or_(src.c.sentence.ilike(pat, escape="\\"), src.c.subject.ilike(pat, escape="\\")))
    return and_(*conds)


def doc_clause(doc: str | int) -> ColumnElement[bool]:
    if isinstance(doc, int) or (isinstance(doc, str) and doc.isdigit()):
        return documents_t.c.id == int(doc)
    prefix = doc.removeprefix("sha256:").lower()
    by_hash = documents_t.c.hash.like(prefix + "%") if re.fullmatch(r"[0-9a-f]{8,64}", prefix) else None
    by_key = documents_t.c.doc_key == doc
    return by_key if by_hash is None else or_(by_key, by_hash)


def claims_select(dialect: Dialect, f: ClaimFilter) -> Select[Any]:
    """``claims_effective`` rows joined with their document's name, filtered by ``f``."""
    stmt = select(effective, documents_t.c.doc_key, documents_t.c.published).join(
        documents_t, documents_t.c.id == effective.c.document_id
    )
    if f.kind:
        stmt = stmt.where(effective.c.kind == f.kind)
    if f.unit:
        stmt = stmt.where(or_(effective.c.unit == f.unit, effective.c.noun == f.unit))
    if f.period:
        p = f.period
        stmt = stmt.where(
            or_(
                effective.c.period == p,
                effective.c.period.like(p + "-%"),
                effective.c.period.like(p + "/%"),
                effective.c.period.like("%/" + p),
            )
        )
    if f.doc is not None:
        stmt = stmt.where(doc_clause(f.doc))
    if f.review_state:
        stmt = stmt.where(effective.c.review_state == f.review_state)
    if f.search:
        stmt = apply_search(stmt, dialect, f.search)
    if not f.search or dialect.name != "sqlite":
        # Document order.  With a search on SQLite, FTS order (insertion order) avoids
        # sorting every match of a common word before the LIMIT applies; elsewhere rows
        # without an ORDER BY come in any order, and LIMIT/OFFSET pages would overlap.
        stmt = stmt.order_by(effective.c.document_id, effective.c.seq)
    return stmt


def documents_select() -> Select[Any]:
    """Document rows (without the full text) with their number of claims."""
    n_claims = (
        select(func.count())
        .select_from(claims_t)
        .where(claims_t.c.document_id == documents_t.c.id)
        .scalar_subquery()
        .label("claims")
    )
    cols = [c for c in documents_t.c if c.name != "text"]
    return select(*cols, n_claims).order_by(documents_t.c.id)


def row_to_claim(row: dict[str, Any]) -> Claim:
    """A ``Claim`` (the JSON line contract) from a ``claims_select`` row; doc = doc_key."""
    q = None
    if row.get("q_text") is not None:
        q = Quantity(
            text=row["q_text"],
            start=int(row["q_start"]),
            end=int(row["q_end"]),
            value=row["value"],
            low=row["low"],
            high=row["high"],
            qualifier=row["qualifier"] or "exact",
            unit=row["unit"],
            noun=row["noun"],
        )
    return Claim(
        doc=row.get("doc_key") or str(row["document_id"]),
        id=row["id"],
        kind=row["kind"],
        subject=row["subject"],
        period=row["period"],
        sentence=Span(int(row["sent_start"]), int(row["sent_end"]), row["sentence"]),
        quantity=q,
        cues=list(json.loads(row["cues"] or "[]")),
        extractor=row["extractor"],
    )
