"""Ingest readers, sniffing and sources (no ledger, no extraction)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.ingest import IngestOptions, Source, expand, load, sniff
from claimledger.ingest.metadata import date_in_name, split_header
from claimledger.ingest.readers import markdown_to_text
from claimledger.ingest.sources import safe_member_name
from claimledger.models import Document

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from docgen import make_docx, make_html, make_pdf, make_zip

PARAS = ["The economy grew by 5.1% in 2023.", "Exports reached $78 billion last year."]


def _load(data: bytes, name: str = "doc", opts: IngestOptions | None = None) -> list[Document | InputError]:
    return list(load(Source(name, "bytes", data), opts or IngestOptions()))


def _one(data: bytes, name: str = "doc", opts: IngestOptions | None = None) -> Document:
    (item,) = _load(data, name, opts)
    assert isinstance(item, Document), item
    return item


def _error(data: bytes, name: str = "doc", opts: IngestOptions | None = None) -> InputError:
    (item,) = _load(data, name, opts)
    assert isinstance(item, InputError), item
    return item


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (make_pdf(PARAS), "report.txt", "pdf"),  # content wins over a misleading name
        (make_docx(PARAS), "statement.bin", "docx"),
        (make_html(PARAS), "page", "html"),
        (b"# Title\n\nSome **bold** text and a [link](http://x.org).\n", "notes", "markdown"),
        (b"Plain prose with 5% and * a star.", "notes.md", "markdown"),  # name breaks a tie
        (b"Plain prose with 5% and # a hash.", "notes", "text"),
        (make_zip({"a.txt": b"x"}), "bundle", "zip"),
    ],
)
def test_sniff_by_content(data: bytes, name: str, fmt: str) -> None:
    assert sniff(data, name) == fmt


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "E011"), (b"abc\x00def", "E001"), (b"PK\x03\x04garbage", "E013")],
)
def test_sniff_refuses_non_documents(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as err:
        sniff(data, "x")
    assert err.value.code == code


def test_pdf_reader_text_title_and_date() -> None:
    doc = _one(make_pdf(PARAS, title="Budget speech", created="2024-01-08"), "speech.pdf")
    assert doc.format == "pdf" and doc.title == "Budget speech" and doc.published == "2024-01-08"
    assert all(p in doc.text for p in PARAS)


def test_docx_reader_paragraphs_and_table_rows() -> None:
    doc = _one(make_docx(PARAS, title="Plan", table=[["Schools", "217"], ["Pupils", "460,000"]]), "p.docx")
    assert doc.format == "docx" and doc.title == "Plan"
    assert all(p in doc.text for p in PARAS)
    assert "Schools | 217" in doc.text  # a row stays on one line, label next to figure


def test_html_reader_main_text_and_date() -> None:
    body = [*PARAS, "The ministry said the harvest reached nearly 27 million tons this season."]
    doc = _one(make_html(body, title="Results of the year", date="2025-01-10"), "page.html")
    assert doc.format == "html" and doc.published == "2025-01-10"
    assert all(p in doc.text for p in body)
    assert "Copyright" not in doc.text and "Home" not in doc.text  # boilerplate removed


def test_date_override_skips_htmldate() -> None:
    doc = _one(make_html(PARAS * 3, date="2025-01-10"), "p.html", IngestOptions(date="2020-05-05"))
    assert doc.published == "2020-05-05"


def test_markdown_is_stripped_to_text() -> None:
    md = "# Plans for **2025**\n\nWe will build *217 schools* by [2026](http://x.org/a).\n\n- item one\n> q\n"
    text, title = markdown_to_text(md)
    assert title == "Plans for 2025"
    assert "We will build 217 schools by 2026." in text
    assert "item one" in text and "q" in text
    assert not any(ch in text for ch in "*[]#>")


def test_text_header_fills_metadata_and_is_not_in_text() -> None:
    raw = b"title: Annual address\ndate: 2024-01-08\nsource: Wire\nspeaker: President\n---\nGDP grew 5%."
    doc = _one(raw, "a.txt")
    assert (doc.title, doc.published, doc.source, doc.speaker) == (
        "Annual address",
        "2024-01-08",
        "Wire",
        "President",
    )
    assert doc.text == "GDP grew 5%."


def test_prose_with_a_rule_is_not_a_header() -> None:
    text = "We met twice: once in May.\n---\nThen again."
    assert split_header(text) == ({}, text)


def test_overrides_and_date_in_name() -> None:
    opts = IngestOptions(source="Gazette", speaker="Minister")
    doc = _one(b"Exports rose 12%.", "archive/2023-11-05-speech.txt", opts)
    assert (doc.source, doc.speaker, doc.published, doc.id) == (
        "Gazette",
        "Minister",
        "2023-11-05",
        "archive/2023-11-05-speech.txt",
    )
    assert date_in_name("v1.2.3-notes.txt") is None


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E003"),
        (b"\xff\xfe\x00", "E002"),  # truncated UTF-16
        (b"caf\xe9 au lait", "E002"),
        (b"%PDF-1.4\n1 0 obj garbage", "E013"),
        (make_pdf([]), "E012"),  # a PDF without a text layer
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "E012"),
    ],
)
def test_bad_documents_get_codes(data: bytes, code: str) -> None:
    assert _error(data, "bad").code == code


def test_utf16_with_bom_is_read() -> None:
    assert _one("Growth of 4% in 2024.".encode("utf-16"), "u16.txt").text == "Growth of 4% in 2024."


def test_expand_dirs_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for p in ["a.txt", "b/c.md", "b/d.txt", ".hidden.txt", ".git/config"]:
        (tmp_path / p).write_text("x")
    names = [s.name for s in expand([str(tmp_path)], IngestOptions()) if isinstance(s, Source)]
    assert [os.path.relpath(n, tmp_path) for n in names] == ["a.txt", "b/c.md", "b/d.txt"]
    globbed = [
        s.name for s in expand([str(tmp_path / "**" / "*.txt")], IngestOptions()) if isinstance(s, Source)
    ]
    assert sorted(os.path.relpath(n, tmp_path) for n in globbed) == ["a.txt", "b/d.txt"]
    (missing,) = list(expand([str(tmp_path / "nothing*.pdf")], IngestOptions()))
    assert isinstance(missing, InputError) and missing.code == "E010"
    (nofile,) = list(expand([str(tmp_path / "absent.txt")], IngestOptions()))
    assert isinstance(nofile, Source)
    (err,) = list(load(nofile, IngestOptions()))
    assert isinstance(err, InputError) and err.code == "E010"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Spending of 23.9 trillion tenge."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    (src,) = list(expand(["-"], IngestOptions()))
    assert isinstance(src, Source) and src.data == b"Spending of 23.9 trillion tenge."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 101), encoding="utf-8"))
    (err,) = list(expand(["-"], IngestOptions(max_bytes=100)))
    assert isinstance(err, InputError) and err.code == "E015"


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: 100 GB on paper, nothing on disk
        fh.truncate(100 << 30)
    (err,) = list(load(Source(str(big), "file"), IngestOptions()))
    assert isinstance(err, InputError) and err.code == "E015"


def test_archive_members_traversal_and_bombs_are_refused() -> None:
    archive = make_zip({
        "ok/one.txt": b"Exports rose 12%.",
        "../../etc/evil.txt": b"Growth of 3%.",
        "/abs.txt": b"Growth of 4%.",
        "big.txt": b"a" * 5000,
        ".DS_Store": b"junk",
    })  # fmt: skip
    items = _load(archive, "bundle.zip", IngestOptions(max_bytes=4096 * 4))
    docs = [i for i in items if isinstance(i, Document)]
    errs = {i.path: i.code for i in items if isinstance(i, InputError)}
    assert [d.id for d in docs] == ["bundle.zip!ok/one.txt", "bundle.zip!big.txt"]
    assert errs == {"bundle.zip!../../etc/evil.txt": "E015", "bundle.zip!/abs.txt": "E015"}
    small = _load(make_zip({"big.txt": b"a" * 5000}), "z.zip", IngestOptions(max_bytes=1000))
    assert [(i.code if isinstance(i, InputError) else None) for i in small] == ["E015"]


@pytest.mark.parametrize(
    ("name", "safe"),
    [("a/b.txt", True), ("../x", False), ("a/../../x", False), ("/etc/passwd", False), ("C:\\x", False),
     ("a\\..\\..\\x", False), ("a..b.txt", True)],
)  # fmt: skip
def test_safe_member_name(name: str, safe: bool) -> None:
    assert safe_member_name(name) is safe
