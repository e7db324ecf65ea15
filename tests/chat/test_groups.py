"""In a group the bot answers only commands, @mentions of it and replies to its messages."""
from __future__ import annotations

from tests.fakes.telegram import FakeTelegram, shown

GROUP = -100200300
MEMBER = 777


async def test_plain_group_chatter_is_ignored(tg: FakeTelegram, bot) -> None:
    since = len(tg.calls)
    tg.send(GROUP, "试点城市要具备什么条件？", user_id=MEMBER, chat_type="supergroup")
    # A command sent afterwards is answered; by then the chatter would have been answered too.
    await tg.ask(GROUP, "/help", user_id=MEMBER, chat_type="supergroup")
    replies = tg.calls_of("sendMessage", chat_id=GROUP, since=since)
    assert len(replies) == 1 and "/sources" in shown(replies[0])


async def test_mention_is_answered_as_a_reply(tg: FakeTelegram, bot) -> None:
    question = tg.send(GROUP, f"@{tg.me['username']} 试点城市要具备什么条件？", user_id=MEMBER,
                       chat_type="supergroup")
    reply = await tg.reply(GROUP, since=0)
    assert "地级及以上城市" in shown(reply)
    assert reply.params["reply_parameters"]["message_id"] == question["message_id"]


async def test_reply_to_the_bot_is_answered(tg: FakeTelegram, bot) -> None:
    first = await tg.ask(GROUP, f"@{tg.me['username']} 试点城市要具备什么条件？", user_id=MEMBER,
                         chat_type="supergroup")
    since = len(tg.calls)
    tg.send(GROUP, "各省推荐试点城市的截止时间是什么时候？", user_id=MEMBER, chat_type="supergroup", reply_to=first.result)
    assert "7月18日" in shown(await tg.reply(GROUP, since=since))


async def test_mention_without_a_question_asks_for_one(tg: FakeTelegram, bot) -> None:
    reply = await tg.ask(GROUP, f"@{tg.me['username']}", user_id=MEMBER, chat_type="supergroup")
    assert "问题" in shown(reply)


async def test_stickers_in_groups_are_ignored(tg: FakeTelegram, bot) -> None:
    since = len(tg.calls)
    tg.send(GROUP, user_id=MEMBER, chat_type="supergroup", sticker=STICKER)
    await tg.ask(GROUP, "/help", user_id=MEMBER, chat_type="supergroup")
    assert len(tg.calls_of("sendMessage", chat_id=GROUP, since=since)) == 1


STICKER = {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512, "is_animated": False,
           "is_video": False, "type": "regular"}
