"""The newcomer's path through the CLI (issue 13): ``make demo``, a busy port, a mistyped
``--db``, ``--help`` with examples, consistent ``--format``, and output people can read
(not folded when piped, figures in words, severities in colour in a terminal)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimledger.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start a server"))


@pytest.mark.parametrize(
    "argv",
    [
        ["claims"], ["docs"], ["export"], ["check"], ["check", "--no-run"], ["reference", "list"],
        ["doctor"], ["reextract"], ["serve"], ["serve", "--read-only"],
    ],
)  # fmt: skip
def test_a_command_on_a_missing_ledger_is_e065_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_server: None, argv: list[str]
) -> None:
    db = tmp_path / "typo.db"
    rc, _out, err = _run([*argv, "--db", str(db)], capsys)
    assert rc == 1 and "[E065]" in err and str(db) in err, err
    assert "claimledger ingest" in err  # says how to make one
    assert list(tmp_path.iterdir()) == [], "no empty ledger, no -wal or -shm file"


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        yield s.getsockname()[1]


def test_a_busy_port_is_e066_naming_port(
    busy_port: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_server: None
) -> None:
    from claimledger.ledger import Ledger

    db = tmp_path / "ledger.db"
    Ledger(str(db)).close()
    rc, _out, err = _run(["serve", "--db", str(db), "--port", str(busy_port)], capsys)
    assert rc == 1 and "[E066]" in err and "--port" in err and str(busy_port) in err, err
    # The demo refuses before it builds anything.
    demo_db = tmp_path / "demo.db"
    rc, out, err = _run(["demo", "--db", str(demo_db), "--port", str(busy_port)], capsys)
    assert rc == 1 and "[E066]" in err and "--port" in err, err
    assert not demo_db.exists() and out == ""


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_demo_installs_the_runtime_only_and_takes_a_port() -> None:
    r = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "demo", "PORT=8001"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    installs = [line for line in r.stdout.splitlines() if "pip install" in line and "-e" in line]
    assert installs and all("[dev]" not in line and "-e ." in line for line in installs), r.stdout
    assert r.stdout.rstrip().splitlines()[-1].endswith("claimledger demo --port 8001")


def _subcommands(
    parser: argparse.ArgumentParser, path: str = ""
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{path} {name}".strip()
                yield full, sub
                yield from _subcommands(sub, full)


def test_every_subcommand_has_a_description_and_an_example_that_parses() -> None:
    parser = build_parser()
    commands = dict(_subcommands(parser))
    assert {"claims", "check", "serve", "demo", "reference list", "datasette-metadata"} <= set(commands)
    for name, sub in commands.items():
        text = sub.format_help()
        assert sub.description, f"{name}: no description"
        assert " ".join(sub.description.split())[:40] in " ".join(text.split()), name
        examples = (sub.epilog or "").split("example", 1)
        assert len(examples) == 2, f"{name}: no example in --help"
        lines = [ln.strip() for ln in examples[1].splitlines()[1:] if ln.strip().startswith("claimledger ")]
        assert lines, name
        for line in lines:
            argv = shlex.split(line.split(" > ")[0].split(" | ")[0])[1:]
            if "#" in argv:
                argv = argv[: argv.index("#")]
            ns = parser.parse_args(argv)
            assert getattr(ns, "func", None), line


def test_formats_are_consistent(web_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, key in (
        (["claims"], "claims"),
        (["docs"], "documents"),
        (["check", "--no-run", "--all"], "findings"),
        (["reference", "list"], "series"),
    ):
        rc, out, err = _run([*argv, "--db", str(web_db), "--format", "json"], capsys)
        assert rc == 0, err
        records = json.loads(out)[key]
        assert records or key == "series", argv  # the web ledger has no official series
        _rc, out, _ = _run([*argv, "--db", str(web_db), "--format", "jsonl"], capsys)
        assert [json.loads(line) for line in out.splitlines()] == records
        _rc, out, _ = _run([*argv, "--db", str(web_db), "--format", "csv"], capsys)
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == len(records), argv
        assert not records or rows[0].get("id") == str(records[0].get("id")), argv


def test_piped_tables_are_not_folded_and_figures_read_as_words(
    web_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rc, out, _ = _run(["check", "--no-run", "--all", "--db", str(web_db), "--format", "json"], capsys)
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert any(len(m) > 80 for m in messages)
    _rc, out, _ = _run(["check", "--no-run", "--all", "--db", str(web_db)], capsys)
    lines = out.splitlines()
    for m in messages:
        assert any(m in line for line in lines), f"folded: {m}"
    assert "\x1b[" not in out  # no colour codes in a pipe
    _rc, out, _ = _run(["claims", "--db", str(web_db), "--limit", "1000"], capsys)
    assert re.search(r"\d\.\d+ trillion", out), out[:2000]
    assert not re.search(r"\de[+-]\d", out), "a figure in scientific notation"


def test_severities_are_coloured_in_a_terminal(
    web_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    rc, out, _ = _run(["check", "--no-run", "--db", str(web_db)], capsys)
    assert rc == 0
    assert re.search(r"\x1b\[33mwarning", out), out[:3000]  # yellow
    assert not re.search(r"\x1b\[[0-9;]*m(?:official|arithmetic|feasibility)", out)  # only severities


@pytest.mark.slow
def test_demo_prints_a_summary_the_top_findings_then_the_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: list[int] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: served.append(k["port"]))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    db = tmp_path / "demo.db"
    rc, out, err = _run(["demo", "--db", str(db), "--port", str(free)], capsys)
    assert rc == 0 and served == [free], err
    _rc, js, _ = _run(["check", "--no-run", "--db", str(db), "--format", "json"], capsys)
    top = [f["message"] for f in json.loads(js)["findings"]][:5]
    assert len(top) == 5
    lines = out.splitlines()
    assert re.search(r"^\d+ documents, [\d,]+ claims, .*findings: \d+ errors?, ", out, re.M), out
    at = [next(i for i, ln in enumerate(lines) if m in ln) for m in top]
    assert at == sorted(at), "most severe first"
    assert f"claimledger check --no-run --db {db}" in out
    assert lines[-1].startswith("claimledger: serving on http://127.0.0.1:") and str(free) in lines[-1]


def test_each_severity_has_its_colour() -> None:
    from rich.console import Console

    from claimledger.cli._io import severity

    con = Console(file=io.StringIO(), force_terminal=True, color_system="standard")
    for name, code in (("error", "1;31"), ("warning", "33"), ("info", "2")):
        con.print(severity(name))
        assert f"\x1b[{code}m{name}" in con.file.getvalue(), name  # type: ignore[attr-defined]
