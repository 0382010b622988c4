"""The ledger commands end to end, as a user runs them (subprocess, real files)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TEXT_A = (
    "title: Budget\ndate: 2024-01-08\n---\n"
    "Spending will reach 23.9 trillion tenge in 2024. Exports rose 12% to $5 billion last year.\n"
)
TEXT_B = "Inflation is forecast at 6-8% in 2025. The government plans to build 217 schools by 2026.\n"


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "250", **(env or {})}  # wide tables: no folded cells
    full_env.pop("CLAIMLEDGER_DB", None) if env is None or "CLAIMLEDGER_DB" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "claimledger.cli", *args],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT_A)
    (tmp_path / "docs" / "b.txt").write_text(TEXT_B)
    (tmp_path / "docs" / "junk.txt").write_bytes(b"\x00\x01\x02")
    return tmp_path


def test_ingest_summary_failures_and_exit_code(work: Path) -> None:
    r = cli("ingest", "docs", cwd=work)
    assert r.returncode == 1  # junk.txt failed
    assert r.stdout.strip().startswith("ingested 2, duplicates 0, failed 1, claims ")
    assert "[E001]" in r.stderr and "junk.txt" in r.stderr
    assert "\x1b[" not in r.stderr  # no progress bar or colour when stderr is not a terminal
    assert (work / "claimledger.db").exists()  # the default ledger lives in ./
    again = cli("ingest", "docs/a.txt", "docs/b.txt", cwd=work)
    assert again.returncode == 0 and again.stdout.startswith("ingested 0, duplicates 2, failed 0, claims 0")


def test_env_var_chooses_the_ledger_and_stdin_is_read(work: Path) -> None:
    env = {"CLAIMLEDGER_DB": str(work / "env.db")}
    r = cli("ingest", "-", "--date", "2025-01-10", cwd=work, env=env, stdin=TEXT_B)
    assert r.returncode == 0, r.stderr
    assert (work / "env.db").exists() and not (work / "claimledger.db").exists()
    docs = json.loads(cli("docs", "--format", "jsonl", cwd=work, env=env).stdout.splitlines()[0])
    assert docs["doc_key"] == "-" and docs["published"] == "2025-01-10" and docs["claims"] > 0


def test_claims_formats_and_filters(work: Path) -> None:
    cli("ingest", "docs", cwd=work)
    lines = cli("claims", "--format", "jsonl", cwd=work).stdout.splitlines()
    rows = [json.loads(x) for x in lines]
    assert rows and {
        "doc",
        "id",
        "kind",
        "subject",
        "period",
        "sentence",
        "quantity",
        "cues",
        "extractor",
    } <= set(rows[0])
    assert {r["doc"] for r in rows} == {"docs/a.txt", "docs/b.txt"}
    kinds = {r["kind"] for r in rows}
    for k in kinds:
        got = [
            json.loads(x)
            for x in cli("claims", "--kind", k, "--format", "jsonl", cwd=work).stdout.splitlines()
        ]
        assert [g["id"] for g in got] == [r["id"] for r in rows if r["kind"] == k]
    found = [
        json.loads(x)
        for x in cli("claims", "--search", "inflation", "--format", "jsonl", cwd=work).stdout.splitlines()
    ]
    assert found and all("nflation" in f["sentence"]["text"] for f in found)
    table = list(
        csv.DictReader(io.StringIO(cli("claims", "--format", "csv", "--limit", "2", cwd=work).stdout))
    )
    assert len(table) == 2 and table[0]["id"] == rows[0]["id"]
    shown = cli("claims", "--doc", "docs/a.txt", cwd=work)
    assert shown.returncode == 0 and "docs/a.txt" in shown.stdout and "docs/b.txt" not in shown.stdout


def test_docs_and_exports(work: Path) -> None:
    cli("ingest", "docs", cwd=work)
    out = cli("docs", cwd=work).stdout
    assert "Budget" in out and "2024-01-08" in out
    n = len(cli("claims", "--format", "jsonl", cwd=work).stdout.splitlines())
    site = ("--publisher", "Desk", "--base-url", "https://fc.example.org")
    refused = cli("export", "--format", "claimreview", "-o", "cr.json", cwd=work)
    assert refused.returncode == 1 and "[E063]" in refused.stderr and not (work / "cr.json").exists()
    r = cli("export", "--format", "claimreview", *site, "-o", "cr.json", cwd=work)
    assert r.returncode == 0, r.stderr
    assert json.loads((work / "cr.json").read_text()) == []  # nothing rated: nothing to publish
    r = cli("export", "--format", "claimreview", *site, "--include-unrated", "-o", "cr.json", cwd=work)
    reviews = json.loads((work / "cr.json").read_text())
    sentences = {
        (c["doc"], c["sentence"]["start"])
        for c in map(json.loads, cli("claims", "--format", "jsonl", cwd=work).stdout.splitlines())
    }
    assert len(reviews) == len(sentences) <= n  # one per claimed sentence, not per figure
    for rv in reviews:
        assert rv["@type"] == "ClaimReview" and rv["itemReviewed"]["@type"] == "Claim"
        assert "reviewRating" not in rv  # nobody has reviewed anything: no verdicts
    budget = [rv for rv in reviews if rv["itemReviewed"].get("datePublished") == "2024-01-08"]
    assert budget and budget[0]["itemReviewed"]["appearance"]["name"] == "Budget"
    csv_rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv", cwd=work).stdout)))
    assert len(csv_rows) == n and csv_rows[0]["review_state"] == "machine"


def test_reextract_command(work: Path) -> None:
    cli("ingest", "docs", cwd=work)
    r = cli("reextract", cwd=work)
    assert r.returncode == 0 and "re-extracted 0 documents (2 already current)" in r.stdout
    forced = cli("reextract", "--force", cwd=work)
    assert (
        forced.returncode == 0
        and "re-extracted 2 documents" in forced.stdout
        and "0 removed" in forced.stdout
    )


def test_help_lists_ledger_commands(work: Path) -> None:
    out = cli("--help", cwd=work).stdout
    for cmd in ("ingest", "claims", "docs", "export", "reextract"):
        assert cmd in out


def test_review_rate_then_export_claimreview(work: Path) -> None:
    cli("ingest", "docs", cwd=work)
    first = json.loads(cli("claims", "--format", "jsonl", "--limit", "1", cwd=work).stdout)
    r = cli(
        "review",
        "rate",
        first["id"],
        "mostly accurate",
        "--ruling",
        "Near enough.",
        "--reviewer",
        "ana",
        cwd=work,
    )
    assert r.returncode == 0 and "Mostly accurate" in r.stdout, r.stderr
    again = cli(
        "review",
        "rate",
        first["id"],
        "Inaccurate",
        "--ruling",
        "No.",
        "--reviewer",
        "bo",
        "--format",
        "json",
        cwd=work,
    )
    assert json.loads(again.stdout)["before"]["rating"] == "Mostly accurate"
    bad = cli("review", "rate", first["id"], "Pants on fire", "--ruling", "x", "--reviewer", "bo", cwd=work)
    assert bad.returncode == 1 and "[E060]" in bad.stderr
    missing = cli(
        "review", "rate", "x", "Accurate", "--ruling", "x", "--reviewer", "a", "--db", "none.db", cwd=work
    )
    assert missing.returncode == 1 and "[E065]" in missing.stderr and not (work / "none.db").exists()
    out = cli(
        "export",
        "--format",
        "claimreview",
        "--publisher",
        "Desk",
        "--base-url",
        "https://fc.example",
        cwd=work,
    )
    (rv,) = json.loads(out.stdout)
    assert rv["reviewRating"]["alternateName"] == "Inaccurate" and rv["reviewBody"] == "No."
    assert rv["url"] == f"https://fc.example/claims/{first['id']}"
    scale = json.loads(cli("review", "scale", "--format", "json", cwd=work).stdout)
    assert scale["levels"][0]["label"] == "Accurate" and scale["best"] == 5
