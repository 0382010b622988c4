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
    "measure": 1.0,
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


def test_amount_then_from_a_to_b_ties_the_amount_to_b() -> None:
    """ "AMOUNT [adverbial], from A to B": A is B's baseline, the amount describes B
    (issue 11); not when A and B are ratios or a level precedes them."""
    f = _frames("Thefts in Norland dropped by a quarter between 2019 and 2024, from 62,000 cases to 51,000.")
    assert [r.type for r in f["a quarter"].relations] == ["change_by"]
    assert [r.type for r in f["51,000"].relations] == ["change_from"]
    assert [r.type for r in f["62,000"].relations] == ["change_to"]
    g = _frames("The passport queue has halved since the reform began, falling from 88,000 to 59,000.")
    assert [r.type for r in g["59,000"].relations] == ["change_from"]
    ratio = _frames("Excise receipts rose 25% in 2024, from 18.0% of output to 19.0%.")
    assert "change_by" not in [r.type for r in ratio["25%"].relations]
    level = _frames("Inflation in Norland eased to 4.1% in June from 4.5% to 4.9% in the bank's forecast.")
    assert "change_by" not in [r.type for r in level["4.1%"].relations]


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


# --- issue 10: measure and entity on real text (invented phrasings) ---------------------------


def _measure(text: str, figure: str, **kw: Any) -> Measure:
    for c in extract(text, "2024-06-10", **kw):
        if c.quantity is not None and c.quantity.text == figure:
            assert c.frame is not None
            return c.frame.measure
    raise AssertionError(f"no figure {figure!r}")


def _cues_of(text: str, figure: str, field: str = "measure") -> tuple[str, ...]:
    f = _frames(text)[figure]
    return tuple(getattr(f.cues, field))


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("Core inflation eased in April. It came in at 3.4%, below March.", "3.4%", "cpi.core"),
        ("Public debt\n\nIt stood at 62.5% at the end of June.", "62.5%", "debt.public"),
        ("The fiscal deficit widened in the first half. It reached 3.9% of GDP.", "3.9%", "budget.deficit"),
    ],
)
def test_regression_a_figure_with_no_subject_inherits_the_one_measure_before_it(
    text: str, figure: str, want: str
) -> None:
    m = _measure(text, figure)
    assert m.id == want and not m.free
    assert any(c.startswith("inherited:") for c in _cues_of(text, figure))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # two measures in the sentence before: nothing to inherit
        ("Inflation rose and wages climbed. It reached 4%.", "4%"),
        # nothing before names a measure
        ("The minister spoke at length. It came in at 3.4%.", "3.4%"),
    ],
)
def test_regression_no_inheritance_when_the_text_before_is_ambiguous_or_silent(
    text: str, figure: str
) -> None:
    m = _measure(text, figure)
    assert m.free
    assert not any(c.startswith("inherited:") for c in _cues_of(text, figure))


def test_regression_two_growth_figures_stay_two_measures() -> None:
    """Credit growth and GDP growth in one sentence, and exports after a sentence about
    core inflation: each keeps the measure its own words name."""
    f = _frames("Credit growth slowed to 5.2%, while GDP growth was 3.1%.")
    assert f["5.2%"].measure.id != f["3.1%"].measure.id
    assert f["3.1%"].measure.id == "gdp.real_growth"
    assert f["5.2%"].measure.id != "gdp.real_growth"
    g = _frames("Core inflation eased in April. Exports grew 4.1%.")
    assert g["4.1%"].measure.id == "exports"


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("The deficit reached 4.5% of GDP in 2023.", "4.5%", "budget.deficit"),
        ("Public debt stood at 62 per cent of gross domestic product.", "62 per cent", "debt.public"),
        ("Spending of 38% of GDP is planned for next year.", "38%", "budget.expenditure"),
        ("The deficit will narrow to 5.7% next year.", "5.7%", "budget.deficit"),
    ],
)
def test_regression_a_share_of_gdp_is_its_numerator(text: str, figure: str, want: str) -> None:
    m = _measure(text, figure)
    assert m.id == want and not m.free
    assert not m.id.startswith("gdp")


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("Outlays rose to $50 billion in 2023.", "$50 billion", "budget.expenditure"),
        ("Receipts reached $40 billion last year.", "$40 billion", "budget.revenue"),
        ("Borrowing was $10 billion in the fiscal year.", "$10 billion", "budget.deficit"),
        ("The repurchase rate was cut to 6.5%.", "6.5%", "policy_rate"),
        ("The cash rate stays at 4.35%.", "4.35%", "policy_rate"),
        ("The deposit facility rate is 2.00%.", "2.00%", "rate.deposit"),
        ("The firm added 120,000 new jobs in 2023.", "120,000", "jobs.created"),
    ],
)
def test_regression_synonyms_of_the_taxonomy(text: str, figure: str, want: str) -> None:
    m = _measure(text, figure)
    assert m.id == want and not m.free


def test_regression_the_deposit_rate_is_the_policy_rate_only_when_the_text_says_so() -> None:
    text = (
        "The Governing Council decided to lower the deposit facility rate, through which it steers "
        "the monetary policy stance. The deposit facility rate will be 2.00% from 11 June."
    )
    assert _measure(text, "2.00%").id == "policy_rate"
    assert _measure("The deposit facility rate will be 2.00% from 11 June.", "2.00%").id == "rate.deposit"


def test_regression_observed_inflation_and_its_target_differ() -> None:
    f = _frames("Inflation fell to 2.4%, close to the 2% target.")
    assert f["2.4%"].measure.id == "cpi.headline"
    assert f["2%"].measure.id == "inflation.target"


def test_regression_speakers_names_and_function_words_are_no_measure() -> None:
    from claimledger.extract.frame import measure

    assert measure.content_words("obr", frozenset({"obr"})) == []
    assert measure.content_words("a member") == []
    assert measure.content_words("however") == []
    assert measure.content_words("slightly massive consecutive year-to-date") == []
    assert measure.content_words("poland debt", frozenset({"poland"})) == ["debt"]
    assert measure.cleaned(Measure("however", "however", True), frozenset(), None).id == "figure"
    assert (
        measure.cleaned(Measure("poland debt", "poland debt", True), frozenset({"poland"}), None).id == "debt"
    )
    f = _frames("The OBR expects growth of 1.5% in 2025.")
    assert "obr" not in f["1.5%"].measure.id.lower()


def test_regression_the_documents_country_is_every_unplaced_figures() -> None:
    f = _frames("Ghana 2025 budget statement\n\nThe Minister said spending will reach 200 billion cedis.")
    e = f["200 billion cedis"].entity
    assert e is not None and e.id == "GHA"
    g = _frames("Budget statement\n\nThe deficit will be 4.1% of GDP.")
    assert g["4.1%"].entity is None
    # the caller's country, when given to the stage (``DocFrame(text, ref, country)``)
    from claimledger.extract.frame import entity

    home, cue = entity.main_country("Budget statement\n\nThe deficit will be 4.1% of GDP.", "GH")
    assert home is not None and home.id == "GHA" and cue.startswith("document:")
    # else the country the whole text names most, past its lead
    text = "Budget statement\n\n" + "The committee met again. " * 140 + "Kenya's deficit was 5.1% of GDP."
    home, cue = entity.main_country(text)
    assert home is not None and home.id == "KEN" and "in the document" in cue


def test_regression_a_euro_area_release_is_the_euro_areas() -> None:
    f = _frames("ECB monetary policy decisions\n\nHeadline inflation was 2.2% in May.")
    e = f["2.2%"].entity
    assert e is not None and e.id == "EA"


def test_regression_a_provinces_document_is_the_provinces() -> None:
    f = _frames("Ontario Budget 2024\n\nThe deficit is projected at C$9.8 billion this year.")
    e = f["C$9.8 billion"].entity
    assert e is not None and e.id == "CAN:ontario" and e.type == "region"


def test_regression_a_bare_sector_is_the_sectors() -> None:
    f = _frames(
        "South Africa economic review\n\nManufacturing output grew 2.1% last year. The economy grew 0.6%."
    )
    e = f["2.1%"].entity
    assert e is not None and e.id == "sector:manufacturing"
    e = f["0.6%"].entity
    assert e is not None and e.id == "ZAF"


def test_regression_an_organisations_projection_is_the_countrys() -> None:
    f = _frames("Ghana economic update\n\nThe economy recovered. The IMF expects growth of 4% in 2025.")
    e = f["4%"].entity
    assert e is not None and e.id == "GHA"
    assert f["4%"].attribution is not None and f["4%"].attribution.id == "IMF"


def test_regression_a_currency_is_no_country() -> None:
    f = _frames("Astana, 12 March — Exports reached 80 billion US dollars in 2024.")
    e = f["80 billion US dollars"].entity
    assert e is not None and e.id == "KAZ"


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("The cedi depreciated by 19% against the dollar.", "19%", "exchange_rate"),
        ("The rand was 2% weaker over the month.", "2%", "exchange_rate"),
        ("The trimmed mean rose 3.2% over the year.", "3.2%", "cpi.core"),
    ],
)
def test_regression_currency_moves_and_underlying_inflation(text: str, figure: str, want: str) -> None:
    m = _measure(text, figure)
    assert m.id == want and not m.free


def test_regression_a_currency_that_does_not_move_is_no_exchange_rate() -> None:
    assert _measure("Spending on the cedi coin programme took 2% of the budget.", "2%").id != "exchange_rate"


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a day that dates the saying gives the figure no day of its own
        ("On 3 May the bank said growth was 2%.", "2%", "year"),
        ("Speaking on 10 April, the minister said the deficit was 3.2% of GDP.", "3.2%", "year"),
        # a day that dates the figure does, even with a verb of saying after it
        ("Reserves stood at $30 billion on 31 March, the bank said.", "$30 billion", "day"),
        # a rate set on the day the source spoke
        ("On 3 May the governor said the key rate was lowered to 11.5%.", "11.5%", "day"),
        # a stock dated only by its document is its year's value, not the day's
        ("Gross international reserves reached $40 billion.", "$40 billion", "year"),
        # a change on the previous quarter (month) is a quarter's (month's)
        ("GDP grew 0.4% quarter-on-quarter.", "0.4%", "quarter"),
        ("Prices rose 0.3% month-on-month.", "0.3%", "month"),
    ],
)
def test_regression_granularity_of_a_saying_day_a_stock_and_a_change_on_the_previous_period(
    text: str, figure: str, want: str
) -> None:
    got = _frames(text, "2025-06-15")[figure].basis
    assert want in got, got


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a revision said after the new value, and the earlier value it replaces
        (
            "The bank expects growth of 3.2% this year, up from its earlier forecast of 2.8%.",
            "3.2%",
            "revision",
        ),
        (
            "The bank expects growth of 3.2% this year, up from its earlier forecast of 2.8%.",
            "2.8%",
            "baseline",
        ),
        ("Inflation is expected to average 5.5% this year, revised from 5%.", "5.5%", "revision"),
        # a forecast raised in the passive, and verbs of revising not yet listed
        ("The deficit projection was raised to 5.6%.", "5.6%", "revision"),
        ("The Bank lifted its inflation forecast for this year to 4.5%.", "4.5%", "revision"),
        (
            "The statistics office revised the growth figure for the third quarter to 0.4%.",
            "0.4%",
            "revision",
        ),
        ("The updated forecast puts growth at 3.3%.", "3.3%", "revision"),
        # no revision: a rate raised, a forecast kept, a later figure of a list
        ("The policy rate was raised to 5.5%.", "5.5%", "actual"),
        ("The Bank maintained its forecast of 3% growth.", "3%", "projection"),
        ("Growth is expected at 3% in 2025 and 3.5% in 2026.", "3%", "projection"),
    ],
)
def test_regression_revisions_said_after_the_figure_or_in_the_passive(
    text: str, figure: str, want: str
) -> None:
    f = _frames(text, "2025-06-15")[figure]
    assert f.status == want, f.cues.status


def test_regression_a_goal_reported_by_another_stays_a_target() -> None:
    goal = "The government's medium-term fiscal framework targets a deficit of 3% by 2027, Fitch said."
    assert _frames(goal, "2025-06-15")["3%"].status == "target"
    # a bare future said by another is its view, not a commitment
    view = _frames("Debt will stay below 25% of GDP, Fitch said.", "2025-06-15")["below 25%"]
    assert view.status == "projection", view.cues.status


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a calendar quarter (half) named by its months
        ("GDP rose 0.8% in July-September.", "0.8%", "quarter"),
        ("Exports rose 12% in January-June.", "12%", "half_year"),
        ("Industrial output grew 4.1% in January-May.", "4.1%", "month"),
        # only a policy rate is a value of the day its document is dated; an index is not
        ("The consumer price index rose 0.4%.", "0.4%", "year"),
    ],
)
def test_regression_granularity_of_month_runs_and_levels_dated_by_their_document(
    text: str, figure: str, want: str
) -> None:
    got = _frames(text, "2025-06-15")[figure].basis
    assert want in got, got


def test_regression_a_figure_continuing_a_revision_is_one() -> None:
    text = "The IMF raised its forecast for growth this year to 3.1%, and for 2026 to 3.4%."
    f = _frames(text, "2025-06-15")
    assert (f["3.1%"].status, f["3.4%"].status) == ("revision", "revision"), f["3.4%"].cues.status
    # a figure with a verb of its own after the revision is not part of it
    h = _frames("The Bank revised its inflation projection up to 5.1% this year; next year it sees 4.2%.")
    assert h["4.2%"].status == "projection", h["4.2%"].cues.status
    # a figure after a plain projection stays a projection
    g = _frames("Growth is expected at 3.1% in 2025 and 3.4% in 2026.", "2025-06-15")
    assert g["3.4%"].status == "projection"


def test_regression_the_speakers_forecast_of_a_year_nearly_over_is_an_estimate() -> None:
    text = "Growth is expected to reach 3.2% this year."
    assert _frames(text, "2025-12-10")["3.2%"].status == "estimate"
    assert _frames(text, "2025-06-10")["3.2%"].status == "projection"
    # next year's, or another's view, stays a projection
    assert _frames("Growth is expected to reach 3.5% next year.", "2025-12-10")["3.5%"].status == "projection"
    imf = _frames("Growth will reach 3.2% this year, according to the IMF.", "2025-12-10")["3.2%"]
    assert imf.status == "projection", imf.cues.status


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


# --- one document context (its country inferred from the text alone) ----------------------


def test_doccontext_a_central_bank_named_by_initials_gives_the_country() -> None:
    text = (
        "Monetary policy statement\n\nThe SBP kept the policy rate at 11%. "
        "The SBP expects inflation of 7% next year."
    )
    f = _frames(text)
    for fig in ("11%", "7%"):
        e = f[fig].entity
        assert e is not None and e.id == "PAK", fig


def test_doccontext_the_institution_named_most_decides_not_one_quoted_once() -> None:
    # a story about one economy that quotes the Fed once stays that economy's
    text = (
        "Rate decision\n\nThe RBA raised the cash rate to 4.1%. The Fed held its rate last week. "
        "The RBA said inflation was 5% in the year."
    )
    f = _frames(text)
    e = f["5%"].entity
    assert e is not None and e.id == "AUS"
    # a country the text names still beats any institution
    g = _frames("Budget review\n\nThe RBA met. Fiji's deficit reached 3.2% of GDP.")
    e = g["3.2%"].entity
    assert e is not None and e.id == "FJI"


def test_doccontext_a_national_currency_gives_its_country_to_every_figure() -> None:
    text = (
        "Budget speech\n\nSpending will reach 900 billion shillings. The deficit will narrow to 4.1% of GDP."
    )
    f = _frames(text)
    e = f["4.1%"].entity
    assert e is not None and e.type == "country" and e.id in ("KEN", "UGA", "TZA", "SOM")
    # a shared or world currency names no country
    g = _frames(
        "Budget speech\n\nSpending will reach 900 million US dollars. The deficit will be 4.1% of GDP."
    )
    assert g["4.1%"].entity is None


def test_doccontext_a_generic_institution_is_never_an_entity_id() -> None:
    f = _frames("Statement\n\nThe government will raise pensions by 8% next year.")
    e = f["8%"].entity
    assert e is None or e.id != "GOVERNMENT"


def test_doccontext_the_callers_country_wins_for_the_fiscal_calendar() -> None:
    # the text's central bank is Pakistan's (July-June); the caller says India (April-March)
    text = "Policy review\n\nThe SBP projects inflation at 4.1% for FY27, with Q1 at 4.3%."
    cues = {
        c.quantity.text: c.cues for c in extract(text, "2026-05-01", country="IN") if c.quantity is not None
    }
    assert any(x.endswith("->2026-Q2") for x in cues["4.3%"])  # April-June
    cues = {c.quantity.text: c.cues for c in extract(text, "2026-05-01") if c.quantity is not None}
    assert any(x.endswith("->2026-Q3") for x in cues["4.3%"])  # July-September


def test_doccontext_the_inferred_country_gives_the_fiscal_calendar() -> None:
    text = "Policy review\n\nThe RBI projects inflation at 4.1% for FY27, with Q1 at 4.3%."
    got = {c.quantity.text: c.period for c in extract(text, "2026-05-01") if c.quantity is not None}
    assert got == {"4.1%": "2026/2027", "4.3%": "2026/2027"}
    # calendar-year countries and texts that give no country keep calendar years
    text = "Policy review\n\nInflation is projected at 4.1% for FY27."
    got = {c.quantity.text: c.period for c in extract(text, "2026-05-01") if c.quantity is not None}
    assert got == {"4.1%": "2027"}


def test_doccontext_a_topic_quarter_dates_undated_outcomes() -> None:
    text = (
        "Labour market release\n\nThe labour market tightened in the third quarter of 2025.\n\n"
        "Employment rose by 40,000. Unemployment stands at 6.1%. Wages grew 3% in 2024."
    )
    claims = {c.quantity.text: c for c in extract(text, "2025-11-14") if c.quantity is not None}
    for fig in ("40,000", "6.1%"):
        c = claims[fig]
        assert c.period == "2025" and any(x.endswith("(topic)") for x in c.cues), fig
        assert c.frame is not None and "quarter" in c.frame.basis, fig
    # a figure's own date beats the topic
    c = claims["3%"]
    assert c.period == "2024" and not any(x.endswith("(topic)") for x in c.cues)
    assert c.frame is not None and "quarter" not in c.frame.basis


def test_doccontext_no_topic_from_a_day_or_a_later_year() -> None:
    text = "Statement of 3 May 2025\n\nEmployment rose by 40,000."
    c = next(c for c in extract(text, "2025-05-03") if c.quantity is not None)
    assert not any(x.endswith("(topic)") for x in c.cues)
    # a topic of another year than the one an undated figure falls in does not move it
    text = "Outlook for the first quarter of 2026\n\nEmployment rose by 40,000."
    c = next(c for c in extract(text, "2025-11-14") if c.quantity is not None)
    assert c.period == "2025" and not any(x.endswith("(topic)") for x in c.cues)


def test_doccontext_a_news_agency_or_dateline_does_not_decide_the_country() -> None:
    text = "NAIROBI, May 2 (Kenya News Agency) - Uganda's economy grew 5.3% last year, officials said."
    home, cue = __import__("claimledger.extract.frame.entity", fromlist=["x"]).main_country(text)
    assert home is not None and home.id == "UGA", cue
    f = _frames("Kenya Times\n\nGhana's economy grew 5.3% last year. Ghana says the deficit is 4% of GDP.")
    e = f["4%"].entity
    assert e is not None and e.id == "GHA"
    # a title that names the country still decides
    f = _frames("Kenya budget review\n\nSpending grew 5.3% last year.")
    e = f["5.3%"].entity
    assert e is not None and e.id == "KEN"


def test_doccontext_a_sector_named_as_a_cause_is_not_the_owner() -> None:
    f = _frames("Fiji economic update\n\nGrowth eased to 3% on a weaker tourism sector.")
    e = f["3%"].entity
    assert e is not None and e.id == "FJI"
    f = _frames("Fiji economic update\n\nGrowth picked up to 4%, driven by a rebound in the farming sector.")
    e = f["4%"].entity
    assert e is not None and e.id == "FJI"
    # the sector that is the figure's subject keeps it
    f = _frames("Fiji economic update\n\nThe tourism sector grew 7% last year.")
    e = f["7%"].entity
    assert e is not None and e.id == "sector:tourism"


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # the revision grammar: verb, direction, object, then from / to / by
        ("The central bank revised upwards its growth forecast from 2.1% to 2.6%.", "2.6%", "revision"),
        ("The central bank revised upwards its growth forecast from 2.1% to 2.6%.", "2.1%", "baseline"),
        ("The ministry revised growth downward by 0.4 points, from 3.1% to 2.7%.", "2.7%", "revision"),
        ("The bank had revised up Borovia's growth for 2027 from 2.2% to 2.5%.", "2.5%", "revision"),
        # the verb carries across the list it governs
        ("Staff revised lower to 3.3% for 2028, 3.0% for 2029 and 2.8% for 2030.", "3.3%", "revision"),
        ("Staff revised lower to 3.3% for 2028, 3.0% for 2029 and 2.8% for 2030.", "2.8%", "revision"),
        ("We now project growth of about 2.5% this year.", "about 2.5%", "revision"),
        # the earlier round named after the new figure
        ("Growth is projected at 3.4% (vs. prior at 3.1%).", "3.4%", "revision"),
        ("Growth is projected at 3.4% (vs. prior at 3.1%).", "3.1%", "baseline"),
        ("Inflation is forecast at 4.2%, higher than previously.", "4.2%", "revision"),
        ("Growth is projected at 3.4% compared with 3.1% in the spring outlook.", "3.4%", "revision"),
        (
            "Growth is projected at 3.4% in 2026, compared with 3.1% in the bank's previous outlook.",
            "3.4%",
            "revision",
        ),
        # no revision: another forecaster's figure, a year-earlier base, an outcome above a forecast
        ("Inflation is projected at 4.2% in 2026 vs 3.9% expected by analysts.", "4.2%", "projection"),
        ("Inflation is projected at 4.2% in 2026 vs 4% a year earlier.", "4.2%", "projection"),
        ("Growth was 3% in 2024, above the previous forecast of 2.5%.", "3%", "actual"),
        ("Inflation was 4.2% in May vs 4.0% in April.", "4.2%", "actual"),
        ("The initial 500 million tranche was paid in May.", "500 million", "actual"),
    ],
)
def test_revision_grammar_and_the_earlier_round_after_the_figure(text: str, figure: str, want: str) -> None:
    f = _frames(text, "2025-06-15")[figure]
    assert f.status == want, f.cues.status


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a figure inside a purpose clause is the aim it states
        ("The bank acts with the aim of bringing inflation to its goal of 3% by 2030.", "3%", "target"),
        # a figure before it, a law's purpose, a statute's intent: no commitment
        ("The government will cut the deficit to 3% by 2027 in order to stabilise debt.", "3%", "actual"),
        ("The law is intended to raise pensions to 40,000 tenge.", "40,000 tenge", "actual"),
        # telling a press conference is saying; holding one is a procedure
        (
            "The minister told a press conference that the government will build 40 schools in 2026.",
            "40",
            "target",
        ),
        (
            "The governor will hold a press conference on 12 March to present the 4% target.",
            "4%",
            "projection",
        ),
    ],
)
def test_purpose_clauses_and_press_conferences(text: str, figure: str, want: str) -> None:
    f = _frames(text, "2025-06-15")[figure]
    assert f.status == want, f.cues.status


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # the base of a comparison, wherever the compared figure stands
        (
            "Growth slowed to 3.9% in the second quarter, weaker than the 4.4% of the quarter before.",
            "4.4%",
            "baseline",
        ),
        ("The economy expanded 4.8% in 2019 after posting 5.1% in 2018.", "5.1%", "baseline"),
        ("Growth is forecast at 4.5% next year, coming from a strong 6.2% this year.", "6.2%", "baseline"),
        ("Inflation reached 3.4% in March, up from a low of 2.2% in early 2024.", "2.2%", "baseline"),
        ("Revenue of 870 billion was above the prior year's 820 billion.", "820 billion", "baseline"),
        # the compared figure itself is not
        ("The economy expanded 4.8% in 2019 after posting 5.1% in 2018.", "4.8%", "actual"),
        # another entity's value, a change after "following", another's forecast: no base
        ("Growth was stronger than Ruritania's 4% last year.", "4%", "actual"),
        ("The rate fell to 5% following a cut of 50 bp in May.", "50 bp", "actual"),
        ("Growth was 3.2% in 2024, higher than the 2.9% expected by analysts.", "2.9%", "actual"),
    ],
)
def test_the_base_a_comparison_names(text: str, figure: str, want: str) -> None:
    f = _frames(text, "2025-06-15")[figure]
    assert f.status == want, f.cues.status


def test_a_rows_prior_value_and_a_plans_original_figure_are_baselines() -> None:
    row = _frames("Growth is projected at 3.4%. Prior: 3.1%.", "2025-06-15")
    assert row["3.1%"].status == "baseline", row["3.1%"].cues.status
    assert row["3.4%"].status == "projection"
    plan = _frames("The bridge, originally planned at 2 billion, will cost 3 billion.", "2025-06-15")
    assert plan["2 billion"].status == "baseline", plan["2 billion"].cues.status
    assert plan["3 billion"].status == "projection"
    # "prior to" a time names no value
    later = _frames("Prior to 2020, the fund lent 3 billion a year.", "2025-06-15")
    assert later["3 billion"].status != "baseline"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Inflation is now expected to average 4.5% in 2026.", "revision"),
        ("Prices are now expected to rise 3% next year.", "revision"),
        # without "now" a forecast is a projection
        ("Prices are expected to rise 3% next year.", "projection"),
    ],
)
def test_now_with_a_forecast_verb_is_a_revision(text: str, want: str) -> None:
    [f] = _frames(text, "2025-06-15").values()
    assert f.status == want, f.cues.status


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a forecast for a year, then its value in an earlier month's round
        ("Revenue is seen at 14 billion this year vs 12 billion in March.", "14 billion", "revision"),
        ("Growth is projected at 3.4% for 2026, versus 3.1% in January.", "3.4%", "revision"),
        # a month's forecast against the month before, and outcomes: no revision
        ("Inflation is expected to slow to 4% in June vs 4.5% in May.", "4%", "projection"),
        ("Inflation was 4.2% in May vs 4.0% in April.", "4.2%", "actual"),
    ],
)
def test_a_forecast_against_an_earlier_months_round(text: str, figure: str, want: str) -> None:
    f = _frames(text, "2025-06-15")[figure]
    assert f.status == want, f.cues.status


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("GDP growth for 2026: revised from 3% to 3.5%.", "3.5%", "revision"),
        ("GDP growth for 2026: revised from 3% to 3.5%.", "3%", "baseline"),
        # the gap of a forecast to an earlier round
        (
            "Inflation is forecast at 4.2% in 2026, two tenths above the spring forecast.",
            "two tenths",
            "revision",
        ),
        # an outcome above a forecast is no revision
        ("Inflation was 5.1% in 2024, above the central bank's forecast.", "5.1%", "actual"),
    ],
)
def test_revised_from_to_and_the_gap_to_an_earlier_round(text: str, figure: str, want: str) -> None:
    f = _frames(text, "2025-06-15")[figure]
    assert f.status == want, f.cues.status


def test_a_comparative_bounding_the_only_figure_is_no_base() -> None:
    one = _frames("Output grew faster than 3% in May.", "2025-06-15")["3%"]
    assert one.status == "actual", one.cues.status
    two = _frames("Output grew 4% in May, faster than the 3% of April.", "2025-06-15")["3%"]
    assert two.status == "baseline", two.cues.status


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # the day of an act that decides or asks for a figure dates the act, not the figure
        ("On 4 June the Board of Veloria approved a loan of $75 million.", "$75 million", "year"),
        (
            "The Council of Ministers adopted on 12 March a decree raising the deficit by 1.4 billion.",
            "1.4 billion",
            "year",
        ),
        ("The Fund's board approved a $210 million credit line on 9 April.", "$210 million", "year"),
        ("On 2 February the governor called for lifting the minimum wage to 640 crowns.", "640", "year"),
        # a rate set on a day stays that day's value, whoever reports it
        ("The Bank of Veloria cut its key rate to 5.25% on 3 June.", "5.25%", "day"),
        ("On 3 June the Bank of Veloria cut its key rate to 5.25%.", "5.25%", "day"),
        # a day that is the figure's own stays a day
        ("Reserves stood at $4.2 billion on 30 April.", "$4.2 billion", "day"),
    ],
)
def test_regression_the_day_of_an_approval_or_a_call_is_not_the_figures_day(
    text: str, figure: str, want: str
) -> None:
    got = _frames(text, "2025-06-15")[figure].basis
    assert want in got, got


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a day an earlier sentence named gives a later figure its year only ...
        (
            "On 14 May the Monetary Council of Veloria held its meeting. Inflation eased to 4.1% and "
            "wages rose 7.2%.",
            "4.1%",
            "year",
        ),
        # ... but a rate set that day is that day's value
        (
            "On 14 May the Monetary Council of Veloria held its meeting. The key rate was cut to 6.5%.",
            "6.5%",
            "day",
        ),
        # a spot market price stated to hold now is the day's quote
        ("The exchange rate is currently 84.5 dinars per US dollar.", "84.5 dinars per US dollar", "day"),
        # a level dated by the document alone stays its year
        ("The exchange rate averaged 84.5 dinars per US dollar.", "84.5 dinars per US dollar", "year"),
    ],
)
def test_regression_a_day_inherited_from_context_and_prices_quoted_now(
    text: str, figure: str, want: str
) -> None:
    got = _frames(text, "2025-06-15")[figure].basis
    assert want in got, got


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a quarter named by the month it ends in
        ("Output of Veloria grew 0.7% in the September quarter.", "0.7%", "quarter"),
        ("Prices rose 3.6% in the year to the March quarter.", "3.6%", "quarter"),
        # a month alone stays a month; "a quarter of" is a share, not a period
        ("Prices rose 0.3% in March, a quarter of it from fuel.", "0.3%", "month"),
        # one year across two calendar years is a fiscal year; a run of years is not
        ("Inflation for the year 2025-2026 is projected at 4.2%.", "4.2%", "fiscal_year"),
        ("Spending will total 9 billion dinars over the years 2026-2027.", "9 billion dinars", "multi_year"),
    ],
)
def test_regression_quarters_named_by_their_month_and_one_year_across_two(
    text: str, figure: str, want: str
) -> None:
    got = _frames(text, "2025-06-15")[figure].basis
    assert want in got, got


# --- entity, round 2 (issue 10): rows, rankings, causes, local owners, offices, country= ----


def _entity_id(text: str, figure: str, date: str = "2024-06-10", country: str | None = None) -> str | None:
    for c in extract(text, date, country=country):
        if c.quantity is not None and c.quantity.text == figure:
            assert c.frame is not None
            return c.frame.entity.id if c.frame.entity is not None else None
    raise AssertionError(figure)


def test_entity2_a_breakdown_row_led_by_a_bare_sector_is_the_sectors() -> None:
    text = "Zembla jobs report\n\nEmployers added 95,000 jobs in May: construction 41,000, hotels 23,000."
    assert _entity_id(text, "41,000") == "sector:construction"
    assert _entity_id(text, "23,000") == "sector:hotels"
    text = "Zembla output\n\nThe economy added 95,000 jobs, with hotels adding 15,000."
    assert _entity_id(text, "15,000") == "sector:hotels"
    # "by sector" names no sector; the rows do
    text = "Zembla output\n\nGrowth by sector: agriculture 3.1%, mining 2.4%."
    assert _entity_id(text, "3.1%") == "sector:agriculture"
    assert _entity_id(text, "2.4%") == "sector:mining"


def test_entity2_must_not_change_money_rows_and_the_lead_figure() -> None:
    # a budget's rows by function are allocations of the country, not sectors' figures
    text = (
        "Kenya budget speech\n\nAllocations: agriculture 60 billion shillings, health 140 billion shillings."
    )
    assert _entity_id(text, "60 billion shillings") == "KEN"
    text = "Kenya jobs report\n\nEmployers added 95,000 jobs in May: construction 41,000."
    assert _entity_id(text, "95,000") == "KEN"
    # a measure of the economy named after a sector word is still the economy's
    assert _entity_id("Kenya review\n\nRetail inflation eased to 4.1% in May.", "4.1%") == "KEN"


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("Chile outlook\n\nChile grew 4.2% in 2024, the fastest among OECD members.", "4.2%", "CHL"),
        ("Chile outlook\n\nChile ranked third among G20 economies with growth of 5.1%.", "5.1%", "CHL"),
        ("Chile outlook\n\nGrowth slowed to 2.1% amid global market stress.", "2.1%", "CHL"),
        ("Chile outlook\n\nGrowth slowed to 2.1% on weaker world demand.", "2.1%", "CHL"),
        # must not change: an area that owns the figure
        ("Chile outlook\n\nUnemployment among OECD members averaged 4.9% in 2024.", "4.9%", "OECD"),
        ("Chile outlook\n\nGlobal growth is projected at 3.2% in 2025.", "3.2%", "WLD"),
        ("Chile outlook\n\nGrowth in the euro area slowed to 0.4% amid weak demand.", "0.4%", "EA"),
    ],
)
def test_entity2_rankings_and_causes_name_no_area(text: str, figure: str, want: str) -> None:
    assert _entity_id(text, figure) == want


def test_entity2_a_places_own_institution_is_the_places() -> None:
    text = "Kenya news\n\nThe Nairobi county government raised its budget to 44 billion shillings."
    assert _entity_id(text, "44 billion shillings") == "KEN:nairobi"
    text = "Zembla news\n\nThe city of Porvik council approved a budget of 4.2 billion."
    assert _entity_id(text, "4.2 billion") == "XXX:porvik"
    # must not change: the national government's figure stays the country's
    text = "Kenya news\n\nThe government raised the budget to 4 trillion shillings."
    assert _entity_id(text, "4 trillion shillings") == "KEN"


@pytest.mark.parametrize(
    ("office", "want"),
    [("BPS", "IDN"), ("Rosstat", "RUS"), ("INSEE", "FRA"), ("Istat", "ITA"), ("BEA", "USA"), ("UBOS", "UGA")],
)
def test_entity2_a_statistics_office_by_initials_gives_its_economy(office: str, want: str) -> None:
    text = f"Monthly release\n\n{office} said unemployment was 6.4% in March."
    assert _entity_id(text, "6.4%") == want
    # must not change: a country the text names beats the office's economy
    text = f"Monthly release\n\n{office} said Zambia's unemployment was 6.4% in March."
    assert _entity_id(text, "6.4%") == "ZMB"


def test_entity2_the_callers_country_reaches_the_entity() -> None:
    text = "Results of the year\n\n12,800 km of roads were built and repaired in 2024."
    assert _entity_id(text, "12,800 km", "2025-01-08", country="KZ") == "KAZ"
    assert _entity_id(text, "12,800 km", "2025-01-08") is None
    # a country the text names in its title still wins over none, and the caller's wins
    text = "Ghana budget review\n\nSpending grew 5.3% last year."
    assert _entity_id(text, "5.3%", country="GH") == "GHA"


def test_entity2_highways_are_a_narrower_series_than_all_roads() -> None:
    # two statements of one year, one of highways and one of all roads, are not one measure
    a = _frames("Results\n\nLast year 7,000 km of highways were built or repaired.", "2025-01-06")
    b = _frames("Results\n\nIn 2024, 12,800 km of roads were built and repaired.", "2025-01-08")
    assert a["7,000 km"].measure.id != b["12,800 km"].measure.id
    assert b["12,800 km"].measure.id.startswith("roads.")
    # must not change: roads are still roads
    c = _frames("Results\n\nIn 2024 we built 1,240 km of new roads.", "2025-01-08")
    assert c["1,240 km"].measure.id == "roads.built"


@pytest.mark.parametrize(
    "text,surface",
    [
        # a superseded plan cited as the start of an amendment (B5), money spent before a plan
        ("The shortfall for 2027 was first set at 33 billion crowns and is now 38 billion.", "33 billion"),
        ("The deficit for 2027 was initially budgeted at 2.9% of output.", "2.9%"),
        (
            "The ministry plans to spend 500 billion crowns in 2027, after spending 470 billion this year.",
            "470",
        ),
    ],
)
def test_a_first_plan_and_an_earlier_outlay_are_baselines(text: str, surface: str) -> None:
    c = next(c for c in extract(text, "2026-06-10") if c.quantity is not None and surface in c.quantity.text)
    assert c.frame is not None and c.frame.status == "baseline", (c.kind, c.cues, c.frame)


def test_the_from_value_of_a_revised_target_and_its_aside_are_baselines_and_the_new_value_the_target() -> (
    None
):
    text = (
        "The cabinet cut the shortfall target for 2027 from 70 billion crowns (6.1% of output) "
        "to 64 billion crowns (5.5% of output)."
    )
    got = {
        c.quantity.text: (c.kind, c.frame.status)
        for c in extract(text, "2026-06-10")
        if c.quantity and c.frame
    }
    assert got["70 billion"][1] == "baseline", got
    assert got["6.1%"][1] == "baseline", got
    assert got["64 billion"] == ("target", "target"), got


def test_a_from_value_needs_a_to_value_after_it() -> None:
    text = "Grain shipped from 12 ports reached a record last year."
    got = {c.quantity.text: c.frame.status for c in extract(text, "2026-06-10") if c.quantity and c.frame}
    assert got["12"] != "baseline", got


def test_a_from_value_past_its_own_period_is_a_baseline() -> None:
    text = "The shortfall will be cut from 6.2 percent of output in 2026/27 to 4.1 percent in 2027/28."
    got = {c.quantity.text: c.frame.status for c in extract(text, "2026-06-10") if c.quantity and c.frame}
    assert got["6.2 percent"] == "baseline" and got["4.1 percent"] == "target", got


@pytest.mark.parametrize(
    "text",
    [
        "Retail sales were 2.4% higher than in the same quarter a year ago.",
        "Output was 1.8% higher than in the same month last year.",
        "Exports rose 6% compared with the same period last year.",
    ],
)
def test_a_comparison_with_the_same_period_a_year_before_is_year_on_year(text: str) -> None:
    """ "Higher than in the same quarter a year ago" states a y/y change, so it is never paired
    with a quarter-on-quarter or unqualified rate of that quarter."""
    [f] = [f for q, f in _frames(text, "2024-11-15").items() if q.endswith("%")]
    assert "y/y" in f.basis, f.cues.basis


@pytest.mark.parametrize(
    ("text", "surface", "want"),
    [
        # right after a forecast, "vs" and a figure of the same period is the earlier round
        (
            "The Zembian treasury sees growth at 3.2% this year vs 2.9% in the spring round.",
            "3.2%",
            "revision",
        ),
        (
            "The ministry expects exports to grow 4.1% in 2026 (versus 3.8% in 2026 before).",
            "4.1%",
            "revision",
        ),
        # another period's value, another forecaster's, or an outcome compared: no revision
        ("The ministry expects growth of 3.2% in 2026 vs 2.9% in 2025.", "3.2%", "projection"),
        ("The ministry expects growth of 3.2% in 2026 vs 2.9% a year earlier.", "3.2%", "projection"),
        (
            "The bank sees inflation at 4.1% this year, versus 3.8% expected by analysts.",
            "4.1%",
            "projection",
        ),
        ("Output grew 3.2% vs 2.9% in the previous quarter.", "3.2%", "actual"),
        ("Output grew 3.2% vs 2.9% in May.", "3.2%", "actual"),
    ],
)
def test_a_forecast_compared_with_its_earlier_round_is_a_revision(text: str, surface: str, want: str) -> None:
    got = _frames(text, "2026-06-10")
    assert got[surface].status == want, {k: (f.status, f.cues.status) for k, f in got.items()}
