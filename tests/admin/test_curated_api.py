"""A script curates over HTTP: the unanswered questions, curated answers added (checked against the document) and
removed, live at once; the shell's changes reach the running bot; a broken entry shows in the status."""
from __future__ import annotations

import asyncio

import pytest
import yaml

from tests.admin.support import (API_AUTH, API_TOKEN, actions_of, admin_api, admin_bot, bot_env,  # noqa: F401
                                 knowledge, tg)
from tests.core.support import run_cli
from tests.fakes.telegram import shown

QUESTION = "人力资源服务业在国民经济里是个什么地位"
REWORDED = "人力资源服务业在国民经济中占什么位置"
QUOTE = ("作为现代生产性服务业的重要门类，近年来，人力资源服务业年均服务5000余万家次用人单位，其中约40%是制造业企业，"
         "形成了大量专门面向制造领域的人力资源服务场景。")
DOC = "xinhua-2025-06-04"
OFFICIALS = iter(range(5001, 6000))


@pytest.fixture
def bot_env() -> dict[str, str]:  # noqa: F811 - these bots have an admin API token
    return {"ADMIN_API_TOKEN": API_TOKEN}


async def ask_fresh(tg, question: str) -> str:
    """An official with no earlier question asks; what they read."""
    return shown(await tg.ask(next(OFFICIALS), question))


async def test_unanswered_lists_refused_questions_grouped_newest_first(tg, admin_api):
    http, base = admin_api
    await ask_fresh(tg, "深圳市可以申报试点吗？")
    await ask_fresh(tg, QUESTION)
    await ask_fresh(tg, "您好，请问深圳市可以申报试点吗")
    await ask_fresh(tg, "试点城市要具备什么条件？")  # answered: not listed
    async with http.get(base + "/admin/unanswered", headers=API_AUTH) as resp:
        body = await resp.json()
    assert resp.status == 200 and body["count"] == 2
    assert [(i["question"], i["refused"], i["downvotes"]) for i in body["items"]] == \
        [("您好，请问深圳市可以申报试点吗", 2, 0), (QUESTION, 1, 0)]
    async with http.get(base + "/admin/unanswered?limit=zero", headers=API_AUTH) as resp:
        assert resp.status == 400


async def test_a_curated_passage_added_over_http_answers_at_once_and_goes_on_delete(tg, admin_api, knowledge,
                                                                                    admin_bot):
    http, base = admin_api
    assert QUOTE[:15] not in await ask_fresh(tg, REWORDED)
    async with http.post(base + "/admin/curated", headers=API_AUTH,
                         json={"question": QUESTION, "doc_id": DOC, "quote": QUOTE}) as resp:
        body = await resp.json()
    assert resp.status == 201 and body["entry"]["id"] == "c1" and body["entry"]["who"].startswith("api:")
    reply = await ask_fresh(tg, REWORDED)
    assert QUOTE in reply and "——《促就业强产业！" in reply
    async with http.get(base + "/admin/curated", headers=API_AUTH) as resp:
        [entry] = (await resp.json())["entries"]
    assert entry["served"] is True and entry["question"] == QUESTION and entry["problem"] == ""

    async with http.delete(base + "/admin/curated/c1", headers=API_AUTH) as resp:
        assert resp.status == 200
    assert QUOTE not in await ask_fresh(tg, REWORDED)
    async with http.delete(base + "/admin/curated/c1", headers=API_AUTH) as resp:
        assert resp.status == 404 and "c1" in (await resp.json())["error"]
    actions = [(e.action, e.ok) for e in actions_of(admin_bot).audit.recent(4)]
    assert actions == [("curated_remove", False), ("curated_remove", True), ("curated", True), ("curated_add", True)]


async def test_a_quote_that_is_not_in_the_document_is_refused(admin_api, knowledge):
    http, base = admin_api
    before = (knowledge / "curated.yaml").read_text(encoding="utf-8")
    cases = [({"question": QUESTION, "doc_id": DOC, "quote": "人力资源服务业属于高端服务业。"}, "没有逐字出现在文件"),
             ({"question": QUESTION, "doc_id": "nope", "quote": QUOTE}, "不在知识库中"),
             ({"question": QUESTION, "doc_id": "../../etc/passwd", "quote": QUOTE}, "不在知识库中"),
             ({"question": "", "doc_id": DOC, "quote": QUOTE}, "问题不能为空"),
             ({"question": QUESTION}, "缺少 doc_id")]
    for payload, complaint in cases:
        async with http.post(base + "/admin/curated", headers=API_AUTH, json=payload) as resp:
            body = await resp.json()
        assert resp.status == 400 and complaint in body["error"], payload
    async with http.post(base + "/admin/curated", headers=API_AUTH, data=b"not json") as resp:
        assert resp.status == 400
    assert (knowledge / "curated.yaml").read_text(encoding="utf-8") == before


async def test_a_known_unanswerable_over_http_refuses_with_the_note(tg, admin_api):
    http, base = admin_api
    async with http.post(base + "/admin/curated", headers=API_AUTH,
                         json={"question": "试点城市的补贴标准是多少钱？", "none": True, "note": "请咨询当地人社局"}) as resp:
        assert resp.status == 201 and (await resp.json())["entry"]["none"] is True
    reply = await ask_fresh(tg, "试点城市补贴标准是多少钱")
    assert "管理员已确认" in reply and "管理员说明：请咨询当地人社局" in reply


async def test_the_shell_adds_and_the_running_bot_follows(tg, admin_bot, knowledge):
    settings = admin_bot.bot_data["deps"].settings
    env = {"KNOWLEDGE_DIR": str(knowledge)}
    added = await asyncio.to_thread(run_cli, "curated", "add", "--question", QUESTION, "--doc", DOC, "--quote", QUOTE,
                                    data_dir=settings.data_dir, env=env)
    assert added.returncode == 0, added.stderr
    curation = admin_bot.bot_data["deps"].extra["curation"]
    assert await curation.follow_file()  # what the bot's job does every FOLLOW_EVERY_S
    assert QUOTE in await ask_fresh(tg, REWORDED)
    assert not await curation.follow_file()  # nothing new
    removed = await asyncio.to_thread(run_cli, "curated", "remove", "c1", data_dir=settings.data_dir, env=env)
    assert removed.returncode == 0, removed.stderr
    assert await curation.follow_file()
    assert QUOTE not in await ask_fresh(tg, REWORDED)
    shell = [(e.action, e.ok) for e in actions_of(admin_bot).audit.recent() if e.actor.startswith("shell")]
    assert shell == [("curated_remove", True), ("curated_add", True)]


async def test_an_entry_broken_by_hand_is_not_served_and_shows_in_the_status(tg, admin_api, admin_bot, knowledge):
    http, base = admin_api
    entries = [{"id": "c1", "question": QUESTION, "doc_id": DOC, "quote": "人力资源服务业是高端服务业。"},
               {"id": "c2", "question": "试点城市的补贴标准是多少钱？", "none": True}]
    (knowledge / "curated.yaml").write_text(yaml.safe_dump({"curated": entries}, allow_unicode=True), "utf-8")
    assert await admin_bot.bot_data["deps"].extra["curation"].follow_file()
    assert "高端服务业" not in await ask_fresh(tg, REWORDED)
    async with http.get(base + "/admin/status", headers=API_AUTH) as resp:
        curated = (await resp.json())["curated"]
    assert curated["entries"] == 2 and curated["served"] == 1
    assert curated["broken"] == [{"id": "c1", "question": QUESTION,
                                  "problem": f"这段引用没有逐字出现在文件 {DOC} 中"}]
    (knowledge / "curated.yaml").write_text("curated: [unclosed", "utf-8")
    assert await admin_bot.bot_data["deps"].extra["curation"].follow_file()
    status = shown(await tg.ask(9001, "/status"))
    assert "精选回答：0 条在用，0 条失效" in status and "curated.yaml 无法读取" in status
    assert "地级及以上城市" in await ask_fresh(tg, "试点城市要具备什么条件？")
