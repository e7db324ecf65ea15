"""Everything the core says to users, in one place (Chinese)."""

NOT_FOUND = (
    "资料中没有找到能回答这个问题的内容。\n"
    "我目前能回答的是已收录文件中的内容，例如：人力资源服务业与制造业融合发展试点的试点城市条件、"
    "支持政策、时间节点，以及同版面的其他文章和简讯。可以换个说法，或发送 /sources 查看收录的文件。"
)
EMPTY_QUESTION = "请输入您的问题，例如：试点城市需要具备哪些条件？"
QUESTION_TOO_LONG = "问题太长了（超过 {limit} 个字），请精简到一两句话再问。"
SOURCE_LINE = "——《{title}》，{published}"
DEADLINE_PASSED = "（{expression}即 {due}，已截止{days}天）"
DEADLINE_TODAY = "（{expression}即 {due}，今天截止）"
DEADLINE_LEFT = "（{expression}即 {due}，还剩{days}天）"
SUPERSEDES = "（较早的《{title}》（{published}）也谈到这一点；两者不一致时，以上面较新的资料为准。）"
SECTION_SOURCE_LINE = "——《{title}》{section}，{published}"
LIST_TRIMMED = "……（其余见原文）"
META_LINE = "{label}：{quote}"  # an official document's metadata line, named
OTHER_SCOPES = "其他文件对此另有规定："
NOTHING_ABOUT_PLACE = "资料中没有关于{place}的内容，无法回答。可以发送 /sources 查看收录的文件。"
NO_DOCUMENT_FOR_PLACE = "资料库里没有关于{place}的文件，无法回答。\n目前收录了文件的地方：{places}。"
NEAREST_PASSAGE = ("资料中没有找到直接回答这个问题的句子。最接近的原文是：\n{quote}\n——{citation}，{published}\n"
                   "这段话未必回答了您的问题，请以原文为准；也可以换个说法再问。")
MISSING_DETAIL = "资料中没有给出{detail}。相关的原文是：\n{quote}\n——{citation}，{published}"
CONCERNS_YOU = "文件没有直接回答“能不能”；与您所说的“{word}”有关的是这一条件：“{clause}”。"
DETAIL_NAMES = {"doc_number": "文号", "amount": "具体数额", "date": "具体日期", "year": "具体年份", "period": "具体期限",
                "time_of_day": "具体时刻", "name": "具体姓名", "phone": "联系电话", "address": "具体地址", "ordinal": "具体排序",
                "email": "电子邮箱", "url": "网址", "funding": "资金来源", "superlative": "哪一个最高或最低", "org_name": "具体单位名称"}
