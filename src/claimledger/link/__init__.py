"""Stage ``link``: file claims that measure the same thing under one indicator.

Two figures share an indicator when their canonical subjects (lexicon of head words and
synonyms, see ``_lexicon``), their unit dimensions (``_units``) and their country
(``_places``: named in the subject, else the document's) agree.  Every membership stores
a plain explanation.  Reviewers' merges and splits are overrides replayed after every
re-link, so they survive it.

Reads: ``claims_effective``, ``documents``, ``indicator_overrides``.
Writes: ``indicators``, ``indicator_claims`` (and overrides + review events on merge/split).
"""

from __future__ import annotations

from claimledger.link._canon import Canon, IndicatorKey, canonical_subject, indicator_key
from claimledger.link._records import ClaimRecord, DocInfo, load_documents, load_records
from claimledger.link._store import (
    Membership,
    link_records,
    merge_indicators,
    relink,
    relink_conn,
    split_indicator,
)
from claimledger.link._units import dimension

#: Name and version of the linker, for explanations and the docs.
LINKER = "link.rules.v1"

__all__ = [
    "LINKER",
    "Canon",
    "ClaimRecord",
    "DocInfo",
    "IndicatorKey",
    "Membership",
    "canonical_subject",
    "dimension",
    "indicator_key",
    "link_records",
    "load_documents",
    "load_records",
    "merge_indicators",
    "relink",
    "relink_conn",
    "split_indicator",
]
