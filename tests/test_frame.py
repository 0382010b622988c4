"""The claim frame stage (extract/frame, docs/frame.md).

Table-driven from ``tests/gold/frame_dev.jsonl``: invented sentences, each figure with the
frame fields it is checked on (a field left out is not checked).  Per-field accuracy is
held to floors that can only be raised.  Then one regression test per failure pattern seen
on real statements (phrasings invented), the JSON round trip, and the contract every frame
keeps (closed vocabularies, cues, relations inside the sentence).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger import extract
from claimledger.models import (
    BASIS_TERMS,
    ENTITY_TYPES,
    FRAME_CUE_FIELDS,
    GRANULARITIES,
    RELATION_TYPES,
    STATUSES,
    Attribution,
    Claim,
    Entity,
    Frame,
    FrameCues,
    Measure,
    Relation,
)

GOLD = Path(__file__).resolve().parent / "gold" / "frame_dev.jsonl"
FIELDS = ("measure", "entity", "status", "basis", "attribution", "relations")
#: Per-field accuracy on the dev file, measured on this branch and rounded down; raise them
#: as the stage improves, never lower them.
FLOORS = {
    "measure": 0.95,
    "entity": 0.97,
    "status": 0.97,
    "basis": 0.97,
    "attribution": 0.97,
    "relations": 0.97,
}


def _items() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _document(item: dict[str, Any]) -> str:
    title = item.get("title")
    return f"{title}\n\n{item['text']}" if title else str(item["text"])


def _find(claims: list[Claim], text: str | None, occ: int = 0) -> Claim | None:
    if text is None:
        found = [c for c in claims if c.quantity is None]
    else:
        found = [c for c in claims if c.quantity is not None and c.quantity.text == text]
    return found[occ] if len(found) > occ else None


def _relations(c: Claim, claims: list[Claim]) -> list[list[str]]:
    assert c.frame is not None
    by_id = {x.id: x for x in claims}
    out = []
    for r in c.frame.relations:
        target = by_id.get(r.claim)
        out.append([r.type, target.quantity.text if target and target.quantity else "?"])
    return sorted(out)


def _check(item: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """(field, right?, detail) for every field the item's figures are checked on."""
    claims = extract(_document(item), item["date"], source=item["id"])
    out: list[tuple[str, bool, str]] = []
    for fig in item["figures"]:
        c = _find(claims, fig["text"], fig.get("occ", 0))
        where = f"{item['id']}: {fig['text']!r}"
        if c is None or c.frame is None:
            out += [(f, False, f"{where}: no claim") for f in FIELDS if f in fig]
            continue
        f = c.frame
        got: dict[str, Any] = {
            "measure": f.measure.id,
            "entity": None if f.entity is None else f.entity.id,
            "status": f.status,
            "basis": sorted(f.basis),
            "attribution": None if f.attribution is None else f.attribution.id,
            "relations": _relations(c, claims),
        }
        for name in FIELDS:
            if name not in fig:
                continue
            want = sorted(fig[name]) if name in ("basis", "relations") else fig[name]
            out.append((name, got[name] == want, f"{where} {name}: want {want!r}, got {got[name]!r}"))
        if "measure_free" in fig:
            out.append(("measure", f.measure.free == fig["measure_free"], f"{where} free: {f.measure.id!r}"))
        if "measure_not" in fig:
            out.append(("measure", f.measure.id != fig["measure_not"], f"{where} not {fig['measure_not']}"))
    return out


def _scores() -> tuple[dict[str, float], list[str], Counter[str]]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    for item in _items():
        for name, ok, detail in _check(item):
            total[name] += 1
            right[name] += ok
            if not ok:
                wrong.append(detail)
    return {k: right[k] / total[k] for k in total}, wrong, total


def test_dev_file_covers_the_spec() -> None:
    items = _items()
    figures = [f for i in items for f in i["figures"]]
    assert 80 <= len(figures) <= 150
    assert {f["status"] for f in figures if "status" in f} == set(STATUSES)
    rels = {r[0] for f in figures for r in f.get("relations", [])}
    assert rels == set(RELATION_TYPES)


def test_per_field_accuracy_floors() -> None:
    scores, wrong, total = _scores()
    report = "\n".join(f"{k}: {scores[k]:.3f} of {total[k]}" for k in FIELDS)
    low = {k: v for k, v in scores.items() if v < FLOORS[k]}
    assert not low, report + "\n" + "\n".join(wrong)


def test_floors_are_not_above_what_is_measured_by_much() -> None:
    """Raise floors as the stage improves (this only reminds: it fails when a floor lags
    the measured figure by more than 0.05)."""
    scores, _wrong, _total = _scores()
    lagging = {k: (FLOORS[k], round(v, 3)) for k, v in scores.items() if v - FLOORS[k] > 0.05}
    assert not lagging, f"raise these floors: {lagging}"


# --- regression tests, one per failure pattern ------------------------------------------


def _frames(text: str, date: str = "2024-06-10") -> dict[str, Frame]:
    out: dict[str, Frame] = {}
    for c in extract(text, date):
        assert c.frame is not None
        out[c.quantity.text if c.quantity else "<none>"] = c.frame
    return out


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Unemployment rate: Peru: 6.8% (2012 est.) 7.1% (2011 est.)", "unemployment.rate"),
        ("Inflation rate (consumer prices): Ghana: 9.2% (2012 est.)", "cpi.headline"),
        ("Inflation rate (consumer prices): 9.2% (2012 est.)", "cpi.headline"),
        ("Peru grew by 6% in 2012.", "gdp.real_growth"),
        ("Figures: Peru grew by 6% in 2012.", "gdp.real_growth"),
    ],
)
def test_a_rows_label_names_the_measure_of_a_country_and_a_percent(text: str, want: str) -> None:
    # "Country: x%" alone reads as the economy's growth, unless a label before it names a measure
    assert {f.measure.id for f in _frames(text, "2013-06-01").values()} == {want}


def test_regression_three_areas_in_one_paragraph_are_three_entities() -> None:
    f = _frames("Growth in the euro area was 0.2%, US growth reached 3.0% and Japan's economy grew 0.5%.")
    assert [f[k].entity.id if f[k].entity else None for k in ("0.2%", "3.0%", "0.5%")] == ["EA", "USA", "JPN"]
    assert {f[k].measure.id for k in ("0.2%", "3.0%", "0.5%")} == {"gdp.real_growth"}


def test_regression_headline_and_excluding_taxes_differ_in_basis() -> None:
    f = _frames("Headline inflation was 3.1% in May, while inflation excluding taxes was 2.6%.")
    assert "headline" in f["3.1%"].basis and "excl_taxes" not in f["3.1%"].basis
    assert "excl_taxes" in f["2.6%"].basis and "headline" not in f["2.6%"].basis


def test_regression_a_capital_citys_rate_is_the_citys() -> None:
    f = _frames("Kazakhstan labour market\n\nUnemployment in the capital was 4.1%, against 4.8% nationally.")
    assert f["4.1%"].entity is not None and f["4.1%"].entity.id == "KAZ:astana"
    assert f["4.1%"].entity.type == "city"
    assert f["4.8%"].entity is not None and f["4.8%"].entity.id == "KAZ"


def test_regression_projection_for_the_fiscal_year_and_last_quarters_actual() -> None:
    f = _frames(
        "India outlook\n\nGrowth is projected at 6.9% in the coming fiscal year; "
        "it was 8.1% in the first quarter of 2024.",
        "2024-06-10",
    )
    assert (f["6.9%"].status, f["8.1%"].status) == ("projection", "actual")
    assert "fiscal_year" in f["6.9%"].basis and "quarter" in f["8.1%"].basis


def test_regression_the_from_value_is_a_baseline_not_a_second_value() -> None:
    f = _frames("Inflation slowed to 4.5% in April from 6.0% in January.")
    assert f["6.0%"].status == "baseline"
    assert [r.type for r in f["4.5%"].relations] == ["change_from"]
    assert [r.type for r in f["6.0%"].relations] == ["change_to"]


def test_regression_according_to_the_imf_about_a_past_year_is_an_estimate() -> None:
    f = _frames("According to the IMF, Uzbekistan's GDP exceeded $90 billion in 2023.", "2024-02-01")
    frame = f["exceeded $90 billion"]
    assert frame.status == "estimate"
    assert frame.attribution is not None and frame.attribution.id == "IMF"
    assert frame.entity is not None and frame.entity.id == "UZB"


def test_regression_promise_noise_is_not_a_target() -> None:
    date = "2024-03-01"
    base = _frames("The deficit will be reduced to 3% of GDP from 5.7% of GDP.", date)
    assert base["5.7%"].status == "baseline"
    assumption = _frames("The budget is built on an oil price of $70 per barrel.", date)
    assert assumption["$70 per barrel"].status == "assumption"
    vote = _frames("Five members voted to hold the rate at 15%.", date)
    assert vote["15%"].status != "target"
    example = _frames("For example, a typical family will pay 4,000 tenge less a month.", date)
    assert example["4,000 tenge"].status != "target"
    purpose = _frames("The purpose of the law is to support 2,000 exporters.", date)
    assert purpose["2,000"].status != "target"


def test_regression_one_thing_is_one_measure() -> None:
    a = _frames("Health care spending will reach 1.2 trillion tenge in 2025.")
    b = _frames("The health budget will be 1.2 trillion tenge in 2025.")
    assert a["1.2 trillion tenge"].measure.id == b["1.2 trillion tenge"].measure.id == "spending.health"
    goal = _frames("The goal is to raise exports to $100 billion by 2030.")
    assert goal["$100 billion"].measure.id == "exports"


# --- the contract --------------------------------------------------------------------------

_ID = st.text(alphabet="abcdefghijklmnopqrstuvwxyz.:_ABCXYZ", min_size=1, max_size=20)
_WORDS = st.lists(st.text(min_size=0, max_size=12), max_size=3).map(tuple)
_FRAMES = st.builds(
    Frame,
    measure=st.builds(
        Measure,
        id=_ID,
        name=st.text(max_size=20),
        free=st.booleans(),
        codes=st.dictionaries(st.sampled_from(["wdi", "weo", "cofog"]), _ID).map(
            lambda d: tuple(sorted(d.items()))
        ),
    ),
    entity=st.none()
    | st.builds(Entity, id=_ID, name=st.text(max_size=12), type=st.sampled_from(ENTITY_TYPES)),
    basis=st.sets(st.sampled_from(BASIS_TERMS), max_size=4).map(lambda s: tuple(sorted(s))),
    status=st.sampled_from(STATUSES),
    attribution=st.none() | st.builds(Attribution, id=_ID, name=st.text(max_size=12)),
    relations=st.lists(st.builds(Relation, type=st.sampled_from(RELATION_TYPES), claim=_ID), max_size=3).map(
        tuple
    ),
    cues=st.builds(FrameCues, measure=_WORDS, entity=_WORDS, status=_WORDS, basis=_WORDS, attribution=_WORDS),
)


@given(_FRAMES)
def test_frame_json_round_trip(frame: Frame) -> None:
    d = frame.to_dict()
    assert list(d) == ["measure", "entity", "basis", "status", "attribution", "relations", "cues"]
    assert list(d["cues"]) == list(FRAME_CUE_FIELDS)
    assert Frame.from_dict(json.loads(json.dumps(d))) == frame


def test_claim_round_trip_keeps_the_frame() -> None:
    for c in extract("According to the IMF, growth will reach 4.1% in 2025, up from 3.5%.", "2024-04-10"):
        assert Claim.from_dict(json.loads(json.dumps(c.to_dict()))) == c


@pytest.mark.parametrize("item", _items(), ids=lambda i: str(i["id"]))
def test_every_frame_keeps_the_contract(item: dict[str, Any]) -> None:
    claims = extract(_document(item), item["date"])
    ids = {c.id for c in claims}
    for c in claims:
        f = c.frame
        assert f is not None
        assert f.status in STATUSES
        assert list(f.basis) == sorted(f.basis) and set(f.basis) <= set(BASIS_TERMS)
        assert len(set(f.basis) & GRANULARITIES) <= 1
        assert (c.period is None) == (not set(f.basis) & GRANULARITIES)
        assert f.entity is None or f.entity.type in ENTITY_TYPES
        assert f.measure.free == (f.measure.codes == () and f.measure.free)
        assert all(r.claim in ids and r.claim != c.id for r in f.relations)
        assert f.cues.status and f.cues.measure
        assert f.entity is None or f.cues.entity
        assert f.attribution is None or f.cues.attribution


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # the main speaker named in full, then by surname: both the speaker's own figures
        ("President Rustam Kalenov said exports rose 14% in 2024. Kalenov said imports grew 6%.", "6%", None),
        # the title names the speaker, who is quoted by surname only
        ("Address by Minister Lina Petrosyan\n\nPetrosyan said revenue rose 9% in 2024.", "9%", None),
        # the institution the opening sentence opens with is the document's own
        (
            "Press release\n\nThe ECB staff projections see inflation at 2.1% in 2026, the ECB said.",
            "2.1%",
            None,
        ),
        # a different source inside the speech is still attributed
        (
            "Budget speech\n\nThe minister said revenue rose 8%. "
            "According to the IMF, growth will be 4% in 2025.",
            "4%",
            "IMF",
        ),
    ],
)
def test_regression_speaker_and_own_institution_are_not_attributed(
    text: str, figure: str, want: str | None
) -> None:
    a = _frames(text)[figure].attribution
    assert (a.id if a else None) == want


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a split year is a fiscal year; a span of several years is not
        ("Outlays will reach Rs 52 lakh crore in 2026-27.", "Rs 52 lakh crore", "fiscal_year"),
        ("Capital spending is set at 14 billion rand in 2025/26.", "14 billion rand", "fiscal_year"),
        ("Road spending totalled 9 billion in 2018-2022.", "9 billion", "multi_year"),
        ("Receipts in FY2026 came to 7 billion.", "7 billion", "fiscal_year"),
        # a rate set on the day of the statement
        ("The Committee lowered the key rate to 11.5%.", "11.5%", "day"),
        # a flow with no period of its own stays a year
        ("Exports rose 9% in 2023.", "9%", "year"),
    ],
)
def test_regression_granularity_of_fiscal_years_and_rates_set_on_a_day(
    text: str, figure: str, want: str
) -> None:
    assert want in _frames(text, "2025-02-14")[figure].basis


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # an institution's rate is its economy's, not the institution's
        ("Statement\n\nThe Bank of Japan raised its policy rate to 0.75%.", "0.75%", "JPN"),
        ("Press conference\n\nEurosystem staff projections see growth of 1.2% in 2027.", "1.2%", "EA"),
        # an international institution has no economy: the country named is the entity
        ("The IMF projects growth of 4.6% in Ghana in 2026.", "4.6%", "GHA"),
    ],
)
def test_regression_an_institution_named_near_a_figure_gives_its_economy(
    text: str, figure: str, want: str
) -> None:
    e = _frames(text)[figure].entity
    assert e is not None and e.id == want


def test_streamed_frames_point_inside_their_own_output() -> None:
    """Chunked extraction (spans shifted by an offset) gives every claim a frame whose
    relations name claims of the stream, and the same frames as one call on the text."""
    import io

    from claimledger import extract_stream

    text = "Kazakhstan outlook\n\n" + "\n".join(
        f"Inflation fell to {4 + k % 3}.{k % 10}% in May from {7 + k % 2}.1% in March, and exports rose "
        f"{k % 9 + 2}% to ${k + 10} billion."
        for k in range(40)
    )
    streamed = list(extract_stream(io.StringIO(text), "2024-06-10", source="s", chunk=300))
    ids = {c.id for c in streamed}
    assert streamed and all(c.frame is not None for c in streamed)
    assert all(r.claim in ids for c in streamed if c.frame for r in c.frame.relations)
    whole = {c.id: c.frame for c in extract(text, "2024-06-10", source="s")}
    assert {c.id: c.frame.relations for c in streamed if c.frame} == {
        k: f.relations for k, f in whole.items() if f
    }


def test_an_amount_in_words_with_no_currency_can_be_a_money_measure() -> None:
    f = _frames("Peru (GDP: 0.23 trillion) grew fast in 2019.", "2020-06-01")
    assert f["0.23 trillion"].measure.id == "gdp"
    assert (
        _frames("Peru's population was 33 million in 2020.", "2021-06-01")["33 million"].measure.id
        == "population"
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Nigeria, the most populous country in Africa, had 206 million people in 2020.", "NGA"),
        ("Indonesia, the world's fourth most populous country, had 270 million people in 2020.", "IDN"),
        ("Mexico, the second-largest economy in Latin America, had a GDP of $1.3 trillion in 2021.", "MEX"),
        ("GDP in Latin America grew 6% in 2021.", "LAC"),
    ],
)
def test_an_area_that_is_the_field_of_a_ranking_is_not_the_figures(text: str, want: str) -> None:
    [f] = _frames(text, "2022-06-01").values()
    assert f.entity is not None and f.entity.id == want
    assert f.measure.id in ("population", "gdp", "gdp.real_growth")
