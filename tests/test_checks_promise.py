"""Promise checker: statuses from later evidence, never guessed; reviewer overrides win."""

from __future__ import annotations

import dataclasses
from datetime import date as Date

import pytest

from _checkhelp import doc, rec
from claimledger.checks import context_from_records, run_context
from claimledger.checks.base import fine_period
from claimledger.checks.promise import PromiseChecker, _verdict, moved_to

NOW = Date(2026, 11, 23)
GAMES = "In September, Astana will host the 5th World Nomad Games."
HELD = "The 5th World Nomad Games were held in Astana in September."


def _run(recs: list, docs: dict, now: Date = NOW, overrides: dict | None = None) -> list:
    return run_context(context_from_records(recs, docs, now, overrides), [PromiseChecker()])


def _docs(later_text: str = HELD) -> dict:
    return {
        "a": doc("a", "2024-01-08", "Plans", text=GAMES),
        "b": doc("b", "2025-01-27", "Results", text=later_text),
    }


def _plan_docs(plan: str, planned: str, later: str, reported: str, title: str = "News") -> dict:
    """The plan (document "a", published ``planned``) and one later text (document "b")."""
    return {"a": doc("a", planned, "Plan", text=plan), "b": doc("b", reported, title, text=later)}


def _word_status(
    plan: str, later: str, *, subject: str, period: str, planned: str, reported: str, now: Date = NOW
) -> str:
    """The status of a commitment in words (``plan``, no figure) given one later text."""
    t = rec("a", plan, None, None, kind="target", subject=subject, period=period, published=planned)
    [f] = _run([t], _plan_docs(plan, planned, later, reported), now=now)
    return str(f.details["status"])


def _games() -> object:
    return rec("a", GAMES, None, None, kind="target", subject="astana will host", period="2024-09")


def test_non_numeric_promise_kept_from_later_text() -> None:
    [f] = _run([_games()], _docs())
    assert f.details["status"] == "kept" and f.details["evidence"][0]["doc"] == "b"
    assert "Results" in f.message and "World Nomad Games were held" in f.message


@pytest.mark.parametrize(
    ("later", "status"),
    [
        # moved once the September 2024 deadline had passed: missed (a move announced before
        # the deadline is a revision, and the status follows the new one)
        ("The 5th World Nomad Games were postponed to 2026.", "not_kept"),
        ("The 5th World Nomad Games were postponed indefinitely.", "not_kept"),
        ("The central bank kept its rate at 10%.", "due"),
    ],
)
def test_non_numeric_promise_statuses(later: str, status: str) -> None:
    [f] = _run([_games()], _docs(later))
    assert f.details["status"] == status


def test_not_due_before_deadline_and_no_deadline() -> None:
    t = _games()
    [f] = _run([t], _docs("Nothing related."), now=Date(2024, 3, 1))
    assert f.details["status"] == "not_due"
    open_ended = rec(
        "a", "The country will chair several organisations.", None, None, kind="target", subject="chair"
    )
    [g] = _run([open_ended], _docs("Nothing related."))
    assert g.details["status"] == "not_due" and g.details["deadline"] is None


def _numeric(value_after: float, period_after: str = "2025") -> list:
    t = rec(
        "a",
        "Azerbaijan will commission 1,000 MW of solar capacity by 2025.",
        "1,000 MW",
        1000,
        kind="target",
        period_role="deadline",  # "by <year>"
        subject="solar capacity",
        period="2025",
        unit="MW",
        published="2023-03-01",
    )
    e = rec(
        "b",
        "Solar capacity of 230 MW was commissioned in 2025.",
        "230 MW",
        value_after,
        kind="achievement",
        subject="solar capacity",
        period=period_after,
        unit="MW",
        published="2026-02-10",
    )
    return [t, e]


@pytest.mark.parametrize(
    ("value", "now", "status"),
    [
        (230, NOW, "not_kept"),
        (800, NOW, "partly_kept"),
        (990, NOW, "kept"),
        (1200, NOW, "kept"),
    ],
)
def test_numeric_statuses(value: float, now: Date, status: str) -> None:
    docs = {"a": doc("a", "2023-03-01", "Plan"), "b": doc("b", "2026-02-10", "Results")}
    found = _run(_numeric(value), docs, now)
    [f] = [f for f in found if f.details["roles"].get(found[0].claim_ids[0]) == "target"]
    assert f.details["status"] == status and len(f.claim_ids) == 2


def test_numeric_progress_before_deadline_is_in_progress() -> None:
    recs = _numeric(400, period_after="2024")
    docs = {"a": doc("a", "2023-03-01", "Plan"), "b": doc("b", "2025-02-10", "Results")}
    recs[1] = rec(
        "b",
        recs[1].sentence,
        "230 MW",
        400,
        kind="achievement",
        subject="solar capacity",
        period="2024",
        unit="MW",
        published="2025-02-10",
    )
    [f] = _run(recs, docs, now=Date(2025, 3, 1))
    assert f.details["status"] == "in_progress"


def test_reviewer_status_wins() -> None:
    t = _games()
    [f] = _run([t], _docs("Nothing related."), overrides={t.id: {"status": "kept", "reviewer": "ann"}})
    assert f.details["status"] == "kept" and f.details["machine_status"] == "due"


def test_promise_id_depends_on_target_only() -> None:
    t = _games()
    [a] = _run([t], _docs("Nothing related."))
    [b] = _run([t], _docs())
    assert a.id == b.id and a.details["status"] != b.details["status"]


@pytest.mark.parametrize(
    # thresholds (docs/checks.md): kept within 3%, partly kept from 60% of the target
    ("outcome", "status"),
    [
        (3.4e12, "kept"),
        (3.6e12, "kept"),
        (3.7e12, "partly_kept"),
        (5.5e12, "partly_kept"),
        (6e12, "not_kept"),
    ],
)
def test_lower_is_better_for_a_deficit(outcome: float, status: str) -> None:
    t = rec(
        "a",
        "The deficit is planned at over 3.5 trillion tenge in 2024.",
        "over 3.5 trillion tenge",
        3.5e12,
        kind="target",
        subject="deficit",
        period="2024",
        unit="KZT",
        qualifier="at_least",
        published="2024-01-08",
    )
    e = rec(
        "b",
        "The deficit reached 3.7 trillion tenge in 2024.",
        "3.7 trillion tenge",
        outcome,
        kind="achievement",
        subject="deficit",
        period="2024",
        unit="KZT",
        published="2025-02-20",
    )
    docs = {"a": doc("a", "2024-01-08", "Plan"), "b": doc("b", "2025-02-20", "Review")}
    found = {f.claim_ids[0]: f for f in _run([t, e], docs)}
    assert found[t.id].details["status"] == status


# --- second shift: counted evidence is compared as numbers; parts of totals ---

HOSPITALS = "The government will complete 111 district hospitals by the end of 2025."


def _hospital_target() -> object:
    return rec(
        "a",
        HOSPITALS,
        "111",
        111,
        kind="target",
        subject="district hospitals",
        period="2025",
        noun="hospital",
        published="2024-02-01",
    )


def _later(
    sentence: str,
    figures: list[tuple[str, float, str | None, str]],
    published: str = "2026-01-15",
    period: str | None = "2025-12",
) -> list:
    return [
        rec("b", sentence, t, v, kind=kind, subject="", noun=noun, period=period, published=published)
        for t, v, noun, kind in figures
    ]


def test_part_of_the_promised_total_is_not_kept() -> None:
    """Regression: 'Only 45 of the 111 hospitals had been completed' was read as 111 built: kept."""
    s = "Only 45 of the 111 district hospitals had been completed by December, the health ministry said."
    later = _later(s, [("45", 45, None, "achievement"), ("111", 111, "hospital", "achievement")])
    docs = _plan_docs(HOSPITALS, "2024-02-01", s, "2026-01-15", "Review")
    [f] = [f for f in _run([_hospital_target(), *later], docs) if f.claim_ids[0] != later[1].id]
    assert f.details["status"] == "not_kept" and f.details["evidence_value"] == 45


@pytest.mark.parametrize(
    # 62 of 111 is 56%: under the 60% of "partly kept" once the deadline has passed
    ("now", "status"),
    [(Date(2025, 3, 1), "in_progress"), (Date(2026, 3, 1), "not_kept")],
)
def test_n_of_the_m_planned_in_operation_is_progress(now: Date, status: str) -> None:
    s = "So far 62 of the 111 planned district hospitals are already in operation."
    later = _later(
        s,
        [("62", 62, None, "target"), ("111", 111, "hospital", "target")],
        published="2025-01-15",
        period=None,
    )
    docs = _plan_docs(HOSPITALS, "2024-02-01", s, "2025-01-15", "Review")
    t = _hospital_target()
    [f] = [f for f in _run([t, *later], docs, now=now) if f.claim_ids[0] == t.id]
    assert f.details["status"] == status and f.details["evidence_value"] == 62


def test_word_matched_commitment_with_a_count_is_judged_on_the_count() -> None:
    plan = "The ministry promised to finish all 40 new border posts along the Danube by 2025."
    t = rec("a", plan, None, None, kind="target", subject="finish", period="2025", published="2024-02-01")
    n = rec(
        "a",
        plan,
        "40",
        40,
        kind="target",
        subject="border posts",
        noun="post",
        period="2025",
        published="2024-02-01",
    )
    s = "Only 25 new border posts along the Danube were completed in 2025, the ministry said."
    e = rec(
        "b",
        s,
        "25",
        25,
        kind="achievement",
        subject="",
        noun="post",
        period="2025",
        published="2026-02-01",
        sent_start=0,
    )
    docs = _plan_docs(plan, "2024-02-01", s, "2026-02-01", "Review")
    found = {f.claim_ids[0]: f for f in _run([t, n, e], docs)}
    assert found[t.id].details["status"] == "partly_kept"  # 25 of 40 (62%) after the deadline, never "kept"
    assert found[t.id].details["evidence_value"] == 25


def test_target_without_a_period_measured_against_an_outcome_takes_its_period() -> None:
    s = "The budget deficit in 2024 amounted to 3.3% of GDP, compared with a target of 4%."
    a = rec(
        "m",
        s,
        "3.3%",
        3.3,
        kind="achievement",
        subject="budget deficit",
        period="2024",
        unit="%",
        published="2025-02-10",
    )
    t = rec(
        "m",
        s,
        "4%",
        4,
        kind="target",
        subject="budget deficit",
        period=None,
        unit="%",
        published="2025-02-10",
    )
    found = {f.claim_ids[0]: f for f in _run([a, t], {"m": doc("m", "2025-02-10", "Budget execution")})}
    assert found[t.id].details["status"] == "kept" and "cites a target" in found[t.id].message


def test_work_progressing_is_in_progress() -> None:
    plan = "The new Bugesera International Airport will open in 2026."
    later = "Work on Bugesera International Airport is progressing, with the terminal 60% complete."
    assert (
        _word_status(
            plan,
            later,
            subject="airport",
            period="2026",
            planned="2024-02-01",
            reported="2025-11-10",
            now=Date(2026, 3, 1),
        )
        == "in_progress"
    )


def test_held_elsewhere_instead_is_not_kept() -> None:
    plan = "Astana will host the Asian Winter Games in February 2025."
    later = "The Asian Winter Games were held in February 2025 in Harbin instead."
    assert (
        _word_status(
            plan, later, subject="games", period="2025-02", planned="2024-01-15", reported="2025-03-20"
        )
        == "not_kept"
    )


@pytest.mark.parametrize(
    ("sentence", "q_text", "value", "unit", "share"),
    [
        (
            "Half of the hospitals pledged in 2023 are now operational, the ministry said.",
            "Half",
            0.5,
            None,
            0.5,
        ),
        ("About 60% of the planned hospitals have been built.", "About 60%", 60.0, "%", 0.6),
    ],
)
def test_a_share_of_the_promised_count_is_progress(
    sentence: str, q_text: str, value: float, unit: str | None, share: float
) -> None:
    plan = "The government will build 120 district hospitals by 2026."
    t = rec(
        "a",
        plan,
        "120",
        120,
        kind="target",
        period_role="deadline",  # "by <year>"
        subject="district hospitals",
        noun="hospital",
        period="2026",
        published="2023-02-01",
    )
    e = rec(
        "b",
        sentence,
        q_text,
        value,
        kind="status",
        subject="hospitals",
        noun="hospital" if unit is None else None,
        unit=unit,
        period="2025",
        published="2025-06-01",
    )
    docs = _plan_docs(plan, "2023-02-01", sentence, "2025-06-01", "Update")
    found = {f.claim_ids[0]: f for f in _run([t, e], docs, now=Date(2025, 8, 1))}
    f = found[t.id]
    assert f.details["status"] == "in_progress" and f.details["evidence_value"] == pytest.approx(120 * share)


def test_commitment_in_words_met_by_a_part_of_a_total_is_not_kept() -> None:
    plan = "The government will finish the regional hospitals programme by the end of 2025."
    t = rec("a", plan, None, None, kind="target", subject="programme", period="2025", published="2023-11-03")
    s = (
        "Only 45 of the 111 hospitals in the regional hospitals programme had been completed by "
        "December 2025."
    )
    part = rec(
        "b",
        s,
        "45",
        45,
        kind="achievement",
        subject="",
        period="2025-12",
        published="2026-01-21",
        sent_start=0,
    )
    total = rec(
        "b",
        s,
        "111",
        111,
        kind="achievement",
        subject="",
        noun="hospital",
        period="2025-12",
        published="2026-01-21",
        sent_start=0,
    )
    docs = _plan_docs(plan, "2023-11-03", s, "2026-01-21", "Review")
    found = {f.claim_ids[0]: f for f in _run([t, part, total], docs, now=Date(2026, 6, 1))}
    assert found[t.id].details["status"] == "not_kept" and found[t.id].details["evidence_value"] == 45


def test_word_match_needs_every_place_the_target_names() -> None:
    plan = "The government will complete the reconstruction of the Almaty-Bishkek road by 2025."
    other = "Reconstruction of the Almaty ring road was completed in October 2025."
    same = "Reconstruction of the Almaty-Bishkek road was completed in October 2025."
    for later, status in ((other, "due"), (same, "kept")):
        assert (
            _word_status(
                plan, later, subject="road", period="2025", planned="2024-01-15", reported="2026-01-20"
            )
            == status
        ), later


def test_a_speakers_name_is_not_needed_in_the_outcome() -> None:
    plan = "President Tokayev said the new Turkestan cargo terminal will open in 2025."
    later = "The Turkestan cargo terminal opened in September 2025."
    assert (
        _word_status(
            plan, later, subject="terminal", period="2025", planned="2024-01-15", reported="2026-01-20"
        )
        == "kept"
    )


def test_of_the_m_promised_n_were_finished() -> None:
    from claimledger.checks.base import part_of_total

    s = "Of the 111 schools promised, 45 were finished in 2025."
    m = rec("b", s, "111", 111, noun="school")
    n = rec("b", s, "45", 45)
    assert part_of_total(m, [m, n]) is n
    s2 = "Of the 111 schools, most are in the north. Officials said 45 more were needed."
    m2 = rec("b", s2, "111", 111, noun="school")
    n2 = rec("b", s2, "45", 45)
    assert part_of_total(m2, [m2, n2]) is None


@pytest.mark.parametrize(
    ("now", "status"),
    [(Date(2026, 6, 20), "not_due"), (Date(2026, 7, 1), "due"), (Date(2026, 12, 31), "due")],
)
def test_deadline_read_at_the_month_the_time_stage_resolved(now: Date, status: str) -> None:
    # "by June 2026": the stored period is the year, the cue keeps the month; the promise is
    # due once June has ended, not at the end of the year
    plan = "The new bridge at Tarvel will be finished by June 2026, the minister said."
    t = rec("a", plan, None, None, kind="target", subject="bridge tarvel finished", period="2026",
            period_role="deadline", published="2025-03-01")  # fmt: skip
    t = dataclasses.replace(t, cues=("target:will be finished", "period:by June 2026->2026-06"))
    [f] = _run([t], _plan_docs(plan, "2025-03-01", "Nothing related.", "2025-09-01"), now=now)
    assert f.details["status"] == status, f.message
    assert f.details["deadline"] == "2026-06-30" and "by June 2026" in f.message


@pytest.mark.parametrize(
    ("cue", "want"),
    [
        ("period:in January->2026-01 (context)", "2026-01"),  # a month from the sentence before
        ("period:on 3 May->2026-05-03 (when said)", "2026"),  # the day it was said: not the figure's
        ("period:in 2026", "2026"),
        ("period:in 2025-Q2->2025-Q2", "2026"),  # never another period than the stored one
    ],
)
def test_fine_period_reads_the_resolved_period_without_its_notes(cue: str, want: str) -> None:
    t = dataclasses.replace(rec("a", "x", None, None, period="2026"), cues=(cue,))
    assert fine_period(t) == want


@pytest.mark.parametrize(
    ("sentence", "q", "restated"),
    [
        ("Only a quarter of the 9,000 promised officers have been recruited so far.", "9,000", True),
        ("The plan keeps the target of 9,000 new officers.", "9,000", True),
        ("So far 2,100 of the 9,000 posts pledged have been filled.", "9,000", True),
        ("In all, 4,100 nurses have been hired.", "4,100", False),
        ("The 4,100 nurses hired this year started work in May.", "4,100", False),
    ],
)
def test_a_restated_promised_figure_is_never_an_outcome(sentence: str, q: str, restated: bool) -> None:
    from claimledger.checks.promise import restated_figure

    assert restated_figure(rec("c", sentence, q, float(q.replace(",", "")))) is restated


def test_a_share_of_the_restated_promised_count_is_progress_not_kept() -> None:
    # issue 11: "a quarter of the 9,000 promised officers" restates the promise and reports
    # a quarter of it done; the 9,000 is never the outcome
    plan = "We will recruit 9,000 police officers by March 2028."
    later = "Only a quarter of the 9,000 promised officers have been recruited so far."
    t = rec("a", plan, "9,000", 9000, kind="target", subject="police officers", period="2028",
            noun="officer", period_role="deadline", published="2024-06-01")  # fmt: skip
    share = rec("b", later, "a quarter", 0.25, kind="achievement", subject="police officers",
                period="2026", published="2026-09-14")  # fmt: skip
    total = rec("b", later, "9,000", 9000, kind="achievement", subject="police officers",
                period="2026", noun="officer", published="2026-09-14")  # fmt: skip
    [f] = _run([t, share, total], _plan_docs(plan, "2024-06-01", later, "2026-09-14"))
    assert f.details["status"] == "in_progress", f.message
    assert f.details["evidence_value"] == pytest.approx(2250)


@pytest.mark.parametrize(
    ("reported", "status"),
    [("2026-11-20", "not_kept"), ("2026-07-01", "in_progress")],
)
def test_still_waiting_after_the_deadline_is_not_kept(reported: str, status: str) -> None:
    plan = "Every pensioner on the waiting list will get a home visit by October 2026."
    later = "1,700 pensioners were still waiting for a visit, the ombudsman said."
    got = _word_status(plan, later, subject="pensioner home visit", period="2026-10",
                       planned="2025-11-03", reported=reported, now=Date(2026, 12, 1))  # fmt: skip
    assert got == status


def test_still_waiting_for_something_else_is_no_evidence() -> None:
    plan = "Every pensioner on the waiting list will get a home visit by October 2026."
    later = "Hundreds of drivers were still waiting for new licence plates in November."
    got = _word_status(plan, later, subject="pensioner home visit", period="2026-10",
                       planned="2025-11-03", reported="2026-11-20", now=Date(2026, 12, 1))  # fmt: skip
    assert got == "due"


def test_a_share_of_the_planned_count_is_no_restated_figure() -> None:
    from claimledger.checks.promise import restated_figure

    s = "About 60% of the planned hospitals have been built."
    assert not restated_figure(rec("b", s, "About 60%", 60.0, unit="%"))


def test_a_count_under_a_broader_indicator_is_the_outcome() -> None:
    # issue 11: "4,100 nurses have been hired" settles "5,850 nurses for public hospitals"
    # when no report of the narrower indicator exists; a count of doctors does not
    s1 = "Our goal is 5,850 nurses for public hospitals by September 2026."
    later = "4,100 nurses have been hired, the ministry said."
    other = "The ministry has hired 900 doctors."
    t = rec("a", s1, "5,850", 5850, kind="target", subject="nurses public hospitals", period="2026",
            noun="nurse", period_role="deadline", published="2025-01-16")  # fmt: skip
    e = rec("b", later, "4,100", 4100, kind="achievement", subject="nurses", period="2026",
            noun="nurse", published="2026-10-20")  # fmt: skip
    d = rec("c", other, "900", 900, kind="achievement", subject="doctors", period="2026",
            noun="doctor", published="2026-10-21")  # fmt: skip
    docs = _plan_docs(s1, "2025-01-16", later, "2026-10-20")
    docs["c"] = doc("c", "2026-10-21", "News", text=other)
    [f] = _run([t, e, d], docs)
    assert f.details["status"] == "partly_kept", f.message
    assert f.details["evidence_value"] == 4100
    [g] = _run([t, d], docs)
    assert g.details["status"] == "not_due", g.message  # no outcome yet


@pytest.mark.parametrize(
    ("sentence", "verdict", "year"),
    [
        # a deadline moved to a month of a later year is a move, not a relocation ("moved to X")
        ("Completion of the Pella bypass has been moved to April 2028.", "moved", "2028"),
        ("The Pella bypass is now expected to open by the end of June 2027.", "moved", "2027"),
        ("The Pella bypass opening was postponed to 1 May 2027.", "moved", "2027"),
        ("The Pella trade fair was moved to Dorne.", "stalled", None),
        # a perfective completion beats a word of timing; work said to go on does not
        ("The Pella bypass was completed today, on schedule.", "done", None),
        ("The Pella bypass has already been opened to traffic.", "done", None),
        ("The Pella bypass has not been fully completed so far.", "ongoing", None),
        ("The first Pella section was opened; the rest is under construction.", "ongoing", None),
        # far from done, or the promise named as unmet
        ("The Pella bypass is nowhere near finished.", "unmet", None),
        ("In spite of the promise, the Pella bypass carries no traffic.", "unmet", None),
    ],
)
def test_verdict_cues(sentence: str, verdict: str, year: str | None) -> None:
    assert _verdict(sentence) == verdict
    assert moved_to(sentence) == year


# -- issue 11, item 4: evidence matched on the commitment's object and its place ------------


def _obj(subject: str, noun: str | None = None, sentence: str = "") -> object:
    from claimledger.checks.promise import _object

    return _object(rec("a", sentence or f"The {subject} rose to 12.", "12", 12, subject=subject, noun=noun))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # one object in other words: a head with its modifiers and complements
        (("excise duty rate on diesel fuel", None), ("diesel excise duty", None), True),
        (("wait for hip surgery", None), ("waiting time for hip surgery", None), True),
        (("teachers", "teacher"), ("teaching posts", "post"), True),
        (("inspectors", "inspector"), ("inspection posts", "post"), True),
        (("hire", "nurse"), ("nurses hired", "nurse"), True),
        (("number of midwives", None), ("midwives", "midwife"), True),
        # decoys: a broader object, another head, another complement
        (("excise duty rate on diesel fuel", None), ("excise duty rate", None), False),
        (("excise duty rate", None), ("excise duty rate on diesel fuel", None), False),
        (
            ("average wait for building permits", None),
            ("average processing time for building permits", None),
            False,
        ),
        (("wait for hip surgery", None), ("wait for knee surgery", None), False),
        (("schools", "school"), ("school places", "place"), False),
        (("teachers", "teacher"), ("teaching assistants", "assistant"), False),
    ],
)
def test_one_object_in_other_words(a: tuple[str, str | None], b: tuple[str, str | None], same: bool) -> None:
    from claimledger.checks.promise import same_object

    oa, ob = _obj(*a), _obj(*b)
    assert oa is not None and ob is not None
    assert same_object(oa, ob) is same  # type: ignore[arg-type]
    assert same_object(ob, oa) is same  # type: ignore[arg-type]


def _duty_case(later: list[tuple[str, str, float, str]]) -> object:
    """A pledge on the excise duty on diesel fuel and later reports (sentence, subject, value,
    published), each in its own document."""
    s1 = "We will cut the excise duty rate on diesel fuel to 12% by 2025."
    t = rec("a", s1, "12%", 12, kind="target", subject="excise duty rate on diesel fuel", period="2025",
            unit="%", period_role="deadline", published="2024-03-01")  # fmt: skip
    recs, docs = [t], {"a": doc("a", "2024-03-01", "Plan", region=None, text=s1)}
    for i, (s, subject, v, when) in enumerate(later):
        key = f"r{i}"
        q = f"{v:g}%"
        recs.append(
            rec(key, s, q, v, kind="achievement", subject=subject, period="2025", unit="%", published=when)
        )
        docs[key] = doc(key, when, "Bulletin", region=None, text=s)
    [f] = _run(recs, docs)
    return f


def test_evidence_naming_the_object_in_other_words_settles_the_promise() -> None:
    f = _duty_case([("In 2025 the diesel excise duty was 12%.", "diesel excise duty", 12, "2026-02-10")])
    assert f.details["status"] == "kept", f.message  # type: ignore[attr-defined]
    # the general excise rate is another object: no evidence of the diesel duty
    g = _duty_case([("The excise duty rate rose to 20% in 2025.", "excise duty rate", 20, "2026-01-20")])
    assert g.details["status"] == "due", g.message  # type: ignore[attr-defined]


def test_sources_naming_one_object_differently_are_weighed_together() -> None:
    # a ministry and an auditor report the same duty in different words and disagree
    f = _duty_case(
        [
            ("In 2025 the diesel excise duty was 12%.", "diesel excise duty", 12, "2026-02-10"),
            ("The excise duty rate on diesel was 19% in 2025, the auditors found.",
             "excise duty rate on diesel", 19, "2026-03-01"),
        ]
    )  # fmt: skip
    assert f.details["status"] == "disputed", f.message  # type: ignore[attr-defined]


def test_a_count_of_posts_is_weighed_only_near_the_count_of_people() -> None:
    s1 = "The ministry will recruit 4,000 new teachers by 2025."
    t = rec("a", s1, "4,000", 4000, kind="target", subject="teachers", period="2025", noun="teacher",
            period_role="deadline", published="2024-03-01")  # fmt: skip
    for filled, status in ((2600, "partly_kept"), (400, "due")):
        later = f"In 2025, {filled:,} teaching posts were filled."
        e = rec("b", later, f"{filled:,}", filled, kind="achievement", subject="teaching posts",
                period="2025", noun="post", published="2026-02-10")  # fmt: skip
        [f] = _run([t, e], _plan_docs(s1, "2024-03-01", later, "2026-02-10"))
        assert f.details["status"] == status, f.message


def _with_entity(r: object, code: str, name: str, status: str = "actual") -> object:
    from claimledger.models import Entity, Frame, Measure

    frame = Frame(
        Measure("imf disbursement", "imf disbursement", free=True),
        Entity(code, name, "country"),
        ("year",),
        status,  # type: ignore[arg-type]
    )
    return dataclasses.replace(r, frame=frame)  # type: ignore[type-var]


def test_another_countrys_figure_is_no_evidence() -> None:
    # issue 11: one country's IMF disbursements are no outcome of another's promise
    s1 = "The IMF disbursements will reach $2 billion by 2025, the treasury said."
    later = "The IMF disbursements totalled $0.9 billion in 2025."
    t = rec("a", s1, "$2 billion", 2e9, kind="target", subject="imf disbursements", period="2025", unit="USD",
            period_role="deadline", published="2024-03-01")  # fmt: skip
    e = rec("b", later, "$0.9 billion", 9e8, kind="achievement", subject="imf disbursements", period="2025",
            unit="USD", published="2026-02-10")  # fmt: skip
    docs = _plan_docs(s1, "2024-03-01", later, "2026-02-10")
    docs = {k: dataclasses.replace(d, region=None) for k, d in docs.items()}
    t, e = _with_entity(t, "KEN", "Kenya", "target"), _with_entity(e, "GHA", "Ghana")
    [f] = _run([t, e], docs)
    assert f.details["status"] == "due", f.message
    [g] = _run([t, _with_entity(e, "KEN", "Kenya")], docs)  # the same country's: evidence
    assert g.details["status"] == "not_kept", g.message


def test_a_name_the_other_document_carries_is_no_other_place() -> None:
    # the minister who made the pledge reports the outcome: her name is in the plan's metadata
    s1 = "Quenia will cut the wait for hip surgery to 8 weeks by 2025."
    later = "Minister Pell said the wait for hip surgery was 7.5 weeks in 2025."
    decoy = "In Dorvia the wait for hip surgery was 7.5 weeks in 2025."
    t = rec("a", s1, "8 weeks", 8, kind="target", subject="wait for hip surgery", period="2025", unit="week",
            period_role="deadline", published="2024-03-01")  # fmt: skip
    for s, status in ((later, "kept"), (decoy, "due")):
        e = rec("b", s, "7.5 weeks", 7.5, kind="achievement", subject="wait for hip surgery", period="2025",
                unit="week", published="2026-02-10")  # fmt: skip
        docs = _plan_docs(s1, "2024-03-01", s, "2026-02-10")
        docs["a"] = dataclasses.replace(docs["a"], region=None, speaker="Ana Pell")
        docs["b"] = dataclasses.replace(docs["b"], region=None)
        [f] = _run([t, e], docs)
        assert f.details["status"] == status, f.message


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("Just one lane of the four on the Pella bridge is usable.", "unmet"),
        ("Two of the five wards of the Pella hospital are open to patients.", "unmet"),
        # decoys: the whole in use, a part that says nothing of use, a count of the same size
        ("All four lanes of the Pella bridge are usable.", None),
        ("One of the four contractors on the Pella bridge complained.", None),
        ("Four of the four lanes of the Pella bridge are usable.", None),
    ],
)
def test_a_part_in_use_is_unmet(sentence: str, verdict: str | None) -> None:
    assert _verdict(sentence) == verdict
