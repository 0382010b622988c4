"""Exports for newsrooms (issue 13): ClaimReview JSON-LD per rated sentence, validated with
a JSON-LD processor against the schema.org vocabulary; CSV and JSON lines with the
document, indicator, frame, findings, verdict and dashboard link, loaded by pandas."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import _schemaorg
from claimledger import review
from claimledger.errors import LedgerError
from claimledger.ledger import Ledger
from claimledger.ledger.export import CSV_COLUMNS, ExportOptions, speaker_type

BASE = "https://factcheck.example.org"
OPTS = ExportOptions(base_url=BASE, publisher="Example Fact Desk", publisher_url="https://example.org")


@pytest.fixture
def ledger(web_db: Path) -> Iterator[Ledger]:
    with Ledger(str(web_db)) as led:
        yield led


def sentence_groups(led: Ledger, *, at_least: int = 1) -> list[list[str]]:
    """Claim ids by claimed sentence (document order), sentences with ``at_least`` claims."""
    sql = "SELECT document_id, sent_start, id FROM claims ORDER BY document_id, seq"
    groups: dict[tuple[int, int], list[str]] = {}
    with led.engine.connect() as conn:
        for d, s, i in conn.execute(text(sql)):
            groups.setdefault((d, s), []).append(i)
    return [g for g in groups.values() if len(g) >= at_least]


def claimreview(led: Ledger, opts: ExportOptions = OPTS) -> list[dict[str, Any]]:
    out = io.StringIO()
    n = led.export("claimreview", out, options=opts)
    reviews: list[dict[str, Any]] = json.loads(out.getvalue())
    assert n == len(reviews)
    return reviews


def claim_of(review: dict[str, Any]) -> str:
    """The rated claim's id: the last segment of the review's url (its page)."""
    url: str = review["url"]
    assert url.startswith(BASE + "/claims/")
    return url.rsplit("/", 1)[1]


def test_only_rated_sentences_are_published_one_review_per_sentence(ledger: Ledger) -> None:
    assert claimreview(ledger) == []  # nobody has rated anything: nothing to publish
    multi = sentence_groups(ledger, at_least=2)[0]
    single = sentence_groups(ledger)[-1]
    review.rate_claim(ledger.engine, multi[0], "Accurate", ruling="Matches the budget law.", reviewer="ana")
    review.rate_claim(ledger.engine, multi[1], "Misleading", ruling="Leaves out inflation.", reviewer="bo")
    review.rate_claim(
        ledger.engine, single[0], "inaccurate", ruling="The law says otherwise.", reviewer="ana"
    )
    reviews = claimreview(ledger)
    assert len(reviews) == 2  # two sentences rated (three figures)
    by_id = {claim_of(r): r for r in reviews}
    first = by_id[multi[1]]  # the sentence's newest verdict
    assert first["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Misleading",
        "ratingValue": 3,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert first["reviewBody"] == "Leaves out inflation."
    assert first["url"] == f"{BASE}/claims/{multi[1]}"
    assert by_id[single[0]]["reviewRating"]["alternateName"] == "Inaccurate"


def test_rejected_claims_are_never_exported(ledger: Ledger) -> None:
    cid = sentence_groups(ledger)[0][0]
    review.rate_claim(ledger.engine, cid, "Accurate", ruling="Right.", reviewer="ana")
    assert len(claimreview(ledger)) == 1
    review.reject_claim(ledger.engine, cid, reviewer="ana", note="not a claim")
    assert claimreview(ledger) == []
    drafts = claimreview(ledger, ExportOptions(base_url=BASE, publisher="Desk", include_unrated=True))
    assert cid not in {claim_of(r) for r in drafts}
    assert drafts and all("reviewRating" not in r for r in drafts)
    with pytest.raises(LedgerError) as err:
        review.rate_claim(ledger.engine, cid, "Accurate", ruling="Right.", reviewer="ana")
    assert err.value.code == "E062"


def test_claimreview_is_valid_schema_org_and_has_what_google_requires(ledger: Ledger) -> None:
    ids = [g[0] for g in sentence_groups(ledger)]
    labels = ["Accurate", "Mostly accurate", "Misleading", "Unsupported", "Inaccurate"]
    for cid, label in zip(ids, labels * 20, strict=False):
        review.rate_claim(ledger.engine, cid, label, ruling=f"Ruling on {cid}.", reviewer="ana")
    reviews = claimreview(ledger)
    assert len(reviews) == len(ids)
    assert _schemaorg.problems(reviews) == []
    docs = {d.id: d.speaker for d in ledger.documents()}
    speakers = {r.id: docs[r.document_id] for r in ledger.iter_claims()}
    assert any(speakers.values()) and not all(speakers.values())  # both cases are seen
    # Google's ClaimReview fields, read from the processor's triples, not from key names.
    triples = _schemaorg.to_triples(reviews)
    sdo, rdf_type = _schemaorg.SDO, _schemaorg.RDF_TYPE
    nodes: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for t in triples:
        nodes.setdefault(t["subject"]["value"], {}).setdefault(t["predicate"]["value"], []).append(
            t["object"]
        )

    def one(node: str, prop: str) -> dict[str, Any]:
        vals = nodes[node].get(sdo + prop, [])
        assert len(vals) == 1, (node, prop, vals)
        return vals[0]

    def typed(node: str) -> set[str]:
        return {o["value"] for o in nodes[node].get(rdf_type, [])}

    found = [n for n in nodes if sdo + "ClaimReview" in typed(n)]
    assert len(found) == len(ids)
    for n in found:
        assert one(n, "claimReviewed")["value"]
        assert one(n, "url")["type"] == "IRI" and one(n, "url")["value"].startswith(BASE + "/claims/")
        assert one(n, "datePublished")["value"][:4].isdigit()
        author = one(n, "author")["value"]
        assert typed(author) == {sdo + "Organization"} and one(author, "name")["value"] == "Example Fact Desk"
        rating = one(n, "reviewRating")["value"]
        assert one(rating, "alternateName")["value"] in labels
        assert 1 <= int(one(rating, "ratingValue")["value"]) <= 5
        item = one(n, "itemReviewed")["value"]
        assert typed(item) == {sdo + "Claim"}
        speaker = speakers[one(n, "url")["value"].rsplit("/", 1)[1]]
        claimant = nodes[item].get(sdo + "author", [])
        assert len(claimant) == (1 if speaker else 0)  # no speaker: no claimant is made up
        if speaker:
            assert typed(claimant[0]["value"]) <= {sdo + "Person", sdo + "Organization"}
            assert one(claimant[0]["value"], "name")["value"] == speaker
        assert typed(one(item, "appearance")["value"]) == {sdo + "CreativeWork"}


def test_the_validator_catches_what_is_not_schema_org(ledger: Ledger) -> None:
    # The check above must be able to fail: a misspelt property, a wrong type, a rating as text.
    cid = sentence_groups(ledger)[0][0]
    review.rate_claim(ledger.engine, cid, "Accurate", ruling="Right.", reviewer="ana")
    (good,) = claimreview(ledger)
    bad = {**good, "claimReview": good["claimReviewed"], "reviewRating": "Accurate"}
    bad["itemReviewed"] = {**good["itemReviewed"], "@type": "Statement"}
    found = "\n".join(_schemaorg.problems([bad]))
    assert "claimReview is not a schema.org property" in found
    assert "Statement is not a schema.org type" in found
    assert "reviewRating needs a node" in found


@pytest.mark.parametrize(
    "opts",
    [
        ExportOptions(base_url=BASE),  # no publisher
        ExportOptions(base_url=BASE, publisher="  "),
        ExportOptions(publisher="Desk"),  # no base URL
        ExportOptions(base_url="factcheck.example.org", publisher="Desk"),  # not absolute
        ExportOptions(base_url=BASE, publisher="Desk", publisher_url="javascript:alert(1)"),
    ],
)
def test_claimreview_needs_a_publisher_and_an_absolute_base_url(ledger: Ledger, opts: ExportOptions) -> None:
    out = io.StringIO()
    with pytest.raises(LedgerError) as err:
        ledger.export("claimreview", out, options=opts)
    assert err.value.code == "E063" and out.getvalue() == ""  # nothing half-written


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("President of Kazakhstan", "Person"),
        ("Cabinet Secretary for the National Treasury, Kenya", "Person"),
        ("Ministry of Regional Development and Infrastructure of Georgia", "Organization"),
        ("Demo news desk", "Organization"),
        ("Olzhas Bektenov", "Person"),
        ("National Bank of Kazakhstan", "Organization"),
    ],
)
def test_the_speaker_is_a_person_or_an_organisation(speaker: str, kind: str) -> None:
    assert speaker_type(speaker) == kind


def test_csv_carries_document_indicator_frame_findings_rating_and_link(ledger: Ledger) -> None:
    pd = pytest.importorskip("pandas")
    cid = sentence_groups(ledger)[0][0]
    review.rate_claim(ledger.engine, cid, "Mostly accurate", ruling="Close.", reviewer="ana")
    out = io.StringIO()
    n = ledger.export("csv", out, options=ExportOptions(base_url=BASE + "/"))
    df = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(df.columns) == list(CSV_COLUMNS) and len(df) == n
    for col in ("value", "low", "high", "q_start", "q_end", "indicator_id", "rating_value"):
        assert pd.api.types.is_numeric_dtype(df[col]), (col, df[col].dtype)
    for col in ("sentence_start", "sentence_end"):
        assert pd.api.types.is_integer_dtype(df[col]), (col, df[col].dtype)
    for col in ("doc", "id", "sentence", "document_title", "speaker", "url", "indicator", "measure", "link"):
        assert not pd.api.types.is_numeric_dtype(df[col]), col
    assert pd.to_datetime(df["published"], format="%Y-%m-%d").notna().all()
    row = df[df["id"] == cid].iloc[0]
    assert row["rating"] == "Mostly accurate" and row["rating_value"] == 4
    assert row["link"] == f"{BASE}/claims/{cid}"
    with ledger.engine.connect() as conn:
        cited = dict(conn.execute(text("SELECT claim_id, finding_id FROM finding_claims")).all())
        linked = dict(
            conn.execute(
                text(
                    "SELECT ic.claim_id, i.name FROM indicator_claims ic "
                    "JOIN indicators i ON i.id = ic.indicator_id"
                )
            ).all()
        )
    assert cited and linked
    some = next(iter(cited))
    assert cited[some] in str(df[df["id"] == some].iloc[0]["finding_ids"]).split("; ")
    one = next(iter(linked))
    assert df[df["id"] == one].iloc[0]["indicator"] == linked[one]
    assert df["measure"].notna().any() and df["status"].notna().any()
    speakers = {d.doc_key: d.speaker for d in ledger.documents()}
    assert all(
        (sp if isinstance(sp, str) else None) == speakers[doc]
        for doc, sp in zip(df["doc"], df["speaker"], strict=True)
    )


def test_jsonl_carries_the_same_and_pandas_reads_it(ledger: Ledger) -> None:
    pd = pytest.importorskip("pandas")
    out = io.StringIO()
    n = ledger.export("jsonl", out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(lines) == n
    first = lines[0]
    assert set(first["document"]) == {"title", "speaker", "source", "url"}
    assert first["link"] == f"/claims/{first['id']}"  # no base URL: a link relative to the dashboard
    assert {"measure", "entity", "basis", "status", "attribution", "finding_ids", "indicator"} <= set(first)
    df = pd.read_json(io.StringIO(out.getvalue()), lines=True)
    assert len(df) == n and list(df["id"]) == [x["id"] for x in lines]
    flat = pd.json_normalize(lines)
    assert pd.api.types.is_integer_dtype(flat["sentence.start"]) and flat["document.title"].notna().all()
