"""The HTTP admin API on the bot's aiohttp server. JSON in and out; `Authorization: Bearer <ADMIN_API_TOKEN>`
compared in constant time; off (404) while ADMIN_API_TOKEN is unset."""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.admin.actions import KEY, AdminActions
from bot.admin.curation import KEY as CURATION_KEY
from bot.admin.curation import Curation
from bot.admin.index_manager import IndexFailed
from bot.web import RUNTIME, Runtime

log = logging.getLogger(__name__)
Route = Callable[[web.Request, AdminActions, str], Awaitable[web.Response]]


def reply(body: dict[str, Any], status: int = 200) -> web.Response:
    """A JSON response with Chinese left readable."""
    return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def authorised(route: Route) -> Callable[[web.Request], Awaitable[web.Response]]:
    """Check the bearer token before `route` runs; the actor in the audit log is the caller's address."""
    async def handler(request: web.Request) -> web.Response:
        application = request.app[RUNTIME].application
        if application is None:
            return reply({"error": "starting"}, 503)
        actions: AdminActions | None = application.bot_data["deps"].extra.get(KEY)
        token = application.bot_data["deps"].settings.admin_api_token
        if actions is None or not token:
            return reply({"error": "admin API disabled (ADMIN_API_TOKEN is not set)"}, 404)
        given = request.headers.get("Authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            log.warning("admin API %s %s refused: %s token from %s", request.method, request.path,
                        "wrong" if given else "no", request.remote)
            actions.refuse(f"api:{request.remote}", f"{request.method} {request.path}")
            return web.json_response({"error": "unauthorized"}, status=401,
                                     headers={"WWW-Authenticate": 'Bearer realm="admin"'})
        return await route(request, actions, f"api:{request.remote}")
    return handler


async def get_status(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """GET /admin/status."""
    body = await asyncio.to_thread(actions.status)
    actions.viewed(actor, "status")
    return reply(body)


async def get_documents(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """GET /admin/documents: a file that cannot be used is listed with its `error`."""
    from retrieval.ingest import KnowledgeError

    try:
        body = await asyncio.to_thread(actions.library)
    except KnowledgeError as exc:
        return reply({"error": str(exc)}, 409)
    actions.viewed(actor, "docs")
    return reply(body)


async def get_audit(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """GET /admin/audit?limit=N: the latest audit entries, newest first."""
    from dataclasses import asdict

    try:
        limit = max(1, min(int(request.query.get("limit", "50")), 1000))
    except ValueError:
        return reply({"error": "limit 应为 1-1000 的整数"}, 400)
    return reply({"entries": [asdict(e) for e in actions.audit.recent(limit)]})


async def post_reindex(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """POST /admin/reindex: waits for the rebuild (or joins the running one)."""
    try:
        outcome = await actions.reindex(actor)
    except IndexFailed as exc:
        return reply({"ok": False, "error": str(exc)}, 422)
    r = outcome.report
    return reply({"ok": True, "joined": outcome.joined, "collection": r.info.collection, "documents": r.documents,
                  "chunks": r.chunks, "embedded": r.embedded, "reused": r.reused,
                  "seconds": round(r.seconds, 2), "built_at": r.info.built_at})


async def post_rollback(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """POST /admin/rollback."""
    try:
        stats = await actions.rollback(actor)
    except IndexFailed as exc:
        return reply({"ok": False, "error": str(exc)}, 409)
    return reply({"ok": True, **stats})


async def post_document(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """POST /admin/documents: multipart with `file` and optional title, published, publisher, origin, doc_id."""
    from retrieval.ingest import KnowledgeError
    from retrieval.library import MAX_UPLOAD_BYTES, Metadata

    if not request.content_type.startswith("multipart/"):
        return reply({"error": "请用 multipart/form-data 上传，文件字段名为 file"}, 400)
    fields: dict[str, str] = {}
    filename, data = "", b""
    async for part in await request.multipart():
        if part.name == "file":
            filename = part.filename or ""
            data = await _read_capped(part, MAX_UPLOAD_BYTES + 1)  # one byte over is enough to refuse
        elif part.name:
            fields[part.name] = (await part.text())[:1000]
    if not filename:
        return reply({"error": "缺少文件字段 file"}, 400)
    meta = Metadata(fields.get("title", ""), fields.get("published", ""), fields.get("publisher", ""),
                    fields.get("origin", ""))
    try:
        doc_id, articles = await actions.add_document(actor, filename, data, meta, fields.get("doc_id") or None)
    except KnowledgeError as exc:
        return reply({"ok": False, "error": str(exc)}, 400)
    return reply({"ok": True, "doc_id": doc_id, "articles": articles, "live_after": "POST /admin/reindex"}, 201)


async def delete_document(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """DELETE /admin/documents/{id}: 400 for an id that breaks the id rule, 404 for an unknown one."""
    from retrieval.ingest import KnowledgeError
    from retrieval.library import BadDocumentId

    doc_id = request.match_info["doc_id"]
    try:
        await actions.remove_document(actor, doc_id)
    except BadDocumentId as exc:
        return reply({"ok": False, "error": str(exc)}, 400)
    except KnowledgeError as exc:
        return reply({"ok": False, "error": str(exc)}, 404)
    return reply({"ok": True, "doc_id": doc_id, "live_after": "POST /admin/reindex"})


async def get_unanswered(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """GET /admin/unanswered?limit=N: questions refused or voted down, grouped by normalised text, newest first."""
    try:
        limit = max(1, min(int(request.query.get("limit", "20")), 200))
    except ValueError:
        return reply({"error": "limit 应为 1-200 的整数"}, 400)
    waiting, items = await asyncio.to_thread(curation_of(actions).queue, limit)
    actions.viewed(actor, "unanswered")
    return reply({"count": waiting, "items": [i.public() for i in items]})


async def get_curated(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """GET /admin/curated: every curated entry, `served` or not with its `problem`."""
    body = curation_of(actions).entries()
    actions.viewed(actor, "curated")
    return reply(body)


async def post_curated(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """POST /admin/curated: JSON {question, doc_id, quote} or {question, none: true, note}; live at once."""
    from retrieval.curated.check import CurationRejected

    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("question"), str):
        return reply({"ok": False, "error": "请发送 JSON：{question, doc_id, quote} 或 {question, none: true, note}"}, 400)
    curation = curation_of(actions)
    question, note = body["question"], str(body.get("note") or "")
    try:
        if body.get("none") is True:
            entry = await curation.apply(lambda: curation.add_none(actor, question, note))
        elif isinstance(body.get("doc_id"), str) and isinstance(body.get("quote"), str):
            entry = await curation.apply(lambda: curation.add_passage(actor, question, body["doc_id"], body["quote"]))
        else:
            return reply({"ok": False, "error": "缺少 doc_id 与 quote（或 none: true）"}, 400)
    except CurationRejected as exc:
        return reply({"ok": False, "error": str(exc)}, 400)
    return reply({"ok": True, "entry": entry.public()}, 201)


async def delete_curated(request: web.Request, actions: AdminActions, actor: str) -> web.Response:
    """DELETE /admin/curated/{id}: 404 for an unknown id; live at once."""
    curation = curation_of(actions)
    entry_id = request.match_info["entry_id"]
    try:
        await curation.apply(lambda: curation.remove(actor, entry_id))
    except KeyError as exc:
        return reply({"ok": False, "error": exc.args[0]}, 404)
    return reply({"ok": True, "id": entry_id})


def curation_of(actions: AdminActions) -> Curation:
    """The running bot's Curation."""
    return actions.deps.extra[CURATION_KEY]


async def _read_capped(part: Any, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit and (chunk := await part.read_chunk()):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:limit]


def register(app: web.Application, runtime: Runtime) -> None:
    """Add the /admin routes."""
    app.router.add_get("/admin/status", authorised(get_status))
    app.router.add_get("/admin/documents", authorised(get_documents))
    app.router.add_get("/admin/audit", authorised(get_audit))
    app.router.add_post("/admin/documents", authorised(post_document))
    app.router.add_delete("/admin/documents/{doc_id}", authorised(delete_document))
    app.router.add_post("/admin/reindex", authorised(post_reindex))
    app.router.add_post("/admin/rollback", authorised(post_rollback))
    app.router.add_get("/admin/unanswered", authorised(get_unanswered))
    app.router.add_get("/admin/curated", authorised(get_curated))
    app.router.add_post("/admin/curated", authorised(post_curated))
    app.router.add_delete("/admin/curated/{entry_id}", authorised(delete_curated))
