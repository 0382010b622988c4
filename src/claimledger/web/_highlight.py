"""Document text with each claim highlighted, as safe HTML.

Reads: a document's text and its claims (dumps of ``_models.ClaimOut``).
Writes: one ``Markup`` string.  The document text is untrusted (it may be scraped HTML
carrying ``<script>`` or ``onerror=`` attributes), so every character of it goes through
``markupsafe.escape``; the only markup in the result is the ``<a>`` elements built here,
whose attribute values are escaped too and whose class names come from a fixed list.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from claimledger.models import KINDS


def claim_span(claim: dict[str, Any], text_len: int) -> tuple[int, int] | None:
    """The span to highlight: the figure when there is one, else the whole sentence (a
    commitment without a number).  Spans outside the text are dropped, never trusted."""
    q = claim.get("quantity")
    if q and q.get("start") is not None and q.get("end") is not None:
        start, end = int(q["start"]), int(q["end"])
    else:
        s = claim["sentence"]
        start, end = int(s["start"]), int(s["end"])
    start, end = max(0, start), min(text_len, end)
    return (start, end) if start < end else None


def kind_class(kind: str) -> str:
    return kind if kind in KINDS else "other"


#: Severities from the worst; a claim's mark takes the worst of its findings.
_SEVERITIES = ("error", "warning", "info")


def finding_mark(claim: dict[str, Any]) -> tuple[str, str]:
    """(class, title) marking a claim that findings cite: ``flag sev-warning`` and
    ``2 findings: <the first one's message>``; empty for a claim no finding cites."""
    found = claim.get("findings") or []
    if not found:
        return "", ""
    sevs = {str(f.get("severity")) for f in found}
    worst = next((s for s in _SEVERITIES if s in sevs), "info")
    n = len(found)
    return f" flag sev-{worst}", f" \u2014 {n} finding{'s' if n != 1 else ''}: {found[0].get('message', '')}"


def highlight(text: str, claims: Sequence[dict[str, Any]]) -> Markup:
    """Split ``text`` at every span boundary and wrap each covered piece in a link to the
    innermost claim covering it (figures sit inside sentence-wide commitments)."""
    spans: list[tuple[int, int, dict[str, Any]]] = []
    for c in claims:
        sp = claim_span(c, len(text))
        if sp:
            spans.append((sp[0], sp[1], c))
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starts: dict[int, list[int]] = {}
    for i, (s, _e, _c) in enumerate(spans):
        starts.setdefault(s, []).append(i)
    active: set[int] = set()
    anchored: set[str] = set()
    out: list[str] = []
    for a, b in pairwise(bounds):
        active.update(starts.get(a, ()))
        active = {i for i in active if spans[i][1] > a}
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        covering = sorted(active, key=lambda i: (spans[i][1] - spans[i][0], spans[i][0]))
        inner = spans[covering[0]][2]
        has_figure = bool(inner.get("quantity") and inner["quantity"].get("start") is not None)
        classes = f"hl k-{kind_class(str(inner['kind']))}" + ("" if has_figure else " hl-sent")
        if inner.get("review_state") == "rejected":
            classes += " rejected"
        flag, why = finding_mark(inner)
        if flag:
            # the wavy underline runs along the claim; the marker sits after its last piece
            classes += flag + (" flag-end" if b == spans[covering[0]][1] else "")
        ids = " ".join(str(spans[i][2]["id"]) for i in covering)
        # The first piece of each claim is its anchor (#claim-ID), which charts link to.
        anchor = ""
        if inner["id"] not in anchored:
            anchored.add(inner["id"])
            anchor = f' id="claim-{escape(inner["id"])}"'
        cid = escape(inner["id"])
        out.append(
            f'<a{anchor} class="{classes}" href="/claims/{cid}" data-claim="{cid}"'
            f' data-claims="{escape(ids)}"'
            f' title="{escape(inner["kind"])}: {escape(inner["subject"])}{escape(why)}">{piece}</a>'
        )
    return Markup("".join(out))
