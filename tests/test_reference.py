"""Reference series: import of WDI CSV (wide, long, DataBank), SDMX-ML and SDMX-CSV, plain
CSV with a column mapping; vintages; coded errors naming file and line; one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.cli import main
from claimledger.errors import ReferenceDataError
from claimledger.ledger import open_engine, reading, reference_series, series_values
from claimledger.reference import ImportOptions, import_reference, read_reference

FIX = Path(__file__).parent / "fixtures" / "reference"


def _values(batches: list) -> dict[tuple[str, str, str], float]:
    return {(s.code, o.entity, o.period): o.value for s, obs in batches for o in obs}


def test_wdi_wide_reads_its_vintage_and_unit_from_the_file() -> None:
    [(info, obs)] = read_reference(FIX / "wdi-wide.csv")
    assert (info.code, info.measure, info.unit, info.vintage) == (
        "FP.CPI.TOTL.ZG",
        "cpi.headline",
        "%",
        "2025-07-01",
    )
    assert info.publisher == "World Bank" and info.licence == "CC BY 4.0"
    assert info.url == "https://data.worldbank.org/indicator/FP.CPI.TOTL.ZG"
    vals = {(o.entity, o.period): o.value for o in obs}
    assert vals[("KAZ", "2024")] == pytest.approx(4.85655589318192)
    assert ("WLD", "2024") not in vals  # an empty cell is a missing value
    assert vals[("WLD", "2023")] == 5.74


def test_wdi_databank_format_with_two_series_and_missing_dots() -> None:
    batches = read_reference(FIX / "wdi-databank.csv", ImportOptions(vintage="2025-07-01"))
    assert [(s.code, s.measure, s.unit) for s, _ in batches] == [
        ("SP.POP.TOTL", "population", ""),
        ("NY.GDP.MKTP.CD", "gdp.nominal_usd", "USD"),
    ]
    v = _values(batches)
    assert v[("SP.POP.TOTL", "GEO", "2023")] == 3760365
    assert ("NY.GDP.MKTP.CD", "GEO", "2023") not in v


def test_wdi_long_needs_the_indicator_and_takes_it_from_the_command_line() -> None:
    with pytest.raises(ReferenceDataError) as e:
        read_reference(FIX / "wdi-long.csv", ImportOptions(vintage="2026-03-20"))
    assert e.value.code == "E050" and "--indicator" in str(e.value)
    [(info, obs)] = read_reference(
        FIX / "wdi-long.csv", ImportOptions(vintage="2026-03-20", indicator="NY.GDP.MKTP.CD")
    )
    assert info.measure == "gdp.nominal_usd" and info.unit == "USD" and len(obs) == 3


def test_plain_csv_with_a_column_mapping() -> None:
    opts = ImportOptions(
        indicator="FP.CPI.TOTL.ZG",
        vintage="2024-12",
        publisher="National statistics office",
        columns={"entity": "iso", "period": "year", "value": "cpi_pct"},
    )
    [(info, obs)] = read_reference(FIX / "plain.csv", opts)
    assert info.publisher == "National statistics office"
    assert {(o.entity, o.period, o.value) for o in obs} == {("KEN", "2023", 7.7), ("KAZ", "2023", 14.7)}


def test_sdmx_ml_generic_data_via_sdmx1() -> None:
    [(info, obs)] = read_reference(FIX / "ifs-generic.xml", ImportOptions(measure="cpi.headline"))
    assert (info.publisher, info.vintage, info.code) == ("IMF", "2025-04-22", "PCPI_PC_CP_A_PT")
    # Eurostat's and the IMF's alpha-2 codes become alpha-3; EL is Greece
    assert {(o.entity, o.period, o.value) for o in obs} == {
        ("KEN", "2022", 7.66),
        ("KEN", "2023", 7.67),
        ("GRC", "2023", 4.15),
    }


def test_sdmx_csv_2_with_unit_and_scale() -> None:
    [(info, obs)] = read_reference(FIX / "weo-v2.csv", ImportOptions(vintage="2025-04"))
    assert (info.measure, info.unit, info.scale) == ("gdp.nominal_usd", "USD", 9)
    assert {(o.entity, o.period): o.value for o in obs}[("KAZ", "2023")] == 261.42


def test_sdmx_csv_1_from_eurostat() -> None:
    [(info, obs)] = read_reference(
        FIX / "eurostat-v1.csv", ImportOptions(measure="cpi.headline", unit="%", vintage="2024-02-29")
    )
    assert info.code == "RCH_A_AVG"
    assert {(o.entity, o.value) for o in obs} == {("GRC", 4.2), ("DEU", 6.0)}


# --- bad input: a coded error naming the file and the line ------------------------------

_WIDE_HEAD = '"Country Name","Country Code","Indicator Name","Indicator Code","2022","2023",\n'


@pytest.mark.parametrize(
    ("name", "body", "opts", "code", "line"),
    [
        (
            "ragged",
            _WIDE_HEAD + '"Kenya","KEN","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","7.6"\n',
            {},
            "E050",
            2,
        ),
        ("quote", _WIDE_HEAD + '"Kenya","KEN","Inflation"x,"FP.CPI.TOTL.ZG","1","2",\n', {}, "E050", 2),
        (
            "not a number",
            _WIDE_HEAD
            + '"Kenya","KEN","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","7.6","high",\n',
            {},
            "E050",
            2,
        ),
        ("unknown code", _WIDE_HEAD + '"Kenya","KEN","Something","XX.NOT.A.CODE","1","2",\n', {}, "E051", 2),
        (
            "mixed-up country",
            _WIDE_HEAD + '"Kenya","KAZ","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2",\n',
            {},
            "E054",
            2,
        ),
        (
            "alpha-2 in alpha-3",
            _WIDE_HEAD + '"Kenya","KE","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2",\n',
            {},
            "E054",
            2,
        ),
        (
            "unknown area",
            _WIDE_HEAD
            + '"Atlantis","ATL","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2",\n',
            {},
            "E054",
            2,
        ),
        (
            "unit conflict",
            _WIDE_HEAD + '"Kenya","KEN","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2",\n',
            {"unit": "USD"},
            "E053",
            2,
        ),
        (
            "duplicates disagree",
            _WIDE_HEAD
            + '"Kenya","KEN","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2",\n'
            + '"Kenya","KEN","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2.5",\n',
            {},
            "E052",
            3,
        ),
        (
            "no vintage",
            _WIDE_HEAD + '"Kenya","KEN","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2",\n',
            {"vintage": None},
            "E050",
            None,
        ),
        (
            "bad period",
            "Country Name,Country Code,Year,Value\nKenya,KEN,last year,5\n",
            {"indicator": "SP.POP.TOTL"},
            "E050",
            2,
        ),
    ],
)
def test_bad_input_gets_a_coded_error_naming_file_and_line(
    tmp_path: Path, name: str, body: str, opts: dict, code: str, line: int | None
) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(body, encoding="utf-8")
    kw = {"vintage": "2025-07-01", **opts}
    with pytest.raises(ReferenceDataError) as e:
        read_reference(f, ImportOptions(**kw))
    assert e.value.code == code, str(e.value)
    assert e.value.line == line
    assert str(f) in str(e.value)
    if line:
        assert f"{f}:{line}" in str(e.value)


def test_identical_duplicate_rows_are_harmless(tmp_path: Path) -> None:
    row = '"Kenya","KEN","Inflation, consumer prices (annual %)","FP.CPI.TOTL.ZG","1","2",\n'
    f = tmp_path / "dup.csv"
    f.write_text(_WIDE_HEAD + row + row, encoding="utf-8")
    [(_info, obs)] = read_reference(f, ImportOptions(vintage="v"))
    assert len(obs) == 2


def test_malformed_sdmx_is_a_coded_error(tmp_path: Path) -> None:
    f = tmp_path / "bad.xml"
    f.write_text("<message:GenericData><unclosed>", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as e:
        read_reference(f, ImportOptions(measure="cpi.headline", vintage="v"))
    assert e.value.code == "E050" and str(f) in str(e.value)


# --- the ledger: vintages, replacement, one transaction ---------------------------------


def test_vintages_coexist_and_the_same_vintage_is_replaced(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "l.db"))
    opts = ImportOptions(indicator="NY.GDP.MKTP.CD", vintage="2025-07-01")
    import_reference(engine, FIX / "wdi-long.csv", opts)
    import_reference(engine, FIX / "wdi-long.csv", opts)  # again: replaced, not doubled
    revised = tmp_path / "revised.csv"
    revised.write_text(
        "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2023,262000000000\n", encoding="utf-8"
    )
    import_reference(engine, revised, ImportOptions(indicator="NY.GDP.MKTP.CD", vintage="2026-03-20"))
    with reading(engine) as conn:
        stored = reference_series(conn)
        assert [(s.info.vintage, s.values) for s in stored] == [("2026-03-20", 1), ("2025-07-01", 3)]
        old = {(v.entity, v.period): v.value for v in series_values(conn, stored[1].id)}
        new = {(v.entity, v.period): v.value for v in series_values(conn, stored[0].id, "KAZ")}
    assert old[("KAZ", "2023")] == pytest.approx(261421121085.57208)
    assert new == {("KAZ", "2023"): 262000000000}
    engine.dispose()


def test_a_bad_row_leaves_nothing_half_imported(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    bad = tmp_path / "bad.csv"
    # the first series is fine; the second has a bad value on the last line
    bad.write_text(
        "Country Name,Country Code,Series Name,Series Code,2022 [YR2022]\n"
        'Georgia,GEO,"Population, total",SP.POP.TOTL,3722716\n'
        "Georgia,GEO,GDP (current US$),NY.GDP.MKTP.CD,lots\n",
        encoding="utf-8",
    )
    rc = main(["reference", "import", str(FIX / "wdi-wide.csv"), "--db", str(db)])
    assert rc == 0
    rc = main(["reference", "import", str(bad), "--db", str(db), "--vintage", "v1"])
    assert rc == 1
    engine = open_engine(str(db))
    with reading(engine) as conn:
        assert [s.info.code for s in reference_series(conn)] == ["FP.CPI.TOTL.ZG"]
    engine.dispose()


def test_cli_error_names_the_code_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Country Name,Country Code,Year,Value\nKenya,KAZ,2023,1\n", encoding="utf-8")
    rc = main(
        [
            "reference",
            "import",
            str(bad),
            "--db",
            str(tmp_path / "l.db"),
            "--vintage",
            "v",
            "--indicator",
            "SP.POP.TOTL",
        ]
    )
    assert rc == 1
    err = capsys.readouterr().err
    assert f"[E054] {bad}:2:" in err


@pytest.mark.needs_shared("reference/wb-FP.CPI.TOTL.ZG-wide.csv")
def test_the_real_wdi_files_import_whole() -> None:
    from conftest import SHARED

    ref = SHARED / "reference"
    [(cpi, obs)] = read_reference(ref / "wb-FP.CPI.TOTL.ZG-wide.csv", ImportOptions(vintage="2025-07-01"))
    assert cpi.measure == "cpi.headline" and len({o.entity for o in obs}) > 200
    [(gdp, gobs)] = read_reference(
        ref / "wb-gdp-current-usd.csv", ImportOptions(vintage="2026-03-20", indicator="NY.GDP.MKTP.CD")
    )
    assert gdp.unit == "USD" and len(gobs) > 13000
