"""What `python -m bot remind` prints for admins (Chinese), in one place."""

DESCRIPTION = "截止日期提醒：发送此刻到期的提醒（供 cron 和演练使用），与机器人共用同一份发送记录"
HELP_DUE = "发送此刻到期的全部提醒（和时间节点变更通知），然后退出"
HELP_STATUS = "显示订阅数和发送记录统计"
HELP_AT = "以 \"YYYY-MM-DD HH:MM\"（北京时间）代替当前时间，用于演练和测试"
HELP_DRY_RUN = "只列出将要发送的提醒，不发送、不记录"
BAD_AT = "错误：--at 应为 \"YYYY-MM-DD HH:MM\"（北京时间），收到 {value!r}"
NO_TOKEN = "错误：发送提醒需要 TELEGRAM_BOT_TOKEN（只想查看可加 --dry-run）"
REGISTRY_ERROR = "错误：时间节点登记表无法读取：{error}"
AT = "时间：{now}"
KINDS = {"reminder": "提醒", "change": "变更通知"}
PLANNED = "{kind}\tchat={chat}\t{ref}\t提前{offset}天\t截止{due}"
DRY_RUN_SUMMARY = "共 {count} 条待发送（--dry-run：未发送，未记录）"
SUMMARY = ("计划 {planned} 条：已发送 {sent}，已由其他进程发送 {taken}，被屏蔽(403)并停用 {blocked}，"
           "群迁移 {migrated}，失败 {failed}，结果不确定 {uncertain}；上次中断遗留并按已发送处理 {resolved}；"
           "429 限流 {http429} 次，重试 {retries} 次，用时 {elapsed:.1f} 秒")
ERRORS = "错误统计：{errors}"
STATUS = "订阅：{chats} 个聊天，{subscriptions} 项订阅。发送记录：{counts}"
STATUS_EMPTY = "暂无"
STATES = {"sent": "已发送", "blocked": "被屏蔽", "failed": "失败", "uncertain": "不确定(按已发送)",
          "skipped": "订阅时已告知", "claimed": "发送中"}
