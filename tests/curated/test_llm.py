"""With an LLM configured, a curated answer is still the linked passage, quoted verbatim: the LLM is not asked."""
from __future__ import annotations

import yaml

from retrieval.llm import LLMAnswerer
from tests.admin.support import admin_bot, bot_env, knowledge, tg  # noqa: F401 - fixtures
from tests.fakes.openai import FakeOpenAI
from tests.fakes.telegram import shown
from tests.llm.fixtures import citing, fake_llm, llm_settings  # noqa: F401 - fixture

QUOTE = "作为现代生产性服务业的重要门类，近年来，人力资源服务业年均服务5000余万家次用人单位，其中约40%是制造业企业，" \
        "形成了大量专门面向制造领域的人力资源服务场景。"


async def test_a_curated_answer_skips_the_llm_in_chat(tg, admin_bot, knowledge, fake_llm: FakeOpenAI):
    deps = admin_bot.bot_data["deps"]
    deps.assistant.llm = LLMAnswerer(llm_settings(fake_llm))
    entry = {"id": "c1", "question": "人力资源服务业在国民经济里是个什么地位", "doc_id": "xinhua-2025-06-04", "quote": QUOTE}
    (knowledge / "curated.yaml").write_text(yaml.safe_dump({"curated": [entry]}, allow_unicode=True), "utf-8")
    assert await deps.extra["curation"].follow_file()
    reply = shown(await tg.ask(801, "人力资源服务业在国民经济中占什么位置"))
    assert QUOTE in reply and "——《促就业强产业！" in reply
    assert fake_llm.requests == []

    fake_llm.reply(citing("7月18日", "7月18日前，由各省级人社部门推荐有意愿承担试点任务的城市"))
    other = shown(await tg.ask(802, "推荐试点城市的截止时间是什么时候？"))
    assert "7月18日前" in other and len(fake_llm.requests) == 1  # other questions still go to the LLM
