"""The indicator timeline as a plotly figure spec (plain JSON; plotly.js draws it).

Reads: an indicator's claims (dumps of ``_models.IndicatorClaimOut``).
Writes: ``{"data": [...], "layout": {...}}``.  Building the JSON by hand keeps the heavy
``plotly`` Python package out of the request path; only its bundled ``plotly.min.js`` is
served (locally, see ``_app``).  Every point carries the address of its source sentence
in ``customdata``; ``static/app.js`` opens it on click.
"""

from __future__ import annotations

import re
from typing import Any

#: One trace per kind, drawn so a reader can tell reported facts from promises at a
#: glance: achievements as a solid line, targets as stars, forecasts as open circles.
KIND_STYLE: dict[str, dict[str, Any]] = {
    "achievement": {
        "mode": "lines+markers",
        "marker": {"symbol": "circle", "size": 10, "color": "#1b7f3b"},
        "line": {"color": "#1b7f3b", "width": 2},
    },
    "status": {"mode": "markers", "marker": {"symbol": "square", "size": 10, "color": "#1f5fa8"}},
    "forecast": {
        "mode": "markers",
        "marker": {"symbol": "circle-open", "size": 12, "color": "#b7791f", "line": {"width": 2}},
    },
    # an open star: an actual at the same point shows through it
    "target": {
        "mode": "markers",
        "marker": {"symbol": "star-open", "size": 16, "color": "#8e3bb8", "line": {"width": 2}},
    },
}
#: Drawing order, bottom to top: plotly draws later traces over earlier ones, so reported
#: figures come last and a target or forecast marker never hides an actual.
DRAW_ORDER = ("target", "forecast", "status", "achievement")
#: The path a target requires (from its feasibility finding): a dashed line, no markers.
PATH_STYLE: dict[str, Any] = {"mode": "lines", "line": {"color": "#8e3bb8", "width": 2, "dash": "dot"}}
#: Contradictions: a red line joining the two figures that disagree, with its gap written.
CONTRADICTION_STYLE: dict[str, Any] = {"mode": "lines", "line": {"color": "#b42318", "width": 3}}
#: Points along a required path: one a year (a compound rate curves between the ends).
PATH_STEPS_PER_YEAR = 1

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-\d{2})?(?:/(\d{4})(?:-(\d{2}))?(?:-\d{2})?)?$")
#: Hover text is rendered by plotly's own small HTML subset; angle brackets from the
#: (untrusted) sentence are swapped for look-alikes so no tag can be formed.
_NO_TAGS = str.maketrans({"<": "‹", ">": "›"})
#: Hover quotes are cut at this length; the full sentence is one click away.
HOVER_QUOTE = 160


def period_x(period: str | None) -> tuple[float, float] | None:
    """A period as (x, half-width) on a year axis: "2024" -> 2024, "2024-09" -> 2024.67,
    "2026/2028" -> 2027 +- 1.  None when the period cannot be placed."""
    if not period:
        return None
    m = _PERIOD.match(period)
    if not m:
        return None
    y1, m1, y2, m2 = m.groups()
    a = int(y1) + ((int(m1) - 1) / 12 if m1 else 0.0)
    if not y2:
        return a, 0.0
    b = int(y2) + ((int(m2) - 1) / 12 if m2 else 0.0)
    return (a + b) / 2, abs(b - a) / 2


def point_value(q: dict[str, Any] | None) -> float | None:
    if not q:
        return None
    if q.get("value") is not None:
        return float(q["value"])
    low, high = q.get("low"), q.get("high")
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2
    return float(low) if low is not None else float(high) if high is not None else None


def source_href(claim: dict[str, Any]) -> str:
    return f"/documents/{claim['document_id']}#claim-{claim['id']}"


#: The official series (``official`` findings) is drawn apart from every statement: a grey
#: dashed line without markers, named after its publisher and vintage.
OFFICIAL_STYLE: dict[str, Any] = {"mode": "lines", "line": {"color": "#6b6b6b", "width": 2, "dash": "dash"}}


def figure(
    claims: list[dict[str, Any]],
    official: list[dict[str, Any]] | None = None,
    findings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The figure spec, plus ``charted``/``skipped`` counts for the page to report.
    ``official``: series to overlay (``_insights.official_overlay``); ``findings``: the
    indicator's findings (dumps of ``_models.FindingOut``), whose feasibility paths and
    contradictions are drawn over the figures."""
    traces: dict[tuple[str, str], dict[str, Any]] = {}
    skipped = 0
    units: set[str] = set()
    for c in claims:
        if c.get("review_state") == "rejected":
            skipped += 1
            continue
        q = c.get("quantity")
        y = point_value(q)
        px = period_x(c.get("period"))
        if y is None or px is None:
            skipped += 1
            continue
        unit = (q or {}).get("unit") or (q or {}).get("noun") or ""
        units.add(unit)
        kind = c["kind"] if c["kind"] in KIND_STYLE else "status"
        t = traces.setdefault((kind, unit), _trace(kind, unit))
        t["x"].append(px[0])
        t["y"].append(y)
        t["error_x"]["array"].append(px[1])
        low, high = (q or {}).get("low"), (q or {}).get("high")
        t["error_y"]["array"].append(max(0.0, float(high) - y) if high is not None else 0.0)
        t["error_y"]["arrayminus"].append(max(0.0, y - float(low)) if low is not None else 0.0)
        t["customdata"].append(source_href(c))
        t["text"].append(_hover(c, y, unit))
    data = []
    for (kind, _unit), t in sorted(traces.items(), key=lambda kv: DRAW_ORDER.index(kv[0][0])):
        if kind == "achievement":
            order = sorted(range(len(t["x"])), key=lambda i: t["x"][i])
            for key in ("x", "y", "customdata", "text"):
                t[key] = [t[key][i] for i in order]
            for key in ("error_x", "error_y"):
                for sub in ("array", "arrayminus"):
                    if sub in t[key]:
                        t[key][sub] = [t[key][sub][i] for i in order]
        t["error_x"]["visible"] = any(t["error_x"]["array"])
        t["error_y"]["visible"] = any(t["error_y"]["array"]) or any(t["error_y"]["arrayminus"])
        data.append(t)
    for o in official or []:
        pts = [(px[0], y) for p, y in o["points"] if (px := period_x(p)) is not None]
        data.append(
            {
                "type": "scatter",
                "name": f"official: {o['label']}",
                "x": [x for x, _ in pts],
                "y": [y for _, y in pts],
                "hovertemplate": f"official %{{x}}: %{{y:,.4g}}<br>{o['label']}<extra></extra>".translate(
                    _NO_TAGS
                ),
                **OFFICIAL_STYLE,
            }
        )
    marks, annotations = _finding_marks(findings or [])
    # under the figures: the marks explain the points, they must not cover them
    data = marks + data
    y_title = ", ".join(sorted(u for u in units if u)) or "value"
    layout = {
        "annotations": annotations,
        "margin": {"l": 70, "r": 20, "t": 10, "b": 40},
        "height": 380,
        "hovermode": "closest",
        "xaxis": {"title": {"text": "period"}, "tickformat": "d", "dtick": 1, "zeroline": False},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "separatethousands": True},
        "legend": {"orientation": "h", "y": -0.18},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "font": {"family": "system-ui, sans-serif", "size": 13},
    }
    charted = sum(len(t["x"]) for t in data if t.get("meta") == "claims")
    return {
        "data": data,
        "layout": layout,
        "charted": charted,
        "skipped": skipped,
        "official": official or [],
    }


def _trace(kind: str, unit: str) -> dict[str, Any]:
    style = KIND_STYLE[kind]
    return {
        "type": "scatter",
        "meta": "claims",
        "name": f"{kind} ({unit})" if unit else kind,
        "x": [],
        "y": [],
        "customdata": [],
        "text": [],
        "hovertemplate": "%{text}<extra></extra>",
        "error_x": {"type": "data", "array": [], "thickness": 1.5, "width": 0},
        "error_y": {"type": "data", "symmetric": False, "array": [], "arrayminus": [], "thickness": 1.5},
        **{k: v for k, v in style.items()},
    }


def _point(c: dict[str, Any]) -> tuple[float, float] | None:
    """Where a finding's claim sits on the chart, or None when it has no figure or period."""
    y, px = point_value(c.get("quantity")), period_x(c.get("period"))
    return None if y is None or px is None else (px[0], y)


def _finding_marks(findings: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Traces and annotations for the findings drawn on the chart: the path each
    feasibility finding's target requires (a compound rate from the base to the target),
    and a line joining the two figures of each contradiction, with its gap."""
    traces: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    cx: list[float | None] = []
    cy: list[float | None] = []
    for f in findings:
        roles = {c.get("role"): c for c in f.get("claims", [])}
        if f.get("type") == "feasibility" and "target" in roles and "base" in roles:
            a, b = _point(roles["base"]), _point(roles["target"])
            if a is None or b is None or a[1] <= 0 or b[0] <= a[0]:
                continue
            steps = max(1, round((b[0] - a[0]) * PATH_STEPS_PER_YEAR))
            xs = [a[0] + (b[0] - a[0]) * i / steps for i in range(steps + 1)]
            ys = [a[1] * (b[1] / a[1]) ** (i / steps) for i in range(steps + 1)]
            rate = f.get("details", {}).get("required_annual_growth")
            words = f" ({rate * 100:.1f}% a year)" if isinstance(rate, int | float) else ""
            traces.append(
                {
                    "type": "scatter",
                    "name": f"path the target needs{words}",
                    "x": xs,
                    "y": ys,
                    "hoverinfo": "skip",
                    **PATH_STYLE,
                }
            )
        elif f.get("type") == "contradiction":
            pts = [p for c in f.get("claims", []) if (p := _point(c)) is not None][:2]
            if len(pts) < 2:
                continue
            cx += [pts[0][0], pts[1][0], None]
            cy += [pts[0][1], pts[1][1], None]
            gap = f.get("details", {}).get("relative_gap")
            text = (
                f"contradiction: {gap * 100:.1f}% apart" if isinstance(gap, int | float) else "contradiction"
            )
            annotations.append(
                {
                    "x": max(pts[0][0], pts[1][0]),
                    "y": max(pts[0][1], pts[1][1]),
                    "text": text,
                    "showarrow": True,
                    "arrowhead": 0,
                    "ax": 40,
                    "ay": -24,
                    "font": {"color": "#b42318", "size": 12},
                }
            )
    if cx:
        traces.append(
            {
                "type": "scatter",
                "name": "contradiction",
                "x": cx,
                "y": cy,
                "hoverinfo": "skip",
                **CONTRADICTION_STYLE,
            }
        )
    return traces, annotations


def _hover(c: dict[str, Any], y: float, unit: str) -> str:
    quote = c["sentence"]["text"]
    if len(quote) > HOVER_QUOTE:
        quote = quote[: HOVER_QUOTE - 1] + "…"
    title = c.get("document_title") or c.get("doc") or ""
    lines = [
        f"<b>{c['kind']}</b> {c.get('period') or ''}: {_fmt(y)} {unit}".translate(_NO_TAGS),
        f"{title} ({c.get('published') or 'undated'})".translate(_NO_TAGS),
        quote.translate(_NO_TAGS),
        "click to open the source sentence",
    ]
    # The first line's <b> is ours; re-insert it after the translation disarmed it.
    lines[0] = lines[0].replace("‹b›", "<b>").replace("‹/b›", "</b>")
    return "<br>".join(lines)


def _fmt(v: float) -> str:
    if abs(v) >= 1e12:
        return f"{v / 1e12:,.3g} trillion"
    if abs(v) >= 1e9:
        return f"{v / 1e9:,.3g} billion"
    if abs(v) >= 1e6:
        return f"{v / 1e6:,.3g} million"
    return f"{v:,.6g}"
