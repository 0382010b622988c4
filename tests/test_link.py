"""Linking: canonical subjects, dimensions, regions, keys and explanations (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _checkhelp import doc, rec
from claimledger.link import (
    ClaimRecord,
    canonical_subject,
    countries_named,
    dimension,
    indicator_key,
    link_records,
    main_region,
)
from claimledger.resources.words import singular

SAME = [
    ("housing completed", "square meters of housing commissioned"),
    ("new housing", "housing completed"),
    ("homes built", "new housing"),
    ("budget spending", "spending of the republican budget"),
    ("state budget expenditures", "budget spending"),
    ("spending", "budget spending"),
    ("gross domestic product", "GDP"),
    ("the size of the economy", "gdp"),
    ("highways built or repaired", "roads"),
    ("schools", "school"),
    ("foreign direct investment", "FDI"),
    ("economic growth", "GDP growth"),
    ("inflation rate", "inflation"),
    ("grain harvest", "grain"),
]
DIFFERENT = [
    ("budget spending", "budget deficit"),
    ("GDP", "GDP per capita"),
    ("trade deficit", "budget deficit"),
    ("local budget spending", "budget spending"),
    ("exports", "imports"),
    ("schools", "hospitals"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_indicator(a: str, b: str) -> None:
    assert canonical_subject(a).key == canonical_subject(b).key, (canonical_subject(a), canonical_subject(b))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_indicator(a: str, b: str) -> None:
    assert canonical_subject(a).key != canonical_subject(b).key


def test_country_in_subject_sets_region() -> None:
    c = canonical_subject("Kazakhstan's GDP")
    assert c.region == "Kazakhstan" and c.tokens == ("gdp",)


def test_partner_country_is_part_of_the_subject() -> None:
    c = canonical_subject("exports to Russia")
    assert c.region is None and c.tokens == ("export", "russia")
    assert canonical_subject("exports").key != c.key


@pytest.mark.parametrize(
    ("unit", "noun", "dim"),
    [
        ("KZT", None, "currency:KZT"),
        ("USD", None, "currency:USD"),
        ("%", None, "percent"),
        ("m2", None, "area"),
        ("km", None, "length"),
        ("MW", None, "power"),
        ("GW", None, "power"),
        ("t", None, "mass"),
        ("kWh", None, "energy"),
        (None, "school", "count:school"),
        (None, None, "count"),
        ("USD/bbl", None, "rate:USD/bbl"),
    ],
)
def test_dimension(unit: str | None, noun: str | None, dim: str) -> None:
    assert dimension(unit, noun)[0] == dim


def test_dimension_scales_to_base_units() -> None:
    assert dimension("GW", None)[1] == pytest.approx(1000 * dimension("MW", None)[1])
    assert dimension("km2", None)[1] == pytest.approx(100 * dimension("ha", None)[1])


def test_key_separates_dimension_and_region() -> None:
    a = indicator_key("GDP", "USD", None, "Kazakhstan")
    b = indicator_key("GDP", "KZT", None, "Kazakhstan")
    c = indicator_key("GDP", "USD", None, "Uzbekistan")
    assert a and b and c and len({a.key, b.key, c.key}) == 3
    assert "Kazakhstan" in a.explanation and "currency:USD" in a.explanation


def test_key_explains_every_step() -> None:
    k = indicator_key("square meters of housing commissioned", "m2", None, None)
    assert k is not None
    assert "housing" in k.name and "ignored" in k.explanation and "area" in k.explanation


def test_empty_or_clause_subject_is_unlinked() -> None:
    assert indicator_key("", "USD", None, None) is None
    assert indicator_key("in which is", "USD", None, None) is None
    assert indicator_key("growth", "%", None, None) is None  # growth of what?
    assert indicator_key("the share", "%", None, None) is None
    assert indicator_key("plans to raise wages of teachers doctors nurses police", None, None, None) is None


def test_document_region() -> None:
    assert main_region("Interview", "President of Kazakhstan", None, body="")[0] == "Kazakhstan"
    assert (
        main_region(None, None, None, body="Uzbekistan grew. Uzbekistan also traded with Russia.")[0]
        == "Uzbekistan"
    )
    assert main_region(None, None, None, body="Georgia and Armenia met.")[0] is None
    assert main_region(None, None, None, body="Exports of Azerbaijan rose.")[0] == "Azerbaijan"
    assert countries_named("a turkey for dinner") == []


def test_link_records_only_figures_with_subjects() -> None:
    d = doc("d", "2024-01-08")
    with_fig = rec(
        "d", "Housing of 18 million m2 was built.", "18 million m2", 18e6, subject="housing", unit="m2"
    )
    no_fig = rec("d", "We will open the centre.", None, None, kind="target", subject="centre")
    members = link_records([with_fig, no_fig], {"d": d})
    assert set(members) == {with_fig.id}
    assert members[with_fig.id].key == "Kazakhstan|housing|area"


@given(
    st.sampled_from(
        ["school", "hospital", "city", "country", "bus", "box", "church", "policy", "project", "university"]
    )
)
def test_lemma_of_plural_round_trips(word: str) -> None:
    plural = word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
    if word.endswith("y") and word[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    assert singular(plural) == word
    assert singular(word) == word or word.endswith("s")


@pytest.mark.parametrize(
    ("sentence", "figure", "kind"),
    [
        ("Exports grew 8.7% in 2024.", "8.7%", "percent_change"),
        ("Exports were 35% of GDP in 2024.", "35%", "percent_of:gdp"),
        ("Inflation was 8.5% in October.", "8.5%", "percent"),
        ("Revenue was 15% higher than a year earlier.", "15%", "percent_change"),
        ("The deficit was 3.3% of GDP, compared with a target of 4%.", "4%", "percent_of:gdp"),
    ],
)
def test_percent_kinds(sentence: str, figure: str, kind: str) -> None:
    from claimledger.link import percent_kind

    i = sentence.index(figure)
    assert percent_kind(sentence, i, i + len(figure)) == kind


# --- second shift: lexicon audit, near misses that must not link, actors, relative figures ---

SAME_AUDITED = [
    ("export earnings", "exports"),
    ("export revenue", "exports"),
    ("fiscal deficit", "budget deficit"),
    ("national exports", "exports"),
    ("average salary", "average wage"),
]
NEAR_MISSES = [
    ("export earnings", "average earnings"),  # earnings of exports are revenue, not wages
    ("export earnings", "wages"),
    ("average salary", "median salary"),
    ("nominal GDP growth", "real GDP growth"),
    ("wheat harvested area", "wheat production"),
    ("regional exports", "exports"),
    ("Almaty region's exports", "exports"),
    ("the company's exports", "exports"),
    ("KazMunayGas oil production", "oil production"),
    ("gross debt", "net debt"),
    ("GDP at constant prices", "GDP at current prices"),
]


@pytest.mark.parametrize(("a", "b"), SAME_AUDITED)
def test_audited_synonyms_link(a: str, b: str) -> None:
    assert canonical_subject(a).key == canonical_subject(b).key


@pytest.mark.parametrize(("a", "b"), NEAR_MISSES)
def test_near_misses_do_not_link(a: str, b: str) -> None:
    assert canonical_subject(a).key != canonical_subject(b).key, (canonical_subject(a), canonical_subject(b))


def test_default_qualifier_is_dropped_only_for_its_kind_of_figure() -> None:
    growth = [
        indicator_key(s, "%", None, "Peru", dim="percent_change")
        for s in ("real GDP growth", "GDP growth", "nominal GDP growth")
    ]
    assert growth[0] and growth[1] and growth[2]
    assert growth[0].key == growth[1].key != growth[2].key
    money = [indicator_key(s, "USD", None, "Peru") for s in ("nominal GDP", "GDP", "real GDP")]
    assert money[0] and money[1] and money[2]
    assert money[0].key == money[1].key != money[2].key


@pytest.mark.parametrize(
    ("sentence", "figure", "subject", "tokens"),
    [
        (
            "The government will raise the home ownership rate to 70% by 2030.",
            "70%",
            "government",
            ("home_ownership",),
        ),
        (
            "Ghana will narrow the fiscal deficit to 4.3% of GDP by 2026.",
            "4.3%",
            "ghana",
            ("budget", "deficit"),
        ),
        ("The ministry plans to bring inflation down to 5% by 2026.", "5%", "ministry", ("inflation",)),
        (
            "Indonesia intends to lift tax revenue to 12% of GDP by 2029.",
            "12%",
            "indonesia",
            ("tax", "revenue"),
        ),
        ("We will cut the jobless rate to 6% by 2027.", "6%", "", ("unemployment",)),
    ],
)
def test_actor_subject_reads_the_measured_phrase(
    sentence: str, figure: str, subject: str, tokens: tuple[str, ...]
) -> None:
    d = doc("d", "2024-03-01", region=None)
    r = rec(
        "d",
        sentence,
        figure,
        float(figure.strip("%")),
        kind="target",
        subject=subject,
        unit="%",
        period="2026",
    )
    m = link_records([r], {"d": d})[r.id]
    assert all(t in m.key.split("|")[1].split() for t in tokens), m.key
    assert "names only who acts" in m.explanation
    if subject in ("ghana", "indonesia"):
        assert m.key.startswith(subject.capitalize() + "|")


def test_actor_fallback_leaves_companies_and_real_subjects_alone() -> None:
    from claimledger.link import actor_only, measured_phrase

    assert not actor_only("the company") and not actor_only("fiscal deficit")
    s = "The government will bring it down to 5% by 2026."
    assert measured_phrase(s, s.index("5%")) is None


def test_relative_amounts_are_not_levels() -> None:
    d = doc("d", "2024-01-08")
    s = "Cotton exports rose by a quarter to 412,000 tons."
    q = rec("d", s, "a quarter", 0.25, subject="cotton exports")
    r = rec("d", s, "412,000 tons", 412000, subject="cotton exports", unit="t")
    assert set(link_records([q, r], {"d": d})) == {r.id}


def test_a_year_earlier_is_not_a_rate_per_year() -> None:
    """Regression: '4.2 million tonnes a year earlier' was read as 4.2 million tonnes per year."""
    from dataclasses import replace

    from claimledger.link import repair

    s = "Rice output climbed to 4.4 million tonnes, up 10% from 4.2 million tonnes a year earlier."
    r = replace(rec("d", s, "4.2 million tonnes a year", 4.2e6, unit="t/year"))
    fixed = repair(r)
    assert fixed.unit == "t" and fixed.q_text == "4.2 million tonnes"
    assert fixed.sentence[fixed.q_rel[0] : fixed.q_rel[1]] == "4.2 million tonnes"
    s2 = "The plant will produce 4.2 million tonnes a year."
    kept = rec("d", s2, "4.2 million tonnes a year", 4.2e6, unit="t/year")
    assert repair(kept) is kept


def test_counted_nouns_use_the_lexicon() -> None:
    assert dimension(None, "visitors")[0] == dimension(None, "tourist")[0] == "count:tourist"
    assert dimension(None, "schools")[0] == "count:school"


@pytest.mark.parametrize(
    ("sentence", "figure", "phrase"),
    [
        (
            "The 2025 grain harvest came to 26.2 million tonnes, the ministry reported.",
            "26.2",
            "grain harvest",
        ),
        ("In 2024, exports of fish reached $2 billion.", "$2", "exports of fish"),
        ("Construction began and 40 schools were built.", "40", None),
    ],
)
def test_empty_subject_reads_the_clause_subject(sentence: str, figure: str, phrase: str | None) -> None:
    from claimledger.link import sentence_subject

    assert sentence_subject(sentence, sentence.index(figure)) == phrase


def test_empty_subject_links_by_the_clause_subject() -> None:
    d = doc("d", "2026-01-10")
    s = "The 2025 grain harvest came to 26.2 million tonnes, the ministry reported."
    r = rec("d", s, "26.2 million tonnes", 26.2e6, subject="", unit="t", period="2025")
    t = rec(
        "d",
        "Farmers will harvest 25 million tonnes of grain in 2025.",
        "25 million tonnes",
        25e6,
        subject="grain",
        unit="t",
        period="2025",
        kind="target",
    )
    m = link_records([r, t], {"d": d})
    assert m[r.id].key == m[t.id].key


def test_growth_as_a_percentage_is_the_change_of_its_subject() -> None:
    a = indicator_key("GDP growth", "%", None, "Armenia", dim="percent")
    b = indicator_key("economy", "%", None, "Armenia", dim="percent_change")
    c = indicator_key("real GDP growth", "%", None, "Armenia", dim="percent_change")
    assert a and b and c and a.key == b.key == c.key == "Armenia|gdp|percent_change"
    assert indicator_key("growth", "%", None, "Armenia", dim="percent") is None  # growth of what?


def test_budget_before_a_sectors_spending_and_reporting_verbs_are_dropped() -> None:
    assert canonical_subject("budget puts health spending").key == canonical_subject("health spending").key
    assert canonical_subject("show unemployment rate").key == canonical_subject("unemployment").key
    assert canonical_subject("budget spending").key != canonical_subject("health spending").key


def test_delivery_verbs_and_ranges_for_actor_targets() -> None:
    from claimledger.link import measured_phrase

    assert canonical_subject("villages connected").key == canonical_subject("villages").key
    s = "The central bank will keep inflation within the 2-4% target range in 2025."
    assert measured_phrase(s, s.index("2-4%")) == "inflation"


def test_a_shares_subject_is_not_its_denominator() -> None:
    d = doc("d", "2024-03-01", region="Ghana")
    s = "The government will narrow the fiscal deficit to 4.3% of GDP by 2026."
    r = rec("d", s, "4.3%", 4.3, kind="target", subject="gdp", unit="%", period="2026")
    m = link_records([r], {"d": d})[r.id]
    assert m.key == "Ghana|budget deficit|percent_of:gdp" and "only what the share is of" in m.explanation


def test_a_count_without_a_noun_counts_its_subjects_head() -> None:
    a = indicator_key("arrivals", None, None, "Kenya")
    b = indicator_key("tourists", None, "tourist", "Kenya")
    assert a and b and a.key == b.key == "Kenya|tourist|count:tourist"


# --- linking by frame ---------------------------------------------------------------------


def _framed(
    sentence: str,
    q_text: str,
    value: float,
    measure: str,
    *,
    free: bool = False,
    entity: str | None = "KAZ",
    basis: tuple[str, ...] = (),
    unit: str | None = "%",
    noun: str | None = None,
    subject: str = "",
    name: str = "",
    doc_key: str = "a",
) -> ClaimRecord:
    from dataclasses import replace

    from claimledger.models import Entity, Frame, Measure

    ent = None if entity is None else Entity(entity, {"KAZ": "Kazakhstan"}.get(entity, entity), "country")
    if entity in ("GOVERNMENT",):
        ent = Entity(entity, "the government", "organisation")
    frame = Frame(Measure(measure, name or measure, free), ent, tuple(sorted(basis)), "actual")
    r = rec(doc_key, sentence, q_text, value, unit=unit, noun=noun, subject=subject, period="2024")
    return replace(r, frame=frame)


def test_frames_link_whatever_the_subject_phrases_say() -> None:
    docs = {"a": doc("a", "2025-01-10"), "b": doc("b", "2025-02-10")}
    a = _framed("The economy grew 4.8%.", "4.8%", 4.8, "gdp.real_growth", basis=("real",), subject="economy")
    b = _framed("GDP growth was 5%.", "5%", 5, "gdp.real_growth", basis=("real", "year"), doc_key="b")
    other_basis = _framed("Real GDP grew 5% q/q.", "5%", 5, "gdp.real_growth", basis=("q/q", "real"))
    other_entity = _framed("Uzbek GDP grew 6%.", "6%", 6, "gdp.real_growth", entity="UZB", basis=("real",))
    m = link_records([a, b, other_basis, other_entity], docs, by="frame")
    assert m[a.id].key == m[b.id].key  # the granularity ("year") is not part of the basis key
    assert len({m[r.id].key for r in (a, other_basis, other_entity)}) == 3
    got = m[a.id]
    assert (got.measure_id, got.entity_id, got.basis_key, got.free) == (
        "gdp.real_growth",
        "KAZ",
        "real",
        False,
    )
    assert got.name == "Kazakhstan: real GDP growth" and "|" not in got.name
    assert (
        "gdp.real_growth" in got.explanation and "KAZ" in got.explanation and "basis real" in got.explanation
    )
    # by subject, the same figures are filed by their phrases
    assert link_records([a, b], docs, by="subject")[a.id].measure_id == ""


def test_display_names_say_the_basis_the_measure_name_does_not() -> None:
    docs = {"a": doc("a", "2025-01-10")}
    core = _framed("Core inflation was 7%.", "7%", 7, "cpi.headline", basis=("core",), name="inflation")
    usd = _framed("GDP reached $260 billion.", "$260 billion", 2.6e11, "gdp", unit="USD", name="GDP")
    m = link_records([core, usd], docs, by="frame")
    assert m[core.id].name == "Kazakhstan: core consumer price inflation"
    assert m[usd.id].name == "Kazakhstan: GDP (USD)"


def test_free_phrases_link_only_on_strict_agreement_and_are_marked() -> None:
    docs = {"a": doc("a", "2025-01-10")}
    km = _framed("Tram lines reached 40 km.", "40 km", 40, "tram line", free=True, unit="km")
    km2 = _framed("Tram lines will reach 60 km.", "60 km", 60, "tram line", free=True, unit="km")
    metres = _framed("Tram lines grew by 900 m.", "900 m", 900, "tram line", free=True, unit="m")
    taxonomy = _framed("Roads reached 40 km.", "40 km", 40, "roads.built", unit="km")
    m = link_records([km, km2, metres, taxonomy], docs, by="frame")
    assert m[km.id].key == m[km2.id].key != m[metres.id].key  # same dimension, another unit
    assert m[km.id].free and m[metres.id].free and not m[taxonomy.id].free
    assert "free phrase" in m[km.id].explanation


def test_a_generic_institution_is_the_documents_countrys() -> None:
    docs = {"a": doc("a", "2025-01-10")}
    gov = _framed("The government cut the deficit to 3%.", "3%", 3, "budget.deficit", entity="GOVERNMENT")
    none = _framed("The deficit was 4%.", "4%", 4, "budget.deficit", entity=None)
    kaz = _framed("Kazakhstan's deficit was 5%.", "5%", 5, "budget.deficit")
    m = link_records([gov, none, kaz], docs, by="frame")
    assert m[gov.id].key == m[none.id].key == m[kaz.id].key
    assert "generic institution" in m[gov.id].explanation and "document is about" in m[none.id].explanation


def test_an_unscoped_figure_joins_the_only_entity_with_its_indicator() -> None:
    docs = {"a": doc("a", "2025-01-10"), "r": doc("r", "2025-01-10", region=None)}
    kaz = _framed("Kazakhstan's deficit was 5%.", "5%", 5, "budget.deficit")
    loose = _framed("The deficit was 4%.", "4%", 4, "budget.deficit", entity=None, doc_key="r")
    alone = _framed("The surplus was 1%.", "1%", 1, "budget.balance", entity=None, doc_key="r")
    m = link_records([kaz, loose, alone], docs, by="frame")
    assert m[loose.id].key == m[kaz.id].key and "only one" in m[loose.id].explanation
    assert m[alone.id].key.startswith("-|") and m[alone.id].entity_id is None


def test_a_claim_without_a_frame_is_linked_by_its_subject() -> None:
    docs = {"a": doc("a", "2025-01-10")}
    bare = rec("a", "Inflation was 8%.", "8%", 8, unit="%", subject="inflation", period="2024")
    m = link_records([bare], docs, by="frame")
    assert m[bare.id].measure_id == "" and "no frame stored" in m[bare.id].explanation.lower()
    assert m[bare.id].name == "Kazakhstan: inflation (%)"
