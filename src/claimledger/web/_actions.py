"""Write routes: review actions, promise statuses, indicator merge/split, uploads, sign-in.

Two doors to the same library calls (``claimledger.review``, ``_upload``):
- browser forms (``POST /claims/{id}/review`` ...): CSRF token + same-origin check, then
  a redirect back to the page (303), so a reload never re-submits;
- the JSON API (``POST /api/...``): ``application/json`` bodies (multipart for uploads),
  same-origin check, JSON answers in the API's shapes.
With a token configured, both need it (see ``_security``).
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from claimledger import review
from claimledger.errors import LedgerError
from claimledger.web import _models, _upload
from claimledger.web._app import render, reviewer_name, state
from claimledger.web._security import AUTH_COOKIE, REVIEWER_COOKIE, Security, WebError

router = APIRouter()
API: list[str | Enum] = ["Review and ingest (writes)"]
#: Form fields per request: the correction form has about fifteen; the merge form one per
#: ticked indicator.  A bound keeps a hostile form from costing memory.
MAX_FORM_FIELDS = 1000


# --- guards -------------------------------------------------------------------------------


#: A review body is a few hundred bytes; anything near this is not a review.
MAX_JSON_BODY = 64 << 10


def api_write(request: Request) -> Iterator[None]:
    """Every JSON write: same origin, token when configured, and a small JSON body.
    After a successful write, the costly aggregates are recomputed in the background."""
    Security.check_origin(request)
    state(request).security.require_auth(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise WebError(415, "unsupported_media_type", "send the body as application/json")
    declared = request.headers.get("content-length", "")
    if not declared.isdigit() or int(declared) > MAX_JSON_BODY:
        raise WebError(
            413, "payload_too_large", f"a JSON body must declare its length, at most {MAX_JSON_BODY} bytes"
        )
    yield
    state(request).cache.warm()


def api_upload_guard(request: Request) -> Iterator[None]:
    Security.check_origin(request)
    state(request).security.require_auth(request)
    _check_length(request)
    yield
    state(request).cache.warm()


def _check_length(request: Request) -> None:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > _upload.MAX_REQUEST_BYTES:
        raise WebError(
            413, "payload_too_large", f"uploads are limited to {_upload.MAX_UPLOAD_BYTES} bytes a file"
        )


async def _form(request: Request, *, files: int = 0) -> FormData:
    """A browser form after its checks: same origin, CSRF token, then access token."""
    Security.check_origin(request)
    if files:
        _check_length(request)
    form = await request.form(max_files=files, max_fields=MAX_FORM_FIELDS)
    Security.check_csrf(request, _str(form.get("csrf_token")))
    state(request).security.require_auth(request, _str(form.get("token")))
    return form


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _float(form: FormData, name: str) -> float | None:
    raw = (_str(form.get(name)) or "").strip().replace(",", "")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise WebError(422, "E030", f"{name} must be a number, got {raw!r}") from None


def _redirect(url: str, request: Request, reviewer: str | None = None) -> RedirectResponse:
    state(request).cache.warm()  # every form write ends here: get the overview ready
    resp = RedirectResponse(url, status_code=303)
    if reviewer:
        resp.set_cookie(REVIEWER_COOKIE, reviewer, httponly=True, samesite="strict", path="/")
    return resp


def _link_call(fn: Any, *args: Any, **kwargs: Any) -> int:
    """Indicator merge/split live in claimledger.link; answer 503 while it is missing."""
    try:
        return int(fn(*args, **kwargs))
    except (ImportError, AttributeError) as e:
        raise WebError(503, "unavailable", f"indicator review is not available: {e}") from None


# --- browser forms ------------------------------------------------------------------------


@router.post("/claims/{claim_id}/review", include_in_schema=False)
async def claim_review_form(request: Request, claim_id: str) -> Response:
    form = await _form(request)
    action = _str(form.get("action"))
    who = reviewer_name(request, _str(form.get("reviewer")))
    note = _str(form.get("note"))
    engine = state(request).engine
    if action == "accept":
        await run_in_threadpool(review.accept_claim, engine, claim_id, reviewer=who, note=note)
    elif action == "reject":
        await run_in_threadpool(review.reject_claim, engine, claim_id, reviewer=who, note=note)
    elif action == "correct":
        fields: dict[str, Any] = {
            k: (_str(form.get(k)) or "").strip() or None
            for k in ("kind", "subject", "period", "qualifier", "unit")
        }
        fields.update({k: _float(form, k) for k in ("value", "low", "high")})
        await run_in_threadpool(
            lambda: review.correct_claim(engine, claim_id, reviewer=who, note=note, **fields)
        )
    else:
        raise WebError(422, "E030", "action must be accept, correct or reject")
    return _redirect(f"/claims/{claim_id}?done={action}#audit", request, who)


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
    return _redirect(url, request, who)


@router.post("/indicators/merge", include_in_schema=False)
async def merge_form(request: Request) -> Response:
    form = await _form(request)
    who = reviewer_name(request, _str(form.get("reviewer")))
    try:
        ids = [int(v) for v in form.getlist("indicator_ids") if isinstance(v, str)]
    except ValueError:
        raise WebError(422, "E030", "indicator ids must be numbers") from None
    new_id = await run_in_threadpool(
        _link_call,
        review.merge_indicators,
        state(request).engine,
        ids,
        reviewer=who,
        note=_str(form.get("note")),
    )
    return _redirect(f"/indicators/{new_id}?done=merge", request, who)


@router.post("/indicators/{ind_id}/split", include_in_schema=False)
async def split_form(request: Request, ind_id: int) -> Response:
    form = await _form(request)
    who = reviewer_name(request, _str(form.get("reviewer")))
    ids = [v for v in form.getlist("claim_ids") if isinstance(v, str)]
    new_id = await run_in_threadpool(
        _link_call,
        review.split_indicator,
        state(request).engine,
        ind_id,
        ids,
        reviewer=who,
        note=_str(form.get("note")),
    )
    return _redirect(f"/indicators/{new_id}?done=split", request, who)


@router.post("/upload", include_in_schema=False)
async def upload_form(request: Request) -> Response:
    form = await _form(request, files=_upload.MAX_FILES)
    uploads = await _collect(form)
    if not uploads:
        raise WebError(422, "E003", "choose at least one file to upload")
    meta = {k: (_str(form.get(k)) or "").strip() or None for k in ("date", "source", "speaker")}
    if meta["date"]:
        _check_date(meta["date"])
    result = await run_in_threadpool(lambda: _upload.ingest_uploads(state(request).engine, uploads, **meta))
    return render(
        request,
        "upload.html",
        {"info": _upload.upload_info(), "nav": "upload", "result": result, "json_href": "/upload.json"},
    )


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


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    Security.check_origin(request)
    form = await request.form(max_files=0, max_fields=10)
    Security.check_csrf(request, _str(form.get("csrf_token")))
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
    Security.check_origin(request)
    form = await request.form(max_files=0, max_fields=10)
    Security.check_csrf(request, _str(form.get("csrf_token")))
    resp = _redirect("/", request)
    resp.delete_cookie(AUTH_COOKIE, path="/")
    return resp


# --- JSON API -----------------------------------------------------------------------------

Guard = Depends(api_write)
ERRORS: dict[int | str, dict[str, Any]] = {s: {"model": _models.ErrorOut} for s in (401, 403, 404, 415, 422)}


def _who(request: Request, body: _models.ReviewIn) -> str:
    return (body.reviewer or request.headers.get("x-reviewer") or "api").strip() or "api"


@router.post(
    "/api/claims/{claim_id}/accept",
    response_model=_models.ReviewOut,
    tags=API,
    responses=ERRORS,
    dependencies=[Guard],
    summary="Accept a claim",
)
def api_accept(request: Request, claim_id: str, body: _models.ReviewIn) -> Any:
    return review.accept_claim(
        state(request).engine, claim_id, reviewer=_who(request, body), note=body.note
    ).to_dict()


@router.post(
    "/api/claims/{claim_id}/reject",
    response_model=_models.ReviewOut,
    tags=API,
    responses=ERRORS,
    dependencies=[Guard],
    summary="Reject a claim",
)
def api_reject(request: Request, claim_id: str, body: _models.ReviewIn) -> Any:
    return review.reject_claim(
        state(request).engine, claim_id, reviewer=_who(request, body), note=body.note
    ).to_dict()


@router.post(
    "/api/claims/{claim_id}/correct",
    response_model=_models.ReviewOut,
    tags=API,
    responses=ERRORS,
    dependencies=[Guard],
    summary="Correct a claim's value, unit, period, kind or subject",
)
def api_correct(request: Request, claim_id: str, body: _models.CorrectIn) -> Any:
    fields = body.model_dump(exclude={"reviewer", "note"})
    return review.correct_claim(
        state(request).engine, claim_id, reviewer=_who(request, body), note=body.note, **fields
    ).to_dict()


@router.post(
    "/api/promises/{claim_id}/status",
    response_model=_models.ReviewOut,
    tags=API,
    responses=ERRORS,
    dependencies=[Guard],
    summary="Set a promise's status (wins over the checker)",
)
def api_promise(request: Request, claim_id: str, body: _models.PromiseStatusIn) -> Any:
    return review.set_promise_status(
        state(request).engine, claim_id, body.status, body.note, reviewer=_who(request, body)
    ).to_dict()


@router.post(
    "/api/indicators/merge",
    response_model=_models.IndicatorActionOut,
    tags=API,
    responses=ERRORS,
    dependencies=[Guard],
    summary="Merge indicators",
)
def api_merge(request: Request, body: _models.MergeIn) -> Any:
    new_id = _link_call(
        review.merge_indicators,
        state(request).engine,
        body.indicator_ids,
        reviewer=_who(request, body),
        note=body.note,
    )
    return {"indicator_id": new_id, "href": f"/indicators/{new_id}"}


@router.post(
    "/api/indicators/{ind_id}/split",
    response_model=_models.IndicatorActionOut,
    tags=API,
    responses=ERRORS,
    dependencies=[Guard],
    summary="Split claims out of an indicator",
)
def api_split(request: Request, ind_id: int, body: _models.SplitIn) -> Any:
    new_id = _link_call(
        review.split_indicator,
        state(request).engine,
        ind_id,
        body.claim_ids,
        reviewer=_who(request, body),
        note=body.note,
    )
    return {"indicator_id": new_id, "href": f"/indicators/{new_id}"}


@router.post(
    "/api/documents",
    response_model=_models.UploadOut,
    tags=API,
    responses={**ERRORS, 413: {"model": _models.ErrorOut}},
    summary="Upload documents (multipart field 'files'; optional date, source, speaker)",
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
                        },
                    }
                }
            },
        }
    },
)
async def api_upload(request: Request, _guard: Annotated[None, Depends(api_upload_guard)]) -> Any:
    form = await request.form(max_files=_upload.MAX_FILES, max_fields=MAX_FORM_FIELDS)
    uploads = await _collect(form)
    if not uploads:
        raise WebError(422, "E003", "send at least one file in the multipart field 'files'")
    meta = {k: (_str(form.get(k)) or "").strip() or None for k in ("date", "source", "speaker")}
    if meta["date"]:
        _check_date(meta["date"])
    return await run_in_threadpool(lambda: _upload.ingest_uploads(state(request).engine, uploads, **meta))


def _check_date(value: str) -> None:
    from claimledger.extract.pipeline import parse_date

    parse_date(value)  # raises E005 for anything but YYYY-MM-DD


__all__ = ["LedgerError", "router"]
