"""Every text a user reads, in one place (Chinese). Dynamic parts are escaped by the caller's helpers."""
from __future__ import annotations

BOT_NAME = "试点政策问答助手"

START = (
    "您好！我是<b>人力资源服务业与制造业融合发展试点</b>问答助手。\n\n"
    "面向地方人社部门、工信部门的同志和人力资源服务机构：我根据已收录的官方报道和文件（发送 /sources 查看），"
    "回答试点的条件、支持政策、时间节点等问题，每个回答都附原文引用和出处。\n\n"
    "直接发一句话提问即可，例如：<i>试点城市要具备什么条件？</i>\n"
    "也可以点下面的按钮开始："
)

# (label, question asked on the user's behalf); order is the keyboard's order.
START_TOPICS: list[tuple[str, str]] = [
    ("试点条件", "试点城市应当具备什么条件？"),
    ("支持政策", "试点城市可以统筹哪些扶持政策？"),
    ("时间节点", "推荐试点城市的截止时间是什么时候？"),
]
START_NEWS = "相关简讯"
START_SUBSCRIBE = "订阅提醒"

HELP_INTRO = "<b>怎么用</b>\n直接用中文提问，我会引用原文回答并注明出处。\n\n<b>命令</b>"
HELP_COMMAND = "/{command} — {description}"
HELP_EXAMPLES = (
    "<b>示例</b>\n"
    "• 试点城市要具备什么条件？\n"
    "• 推荐城市的截止时间是什么时候？\n"
    "• 那实施方案呢？（简短的追问会沿用上一个回答的文章）\n\n"
    "每条回答下面：「查看原文」看整段原文，👍/👎 告诉我答得好不好。\n"
    "在群里请 @我 或回复我的消息提问。"
)

# The command menu set with setMyCommands (command, description).
COMMANDS: list[tuple[str, str]] = [
    ("start", "简介和常用入口"),
    ("help", "使用说明和示例"),
    ("sources", "知识库里有哪些文件"),
]

SOURCE_LINE = "——《{title}》 {published}"
BUTTON_CONTEXT = "查看原文"
BUTTON_UP = "👍"
BUTTON_DOWN = "👎"

CONTEXT_HEADER = "<b>《{title}》</b> {published}\n"
CONTEXT_GONE = "这条原文已不在知识库里（可能已更新），请重新提问。"
FEEDBACK_THANKS = "谢谢您的反馈！"
FEEDBACK_ASK_REASON = "谢谢反馈。哪里不对或不够？直接回复一句话告诉我（可选，发 /skip 跳过）。"
FEEDBACK_REASON_SAVED = "已记录，谢谢！我们会据此改进。"
FEEDBACK_REASON_SKIPPED = "好的，不填写原因。"
FEEDBACK_ALREADY = "您已经评价过这条回答了。"
BUTTON_EXPIRED = "这个按钮已失效，请重新提问。"
SUGGESTIONS_LEAD = "您可能想问："
SUGGESTION_EXPIRED = "这个建议已失效，请直接输入您的问题。"

SOURCES_HEADER = "<b>知识库文件</b>（共 {count} 份）\n"
SOURCES_ITEM = "• 《{title}》 {publisher} {published}，{articles} 篇文章"
SOURCES_EMPTY = "知识库里还没有文件。"
NEWS_HEADER = "<b>本版其他报道</b>（可直接提问，例如“老旧小区改造开工了多少个？”）\n"
SUBSCRIBE_HINT = "发送 /subscribe 订阅试点截止日期提醒（到期前按时提醒，每条只提醒一次）。"

UNKNOWN_COMMAND = "没有这个命令。发送 /help 查看可用的命令，或直接用文字提问。"
TEXT_ONLY = "我只能读文字问题，请用文字提问。"
TOO_LONG = "问题太长了（超过 {limit} 字），请精简到一两句话再问。"
EMPTY_QUESTION = "请在 @我 后面写上您的问题。"
RATE_LIMITED = "您提问有点快了，请稍等一会儿再问（每分钟最多 {limit} 个问题）。"
ERROR = "出错了，请稍后再试。"

# Terminal chat (python -m bot without a token).
TERMINAL_BANNER = (
    "本地终端对话（未设置 TELEGRAM_BOT_TOKEN）。直接输入问题或命令（如 /start），"
    "有按钮时输入编号点按钮；Ctrl-D 退出。"
)
TERMINAL_LOADING = "正在加载知识库索引（第一次运行要建索引，约需十几秒）…"
TERMINAL_BUTTONS = "按钮："
TERMINAL_PROMPT = "👤 "
TERMINAL_BYE = "再见！"

# Start-up errors (bilingual: operators may not read Chinese).
STARTUP_INDEX_FAILED = "知识库索引加载失败 / Failed to load the knowledge index: {error}"
STARTUP_TOKEN_REJECTED = (
    "Telegram 拒绝了 TELEGRAM_BOT_TOKEN，请到 @BotFather 核对 / Telegram rejected TELEGRAM_BOT_TOKEN, check it with @BotFather"
)
STARTUP_API_UNREACHABLE = (
    "无法连接 Telegram Bot API（{host}），请检查网络或 TELEGRAM_API_BASE_URL / "
    "Cannot reach the Telegram Bot API ({host}): check the network or TELEGRAM_API_BASE_URL"
)
STARTUP_PORT_BUSY = (
    "无法在 {host}:{port} 上监听（HTTP_HOST/HTTP_PORT）：{error} / Cannot listen on {host}:{port} (HTTP_HOST/HTTP_PORT)"
)
