"""Stage ``link``: file claims that measure the same thing under one indicator.

Two figures share an indicator when their canonical subjects (lexicon of head words and
synonyms, ``claimledger.resources.indicators``), their unit dimensions (``_units``) and their country
(``_places``: named in the subject, else the document's) agree.  Every membership stores
a plain explanation.  Reviewers' merges and splits are overrides replayed after every
re-link, so they survive it.

Reads: ``claims_effective``, ``documents``, ``indicator_overrides``.
Writes: ``indicators``, ``indicator_claims`` (and overrides + review events on merge/split).
"""

from __future__ import annotations

from claimledger.link._actor import actor_only, measured_phrase, sentence_subject
from claimledger.link._canon import Canon, IndicatorKey, canonical_subject, indicator_key
from claimledger.link._frame import FrameKey, frame_key, growth_measures, measure_label, measure_parent
from claimledger.link._places import countries_named, currency_country, main_region, without_countries
from claimledger.link._records import ClaimRecord, DocInfo, load_documents, load_records, localise, repair
from claimledger.link._store import (
    Membership,
    link_records,
    merge_indicators,
    relink,
    relink_conn,
    split_indicator,
)
from claimledger.link._units import count_noun, dimension, is_level, percent_kind

#: Name and version of the linker, for explanations and the docs.
LINKER = "link.rules.v1"

__all__ = [
    "LINKER",
    "Canon",
    "ClaimRecord",
    "DocInfo",
    "FrameKey",
    "IndicatorKey",
    "Membership",
    "actor_only",
    "canonical_subject",
    "count_noun",
    "countries_named",
    "currency_country",
    "dimension",
    "frame_key",
    "growth_measures",
    "indicator_key",
    "is_level",
    "link_records",
    "load_documents",
    "load_records",
    "localise",
    "main_region",
    "measure_label",
    "measure_parent",
    "measured_phrase",
    "merge_indicators",
    "percent_kind",
    "relink",
    "relink_conn",
    "repair",
    "sentence_subject",
    "split_indicator",
    "without_countries",
]
