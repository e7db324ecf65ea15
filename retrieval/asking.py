"""What a question asks for: its topic without chat politeness, the kind of answer wanted, and the places named."""
from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass

from retrieval.lexical import chinese_count
from retrieval.official import PHONE

# Chat politeness and self-introductions carry no topic (general chat vocabulary, not document wording).
_POLITE = re.compile(
    r"^(?:(?:领导|老师|同志|专家|小编|客服|工作人员|各位)[，,\s]*)?"
    r"(你好|您好|(?:领导|老师|同志|专家|小编|客服|各位|大家)们?好|早上好|上午好|中午好|下午好|晚上好|在吗|在不在|hi|hello|hey)"
    r"[呀啊哈]?[，,！!。.\s]*|"
    r"(我听人说|听人说|我听说|听说|有人说|据说|网上说)|"
    r"[，,\s]*(真的假的|是真的吗|是不是真的|对吗|对不对|没错吧)[？?！!。\s]*$|"
    r"(请问一下|请问下|请问|麻烦问一下|麻烦问下|麻烦您|麻烦|打扰一下|打扰了|想问一下|想问下|问一下|问下|"
    r"想先了解一下|先了解一下|想咨询一下|咨询一下|想请教一下|请教一下|"
    r"帮我看看|帮我查查|帮我查一下|帮忙看看|我想了解一下|我想了解下|想了解一下|想了解下|我想知道)[哈呀啊]?|"
    r"[，,。！!\s]*(谢谢(您|你|啦|了)?|多谢|辛苦(了|啦|您了)?|感谢)[！!。.～~\s]*$|"
    # a request for examples after the question: 「……有哪些？举几个例子」
    r"(?<=[？?，,。])\s*(?:请|能|麻烦)?(?:举|列举|给)(?:几|一两|两三|一)?个?(?:例子|例)(?:吧|呗|看看|说说)?[。？?！!～~\s]*$|"
    # an aside on how to answer: 「……？给个大概数就行」「……，说个日期就好」
    r"(?<=[？?，,。])[^，,。？?]{0,8}(?:就行|就好|就可以了?|即可)[了啦哈呀。！!～~\s]*$|"
    # and a request for the quote itself after the question: 「……？原文怎么写」「……，文件原话咋说」
    r"(?<=[？?，,。])[^，,。？?]{0,4}(?:原文|原话|原句)[^，,。？?]{0,4}(?:怎么|咋|如何|是)(?:写|说|讲|表述)?的?[？?。\s]*$")

# Answer kinds: (name, cue in the question, evidence a chunk must hold). Hard kinds reject chunks without it.
_MOST = "最高|最多|最大|最低|最少|最长|最短|最快|最慢|最早|最晚|最好|最差"
# a figure starts with a digit (「万元」 in a column name 「申请金额（万元）」 is a unit, not an amount)
_NUM = r"(?:[\d０-９]|[一二两三四五六七八九十])[\d０-９一二两三四五六七八九十百千万亿]*(?:\.\d+)?"
# A person's name as official texts and bylines write it: after a post, a byline word or a gap (「副厅长孟庆和」
# 「记者　林晓岚」「管理处　陈立新　0766-…」), a common surname and one or two characters.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
             "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤聂鲁詹祝"
             "常温柳葛洪俞闵柯岑喻卜郁甘包乔牛左申翁庞樊殷施齐康伍卓蔺屈项祁易艾褚辛麦裴苗倪欧庄宁阮冉岳栾谷霍晏"
             "房饶桂池邢阎凌娄蓝盛童鲍焦滕骆蒲耿宫柴佘隋卞窦鞠荆寇纪舒毕季屠尤柏谈巩阚邝郜禹翟郦荀缪嵇邬邴亓臧戚"
             "费贲关符景尚")
_POSTS = ("记者|通讯员|联系人|负责人|主任|处长|局长|厅长|市长|县长|院长|总监|经理|书记|委员|主席|总统|总理|首相|部长|司长|科长|"
          "校长|董事长|同志|主持人|主讲人|作者|摄影|代表|编辑|教授|讲师|工程师|律师|仲裁员|研究员|顾问|专员|专家|组长")
_PERSON_NAME = re.compile(rf"(?:(?:{_POSTS})[:：]?|[　：:（(]|(?<=[\u4e00-\u9fff]) )\s*([{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
                          r"(?=[\s　，。、；;：:（(）)\d]|$|说|表示|介绍|指出|在|作|为|等|出席|主持|讲话|告诉|回忆|坦言|透露|笑着|感慨|认为|强调|谈到)")
# A name before its post, as speeches and news write it (「市人社局孟秾华局长通报了…」): after a body or a gap.
_NAME_THEN_POST = re.compile(rf"(?:^|[\s　，。、；：（(]|(?<=[局厅委办部处科院]))([{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
                             r"(?=副?(?:局长|厅长|处长|科长|主任|书记|市长|县长|区长|院长|部长|校长|董事长|总经理|经理|总监|同志))")
_NOT_IN_NAME = frozenset("长组副任市局厅处部委会省县区等的是")


# After a byline or contact label and its colon any two or three characters are a name (「联系人：季鸿远，」).
_LABELLED_NAME = re.compile(r"(?:联系人|记者|作者|编辑|主持人?|记录人?|通讯员|签发人|审核|审签|核稿|校对|执笔|撰稿|拟稿)[:：]\s*"
                            r"([\u4e00-\u9fff]{2,3})"
                            r"(?=[\s　，。、；;：:（(）)\d]|$)")


# A post, a gap, then two or three characters alone: a name whatever its surname (「副局长 贲立军」).
_POST_GAP_NAME = re.compile(rf"(?:{_POSTS})[ 　]+([\u4e00-\u9fff]{{2,3}})(?=[\s　，。、；;（(）)\d]|$)")


# A question naming someone by post (「联系人邝嘉禾的邮箱」「找局长孟秾华」): the name may run on into 「的」.
_ASKED_PERSON = re.compile(rf"(?:{_POSTS})([{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?=的|[，,。？?\s　]|$)")


def _names(text: str, patterns: tuple[re.Pattern, ...]) -> Iterator[str]:
    """The names these patterns find, posts apart (「由分管副市长任组长」 names no one)."""
    return (m.group(1) for rx in patterns for m in rx.finditer(text) if not set(m.group(1)) & _NOT_IN_NAME)


def person_names(text: str) -> list[str]:
    """The people a question names (「联系人邝嘉禾的邮箱」: 邝嘉禾)."""
    return list(dict.fromkeys(_names(text, (_ASKED_PERSON, _PERSON_NAME, _LABELLED_NAME, _NAME_THEN_POST,
                                                _POST_GAP_NAME))))


def names_person(text: str) -> bool:
    """True when a text names a person (「副厅长孟庆和」), not only a post (「由分管副市长任组长」)."""
    return any(_names(text, (_PERSON_NAME, _LABELLED_NAME, _NAME_THEN_POST, _POST_GAP_NAME)))


# A person's name, not a post: 「处长叫什么名字」「联系人是谁」 (「组长是谁」 may be answered by 「由市长任组长」).
_NAME_CUE = re.compile(r"(?:人|长|员|者|领导|主任|书记|总监|经理|同志|老师|总统|总理|首相|主席|委员)[^，。？?]{0,3}"
                       r"(?:叫什么|叫啥|什么名字|啥名字|名字|全名|姓名|姓啥|姓什么)|"
                       r"(?:记者|作者|联系人|摄影师?|主持人|编辑)(?:是谁|是哪位|叫)|谁(?:写|采写|撰写|画|拍|摄|主持|记录)的|由谁主持|"
                       r"(?:是|由)?谁(?:来|去)?(?:讲|主讲|授课|讲课|上课|发言|致辞|作报告|做报告)|"
                       r"哪位[\u4e00-\u9fff]{0,6}?(?:官员|领导|专家|同志|老师|代表|嘉宾|指挥员|指挥官|负责人)|"
                       r"contact person|who wrote|what is (?:his|her) name|who is the (?:reporter|author)")
_ORGS = "机构|公司|企业|国企|单位|银行|院校|学校|高校|大学|医院"
# A named body: 「珩嶂省人才发展研究院」「瑷陉农商银行」, not 「合作银行」 or 「第三方机构」.
_NAMED_BODY = re.compile(r"(?!合作|相关|有关|商业|金融|各家|各类|其他|部分|多家|这家|该家|市属|国有|省属|定点|指定|三方|承办)"
                         r"(?![\u4e00-\u9fff]?[一二两三四五六七八九十几多])"  # 「联合三部门」 names none of them
                         r"[\u4e00-\u9fff]{2}(?:有限公司|有限责任公司|公司|集团|研究院|研究所|学院|大学|学校|协会|商会|联合会|事务所|"
                         r"银行|医院|基金会|(?<![部签])署|(?<![全内外东西南北中局干底头])部(?![门署分位])|厅|(?<![格布结大全变开当])局|委员会|办公室|中心|平台|宾馆|酒店|饭店|"
                         r"大厦|网站|(?<!互联)网(?![络格点上民友页])|(?<![好之到此各出一难用益长短远近住])处(?!理|置|分|长)|"
                         r"(?<![学本专文理工医外内儿眼牙])科(?!技|学|研|普|目|长)|(?<![公上官])司(?!长|机|法))")
_VENUES = "宾馆|酒店|饭店|大厦"
# 「When will…」「…start when?」 ask a date; 「When HR agencies team up…, what is…」 opens a clause
_EN_WHEN = (r"\bwhen\s+(?:is|was|are|were|will|would|did|does|do|can|could|should|must|has|have|had|shall|exactly)\b|"
            r"\bwhen\s*[?？]|\b(?:by|since|until|till) when\b")
ANSWER_KINDS: list[tuple[str, re.Pattern, re.Pattern | None]] = [
    ("doc_number", re.compile(r"文号|发文字号|什么字号|(?:协议|合同)编号"), re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")),
    # Which one is first (「哪个省开工数量最多」): a passage that lists some without ranking them does not say.
    ("superlative", re.compile(rf"哪[个项家一些位省市所][^，,。？?；;]{{0,15}}?(?:{_MOST})|(?:{_MOST})的(?:是)?(?:哪|谁)"),
     re.compile(r"最高|最多|最大|最低|最少|最长|最短|最快|最慢|最早|最晚|第一|首位|居首|之最|排名|位居|领先|位列")),
    ("name", _NAME_CUE, None),
    # A phone number is no amount: 「电话多少」.
    ("email", re.compile(r"邮箱|电子邮件|电邮|e-?mail"), re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
    # A web address (「平台的网址是多少」): the platform's name is not one.
    ("url", re.compile(r"网址|网站地址|网页地址|链接|域名|\burl\b|web ?address"),
     re.compile(r"https?://|www\.|(?<![@\w])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.cn|com\.cn|org\.cn|cn|com|org|net)\b")),
    # 「咨询热线是多少」「打哪个热线」 ask a number; 「12345热线这周受理了多少件」 asks about what the line did
    ("phone", re.compile(r"电话|号码|手机号|热线(?:电话)?(?:号码?)?(?:是|为)?(?:多少|几|啥|什么)|"
                         r"(?:哪个|什么|有没有|有无|打)[^，,。？?]{0,6}热线|热线[？?吗呢]*$|传真|联系方式|(?:怎么|如何|怎样)联系|phone|"
                         r"hotline(?: number|\s*[?？]|$)|(?:what|which)(?:'s| is)? (?:the )?hotline"),
     re.compile(rf"{PHONE.pattern}|(?<![\d.])\d{{8}}(?![\d.])")),
    # A street address: 「在哪办公，地址是什么」「材料寄到哪里」 needs a road and number, not the name of the office.
    # Where a meeting is held (「专题会议在哪开的」) wants the venue: 「市政府2号楼第五会议室」, 「挪威会展中心」; where
    # to hand in papers (「线下到哪里交材料」), the counter: 「政务服务中心人社综合窗口（B区3楼）」.
    ("address", re.compile(r"地址|邮编|邮政编码|在哪办公|办公地点|门牌|哪条路|什么路|(?:寄|邮寄|寄送)(?:到|往|给)?(?:哪|什么地方)|address|"
                           r"在哪[里儿]?(?:开|召开|举行|举办)|(?:会议|会|培训|活动|开班)的?地点|"
                           r"(?:到|去)哪[里儿]?(?:交|提交|递交|办理|领取|领|办)|哪个窗口|(?:受理|办理)(?:地点|窗口)"),
     # 「政通路88号」, not the 36号 of a document number 「泓人社发〔2025〕36号」
     re.compile(r"(?:邮编|邮政编码)[：:]?\s*\d{6}|[\u4e00-\u9fff]{1,8}(?:路|街|道|大道|巷|胡同)\d+号|(?<![〕\]］\d])\d+号(?:楼|院)?|大厦|大楼|[A-Za-z]?\d{3,4}室|"
                r"会议室|会场|报告厅|礼堂|会堂|宾馆|酒店|饭店|[会展议览]中心|在[^，。；在]{2,24}(?:召开|举行|举办|开幕)|"
                r"窗口|大厅|(?<!\d)\d{1,2}楼|[A-Z]座|政务服务中心")),
    # The name of an organisation (「请的第三方机构是哪一家」「没通过的2家机构叫什么名字」): a passage that only says
    # 「第三方机构」 or 「2家机构」 names none.
    ("org_name", re.compile(rf"哪[一几]?[家所][\u4e00-\u9fff]{{0,4}}?(?:{_ORGS})|哪[几两三四五六七八九十]?个部门|哪些部门|哪个(?:处室?|科室?|司)(?![理置分长])|(?:银行|院校|学校|高校|大学|医院)(?:都)?(?:有|是)(?:哪些|哪几)|(?:{_ORGS})(?:都|分别|各)?(?:是|叫|有)?(?:哪一家|哪几家|哪些家|哪家|哪所|哪几所)|"
                            rf"(?:{_ORGS})(?:都)?(?:叫什么|叫啥|的名字|的名称|全称是)|"
                            rf"哪一?[个家座所](?:{_VENUES})|(?:{_VENUES})(?:叫什么|叫啥|的名字|是哪)|(?:哪个|什么|啥)网站?"),
     _NAMED_BODY),
    # Where money comes from (「奖补资金从哪块钱里列支」「试点的钱从哪来」): the passage naming the budget it is paid from.
    ("funding", re.compile(r"(?:钱|资金|经费|费用)(?:是)?从哪|从哪[块笔个项]?(?:钱|资金|经费)(?:里|中)?(?:列支|出|支出|安排)|从哪[块笔个项]?(?:里|中)?列支|"
                           r"(?:资金|经费)(?:来源|渠道)|谁(?:来)?出钱|在哪[块笔项]?(?:钱|资金|经费)?(?:里|中)?列支"),
     re.compile(r"列支|(?:资金|经费)(?:来源|渠道)|来源于|由[^，。；]{1,20}(?:承担|负担|统筹安排|筹措|出资)|"
                r"从[^，。；]{1,30}(?:中|里)(?:列支|安排|支出|统筹)|统筹(?!用于|使用|安排使用)[^，。；]{2,24}(?:资金|经费)|"
                r"列入[^，。；]{0,12}预算|自筹|出资")),
    # An ordinal (第几届, 排第几): a count or an amount does not answer it.
    ("ordinal", re.compile(r"第几|排第|哪一届|几届|哪一?期(?![间限])"),
     re.compile(r"第[\d一二三四五六七八九十百零]+|首[届批次轮]|[一二三四五六七八九十](?:候|期|批|届|轮)")),
    ("time_of_day", re.compile(r"几点|什么时刻|what time|(?:上午|下午|中午|晚上|傍晚|凌晨|早上|白天|夜里)还是"), re.compile(r"\d{1,2}[:：]\d{2}|\d{1,2}时(\d{1,2}分)?|上午|下午|中午|晚上|傍晚|凌晨|早上")),
    ("year", re.compile(r"哪一?年|几几年|which year|what year"), re.compile(r"\d{4}年|[一二〇零]{4}年")),
    ("date", re.compile(r"哪一?天|几号|几时|几月份?|时间节点|时间表|时间安排|几月几|哪个月|哪几个月|哪些月份?|什么时候|什么时间(?!段)|啥时间|何时|什么日子|啥时候|日期|截止|截至|最晚|最迟|"
                        r"(?:哪个|什么|啥|哪一?)时间段|哪段时间|时间范围|起止时间|起止日期|"
                        r"几日|" + _EN_WHEN + r"|\bdate\b|deadline|by when"),
     re.compile(r"\d{1,2}月|\d{1,2}日|月底|年底|年末|上旬|中旬|下旬|\d{4}年|[一二三四五六七八九十]+月")),
    # 「每周哪几天有人驻点」 asks which days (「每周一、三、五」), not how many
    ("period", re.compile(r"多久|多长时间|多少年|(?<![十百])几年|(?<![十百哪])几天|多少天|(?<![哪十百])几个月|多少个月|几周|持续(?=多|几|到|时间|的时间)|期限|周期|how long|"
                          r"(?:几|多少)个?工作日"),
     # A duration, not a date: 3年 / 5个工作日 / 两个月, but not 2025年, 7月18日, 4日 or 9月底.
     re.compile(r"(?<![\d月年.—\-～~至到])\d{1,3}(?:\.\d+)?\s*(?:个\s*月|个?\s*(?:工作日|年|天|周|小时|分钟))(?![\d底初末中上下份])|"
                r"(?<![\d月.—\-～~至到])\d{1,3}\s*日(?:内|以内|之内)|"  # 「收到资金后30日内」: thirty days, not the 30th
                r"[一二三四五六七八九十两半]+个?(?:工作日|年|月|天|周)|期为|期限为|至\d{4}年|年左右|每年|每季|每月|季度|半年")),
    ("amount", re.compile(r"多少|(?<![哪十百])几(?![时月十])[个家所名成倍万亿项次人天所吨辆只批]?|多大|多高|多重|多远|比例|比重|占比|百分之|how many|how much|"
                          r"what share|percentage|\b(?:what|the)(?: \w+)? (?:size|number|count|total|amount|toll)\b|how (?:big|large)"),
     # a figure, not a date (「7月18日」「2025年」 count nothing), an enumeration (「四是…」) or a word (「之一」「一批」)
     re.compile(r"(?<![\d.之])(?!(?:19|20)\d{2}\s*年)(?![一二三四五六七八九十]+是)"
                r"(?!一(?:批|些|起|道|同|并|体|方面|线|流|直|定|般|致|步|系列|揽子|带|切|向|贯))" + _NUM + r"(?![\d０-９.一二两三四五六七八九十百千])\s*(?![月日号])"
                r"(?:%|％|[^\d\s，。；、]{0,1})|[一二两三四五六七八九十]成")),
]
_UNIT_CUE = re.compile(r"(?:多少|几)(万|亿)?(元|钱|块|吨|人次|人|家次|户次|家|所|辆|公里|千米|平方米|米|公斤|千克|亩|岁|天|年|倍|名|位|批|个百分点|个点|个|项|座|件|条|场|艘|架|"
                       r"份|套|台|本|页|轮|户|次|小时|张|栋|处|只|票|枚|篇|间|层|部(?!门)|分(?!钟|之))|(多远)|"
                       r"(百分之|百分比|比例|比重|占比|几成|(?<=[\u4e00-\u9fff])率(?=[\u4e00-\u9fff]{0,3}?(?:多少|几|多高)))")
_UNIT_FORMS = {"钱": "元", "块": "元", "人": "人|人次|名", "名": "名|人", "位": "位|名|人", "率": "%|％|成", "年": "年",
               "个点": "个百分点|%|％", "个百分点": "个百分点|%|％", "米": "米|公里|千米", "岁": "岁|年",
               "天": "天|日", "多远": "公里|千米|米|里",
               "百分之": "%|％|成", "百分比": "%|％|成", "比例": "%|％|成", "占比": "%|％|成", "比重": "%|％|成", "几成": "%|％|成"}
# Kinds of money: an amount asked about a subsidy is not answered by a revenue or a budget line, nor the reverse.
MONEY_KINDS = {
    "subsidy": re.compile(r"奖补|补贴|补助|奖励|资助|补偿|奖金"),
    "interest": re.compile(r"贴息|利息|利率"),  # paid on a loan: 「贴息比例多少」 is no 「一次性奖励」
    "revenue": re.compile(r"收入|营收|营业额|产值"),
    "funds": re.compile(r"资金|经费|预算|拨款|投入"),
    "investment": re.compile(r"投资"),  # a project's 总投资 is not the 省级资金 allocated to it
    "rent": re.compile(r"租金|房租|租赁费"),
    "fee": re.compile(r"物业费|管理费|手续费|会费|培训费|服务费|报名费"),
    "capital": re.compile(r"注册资本|注册资金|实缴资本"),
    "tax": re.compile(r"税收|税费|税款|纳税|减税|免税|退税"),
}


# What a count counts (「多少家制造业企业」 counts 企业): a passage whose figures count something else does not answer.
_COUNTED_HEADS = "企业|机构|单位|公司|城市|项目|学校|院校|平台|基地|园区|驿站|服务站|联合体|中心|人才"
_COUNTED = re.compile(rf"(?:多少|几)(?:家|个|所|项|座)(?:[\u4e00-\u9fff]{{0,6}}?)({_COUNTED_HEADS})")


def counted_head(text: str) -> str:
    """The noun a count in a question counts (企业 in 「签约了多少家制造业企业」), "" when none is named."""
    m = _COUNTED.search(text)
    return m.group(1) if m else ""


def counted_phrase(text: str) -> str:
    """The whole noun phrase a count counts (制造业企业 in 「签约了多少家制造业企业」), "" when none is named."""
    m = _COUNTED.search(text)
    return re.sub(r"^(?:多少|几)(?:家|个|所|项|座)", "", m.group(0)) if m else ""


# A part of a total the question quotes: 「387万个停车位里，有多少个带充电桩」 asks for the part (「有多少个带充电桩」).
_PART_OF_TOTAL = re.compile(r"\d[\d.,]*\s*(?:多|余)?\s*(?:万|亿)?(?:个|家|户|人|名|位|项|公里|千米|%|％|家次|人次|吨|元|辆|座|所|套|"
                            r"次|艘|批)(?:左右)?[^，,。？?\d]{0,12}?(?:里|中|当中|之中|其中)"
                            r"(?:[，,]|(?=有|占|分|又|具体|大概|一共|能|是|带))(.+)$")
_PART_ASKED = re.compile(r"多少|几|占|百分之|比例|比重|哪")


def part_of_total(text: str) -> str:
    """The clause asking for a part of a total the question quotes, "" when it asks for none."""
    m = _PART_OF_TOTAL.search(text)
    return m.group(1) if m and _PART_ASKED.search(m.group(1)) else ""


_RATE_ASKED = re.compile(r"(?<![利费税])率[^，,。？?]{0,4}(?:多少|几|多高)")


def asks_rate(text: str) -> bool:
    """「资金绩效指标里合格率要求达到多少」 asks a rate, not a sum of the money it names."""
    return bool(_RATE_ASKED.search(text))


def money_kinds(text: str) -> set[str]:
    """The kinds of money a text names (「奖补资金」: subsidy and funds)."""
    return {name for name, rx in MONEY_KINDS.items() if rx.search(text)}


_HOUSEHOLD = re.compile(r"[\u4e00-\u9fff]?([户人])")  # the counted noun is itself counted in a unit
_COUNTED_NOUN = re.compile(r"(?:多少|几)个([\u4e00-\u9fff]{2}|人)")
# 多少 before a countable noun with no measure word: 「多少城市」「几家企业」 is caught above, 「多少企业」 here
_BARE_COUNT = re.compile(r"(?:多少|几)(城市|企业|机构|项目|单位|园区|平台|部门|学校|院校|高校|基地|国家|地区|省份)")
# Money words: an amount asked about them is an amount of money.
_MONEY = re.compile(r"税收|税费|减免|纳税|奖补|补贴|补助|奖励|资金|经费|钱|拨款|贴息|贷款|多少万|费用|预算|收入|营业额|资本|投资|投入|产值|营收|金额|价格|租金|房租|工资|薪酬|年薪|物业费|管理费|手续费|会费|培训费|服务费")
# Who spoke (「推进会上是谁讲的话」): a speech's speaker, whom its title names.
SPEECH_ASKED = re.compile(r"谁[^，。？?]{0,3}(?:讲话|讲的话|发言|致辞)|(?:讲话|发言|致辞)(?:的|人)?(?:是哪位|是谁|是哪个)")
KIND_HINTS = {
    "person": re.compile(r"谁|哪位|什么人|哪个人|名字|姓名|记者|作者|\bwho\b"),
    "organisation": re.compile(r"哪[些几]?个?部门|哪家|什么部门|什么机构|哪个机构|哪些机构|谁发|由谁|哪个单位|哪些单位|责任单位|"
                               r"\b(?:which|what) (?:government )?(?:ministry|department|agency|body|organi[sz]ation|authority|bureau)\b"),
    "place": re.compile(r"哪里|哪儿|什么地方|在哪|哪个港|哪座|(?:^|[,.;:!?]\s*)where\b"),  # 「…where work began」 asks no place
    "reason": re.compile(r"为什么|为何|为啥|原因|怎么会|why"),
    "purpose": re.compile(r"(?<![项题栏节科条数])目的|为了啥|为了什么|意义|干嘛|图啥|图(?:的是|个)(?:啥|什么)|旨在|what for|purpose|\baim"),
    # What follows if something happens (「评审结果要是较差会怎么样」「骗取资金会怎么处理」).
    "consequence": re.compile(r"会怎么?样[？?。]?$|什么后果|啥后果|怎么处理|如何处理|咋处理|会被怎么|会有什么影响|还会怎样"),
    # 「结果怎么样」「效果如何」 at the end ask how something turned out, not by what means
    "method": re.compile(r"怎么(?!样?[了啊呀呢吧？?。！!~]*$)|如何(?![了啊呀呢吧？?。！!~]*$)|怎样(?![了啊呀呢吧？?。！!~]*$)|"
                         r"方式|途径|\bhow\b(?!\s+(?:many|much|long|often|far|old|big|large|soon|high))"),
    "list": re.compile(r"哪些(?!月)|有什么|有啥|包括|哪几(?!个?月|天)|哪[两三四五六七八九十]|都有|时间表|时间安排|时间节点|日程|which \w+(?:ies|[^s]s)\b|what are"),  # 「which cities」, not 「which ministry」
    # How things stand now (「目前已经建成几个」), which a plan's target (「到2027年建设8个」) does not answer.
    "status": re.compile(r"目前|已经|现在|现有|截至目前|如今|当前|眼下|已(?:建|有|认定|组建|入驻|开工|到位)|到账|到位了|实际|最终"),
    "yesno": re.compile(r"([\u4e00-\u9fff])不\1|可以吗|能否|是不是|是否|算不算|够不够|有没有|行不行|行吗|成不成|吗[？?]?$|是[^，,。？?]{1,15}吧[？?]?$|(?<![什怎])么[？?]?$|"
                         # an English yes/no question opens its clause with the verb: 「what … can receive」 is none
                         r"(?:^|[,.;:!?]\s*)(?:can|could|is|are|was|were|do|does|did|will|would|should|has|have|may|must)\b"),
    # About the document itself (its number, issuers, addressees, date, author), not a duty to issue something.
    "metadata": re.compile(r"文号|发文|落款|(?:协议|合同)编号|主送|哪些附件|几个附件|什么附件|附件(?:有|是|都|包括|叫)|"
                           r"抄送(?:给)?了|抄送单位|抄送(?:了|的)?(?:哪些|哪几)|哪个记者|哪位记者|记者是|谁写|作者|谁画|谁拍|成文|责任编辑|责编|"
                           rf"{SPEECH_ASKED.pattern}|"
                           r"(?:哪天|哪一天|什么时候|啥时候|什么时间|啥时间|何时|几号|几月几[日号])(?:印发|发布|签发|下发|发|出台|公布|报送|上报|报给[^，。？?]{0,5})的|"
                           r"(?:印发|发布|签发|下发)(?:日期|时间|单位|机关)|发给(?:了)?(?:哪|谁)|谁(?:印发|发布|签发|发)的|"
                           r"哪[个些几两三]个?(?:部门|单位|机关|厅|局|委|家)(?:联合|一起|共同)?(?:印发|发布|下发|发|编印|编发|编)的|"
                           r"谁(?:审核|审签|终审|审校|校对)|(?:审核|校对)(?:人|的)?(?:是谁|是哪位)|"
                           r"(?:答复|建议|提案)[^，。？?]{0,6}(?:哪一?类|什么类别|类别)|(?:哪一?类|什么类别)的?(?:答复|建议|提案)|"
                           r"编印|编发单位|第几期|(?:简报|纪要|通报|专刊)[^，。？?]{0,4}哪一?期(?![间限])|报送(?:给)?了|报送单位|报送(?:了|的)?(?:哪些|哪几)|"
                           r"电稿|发稿|电头|(?:哪天|哪一天|什么时候|从哪里?)(?:发出|发回|发)的(?:稿|电|报道|新闻)|"
                           r"哪家(?:单位|机构|媒体|通讯社)?(?:发|发布|编发|供)的|出自哪家|哪家(?:通讯社|媒体|报社)|"
                           r"联系人(?:是谁|是哪位|叫什么|叫啥|有哪些|有谁)|找谁(?:联系|对接|反映|咨询|投诉|举报)|向谁(?:反映|咨询|投诉|举报)|(?:联系|对接)谁|(?:联系|咨询)(?:电话|方式)(?:是|多少)|"
                           r"打哪个电话|哪个电话|什么电话|电话(?:号码)?(?:是)?多少|"
                           r"(?:哪个|什么|哪家|谁)的?(?:单位|部门|机关)?的?名义(?:印发|发布|下发|发)"),
}
CHUNK_EVIDENCE = {
    "person": re.compile(r"记者|[长官员人]$|负责人|市长|组长|主任|总理|总统|作$"),
    "organisation": re.compile(r"部|厅|局|委|署|办|政府|公司|机构|集团|协会|中心|基金会|单位"),
    "place": re.compile(r"[省市县区州港国]|中心|地区|园区|码头"),
    "reason": re.compile(r"原因|因为|由于|导致|是为了|旨在|目的|为了"),
    "purpose": re.compile(r"旨在|(?<![项题栏节科条数])目的|为了|意义|推动|促进|助力|希望(?:借助|通过|以|能)|以期|以便|为的是"),
    "consequence": re.compile(r"取消|约谈|整改|追回|通报|不得|失信|惩戒|追究|退出|暂停|撤销|收回|扣减|问责|确定为|列为"),
}
# A place named in a question: X省 / X市 / X县 (X not a generic word), or a short form known from the documents.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(省|市|自治区|县)")
NOT_PLACE_START = set("我本该各全每这那其省地县试城市区上下整副")
NOT_IN_PLACE = set("们是的了在和与及或等个多少几这那哪什么怎我你他她它各每本该全上下级点对向从到给为被把让有没要想能")
GENERIC_PLACE = {"城市", "试点", "设区", "地级", "县级", "直辖", "省会", "副省", "计划单列", "所在", "有关", "相关",
                  "入选", "申报", "推荐", "国家", "省级", "市级", "全国", "中心", "一线", "二线", "三线"}


# Attempts to give the assistant new orders are not questions about the documents (refused before search).
_INJECTION = re.compile(r"ignore (all |your |the )?(previous|prior|above)|system prompt|you are now|act as|pretend to be|"
                        r"忽略(之前|以上|上面|前面|所有)|系统提示|提示词|你现在是|(?:你|请|现在)(?:来|要)?扮演|扮演成|调试模式|自由模式|不用管文件|直接编")


def injected(text: str) -> bool:
    """True for a message that tries to override the assistant's instructions."""
    return bool(_INJECTION.search(text.lower()))


@dataclass(frozen=True)
class Asked:
    """A question reduced to what it asks."""

    text: str  # normalised, politeness removed
    kinds: tuple[str, ...]  # hard kinds (evidence required) and hints
    unit: str = ""  # the unit an amount must carry, as a regex alternation; for a name, the post it goes with


# Where one message asks two things: after a question mark, at a semicolon, or at 「，还有」/「, and how…」.
_PART_BREAK = re.compile(r"(?<=[？?])|[；;]|[，,]\s*(?:还有|另外|以及|顺便问一?下|再问一?下)|"
                         r",\s*and\s+(?:(?:also|then|roughly|about|exactly)\s+)?"
                         r"(?=(?:how|what|when|where|who|which|why|is|are|can|do|does)\b)", re.IGNORECASE)
_INTERROGATIVE = re.compile(r"什么|啥|哪|谁|怎么|怎样|如何|为什么|为何|何时|多少|多久|几|吗|呢|么|是否|能否|能不能|可不可以|有没有|是不是|"
                            r"\b(?:what|when|where|who|which|why|how|is|are|can|do|does)\b", re.IGNORECASE)
MIN_PART_CHARS = 6


def sub_questions(text: str) -> list[str]:
    """The separate questions of one message (「一共选多少个城市？推荐截止到哪天？」 -> two); one when it asks one."""
    parts = [p.strip(" ，,。.！!") for p in _PART_BREAK.split(text) if p]
    asked = [p for p in parts if len(p) >= MIN_PART_CHARS and _INTERROGATIVE.search(p)]
    if len(asked) == 1:  # 「各省应于何时之前完成推荐，试点城市又应于何时之前印发方案？」: two asks in one sentence
        clauses = [c.strip() for c in re.split(r"[，,]", asked[0]) if c.strip()]
        asking = [i for i, c in enumerate(clauses) if _INTERROGATIVE.search(c)]
        if len(asking) == 2:
            cut = asking[0] + 1
            first, second = "，".join(clauses[:cut]), "，".join(clauses[cut:])
            if len(first) >= MIN_PART_CHARS and len(second) >= 2 * MIN_PART_CHARS:
                return [first, second]
    return asked if len(asked) > 1 else [text]


def strip_politeness(text: str) -> str:
    """「您好，请问……谢谢」 -> 「……」."""
    previous = None
    while previous != text:
        previous = text
        text = _POLITE.sub("", text).strip(" ，,。.!！～~：:")
    return text or previous or ""


# How long between two events (「从宣布到推荐截止，中间隔了多久」): the documents answer with the two dates.
_INTERVAL = re.compile(r"中间|之间|相隔|隔了|间隔|相差|相距|隔多")
# 「最晚期限是啥时候」 asks when, though 期限 names a period: the asking words decide.
_ASKS_WHEN = re.compile(r"哪一?天|几号|几月几|什么时候|啥时候|何时|" + _EN_WHEN)
_ASKS_HOW_LONG = re.compile(r"多久|多长|多少年|几年|几天|多少天|几个月|多少个月|几周|how long")
# 「哪天开始施行」 wants a day, and a passage giving one (「4月1日」「9月底」「之日」), not only years.
_DAY_ASKED = re.compile(r"哪一?天|几号|几月几[日号]|哪一?日")
EXACT_DAY = "具体日"  # the unit of a question that insists on the day itself
# 「具体是哪天」「11月哪一天开」: the asker knows the month or span already and wants the day.
_EXACT_DAY_ASKED = re.compile(r"具体(?:是|在)?(?:\d{1,2}月)?(?:哪一?天|几号|几月几[日号]|日期)|(?:哪一?天|几号)[^，。？?]{0,3}具体|"
                              r"\d{1,2}月(?:份)?的?(?:哪一?天|几号)")
DATE_SPAN = "时段"  # the unit of a question asking from when to when
_WHEN = r"(?:什么时候|啥时候|何时|哪一?天|几号|几月几[日号]?|几月)"
_SPAN_ASKED = re.compile(rf"时间段|时段|时间范围|起止|起讫|从{_WHEN}到|哪段时间|期间是")
_WHEN_TO_WHEN = re.compile(rf"{_WHEN}(?:开始)?[到至]{_WHEN}")  # 「哪天到哪天」: both ends, though 哪天 alone asks a day
# two ends of a span: 「2025年7月1日至2026年6月30日」「7月6日至8月14日」「2026—2028年」
_DATES_SPANNED = re.compile(r"(?:\d{4}年|\d{1,2}月|\d{1,2}日)\s*(?:至|到|—|－|~|～|-)\s*(?:\d{4}年|\d{1,2}月|\d{1,2}日)")
NAMED_DAY = re.compile(r"\d{1,2}\s*[日号]|[一二三四五六七八九十]+[日号]")  # 「10月16日」, not 「10月中旬」
_DAY = re.compile(NAMED_DAY.pattern + r"|月底|月末|月初|年底|年末|上旬|中旬|下旬|之日|当日|当天")


# 「截至8月底，签约了多少家」 states the time it asks about; it does not ask for a date.
_STATED_TIME = re.compile(r"(?:截至|截止)(?:到)?(?=\s*(?:\d|今年|去年|本年|目前|现在|当前|年底|上月|本月|上半年|前[三四五六七八九十\d]))")


# The kind of body an org_name question asks for, by the suffixes its names end in ("" for any body).
_BODY_SUFFIXES = {"银行": "银行", "院校": "学院|大学|学校", "学校": "学院|大学|学校", "高校": "学院|大学", "大学": "学院|大学",
                  "医院": "医院", "公司": "有限公司|有限责任公司|公司|集团", "国企": "有限公司|有限责任公司|公司|集团",
                  **{venue: _VENUES for venue in _VENUES.split("|")}, "网站": "网站|网", "网": "网站|网",
                  "哪个处": "处", "哪个科": "科", "哪个司": "司",
                  "部门": "部|厅|局|委员会|办公室|署|司|处|科"}  # a government body, not a 中心 or 平台 it runs


def _asked_body(low: str) -> str:
    """The suffixes of the body an org_name question asks for (银行 for 「合作银行有哪几家」)."""
    return next((v for k, v in _BODY_SUFFIXES.items() if k in low), "")


_AMOUNT_CUE = next(cue for name, cue, _ in ANSWER_KINDS if name == "amount")
_DAY_AND_TIME = re.compile(r"(?:哪一?天|几号|几月几)[^，,。？?]{0,6}几点")  # 「哪天几点开」 asks both


def read_question(text: str) -> Asked:
    """The kinds of answer a (normalised) question wants."""
    core = strip_politeness(text)
    if not any(cue.search(core.lower()) for name, cue, _ in ANSWER_KINDS if name in HARD_KINDS):
        core = _guess_asked(core)
    stated_time = bool(_STATED_TIME.search(core.lower()))
    low = _FEW.sub("不多", _STATED_TIME.sub("", core.lower()))
    kinds = [name for name, cue, _ in ANSWER_KINDS if cue.search(low)]
    if "time_of_day" in kinds and "amount" in kinds and not _AMOUNT_CUE.search(low.replace("几点", "")):
        kinds.remove("amount")  # 「几点开」 asks a time, not a count
    if ("time_of_day" in kinds and not _DAY_AND_TIME.search(low)) or "year" in kinds:
        kinds = [k for k in kinds if k != "date"]
    if "period" in kinds and (_INTERVAL.search(low) or (_ASKS_WHEN.search(low) and not _ASKS_HOW_LONG.search(low))):
        kinds = ["date" if k == "period" else k for k in kinds if k != "amount"]
    elif "period" in kinds:
        kinds = [k for k in kinds if k not in ("amount", "date")]
    if "amount" in kinds and (_asks_after_amount(low) or "phone" in kinds or "doc_number" in kinds or "email" in kinds or "url" in kinds or "address" in kinds or "ordinal" in kinds
                              or ("date" in kinds and _DAY_NUMBER_ASKED.search(low))):  # 「截止日期是几号」 is a day
        kinds.remove("amount")
    kinds += [name for name, cue in KIND_HINTS.items() if cue.search(low)]
    if "person" in kinds and _THING_NAME_ASKED.search(low) and not _PERSON_ASKED.search(low):
        kinds.remove("person")  # 「那个基地叫什么名字」 asks a base's name, not a person's
    if stated_time and "status" not in kinds:
        kinds.append("status")  # 「截至8月底签约了多少家」 asks how things stood then
    unit = (_asked_post(low) if "name" in kinds else _asked_unit(core) if "amount" in kinds
            else _asked_body(low) if "org_name" in kinds else "")
    dated = "date" in kinds and hard_kinds(Asked(core, tuple(kinds))) == ["date"]  # 「哪个部门几号透露的」: the body
    if dated and _WHEN_TO_WHEN.search(low):
        unit = DATE_SPAN
    elif dated and _DAY_ASKED.search(low):
        unit = "日"  # 「哪天开始施行」 wants a day: 「2026年至2028年」 gives only years
        if _EXACT_DAY_ASKED.search(low):
            unit = EXACT_DAY  # 「具体是哪天」: 「11月下旬」 is the span the asker already knows
    elif dated and _SPAN_ASKED.search(low):
        unit = DATE_SPAN  # 「覆盖哪个时间段」 wants both ends: 「2025年7月1日至2026年6月30日」, not 「截至6月30日」
    if kinds and "yesno" not in kinds:  # who asks matters to 「能报吗」, not to 「一共选多少个城市」
        core = _SELF_INTRO.sub("", core).lstrip("，,:：") or core
    return Asked(core, tuple(dict.fromkeys(kinds)), unit)


# A guess put up to be confirmed (「是不是得有上百个城市啊」「占一半以上了吧」「年底前交上去就行了吧」): the passage
# giving the true figure or day answers it. Not a question about the asker's own situation (「我们有50个员工，能报吗」).
_CONFIRM = re.compile(r"(?:吧|吗|么|啊|呀|不|没)[？?！!。\s]*$|是不是|对不对|是吧|对吧")
_GUESSED_AMOUNT = re.compile(r"(?P<count>(?:上|成|好几)[百千万](?=[个家人项])|几[十百千万](?=[个家人项])|"
                             r"\d+(?:\.\d+)?(?=[个家人项][^，,。？?]{0,2}?(?:以上|左右|多|来)))|"
                             r"(?P<share>(?:一半|大半|半数|过半|多半|[一二三四五六七八九]成|\d+(?:\.\d+)?\s*[%％])(?:以上|以下|左右|多)?)")
_GUESSED_DAY = re.compile(r"(?:年底|年末|月底|月末|年内|年中|明年|下个月|上半年|下半年|\d{1,2}月(?:份|底|初|中旬|上旬|下旬)|"
                          r"[一二三四五六七八九十]{1,2}月(?:份|底|初))(?:前|之前|以前)?")
_ASKER = re.compile(r"我|咱|俺|本单位|本公司|本企业")


def _guess_asked(core: str) -> str:
    """A confirmation question asked as the question it stands for: its guess becomes the question word
    (「是不是得有上百个城市啊」 -> 「是不是得有多少个城市啊」, 「年底前交上去就行了吧」 -> 「什么时候交上去就行了吧」)."""
    if not _CONFIRM.search(core) or _ASKER.search(core):
        return core
    amount = _GUESSED_AMOUNT.search(core)
    if amount:
        word = "多少比例" if amount.group("share") else "多少"
        return core[:amount.start()] + word + core[amount.end():]
    day = _GUESSED_DAY.search(core)
    return core[:day.start()] + "什么时候" + core[day.end():] if day else core


# 「我是某地级市人社局的，」 before the question: who is asking
_SELF_INTRO = re.compile(r"^(?:我|我们|本人)是[^，,。？?！!]{1,24}的[，,：:\s]+")


_DAY_NUMBER_ASKED = re.compile(r"几号|几月几")
# The name of a thing, not of a person: 「拟认定的试点基地叫什么名字」「这个平台的名称」.
_THING_NAME_ASKED = re.compile(r"(?:基地|园区?|中心|平台|项目|站|驿站|市场|联合体|活动|会议|文件|方案|品牌|大赛|竞赛|系统|网站|"
                               r"公众号|小程序|产品|模型|课程|栏目|专栏|基金|工程|计划|行动|工作室|实验室|学院|协会|商会|联盟|"
                               r"机构|公司|企业|单位|学校)(?:的|都|分别|各自)?(?:叫什么|叫啥|是什么|是啥)?(?:名字|名称|全称)")
_PERSON_ASKED = re.compile(r"谁|哪位|什么人|哪个人|姓名|记者|作者|\bwho\b")
# 「公司没几家」「没多少人」 says there are few; it asks for no number
_FEW = re.compile(r"没有?(?:几|多少)")


# Chinese puts the asked thing last: in 「依托产业园建的几个平台里，管就业的那个叫什么」 the count only picks a topic.
_LATER_ASK = re.compile(r"什么|啥|哪|谁|怎么|如何|为什么|为何|有没有|是不是|[吗么][？?]?$")


def _asks_after_amount(low: str) -> bool:
    """True when another question word follows the amount's cue (几个/多少), which then only names the topic."""
    m = ANSWER_KINDS[-1][1].search(low)
    end = _CLAUSE_END.match(low, m.end()) if m else None
    if end and not _WHICH_THEY_ARE.match(low, end.end()):
        return False  # 「结余有多少，怎么处理的」「几辆车，装的是什么」: the amount closes its own clause, so it is asked too
    return bool(m and _LATER_ASK.search(low, m.end()))


# 「一共几类，都是啥」: naming them answers the count as well (the next clause opens by asking which they are)
_WHICH_THEY_ARE = re.compile(r"(?:具体|那|这些|它们|其中)?(?:都是|分别|是?哪些|是?哪几|有哪些|有哪几|是啥|是什么|有啥|有什么|都有|各是|叫什么|叫啥)")
_CLAUSE_END = re.compile(r"[\u4e00-\u9fff]?(?:呢|啊|呀)?[，,；;]")  # a message split at 「？」 is asked part by part


_POST = re.compile(_POSTS)


def _asked_post(low: str) -> str:
    """The post whose holder's name is asked (局长 in 「市人社局局长叫什么名字」), "" when none is named."""
    cue = _NAME_CUE.search(low)
    posts = _POST.findall(low[:cue.end()]) if cue else []
    return posts[-1] if posts else ""


_CLASSIFIERS = frozenset("座 所 件 条 场 项 批 艘 架 辆".split())
# Measure words that count parts of anything, which a count asked in another measure word may be answered in.
_PLAIN_MEASURES = ("个", "种", "类", "项", "档", "段", "级", "期", "轮", "步", "候", "批")
# A measure word the cues above do not list, closing the question (「芒种分几候？」「补贴分几档呢」).
# A verb there is no measure word: 「按多少配」「能给多少」「每人补多少」 ask an amount the text may give in any unit.
_BARE_MEASURE = re.compile(r"(?:多少|几)((?![呢啊吧呀嘛么哦何乎许了的啦税配给补交收拿付发奖贷借扣减加涨降花赔退缴领])[\u4e00-\u9fff])"
                           r"(?=[？?。，,！!呢啊吧呀嘛]|$)")


# 「职工人数」「有多少学员」: people counted, in 人 or 名
_HEADCOUNT = re.compile(r"人数|员工数|职工数|人员数|(?:多少|几)(?:个|位|名)?(?:学员|学生|员工|职工|工人|人员|毕业生|代表|专家|干部|嘉宾|参会人员)")


def _asked_unit(core: str) -> str:
    """The units an amount may carry, as a regex alternation: 「多少人，还是多少家」 accepts either."""
    forms: list[str] = []
    for m in _UNIT_CUE.finditer(core):
        cue = m.group(2) or m.group(3) or m.group(4)
        counted = _COUNTED_NOUN.match(core, m.start())
        if cue == "个" and counted and counted.group(1).startswith("人"):  # 几个人 is answered by 7名
            forms += ["个", *_UNIT_FORMS["人"].split("|")]
        elif cue == "个" and counted:  # 几个部门 is answered by 3个部门 and by 三部门
            forms += ["个", counted.group(1)]
        else:
            forms += _UNIT_FORMS.get(cue, cue).split("|")
            if cue in _CLASSIFIERS:  # 个 counts anything: 「几座城」 is answered by 「30个左右…城市」
                forms.append("个")
        held = _HOUSEHOLD.match(core, m.end()) if cue in ("家", "个", "位", "名") else None
        if held:  # 「多少家住户」 counts households: 「4800万户」
            forms += _UNIT_FORMS.get(held.group(1), held.group(1)).split("|")
    measure = _BARE_MEASURE.search(core) if not forms else None
    if measure:  # any measure word ends a count: 「分几候」 is answered by 「三候」, and 「分几段」 by it too
        forms = list(dict.fromkeys([measure.group(1), *_PLAIN_MEASURES]))
    bare = _BARE_COUNT.search(core) if not forms else None
    if bare:  # 「在多少城市试点」 counts cities: 「30个左右…城市」, 「12家企业」
        forms = ["个", "家", "项", "所", bare.group(1)]
    if not forms and _HEADCOUNT.search(core):  # 「职工人数要求改成多少了」 counts people: 「不少于300人」
        forms = _UNIT_FORMS["人"].split("|")
    if not forms and _MONEY.search(core) and not _CHANGE_ASKED.search(core):
        forms = ["元", "%", "％"] if "税" in core else ["元"]  # a tax is a rate as often as a sum (「加征25%关税」)
    return "|".join(dict.fromkeys(forms))


# 「资金能上浮多少」「补贴比例是多少」「支出进度要达到多少」「资金绩效指标里合格率要求达到多少」: a change, a share or a
# rate, which a percentage (「上浮5%」「≥90%」) answers as well as a sum
_CHANGE_ASKED = re.compile(r"(?:上浮|下浮|浮动|上调|下调|提高|降低|增长|下降|增加|减少|扣减|调剂|调整|调|比例|[\u4e00-\u9fff]率|占比|百分之|进度)"
                           r"[^，。？?]{0,4}(?:多少|几)")


# Who holds a post: 「领导小组的副组长由谁担任」 is about the 副组长, not answered by 「由市长任组长」.
_HOLDER = re.compile(r"(副?(?:[\u4e00-\u9fff]长|主任|书记|主席|总监|经理|法定代表人|法人代表|负责人))(?:是谁|由谁|谁来|谁担任|是哪位|由哪位|叫什么|是哪个人)")


def post_asked(text: str) -> str:
    """The post whose holder a question asks for (副组长 in 「副组长由谁担任」), "" when it names none."""
    m = _HOLDER.search(text)
    return m.group(1) if m else ""


# A plan's target (「到2027年底，组建联合体15个」) as against what is done or stands now (「目前已入驻42家」).
_TARGET = re.compile(r"到\d{4}年|\d{4}年(?:底|末)?前|\d{1,2}月(?:\d{1,2}日|底|末)前|(?:要|须|应|应当|务必)在[^，。；]{0,14}前|力争|计划|目标|预计|拟|争取|将|扩容至|扩展至|达到")
_DONE = re.compile(r"已|现有|目前|截至|截止|累计|共有|共计|共为|一共|总共|建成|现为|到位|"
                   r"(?:今年|全年|上半年|前三季度|当年|去年|上年)(?:以来)?(?:共|累计)?(?:实现|完成|新增)")


def only_targets(text: str) -> bool:
    """True when a passage states a plan's target and nothing about how things stand."""
    return bool(_TARGET.search(text)) and not _DONE.search(text)


def _counted(unit: str) -> re.Pattern:
    """A figure carrying one of the units (「30个左右」「5000余万家次」)."""
    return re.compile(_NUM + r"\s*(?:多|余|来)?\s*(?:万|亿)?(?:" + unit + ")")


def holds_kind(kind: str, text: str, unit: str = "") -> bool:
    """True when a chunk's text holds the kind of thing asked for (a date for 哪天, an amount for 多少钱…)."""
    for name, _, evidence in ANSWER_KINDS:
        if name == kind:
            text = _ITEM_NUMBER.sub("", text)
            if kind == "name":  # 「局长叫什么名字」 is not answered by 「联系人：吴桐」
                # 「局长叫什么名字」 is not answered by a 副局长's name; a contact line naming someone beside a
                # phone number (「省人力资源服务中心（…）：葛天翊，联系电话：…」) names a 联系人
                if unit == "联系人" and names_person(text) and holds_kind("phone", text):
                    return True
                return names_person(text) and (not unit or bool(re.search(
                    (r"(?<!副)" if not unit.startswith("副") else "") + re.escape(unit), text)))
            if kind == "org_name" and unit:  # 「哪几家银行」 is answered by a bank's name, not by the 厅 that chose them
                return any(re.search(rf"(?:{unit})$", m.group(0)) for m in _NAMED_BODY.finditer(text))
            if kind == "date":  # 「2026年度专项资金」 says which year's money, not when anything happens
                text = _YEAR_AS_LABEL.sub("", text)
            if kind == "date" and unit == "日":
                return bool(_DAY.search(text))
            if kind == "date" and unit == EXACT_DAY:
                return bool(NAMED_DAY.search(text))
            if kind == "date" and unit == DATE_SPAN:
                return bool(_DATES_SPANNED.search(text))
            if kind == "amount" and unit:
                measures = "|".join(re.escape(u) for u in unit.split("|") if len(u) == 1 and u != "个")
                return (bool(_counted(unit).search(text))
                        # a table cell whose column names the unit: 「评审得分：86.5」「补助（万元）：40」
                        or bool(measures and re.search(r"(?:^|；)[^：；]*(?:" + measures + r")[^：；]*：\s*\d", text))
                        or bool(re.search(r"[（(](?:万|亿)?(?:" + unit + r")[）)]：?\s*\d", text))
                        # a row labelled with its unit, its figures in the year columns after it:
                        # 「指标：新增高技能人才（人）；2026年：6000」「…数量（家，累计）；2027年：480」
                        or bool(re.search(r"[（(](?:万|亿)?(?:" + unit + r")(?:[，,][^（）()；]{1,6})?[）)]；[^；：]{1,12}：\s*\d",
                                          text))
                        or (unit.split("|")[0] in _COUNTING_UNITS and lists_members(text)))
            return bool(evidence.search(text)) if evidence else True
    return True


def kind_value(kind: str, text: str, unit: str = "") -> str:
    """The first figure of the asked kind a text states (「30个左右」 for 几个城市, 「7月18日」 for 哪天), or ""."""
    if not holds_kind(kind, text, unit):
        return ""
    evidence = next(e for name, _, e in ANSWER_KINDS if name == kind)
    if kind == "amount" and unit:
        evidence = _counted(unit)
    found = evidence.search(_ITEM_NUMBER.sub("", text)) if evidence else None
    return found.group(0) if found else ""


_ITEM_NUMBER = re.compile(r"^\s*[（(]?\d{1,2}[）)\.．、]\s*")
_YEAR_AS_LABEL = re.compile(r"\d{4}年度")
# 几个城市 / 几家机构 is answered by naming them, when a line or a table cell is nothing but the list.
_COUNTING_UNITS = frozenset("个 家 所 项 名 位".split())
_MEMBERS = re.compile(r"[^，。；、：:]{1,10}(?:、[^，。；、：:]{1,10})+")


def lists_members(text: str) -> bool:
    """「江苏：苏州市、无锡市、常州市」 or a row's cell 「试点城市：苏州市、无锡市」: a value that only lists names."""
    return "。" not in text and any(_MEMBERS.fullmatch(re.split(r"[：:]", cell)[-1].strip())
                                    for cell in text.split("；") if "，" not in cell)


# A band of values (「良好：80分以上（含80分）、不足90分」): its bounds, each a number and its unit, in one clause.
_LOWER = re.compile(r"(\d+(?:\.\d+)?)\s*([分元人家个%％岁年天])?\s*(?:及以上|以上|或以上|起)|(?:超过|高于|不低于|大于|满)\s*"
                    r"(\d+(?:\.\d+)?)\s*([分元人家个%％岁年天])?")
_UPPER = re.compile(r"(?:不足|低于|不到|少于|不超过|未满|小于)\s*(\d+(?:\.\d+)?)\s*([分元人家个%％岁年天])?|"
                    r"(\d+(?:\.\d+)?)\s*([分元人家个%％岁年天])?\s*(?:以下|以内)")
_SPAN = re.compile(r"(\d+(?:\.\d+)?)\s*[—－\-~～至到]\s*(\d+(?:\.\d+)?)\s*([分元人家个%％岁年天])")
_VALUE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([分元人家个%％岁年天])")


def _bound(m: re.Match) -> tuple[float, str]:
    number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return float(number), unit or ""


def band_holds(value: float, unit: str, text: str) -> bool:
    """True when a clause of the text states a band the value falls in (85分 in 「80分以上、不足90分」; a lower
    bound includes itself, an upper one 以下 includes itself and 不足 does not); bounds carry the value's unit."""
    for clause in re.split(r"[；;。\n]", text):
        for m in _SPAN.finditer(clause):
            if m.group(3) == unit and float(m.group(1)) <= value <= float(m.group(2)):
                return True
        lows = [_bound(m) for m in _LOWER.finditer(clause)]
        highs = [(m, _bound(m)) for m in _UPPER.finditer(clause)]
        lows = [n for n, u in lows if u in (unit, "")]
        highs = [(n, m.group(0).endswith(("以下", "以内")) or m.group(0).startswith("不超过")) for m, (n, u) in highs
                 if u in (unit, "")]
        if not lows and not highs or not re.search(re.escape(unit), clause):
            continue
        if all(value >= n for n in lows) and all(value <= n if inclusive else value < n for n, inclusive in highs):
            return True
    return False


_INCLUSIVE = re.compile(r"[（(]\s*含[^）)]{0,6}[）)]")
# 「决策（10分）」: what an item of a scoring table weighs, not a score given; 「任务推进（35分）：33.0」 gives one
_WEIGHT = re.compile(r"[（(](?:满分|权重|分值)?\s*\d+(?:\.\d+)?\s*分[）)](?!\s*[：:]\s*\d)")


def states_only_bounds(text: str, unit: str) -> bool:
    """True when every number of the unit in the text bounds a band (「90分（含）以上为“优”，80分（含）至90分为“良”」):
    a scale, which says what a value would mean, not what the value was."""
    plain = _INCLUSIVE.sub("", text)
    plain = re.sub(rf"(\d){re.escape(unit)}(?=\s*[—－\-~～至到]\s*\d)", r"\1", plain)
    values = [m.span() for m in _VALUE.finditer(plain) if m.group(2) == unit]
    bounds = [m.span() for pattern in (_LOWER, _UPPER, _SPAN, _WEIGHT) for m in pattern.finditer(plain)]
    return bool(values) and all(any(b0 <= v0 and v1 <= b1 or b0 <= v0 < b1 for b0, b1 in bounds) for v0, v1 in values)


def valued_numbers(text: str) -> list[tuple[str, float, str]]:
    """The numbers of a question that carry a unit (「得了85分」 -> ("85", 85.0, "分"))."""
    return [(m.group(1), float(m.group(1)), m.group(2)) for m in _VALUE.finditer(text)]


_COUNT = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3}|半)"
_DURATION = re.compile(rf"(?<![\d年])({_COUNT})\s*(个月|年)(?![底末初前度中份])")
# A condition on how long something has existed: 「注册满1年」「成立不足2年」「经营3年以上」.
_DURATION_BOUND = re.compile(rf"(?:满|不少于|不低于|超过|不足|不满|未满|少于|达到)\s*{_COUNT}\s*(?:个月|年)(?![底末初前度])|"
                             rf"{_COUNT}\s*(?:个月|年)\s*(?:以上|以下|及以上|以内)|成立年限|经营年限|注册年限")


def durations_stated(text: str) -> list[float]:
    """How long the asker's situation has lasted, in years (「刚注册半年」 -> 0.5, 「成立才两年」 -> 2)."""
    out = []
    for m in _DURATION.finditer(text):
        count = m.group(1)
        value = 0.5 if count == "半" else float(count) if count[0].isdigit() else float(chinese_count(count))
        if value > 0 and not (m.group(2) == "年" and value >= 1900):
            out.append(value / 12 if m.group(2) == "个月" else value)
    return out


def bounds_duration(text: str) -> bool:
    """True when a text sets a condition on a duration (「注册满1年」)."""
    return bool(_DURATION_BOUND.search(text))


HARD_KINDS = ("superlative", "doc_number", "name", "org_name", "email", "url", "phone", "address", "ordinal", "time_of_day", "year", "date", "period", "funding", "amount")


_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?=年)")


def years_in(text: str) -> set[str]:
    """The years a text names (2028 in 「到2028年」)."""
    return set(_YEAR.findall(text))


def hard_kinds(asked: Asked) -> list[str]:
    """The kinds a chunk must hold to answer (at most one: the most specific)."""
    return [k for k in HARD_KINDS if k in asked.kinds][:1]


_DIRECTIONS = re.compile(r"[东南西北中华]{1,3}[部方]?")  # 中西部省份, 华东 are regions, not places


def _city_named_cheng(name: str, known: dict[str, str], dictionary: Container[str], vocabulary: Container[str]) -> bool:
    """晋城市, 盐城市, a 霁城市 no dictionary knows: a two-character name ending in 城 that is a place."""
    if len(name) != 2 or name[0] in "大小中新老旧各全本该每多少几这那哪其些县主省":
        return False
    return name in known or name in dictionary or bool(vocabulary) and name not in vocabulary


def _glued(pair: str, vocabulary: Container[str]) -> bool:
    """Whether two characters across a place's start are one word (省会), so no place starts there."""
    return pair in GENERIC_PLACE or bool(vocabulary) and pair in vocabulary


def places_in(text: str, known: dict[str, str], dictionary: frozenset[str] = frozenset(),
              vocabulary: Container[str] = frozenset()) -> list[str]:
    """Places a question names, as canonical names: X省/X市/X县 where X is a place the documents know, a
    dictionary place name, or a name no dictionary knows (西岚省: a place, where 中部省份 is no place); or short
    forms of places the documents know."""
    found: list[str] = []
    for m in _PLACE.finditer(text):
        name, suffix = m.group(1), m.group(2)
        if text[m.end():m.end() + 1] == "长" and suffix != "自治区":
            continue  # 「祁副市长」「县长」: a post, not a place called 祁副市
        if name.endswith("副") or (text[m.end():m.end() + 1] == "级" and name not in known):
            continue  # 「只选副省级以上的城市」: a rank of cities, not a place called 只选副省
        while name and (name[0] in NOT_PLACE_START):
            name = name[1:]
        start = m.end(1) - len(name)
        if name and name not in known and start and _glued(text[start - 1] + name[0], vocabulary):
            continue  # 「省会城市」: 会城 is the tail of 省会, not a place
        if (len(name) < 2 or name in GENERIC_PLACE or any(g in name for g in GENERIC_PLACE)
                or any(ch in NOT_IN_PLACE for ch in name)):
            continue
        if name.endswith("城") and not _city_named_cheng(name, known, dictionary, vocabulary):
            continue  # 「试点城市」「一线城市」「大城市」 are cities, not a place called 试点城
        if dictionary and name not in known and name not in dictionary:
            if name[:-1] in dictionary or name[:-1] in known:
                continue  # 「美国车市」「北京楼市」: a place's market, no city named 美国车
            tail = next((name[i:] for i in range(1, len(name) - 1) if name[i:] in known or name[i:] in dictionary), "")
            if not tail and (not vocabulary or len(name) > 3 or name in vocabulary or _DIRECTIONS.fullmatch(name)):
                continue
            name = tail or name
        found.append(known.get(name, name + suffix))
    for short, canonical in known.items():
        if short in text and canonical not in found:
            found.append(canonical)
    return list(dict.fromkeys(found))


def document_places(*texts: str) -> list[str]:
    """Places a document is about: the X省/X市 its title or issuer starts with."""
    out = []
    for t in texts:
        m = re.match(r"^([\u4e00-\u9fff]{2,4}?)(省|市|自治区|县)", t or "")
        if m and m.group(1) not in GENERIC_PLACE and m.group(1)[0] not in NOT_PLACE_START:
            out.append(m.group(1) + m.group(2))
    return list(dict.fromkeys(out))
