"""Official documents (notices, plans, lists): title, 文号, addressees, numbered sections, items, tables and
signature, parsed into answerable units that keep their section path and the lead-in they depend on."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import islice

from retrieval.wrapping import GROUP_ROW

# Heading levels by numbering: 一、 / （一） / 1. / （1）; Markdown ## and - bullets map onto them.
_LEVELS = [
    (1, re.compile(r"^(第[一二三四五六七八九十百]+[章部分])\s*")),
    (1, re.compile(r"^(案例[一二三四五六七八九十]+)(?=[\s\u3000：:])\s*")),  # a case book's 「案例三　…」
    (1, re.compile(r"^(附\s*表\s*\d{0,2})(?=[ \u3000][^。；;，,]{2,30}$)\s*")),  # 「附表　典型案例汇总表」 in the body
    (1, re.compile(r"^([一二三四五六七八九十]+、)")),
    (2, re.compile(r"^(第[一二三四五六七八九十百]+条)\s*")),
    (2, re.compile(r"^([（(][一二三四五六七八九十]+[）)])")),
    # decimal numbering typed in the text (「1 总则」「1.1　目的依据。」「2.3.1」), as technical rules number
    (3, re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})(?=[\s\u3000])\s*")),
    (2, re.compile(r"^(\d{1,2}\.\d{1,2})(?=[\s\u3000])\s*")),
    (3, re.compile(r"^(\d{1,2}[\.．、](?!\d))\s*")),
    (3, re.compile(r"^(第\d{1,3}名)(?=[\s\u3000])\s*")),  # a ranking's lines (「第6名　霄山县　完成率78.6%」): its items
    (4, re.compile(r"^([（(]\d{1,2}[）)])")),
]
# A policy Q&A's question and answer lines: 「1. 问：……？」「问3：……」 and 「答：……」.
_QUESTION_LINE = re.compile(r"^(?:\d{1,2}[.．、]\s*|[（(]\d{1,2}[）)]\s*)?问\s*\d{0,2}\s*[：:]")
_ANSWER_LINE = re.compile(r"^答\s*[：:]\s*")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:[（(]此件[^（）()]{2,8}[）)])?$")  # 「（此件公开发布）」
_ATTACHMENT = re.compile(r"^附\s*[件表][：:]")
_ATTACHMENT_HEAD = re.compile(r"^附\s*[件表]\s*\d{0,2}$")  # 「附件1」 alone on its line: an attachment's own text starts
_MAX_ATTACHMENT_TITLE = 60
# 「附件：年度评估指标表」「附件2　先进个人名单」「附表　受理时间安排」 after the signature, with the attachment's own text after it
_INLINE_ATTACHMENT_HEAD = re.compile(r"^(附\s*[件表]\s*\d{0,2})(?:\s*[：:]|(?<=\d)\s+|\u3000+)\s*([^。；;]{2,60})$")
_PUBLICITY = re.compile(r"^[（(]此件.{1,12}[）)]$")  # （此件主动公开）: a closing line
_DUTY = re.compile(r"^[（(](责任单位|牵头单位|配合单位)[：:]")
_TRAILING_DUTY = re.compile(r"(?<=[。；;])\s*([（(](?:责任单位|牵头单位|配合单位)[：:](?:[^（）()]|[（(][^（）()]*[）)])*[）)])\s*$")
_ISSUER_WORDS = re.compile(r"(厅|局|委员会|委|政府|办公室|办|部|院|中心|协会)$")
_CELL_GAP = re.compile(r"[ \t\u3000]{2,}")
# Inside the body a single tab or full-width space also separates the cells of a table pasted from Word or a web
# page (「3　河北　唐山市、保定市」).
_BODY_CELL_GAP = re.compile(r"[ \t\u3000]{2,}|[\t\u3000]")
_TAB_GAP = re.compile(r"\s*\t\s*")
# A Markdown table: 「| 支持事项 | 补贴标准 |」 rows, the line under the header 「| --- | :---: |」.
_MD_ROW = re.compile(r"^\|(.*\|.*)\|$")
RULE_LINE = re.compile(r"^[━─═▬—_~～*·=\-]{3,}$")  # a printed rule between a bulletin's pieces, or Markdown's ---
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_MAX_HEADER_CELL = 10
_CAPTION = re.compile(r"^表\s*\d{1,2}[ \u3000：:]+[^。；;，,]{2,40}$")
_SENTENCE = re.compile(r"[^。！？；;!?]+(?:[。！？；;!?]+[”’」』）)》]*|$)")
_NUMBERING_LINE = re.compile(r"^(#{1,6}\s*)?([一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[章条]|案例[一二三四五六七八九十]+[\s\u3000：:])")
_SUBHEADING = re.compile(r"^#{2,6}\s*\S")
_MAX_ITEM = 140
_MAX_HEADING = 24
_MAX_QUESTION_HEADING = 60
_MAX_MD_HEADING = 40
_MAX_ARTICLE_HEADING = 10  # 「第二条　支持组建联合体。」 heads its article; a longer first sentence is a provision
_RUN_IN = re.compile(r"^(?:[^，,；;：:、\d]{2,18}|(?:第[一二三四五六七八九十\d]{1,2}步|步骤[一二三四五六七八九十\d]{1,2})[：:、]?"
                     r"[^，,；;：:、\d]{2,16})。$")  # 「第三步：属地初审。」 heads its step
# A web page's closing credit: 「（责任编辑：林可欣）」「编辑：王敏　校对：李立」
# The roles a credit line names, as the metadata label of each (审校 is a 审核).
CREDIT_ROLES = {"责任编辑": "编辑", "责编": "编辑", "编辑": "编辑", "审核": "审核", "审校": "审核", "校对": "校对"}
_EDITOR = re.compile(r"^[（(【\[]?\s*(责任编辑|责编|编辑|校对|审核|审校)\s*[:：]\s*[\u4e00-\u9fff·]{2,8}"
                     r"(?:[\s\u3000]+(?:责任编辑|责编|编辑|校对|审核|审校)\s*[:：]\s*[\u4e00-\u9fff·]{2,8})*\s*[）)】\]]?$")


@dataclass(frozen=True)
class Unit:
    """One answerable piece of a document: verbatim text plus where it sits and what it depends on."""

    text: str
    line: int  # line number in the body, for 「查看原文」
    section: str = ""  # heading path, e.g. "二、重点任务 （一）打造融合发展载体"
    lead: str = ""  # the lead-in sentence the text completes (「到2027年底，全市实现以下目标：」)
    kind: str = "text"  # text | item | row | duty | meta
    label: str = ""  # for meta: 文号 发文机关 主送 抄送 成文日期 附件 记者 作者 电头
    group: str = ""  # items of one list share a group


@dataclass
class _State:
    path: dict[int, str] = field(default_factory=dict)
    lead: str = ""
    lead_level: int = 0
    item: str = ""  # heading of the current item, for responsibility lines
    header: tuple[str, ...] = ()  # the column names of the table being read (序号 省份 试点城市)
    row: tuple[str, ...] = ()  # its last full row: a shorter row under it shares its first cells (merged cells)
    run_in: int = 0  # the level of a heading run into its paragraph (「（二）运营补助。根据…」): it ends there
    asked: str = ""  # a policy Q&A's question, the lead-in of its answer's first sentence
    asked_level: int = 0
    answered: bool = False  # that first sentence has come
    caption: int = 0  # the level of the caption naming the table being read (「表2　…目标任务表」), 0 for none
    unit: str = ""  # the unit the table being read states for its figures (「单位：万元」)

    def section(self, below: int = 9) -> str:
        return " ".join(self.path[k] for k in sorted(self.path) if k < below)

    def cut(self, level: int) -> None:
        """Leave the headings at this level and below."""
        for k in [k for k in self.path if k >= level]:
            del self.path[k]

    def enter(self, level: int, heading: str) -> None:
        self.cut(level)
        self.path[level] = heading
        if self.lead and (level <= self.lead_level or not self.lead_level):  # a lead-in before any heading ends here
            self.lead, self.lead_level = "", 0
        if self.asked and level <= self.asked_level:
            self.asked, self.asked_level = "", 0
        self.item = ""


def looks_official(text: str) -> bool:
    """A notice or plan: a 文号, at least two top-level numbered sections, or questions and answers (问：…答：…)."""
    lines = [ln.strip() for ln in text.splitlines()]
    numbered = sum(1 for ln in lines if _NUMBERING_LINE.match(ln))
    asked = sum(1 for ln in lines if _QUESTION_LINE.match(ln))
    return (numbered >= 2 or asked >= 2 or any(_DOC_NUMBER.fullmatch(ln) for ln in lines if len(ln) <= 30)
            or any(_SPEECH_HEAD.match(ln) for ln in lines[:6]))  # 「在…推进会上的讲话」 over its speaker's line


def split_sentences(text: str) -> list[str]:
    """Sentences, split after 。！？；, closing quotes kept."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _duty_apart(line: str) -> list[str]:
    """A paragraph and the responsibility line it ends with, as two lines."""
    m = _TRAILING_DUTY.search(line)
    return [line[:m.start()], m.group(1)] if m and m.start() > 0 else [line]


# The fields a reply or a filed document prints above its title, several to a line (「类别：B类　签发人：韩立群」
# 「公开属性：主动公开　某人社建〔2026〕26号」).
_HEADER_FIELD = re.compile(r"^(?:类\s*别|签\s*发\s*人|公开属性|公开方式|紧急程度|缓急|密\s*级|保密期限)\s*[：:]\s*\S+$")


def _header_fields(line: str) -> list[str]:
    """A line of header fields, one field a line; any other line as it is."""
    parts = line.split()
    if len(parts) < 2 or not any(_HEADER_FIELD.match(p) for p in parts):
        return [line]
    if not all(_HEADER_FIELD.match(p) or _DOC_NUMBER.fullmatch(p) or re.match(r"^[\u4e00-\u9fff]{2,6}[：:]\S+$", p)
               for p in parts):
        return [line]
    return parts


def parse_official(body: str, title: str) -> list[Unit]:
    """The units of an official document body, in reading order."""
    lines = [_unspaced(ln.rstrip()) for ln in body.replace("\r\n", "\n").split("\n")]
    # a responsibility line printed at the end of its task's paragraph (「……合法权益。（牵头单位：市人社局；配合单位：
    # 市市场监管局）」) is that task's responsibility line all the same, not two clauses cut at its 「；」
    lines = [part for ln in lines for part in _duty_apart(ln)]
    lines = [part for ln in lines for part in _header_fields(ln)]
    attached = _attachments_start(lines)
    first_section = next((i for i, ln in enumerate(lines[:attached]) if _starts_section(ln.strip())), attached)
    last_section_end = _signature_start(lines[:attached])
    units: list[Unit] = []
    speaker = _SPEECH_TITLE.match(title)
    if speaker:  # 「稌江市副市长魏承穆在全市…推进会上的讲话」: who spoke is the title's to say
        units.append(Unit(speaker.group(1), 0, kind="meta", label="讲话人"))
    spoken = _SPEECH_HEAD.match(title.strip()) and next(
        (n for n, ln in enumerate(lines[:8]) if _SPEAKER_LINE.fullmatch(ln.strip())), None)
    if spoken is not None:  # 「在…推进会上的讲话」 over 「鞍平市人民政府副市长　祁振东」: the line says who spoke
        units.append(Unit(_SPEAKER_LINE.fullmatch(lines[spoken].strip()).group(0), spoken, kind="meta",
                          label="讲话人"))
        lines[spoken] = ""
    state = _State()
    in_attachments = False
    for n, raw in enumerate(lines[:attached]):
        line = raw.strip()
        if not line:
            continue
        md_heading = re.match(r"^(#{1,6})\s*(.*)$", line)
        text = md_heading.group(2).strip() if md_heading else line
        if not text or _same_title(text, title) or (n < first_section and _is_title_line(text, title)):
            continue
        if md_heading and len(md_heading.group(1)) == 1 and not any(u.section for u in units):
            continue  # a Markdown file's own title line, however it words the title
        if NEWS_BYLINE.match(text) and len(text) <= _MAX_BYLINE:  # a story's byline, over or under its subtitle
            units.append(Unit(text, n, kind="meta", label="记者"))
            continue
        compiled = COMPILED.match(text) if n < first_section else None
        if compiled:
            units += [Unit(compiled.group(1), n, kind="meta", label="发文机关"),
                      Unit(compiled.group(2), n, kind="meta", label="成文日期")]
            continue
        if n < first_section or n >= last_section_end:
            # a notice without numbered sections has its closing block (its contacts) after the text all the same
            meta = _meta_unit(text, n, before_body=n < min(first_section, last_section_end), in_attachments=in_attachments)
            if meta is not None:
                in_attachments = meta.label == "附件"
                units.append(meta)
                continue
            in_attachments = False
            if n >= last_section_end:
                continue
        if _DOC_NUMBER.fullmatch(text):
            units.append(Unit(text, n, kind="meta", label="文号"))
            continue
        editor = _EDITOR.match(text)
        if editor:  # 「审核：庞敬川」 names who checked it, 「编辑：苏小禾」 who edited it
            units.append(Unit(text, n, kind="meta", label=CREDIT_ROLES[editor.group(1)]))
            continue
        credit = _PHOTO_CREDIT.search(text)
        if credit:  # 「图片说明：10月13日，在…车间…。通讯员 蒋一帆 摄」: the caption is text, its credit names who took it
            text = text[:credit.start()].strip()
            units.append(Unit(credit.group(1), n, kind="meta", label="作者"))
            if not text:
                continue
        if _is_contact(text, n, state, units):
            units.append(Unit(_CELL_GAP.sub("　", text), n, section=state.section(), kind="meta", label="联系人"))
            continue
        following = _next_line(lines, n)
        for unit in _body_units(text, n, state, markdown_level=len(md_heading.group(1)) if md_heading else 0,
                                following=following):
            if unit.kind == "duty" and units and units[-1].kind in ("text", "item") and units[-1].line >= n - 2:
                # the task the responsibility line belongs to: the opening sentence of the paragraph before it
                unit = replace(unit, lead=next(u.text for u in units if u.line == units[-1].line))
            units.append(unit)
    if not any(u.label == "期号" for u in units) and _TITLE_ISSUE.search(title):
        units.insert(0, Unit(title, 0, kind="meta", label="期号"))  # 「…工作简报（第5期）」: the issue is in the title
    return _footnoted(units + _attachment_units(lines, attached))


# 「标注“*”的机构为市属国有企业，…不享受奖励资金」: a note under a table saying what a mark after a name means
_MARK_NOTE = re.compile(r"(?:标注|标有|带有?|加注?)\s*[“\"「]?([*＊△▲☆★#※])[”\"」]?\s*号?的")


def _footnoted(units: list[Unit]) -> list[Unit]:
    """Rows whose cells carry a mark the table's notes explain (「翎州市人才发展集团有限公司*」), each read with that
    note: 「为啥它的奖励金额是空的」 is answered by the row."""
    notes = {}
    for u in units:
        m = _MARK_NOTE.search(u.text) if u.kind in ("item", "text") else None
        if m:
            notes.setdefault(m.group(1), re.sub(r"^\d{1,2}[.．、]\s*", "", u.text))
    if not notes:
        return units
    out = []
    for u in units:
        marks = [k for k in notes if u.kind == "row" and re.search(rf"{re.escape(k)}(?:；|$)", u.text)]
        out.append(replace(u, text=u.text + "".join(f"（注：{notes[k]}）" for k in marks)) if marks else u)
    return out


# A label typed with its characters spaced apart (「主 持 人：」「时　　间：」) or a spaced heading (「会 议 纪 要」).
_SPACED_LABEL = re.compile(r"^([\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,5})[ \u3000]*(?=[：:]|$)")


def _unspaced(line: str) -> str:
    """The line with a spaced-out label or heading closed up (「主 持 人：葛振宇」 -> 「主持人：葛振宇」)."""
    m = _SPACED_LABEL.match(line.strip())
    if not m:
        return line
    return re.sub(r"[ \u3000]", "", m.group(1)) + line.strip()[m.end():].lstrip(" \u3000")


def _next_line(lines: list[str], n: int) -> str:
    """The first non-empty line after line n ("" at the end), past a heading that groups a table's rows: what a
    table's header is followed by is its first row (「序号　　重点任务　…」, 「一、推动…」, then 「1　　…」)."""
    rest = (ln.strip() for ln in islice(lines, n + 1, None) if ln.strip())
    line = next(rest, "")
    return next(rest, "") if GROUP_ROW.match(line) or _ORDINAL_GROUP.fullmatch(line) else line


def _attachments_start(lines: list[str]) -> int:
    """Where the attachments' own text starts: a bare 「附件」/「附件1」 line after the signature's date."""
    dated = False
    for i, line in enumerate(lines):
        text = line.strip()
        dated = dated or bool(_DATE_LINE.match(text))
        if dated and (_ATTACHMENT_HEAD.match(text) or (_INLINE_ATTACHMENT_HEAD.match(text) and _body_follows(lines, i))):
            return i
    return len(lines)


def _body_follows(lines: list[str], i: int) -> bool:
    """Text follows line i that is not a list of attachments (「2. …」) or a closing line: an attachment's body."""
    return any(t and not re.match(r"^\d{1,2}[.．、]", t) and not _is_closing(t)
               for t in (ln.strip() for ln in islice(lines, i + 1, None)))


def _attachment_units(lines: list[str], start: int) -> list[Unit]:
    """Each attachment's text, under a section named by its number and title (「附件1 试点城市名单」)."""
    units: list[Unit] = []
    state, name, title, titled = _State(), "", "", True
    for n in range(start, len(lines)):
        md_heading = _MD_HEADING_MARK.match(lines[n].strip())
        text = _strip_md(lines[n].strip())
        if not text:
            continue
        if _ATTACHMENT_HEAD.match(text):
            state, name, title, titled = _State(), re.sub(r"\s", "", text), "", False
            continue
        inline = _INLINE_ATTACHMENT_HEAD.match(text)
        if inline:
            state, name, title, titled = _State(), re.sub(r"\s", "", inline.group(1)), inline.group(2), True
            state.enter(1, f"{name} {title}")
            continue
        if text == title:  # the title printed again above the attachment's text
            continue
        if title and not units and _title_goes_on(title, text):  # a centred title printed on two lines
            title = f"{title}{text}"
            state.enter(1, f"{name} {title}")
            continue
        if not titled:
            titled = True
            if len(text) <= _MAX_ATTACHMENT_TITLE and not re.search(r"[。；;]", text):
                state.enter(1, f"{name} {text}")
                title = text
                continue
        following = _next_line(lines, n)
        # A line of running text in an attachment reads under its title (「河北：唐山市、保定市」 is a line of the
        # 试点城市名单): the title is its lead-in, as a list's lead-in is its items'.
        units.extend(replace(u, lead=title) if u.kind == "text" and not u.lead else u
                     for u in _body_units(text, n, state, following=following,
                                          markdown_level=len(md_heading.group(1)) if md_heading else 0))
    return units


_TITLE_END = re.compile(r"(?:名单|表|清单|提纲|说明|办法|方案|细则|目录|书|函|意见|通知|指南|标准|要点|规划|计划)$")


def _title_goes_on(title: str, line: str) -> bool:
    """「第一批…融合发展」 over 「试点城市名单」: a title that does not end as titles do, continued by a short line
    without punctuation."""
    return (not _TITLE_END.search(title) and len(line) <= 20 and not re.search(r"[，。；：、,;:（）()\s]", line)
            and not _CELL_GAP.search(line))


def _is_contact(text: str, n: int, state: _State, units: list[Unit]) -> bool:
    """「联系人及电话：…处　罗景澄，0861-86912037；」, the phone lines under it, and the lines of a 咨询方式 section are
    the document's contacts."""
    if _CONTACT_LINE.match(text):
        return True
    under_contacts = bool(units) and units[-1].label == "联系人" and n - units[-1].line <= 2
    # a heading that ends naming contacts (「七、联系方式」「（三）政策咨询」), not a 「…管理咨询有限公司」 it lists
    in_contact_section = any(re.search(r"(?:联系|咨询)[\u4e00-\u9fff]{0,3}$", h) for h in state.path.values())
    return bool(PHONE.search(text)) and len(text) <= 80 and (under_contacts or in_contact_section)


_MD_HEADING_MARK = re.compile(r"^(#{1,6})\s*\S")


def _strip_md(line: str) -> str:
    return re.sub(r"^#{1,6}\s*", "", line)


def _starts_section(line: str) -> bool:
    """A top-level numbered heading, or a Markdown heading below the title (## …, as Word headings become)."""
    return _level(_strip_md(line))[0] == 1 or bool(_SUBHEADING.match(line))


def _same_title(text: str, title: str) -> bool:
    """The title, or a line of it; an issuer's name on its own line (「瀚川省人力资源和社会保障厅」 over 「…厅等3部门
    关于…的通知」) is an issuer, not part of the title."""
    bare, whole = re.sub(r"\s", "", text), re.sub(r"\s", "", title)
    return bare == whole or (len(text) > 8 and text in title and not re.search(r"[，。；：]", text)
                             and not _is_issuer_line(text))


def _is_title_line(text: str, title: str) -> bool:
    """Above the first section: the last line of a wrapped title, or the title with its issuers spaced apart."""
    return _title_tail(text, title) or bool(_TITLE_LINE.match(text) and _BODY_CELL_GAP.search(text)
                                            and not re.search(r"[。；：:]", text))


def _title_tail(text: str, title: str) -> bool:
    """The last line of a title the page wrapped (「工作的通知」), before the first section."""
    return len(text) >= 2 and title.endswith(text) and not re.search(r"[，。；：]", text)


def _signature_start(lines: list[str]) -> int:
    """Where the closing block (附件, issuers, date) starts: after the last line of running text."""
    end = len(lines)
    i = len(lines) - 1
    while i >= 0:
        line = lines[i].strip()
        if not line or _is_closing(line) or (i + 1 < len(lines) and _ATTACHMENT.match(lines[i].strip())):
            end = i if line else end
            i -= 1
            continue
        # an attachment list continues on indented lines ("　　2. …", "　　3. …")
        if lines[i].startswith(("\u3000", " ", "\t")) and any(_ATTACHMENT.match(x.strip()) for x in lines[:i]):
            prev = i - 1
            while prev >= 0 and (not lines[prev].strip() or lines[prev].startswith(("\u3000", " ", "\t"))
                                 and not _ATTACHMENT.match(lines[prev].strip())):
                prev -= 1
            if prev >= 0 and _ATTACHMENT.match(lines[prev].strip()):
                end = prev
                i = prev - 1
                continue
        break
    return end


# Below the signature: who gets copies (抄送：…), who a briefing is sent up to (报送：…, 报：…), the printing line
# (「…办公厅　2027年3月24日印发」, 「（共印60份）」) and a briefing's contact line.
_COPIED = re.compile(r"^(?:抄送|抄报)\s*[:：]")
SENT_UP = re.compile(r"^(?:报送|报|送|发)\s*[:：]")
_PRINTED = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$|[（(]共印\d+份[）)]$")
CONTACT_LABEL = re.compile(r"联\s*系\s*人\s*[:：]")  # 「联系人：…」, at a line's start with .match
_CONTACT_LINE = re.compile(r"^[（(]?(?:[\u4e00-\u9fff]{1,4}(?:地址|电话|邮箱)(?=[:：])|联\s*系\s*人|联系电话|联系方式|咨询电话|咨询热线|服务热线|监督电话|举报电话|传真|电子邮箱|邮箱|"
                           r"通信地址|通讯地址|邮寄地址|联系地址|地址|邮政编码|邮编)[^：:，。；]{0,8}[:：]")
# 「0746-6218826」「0818-3320 6788」 (the local number printed in two groups), a mobile 「13907461234」
PHONE = re.compile(r"\d{3,4}\s*[-－—]\s*\d{7,8}|[（(]0\d{2,3}[）)]\s*\d{7,8}(?!\d)|(?<!\d)0\d{2,3}\s*[-－—]\s*\d{3,4} \d{4}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
# A briefing's masthead: its issue (「第6期」「2026年第6期」) and who compiled it when (「…办公室编印　2026年4月15日」).
_TITLE_ISSUE = re.compile(r"第\s*\d{1,4}\s*期")
ISSUE = re.compile(r"^(?:\d{4}年|[〔\[［(（]\d{4}[〕\]］)）])?(?:总)?第\s*\d{1,4}\s*期$")
COMPILED = re.compile(r"^(\S.{2,40}?(?:编印|编发|编|办公室|小组|厅|局|委员会|政府|中心))[\s\u3000]+(\d{4}年\d{1,2}月\d{1,2}日)$")


_CLOSING_CONTACT = re.compile(r"^[（(]联\s*系\s*人\s*[:：][^（）()]*[）)]$")  # 「（联系人：濮雅琦，电话：…）」 under the date


def _is_closing(line: str) -> bool:
    return bool(_DATE_LINE.match(line) or _ATTACHMENT.match(line) or _is_issuer_line(line) or _PUBLICITY.match(line)
                or _COPIED.match(line) or SENT_UP.match(line) or _PRINTED.search(line)
                or (CONTACT_LABEL.match(line) and _PRINTED.search(line)) or bool(_CLOSING_CONTACT.match(line)))


def _is_issuer_line(line: str) -> bool:
    parts = [p for p in _CELL_GAP.split(line.replace("\u3000", "  ")) if p.strip()]
    return bool(parts) and len(line) <= 60 and not re.search(r"[，。；：、,;:]", line) and all(
        _ISSUER_WORDS.search(p.strip()) for p in parts)


_MAX_BYLINE = 60
# A photo's credit at the end of its caption: 「通讯员 蒋一帆 摄」「本报记者　林晓岚　摄」.
# A speech's title names its speaker: 「某市副市长某某在…会议上的讲话」.
_SPEECH_HEAD = re.compile(r"^在.{2,60}?上的(?:讲话|致辞|发言|总结讲话|动员讲话)$")
_SPEAKER_LINE = re.compile(r"[\u4e00-\u9fff（）()]{2,30}(?:长|书记|主任|主席|委员|局长|厅长|部长|署长|司长|处长|巡视员|专员)"
                           r"[ \u3000]+[\u4e00-\u9fff]{2,4}")
_SPEECH_TITLE = re.compile(r"^([\u4e00-\u9fff]{4,30}?)在.{2,60}?上的(?:讲话|致辞|发言|总结讲话|动员讲话)$")
_PHOTO_CREDIT = re.compile(r"(?:^|(?<=[。！？”）)]))\s*((?:[\u4e00-\u9fff]{0,6}(?:记者|通讯员|摄影))?[\s　]*"
                           r"[\u4e00-\u9fff]{2,4}(?:[\s　、]+[\u4e00-\u9fff]{2,4}){0,2}[\s　]+摄)$")
# A news byline: 「本报记者　林晓岚」「朔原日报记者 鲁晓岚　通讯员 …」.
NEWS_BYLINE = re.compile(r"^(?:[\u4e00-\u9fff]{0,8}(?:日报|晚报|报|社|台|网))?记者[\s　]")


# The information block a government site prints above a notice (「发文字号：人社厅发〔2025〕21号」「成文日期：…」).
_LABELLED_META = re.compile(r"^(签\s*发\s*人|类\s*别|公开属性|公开方式|紧急程度|密\s*级|索\s*引\s*号|主题分类|主\s*题\s*词|发文机关|发布机构|成文日期|标\s*题|发文字号|文\s*号|协议编号|合同编号|"
                            r"发布日期|发布时间|实施日期|有\s*效\s*性|来\s*源)\s*[：:]\s*\S")
_META_LABEL_NAMES = {"发文字号": "文号", "协议编号": "文号", "合同编号": "文号", "发布机构": "发文机关", "发布时间": "发布日期"}
# The kinds of official document, as their titles end (「…的通知」「…实施方案」「…试点城市名单」).
DOCUMENT_KINDS = "通知|方案|意见|办法|决定|公告|通告|批复|规定|细则|措施|指南|公示|名单|问答|解读|规划|简报|纪要|实录|总结"
# A title line in the text, its issuers spaced apart (「…办公厅　国家发展改革委办公厅关于开展…试点工作的通知」): not a
# table row. (A transmittal's own title, 「…办公室关于印发《…方案》的通知」, stays text: it names who issued the plan.)
_TITLE_LINE = re.compile(rf"^\S.{{8,}}(?:{DOCUMENT_KINDS}|函)$")


# The line under a speech's or a meeting's title that says when and where it was held (「（2026年9月12日，某市行政中心
# 第一会议室）」).
_OCCASION = re.compile(r"^[（(]\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日[^（）()]{0,40}[）)]$")


def _meta_unit(text: str, n: int, *, before_body: bool, in_attachments: bool) -> Unit | None:
    labelled = _LABELLED_META.match(text) if before_body else None
    if labelled:
        key = re.sub(r"\s", "", labelled.group(1))
        return Unit(text, n, kind="meta", label=_META_LABEL_NAMES.get(key, key))
    if _COPIED.match(text):
        return Unit(text, n, kind="meta", label="抄送")
    if SENT_UP.match(text) and not before_body:
        return Unit(text, n, kind="meta", label="报送")
    if CONTACT_LABEL.match(text.lstrip("（(")) and not before_body:
        return Unit(_CELL_GAP.sub("　", text), n, kind="meta", label="联系人")
    if before_body and ISSUE.match(text):
        return Unit(text, n, kind="meta", label="期号")
    if before_body and _OCCASION.match(text):
        return Unit(text, n, kind="meta", label="时间地点")
    if _PRINTED.search(text):
        return Unit(_CELL_GAP.sub("　", text), n, kind="meta", label="印发")
    if _DOC_NUMBER.fullmatch(text):
        return Unit(text, n, kind="meta", label="文号")
    if _DATE_LINE.match(text):
        return Unit(text, n, kind="meta", label="成文日期")
    if _ATTACHMENT.match(text) or (in_attachments and re.match(r"^\d", text)):
        return Unit(text, n, kind="meta", label="附件")
    if _is_issuer_line(text):
        return Unit(_CELL_GAP.sub("　", text), n, kind="meta", label="发文机关")
    if (before_body and text.endswith(("：", ":")) and len(text) <= 120 and "。" not in text
            and ("、" in text or "各" in text or (_ISSUER_WORDS.search(text[:-1]) and not re.search(r"[，,；;]", text)))):
        return Unit(text, n, kind="meta", label="主送")
    return None


def _level(text: str) -> tuple[int, str]:
    for level, rx in _LEVELS:
        m = rx.match(text)
        if m:
            return level, m.group(1)
    return 0, ""


def _body_units(text: str, n: int, state: _State, *, markdown_level: int, following: str = "") -> list[Unit]:
    asked = _QUESTION_LINE.match(text)
    if asked:
        # 「3. 问：专项资金每年安排多少？」: the section 「第3问」, whose question is the lead-in of its answer's sentences
        number = re.search(r"\d+", asked.group(0))
        level = 2 if state.path.get(1, "") and not re.fullmatch(r"第\d*问|问：.*", state.path[1], re.S) else 1
        # an unnumbered question is known by its words (「问：申报合作机构需要具备什么条件？」), not by a bare 「问」
        state.enter(level, f"第{number.group(0)}问" if number else f"问：{text[asked.end():].strip()}")
        state.asked, state.asked_level, state.answered = text[asked.end():].strip(), level, False
        return []
    answer = _ANSWER_LINE.match(text)
    text = text[answer.end():] if answer else text
    units = _answer_units(text, n, state, markdown_level, following, answer_line=bool(answer))
    if state.asked and not state.answered and units:
        # the answer's first sentence reads with its question (「可以。」, 「2026年至2028年，省财政每年安排…」); the
        # later ones stand alone, or every sentence of the answer would match the question alike
        state.answered = True
        if units[0].kind == "text" and not units[0].lead:
            units[0] = replace(units[0], lead=state.asked)
    return units


def _answer_units(text: str, n: int, state: _State, markdown_level: int, following: str, *,
                  answer_line: bool) -> list[Unit]:
    """The units of a line that is not a Q&A's question (answer_line: it opened with 「答：」)."""
    if _CAPTION.match(text) and len(_cells(following)) >= 2:
        # 「表2　2026年各县（区）目标任务表」 over a table names it: its rows read under it, its year and all
        if state.caption:  # 「表1」's rows ended at a blank line: 「表2」 takes its place, not a place under it
            state.cut(state.caption)
        state.caption = max(state.path, default=0) + 1
        state.enter(state.caption, re.sub(r"[ \u3000]+", " ", text))
        state.header, state.row = (), ()
        return []
    group = _ORDINAL_GROUP.fullmatch(text.strip()) if state.header else None
    if group:  # 「二　　鞠阳市（国家试点）」 across a table heads the rows under it, as 「二、鞠阳市…」 would
        text = f"{group.group(1)}、{group.group(2)}"
    unit = _TABLE_UNIT.fullmatch(text.strip())
    if unit and len(_cells(following)) >= 2:  # 「单位：万元」 over a table: its bare figures are in 万元
        state.unit = unit.group(1)
        return []
    level, label = _level(text)
    if markdown_level:  # a Markdown heading ends the table above it (「## 附件2　先进个人名单」 then its own table)
        state.header, state.row = (), ()
    if markdown_level and not level:
        # a Markdown heading without numbering: one level per '#' below the title; the whole line is its heading,
        # commas and all (「## 试点开局良好，主要指标稳步增长」), unless it is a sentence
        level, label = min(max(markdown_level - 1, 1), 4), ""
        if len(text) <= _MAX_MD_HEADING and not text.endswith(("。", "：", ":")):
            state.enter(level, text)
            return []
    if markdown_level and level >= 3 and len(text) <= _MAX_MD_HEADING and not re.search(r"[。：:；;]$", text):
        # 「### 1. 鄄溪县众鑫人力资源服务有限公司」: a numbered Markdown heading names the entry whose field lines
        # (「- 电话：…」) follow, so it heads them and each reads with it, as a table row reads with its name
        level = min(max(markdown_level - 1, 1), 2)
        state.enter(level, text)
        state.lead, state.lead_level = f"{text}\u3000", level
        return []
    if text.startswith(("- ", "* ", "• ")):
        return _item(text[2:].strip(), n, state, level=3)
    if level == 2 and not label.endswith("条") and re.fullmatch(r"第.+条", state.path.get(2, "").split("\u3000")[0]):
        return _item(text, n, state, level=3)  # 「（一）」 inside 「第十一条」 is one of the article's items
    if _DUTY.match(text):
        where = " ".join(x for x in (state.section(), state.item) if x and not state.section().endswith(x))
        return [Unit(text, n, section=where, kind="duty", group=state.section())]
    if _MD_RULE.match(text.strip()) or RULE_LINE.match(text.strip()):
        if not text.lstrip().startswith("|"):  # a thematic break (---, ━━━) ends the sections above it
            state.path.clear()
            state.lead, state.lead_level, state.item = "", 0, ""
        return []
    # under a table's header a numbered line with cells is a row (「二、融合服务方案（30分）　　30」), not a heading
    cells = _cells(text) if level == 0 or (state.header and _CELL_GAP.search(text)) else []
    if _TABLE_NOTE.match(text):
        cells = []  # 「注：1.　　现场验收当日…」 under a table's last row is its note: the table is over
    # a heading across a table groups its rows; a cell's last characters wrapped onto a page's foot (「会」) do not
    # end the table either
    if not cells and not (state.header and (GROUP_ROW.match(text) or _CELL_FRAGMENT.fullmatch(text.strip()))):
        state.header, state.row, state.unit = (), (), ""
        if state.caption:  # the table is over: its caption names the rows only, not the text after them
            state.cut(state.caption)
            state.caption = 0
    # a new header (of another width) under a heading that looked like a group of the table above starts a table
    elif (not state.header or (len(cells) != len(state.header) and is_header(cells))) and (
            _MD_RULE.match(following.strip()) or
                               is_header(cells) and (_is_data_row(_cells(following), len(cells))
                                                      or _is_data_row(_finer_cells(following, len(cells)), len(cells))
                                                      or _names_columns(cells, _cells(following)))):
        state.header = tuple(cells)
        return []
    if cells and tuple(cells) == state.header:
        return []  # the header printed again atop the next page
    if cells and state.header and len(cells) < len(state.header):
        cells = _finer_cells(text, len(state.header)) or cells
    if (cells and state.header and len(state.row) == len(state.header) > len(cells) and not level
            and not (cells[0].isdigit() and state.row[0].isdigit())  # a numbered row is a row of its own
            and not _TOTAL_ROW.match(cells[0])):  # and so is the total under the rows (「合计　67　4860」)
        cells = [*state.row[:len(state.header) - len(cells)], *cells]  # 「政策配套	7	…」 under 「组织保障（15分）…」
    if cells and state.header and len(cells) < len(state.header) and _TOTAL_ROW.match(cells[0]):
        cells = _total_cells(cells, state.header, state.row)
    if cells:
        state.row = tuple(cells)
        # a numbered group row fills the first columns (「评分项目：二、融合服务方案（30分）；分值：30」)
        header = state.header[:len(cells)] if level and state.header else state.header
        return [Unit(_row_text(cells, header, state.unit), n, section=state.section(), lead=state.lead, kind="row",
                     group=state.section())]
    if level == 0:  # an answer's 「可以。」 is no run-in heading
        if state.run_in and state.asked:  # in an answer, the paragraph after 「（二）运营补助。…」 is the answer's again
            state.cut(state.run_in)
            state.run_in = 0
        return _sentences(text, n, state, headed=answer_line)
    if level >= 3:
        return _item(text, n, state, level=level)
    rest = text[len(label):].strip() if label else text
    heading, body = _split_heading(rest)
    if markdown_level and len(rest) <= _MAX_MD_HEADING and not rest.endswith(("。", "：", ":")):
        heading, body = rest, ""  # 「## 一、铎山市：以机制打通用工堵点」: a Markdown heading is whole, colon and all
    if label.endswith("条") and heading and (body or rest.endswith("。")) and (
            len(heading) > _MAX_ARTICLE_HEADING or re.search(r"\d", heading)) or (
            not body and rest.endswith("。") and (label.endswith("条") or re.search(r"\d", rest))):
        # 「第二十条　本措施自2025年12月1日起施行。」「第四条　实施期限为2026年至2028年。期满后…」: an article opens
        # with a provision, not a heading
        heading, body = "", rest
    if level >= 2 and not body and rest.endswith("。") and _level(_strip_md(following.strip()))[0] == level:
        # 「（二）本项目不收取投标保证金。」 straight before 「（三）…」 heads nothing: it is an item of the list
        return _item(text, n, state, level=level)
    if level == 2 and label.startswith(("（", "(")) and not heading and len(text) <= _MAX_ITEM:
        # 「（一）国家试点城市：榆陵市、桑渠市。」「（二）截留、挪用资金的；」: a short numbered clause with no heading of
        # its own is an item of its section's list, not a sub-section
        return _item(text, n, state, level=level)
    state.enter(level, _section_name(label, heading))
    state.run_in = level if heading and body and not label.endswith("条") else 0
    if not body and _BRACKETED_FIGURE.search(heading):
        # 「（二）鸮头县（得分：61.0分）」 heads the county's opinion and states its score: a line of its own as well
        return [Unit(_section_name(label, heading), n, section=state.section(), kind="text")]
    if not body:
        return []
    if not heading:
        return _sentences(body, n, state)
    # 「（一）启动部署阶段（2025年10月—12月）。制定配套政策…」: the heading opens the paragraph and may hold its fact
    # (the dates of the stage), so the paragraph's sentences read with it as their lead-in.
    return [replace(u, lead=f"{_section_name(label, heading)}。") if u.kind == "text" and not u.lead else u
            for u in _sentences(body, n, state)]


def _section_name(label: str, heading: str) -> str:
    """「一、总体要求」, 「第一章　总则」: a 章/条 label keeps its space, a padded short heading (「总　则」) loses it."""
    if re.fullmatch(r"[\u4e00-\u9fff](?:\u3000+[\u4e00-\u9fff]){1,3}", heading):
        heading = heading.replace("\u3000", "")
    # 「第一章　总则」「1.1　目的依据」「案例二　薪酬绩效体系改造」「附表　典型案例汇总表」
    spaced = label.endswith(("章", "分", "条", "节")) or label[-1:].isdigit() or label.startswith(("案例", "附"))
    return f"{label}\u3000{heading}" if heading and spaced else f"{label}{heading}"


def _total_cells(cells: list[str], header: tuple[str, ...], above: tuple[str, ...]) -> list[str]:
    """A total row printed short of the header's columns, laid out under them: 「合计　—　6800　4000」 under 「序号
    市（县）　…」 leaves the number's column empty; 「小计　2000」 under 「序号　项目名称　承担单位　支持方向　省级资金」
    puts its label in the first column after the number and its figures in the columns the row above has figures in
    (「合计　186」 under 「区域　本周件数　主要诉求」: 本周件数)."""
    first = 1 if _SERIAL_COLUMN.fullmatch(header[0]) else 0
    if len(cells) == len(header) - first:
        return [""] * first + cells
    figured = [k for k, c in enumerate(above) if k > first and _FIGURE_CELL.fullmatch(c)] if len(above) == len(header) else []
    values = cells[1:]
    if not figured or len(values) > len(figured):
        return cells
    out = [""] * len(header)
    out[first] = cells[0]
    for k, value in zip(figured[-len(values):], values):
        out[k] = value
    return out


_FIGURE_CELL = re.compile(r"[\d,.]+\s*(?:%|％|[万亿千百]?(?:元|人次|人|家|个|项|件|名)?)")


def _cells(text: str) -> list[str]:
    """The cells of a table row written as aligned text (two or more), or [] for running text. A single gap
    separates cells only in a line without sentence punctuation (「联系人：…司　赵立群；」 is a sentence)."""
    text = text.strip()
    markdown = _MD_ROW.match(text)
    if markdown:
        return [c.strip() for c in markdown.group(1).split("|")]
    if text.count("|") >= 2 and not _MD_RULE.match(text):  # a table typed with bars but no outer ones
        return [c.strip() for c in text.split("|")]
    if text.count("\t") >= 2:  # tabs are a pasted table's cells, whatever the cells say
        return [c.strip() for c in _TAB_GAP.split(text) if c.strip()]
    gap = _CELL_GAP if re.search(r"[，。；：:,;]", text) else _BODY_CELL_GAP
    if text.endswith(("：", ":")) or not gap.search(text):
        return []
    cells = [c.strip() for c in gap.split(text) if c.strip()]
    if text.endswith("。") and not (len(cells) >= 3 and re.match(r"\d{1,3}(?:[.．、]|$)", cells[0])):
        return []  # a sentence with a wide gap in it; a numbered row's last cell may still end its sentence
    # year columns printed close together (「2026年 2027年2028年」) are a column each
    cells = [part for c in cells for part in (_YEAR.findall(c) if _YEARS.fullmatch(c) else [c])]
    for k in range(len(cells) - 1, 0, -1):  # a two-character name padded to three (「韦　静」) is one cell
        if re.fullmatch(r"[\u4e00-\u9fff]", cells[k]) and re.fullmatch(r"[\u4e00-\u9fff]", cells[k - 1]):
            cells[k - 1:k + 1] = [f"{cells[k - 1]}\u3000{cells[k]}"]
    return cells if len(cells) >= 2 else []


_YEAR = re.compile(r"\d{4}年度?")
_YEARS = re.compile(r"(?:\d{4}年度?\s*){2,}")


def _finer_cells(text: str, width: int) -> list[str]:
    """A row one cell short because a long cell left a single space before the next (「…再给予10万元　40万元」):
    its cells split at single gaps too, when that gives exactly the header's width."""
    cells = [c.strip() for c in _BODY_CELL_GAP.split(text.strip()) if c.strip()]
    if len(cells) == width - 1:  # 「67.4基本合格」: a score printed against the grade after it
        # or 「3月31日2026年4月3日」: a date run into the next; 「2026年12月8日第一组」: into the cell after it
        for glue in (_GLUED_FIGURE, _GLUED_DATES, _GLUED_DAY_TEXT):
            glued = [k for k, c in enumerate(cells) if glue.match(c)]
            if len(glued) == 1:
                m = glue.match(cells[glued[0]])
                cells[glued[0]:glued[0] + 1] = [m.group(1), m.group(2)]
                break
    return cells if len(cells) == width else []


# a figure, then text that is no unit of it (「2026年」「15万元」「30个」 are one cell)
_GLUED_FIGURE = re.compile(r"^(\d+(?:\.\d+)?%?)(?![年月日号时个万亿千百元人家项名次分岁天周倍条所座套台])([\u4e00-\u9fff].*)$")


_GLUED_DATES = re.compile(r"^(.*?\d{1,2}日)(\d{4}年\d{1,2}月\d{1,2}日.*)$")
_GLUED_DAY_TEXT = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)((?![前后起至止到以（(])[\u4e00-\u9fff][^，。；]{0,11})$")


_CELL_FRAGMENT = re.compile(r"[\u4e00-\u9fff]{1,2}")  # a cell's last characters wrapped onto a line of their own
_ORDINAL_GROUP = re.compile(r"([一二三四五六七八九十]{1,3})[ \u3000]{2,}([^\s\u3000，。；]{2,30})")  # 「二　　鞠阳市」
_BRACKETED_FIGURE = re.compile(r"[（(][^（）()]*\d[^（）()]*[）)]")  # 「（得分：61.0分）」 in a heading
_TABLE_NOTE = re.compile(r"(?:注|说明|备注)\s*\d?[：:]")  # 「注：1. …」 under a table
_SERIAL_COLUMN = re.compile(r"序\s*号|编\s*号|序|No\.?")
# columns whose figures a table's unit does not count: a serial, a year, a rank, a code, a phone
_UNITLESS_COLUMN = re.compile(r"序|编号|No|年|月|日|时间|期|代码|编码|电话|排名|名次|位次|等级")
# a table's unit printed over it: 「单位：万元」「（单位：人次）」
_TABLE_UNIT = re.compile(r"[（(]?单位[：:]\s*([万亿千百]?(?:元|人次|人|家|个|项|件|吨|亩)|%|％)[）)]?")
TOTAL_WORDS = r"合\s*计|总\s*计|共\s*计"  # a total row; a 小计 or 全省 row closes a table as well
_TOTAL_ROW = re.compile(rf"^(?:{TOTAL_WORDS}|小\s*计|全省|全市)$")


def is_header(cells: list[str]) -> bool:
    """A table's column names: short cells without figures or punctuation (序号 省份 试点城市)."""
    # a unit in brackets (「上年服务企业数（家）」「补助（万元）」) is part of a column's name, not of its length
    # 「其中：人才培训」 under 「分配金额（万元）」 names a part of the column before it
    # 「2026年度目标」 names a year's column
    names = [re.sub(r"[（(][^）)]{1,6}[）)]$", "", re.sub(r"^其中[：:]?|\d{4}年度?", "", c)) for c in cells]
    return all(len(name) <= _MAX_HEADER_CELL and not re.search(r"[\d，。；、：:,.]", name) for name in names)


# What official tables call their columns (「姓名　单位　职务」「工作单位」「所在市县」): a header though the rows under it
# hold no figure
_COLUMN_NAME = re.compile(r"[\u4e00-\u9fff]{0,4}(?:序号|编号|姓名|名称|单位|职务|职称|职位|岗位|部门|类别|类型|地区|区域|城市|市县|县区|"
                          r"所在地|地址|电话|手机|邮箱|备注|内容|事项|议程|时间|日期|地点|方式|要求|标准|情况|等次|等级|级别|"
                          r"性别|年龄|学历|专业|金额|人数|数量|负责人|联系人|责任人|主持|发言|时限|任务|措施|项目|说明)")


def _names_columns(cells: list[str], following: list[str]) -> bool:
    """A header of column names that tables use, over a row of as many cells."""
    return len(cells) >= 2 and len(following) == len(cells) and all(_COLUMN_NAME.fullmatch(c) for c in cells)


def _is_data_row(cells: list[str], width: int) -> bool:
    """The row under a header: as many cells, with a figure or a list in them (「1　河北　唐山市、保定市」); two rows of
    bare names (「江临市　新能源汽车」「云岭市　绿色化工」) are a table without a header."""
    return len(cells) == width and any(re.search(r"[\d、，]", c) for c in cells)


def _row_text(cells: list[str], header: tuple[str, ...], unit: str = "") -> str:
    """A row as it reads aloud: 「省份：河北；试点城市：唐山市、保定市」 under a header, else its cells in order."""
    if len(header) == len(cells):
        return "；".join(f"{h}：{c}" for h, c in with_units(cells, header, unit) if c)
    return "：".join(c for c in cells if c)


# a unit printed in brackets after a column's or a row's name: 「营业收入（亿元）」「占比（%）」
_BRACKET_UNIT = re.compile(r"[（(]((?:[万亿千百]?(?:元|人次|人|家|个|项|名|所|座|条|台|套|户|吨|亩|公里|平方米|岗位|次)"
                           r"|分|天|小时|%|％))(?:[，,][^）)]{1,4})?[）)]$")  # 「（家，累计）」
_BARE_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def with_units(cells: list[str], header: tuple[str, ...], table_unit: str = "") -> list[tuple[str, str]]:
    """(name, cell) pairs whose bare figures carry the unit their column's name gives (「服务站数：6个」), or the
    unit of the row's name before them: under 「2026年」 in the row 「行业营业收入（亿元）」, 68.4 reads 「68.4亿元」,
    the figure a reader quotes; a figure no name gives a unit to is in the table's (「单位：万元」)."""
    out, row_unit, part_unit, column_unit = [], "", "", ""
    for name, cell in zip(header, cells):
        unit = _BRACKET_UNIT.search(name)
        if name.startswith("其中"):  # 「其中：中央资金」 and the columns after it are parts of the column before
            name, part_unit = re.sub(r"^其中[：:]", "其中", name), column_unit
        column_unit = unit.group(1) if unit else ""
        if _BARE_FIGURE.fullmatch(cell):
            if unit:
                name, cell = name[:unit.start()], cell + column_unit
            else:
                cell += part_unit or row_unit or ("" if _UNITLESS_COLUMN.search(name) else table_unit)
        elif own := _BRACKET_UNIT.search(cell):
            row_unit = own.group(1)
        out.append((name, cell))
    return out


def _split_heading(rest: str) -> tuple[str, str]:
    """「推荐范围。全省各设区市…」 -> ("推荐范围", "全省各设区市…"); a bare heading has no body."""
    m = re.match(r"^([^。！？；：]{1,%d})。(.*)$" % _MAX_HEADING, rest)
    if m:
        return m.group(1), m.group(2).strip()
    if len(rest) <= _MAX_HEADING and not re.search(r"[。，；：]", rest):
        return rest, ""
    if len(rest) <= _MAX_QUESTION_HEADING and re.fullmatch(r"[^。；？?]+[？?]", rest):
        return rest, ""  # a policy interpretation's 「五、机构为企业招工，能获得什么补贴？」 heads its answer
    return "", rest


def _item(text: str, n: int, state: _State, *, level: int) -> list[Unit]:
    """A numbered item: whole when short, else its sentences under the item's heading."""
    label = _level(text)[1]
    rest = text[len(label):].strip() if label else text
    heading, body = _split_heading(rest)
    group = state.section(level)
    state.cut(level)
    state.item = (f"{label} {heading}" if label.endswith((".", "．")) else f"{label}{heading}") if heading else label
    if len(text) <= _MAX_ITEM or not body:
        unit = Unit(text, n, section=group, lead=state.lead, kind="item", group=group)
        if text.endswith(("：", ":")):
            state.path[level] = state.item
            state.lead, state.lead_level = text, level
        return [unit]
    state.path[level] = state.item
    return [Unit(s, n, section=state.section(), lead=state.lead, kind="item", group=group)
            for s in split_sentences(body)]


def _sentences(text: str, n: int, state: _State, *, headed: bool = True) -> list[Unit]:
    units = []
    sentences = split_sentences(text)
    # 「服务站建设提速。截至5月底，…」「一是加快推进服务站提质扩面。6月底前…」: an unnumbered paragraph's short
    # opening sentence is its run-in heading, and the sentences after it read under it
    run_in = sentences[0] if not headed and len(sentences) > 1 and _RUN_IN.match(sentences[0]) else ""
    for s in sentences:
        units.append(Unit(s, n, section=state.section(), kind="text", lead=run_in if s is not sentences[0] else ""))
        if s.endswith(("：", ":")):
            state.lead, state.lead_level = s, max(state.path or {0: ""})
    return units
