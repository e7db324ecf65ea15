"""Everything the reminder features say to users (Chinese, Telegram HTML), in one place."""
from __future__ import annotations

from datetime import date
from html import escape

REMINDER = (
    "⏰ <b>时间节点提醒</b>｜{status}\n"
    "<b>{title}</b>\n"
    "截止日期：{due}\n"
    "责任方：{actors}\n"
    "原文：“{quote}”\n"
    "——《{article_title}》{published}"
)
STATUS_LEFT = "还剩{days}天"
STATUS_TODAY = "今天截止"
STATUS_PASSED = "已截止{days}天"
DUE_DAY = "{y}年{m}月{d}日"
DUE_MONTH_END = "{y}年{m}月{d}日（{m}月底）"
DUE_WRITTEN = "{due}（原文“{expression}”）"

CHANGE_NOTICE = "📢 <b>时间节点变更</b>\n{lines}\n\n发送 /deadlines 查看全部时间节点。"
CHANGE_ADDED = "• 新增：{title}，截止日期 {due}，责任方：{actors}"
CHANGE_REMOVED = "• 取消：{title}（原截止日期 {due}）"
CHANGE_DUE = "• 调整：{title}，截止日期由 {old} 改为 {new}"
CHANGE_OTHER = "• 更新：{title}（{fields}已修改）"
CHANGE_FIELDS = {"title": "事项名称", "actors": "责任方", "quote": "原文", "precision": "日期精度",
                 "expression": "原文日期表述"}

BUTTON_SOURCE = "查看原文"
BUTTON_ALL = "全部时间节点"
BUTTON_UNSUBSCRIBE_ALL = "全部退订"

DEADLINES_HEADER = "<b>试点时间节点</b>（今天 {today}，北京时间）"
DEADLINES_UPCOMING = "\n<b>即将到期</b>"
DEADLINES_PASSED = "\n<b>已截止</b>"
DEADLINES_ITEM = "{n}. <b>{title}</b>\n   {due}｜{status}\n   责任方：{actors}"
DEADLINES_EMPTY = "目前没有登记的时间节点。"
DEADLINES_FOOTER = "\n发送 /subscribe 订阅截止提醒（提前 {offsets} 天，北京时间 {hour} 点）。"
DEADLINES_UNAVAILABLE = "时间节点登记表暂时无法读取，已通知管理员。请稍后再试。"

SUBSCRIBE_CHOOSE = "请选择要订阅的提醒：\n（提前 {offsets} 天、北京时间 {hour} 点提醒，每条只发一次）"
SUBSCRIBED = "✅ 已订阅：{what}。\n截止前 {offsets} 天（北京时间 {hour} 点）会在这里提醒。{status}\n退订请发 /unsubscribe。"
SUBSCRIBED_ALREADY = "这个聊天已经订阅了：{what}。查看订阅：/mysubs"
SUBSCRIBED_ALL_PASSED = "\n注意：目前登记的时间节点都已截止；有新的时间节点时会提醒您。"
SUBSCRIBED_NEXT = "\n最近的截止：{title}，{due}，{status}。"
UNSUBSCRIBE_CHOOSE = "请选择要退订的提醒："
UNSUBSCRIBED = "已退订：{what}。"
UNSUBSCRIBED_ALL = "已退订全部提醒，不会再收到提醒消息。"
NOT_SUBSCRIBED = "这个聊天还没有订阅提醒。发送 /subscribe 订阅。"
MYSUBS = "<b>本聊天的订阅</b>\n{lines}\n\n提前 {offsets} 天、北京时间 {hour} 点提醒。退订：/unsubscribe"
MYSUBS_LINE = "• {what}"
SCOPE_ALL = "全部时间节点（包括以后新增的）"
SCOPE_ONE = "「{title}」"
SCOPE_GONE = "「{id}」（已从登记表删除）"
GROUP_ADMINS_ONLY = "在群里只有群管理员可以订阅或退订提醒。"
UNKNOWN_CHOICE = "这个选项已失效，请重新发送 /subscribe。"
SOURCE = "<b>原文</b>\n{paragraphs}\n——《{article_title}》{published}"
SOURCE_MISSING = "找不到这条时间节点的原文，可能已从登记表删除。"


def cn_date(value: date) -> str:
    """2025年7月18日."""
    return DUE_DAY.format(y=value.year, m=value.month, d=value.day)


def due_text(due: date, precision: str, expression: str = "") -> str:
    """The deadline date as users read it, with the words of the source when they differ."""
    text = DUE_MONTH_END.format(y=due.year, m=due.month, d=due.day) if precision == "month_end" else cn_date(due)
    return DUE_WRITTEN.format(due=text, expression=escape(expression)) if expression else text


def status_text(days: int) -> str:
    """还剩N天 / 今天截止 / 已截止N天."""
    if days < 0:
        return STATUS_PASSED.format(days=-days)
    return STATUS_TODAY if days == 0 else STATUS_LEFT.format(days=days)


def offsets_text(offsets: tuple[int, ...]) -> str:
    """30、7、1、0."""
    return "、".join(str(k) for k in offsets)
