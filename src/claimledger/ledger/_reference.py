"""Official statistics in the ledger: series with their provenance, and their values.

Reads and writes ``reference_series`` and ``reference_values`` (``schema.py``).  A series is
one indicator in one vintage, from one publisher's dataset; importing the same vintage again
replaces its values, while other vintages stay (official data is revised, and a claim is
judged against the release its speaker could have seen or the latest, as the caller asks).

``store_reference`` writes a whole import in one transaction: a file is all stored or not
at all.  The readers hand out typed values (``ReferenceValue``, ``StoredSeries``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, tuple_
from sqlalchemy.engine import Connection, Engine, RowMapping

from claimledger._dates import utc_timestamp
from claimledger.ledger.schema import reference_series as rs
from claimledger.ledger.schema import reference_values as rv
from claimledger.models import Observation, ReferenceValue, SeriesInfo

__all__ = [
    "StoredSeries",
    "reference_for",
    "reference_series",
    "series_values",
    "store_reference",
]

#: Rows per INSERT: keeps each statement under SQLite's bound-parameter limit (4 columns).
_BATCH = 5000


@dataclass(frozen=True, slots=True)
class StoredSeries:
    """A stored series: its id, what it is, and how many values it has over which periods."""

    id: int
    info: SeriesInfo
    imported_at: str
    values: int = 0
    entities: int = 0
    first_period: str | None = None
    last_period: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            **self.info.to_dict(),
            "imported_at": self.imported_at,
            "values": self.values,
            "entities": self.entities,
            "first_period": self.first_period,
            "last_period": self.last_period,
        }


def _info(r: RowMapping) -> SeriesInfo:
    return SeriesInfo(
        measure=r["measure_id"],
        code=r["code"],
        name=r["name"],
        unit=r["unit"],
        publisher=r["publisher"],
        dataset=r["dataset"],
        vintage=r["vintage"],
        scale=int(r["scale"]),
        rate=r["rate"],
        retrieved=r["retrieved"],
        url=r["url"],
        licence=r["licence"],
        source=r["source"],
    )


def _series_row(info: SeriesInfo, at: str) -> dict[str, object]:
    return {
        "measure_id": info.measure,
        "code": info.code,
        "name": info.name,
        "unit": info.unit,
        "scale": info.scale,
        "rate": info.rate,
        "publisher": info.publisher,
        "dataset": info.dataset,
        "vintage": info.vintage,
        "retrieved": info.retrieved,
        "url": info.url,
        "licence": info.licence,
        "source": info.source,
        "imported_at": at,
    }


def store_reference(engine: Engine, batches: Sequence[tuple[SeriesInfo, Sequence[Observation]]]) -> list[int]:
    """Store each (series, observations) pair in one transaction; return the series ids.

    A series already stored in the same vintage (same publisher, dataset, code and vintage)
    has its provenance and values replaced; other vintages are left alone.  Observations
    must be unique per (entity, period) within a series: the importer checks that.
    """
    at = utc_timestamp()
    ids: list[int] = []
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
        for info, obs in batches:
            sid = _upsert_series(conn, info, at)
            conn.execute(delete(rv).where(rv.c.series_id == sid))
            rows = [
                {"series_id": sid, "entity_id": o.entity, "period": o.period, "value": o.value} for o in obs
            ]
            for i in range(0, len(rows), _BATCH):
                conn.execute(insert(rv), rows[i : i + _BATCH])
            ids.append(sid)
    return ids


def _upsert_series(conn: Connection, info: SeriesInfo, at: str) -> int:
    key = (rs.c.publisher == info.publisher) & (rs.c.dataset == info.dataset)
    key &= (rs.c.code == info.code) & (rs.c.vintage == info.vintage)
    found = conn.execute(select(rs.c.id).where(key)).scalar()
    row = _series_row(info, at)
    if found is not None:
        conn.execute(rs.update().where(rs.c.id == found).values(**row))
        return int(found)
    return int(conn.execute(insert(rs).values(**row).returning(rs.c.id)).scalar_one())


def reference_series(conn: Connection, *, measure: str | None = None) -> list[StoredSeries]:
    """Every stored series (of ``measure``, when given) with its value counts, newest
    vintage first within each code."""
    counts = (
        select(
            rv.c.series_id,
            func.count().label("n"),
            func.count(func.distinct(rv.c.entity_id)).label("entities"),
            func.min(rv.c.period).label("first"),
            func.max(rv.c.period).label("last"),
        )
        .group_by(rv.c.series_id)
        .subquery()
    )
    stmt = select(rs, counts.c.n, counts.c.entities, counts.c.first, counts.c.last).outerjoin(
        counts, counts.c.series_id == rs.c.id
    )
    if measure is not None:
        stmt = stmt.where(rs.c.measure_id == measure)
    stmt = stmt.order_by(rs.c.code, rs.c.vintage.desc(), rs.c.id)
    return [
        StoredSeries(
            id=r["id"],
            info=_info(r),
            imported_at=r["imported_at"],
            values=int(r["n"] or 0),
            entities=int(r["entities"] or 0),
            first_period=r["first"],
            last_period=r["last"],
        )
        for r in conn.execute(stmt).mappings()
    ]


def series_values(conn: Connection, series_id: int, entity: str | None = None) -> list[ReferenceValue]:
    """The values of one series (for one entity, when given), by entity and period."""
    head = conn.execute(select(rs).where(rs.c.id == series_id)).mappings().first()
    if head is None:
        return []
    info = _info(head)
    stmt = select(rv).where(rv.c.series_id == series_id)
    if entity is not None:
        stmt = stmt.where(rv.c.entity_id == entity)
    stmt = stmt.order_by(rv.c.entity_id, rv.c.period)
    return [
        ReferenceValue(series_id, info, r["entity_id"], r["period"], float(r["value"]))
        for r in conn.execute(stmt).mappings()
    ]


def reference_for(
    conn: Connection,
    keys: Iterable[tuple[str, str]],
    measures: Iterable[str] | None = None,
) -> list[ReferenceValue]:
    """Every stored value for the (entity, period) ``keys``, of every series and vintage
    (only of ``measures``, when given).  Exchange-rate series are included whatever their
    measure, so a caller can convert currencies with the rate a series names."""
    wanted = sorted(set(keys))
    if not wanted:
        return []
    heads = {r["id"]: _info(r) for r in conn.execute(select(rs)).mappings()}
    if measures is not None:
        ms = set(measures)
        rates = {i.rate for i in heads.values() if i.rate}
        heads = {k: i for k, i in heads.items() if i.measure in ms or i.code in rates}
    if not heads:
        return []
    out: list[ReferenceValue] = []
    for i in range(0, len(wanted), 400):
        chunk = wanted[i : i + 400]
        stmt = select(rv).where(
            rv.c.series_id.in_(list(heads)), tuple_(rv.c.entity_id, rv.c.period).in_(chunk)
        )
        for r in conn.execute(stmt).mappings():
            sid = r["series_id"]
            out.append(ReferenceValue(sid, heads[sid], r["entity_id"], r["period"], float(r["value"])))
    return out
