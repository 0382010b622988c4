"""The bundled demo corpus: statements written by the claimledger authors.

Each ``*.txt`` file starts with a header of ``key: value`` lines (title, date, source,
speaker, url), then a line ``---``, then the text.  The facts follow public reports; the
wording is our own.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from claimledger.models import Document


def corpus_dir() -> Path:
    return Path(str(resources.files("claimledger.corpus")))


def parse_document(raw: str, name: str) -> Document:
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise ValueError(f"{name}: missing '---' header separator")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip()
    return Document(
        text=body,
        id=name,
        title=meta.get("title"),
        source=meta.get("source"),
        url=meta.get("url"),
        speaker=meta.get("speaker"),
        published=meta.get("date"),
        format="text",
    )


def load_corpus() -> list[Document]:
    """All bundled documents, oldest first."""
    docs = [parse_document(p.read_text(encoding="utf-8"), p.name) for p in sorted(corpus_dir().glob("*.txt"))]
    return sorted(docs, key=lambda d: (d.published or "", d.id))


def reference_slices() -> list[tuple[Path, dict[str, str]]]:
    """The bundled reference statistics (real WDI slices for the corpus countries, credit
    "World Bank, World Development Indicators") and the provenance to import each with, from
    ``reference/sources.toml``."""
    import tomllib

    root = corpus_dir() / "reference"
    table = tomllib.loads((root / "sources.toml").read_text(encoding="utf-8"))
    out = []
    for entry in table["file"]:
        opts = {k: str(v) for k, v in entry.items() if k != "path"}
        out.append((root / entry["path"], opts))
    return out
