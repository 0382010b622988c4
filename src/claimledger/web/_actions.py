"""Write routes: review actions, promise statuses, indicator merge/split, uploads, sign-in.

Two doors to the same library calls (``claimledger.review``, ``_upload``):
- browser forms (``POST /claims/{id}/review`` ...): CSRF token + same-origin check, then
  a redirect back to the page (303), so a reload never re-submits;
- the JSON API (``POST /api/...``): ``application/json`` bodies (multipart for uploads),
  same-origin check, JSON answers in the API's shapes.
With a token configured, both need it (see ``_security``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.types import DecoratedCallable
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from claimledger import review
from claimledger.errors import LedgerError
from claimledger.web import _insights, _models, _pages, _upload
from claimledger.web._context import render, reviewer_name, state
from claimledger.web._security import AUTH_COOKIE, REVIEWER_COOKIE, Security, WebError

router = APIRouter()
API: list[str | Enum] = ["Review and ingest (writes)"]
#: Form fields per request: the correction form has about fifteen; the merge form one per
#: ticked indicator.  A bound keeps a hostile form from costing memory.
MAX_FORM_FIELDS = 1000
#: How long the reviewer's name is remembered: a year of visits, not one browser session.
REVIEWER_COOKIE_AGE = 365 * 24 * 3600
#: An upload's title: a headline's length, with room to spare.
MAX_TITLE = 300


# --- guards -------------------------------------------------------------------------------
# ``_guard.RequestGuard`` has already checked each write's origin, content type, body size
# and (for the API and uploads) its token from the headers, before the body was read.  The
# checks below run again where the route can see them: a route must not depend on the
# middleware being installed to stay safe.


def _api_guard(request: Request) -> Iterator[None]:
    """A dependency for API writes: same origin, token when configured.  After a successful
    write, the costly aggregates are recomputed in the background."""
    Security.check_origin(request)
    state(request).security.require_auth(request)
    yield
    state(request).cache.warm()


#: The sign-in and sign-out forms carry a CSRF token, a token and a next page: a few fields.
SIGN_IN_FIELDS = 10


async def _form(request: Request, *, files: int = 0, sign_in: bool = False) -> FormData:
    """A browser form after its checks: same origin, CSRF token, then access token (not on
    the sign-in forms: they are how a token is given)."""
    Security.check_origin(request)
    form = await request.form(max_files=files, max_fields=SIGN_IN_FIELDS if sign_in else MAX_FORM_FIELDS)
    Security.check_csrf(request, _str(form.get("csrf_token")))
    if not sign_in:
        state(request).security.require_auth(request, _str(form.get("token")))
    return form


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _text(form: FormData, name: str) -> str | None:
    """A text field, trimmed; empty means not given."""
    return (_str(form.get(name)) or "").strip() or None


def _typed_name(form: FormData) -> str | None:
    """The reviewer's name as typed in the form (None when the field was empty or absent:
    then nothing new is remembered)."""
    name = (_text(form, "reviewer") or "")[:80].strip()
    return name or None


def _redirect(url: str, request: Request, reviewer: str | None = None) -> RedirectResponse:
    """303 back to a page; a ``reviewer`` name is remembered for the next forms (the
    reviewer cookie: SameSite=Strict, a year; it holds a display name, never a secret)."""
    state(request).cache.warm()  # every form write ends here: get the overview ready
    resp = RedirectResponse(url, status_code=303)
    if reviewer:
        resp.set_cookie(
            REVIEWER_COOKIE, reviewer, max_age=REVIEWER_COOKIE_AGE, httponly=True, samesite="strict", path="/"
        )
    return resp


def _indicator_action(
    fn: Any, request: Request, *args: Any, reviewer: str, note: str | None
) -> dict[str, Any]:
    """Merge or split indicators (``fn`` from ``claimledger.review``): the new indicator's id
    and page."""
    new_id = int(fn(state(request).engine, *args, reviewer=reviewer, note=note))
    return {"indicator_id": new_id, "href": f"/indicators/{new_id}"}


async def _ingest(request: Request, form: FormData, *, none_given: str) -> dict[str, Any]:
    """Ingest a form's files with its optional date, source, speaker and title (E003
    ``none_given`` when it has no file)."""
    uploads = await _collect(form)
    if not uploads:
        raise WebError(422, "E003", none_given)
    meta = {k: _text(form, k) for k in ("date", "source", "speaker", "title")}
    if meta["date"]:
        _check_date(meta["date"])
    if len(meta["title"] or "") > MAX_TITLE:
        raise WebError(422, "E030", f"title must be at most {MAX_TITLE} characters")
    ws = state(request)
    result = await run_in_threadpool(lambda: _upload.ingest_uploads(ws.engine, uploads, **meta))
    if any(r["status"] == "ingested" for r in result["results"]):
        ws.rechecker.request()  # in the background: this answer does not wait for the checks
    rechecking = ws.rechecker.running
    # the findings citing the new documents exist once the checks have run over them
    new = None if rechecking else await run_in_threadpool(_new_findings, ws.engine, result)
    return {**result, "rechecking": rechecking, "new_findings": new}


def _new_findings(engine: Any, result: dict[str, Any]) -> list[dict[str, Any]]:
    docs = [int(r["document_id"]) for r in result["results"] if r.get("status") == "ingested"]
    return list(_insights.new_findings(engine, docs))


async def _collect(form: FormData) -> list[_upload.Upload]:
    out = []
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        data = await item.read(_upload.MAX_UPLOAD_BYTES + 1)
        too_large = len(data) > _upload.MAX_UPLOAD_BYTES
        out.append(_upload.Upload(item.filename, b"" if too_large else data, too_large))
        await item.close()
    return out


# --- browser forms ------------------------------------------------------------------------


#: The fields each claim form sends back when it is shown again after an error.
REVIEW_FIELDS = ("reviewer", "note", "value", "unit", "low", "high", "period", "kind", "qualifier", "subject")
RATE_FIELDS = ("reviewer", "rating", "ruling")


def _again(request: Request, claim_id: str, which: str, form: FormData, err: LedgerError) -> Response:
    """The claim page again after a form's error (422; 409 for E062): everything typed, kept, the
    coded error next to its field (or above the form when it is not about one field)."""
    names = REVIEW_FIELDS if which == "review" else RATE_FIELDS
    typed = {k: _str(form.get(k)) or "" for k in names}
    field = err.field if err.field is not None and err.field in names else "form"
    status = 409 if err.code == "E062" else 422  # as the JSON API answers them
    return _pages.render_claim(
        request, claim_id, form=which, typed=typed, errors={field: str(err)}, status=status
    )


def _correction(form: FormData) -> dict[str, Any]:
    """The correction's fields as typed: figures read by the number stage
    (``review.correction_from_text``), the rest checked by ``review.correct_claim``."""
    fields: dict[str, Any] = {k: _text(form, k) for k in ("kind", "subject", "period", "qualifier")}
    figures = review.correction_from_text(**{k: _text(form, k) for k in ("value", "low", "high", "unit")})
    if fields["qualifier"] is None and "qualifier" in figures:
        fields["qualifier"] = figures["qualifier"]
    fields.update({k: v for k, v in figures.items() if k != "qualifier"})
    return fields


@router.post("/claims/{claim_id}/review", include_in_schema=False)
async def claim_review_form(request: Request, claim_id: str) -> Response:
    form = await _form(request)
    action = _str(form.get("action"))
    who = reviewer_name(request, _str(form.get("reviewer")))
    note = _str(form.get("note"))
    engine = state(request).engine
    try:
        if action == "accept":
            await run_in_threadpool(review.accept_claim, engine, claim_id, reviewer=who, note=note)
        elif action == "reject":
            await run_in_threadpool(review.reject_claim, engine, claim_id, reviewer=who, note=note)
        elif action == "correct":
            fields = _correction(form)
            await run_in_threadpool(
                lambda: review.correct_claim(engine, claim_id, reviewer=who, note=note, **fields)
            )
        else:
            raise WebError(422, "E030", "action must be accept, correct or reject")
    except LedgerError as err:
        if err.code != "E030":
            raise  # a missing claim (E022) and the like: the error page
        return _again(request, claim_id, "review", form, err)
    return _redirect(f"/claims/{claim_id}?done={action}#audit", request, _typed_name(form))


@router.post("/claims/{claim_id}/rate", include_in_schema=False)
async def rate_form(request: Request, claim_id: str) -> Response:
    form = await _form(request)
    who = reviewer_name(request, _str(form.get("reviewer")))
    label, ruling = _str(form.get("rating")) or "", _str(form.get("ruling")) or ""
    try:
        await run_in_threadpool(
            lambda: review.rate_claim(state(request).engine, claim_id, label, ruling=ruling, reviewer=who)
        )
    except LedgerError as err:
        if err.code not in ("E030", "E060", "E062", "E064"):
            raise
        if err.code == "E060":
            err.field = "rating"
        return _again(request, claim_id, "rate", form, err)
    return _redirect(f"/claims/{claim_id}?done=rating#verdict", request, _typed_name(form))


@router.post("/claims/{claim_id}/promise", include_in_schema=False)
async def promise_form(request: Request, claim_id: str) -> Response:
    form = await _form(request)
    who = reviewer_name(request, _str(form.get("reviewer")))
    status = _str(form.get("status")) or ""
    await run_in_threadpool(
        review.set_promise_status,
        state(request).engine,
        claim_id,
        status,
        _str(form.get("note")),
        reviewer=who,
    )
    back = _str(form.get("back")) or ""
    url = back if back.startswith("/promises") else f"/claims/{claim_id}?done=status#audit"
    return _redirect(url, request, _typed_name(form))


@router.post("/indicators/merge", include_in_schema=False)
async def merge_form(request: Request) -> Response:
    form = await _form(request)
    who = reviewer_name(request, _str(form.get("reviewer")))
    ids = [_models.parse_id(v) for v in form.getlist("indicator_ids") if isinstance(v, str)]
    if None in ids:
        raise WebError(422, "E030", f"indicator ids must be numbers from 1 to {_models.MAX_ID}")
    done = await run_in_threadpool(
        lambda: _indicator_action(
            review.merge_indicators,
            request,
            [i for i in ids if i is not None],
            reviewer=who,
            note=_str(form.get("note")),
        )
    )
    return _redirect(f"{done['href']}?done=merge", request, _typed_name(form))


@router.post("/indicators/{ind_id}/split", include_in_schema=False)
async def split_form(request: Request, ind_id: _models.IndicatorId) -> Response:
    form = await _form(request)
    who = reviewer_name(request, _str(form.get("reviewer")))
    ids = [v for v in form.getlist("claim_ids") if isinstance(v, str)]
    done = await run_in_threadpool(
        lambda: _indicator_action(
            review.split_indicator, request, ind_id, ids, reviewer=who, note=_str(form.get("note"))
        )
    )
    return _redirect(f"{done['href']}?done=split", request, _typed_name(form))


@router.post("/upload", include_in_schema=False)
async def upload_form(request: Request) -> Response:
    form = await _form(request, files=_upload.MAX_FILES)
    result = await _ingest(request, form, none_given="choose at least one file to upload")
    return render(
        request,
        "upload.html",
        {
            "info": _upload.upload_info(state(request).max_request_bytes),
            "nav": "upload",
            "result": result,
            "json_href": "/upload.json",
        },
    )


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    form = await _form(request, sign_in=True)
    sec = state(request).security
    nxt = _str(form.get("next")) or "/"
    if not nxt.startswith("/") or nxt.startswith("//"):
        nxt = "/"  # only local paths: no open redirect
    if not sec.auth_required:
        return _redirect(nxt, request)
    if not sec.authorised(request, _str(form.get("token"))) or sec.session_value is None:
        raise WebError(401, "unauthorized", "that token is not right")
    resp = _redirect(nxt, request)
    resp.set_cookie(AUTH_COOKIE, sec.session_value, httponly=True, samesite="strict", path="/")
    return resp


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    await _form(request, sign_in=True)
    resp = _redirect("/", request)
    resp.delete_cookie(AUTH_COOKIE, path="/")
    return resp


# --- JSON API -----------------------------------------------------------------------------

Guard = Depends(_api_guard)
ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": _models.ErrorOut} for s in (401, 403, 404, 413, 415, 422)
}


def _api_write(
    path: str, summary: str, model: type[BaseModel] = _models.ReviewOut
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """A JSON write route: its answer model, the write guard and the errors it documents."""
    return router.post(
        path, response_model=model, tags=API, responses=ERRORS, dependencies=[Guard], summary=summary
    )


def _who(request: Request, body: _models.ReviewIn) -> str:
    return (body.reviewer or request.headers.get("x-reviewer") or "api").strip() or "api"


@_api_write("/api/claims/{claim_id}/accept", "Accept a claim")
def api_accept(request: Request, claim_id: str, body: _models.ReviewIn) -> Any:
    return review.accept_claim(
        state(request).engine, claim_id, reviewer=_who(request, body), note=body.note
    ).to_dict()


@_api_write("/api/claims/{claim_id}/reject", "Reject a claim")
def api_reject(request: Request, claim_id: str, body: _models.ReviewIn) -> Any:
    return review.reject_claim(
        state(request).engine, claim_id, reviewer=_who(request, body), note=body.note
    ).to_dict()


@_api_write("/api/claims/{claim_id}/correct", "Correct a claim's value, unit, period, kind or subject")
def api_correct(request: Request, claim_id: str, body: _models.CorrectIn) -> Any:
    fields = body.model_dump(exclude={"reviewer", "note"})
    return review.correct_claim(
        state(request).engine, claim_id, reviewer=_who(request, body), note=body.note, **fields
    ).to_dict()


@_api_write("/api/claims/{claim_id}/rate", "Rate a claim on the verdict scale, with a written ruling")
def api_rate(request: Request, claim_id: str, body: _models.RateIn) -> Any:
    return review.rate_claim(
        state(request).engine, claim_id, body.rating, ruling=body.ruling, reviewer=_who(request, body)
    ).to_dict()


@_api_write("/api/promises/{claim_id}/status", "Set a promise's status (wins over the checker)")
def api_promise(request: Request, claim_id: str, body: _models.PromiseStatusIn) -> Any:
    return review.set_promise_status(
        state(request).engine, claim_id, body.status, body.note, reviewer=_who(request, body)
    ).to_dict()


@_api_write("/api/indicators/merge", "Merge indicators", _models.IndicatorActionOut)
def api_merge(request: Request, body: _models.MergeIn) -> Any:
    return _indicator_action(
        review.merge_indicators, request, body.indicator_ids, reviewer=_who(request, body), note=body.note
    )


@_api_write("/api/indicators/{ind_id}/split", "Split claims out of an indicator", _models.IndicatorActionOut)
def api_split(request: Request, ind_id: _models.IndicatorId, body: _models.SplitIn) -> Any:
    return _indicator_action(
        review.split_indicator, request, ind_id, body.claim_ids, reviewer=_who(request, body), note=body.note
    )


@router.post(
    "/api/documents",
    response_model=_models.UploadOut,
    tags=API,
    responses=ERRORS,
    summary="Upload documents (multipart field 'files'; optional date, source, speaker, title)",
    # The form is parsed by hand (to bound it before reading); describe it for OpenAPI.
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["files"],
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                            "date": {"type": "string", "format": "date"},
                            "source": {"type": "string"},
                            "speaker": {"type": "string"},
                            "title": {"type": "string", "maxLength": 300},
                        },
                    }
                }
            },
        }
    },
)
async def api_upload(request: Request, _guard: Annotated[None, Depends(_api_guard)]) -> Any:
    form = await request.form(max_files=_upload.MAX_FILES, max_fields=MAX_FORM_FIELDS)
    return await _ingest(request, form, none_given="send at least one file in the multipart field 'files'")


def _check_date(value: str) -> None:
    from claimledger._dates import parse_date

    parse_date(value)  # raises E005 for anything but YYYY-MM-DD


__all__ = ["LedgerError", "router"]
