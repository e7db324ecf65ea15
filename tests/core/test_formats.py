"""An admin adds a city's plan written in Word (styled headings without numbers, an automatic list, a timetable
table) and a province's notice saved as PDF; officials' questions about them are answered with the heading path
and the table row, as for a plain-text document."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrieval.ingest import KnowledgeError, chunk_article, parse_document, read_document, split_articles
from retrieval.library import Metadata, add_document
from retrieval.service import Assistant
from tests.core.support import (NOTICE_TIMETABLE, NOTICE_TITLE, PLAN_TITLE, copy_knowledge, core_settings,
                                notice_pdf_bytes, plan_docx_bytes)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The knowledge folder after the two uploads."""
    knowledge = copy_knowledge(tmp_path_factory.mktemp("formats"))
    documents = knowledge / "documents"
    add_document(documents, "青川市实施方案.docx", plan_docx_bytes(),
                 Metadata(PLAN_TITLE, "2025-08-01", "青川市人民政府办公室"), doc_id="qingchuan-plan")
    add_document(documents, "notice.pdf", notice_pdf_bytes(),
                 Metadata(NOTICE_TITLE, "2025-06-20", "南屏省人力资源和社会保障厅"), doc_id="nanping-notice")
    return knowledge


@pytest.fixture(scope="module")
def core(library: Path) -> Assistant:
    """The core over the seed page and the two uploads."""
    return Assistant.open(core_settings(library.parent / "data", KNOWLEDGE_DIR=str(library)))


def chunks_of(library: Path, doc_id: str):
    [article] = split_articles(read_document(library / "documents" / f"{doc_id}.txt"))
    return chunk_article(article)


def test_a_word_heading_without_a_number_is_the_section_of_the_answer(core):
    result = core.answer("青川市对招聘用工联合体奖补多少？")
    assert result.found and "一次性奖补40万元" in result.answer
    assert result.sources[0].title == PLAN_TITLE and result.sources[0].section == "支持措施 资金支持"
    assert f"《{PLAN_TITLE}》支持措施 资金支持" in result.answer


def test_a_timetable_question_is_answered_with_the_row_of_the_word_table(core):
    result = core.answer("青川市各区县什么时候报送试点项目清单？")
    assert result.found and "时间节点：8月15日17:00前；工作内容：各区县报送试点项目清单" in result.answer
    assert result.sources[0].section == "时间安排"


def test_every_row_of_a_word_table_is_its_own_passage_read_with_its_column_names_in_body_order(library):
    chunks = chunks_of(library, "qingchuan-plan")
    texts = [c.text for c in chunks]
    rows = [c for c in chunks if c.kind == "row"]
    assert [r.text for r in rows] == ["时间节点：8月15日17:00前；工作内容：各区县报送试点项目清单",
                                      "时间节点：9月10日前；工作内容：市人社局组织完成项目评审",
                                      "时间节点：9月底前；工作内容：市政府印发试点项目名单"]
    assert all(r.lead == "试点项目按以下时间推进：" and r.section == "时间安排" for r in rows)
    before, after = texts.index("试点项目按以下时间推进："), texts.index("逾期未报送的区县，不再纳入本年度试点项目。")
    assert before < texts.index(rows[0].text) < texts.index(rows[-1].text) < after


def test_word_headings_are_never_glued_to_the_text_after_them(library):
    chunks = chunks_of(library, "qingchuan-plan")
    headings = ("工作目标", "时间安排", "支持措施", "资金支持", "用地保障", PLAN_TITLE)
    assert not any(c.text.startswith(headings) for c in chunks)
    land = next(c for c in chunks if c.text.startswith("人力资源服务产业园建设用地"))
    assert land.section == "支持措施 用地保障"  # a style named 「标题 2」, as WPS saves it


def test_an_automatically_numbered_list_keeps_its_numbers_order_and_lead_in(core, library):
    items = [c for c in chunks_of(library, "qingchuan-plan") if c.kind == "item"]
    assert [c.text for c in items] == ["1. 培育面向制造业的专业人力资源服务机构45家以上；", "2. 建设跨企业培训中心6个；",
                                       "3. 新增制造业技能人才2万人。"]
    assert {c.lead for c in items} == {"到2027年底，全市实现以下目标："}
    result = core.answer("青川市到2027年要建设几个跨企业培训中心？")
    assert result.found and "建设跨企业培训中心6个" in result.answer


def test_numbered_headings_of_a_pdf_are_the_section_of_the_answer(core):
    result = core.answer("南屏省推荐城市原则上不超过几个？")
    assert result.found and "原则上不超过3个" in result.answer
    assert result.sources[0].title == NOTICE_TITLE and result.sources[0].section == "二、推荐程序 （二）省级评审"


def test_sentences_the_pdf_page_wrapped_are_quoted_whole(core, library):
    result = core.answer("南屏省对申报城市的工业增加值有什么要求？")
    assert result.found and ("申报城市2024年规模以上工业增加值不低于600亿元，经营性人力资源服务机构不少于120家，"
                             "并已建成市级人力资源服务产业园。") in result.answer
    assert result.sources[0].section == "一、推荐条件 （一）产业基础"
    texts = [c.text for c in chunks_of(library, "nanping-notice")]
    assert not any(t in NOTICE_TITLE for t in texts)  # the title, wrapped over two lines, is not a passage


def test_a_pdf_table_gives_one_row_per_line_and_page_numbers_are_not_passages(library):
    chunks = chunks_of(library, "nanping-notice")
    rows = [(c.section, c.lead, c.text) for c in chunks if c.kind == "row"]
    assert rows == [("三、时间安排", "各环节时间安排如下：", f"{when}：{what}") for when, what in NOTICE_TIMETABLE]
    assert not any(re.search(r"^-? ?\d+ ?-?$", c.text) for c in chunks)


def layout_line(*cells: tuple[int, str]) -> str:
    """A line as pypdf's layout mode prints it: each cell's text from its column."""
    line = ""
    for column, text in cells:
        line = line.ljust(column) + text
    return line


def test_a_pdf_table_whose_cells_wrap_onto_more_lines_is_read_one_row_per_line():
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((0, "序号"), (5, "阶段"), (14, "时间安排"), (31, "主要工作"), (47, "牵头单位")), "",
        layout_line((0, "1"), (3, "平台建设"), (12, "2026年6月底前"), (28, "建成首批12个产业链人"), (46, "市人社局、市工")),
        layout_line((28, "力资源服务站"), (46, "信局")), "",
        layout_line((0, "2"), (3, "中期评估"), (12, "2027年6月"), (28, "配合国家中期评估，开"), (46, "领导小组办公室")),
        layout_line((28, "展自查整改")), "",
        "说明：以上时间均为计划时间。",
        layout_line((40, "— 9 —"))])
    assert pdf_text([page]).split("\n") == [
        "序号　　阶段　　时间安排　　主要工作　　牵头单位",
        "1　　平台建设　　2026年6月底前　　建成首批12个产业链人力资源服务站　　市人社局、市工信局",
        "2　　中期评估　　2027年6月　　配合国家中期评估，开展自查整改　　领导小组办公室",
        "说明：以上时间均为计划时间。"]


def test_a_document_may_ask_to_be_read_as_an_official_document():
    raw = "---\ntitle: 某市方案\npublished: 2025-09-01\nlayout: official\n---\n## 工作目标\n\n各区县要抓好落实。\n"
    [article] = split_articles(parse_document(raw, doc_id="plan"))
    assert [(c.section, c.text) for c in chunk_article(article)] == [("工作目标", "各区县要抓好落实。")]
    with pytest.raises(KnowledgeError, match="layout"):
        parse_document(raw.replace("layout: official", "layout: slides"), doc_id="plan")


def numbered_headings_docx() -> bytes:
    """Headings numbered by Word itself (一、 and （一） come from the list definition, not from the text)."""
    import io

    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level, ilvl in [("总体要求", 1, 0), ("主要目标", 2, 1), ("到2027年底，培育专业机构45家以上。", 0, 0),
                              ("工作机制", 2, 1), ("建立联席会议制度。", 0, 0), ("保障措施", 1, 0),
                              ("各区县要落实配套资金。", 0, 0)]:
        paragraph = doc.add_heading(text, level=level) if level else doc.add_paragraph(text)
        if level:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_headings_numbered_by_word_itself_keep_their_numbers(tmp_path):
    add_document(tmp_path, "plan.docx", numbered_headings_docx(), Metadata("某市实施方案", "2025-09-01"))
    [article] = split_articles(read_document(tmp_path / "plan.txt"))
    assert [(c.section, c.text) for c in chunk_article(article)] == [
        ("一、总体要求 （一）主要目标", "到2027年底，培育专业机构45家以上。"),
        ("一、总体要求 （二）工作机制", "建立联席会议制度。"),
        ("二、保障措施", "各区县要落实配套资金。")]


def test_a_pdf_line_a_bracket_short_of_the_margin_still_runs_on():
    """An opening bracket may not end a printed line, so 「〔2026〕3号」 starts the next one: the sentence is whole."""
    from retrieval.pdf_text import pdf_text

    paragraph = ("为帮助各试点城市、人力资源服务机构和制造业企业准确理解、用足用好试点支持政策，省人力资源社会保障厅"
                 "会同有关部门经研究报省政府同意后联合印发了《鸣皋省试点若干支持措施》（鸣人社规〔2026〕3号，以下简称若干措施），"
                 "若干措施共五个方面十八条，自四月一日起施行，有效期至二〇二八年年底，试点期内国家出台新规定的，"
                 "按照国家规定执行，各地要认真贯彻落实。")
    lines, line = [], ""
    for ch in paragraph:
        if len(line) == 28:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    for k in range(len(lines) - 1):  # kinsoku: a line does not end in 〔 or （
        while lines[k].endswith(("〔", "（")):
            lines[k], lines[k + 1] = lines[k][:-1], lines[k][-1] + lines[k + 1]
    assert any(len(x) < 28 and not x.endswith("。") for x in lines[:-1])  # the page did push a bracket on
    assert pdf_text(["\n".join(lines)]) == paragraph


def test_a_pdf_phone_number_too_long_for_the_line_stays_with_its_label():
    """「联系电话：」 ends a printed line when the number did not fit after it: the number is still that phone's."""
    from retrieval.pdf_text import pdf_text

    opening = ("各试点城市及所辖县区人力资源社会保障部门负责本地区政策咨询和申报受理，申报单位可以首先向所在地的人力资源"
               "社会保障部门咨询，省级层面上的政策咨询请联系省人力资源社会保障厅人力资源流动管理处，联系人为晏书衡，联系电话：")
    lines = [opening[k:k + 28] for k in range(0, len(opening), 28)]
    assert 28 - len(lines[-1]) < len("0736-6218542") / 2 + 1 and len(lines) >= 4  # the number did not fit
    lines.append("0736-6218542；资金拨付问题请联系省财政厅社会保障处。")
    assert pdf_text(["\n".join(lines)]) == opening + lines[-1]


def test_a_pdf_running_head_and_a_table_header_printed_again_on_the_next_page_are_no_text():
    """「…人民政府文件　…〔2026〕17号」 atop every page and the 分工表's header repeated after a page break say nothing;
    a row number printed against its task (「10主园区开园」) still numbers its row."""
    from retrieval.pdf_text import pdf_text

    head = layout_line((0, "雩岭市人民政府文件"), (14, "雩政发〔2026〕8号"))
    header = layout_line((0, "序号"), (5, "重点任务"), (22, "牵头单位"), (34, "完成时限"))
    first = "\n".join(["雩岭市人民政府关于印发试点工作方案的通知", "各区县人民政府：", "现将方案印发给你们。", header,
                      layout_line((0, "1 建设服务驿站"), (22, "市人社局"), (34, "2026年底前"))])
    second = "\n".join([head, header, layout_line((0, "2发放服务券"), (22, "市财政局"), (34, "2027年3月")),
                        "说明：完成时限为最迟时间。"])
    third = "\n".join([head, "抄送：市委办公室。"])
    lines = pdf_text([first, second, third]).split("\n")
    assert "雩岭市人民政府文件　　雩政发〔2026〕8号" not in lines
    assert lines.count("序号　　重点任务　　牵头单位　　完成时限") == 1
    assert "2　　发放服务券　　市财政局　　2027年3月" in lines and "1　　建设服务驿站　　市人社局　　2026年底前" in lines


def test_a_pdf_paragraph_wrapped_at_the_margin_is_one_line_though_the_signature_is_set_further_right():
    """The announcement's signature and date stand far right and reach past the text's margin: the lines the page
    wrapped at the margin are still one paragraph each (「…包2预算166.00」 then 「万元，…」)."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((2, "（四）预算金额：486.00万元（人民币肆佰捌拾陆万元整），其中包1预算198.00万元，包2预算166.00")),
        "万元，包3预算122.00万元。",
        layout_line((2, "（五）最高限价：包1为192.00万元，包2为158.00万元，包3为118.50万元。投标报价超过所投包最高限")),
        "价的，其投标无效。",
        layout_line((40, "采购人：轩州市人力资源和社会保障局")),
        layout_line((50, "2026年3月13日")),
    ])
    lines = pdf_text([page]).split("\n")
    assert "（四）预算金额：486.00万元（人民币肆佰捌拾陆万元整），其中包1预算198.00万元，包2预算166.00万元，包3预算122.00万元。" in lines
    assert lines[1].endswith("投标报价超过所投包最高限价的，其投标无效。")


def test_pdf_tables_of_their_own_under_their_captions_each_keep_their_header():
    """Three lists of one shape, each on its page under 「附表N」 and a caption: each list's header heads its rows
    (only a header atop a page, with no caption over it, continues the table before), and the signing date at the
    foot of the letter is not run into 「附表1」."""
    from retrieval.pdf_text import pdf_text

    header = layout_line((0, "序号"), (6, "单位名称"), (24, "所在市县"), (36, "类别"))
    letter = "\n".join(["现将拟认定名单予以公示。", layout_line((30, "霆川省人力资源和社会保障厅")), layout_line((32, "2025年11月20日"))])
    bases = "\n".join(["附表1", "霆川省试点基地拟认定名单（2个）", header,
                       layout_line((0, "1"), (6, "霆州市人力资源服务产业园"), (24, "霆州市霆东区"), (36, "产业园区型")),
                       layout_line((0, "2"), (6, "霆州市汽车零部件人力资源服务基地"), (24, "霆州市霆丰县"), (36, "集群服务型"))])
    agencies = "\n".join(["附表2", "霆川省试点机构拟认定名单（1家）", header,
                          layout_line((0, "1"), (6, "霆州恒才人力资源服务有限公司"), (24, "霆州市霆东区"), (36, "招聘用工服务类"))])
    lines = pdf_text([letter, bases, agencies]).split("\n")
    assert "附表1" in lines and "2025年11月20日" in lines
    assert lines.count("序号　　单位名称　　所在市县　　类别") == 2
    assert lines.index("附表2") < max(i for i, line in enumerate(lines) if line.startswith("序号"))


def test_a_pdf_table_header_wrapped_onto_a_second_line_names_whole_columns_and_its_total_row_stands_alone():
    """「序」 over 「号」 and 「分配金额（」 over 「万元）」 are one header cell each, not the first row's text; the
    「合计」 line under the last row is a row of its own, not more of that row."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        "各市分配情况如下。",
        layout_line((0, "序"), (6, "城市"), (16, "分配金额（"), (30, "其中：人才")),
        layout_line((0, "号"), (16, "万元）"), (30, "培训")), "",
        layout_line((0, "1"), (6, "枫屿市"), (16, "980"), (30, "420")), "",
        layout_line((0, "2"), (6, "澈溪市"), (16, "860"), (30, "380")), "",
        layout_line((6, "合计"), (16, "1840"), (30, "800"))])
    assert pdf_text([page]).split("\n") == [
        "各市分配情况如下。", "序号　　城市　　分配金额（万元）　　其中：人才培训",
        "1　　枫屿市　　980　　420", "2　　澈溪市　　860　　380", "合计　　1840　　800"]


def test_a_justified_pdf_page_is_read_in_whole_sentences_beside_a_wide_table():
    """Lines a justified page wrapped differ by a character or so, and a table's rows and its right-aligned unit
    line reach further than the text: the paragraph is still one sentence."""
    from retrieval.pdf_text import pdf_text

    sentence = ("各市财政局要在收到专项资金后三十日内，会同同级人力资源社会保障部门将资金分解下达到具体项目单位，"
                "不得滞留，并按照预算公开有关规定在资金分配方案确定后二十日内向社会公开资金分配结果，接受社会监督，"
                "对违反规定使用资金的，省财政厅将按规定收回相应资金，并在下一年度分配中扣减该市专项资金，"
                "情节严重的，依法依规追究有关单位和人员的责任，各市人力资源社会保障部门要会同财政部门加强项目"
                "跟踪管理，及时掌握项目实施进度和资金使用情况，确保资金安全高效使用，切实发挥资金使用效益。")
    lines, start = [], 0
    for width in (36, 36, 35, 36, 37, 36):
        lines.append(sentence[start:start + width])
        start += width
    lines[-1] += sentence[start:]
    rows = [layout_line((60, "单位：个、万元")),
            layout_line((0, "序号"), (8, "城市"), (20, "支持项目数（个）"), (44, "分配金额（万元）"), (70, "其中：人才培训"))]
    rows += [layout_line((0, str(n)), (8, city), (20, "12"), (44, "860"), (70, "380"))
             for n, city in enumerate(("枫屿市", "澈溪市", "榕泾市", "蘅皋市", "芃城市", "沚川市", "綦阳市"), 1)]
    assert pdf_text(["\n".join(lines + rows)]).split("\n")[0] == sentence


def bulletin_pdf_bytes() -> bytes:
    """A bulletin's first page: a letter-spaced masthead 「工 作 简 报」 over a news item and its table."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK")
    masthead = ParagraphStyle("masthead", parent=body, fontSize=26, leading=36, alignment=1)
    rows = [["县（市、区）", "试点企业（家）", "招聘引才（人次）"], ["枫屿区", "14", "6120"], ["澈溪县", "9", "3480"]]
    flow = [Paragraph("工 作 简 报", masthead), Paragraph("第5期", body),
            Paragraph("截至10月31日，全市累计遴选试点制造业企业23家。各县（市、区）主要指标见下表。", body),
            Table([[Paragraph(cell, body) for cell in row] for row in rows], colWidths=[120, 120, 140])]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(flow)
    return buf.getvalue()


def test_a_pdf_pages_letter_spaced_masthead_keeps_the_layout_of_its_table():
    from retrieval.library import extract_text

    lines = extract_text("bulletin.pdf", bulletin_pdf_bytes()).split("\n")
    assert "澈溪县　　9　　3480" in lines


def agreement_docx_bytes() -> bytes:
    """An agreement whose title, styled Heading 1, names both parties on lines of their own."""
    import io

    from docx import Document

    doc = Document()
    title = doc.add_heading("", level=1)
    for n, line in enumerate(("榕泾市人力资源和社会保障局", "枫屿人力资源集团有限公司", "战略合作框架协议")):
        run = title.add_run(line)
        if n < 2:
            run.add_break()
    doc.add_paragraph("甲方：榕泾市人力资源和社会保障局")
    doc.add_heading("第一条　合作目标", level=2)
    doc.add_paragraph("至2027年底，为重点制造业企业累计招聘引才8000人次以上。")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_word_title_broken_over_lines_is_the_title_not_a_section(tmp_path):
    add_document(tmp_path, "agreement.docx", agreement_docx_bytes(),
                 Metadata("榕泾市人力资源和社会保障局 枫屿人力资源集团有限公司战略合作框架协议", "2026-09-18"))
    [article] = split_articles(read_document(tmp_path / "agreement.txt"))
    target = next(c for c in chunk_article(article) if "8000人次" in c.text)
    assert target.section == "第一条　合作目标"


def test_a_pdf_table_that_centres_its_rows_gives_each_row_the_problems_printed_above_and_below_its_number():
    """A results table prints each row's city and score on the middle line of its long last cell: the pieces
    between two numbered lines are split between the rows, so each city keeps its own problems."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((0, "序号"), (6, "试点地区"), (18, "得分"), (26, "等次"), (34, "主要问题")),
        layout_line((34, "服务站点分布不均，山区县")),
        layout_line((0, "1"), (6, "翎溪市"), (18, "93.6"), (26, "优秀"), (34, "覆盖率偏低；产业园二期建设")),
        layout_line((34, "进度滞后于计划。")),
        layout_line((34, "数字化平台与企业用工系统")),
        layout_line((0, "2"), (6, "苕水市"), (18, "78.3"), (26, "合格"), (34, "对接率仅为46%；专项资金执")),
        layout_line((34, "行率仅为41%。")),
        layout_line((0, "3"), (6, "菰城市"), (18, "67.4基本合格"), (34, "配套政策出台滞后，驻厂服")),
        layout_line((34, "务站仅建成4个。"))])
    assert pdf_text([page]).split("\n") == [
        "序号　　试点地区　　得分　　等次　　主要问题",
        "1　　翎溪市　　93.6　　优秀　　服务站点分布不均，山区县覆盖率偏低；产业园二期建设进度滞后于计划。",
        "2　　苕水市　　78.3　　合格　　数字化平台与企业用工系统对接率仅为46%；专项资金执行率仅为41%。",
        "3　　菰城市　　67.4基本合格　　配套政策出台滞后，驻厂服务站仅建成4个。"]


def test_a_paragraph_after_a_pdf_table_is_running_text_not_more_of_its_last_row():
    """Text under a table's last row, indented a column right of the row numbers, runs past the cell it starts
    under: it is the next article's paragraph, not a wrapped piece of that row."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((0, "序号"), (4, "支出方向"), (18, "主要支持内容"), (44, "比例上限")),
        layout_line((0, "1"), (4, "精准招聘服务补贴"), (18, "机构为企业推荐员工"), (44, "30%")),
        layout_line((0, "2"), (4, "驻企服务站建设补"), (18, "“进园区、进车间”驻企服务"), (44, "15%")),
        layout_line((4, "助"), (18, "站建设和运营")),
        layout_line((0, "3"), (4, "工作经费"), (18, "政策宣传、第三方核查评审"), (44, "5%")), "",
        layout_line((3, "第十条　精准招聘服务补贴。人力资源服务机构为县内规模以上制造业企业成")),
        layout_line((1, "功推荐员工的，按每人800元给予补贴。"))])
    lines = pdf_text([page]).split("\n")
    assert lines[2] == "2　　驻企服务站建设补助　　“进园区、进车间”驻企服务站建设和运营　　15%"
    assert lines[3] == "3　　工作经费　　政策宣传、第三方核查评审　　5%"
    assert "第十条　精准招聘服务补贴。人力资源服务机构为县内规模以上制造业企业成功推荐员工的，按每人800元给予补贴。" in lines


def test_a_pdf_target_table_by_year_reads_each_row_with_its_year_columns_and_its_whole_label():
    """A plan's targets, one column per year: the header prints its years close together, a long label wraps its
    unit onto the line under its figures, and the header is printed again atop the next page."""
    from retrieval.pdf_text import pdf_text

    pages = ["\n".join([
        "分年度主要指标如下：", "",
        layout_line((0, "指标"), (20, "2026年 2027年2028年"), (44, "责任单位")),
        layout_line((0, "人力资源服务机构数量（家，"), (20, "420"), (28, "480"), (36, "550"), (44, "市人社局")),
        layout_line((0, "累计）")), "",
        layout_line((0, "重点企业用工缺口满足"), (20, "85"), (28, "88"), (36, "92"), (44, "市人社局、市工信局")),
        layout_line((0, "率（%）"))]), "\n".join([
        layout_line((0, "指标"), (20, "2026年 2027年 2028年"), (44, "责任单位")),
        layout_line((0, "新增高技能人才（人）"), (20, "6000"), (28, "6500"), (36, "7200"), (44, "市人社局")), "",
        "注：机构数量为累计值。"])]
    text = pdf_text(pages)
    assert "人力资源服务机构数量（家，累计）　　420　　480　　550　　市人社局" in text.split("\n")
    assert "重点企业用工缺口满足率（%）　　85　　88　　92　　市人社局、市工信局" in text.split("\n")
    raw = f"---\ntitle: 榉川市试点实施方案\npublished: 2026-03-16\nlayout: official\n---\n一、工作目标\n\n{text}\n"
    [article] = split_articles(parse_document(raw, doc_id="plan"))
    rows = [c.text for c in chunk_article(article) if c.kind == "row"]
    assert rows == [
        "指标：人力资源服务机构数量（家，累计）；2026年：420家；2027年：480家；2028年：550家；责任单位：市人社局",
        "指标：重点企业用工缺口满足率（%）；2026年：85%；2027年：88%；2028年：92%；责任单位：市人社局、市工信局",
        "指标：新增高技能人才（人）；2026年：6000人；2027年：6500人；2028年：7200人；责任单位：市人社局"]


def test_a_bulletins_rules_bullets_masthead_and_distribution_lines_are_read_as_printed():
    """A work bulletin: pieces under 【栏目】 headings between printed rules, a data round-up of ◆ paragraphs, the
    compiler and date under the masthead, and 报/送/发 lines at the foot."""
    raw = "\n".join([
        "---", "title: 榉川市试点工作简报（第4期）", "published: 2026-11-25", "---",
        "榉川市试点工作简报", "", "第4期", "",
        "榉川市试点工作领导小组办公室编印　　　　2026年11月25日", "",
        "━━━━━━━━━━━━━━━━━━━━", "",
        "【数据速览】1—10月主要数据", "",
        "◆ 技能培训：开展制造业职工技能培训2.15万人次。",
        "◆ 补贴发放：向87家机构发放就业服务补贴1268万元。",
        "（数据来源：市人社局）", "",
        "━━━━━━━━━━━━━━━━━━━━", "",
        "【问题与安排】存在的问题及下步安排", "",
        "一些县区机构数量少、规模小。", "",
        "━━━━━━━━━━━━━━━━━━━━", "",
        "报：省人力资源和社会保障厅。", "发：各县（区）人民政府。", ""])
    [article] = split_articles(parse_document(raw, doc_id="bulletin"))
    chunks = chunk_article(article)
    texts = [(c.section, c.text) for c in chunks if c.kind != "meta"]
    assert ("【数据速览】1—10月主要数据", "补贴发放：向87家机构发放就业服务补贴1268万元。") in texts
    assert ("【数据速览】1—10月主要数据", "（数据来源：市人社局）") in texts
    assert ("【问题与安排】存在的问题及下步安排", "一些县区机构数量少、规模小。") in texts
    assert not any("━" in s or "━" in t for s, t in texts)
    meta = {(c.label, c.text) for c in chunks if c.kind == "meta"}
    assert ("发文机关", "榉川市试点工作领导小组办公室编印　　　　2026年11月25日") in meta
    assert ("报送", "发：各县（区）人民政府。") in meta


def test_a_pdf_task_table_grouped_under_headings_reads_each_numbered_row_whole():
    """A task division prints its rows in groups (「二、培育市场主体」 across the table) and centres each row on its
    middle line; a blank line parts two rows, and a date may start a column left of its cell: every row keeps its
    own measure, lead body and deadline, and a heading after the table is text again."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((0, "序号"), (5, "重点任务"), (20, "具体措施"), (34, "牵头单位"), (42, "完成时限")), "",
        layout_line((0, "一、推动精准对接")), "",
        layout_line((12, "依托信息系统，对全省2000家")),
        layout_line((1, "1"), (4, "用工监测"), (12, "重点企业开展用工监测，按月"), (33, "省人社厅"), (41, "2026年12月")),
        layout_line((12, "发布缺工岗位目录。"), (41, "底前")), "",
        layout_line((0, "二、培育市场主体")), "",
        layout_line((12, "分两批遴选30家骨干机构，对")),
        layout_line((1, "2"), (4, "遴选骨干机构"), (12, "认定的骨干机构给予一次性奖"), (33, "省人社厅"), (41, "2027年3月")),
        layout_line((12, "补50万元。"), (41, "底前")), "",
        layout_line((12, "2027年6月组织中期评估；期满")),
        layout_line((1, "3"), (4, "开展评估"), (12, "前委托第三方开展总体评估，"), (33, "省人社厅"), (39, "持续推进")),
        layout_line((12, "评估结果作为资金分配的重")),
        layout_line((12, "要依据。")), "",
        layout_line((3, "四、工作要求")),
        layout_line((3, "（一）压实工作责任。各牵头单位是任务落实的第一责任单位，要制定具体实施措施。"))])
    lines = [line for line in pdf_text([page]).split("\n") if line]
    assert lines[1:] == [
        "一、推动精准对接",
        "1　　用工监测　　依托信息系统，对全省2000家重点企业开展用工监测，按月发布缺工岗位目录。　　省人社厅　　2026年12月底前",
        "二、培育市场主体",
        "2　　遴选骨干机构　　分两批遴选30家骨干机构，对认定的骨干机构给予一次性奖补50万元。　　省人社厅　　2027年3月底前",
        "3　　开展评估　　2027年6月组织中期评估；期满前委托第三方开展总体评估，评估结果作为资金分配的重要依据。　　省人社厅　　持续推进",
        "四、工作要求",
        "（一）压实工作责任。各牵头单位是任务落实的第一责任单位，要制定具体实施措施。"]


def test_a_task_table_whose_header_opens_every_page_reads_its_rows_by_their_column_names(tmp_path):
    """The header printed atop each page is read once, where the table starts, and a heading grouping the rows
    does not end the table: every row reads 「序号：…；重点任务：…；牵头单位：…」 under its group."""
    from retrieval.pdf_text import pdf_text

    header = layout_line((0, "序号"), (5, "重点任务"), (20, "具体措施"), (34, "牵头单位"), (42, "完成时限"))
    pages = [
        "\n".join(["三、任务分工", "重点任务及责任分工详见下表。", "", header, "", layout_line((0, "一、推动精准对接"))]),
        "\n".join([header, "",
                   layout_line((1, "1"), (4, "用工监测"), (12, "按月发布缺工岗位目录。"), (33, "省人社厅"), (41, "持续推进")), "",
                   layout_line((0, "二、培育市场主体")), "",
                   layout_line((1, "2"), (4, "遴选骨干机构"), (12, "遴选30家骨干机构。"), (33, "省财政厅"), (41, "2027年3月底前"))]),
        "\n".join([header, "",
                   layout_line((1, "3"), (4, "引进知名机构"), (12, "最高奖励200万元。"), (33, "省商务厅"), (41, "持续推进"))])]
    document = tmp_path / "division.txt"
    document.write_text("---\ntitle: 穑川省融合发展试点任务分工方案\npublished: 2026-08-26\n---\n" + pdf_text(pages),
                        encoding="utf-8")
    [article] = split_articles(read_document(document))
    rows = [c for c in chunk_article(article) if c.kind == "row"]
    assert [(r.section, r.text) for r in rows] == [
        ("一、推动精准对接", "序号：1；重点任务：用工监测；具体措施：按月发布缺工岗位目录。；牵头单位：省人社厅；完成时限：持续推进"),
        ("二、培育市场主体", "序号：2；重点任务：遴选骨干机构；具体措施：遴选30家骨干机构。；牵头单位：省财政厅；完成时限：2027年3月底前"),
        ("二、培育市场主体", "序号：3；重点任务：引进知名机构；具体措施：最高奖励200万元。；牵头单位：省商务厅；完成时限：持续推进")]


def application_form_docx_bytes() -> bytes:
    """A city's application as filled in: a form of label | value pairs side by side, then a target table."""
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph("一、基本情况表")
    form = [("城市名称", "篁岭市", "所属省份", "箐川省"), ("分管市领导", "郁明川（副市长）", "联系人", "骆筱雯"),
            ("联系人职务", "市人社局人力资源流动管理科科长", "联系电话", "0823-8162507"),
            ("常住人口", "186.4万人", "人力资源服务机构", "214家")]
    table = doc.add_table(rows=len(form), cols=4)
    for row, cells in zip(table.rows, form):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    doc.add_paragraph("二、试点目标")
    targets = [("指标", "2025年基数", "2027年目标"), ("人力资源服务机构数量（家）", "214", "260"),
               ("服务制造业企业数量（家）", "1050", "1500"), ("融合发展标杆企业（家）", "5", "15")]
    table = doc.add_table(rows=len(targets), cols=3)
    for row, cells in zip(table.rows, targets):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_word_form_reads_as_its_label_value_pairs_and_a_table_under_a_header_as_rows(tmp_path):
    """A form lays its labels and values side by side (「联系人 | 骆筱雯 | 联系电话 | …」): each value reads after its own
    label, not under the first row as if that were a header; the target table below it keeps its header."""
    add_document(tmp_path, "apply.docx", application_form_docx_bytes(), Metadata("篁岭市试点申报书", "2026-04-20"))
    [article] = split_articles(read_document(tmp_path / "apply.txt"))
    texts = [c.text for c in chunk_article(article)]
    assert "联系人：骆筱雯" in texts and "人力资源服务机构：214家" in texts
    assert not any("城市名称" in t and "分管市领导" in t for t in texts)
    assert any("指标：服务制造业企业数量（家）" in t and "2027年目标：1500" in t for t in texts)


def test_a_pdf_table_header_centred_over_two_lines_names_whole_columns():
    """A header whose long names wrap above the short ones (「服务机构」 over 「数（家）」 beside 「城市」) is one row:
    the line with the most cells gives the columns."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        "主要指标如下。",
        layout_line((14, "服务机构"), (26, "营业收入同"), (38, "服务企业")),
        layout_line((0, "城市"), (7, "类别"), (14, "数（家）"), (26, "比增长（%）"), (38, "数（家）")), "",
        layout_line((0, "颀州市"), (7, "国家试点"), (16, "612"), (28, "14.2"), (40, "5210")), "",
        layout_line((0, "颂阳市"), (7, "省级试点"), (16, "487"), (28, "12.8"), (40, "4036"))])
    assert pdf_text([page]).split("\n") == [
        "主要指标如下。", "城市　　类别　　服务机构数（家）　　营业收入同比增长（%）　　服务企业数（家）",
        "颀州市　　国家试点　　612　　14.2　　5210", "", "颂阳市　　省级试点　　487　　12.8　　4036"]


def test_two_dates_a_pdf_printed_against_each_other_are_two_cells():
    text = ("---\ntitle: 颀州市以奖代补申报批次安排\npublished: 2025-12-05\nlayout: official\n---\n附表2 申报批次安排\n\n"
            "批次　　网上申报时间　　纸质材料报送截止　　初审完成\n第一批　　2026年3月2日至3月31日2026年4月3日　　2026年4月17日\n"
            "第二批　　2026年8月3日至8月31日2026年9月4日　　2026年9月18日\n")
    [article] = split_articles(parse_document(text, doc_id="batches"))
    rows = [c.text for c in chunk_article(article) if c.kind == "row"]
    assert "批次：第二批；网上申报时间：2026年8月3日至8月31日；纸质材料报送截止：2026年9月4日；初审完成：2026年9月18日" in rows


def rules_pdf_bytes() -> bytes:
    """A rules page as reportlab wraps it: indented paragraphs whose lines hold figures (half a character wide) and
    quotation marks (a whole one), and a right-aligned signature date."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    signature = ParagraphStyle("signature", parent=body, alignment=2, firstLineIndent=0)
    flow = [Paragraph(text, body) for text in RULES_PARAGRAPHS] + [Paragraph("2025年12月8日", signature)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(flow)
    return buf.getvalue()


RULES_PARAGRAPHS = [
    "（一）签订任务书。各牵头单位应于2025年12月26日前与省人力资源社会保障厅、合作企业签订三方项目任务书，明确考核指标、"
    "进度安排和资金预算。逾期未签订且无正当理由的，视为自动放弃，由备选项目依次递补。",
    "（二）中期评估。2026年9月由省人力资源社会保障厅会同省工业和信息化厅组织中期评估，重点评估任务进度、资金使用和合作企业"
    "满意度。中期评估结果分为“良好”“合格”“不合格”三个等次，评估结果在全省通报。",
    "（三）终期验收。项目实施期满后3个月内完成终期验收，验收坚持“企业出题、企业阅卷”，合作企业评价意见占验收总分的40%，"
    "第三方专家评价占40%，现场核查占20%，验收结果分为“优秀”“通过”“不通过”三个等次。",
    "（四）资金拨付。支持资金分两期拨付：项目任务书签订后拨付60%，中期评估合格后拨付剩余40%，资金拨付进度与项目实施进度"
    "挂钩，中期评估不合格的暂停拨付后续资金，限期3个月整改，整改后仍不合格的终止项目。",
]


def test_a_pdf_paragraph_whose_lines_hold_figures_and_quotation_marks_is_quoted_whole():
    """Figures make a wrapped line look shorter than the page's measure and quotation marks used to look half as
    wide: the sentence asking 「任务书最晚哪天签」 still reads on to what is signed."""
    from retrieval.library import extract_text

    lines = extract_text("rules.pdf", rules_pdf_bytes()).split("\n")
    assert all(paragraph in lines for paragraph in RULES_PARAGRAPHS)


def test_a_pdf_header_whose_units_wrap_under_its_names_and_a_row_one_space_short_read_by_column():
    """A score table prints 「组织保障（」 over 「15分）」 and a row's 「93.5 优秀」 one space apart: the columns keep
    their units, and the score and the grade are two cells under 「总分」 and 「等级」."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((3, "城市"), (10, "组织保障（"), (19, "任务推进（"), (28, "满意度（10"), (38, "总分"), (44, "等级")),
        layout_line((11, "15"), (13, "分）"), (20, "35分）"), (30, "分）")),
        layout_line((2, "骅阳市"), (12, "14.5"), (21, "33.0"), (30, "9.0"), (38, "93.5 优秀")),
        layout_line((2, "驿湾市"), (12, "10.5"), (21, "22.0"), (30, "6.5"), (38, "63.0 合格"))])
    assert pdf_text([page]).split("\n") == [
        "城市　　组织保障（15分）　　任务推进（35分）　　满意度（10分）　　总分　　等级",
        "骅阳市　　14.5　　33.0　　9.0　　93.5　　优秀",
        "驿湾市　　10.5　　22.0　　6.5　　63.0　　合格"]


def test_a_pdf_table_centring_its_rows_is_parted_at_the_blank_line_between_rows_from_its_first_row_on():
    """A two-line first row prints its number on its first line, so nothing stands above it; a three-line row
    further down has a line above its number, and the blank line pypdf leaves between rows says whose it is."""
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((0, "序号"), (4, "案例名称"), (16, "所在地"), (26, "制造业企业")), "",
        layout_line((1, "1"), (4, "驻厂招聘专"), (16, "鲈港经济开"), (26, "鲸能电池科技有")),
        layout_line((4, "班"), (16, "发区"), (26, "限公司")), "",
        layout_line((1, "2"), (4, "企校机构三"), (16, "鳌汀县"), (26, "恒锐精密铸造有")),
        layout_line((4, "方联动"), (26, "限公司")), "",
        layout_line((4, "鲸享工共享"), (26, "鲟江县鲜途水产")),
        layout_line((1, "3"), (4, "用工"), (16, "鲟江县"), (26, "食品有限公司等2")),
        layout_line((26, "3家"))])
    assert pdf_text([page]).split("\n") == [
        "序号　　案例名称　　所在地　　制造业企业",
        "1　　驻厂招聘专班　　鲈港经济开发区　　鲸能电池科技有限公司",
        "2　　企校机构三方联动　　鳌汀县　　恒锐精密铸造有限公司",
        "3　　鲸享工共享用工　　鲟江县　　鲟江县鲜途水产食品有限公司等23家"]
