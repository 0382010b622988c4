"""Hand-made claim records for checker tests (no extraction, no database)."""

from __future__ import annotations

import itertools
from datetime import date as Date

from claimledger.link import ClaimRecord, DocInfo

_ids = itertools.count()
_offsets: dict[tuple[str, str], int] = {}


def rec(
    doc: str,
    sentence: str,
    q_text: str | None,
    value: float | None,
    *,
    kind: str = "status",
    subject: str = "",
    period: str | None = None,
    unit: str | None = None,
    noun: str | None = None,
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    published: str = "2024-01-08",
    sent_start: int | None = None,
    occurrence: int = 0,
    period_role: str | None = None,
) -> ClaimRecord:
    """A claim record whose quantity span is the ``occurrence``-th ``q_text`` in ``sentence``.

    ``period_role`` is what the time stage would store ("deadline" for "by 2029"); a hand-made
    record says it, since the checkers read it rather than the sentence."""
    if sent_start is None:  # each distinct sentence of a document gets its own offset
        sent_start = _offsets.setdefault((doc, sentence), 1000 * len(_offsets))
    qs = qe = None
    if q_text is not None:
        pos = -1
        for _ in range(occurrence + 1):
            pos = sentence.index(q_text, pos + 1)
        qs, qe = sent_start + pos, sent_start + pos + len(q_text)
    return ClaimRecord(
        id=f"c{next(_ids)}",
        doc=doc,
        kind=kind,
        subject=subject,
        period=period,
        sentence=sentence,
        sent_start=sent_start,
        q_text=q_text,
        q_start=qs,
        q_end=qe,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier if q_text else None,
        unit=unit,
        noun=noun,
        published=Date.fromisoformat(published),
        period_role=period_role,  # type: ignore[arg-type]
    )


def doc(
    key: str, published: str, title: str = "", region: str | None = "Kazakhstan", text: str = ""
) -> DocInfo:
    return DocInfo(
        key=key,
        title=title or key,
        published=Date.fromisoformat(published),
        region=region,
        region_why="test",
        text=text,
    )
