"""Every text admins read (Chinese), in one place. Dynamic parts are escaped by the callers."""
from __future__ import annotations

REFUSED = "抱歉，这个命令仅限管理员使用。"

HELP = (
    "<b>管理员命令</b>\n"
    "/status — 索引、订阅、反馈和最近的错误\n"
    "/docs — 知识库文件及其 id\n"
    "发送文件 — 添加文件（.txt .md .docx .pdf，≤5 MB，正文≤2 MB），说明写「标题 | YYYY-MM-DD | 发布单位」\n"
    "/deldoc &lt;id&gt; — 移除文件\n"
    "/reindex — 重建索引（期间照常回答，失败则保留旧索引）\n"
    "/rollback — 回到上一版索引\n"
    "/feedback — 最近的 👎 及原因\n"
    "/review — 处理没答上或被点 👎 的问题：链接到文件原文，或确认资料中确实没有\n\n"
    "添加或移除文件后发送 /reindex 才会生效。"
)

REINDEX_STARTED = "⏳ 正在重建索引…（问答照常进行，使用旧索引）"
REINDEX_JOINED = "⏳ 已有重建任务在进行，本次请求并入该任务，完成后一并通知。"
REINDEX_PROGRESS = "⏳ 正在重建索引：已嵌入 {done}/{total} 个文本块（{percent}%）"
REINDEX_ETA = "，预计还需约 {minutes} 分钟"
REINDEX_DONE = ("✅ 索引已更新：{documents} 个文件，{chunks} 个文本块"
                "（新嵌入 {embedded}，复用 {reused}），用时 {seconds:.1f} 秒。")
REINDEX_FAILED = "❌ 重建失败，旧索引继续使用，未做任何改动。\n原因：{reason}"
INTERNAL_ERROR = "内部错误（详见日志）"

ROLLBACK_DONE = "↩️ 已回退到上一版索引（{collection}）：{documents} 个文件，{chunks} 个文本块。"
ROLLBACK_FAILED = "❌ 回退失败，当前索引未变。\n原因：{reason}"

STATUS = (
    "<b>索引状态</b>\n"
    "文件：{documents} 份，文章：{articles} 篇，文本块：{chunks} 个\n"
    "嵌入模型：{embedder}\n"
    "索引建立于：{built_at}\n"
    "可回退到上一版：{rollback}\n"
    "正在重建：{rebuilding}\n"
    "待重建生效的文件变动：{pending}\n"
    "无法使用的文件：{broken}\n"
    "精选回答：{curated}\n\n"
    "<b>使用情况</b>\n"
    "订阅提醒的会话：{subscribers}\n"
    "反馈：👍 {up}，👎 {down}（其中 {reasons} 条写了原因）\n\n"
    "<b>最近的错误</b>\n{errors}"
)
YES = "是"
NO = "否"
UNKNOWN = "（提醒功能未启用）"
NO_ERRORS = "无"
ERROR_LINE = "• {at} {action}：{result}"

DOCS_HEADER = "<b>知识库文件</b>（共 {count} 份；用 /deldoc &lt;id&gt; 移除）\n"
DOCS_ITEM = "• <code>{doc_id}</code> 《{title}》 {published}，{articles} 篇{state}"
DOCS_NOT_LIVE = "（未生效，发送 /reindex）"
DOCS_BROKEN = "• <code>{doc_id}</code> ⚠️ 无法使用，重建会失败：{error}"
DOCS_GONE = "• <code>{doc_id}</code> 已移除但仍在索引中（发送 /reindex 生效）"
DOCS_EMPTY = "知识库里还没有文件。"

DELDOC_USAGE = "用法：/deldoc &lt;id&gt;（id 见 /docs）"
DELDOC_DONE = "🗑 已移除 <code>{doc_id}</code>（文件保留在 knowledge/removed）。发送 /reindex 使其生效。"
DELDOC_FAILED = "❌ 无法移除：{reason}"

UPLOAD_DONE = ("📄 已添加 <code>{doc_id}</code>（{articles} 篇文章）。发送 /reindex 使其生效；"
               "发布日期较新的文件在冲突时优先。")
UPLOAD_FAILED = "❌ 文件未添加，知识库没有变化。\n原因：{reason}\n\n{hint}"
UPLOAD_HINT = ("上传方法：发送 .txt、.md、.docx 或 .pdf 文件（不超过 5 MB），"
               "说明写「标题 | YYYY-MM-DD | 发布单位（可选）」，或在文件开头加 --- 文件头（title、published）。")
UPLOAD_TOO_BIG = "文件太大（{mb:.1f} MB），上限为 5 MB"
UPLOAD_DOWNLOAD_FAILED = "无法从 Telegram 下载这个文件，请重新发送"

FEEDBACK_HEADER = "<b>最近的 👎 反馈</b>（共 {count} 条，显示最新 {shown} 条）\n"
FEEDBACK_ITEM = "• 问：{question}\n  原因：{reason}"
FEEDBACK_NO_REASON = "（未填写）"
FEEDBACK_EMPTY = "还没有 👎 反馈。"

CURATED_COUNTS = "{served} 条在用，{broken} 条失效"
CURATED_BROKEN_ITEM = "\n• {id}「{question}」：{problem}"
CURATED_FILE_ERROR = "\n⚠️ {error}"

REVIEW_EMPTY = "没有待处理的问题：最近没有被拒答或被点 👎 的提问。"
REVIEW_ITEM = ("<b>待处理的问题</b>（共 {count} 个，最新的在前）\n"
               "问：{question}\n"
               "未能回答 {refused} 次，👎 {downvotes} 次{reasons}\n\n{candidates}")
REVIEW_REASONS = "\n👎 原因：{reasons}"
REVIEW_CANDIDATES = "点编号，把问题链接到那段原文（意思相同的提问今后都用它回答）："
REVIEW_CANDIDATE = "{n}. 「{quote}」——{citation}"
REVIEW_NO_CANDIDATES = "索引里没有找到相关的原文。"
BUTTON_NONE = "资料中确实没有"
BUTTON_SKIP = "跳过"
BUTTON_LABEL_CHARS = 24
REVIEW_QUOTE_CHARS = 300  # five candidates and the question stay within one message
REVIEW_LINKED = "✅ 已保存精选回答 {id}：意思相同的提问今后用这段原文回答。\n「{quote}」——{citation}"
REVIEW_NONE_SAVED = ("✅ 已记为资料中确实没有（{id}）。如需告诉用户可以去哪里问，请直接回复一句「管理员说明」；"
                     "发送 /skip 不写。")
REVIEW_NOTE_SAVED = "✅ 已保存，用户会看到：管理员说明：{note}"
REVIEW_NOTE_SKIPPED = "好的，不写管理员说明。"
REVIEW_SKIPPED = "已跳过；这个问题再被拒答或被点 👎 时会重新出现。"
REVIEW_FAILED = "❌ 没有保存：{reason}"
REVIEW_EXPIRED = "这个按钮已失效，请重新发送 /review。"

BROKEN_CURATED = ("⚠️ 索引更新后，下列精选回答失效，已停止使用：\n{items}\n\n"
                  "用 /review 重新处理这些问题，或编辑 knowledge/curated.yaml。")
