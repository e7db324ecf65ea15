"""A deploy script administers the bot over HTTP: bearer token or 401, JSON answers, the same safety as chat."""
from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from retrieval.index import read_pointer
from tests.admin.support import (NEWER, actions_of, admin_api, admin_bot, bot_env, docx_bytes,  # noqa: F401
                                 knowledge, tg)

TOKEN = "adm1n-T0ken_for-tests-0123456789"
RIGHT = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def bot_env() -> dict[str, str]:  # noqa: F811 - this module's bots have an API token
    return {"ADMIN_API_TOKEN": TOKEN}


@pytest.fixture
def api(admin_api) -> tuple[aiohttp.ClientSession, str]:  # noqa: F811
    """The bot's aiohttp server (healthz and the admin API) and an HTTP client."""
    return admin_api


ENDPOINTS = [("GET", "/admin/status"), ("GET", "/admin/documents"), ("GET", "/admin/audit"), ("POST", "/admin/reindex"),
             ("POST", "/admin/documents"), ("DELETE", "/admin/documents/xinhua-2025-06-04"),
             ("POST", "/admin/rollback"), ("GET", "/admin/unanswered"), ("GET", "/admin/curated"),
             ("POST", "/admin/curated"), ("DELETE", "/admin/curated/c1")]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
async def test_no_or_wrong_token_gets_401_and_changes_nothing(api, admin_bot, knowledge, caplog, headers):
    http, base = api
    live = read_pointer(admin_bot.bot_data["deps"].settings).collection
    with caplog.at_level(logging.WARNING, logger="bot.admin.api"):
        for method, path in ENDPOINTS:
            async with http.request(method, base + path, headers=headers) as resp:
                assert resp.status == 401 and (await resp.json()) == {"error": "unauthorized"}
                assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert (knowledge / "documents" / "xinhua-2025-06-04.txt").exists()
    assert read_pointer(admin_bot.bot_data["deps"].settings).collection == live
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
    entries = actions_of(admin_bot).audit.recent()
    assert len(entries) == len(ENDPOINTS) and all(e.result == "refused" and e.actor.startswith("api:")
                                                  for e in entries)


@pytest.mark.parametrize("bot_env", [{}])
async def test_the_api_is_off_without_a_token(api, bot_env):
    http, base = api
    for method, path in ENDPOINTS:
        async with http.request(method, base + path, headers={"Authorization": "Bearer "}) as resp:
            assert resp.status == 404 and "ADMIN_API_TOKEN" in (await resp.json())["error"]


async def test_status_in_json(api, admin_bot):
    http, base = api
    async with http.get(base + "/admin/status", headers=RIGHT) as resp:
        assert resp.status == 200 and resp.content_type == "application/json"
        body = await resp.json()
    stats = admin_bot.bot_data["deps"].assistant.stats()
    assert {k: body[k] for k in ("documents", "chunks", "embedder", "built_at")} == \
        {k: stats[k] for k in ("documents", "chunks", "embedder", "built_at")}
    assert body["feedback"] == {"up": 0, "down": 0, "reasons": 0} and body["rebuilding"] is False
    assert body["pending_changes"] == 0 and body["rollback_available"] is False


async def test_upload_reindex_delete_and_rollback_over_http(api, admin_bot, knowledge):
    http, base = api
    form = aiohttp.FormData()
    form.add_field("file", docx_bytes(["某省实施方案", "到2026年底，培育10家专业机构。"]), filename="plan.docx")
    form.add_field("title", "某省实施方案")
    form.add_field("published", "2025-09-20")
    async with http.post(base + "/admin/documents", data=form, headers=RIGHT) as resp:
        assert resp.status == 201 and (await resp.json())["doc_id"] == "plan"
    async with http.get(base + "/admin/documents", headers=RIGHT) as resp:
        listed = {d["doc_id"]: d["live"] for d in (await resp.json())["documents"]}
    assert listed == {"plan": False, "xinhua-2025-06-04": True}

    async with http.post(base + "/admin/reindex", headers=RIGHT) as resp:
        report = await resp.json()
    assert resp.status == 200 and report["ok"] and report["documents"] == 2 and report["embedded"] >= 1
    assert admin_bot.bot_data["deps"].assistant.stats()["documents"] == 2
    async with http.get(base + "/healthz") as resp:
        assert (await resp.json())["documents"] == 2  # healthz sees the swapped index

    async with http.delete(base + "/admin/documents/plan", headers=RIGHT) as resp:
        assert resp.status == 200
    async with http.delete(base + "/admin/documents/plan", headers=RIGHT) as resp:
        assert resp.status == 404 and "没有 id 为 plan" in (await resp.json())["error"]
    async with http.post(base + "/admin/rollback", headers=RIGHT) as resp:
        body = await resp.json()
    assert resp.status == 200 and body["documents"] == 1
    async with http.get(base + "/admin/audit?limit=6", headers=RIGHT) as resp:
        entries = (await resp.json())["entries"]
    actions = [(e["actor"].split(":")[0], e["action"], e["ok"]) for e in reversed(entries)]
    assert actions == [("api", "add_document", True), ("api", "docs", True), ("api", "reindex", True),
                       ("api", "remove_document", True), ("api", "remove_document", False),
                       ("api", "rollback", True)]


async def test_a_bad_upload_over_http_says_what_to_fix(api, knowledge):
    http, base = api
    before = sorted(p.name for p in (knowledge / "documents").iterdir())
    cases = [({"file": ("a.txt", "正文。".encode())}, "缺少标题或发布日期"),
             ({"file": ("big.txt", b"x" * (5 * 1024 * 1024 + 10)), "title": "t", "published": "2025-01-01"},
              "上限为 5 MB"),
             ({"file": ("a.exe", b"MZ"), "title": "t", "published": "2025-01-01"}, "不支持的文件类型"),
             ({"title": "t"}, "缺少文件字段 file")]
    for fields, complaint in cases:
        form = aiohttp.FormData(default_to_multipart=True)
        for name, value in fields.items():
            if isinstance(value, tuple):
                form.add_field(name, value[1], filename=value[0])
            else:
                form.add_field(name, value)
        async with http.post(base + "/admin/documents", data=form, headers=RIGHT) as resp:
            assert resp.status == 400 and complaint in (await resp.json())["error"]
    async with http.post(base + "/admin/documents", json={"title": "t"}, headers=RIGHT) as resp:
        assert resp.status == 400 and "multipart" in (await resp.json())["error"]
    assert sorted(p.name for p in (knowledge / "documents").iterdir()) == before


async def test_a_failed_rebuild_over_http_is_422_and_the_old_index_stays(api, admin_bot, knowledge):
    http, base = api
    live = read_pointer(admin_bot.bot_data["deps"].settings).collection
    (knowledge / "documents" / "broken.txt").write_text("没有文件头的正文。", encoding="utf-8")
    async with http.post(base + "/admin/reindex", headers=RIGHT) as resp:
        body = await resp.json()
    assert resp.status == 422 and body["ok"] is False and "broken.txt" in body["error"]
    assert read_pointer(admin_bot.bot_data["deps"].settings).collection == live


async def test_chat_and_http_reindex_at_once_share_one_rebuild(api, admin_bot, knowledge):
    http, base = api
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    live = read_pointer(admin_bot.bot_data["deps"].settings).collection

    async def call() -> dict:
        async with http.post(base + "/admin/reindex", headers=RIGHT) as resp:
            return await resp.json()

    first, second = await asyncio.gather(call(), call())
    assert first["ok"] and second["ok"] and first["collection"] == second["collection"]
    assert sorted([first["joined"], second["joined"]]) == [False, True]
    assert read_pointer(admin_bot.bot_data["deps"].settings).previous == live
