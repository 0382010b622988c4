"""Score the ``official`` checker on the real-figure gold (tests/gold/official/).

Each gold text goes through the whole pipeline: ``add_document`` into a fresh ledger that
holds the three WDI files of ``../shared/reference`` (imported with their vintages), then
``run_checks``.  A gold figure is predicted ``inconsistent`` when an ``official`` finding with
that outcome cites the claim whose figure text is the gold ``figure`` in that document (its
text, or its text and counted noun: "270 million people" is the claim "270 million", noun
person).

    python tests/official_eval.py [--shared ../shared] [--show] [--reasons]

``--reasons`` prints, per gold figure, only its id, label, outcome and a reason code (no
text): why no ``inconsistent`` finding came out (``checks.official.REASONS``; ``no_claim``: no
claim's figure is the gold figure or overlaps it; ``other_claim:<code>``: only a claim whose
figure text differs overlaps it), then the counts per code.  It is the blind-safe way to work
on recall: the gold texts are never shown.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

GOLD = Path(__file__).parent / "gold" / "official" / "figures.jsonl"
#: The shared WDI files and how they are imported (see ../shared/reference/README.md).
WDI_FILES = (
    ("wb-gdp-current-usd.csv", {"indicator": "NY.GDP.MKTP.CD", "vintage": "2026-03-20"}),
    ("wb-population.csv", {"indicator": "SP.POP.TOTL", "vintage": "2026-03-06"}),
    ("wb-FP.CPI.TOTL.ZG-wide.csv", {"vintage": "2025-07-01"}),
)


@dataclass
class Score:
    tp: int
    fp: int
    fn: int
    tn: int
    rows: list[tuple[str, str, str, str]]
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def load_gold() -> list[dict[str, object]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(shared: Path, *, reasons: bool = False) -> Score:
    from claimledger.checks import load_findings, run_checks
    from claimledger.ledger import Ledger
    from claimledger.models import Document
    from claimledger.pipeline import add_document
    from claimledger.reference import ImportOptions, import_reference

    gold = load_gold()
    with tempfile.TemporaryDirectory() as tmp, Ledger(str(Path(tmp) / "eval.db")) as ledger:
        for name, opts in WDI_FILES:
            import_reference(ledger.engine, shared / "reference" / name, ImportOptions(**opts))  # type: ignore[arg-type]
        key_of: dict[str, str] = {}
        first: dict[str, str] = {}  # a text stored once: its figures are in the first document
        for g in gold:
            doc = Document(
                text=str(g["text"]),
                id=str(g["id"]),
                title=str(g["title"]),
                source=str(g["source_url"]),
                url=str(g["source_url"]),
                published=str(g["date"]),
            )
            add_document(ledger, doc)
            key_of[str(g["id"])] = first.setdefault(doc.text, doc.id)
        run_checks(ledger.engine)
        found = [f for f in load_findings(ledger.engine) if f["type"] == "official"]
        why = _reasons(ledger.engine, gold, key_of) if reasons else {}
    outcome: dict[tuple[str, str], str] = {}
    for f in found:
        for c in f["claims"]:
            q = c.get("quantity") or {}
            said = str(f["details"].get("outcome"))
            outcome[(str(c["doc"]), str(q.get("text")))] = said
            if q.get("noun"):
                # the figure with its counted noun ("270 million people"): the claim keeps the
                # noun apart from its text
                for noun in _noun_forms(str(q["noun"])):
                    outcome.setdefault((str(c["doc"]), f"{q.get('text')} {noun}"), said)
    tp = fp = fn = tn = 0
    rows = []
    for g in gold:
        got = outcome.get((key_of[str(g["id"])], str(g["figure"])), "none")
        want = g["label"] == "inconsistent"
        said = got == "inconsistent"
        tp += want and said
        fp += said and not want
        fn += want and not said
        tn += not want and not said
        rows.append((str(g["id"]), str(g["figure"]), str(g["label"]), got))
    return Score(tp, fp, fn, tn, rows, why)


def _reasons(engine: object, gold: list[dict[str, object]], key_of: dict[str, str]) -> dict[str, str]:
    """Per gold id, the reason code of the claim whose figure is the gold figure."""
    from claimledger import ledger as lg
    from claimledger.checks.official import OfficialChecker
    from claimledger.checks.run import load_context

    with lg.reading(engine) as conn:  # type: ignore[arg-type]
        ctx = load_context(conn, relink=False)
        checker = OfficialChecker().bind(conn, ctx)
        code = checker.diagnose(ctx)
    by_doc: dict[str, list[object]] = {}
    for rec in ctx.claims:
        by_doc.setdefault(rec.doc, []).append(rec)
    wdi_measure = _wdi_measures()
    out: dict[str, str] = {}
    for g in gold:
        recs = by_doc.get(key_of[str(g["id"])], [])
        fig = str(g["figure"])
        same = [r for r in recs if fig in _texts(r)]
        prefix = ""
        if not same:
            text = str(g["text"])
            at = text.find(fig)
            same = [
                r
                for r in recs
                if r.q_start is not None  # type: ignore[attr-defined]
                and r.q_start < at + len(fig)  # type: ignore[attr-defined]
                and at < (r.q_end or 0)  # type: ignore[attr-defined]
            ]
            prefix = "other_claim:"
        if not same:
            out[str(g["id"])] = "no_claim"
            continue
        d = code.get(same[0].id)  # type: ignore[attr-defined]
        if d is None:
            out[str(g["id"])] = prefix + "?"
            continue
        why = d.code
        r = same[0]
        if why in ("free_measure", "no_measure_words", "unit_mismatch"):
            # what the figure carries, and whether the document's title names the measure
            unit = "currency" if r.unit and len(r.unit) == 3 and r.unit.isupper() else r.unit  # type: ignore[attr-defined]
            why += f"[unit={unit},noun={'yes' if r.noun else 'no'},qual={r.qualifier}"  # type: ignore[attr-defined]
            m = _mentions(wdi_measure.get(str(g["wdi_code"]), ""))
            why += f",title={'yes' if m is not None and m.search(str(g['title'])) else 'no'}]"
        if d.entity:  # a case: does it have the gold's measure, entity and period?
            wrong = [
                name
                for name, bad in (
                    ("measure", wdi_measure.get(str(g["wdi_code"])) not in d.measures),
                    ("entity", d.entity != g["country"]),
                    ("period", d.period != str(g["period"])),
                )
                if bad
            ]
            if wrong:
                why += "/wrong_" + "+".join(wrong)
            if "measure" in wrong:
                why += f"({','.join(d.measures)})"
            if "entity" in wrong:
                why += f"(entity {d.entity})"
            if "period" in wrong:
                why += f"(period {d.period})"
        if prefix:
            q = str(getattr(r, "q_text", ""))
            how = "wider" if fig in q else "narrower" if q in fig else "shifted"
            prefix = f"other_claim({how} by {len(q) - len(fig):+d} chars):"
        out[str(g["id"])] = prefix + why
    return out


def _texts(rec: object) -> set[str]:
    """The texts a claim's figure may be given as: alone, or with its counted noun."""
    text, noun = getattr(rec, "q_text", None), getattr(rec, "noun", None)
    return {str(text)} | ({f"{text} {n}" for n in _noun_forms(noun)} if noun else set())


def _noun_forms(noun: str) -> tuple[str, ...]:
    """A counted noun as a figure's text may write it: "person" -> person, persons, people."""
    plural = "people" if noun == "person" else noun + "s"
    return (noun, plural) + (("persons",) if noun == "person" else ())


def _mentions(measure: str) -> object:
    from claimledger.checks.official import mention_pattern

    return mention_pattern([measure]) if measure else None


def _wdi_measures() -> dict[str, str]:
    from claimledger.resources.taxonomy import measures

    return {str(m["codes"]["wdi"]): m["id"] for m in measures() if (m.get("codes") or {}).get("wdi")}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--show", action="store_true", help="print every figure with its label and outcome")
    ap.add_argument(
        "--reasons", action="store_true", help="per figure: id, label, outcome, reason code (no text)"
    )
    args = ap.parse_args()
    s = evaluate(args.shared, reasons=args.reasons)
    if args.reasons:
        from collections import Counter

        for gid, _fig, label, got in s.rows:
            print(f"{gid}\t{label}\t{got}\t{s.reasons.get(gid, '')}")
        missed = Counter(
            s.reasons[g] for g, _f, label, got in s.rows if label == "inconsistent" and got != label
        )
        wrong = Counter(
            s.reasons[g] for g, _f, label, got in s.rows if label == "consistent" and got != label
        )
        print("missed inconsistent, by reason:", dict(missed.most_common()))
        print("consistent not said consistent, by reason:", dict(wrong.most_common()))
    if args.show:
        for row in s.rows:
            print("\t".join(row))
    counts = f"tp {s.tp} fp {s.fp} fn {s.fn} tn {s.tn}"
    print(f"inconsistent: precision {s.precision:.3f} recall {s.recall:.3f} ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
