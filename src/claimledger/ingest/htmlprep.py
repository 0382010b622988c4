"""HTML before text extraction: one linear pass that drops what no extractor reads, then
the size budget.

Reads: the raw bytes of an HTML page.  Writes: the same page without ``<script>``
(except JSON-LD, which carries publication dates and titles), ``<style>``, ``<svg>``,
``<noscript>`` and comments, all of which trafilatura removes anyway, only later and in a
tree; E015 when what is left is larger than ``IngestOptions.max_html_bytes``.

Why: trafilatura's cost grows faster than the page (a 10 MB page took minutes), while
modern pages are mostly scripts and inline data.  This pass works on bytes with regular
expressions that never look back (each search starts where the last one ended, and no
pattern can run past the next ``<``), so its time and memory are linear in the page.
"""

from __future__ import annotations

import re

from claimledger.errors import InputError
from claimledger.ingest.options import IngestOptions

__all__ = ["prepare_html", "strip_inert"]

# An opening tag of an element whose content is never text, or a comment.  The attributes
# cannot contain "<" or ">", so a search fails at the next "<" instead of scanning on.
_OPEN = re.compile(rb"<(?:!--|(script|style|svg|noscript)(?=[\s/>])([^<>]*)>)", re.IGNORECASE)
_CLOSE = {
    tag: re.compile(rb"</" + tag + rb"(?:[\s/][^<>]*)?>", re.IGNORECASE)
    for tag in (b"script", b"style", b"svg", b"noscript")
}
_COMMENT_END = re.compile(rb"--!?>")
_JSON_LD = re.compile(rb"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)


def strip_inert(html: bytes) -> bytes:
    """``html`` without scripts (JSON-LD kept), styles, SVG, ``<noscript>`` and comments.

    An element left open runs to the end of the page, as in a browser.
    """
    out: list[bytes] = []
    pos = 0
    while (m := _OPEN.search(html, pos)) is not None:
        out.append(html[pos : m.start()])
        tag = m.group(1)
        closer = _COMMENT_END if tag is None else _CLOSE[tag.lower()]
        end = closer.search(html, m.end())
        pos = len(html) if end is None else end.end()
        if tag is not None and tag.lower() == b"script" and _JSON_LD.search(m.group(2)):
            out.append(html[m.start() : pos])  # metadata (dates, titles) for the extractors
    out.append(html[pos:])
    return b"".join(out)


def prepare_html(data: bytes, name: str, opts: IngestOptions) -> bytes:
    """The page with inert parts stripped; E015 if it is still over the HTML budget."""
    cleaned = strip_inert(data)
    if len(cleaned) > opts.max_html_bytes:
        raise InputError(
            "E015",
            f"{len(cleaned)} bytes of HTML (without scripts, styles and comments) exceed the "
            f"{opts.max_html_bytes}-byte budget for a page; raise it with --max-html-mb",
            path=name,
        )
    return cleaned
