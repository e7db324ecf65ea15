"""Official documents as admins load them: a province's notice, cities' plans and a list of pilot cities are
parsed into sections, items, table rows and metadata, and answers cite the document and section asked about."""
from __future__ import annotations

import shutil

import pytest

from retrieval.ingest import chunk_article, parse_document, read_document, split_articles
from retrieval.official import parse_official
from retrieval.service import Assistant
from retrieval.settings import PROJECT_ROOT
from tests.core.support import copy_knowledge, core_settings, rows_of

CORPUS = PROJECT_ROOT / "knowledge" / "calibration" / "corpus-dev" / "documents"


def seed_page_with(tmp_path_factory, name: str, *documents) -> Assistant:
    """An assistant over the seed page plus these document files."""
    knowledge = copy_knowledge(tmp_path_factory.mktemp(name))
    for document in documents:
        shutil.copy(document, knowledge / "documents" / document.name)
    return Assistant.open(core_settings(knowledge.parent / "data", KNOWLEDGE_DIR=str(knowledge)))


def seed_page_with_text(tmp_path_factory, filename: str, text: str) -> Assistant:
    """An assistant over the seed page plus one document written here."""
    document = tmp_path_factory.mktemp(filename.split(".")[0]) / filename
    document.write_text(text, encoding="utf-8")
    return seed_page_with(tmp_path_factory, f"{document.stem}-core", document)


def seed_page_with_texts(tmp_path_factory, name: str, texts: dict[str, str]) -> Assistant:
    """An assistant over the seed page plus documents written here (file name -> text)."""
    folder = tmp_path_factory.mktemp(name)
    for filename, text in texts.items():
        (folder / filename).write_text(text, encoding="utf-8")
    return seed_page_with(tmp_path_factory, f"{name}-core", *(folder / filename for filename in texts))


def seed_page_with_upload(tmp_path_factory, name: str, folder) -> Assistant:
    """An assistant over the seed page plus a folder of documents loaded as an admin loads them (a .docx or .pdf
    with the title and date of its twin .txt)."""
    from retrieval.library import load_folder

    knowledge = copy_knowledge(tmp_path_factory.mktemp(name))
    load_folder(folder, knowledge / "documents")
    return Assistant.open(core_settings(knowledge.parent / "data", KNOWLEDGE_DIR=str(knowledge)))


def chunks_of(name: str):
    document = read_document(CORPUS / name)
    [article] = split_articles(document)
    return article, chunk_article(article)


def test_a_notice_is_one_article_titled_by_the_document_not_by_its_headings():
    article, chunks = chunks_of("dc-01-recommend-notice.txt")
    assert article.title.startswith("东川省人力资源和社会保障厅等4部门关于组织推荐")
    assert {c.article_title for c in chunks} == {article.title}


def test_metadata_lines_become_answerable_metadata():
    _, chunks = chunks_of("dc-01-recommend-notice.txt")
    meta = {(c.label, c.text) for c in chunks if c.kind == "meta"}
    assert ("文号", "东人社函〔2025〕112号") in meta
    assert ("成文日期", "2025年6月16日") in meta
    assert ("主送", "各设区市人力资源社会保障局、发展改革委、财政局、工业和信息化局：") in meta
    assert any(label == "发文机关" and "东川省财政厅" in text for label, text in meta)
    assert any(label == "附件" for label, _ in meta)


def test_headings_are_never_glued_to_the_text_after_them():
    _, chunks = chunks_of("dc-01-recommend-notice.txt")
    assert not any(c.text.startswith(("三、时间安排", "一、推荐范围")) for c in chunks)
    county = next(c for c in chunks if "不单独申报" in c.text)
    assert county.section == "一、推荐范围和条件 （一）推荐范围"


def test_a_timetable_gives_one_row_per_line_with_its_lead_in():
    _, chunks = chunks_of("dc-01-recommend-notice.txt")
    rows = [c for c in chunks if c.kind == "row"]
    assert len(rows) == 5
    assert rows[1].text == "7月4日17:00前：各设区市报送申报材料（逾期不予受理）"
    assert rows[1].lead == "各环节时间安排如下：" and rows[1].section == "三、时间安排"


PASTED_LIST = """人社厅发〔2025〕61号

附件

试点城市名单

序号\u3000省份\u3000试点城市
1\u3000河北\u3000唐山市、保定市
2\u3000江苏\u3000苏州市、无锡市、常州市

联系人：人力资源流动管理司\u3000赵立群；联系电话：010-84207315
"""


def test_a_table_pasted_with_single_gaps_reads_each_row_with_its_column_names():
    rows = [u for u in parse_official(PASTED_LIST, "关于公布试点城市名单的通知") if u.kind == "row"]
    assert [r.text for r in rows] == ["序号：1；省份：河北；试点城市：唐山市、保定市",
                                      "序号：2；省份：江苏；试点城市：苏州市、无锡市、常州市"]


def test_a_table_without_a_header_keeps_every_row_as_it_is():
    body = "一、重点产业\n\n江临市　新能源汽车\n云岭市　绿色化工\n"
    rows = [u.text for u in parse_official(body, "关于重点产业的通知") if u.kind == "row"]
    assert rows == ["江临市：新能源汽车", "云岭市：绿色化工"]


def test_a_markdown_table_reads_each_row_with_its_column_names_and_drops_the_rule_line():
    body = ("## 三、补贴标准\n\n本措施主要奖补标准汇总如下：\n\n| 支持事项 | 补贴标准 | 上限 |\n| --- | :---: | --- |\n"
            "| 跨企业培训中心建设 | 设备投入的30% | 200万元 |\n| 订单式培训 | 每人2000元 |  |\n")
    units = parse_official(body, "南坪市支持两业融合若干措施")
    assert [u.text for u in units if u.kind == "row"] == [
        "支持事项：跨企业培训中心建设；补贴标准：设备投入的30%；上限：200万元", "支持事项：订单式培训；补贴标准：每人2000元"]
    assert not any("|" in u.text or "---" in u.text for u in units)


def test_a_sentence_with_one_wide_space_stays_a_sentence():
    units = parse_official(PASTED_LIST, "关于公布试点城市名单的通知")
    contact = next(u for u in units if "赵立群" in u.text)
    assert contact.kind != "row" and "人力资源流动管理司\u3000赵立群" in contact.text


def test_an_amount_table_names_its_columns_in_every_row():
    document = read_document(PROJECT_ROOT / "knowledge" / "calibration" / "corpus-own" / "documents"
                             / "hc-03-implementation-plan.md")
    [article] = split_articles(document)
    rows = [c.text for c in chunk_article(article) if c.kind == "row"]
    assert "支持事项：招聘用工联合体；支持标准：经认定后一次性奖补；单项上限：40万元" in rows


AMOUNT_TABLE = (
    "第十条　专项资金支持事项及标准如下：\n\n"
    "序号　支持事项　　　　　　　支持标准　　　　　　　　　　　　　　　　单个主体年度上限\n"
    "1　　新引进机构落户奖励　　按实缴注册资本的2%给予一次性奖励　　　　50万元\n"
    "2　　招聘用工联合体补助　　经认定补助30万元，考核优秀的再给予10万元　40万元\n"
    "3　　急需紧缺人才引进奖励　年薪30万元以上的每人奖励1万元，年薪50万元以上的每人奖励2万元　30万元\n")


def test_a_row_whose_long_cell_leaves_one_space_before_the_next_keeps_its_own_number_and_columns():
    rows = [u.text for u in parse_official(AMOUNT_TABLE, "南坪市试点专项资金管理办法") if u.kind == "row"]
    assert rows[1] == "序号：2；支持事项：招聘用工联合体补助；支持标准：经认定补助30万元，考核优秀的再给予10万元；单个主体年度上限：40万元"
    assert rows[2].startswith("序号：3；支持事项：急需紧缺人才引进奖励；") and rows[2].endswith("单个主体年度上限：30万元")


LIST_DOCUMENT = PROJECT_ROOT / "tests" / "data" / "documents" / "national-city-list.txt"
FUND_MEASURES = PROJECT_ROOT / "tests" / "data" / "documents" / "fund-measures.txt"
BRIEFING = PROJECT_ROOT / "tests" / "data" / "documents" / "work-briefing.md"


def test_an_attachment_after_the_signature_is_read_under_its_own_title():
    [article] = split_articles(read_document(LIST_DOCUMENT))
    chunks = chunk_article(article)
    hebei = next(c for c in chunks if "唐山市" in c.text and c.kind == "row")
    assert hebei.text == "序号：2；省份：河北；试点城市：唐山市、保定市"
    assert hebei.section == "附件 人力资源服务业与制造业融合发展试点城市名单"
    assert ("成文日期", "2025年12月5日") in {(c.label, c.text) for c in chunks if c.kind == "meta"}
    assert "附件" not in [c.text for c in chunks]


SIGNED_WITH_SCORING_TABLE = (
    "各设区市人力资源社会保障局：\n\n第一条　为推进试点，制定本意见。\n\n第二条　本意见自2025年10月1日起施行。\n\n"
    "西江省人力资源和社会保障厅　　　西江省财政厅\n　　　　　　　　　2025年9月12日\n\n（此件主动公开）\n\n"
    "附件：试点城市年度评估指标表\n\n试点城市年度评估指标表\n\n"
    "一级指标\t二级指标\t分值\t评分标准\n"
    "组织保障（15分）\t工作机制\t8\t成立领导小组的，得8分\n"
    "\t政策配套\t7\t出台专项政策的，得7分；仅印发方案的，得4分\n")


def test_a_signature_followed_by_an_attachment_with_its_title_inline_is_read_as_such():
    units = parse_official(SIGNED_WITH_SCORING_TABLE, "西江省关于推进试点的实施意见")
    assert ("成文日期", "2025年9月12日") in {(u.label, u.text) for u in units if u.kind == "meta"}
    assert "（此件主动公开）" not in [u.text for u in units]
    rows = [u for u in units if u.kind == "row"]
    assert {u.section for u in rows} == {"附件 试点城市年度评估指标表"}
    # a tab-pasted table is a table even with commas in its cells; a row with its first cell merged shares it
    assert rows[1].text == "一级指标：组织保障（15分）；二级指标：政策配套；分值：7；评分标准：出台专项政策的，得7分；仅印发方案的，得4分"


JOINT_NOTICE = (
    "南坪省人力资源和社会保障厅\n南坪省发展和改革委员会\n关于做好试点首年工作总结的通知\n\n南人社函〔2026〕12号\n\n"
    "各试点城市人力资源社会保障局：\n\n一、报送要求\n\n请于2026年2月6日前报送总结。\n\n联系人及联系方式：\n"
    "省人力资源社会保障厅市场处　　钟明远　0619-86023157\n省发展改革委服务业处　　　　韦　静　0619-86117204\n\n"
    "附件：1. 主要指标统计表\n　　　2. 重点项目清单（模板）\n　　　3. 典型案例撰写提纲\n\n"
    "南坪省人力资源和社会保障厅　　南坪省发展和改革委员会\n2026年1月9日\n")


def test_a_joint_notice_keeps_every_issuer_its_attachment_list_and_padded_names():
    units = parse_official(JOINT_NOTICE, "南坪省人力资源和社会保障厅等2部门关于做好试点首年工作总结的通知")
    meta = [(u.label, u.text) for u in units if u.kind == "meta"]
    assert meta[:2] == [("发文机关", "南坪省人力资源和社会保障厅"), ("发文机关", "南坪省发展和改革委员会")]
    assert [t for label, t in meta if label == "附件"] == [
        "附件：1. 主要指标统计表", "2. 重点项目清单（模板）", "3. 典型案例撰写提纲"]
    assert ("成文日期", "2026年1月9日") in meta
    assert ("联系人", "省发展改革委服务业处　韦　静　0619-86117204") in meta  # a contact block is the contacts


def test_chapters_and_articles_are_cited_as_written_without_the_padding_of_short_headings():
    body = "第一章　总　则\n\n第一条　为推进试点，制定本措施。\n\n第二章　支持政策\n\n第二条　支持组建联合体。对认定的联合体给予奖补40万元。\n"
    units = parse_official(body, "南坪市支持两业融合若干措施")
    award = next(u for u in units if "40万元" in u.text)
    assert award.section == "第二章\u3000支持政策 第二条\u3000支持组建联合体"
    assert next(u for u in units if "制定本措施" in u.text).section == "第一章\u3000总则 第一条"


@pytest.fixture(scope="module")
def with_joint_notice(tmp_path_factory) -> Assistant:
    knowledge = copy_knowledge(tmp_path_factory.mktemp("joint"))
    (knowledge / "documents" / "joint-notice.txt").write_text(
        "---\ntitle: 南坪省人力资源和社会保障厅等2部门关于做好试点首年工作总结的通知\npublished: 2026-01-09\n---\n"
        + JOINT_NOTICE, encoding="utf-8")
    return Assistant.open(core_settings(knowledge.parent / "data", KNOWLEDGE_DIR=str(knowledge)))


def test_an_attachments_title_answers_which_attachments_there_are_not_what_they_say(with_joint_notice):
    assert not with_joint_notice.answer("南坪省典型案例撰写提纲里具体要写哪些栏目？").found
    listed = with_joint_notice.answer("南坪省首年总结的通知有哪些附件？")
    assert listed.found and "典型案例撰写提纲" in listed.answer


def test_a_line_of_an_attachment_reads_under_the_attachments_title():
    body = "经研究，现予公布。\n\n2025年12月5日\n\n附件2\n\n试点城市名单\n\n河北：唐山市、保定市\n"
    hebei = next(u for u in parse_official(body, "关于公布试点城市名单的通知") if "唐山市" in u.text)
    assert hebei.section == "附件2 试点城市名单" and hebei.lead == "试点城市名单"


PHASED_PLAN = PROJECT_ROOT / "tests" / "data" / "documents" / "qingshi-plan.txt"


@pytest.fixture(scope="module")
def with_list(tmp_path_factory) -> Assistant:
    """The seed page plus a national list of pilot cities (a table in an attachment) and a city's plan whose
    stages carry their dates in their headings, a city's measures in 第X条 with their items, and a work briefing."""
    return seed_page_with(tmp_path_factory, "list", LIST_DOCUMENT, PHASED_PLAN, FUND_MEASURES, BRIEFING)


def test_the_items_of_an_article_belong_to_that_article():
    [article] = split_articles(read_document(FUND_MEASURES))
    items = [c for c in chunk_article(article) if c.text.startswith(("（一）", "（二）", "（三）"))]
    assert [c.text for c in items] == ["（一）在南坪市依法登记注册，具有独立法人资格；", "（二）近两年无严重失信记录；",
                                       "（三）按规定为职工缴纳社会保险费。"]
    assert {(c.kind, c.section, c.lead) for c in items} == {
        ("item", "第三章　申报和审核 第七条", "申报单位应当具备下列条件：")}


@pytest.mark.parametrize("question", ["南坪市那个资金管理办法第七条讲的是啥？", "南坪的专项资金管理办法第7条说了什么"])
def test_a_question_naming_an_article_gets_that_article_with_its_items(with_list, question):
    result = with_list.answer(question)
    assert result.found and result.sources[0].section == "第三章　申报和审核 第七条"
    assert result.answer.startswith("申报单位应当具备下列条件：\n（一）在南坪市依法登记注册")
    assert "（三）按规定为职工缴纳社会保险费。" in result.answer


def test_an_issue_of_a_briefing_that_is_not_loaded_is_not_answered_from_another_issue(with_list):
    assert with_list.answer("南坪试点工作简报第3期里，4月份新签约了多少家制造业企业？").found
    assert not with_list.answer("南坪试点工作简报第2期里，4月份新签约了多少家制造业企业？").found


def test_where_to_mail_an_objection_is_answered_by_the_address_under_the_sentence_about_objections(with_list):
    result = with_list.answer("对南坪专项资金的审核结果有异议，书面材料寄到哪里？")
    assert result.found and "望江路18号" in result.answer


def test_a_work_briefings_masthead_and_closing_block_are_its_metadata():
    [article] = split_articles(read_document(BRIEFING))
    chunks = chunk_article(article)
    meta = {(c.label, c.text) for c in chunks if c.kind == "meta"}
    assert {("期号", "第3期"), ("发文机关", "南坪市人力资源服务业与制造业融合发展试点工作领导小组办公室编印"),
            ("成文日期", "2026年5月20日"), ("报送", "报送：省人力资源社会保障厅，省发展改革委；市委、市政府有关领导。"),
            ("抄送", "抄送：各县（区）人民政府，市试点工作领导小组各成员单位。"),
            ("联系人", "联系人：方知远　联系电话：0733-86123456　（共印40份）")} <= meta
    assert not any("报送" in c.text or "方知远" in c.text for c in chunks if c.kind != "meta")


@pytest.mark.parametrize("question,expected", [
    ("南坪市的试点工作简报是第几期？", "第3期"),
    ("南坪那份简报是哪个单位编印的", "领导小组办公室编印"),
    ("南坪的试点简报报送给了哪些单位？", "报送：省人力资源社会保障厅"),
])
def test_a_briefings_issue_compiler_and_recipients_are_answered(with_list, question, expected):
    result = with_list.answer(question)
    assert result.found and expected in result.answer
    assert result.sources[0].title.startswith("南坪市人力资源服务业与制造业融合发展试点工作简报")


def test_a_city_on_the_list_is_found_on_its_provinces_line(with_list):
    result = with_list.answer("唐山是试点城市吗")
    assert result.found and "省份：河北；试点城市：唐山市、保定市" in result.answer
    assert result.sources[0].section == "附件 人力资源服务业与制造业融合发展试点城市名单"


def test_a_province_asked_about_gets_its_own_line_not_the_whole_list(with_list):
    result = with_list.answer("江苏有哪些城市入选了试点？")
    assert result.found and "苏州市、无锡市、常州市" in result.answer and "唐山市" not in result.answer


@pytest.mark.parametrize("question", ["河北省进了试点名单的是哪几个市", "唐山属于哪个省"])
def test_the_row_a_place_picks_answers_which_cities_and_which_province(with_list, question):
    result = with_list.answer(question)
    assert result.found and "唐山市" in result.answer and "河北" in result.answer


def test_how_many_cities_is_answered_by_the_row_that_names_them_without_a_count_of_our_own(with_list):
    result = with_list.answer("江苏入选了几个城市？")
    assert result.found and "苏州市、无锡市、常州市" in result.answer
    assert not any(n in result.answer for n in ("3个", "三个"))


def test_a_heading_that_opens_its_paragraph_is_the_lead_in_of_its_sentences():
    _, chunks = chunks_of("dc-01-recommend-notice.txt")
    county = next(c for c in chunks if c.text.startswith("县（市、区）不单独申报"))
    assert county.lead == "（一）推荐范围。"


def test_a_stage_whose_dates_are_in_its_heading_is_answered_with_the_heading(with_list):
    result = with_list.answer("青石市试点的启动部署阶段是什么时候？")
    assert result.found and "（一）启动部署阶段（2025年10月—12月）。制定配套政策" in result.answer


def test_items_keep_the_lead_in_they_complete():
    _, chunks = chunks_of("jl-02-implementation-plan.txt")
    target = next(c for c in chunks if c.text.startswith("2. 组建招聘用工联合体15个"))
    assert target.kind == "item" and target.lead == "到2027年底，全市实现以下目标："
    assert target.section == "一、总体要求 （二）主要目标"


def test_responsibility_lines_name_the_item_they_belong_to():
    _, chunks = chunks_of("jl-02-implementation-plan.txt")
    duty = next(c for c in chunks if c.kind == "duty" and "市工信局" in c.text)
    assert duty.section.endswith("1. 组建招聘用工联合体")


def test_markdown_sections_stay_in_their_document_and_bullets_are_items():
    article, chunks = chunks_of("yl-03-implementation-plan.md")
    assert article.title == "云岭市人力资源服务业与制造业融合发展试点实施方案"
    subsidy = next(c for c in chunks if c.text.startswith("跨企业培训中心：按实训设备投入的30%"))
    assert subsidy.kind == "item" and subsidy.section == "三、政策支持"
    assert subsidy.lead.startswith("市财政每年安排试点专项资金3000万元")


def test_copies_and_the_printing_line_below_the_signature_close_the_document_with_its_date():
    body = ("各省、自治区、直辖市人力资源社会保障厅（局）：\n\n为做好试点中期评估工作，现将有关事项通知如下。\n\n"
            "一、评估内容\n重点评估试点任务完成情况。\n\n二、时间安排\n各试点城市于2027年4月30日前完成自评。\n\n"
            "附件：1. 中期评估指标体系\n　　　2. 中期评估指标数据表\n\n人力资源社会保障部办公厅　　国家发展改革委办公厅\n\n"
            "2027年3月22日\n\n（此件主动公开）\n\n抄送：各试点城市人民政府，国家统计局办公室。\n\n"
            "人力资源社会保障部办公厅　　　　　　　　2027年3月24日印发\n")
    meta = {(u.label, u.text) for u in parse_official(body, "关于开展中期评估工作的通知") if u.kind == "meta"}
    assert {("成文日期", "2027年3月22日"), ("抄送", "抄送：各试点城市人民政府，国家统计局办公室。"),
            ("附件", "2. 中期评估指标数据表"), ("印发", "人力资源社会保障部办公厅　2027年3月24日印发")} <= meta


def test_a_markdown_interpretation_with_question_headings_is_one_document_in_sections():
    from retrieval.ingest import parse_document

    document = parse_document(
        "---\ntitle: 某省若干措施政策解读\npublished: 2025-11-27\n---\n\n# 政策如何落地——《若干措施》政策解读\n\n"
        "**某省日报记者 鲁晓岚　通讯员 詹一鸣**\n\n近日，某省印发《若干措施》。\n\n"
        "### 政策从什么时候开始执行？\n\n《若干措施》**自2025年12月1日起施行**。\n\n"
        "### 劳动者能得到哪些实惠？\n\n按**每人每天50元**发放生活费补贴。\n", doc_id="jiedu")
    [article] = split_articles(document)
    assert article.title == "某省若干措施政策解读"
    chunks = chunk_article(article)
    start = next(c for c in chunks if "施行" in c.text)
    assert start.section == "政策从什么时候开始执行？" and start.text == "《若干措施》自2025年12月1日起施行。"
    assert ("记者", "某省日报记者 鲁晓岚　通讯员 詹一鸣") in {(c.label, c.text) for c in chunks if c.kind == "meta"}


def test_the_news_page_keeps_its_articles_and_now_its_bylines_as_metadata():
    seed = read_document(PROJECT_ROOT / "knowledge" / "documents" / "xinhua-2025-06-04.txt")
    articles = split_articles(seed)
    assert len(articles) == 8
    meta = [c for a in articles for c in chunk_article(a) if c.kind == "meta"]
    assert ("记者", "新华社记者 姜琳") in {(c.label, c.text) for c in meta}
    assert ("作者", "新华社发 王斌 作") in {(c.label, c.text) for c in meta}


@pytest.fixture(scope="module")
def with_corpus(tmp_path_factory) -> Assistant:
    """The core over the seed page plus the four official documents."""
    root = tmp_path_factory.mktemp("corpus")
    knowledge = copy_knowledge(root)
    for path in CORPUS.iterdir():
        shutil.copy(path, knowledge / "documents" / path.name)
    return Assistant.open(core_settings(root / "data", KNOWLEDGE_DIR=str(knowledge)))


def test_two_places_asked_together_each_get_their_item_of_the_list(with_corpus):
    """「江临和云岭的重点产业方向分别是什么」: the list gives each city's line; both are quoted, not the first only."""
    result = with_corpus.answer("江临和云岭的重点产业方向分别是什么，有啥不一样")
    assert result.found and "新能源汽车" in result.answer and "绿色化工" in result.answer


def test_a_citation_names_the_document_and_the_section(with_corpus):
    result = with_corpus.answer("东川省各设区市的申报材料最晚什么时候报送？")
    assert result.found and "7月4日" in result.answer
    top = result.sources[0]
    assert top.title.startswith("东川省人力资源和社会保障厅等4部门") and top.section == "三、时间安排"
    assert f"《{top.title}》三、时间安排" in result.answer


def test_the_city_asked_about_is_answered_from_its_own_plan(with_corpus):
    jiangling = with_corpus.answer("江临市对招聘用工联合体奖补多少？")
    yunling = with_corpus.answer("云岭市对招聘用工联合体奖补多少？")
    assert "奖补50万元" in jiangling.answer and "江临市" in jiangling.sources[0].title
    assert "奖补30万元" in yunling.answer and "云岭市" in yunling.sources[0].title
    assert "30万元" not in jiangling.answer and "50万元" not in yunling.answer


def test_the_second_question_of_a_message_is_about_the_city_the_first_one_named(with_corpus):
    result = with_corpus.answer("江临市招聘用工联合体奖补多少？对跨企业培训中心奖补多少？")
    assert result.found and [s.title.startswith("江临市") for s in result.sources] == [True, True]
    assert "奖补50万元" in result.answer and "最高200万元" in result.answer and "150万元" not in result.answer


def test_a_place_with_no_document_gets_an_honest_refusal_naming_the_places_that_have_one(with_corpus):
    result = with_corpus.answer("深圳的试点实施方案有哪些支持政策？")
    assert result.found is False
    assert "资料库里没有关于深圳" in result.answer and "江临市" in result.answer and "云岭市" in result.answer


@pytest.mark.parametrize("question,refused", [
    ("雾岚省申报材料几号截止？", True),  # a name no dictionary knows, before 省, is a place the library lacks
    ("中西部省份申报有没有倾斜？", False),  # a region is no place: the question is not refused for lacking one
])
def test_a_province_no_dictionary_knows_is_a_place_but_a_region_is_not(with_corpus, question, refused):
    result = with_corpus.answer(question)
    assert ("资料库里没有关于" in result.answer) is refused


def test_a_detail_the_documents_do_not_give_is_refused_with_what_they_do_say(with_corpus):
    result = with_corpus.answer("青峪市的试点什么时候结束？")
    assert result.found is False and result.sources == []


def test_when_a_document_was_issued_is_its_date_line_named_and_cited(with_corpus):
    result = with_corpus.answer("江临的试点实施方案是哪天印发的？")
    assert result.found and result.answer.startswith("成文日期：2025年9月26日")
    assert result.sources[0].title.startswith("江临市")


def test_the_holder_of_a_post_the_plan_never_names_is_not_answered_with_another_post(with_corpus):
    assert not with_corpus.answer("江临市领导小组副组长是谁？").found
    head = with_corpus.answer("江临市领导小组组长是谁？")
    assert head.found and "分管副市长任组长" in head.answer


def test_how_many_are_built_so_far_is_not_answered_with_the_plans_target(with_corpus):
    assert not with_corpus.answer("江临市目前已经组建了多少个招聘用工联合体？").found
    target = with_corpus.answer("江临市要组建多少个招聘用工联合体？")
    assert target.found and "15个" in target.answer


def test_the_number_of_a_plan_no_document_gives_is_not_taken_from_the_list_that_names_its_city(with_corpus):
    """枫港市 is on the province's list, but no 枫港 plan is loaded: the list's 文号 is not the plan's."""
    result = with_corpus.answer("枫港市的试点实施方案文号是多少")
    assert not result.found and "东人社发" not in result.answer


def test_who_a_notice_was_sent_to_and_who_sent_it_are_its_metadata_lines(with_corpus):
    sent_to = with_corpus.answer("东川那份组织推荐的通知是发给哪些单位的？")
    assert sent_to.found and sent_to.answer.startswith("主送：各设区市人力资源社会保障局")
    issuers = with_corpus.answer("东川公布试点城市名单的通知是哪几个部门发的？")
    assert issuers.found and issuers.answer.startswith("发文机关：")
    assert "东川省财政厅" in issuers.answer and "东川省工业和信息化厅" in issuers.answer
    assert issuers.answer.count("东川省财政厅") == 1  # printed over the title and at the signature, named once


@pytest.mark.parametrize("question", ["云岭那份试点实施方案的发文单位是谁？", "云岭的实施方案是以哪个单位的名义印发的？"])
def test_who_issued_a_plan_is_its_issuer_line_however_asked(with_corpus, question):
    result = with_corpus.answer(question)
    assert result.found and result.answer.startswith("发文机关：云岭市人民政府办公室")


def test_document_number_is_answerable(with_corpus):
    result = with_corpus.answer("江临市实施方案的文号是多少？")
    assert result.found and "江政办发〔2025〕31号" in result.answer


def test_a_list_question_gets_the_items_of_the_list(with_corpus):
    result = with_corpus.answer("东川省申报试点要交哪些材料？")
    assert result.found
    assert "申报书" in result.answer and "承诺函" in result.answer and "统计表" in result.answer
    assert len(result.answer) <= 500


def test_a_question_naming_no_place_gets_each_places_answer_with_its_own_source(with_corpus):
    result = with_corpus.answer("试点期限是多久？")
    assert result.found and 2 <= len(result.sources) <= 3
    assert len({s.title for s in result.sources}) == len(result.sources)
    assert "其他文件对此另有规定" in result.answer
    for source in result.sources:
        assert source.quote in result.answer and f"《{source.title}》" in result.answer


def test_a_question_naming_a_national_body_is_answered_from_the_national_documents(with_corpus):
    result = with_corpus.answer("国家层面对试点城市有什么条件要求？")
    assert result.found and len(result.sources) == 1
    assert not result.sources[0].title.startswith(("东川省", "江临市", "云岭市"))


def test_a_question_naming_a_place_gets_only_that_places_document(with_corpus):
    result = with_corpus.answer("东川省的试点期限是多久？")
    assert {s.title[:3] for s in result.sources} <= {"东川省"}


def test_a_which_question_naming_a_section_gets_its_sub_sections_in_order(with_corpus):
    result = with_corpus.answer("江临市的支持措施都有哪些？")
    assert result.found and result.sources[0].section == "三、支持措施"
    lines = result.answer.splitlines()
    assert lines[0].startswith("（一）") and lines[1].startswith("（二）")
    assert "江临市" in result.sources[0].title and len(result.answer) <= 500


def test_a_section_is_listed_though_an_attachments_title_line_names_the_topic_too(with_corpus):
    """「附件：云岭市试点工作重点任务清单」 ranks high for 「主要任务」 but is a title, not the list: 二、主要任务 is."""
    result = with_corpus.answer("云岭市试点有哪些主要任务？")
    assert result.found and result.sources[0].section == "二、主要任务"


def test_a_question_naming_no_place_puts_the_national_answer_first(with_corpus):
    result = with_corpus.answer("试点城市要满足哪些条件？")
    assert result.found
    assert not result.sources[0].title.startswith(("东川省", "江临市", "云岭市"))


def test_a_responsibility_question_quotes_the_task_with_its_responsible_units(with_corpus):
    result = with_corpus.answer("江临市组建招聘用工联合体的责任单位有哪些")
    assert result.found
    quote = result.sources[0].quote
    assert "招聘用工联合体" in quote and "（责任单位：市人社局、市工信局" in quote
    assert "江临市" in result.sources[0].title


def test_an_english_question_naming_a_city_in_pinyin_is_answered_only_from_that_citys_plan(with_corpus):
    """Yunling is 云岭市: whatever the gate decides, every passage the answer may quote is that city's."""
    for question, city in (("How much special funding does Yunling provide each year?", "云岭市"),
                           ("What is the document number of Jianglin's plan?", "江临市")):
        exam = with_corpus.answerer.examine(question)
        titles = {with_corpus.answerer.chunks[i].article_title for i in exam.indices}
        assert titles and all(city in t for t in titles), question


GOV_SITE_NOTICE = PROJECT_ROOT / "tests" / "data" / "documents" / "gov-site-notice.txt"


def test_a_notice_copied_from_a_government_site_keeps_its_information_block_as_metadata():
    [article] = split_articles(read_document(GOV_SITE_NOTICE))
    chunks = chunk_article(article)
    meta = [(c.label, c.text) for c in chunks if c.kind == "meta"]
    assert ("文号", "发文字号：人社厅发〔2025〕99号") in meta and ("发布日期", "发布日期：2025年06月04日") in meta
    assert ("成文日期", "成文日期：2025年05月29日") in meta and ("成文日期", "2025年5月29日") in meta
    assert [t for label, t in meta if label == "主送"] == [
        "各省、自治区、直辖市及新疆生产建设兵团人力资源社会保障厅（局）、发展改革委、财政厅（局）、工业和信息化主管部门："]
    # the title line with its issuers spaced apart is the title, and the opening paragraph is body text
    assert not any(c.kind == "row" for c in chunks)
    assert any(c.kind == "text" and c.text.startswith("为深入贯彻落实") for c in chunks)


@pytest.fixture(scope="module")
def with_site_notice(tmp_path_factory) -> Assistant:
    return seed_page_with(tmp_path_factory, "site", GOV_SITE_NOTICE)


@pytest.mark.parametrize("question, quoted", [
    ("四部门那份试点通知的发文字号是多少？", "人社厅发〔2025〕99号"),
    ("试点通知是哪天在网上发布的？", "发布日期：2025年06月04日"),
])
def test_an_official_asking_about_a_site_notice_gets_its_information_block_line(with_site_notice, question, quoted):
    result = with_site_notice.answer(question)
    assert result.found and quoted in result.answer
    assert result.sources[0].title.startswith("人力资源社会保障部办公厅等四部门")


WRAPPED_NOTICE = """---
title: 南坪省关于推荐试点城市的通知
published: 2025-06-20
---
各设区市人力资源社会保障局：

一、推荐条件

推荐城市原则上为地级及以上城市，应当具备较大规模的制造业特别
是先进制造业集群、比较发达的人力资源服务业基础。通过3年左右
的努力，培育一批面向制造业的专业人力资源服务机构。

二、时间安排

（一）材料报送。各设区市人力资源社会保障局会同相关部门于2025
年7月4日17:00前报送申报材料，逾期不再受理。
"""


def test_text_copied_out_of_a_pdf_is_read_in_whole_sentences_not_in_its_printed_lines():
    [article] = split_articles(parse_document(WRAPPED_NOTICE, doc_id="wrapped"))
    texts = [c.text for c in chunk_article(article)]
    assert "各设区市人力资源社会保障局会同相关部门于2025年7月4日17:00前报送申报材料，逾期不再受理。" in texts
    assert "推荐城市原则上为地级及以上城市，应当具备较大规模的制造业特别是先进制造业集群、比较发达的人力资源服务业基础。" in texts
    assert [c.section for c in chunk_article(article) if "逾期" in c.text] == ["二、时间安排 （一）材料报送"]


def test_a_text_of_whole_paragraphs_is_left_as_written():
    from retrieval.wrapping import unwrap

    text = WRAPPED_NOTICE.replace("特别\n是", "特别是").replace("3年左右\n的", "3年左右的").replace("2025\n年", "2025年")
    assert unwrap(text) == text


MEASURES = PROJECT_ROOT / "tests" / "data" / "documents" / "evaluation-measures.txt"
MEETING = PROJECT_ROOT / "tests" / "data" / "documents" / "meeting-news.md"


def test_a_markdown_heading_with_a_comma_is_a_section_and_the_closing_editor_credit_is_metadata():
    [article] = split_articles(read_document(MEETING))
    chunks = chunk_article(article)
    count = next(c for c in chunks if "142家" in c.text)
    assert count.section == "开局平稳，主要指标持续增长"
    assert not any(c.text == "开局平稳，主要指标持续增长" for c in chunks)
    assert ("编辑", "（责任编辑：罗亦舟）") in {(c.label, c.text) for c in chunks if c.kind == "meta"}


def test_contact_lines_and_short_numbered_clauses_are_read_as_what_they_are():
    [article] = split_articles(read_document(MEASURES))
    chunks = chunk_article(article)
    [contact] = [c for c in chunks if "邬清扬" in c.text]
    assert (contact.kind, contact.label, contact.section) == ("meta", "联系人", "八、组织实施")
    assert "柯宛如，0871-86231522" in contact.text
    cities = [c for c in chunks if c.text.startswith(("（一）国家试点城市", "（二）省级试点城市"))]
    assert [(c.kind, c.section) for c in cities] == [("item", "二、评估对象")] * 2
    vetoes = [c for c in chunks if c.text.startswith(("（一）在评估中", "（二）截留"))]
    assert {(c.kind, c.lead) for c in vetoes} == {("item", "有下列情形之一的，直接评定为不合格：")}


@pytest.fixture(scope="module")
def with_measures(tmp_path_factory) -> Assistant:
    """The seed page plus a province's evaluation measures (tables of indicators, grades and tasks) and a city's
    news release about its promotion meeting."""
    return seed_page_with(tmp_path_factory, "measures", MEASURES, MEETING)


@pytest.mark.parametrize("question,grade", [
    ("蓉岸省试点评估要是得了80分，算哪个等次？", "良好：75分以上"),
    ("蓉岸省的试点评估，拿到优秀等次需要多少分？", "优秀：90分以上"),
])
def test_a_score_is_answered_by_the_band_it_falls_in(with_measures, question, grade):
    result = with_measures.answer(question)
    assert result.found and grade in result.answer
    assert result.answer.count("分以上") == 1  # the one band, not the whole table


def test_which_values_a_column_takes_is_answered_with_that_column(with_measures):
    result = with_measures.answer("蓉岸省试点评估的一级指标有哪些？")
    assert result.found and "一级指标：组织保障、融合载体、服务成效" in result.answer
    assert "领导机制" not in result.answer


def test_a_cell_of_one_task_is_answered_from_that_tasks_row_alone(with_measures):
    result = with_measures.answer("扩建柏塘人力资源服务产业园这项任务，配合单位有哪些")
    assert result.found and "省人社厅、省发展改革委" in result.answer
    assert "组建招聘用工联合体" not in result.answer and "省教育厅" not in result.answer


def test_an_english_question_quoting_a_chinese_name_finds_the_row_that_names_it(with_measures):
    result = with_measures.answer('Which unit leads the task "扩建柏塘人力资源服务产业园" in Rong\'an province?')
    assert result.found and "牵头单位：柏塘市政府" in result.answer


def test_a_year_stated_at_the_start_of_a_sentence_carries_to_its_later_clauses(with_measures):
    result = with_measures.answer("到2027年底，蓉岸省人力资源服务业营业收入目标是多少？")
    assert result.found and "260亿元" in result.answer


def test_which_problems_a_meeting_named_gets_every_clause_of_the_sentence(with_measures):
    result = with_measures.answer("枫岙推进会指出存在哪些问题？")
    assert result.found
    assert all(part in result.answer for part in ("规模偏小", "供给不足", "还不健全"))


def test_who_spoke_is_answered_with_the_section_of_the_speeches(with_measures):
    result = with_measures.answer("枫岙推进会上做交流发言的企业和机构代表有哪些")
    assert result.found and "沈如松" in result.answer and "乔一鸣" in result.answer
    assert result.sources[0].section == "企业和机构代表交流发言"


@pytest.mark.parametrize("question,expected", [
    ("枫岙那篇推进会的稿子，责任编辑是谁？", "罗亦舟"),
    ("枫岙精密机械那位人力资源总监叫什么名字？", "沈如松"),  # only the speech tag after his words names him
    ("蓉岸省试点评估有问题找谁咨询，电话多少", "0871-86231190"),
    ("蓉岸省评估办法的联系人有哪些？", "邬清扬，0871-86231190；省财政厅社会保障处　柯宛如"),
    ("蓉岸省这套评估办法评估的是哪几个城市？", "柏塘市、栗阳市"),
])
def test_credits_contacts_and_the_items_of_a_section_are_answered(with_measures, question, expected):
    result = with_measures.answer(question)
    assert result.found and expected in result.answer


@pytest.mark.parametrize("question", [
    "蓉岸省试点评估联系人邬清扬的电子邮箱是多少？",  # the contact line gives phones, no e-mail
    "蓉岸省对跨企业培训中心的补助标准是多少？",  # the only amount in 元 is a revenue target
])
def test_a_detail_of_another_kind_than_the_documents_give_is_refused(with_measures, question):
    assert not with_measures.answer(question).found


def test_the_lines_of_a_section_on_whom_to_ask_are_the_documents_contacts():
    body = ("一、申报范围\n\n全市人力资源服务机构。\n\n二、咨询方式\n\n"
            "政策咨询：市人社局流动管理科　　林若岑　0869-3172406\n"
            "系统技术支持：网上服务大厅运维组　0869-3172499（工作日9:00—17:00）\n")
    units = parse_official(body, "关于做好专项资金申报工作的通知")
    contacts = [u.text for u in units if u.label == "联系人"]
    assert contacts == ["政策咨询：市人社局流动管理科　林若岑　0869-3172406",
                        "系统技术支持：网上服务大厅运维组　0869-3172499（工作日9:00—17:00）"]



def test_why_something_is_done_is_answered_by_the_section_that_states_its_purpose(with_measures):
    result = with_measures.answer("蓉岸省为什么要对试点城市开展评估，目的是什么？")
    assert result.found and "以评促建" in result.answer
    assert result.sources[0].section == "一、评估目的"


def test_which_materials_a_section_lists_are_its_items_under_their_lead_in_once(with_measures):
    result = with_measures.answer("蓉岸省要求自评的时候交哪些材料？")
    assert result.found and result.sources[0].section == "七、自评材料"
    assert result.answer.count("各试点城市报送的自评材料包括以下内容：") == 1
    assert all(item in result.answer for item in ("年度自评报告", "自评得分表", "佐证材料目录"))



def test_an_attachment_title_printed_on_two_lines_names_its_section_whole():
    body = ("一、名单\n\n现将名单印发给你们。\n\n某部办公厅\n2025年11月14日\n\n附件\n\n"
            "第一批人力资源服务业与制造业融合发展\n试点城市名单\n（共3个城市）\n\n"
            "序号　　省份　　试点城市\n1　　琅泽省　　澈阳市、松漪市\n2　　雁湖省　　锦埠市\n")
    rows = [u for u in parse_official(body, "关于公布试点城市名单的通知") if u.kind == "row"]
    assert {u.section for u in rows} == {"附件 第一批人力资源服务业与制造业融合发展试点城市名单"}


RULES = PROJECT_ROOT / "tests" / "data" / "documents" / "fund-rules.txt"
BULLETIN = PROJECT_ROOT / "tests" / "data" / "documents" / "progress-bulletin.md"


def test_an_article_of_rules_opens_with_a_provision_not_a_heading():
    """「第二条　试点资金实施期限为2026年至2028年。期满后…」: the article's first sentence is what it provides."""
    [article] = split_articles(read_document(RULES))
    chunks = chunk_article(article)
    [term] = [c for c in chunks if c.text == "试点资金实施期限为2026年至2028年。"]
    assert term.section == "第一章　总则 第二条" and term.kind == "text"
    [contact] = [c for c in chunks if "闻若川" in c.text]  # a contact line in brackets is still a contact
    assert (contact.kind, contact.label) == ("meta", "联系人")


def test_a_bulletins_masthead_headings_and_run_in_heads_are_read_as_what_they_are():
    [article] = split_articles(read_document(BULLETIN))
    chunks = chunk_article(article)
    meta = {(c.label, c.text) for c in chunks if c.kind == "meta"}
    assert {("发文机关", "岚溪省试点工作领导小组办公室"), ("成文日期", "2026年7月10日")} <= meta
    assert ("期号", "岚溪省融合发展试点工作简报（第7期）") in meta  # the issue is printed in the title only
    [meeting] = [c for c in chunks if "每季度召开一次" in c.text]
    assert meeting.section == "一、汀澜市：以“链长+站长”机制打通用工堵点"  # a Markdown heading is whole
    assert meeting.lead == "建立联席会议机制。"  # the bold run-in head leads its paragraph


def test_a_tables_column_name_may_carry_its_unit_in_brackets():
    body = ("名单如下：\n序号　　机构名称　　所在县区　　上年服务制造企业数（家）\n"
            "1　　汀澜人才集团有限公司　　汀澜高新区　　168\n2　　汀澜智联人力资源有限公司　　丰川区　　142\n")
    rows = [u.text for u in parse_official(body, "名单") if u.kind == "row"]
    assert rows[0] == "序号：1；机构名称：汀澜人才集团有限公司；所在县区：汀澜高新区；上年服务制造企业数：168家"


@pytest.fixture(scope="module")
def with_rules(tmp_path_factory) -> Assistant:
    """The seed page plus a province's fund rules and its pilot office's bulletin."""
    return seed_page_with(tmp_path_factory, "rules", RULES, BULLETIN)


def test_which_day_rules_take_effect_is_answered_by_a_day_not_by_years(with_rules):
    result = with_rules.answer("岚溪省的试点资金管理办法哪天开始执行？")
    assert result.found and "2026年4月1日起施行" in result.answer


def test_a_message_of_two_questions_gets_the_part_the_documents_answer(with_rules):
    result = with_rules.answer("岚溪的试点资金管理办法哪天开始执行？管到什么时候为止？")
    assert result.found and "有效期至2028年12月31日" in result.answer


def test_an_issue_and_its_date_are_both_answered(with_rules):
    result = with_rules.answer("岚溪省的试点工作简报是第几期？哪天印发的")
    assert result.found and "第7期" in result.answer and "2026年7月10日" in result.answer


def test_how_often_a_meeting_is_held_is_answered_by_its_frequency_not_by_a_span_of_months(with_rules):
    result = with_rules.answer("汀澜市的链长站长联席会多长时间开一次")
    assert result.found and "每季度召开一次" in result.answer


def test_which_things_are_forbidden_is_answered_with_the_articles_list(with_rules):
    result = with_rules.answer("岚溪省试点资金有哪些禁止用途？")
    assert result.found and "偿还债务" in result.answer and "对外投资" in result.answer


def test_an_amount_for_the_whole_province_is_not_what_each_city_must_reach(with_rules):
    """「全市…不低于600亿元」 is a condition on a city: it says nothing of the province's own total."""
    assert not with_rules.answer("岚溪省全省规模以上工业增加值是多少？").found
    assert "600亿元" in with_rules.answer("申报单位所在城市全市规模以上工业增加值要达到多少？").answer


QA = PROJECT_ROOT / "tests" / "data" / "documents" / "policy-qa.txt"


def test_a_policy_qa_is_one_document_whose_questions_head_their_answers():
    [article] = split_articles(read_document(QA))
    assert article.title == "鸣皋省人力资源服务业与制造业融合发展试点支持政策问答"
    chunks = chunk_article(article)
    [funds] = [c for c in chunks if "1.5亿元" in c.text]
    assert (funds.section, funds.lead) == ("第1问", "省级专项资金每年安排多少？")  # the question leads its answer
    assert funds.text.startswith("2026年至2028年")
    [site] = [c for c in chunks if "200平方米" in c.text]
    assert site.section == "第2问"  # back in the answer after its （二）
    [yes] = [c for c in chunks if c.text == "可以。"]
    assert yes.lead == "中小制造业企业购买人力资源服务，政府能不能给补贴？"
    [voucher] = [c for c in chunks if "8万元" in c.text]
    assert voucher.lead == ""  # 「可以。」 is no heading of the sentences after it


def test_decimal_numbering_typed_in_the_text_makes_sections():
    body = ("1 总则\n\n1.1　目的依据。为规范试点资金管理，制定本细则。\n\n2 支持对象\n\n"
            "2.1　人力资源服务机构。申报时已在本市正常经营满1年。\n\n受理地址：鸣皋市文昌路88号市民服务中心\n")
    units = parse_official(body, "鸣皋市试点实施细则")
    [year] = [u for u in units if "满1年" in u.text]
    assert year.section.endswith("2.1\u3000人力资源服务机构")
    assert [(u.kind, u.label) for u in units if "文昌路" in u.text] == [("meta", "联系人")]


def test_what_follows_a_grade_is_answered_with_every_case_of_the_sentence(with_rules):
    result = with_rules.answer("岚溪省试点资金绩效评价不合格的话，下一年会怎么样？")
    assert result.found and "扣减20%" in result.answer and "暂停安排资金" in result.answer



def test_which_city_is_answered_by_the_passage_naming_it(with_rules):
    result = with_rules.answer("岚溪省全省首批国家级试点城市是哪个城市？")
    assert result.found and "汀澜市" in result.answer


MINUTES = PROJECT_ROOT / "tests" / "data" / "documents" / "meeting-minutes.txt"


def test_a_meetings_minutes_read_their_spaced_labels_issue_and_table():
    [article] = split_articles(read_document(MINUTES))
    chunks = chunk_article(article)
    assert ("期号", "〔2026〕第9期") in {(c.label, c.text) for c in chunks if c.kind == "meta"}
    assert any(c.text.startswith("主持人：鄢照临") for c in chunks)  # 「主 持 人：」 closed up
    assert any(c.text.startswith("时间：2026年10月9日") and c.kind == "text" for c in chunks)  # no table row
    rows = [c for c in chunks if c.kind == "row"]
    assert rows and all(c.lead == "" for c in rows)  # 「列席人员：」 before the first heading leads no later table


def test_a_report_to_one_body_names_it_and_keeps_the_contact_under_its_date():
    body = ("雩岭市人力资源和社会保障局\n\n雩人社报〔2026〕5号\n\n省人力资源和社会保障厅：\n\n现将我市试点工作情况报告如下。\n\n"
            "一、主要成效\n\n全市建成服务站12个。\n\n特此报告。\n\n雩岭市人力资源和社会保障局\n\n2026年11月20日\n\n"
            "（联系人：晏秋白，电话：0736-2276435）\n\n抄送：市人民政府办公室。\n")
    meta = {(u.label, u.text) for u in parse_official(body, "雩岭市试点工作总结的报告") if u.kind == "meta"}
    assert {("主送", "省人力资源和社会保障厅："), ("成文日期", "2026年11月20日"),
            ("联系人", "（联系人：晏秋白，电话：0736-2276435）")} <= meta


@pytest.fixture(scope="module")
def with_minutes(tmp_path_factory) -> Assistant:
    return seed_page_with(tmp_path_factory, "minutes", MINUTES)


def test_who_chaired_a_meeting_is_answered_from_its_chair_line(with_minutes):
    result = with_minutes.answer("缙岫省那次试点调度会是谁主持的？")
    assert result.found and "鄢照临" in result.answer


def test_which_issue_minutes_are_is_answered_from_their_masthead(with_minutes):
    result = with_minutes.answer("缙岫省调度会那份会议纪要是哪一期的？")
    assert result.found and "第9期" in result.answer


def test_a_time_stated_in_the_question_is_not_a_date_asked_for(with_minutes):
    result = with_minutes.answer("截至9月底，蔺川市建了几个服务站？")
    assert result.found and "服务站数：6个" in result.answer


def test_a_contact_asked_of_one_body_is_not_another_bodys(with_minutes):
    assert not with_minutes.answer("缙岫省财政厅那位联系人的邮箱是多少？").found
    result = with_minutes.answer("缙岫省人社厅联系人的邮箱是多少？")
    assert result.found and "ldc@jxrst.gov.cn" in result.answer


def test_who_asked_a_question_at_a_press_conference_is_answered_by_the_reporters_tag(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "press.md",
        "---\ntitle: 缙岫省人社厅试点工作新闻发布会实录\npublished: 2026-11-21\npublisher: 缙岫省人力资源和社会保障厅\n---\n"
        "# 缙岫省人社厅试点工作新闻发布会实录\n\n**主持人：** 喻晚晴　省人力资源和社会保障厅新闻发言人\n\n"
        "## 答记者问一：服务券怎么申领\n\n**【缙岫日报记者】** 请问企业怎么申领人力资源服务券？\n\n"
        "**卜云舒：** 企业可以通过“缙才直聘”平台在线申领，每家每年最高5万元。\n\n"
        "## 答记者问二：灵活用工权益\n\n**【缙岫经济导报记者】** 灵活用工越来越多，如何防止侵害劳动者权益？\n\n"
        "**卜云舒：** 我们将开展劳务派遣专项检查，全年检查机构260家。\n")
    result = core.answer("缙岫省发布会上问灵活用工劳动者权益的是哪家媒体的记者？")
    assert result.found and "缙岫经济导报记者" in result.answer


def test_which_banks_is_not_answered_by_a_passage_naming_none(with_minutes):
    assert not with_minutes.answer("缙岫省“缙才贷”的合作银行有哪几家？").found
    assert "300万元" in with_minutes.answer("缙岫省“缙才贷”单户最多能贷多少？").answer


def test_an_asker_who_has_existed_a_short_while_is_answered_by_the_condition_on_how_long(with_minutes):
    result = with_minutes.answer("我们机构在缙岫注册才8个月，能申领服务券吗？")
    assert "满1年" in result.answer


def test_a_count_of_one_kind_of_thing_is_not_a_count_of_another(with_minutes):
    """「区域总部2家」 is no count of manufacturing firms."""
    assert not with_minutes.answer("蔺川市签约了多少家制造业企业？").found


def test_how_many_there_actually_are_is_not_a_target(with_minutes):
    result = with_minutes.answer("蔺川市最终实际建成了多少个服务站？")
    assert result.found and "服务站数：6个" in result.answer



def test_a_guide_issued_under_a_covering_notice_answers_who_issued_the_notice(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "guide.txt",
        "---\ntitle: 雩岭省融合发展试点第二批项目申报指南\npublished: 2026-10-16\npublisher: 雩岭省人力资源和社会保障厅\n---\n"
        "雩岭省人力资源和社会保障厅\n雩岭省工业和信息化厅\n雩岭省财政厅\n\n雩人社函〔2026〕18号\n\n"
        "关于组织申报融合发展试点第二批项目的通知\n\n各设区市人力资源和社会保障局：\n\n"
        "现将《雩岭省融合发展试点第二批项目申报指南》印发给你们，请认真组织申报。\n\n"
        "一、申报条件\n\n申报单位注册资本不低于500万元。\n\n二、时间安排\n\n申报截止时间为2026年11月30日。\n")
    result = core.answer("雩岭省第二批项目那个申报通知，是哪几个厅联合印发的？")
    assert result.found and "雩岭省工业和信息化厅" in result.answer and "雩岭省财政厅" in result.answer


def test_which_stages_a_plan_has_is_answered_with_every_stage_heading(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "plan.txt",
        "---\ntitle: 雩岭市融合发展试点工作方案\npublished: 2026-06-18\npublisher: 雩岭市人民政府\n---\n"
        "一、工作目标\n\n到2027年底，建成服务驿站20个。\n\n二、实施步骤\n\n"
        "（一）动员部署阶段（2026年6月—8月）。各区县于2026年7月31日前制定实施细则。\n\n"
        "（二）全面推进阶段（2026年9月—2028年12月）。各部门按照分工全面落实重点任务。\n\n"
        "（三）总结评估阶段（2029年1月—5月）。全面总结试点成效，形成总结报告。\n")
    result = core.answer("雩岭市的试点分哪几个阶段推进？")
    assert all(stage in result.answer for stage in ("动员部署阶段", "全面推进阶段", "总结评估阶段"))


WORK_BULLETIN = PROJECT_ROOT / "tests" / "data" / "documents" / "work-bulletin.txt"


def test_a_bulletins_news_items_are_parts_of_one_document_under_its_title():
    [article] = split_articles(read_document(WORK_BULLETIN))
    chunks = chunk_article(article)
    assert article.title == "榕泾市人力资源服务业与制造业融合发展试点工作简报（第5期）"
    trained = next(c for c in chunks if "2800元" in c.text)
    assert trained.section == "澈溪县：订单班首期86名学员结业"
    assert not any(c.text.startswith(("枫屿区：“工匠驿站”", "澈溪县：订单班")) for c in chunks)  # no headline glued


def test_a_bulletins_table_rows_read_with_their_column_names():
    [article] = split_articles(read_document(WORK_BULLETIN))
    texts = [c.text for c in chunk_article(article)]
    assert "澈溪县：试点制造业企业9家，招聘引才3480人次" in texts
    assert not any(t.startswith("县（市、区）") for t in texts)  # the header row names columns, it is no passage


@pytest.fixture(scope="module")
def with_bulletin(tmp_path_factory) -> Assistant:
    return seed_page_with(tmp_path_factory, "work-bulletin", WORK_BULLETIN)


def test_a_figure_of_one_county_is_answered_from_its_row_of_the_bulletins_table(with_bulletin):
    result = with_bulletin.answer("澈溪县前三季度招聘引才了多少人次？")
    assert result.found and "3480" in result.answer
    assert result.sources[0].title.endswith("工作简报（第5期）")


def test_a_days_limit_written_as_days_answers_how_long(with_bulletin):
    result = with_bulletin.answer("澈溪县订单班的培训补贴收到申请后多长时间内拨付？")
    assert result.found and "15日内" in result.answer


def test_how_much_more_money_a_grade_brings_is_answered_by_the_rate(with_rules):
    result = with_rules.answer("岚溪省资金绩效评价为优秀的，下一年度分配额度能上浮多少？")
    assert result.found and "10%" in result.answer


def test_an_agreements_number_is_its_document_number(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "agreement.txt",
        "---\ntitle: 榕泾市人力资源和社会保障局 枫屿人力资源集团有限公司战略合作框架协议\npublished: 2026-09-18\n---\n"
        "协议编号：榕人社协〔2026〕9号\n\n甲方：榕泾市人力资源和社会保障局\n\n乙方：枫屿人力资源集团有限公司\n\n"
        "第一条　合作目标\n\n至2027年底，为重点制造业企业累计招聘引才8000人次以上。\n\n"
        "第二条　合作期限\n\n本协议有效期三年，自双方签字盖章之日起生效。\n")
    result = core.answer("榕泾市人社局和枫屿集团那个合作协议的协议编号是多少？")
    assert result.found and result.answer.startswith("协议编号：榕人社协〔2026〕9号")


def test_this_year_asked_is_the_year_the_document_writes(with_bulletin):
    from datetime import date

    result = with_bulletin.answer("榕泾市今年安排了多少试点专项资金？", today=date(2026, 11, 27))
    assert result.found and "1500万元" in result.answer


def test_a_contact_asked_of_a_citys_bureau_is_not_the_provinces_contact_block(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "allocation.txt",
        "---\ntitle: 蘅皋省人力资源和社会保障厅关于下达2026年度试点专项资金的通知\npublished: 2026-08-26\n---\n"
        "蘅人社发〔2026〕47号\n\n枫屿市、澈溪市人力资源社会保障局：\n\n"
        "一、资金分配\n\n本次共下达专项资金1840万元，其中枫屿市980万元、澈溪市860万元。\n\n"
        "二、工作要求\n\n市级督导于12月中旬开展，具体时间另行通知。\n\n"
        "三、联系方式\n\n省人力资源社会保障厅人力资源流动管理处：林书远，联系电话：0597-8623147。\n\n"
        "蘅皋省人力资源和社会保障厅\n\n2026年8月26日\n")
    assert not core.answer("枫屿市人社局负责试点的联系电话是多少？").found
    result = core.answer("蘅皋省人社厅负责试点的联系电话是多少？")
    assert result.found and "0597-8623147" in result.answer
    # 「具体是哪天」 is not answered by the span the asker already knows, but that span is shown
    vague = core.answer("蘅皋省12月中旬的市级督导具体是哪天？")
    assert not vague.found and "12月中旬" in vague.answer


PRESS_CONFERENCE = (
    "---\ntitle: 荇洲市人力资源服务业与制造业融合发展试点工作新闻发布会实录\npublished: 2026-11-20\n"
    "publisher: 荇洲市人民政府新闻办公室\n---\n"
    "荇洲市人力资源服务业与制造业融合发展试点工作新闻发布会实录\n\n"
    "时间：2026年11月19日上午10:00\n\n"
    "【主持人 芷汀】\n\n各位记者朋友，大家上午好！今天我们邀请市人社局和市财政局负责同志介绍试点进展。\n\n"
    "【荇洲市人社局局长 萩原】\n\n截至10月底，全市累计建成驻厂人力资源服务站58个，服务企业职工4.2万人次。\n\n"
    "【荇洲日报记者】\n\n请问今年的试点专项资金拨付得怎么样？\n\n"
    "【荇洲市财政局副局长 茆山】\n\n今年的1860万元试点专项资金已于9月20日前全部拨付到位。\n")


def test_a_press_conference_record_is_one_document_whose_speakers_name_their_parts():
    """The turns of a press conference (「【荇洲市财政局副局长 茆山】」) are parts of its record, cited under the
    record's title, not articles of a page titled by a speaker."""
    document = parse_document(PRESS_CONFERENCE, doc_id="presser")
    [article] = split_articles(document)
    assert article.title == "荇洲市人力资源服务业与制造业融合发展试点工作新闻发布会实录"
    paid = next(c for c in chunk_article(article) if "1860万元" in c.text)
    assert paid.section == "荇洲市财政局副局长 茆山"


def test_a_results_table_row_that_ends_its_sentence_and_prints_the_score_against_the_grade_is_a_row():
    """「1　　蘋阳市　　93.6　　优秀　　服务站点分布不均。」 is a row though its last cell ends with 「。」, and
    「67.4基本合格」 is two cells when that gives the header's width."""
    text = ("---\ntitle: 萩原省试点中期评估结果一览表\npublished: 2026-09-18\nlayout: official\n---\n"
            "序号　　试点地区　　得分　　等次　　主要问题\n"
            "1　　蘋阳市　　93.6　　优秀　　服务站点分布不均，山区县覆盖率偏低。\n"
            "2　　菰城市　　67.4基本合格　　专项资金执行率仅为32%。\n")
    [article] = split_articles(parse_document(text, doc_id="results"))
    rows = [c.text for c in chunk_article(article) if c.kind == "row"]
    assert rows == ["序号：1；试点地区：蘋阳市；得分：93.6；等次：优秀；主要问题：服务站点分布不均，山区县覆盖率偏低。",
                    "序号：2；试点地区：菰城市；得分：67.4；等次：基本合格；主要问题：专项资金执行率仅为32%。"]


CASES = (
    "---\ntitle: 蘋阳市人力资源服务业与制造业融合发展试点典型案例汇编\npublished: 2026-11-18\n---\n"
    "## 案例一　建立用工蓄水池\n\n"
    "### 主要做法\n\n2026年1月，翎溪人力资源公司与苕水电池公司签订服务协议，项目由翎溪公司合伙人荇洲负责，历时5个月。\n\n"
    "### 取得成效\n\n2026年3月至6月，翎溪公司共为苕水电池公司招聘一线操作工1180人，到岗率达到92%。\n\n"
    "到2027年底，双方计划将共享用工规模扩大到500人。\n")


@pytest.fixture(scope="module")
def with_cases(tmp_path_factory) -> Assistant:
    return seed_page_with_text(tmp_path_factory, "cases.md", CASES)


def test_the_person_a_project_is_entrusted_to_is_its_leader(with_cases):
    """「项目由……合伙人荇洲负责」 names the project's 负责人."""
    result = with_cases.answer("翎溪公司给苕水电池做的那个项目，负责人是谁？")
    assert result.found and "荇洲" in result.answer


def test_what_an_agency_did_in_total_is_what_actually_happened_not_a_target(with_cases):
    """「共为……招聘一线操作工1180人」 reports a result, though 「到岗率达到92%」 reads like a target."""
    result = with_cases.answer("翎溪公司实际给苕水电池招了多少一线操作工？")
    assert result.found and "1180人" in result.answer


GUIDE = (
    "---\ntitle: 蘋阳市2026年度融合发展试点专项资金申报指南\npublished: 2026-05-20\n---\n"
    "蘋阳市2026年度融合发展试点专项资金申报指南\n\n"
    "一、申报对象\n\n在蘋阳市依法注册的人力资源服务机构和制造业企业。\n\n"
    "二、申报条件\n\n1. 申报单位须截至2025年12月31日已依法注册满1年；\n\n"
    "2. 申报单位近3年内无严重失信记录；\n\n3. 申报企业购买服务的合同须在2026年5月31日前签订。\n\n"
    "三、申报材料\n\n申报单位须提交申报表、营业执照和信用承诺书，纸质材料一式2份。\n\n"
    "四、时间安排\n\n"
    "1. 申报时间：2026年6月1日至6月30日，逾期不予受理；\n\n"
    "2. 县区初审：各县（区）于2026年7月15日前将初审意见报市人力资源社会保障局；\n\n"
    "3. 市级评审：2026年7月下旬；\n\n"
    "4. 资金拨付：2026年9月30日前拨付到位。\n")


def test_a_timetable_item_is_picked_by_the_event_its_label_names(tmp_path_factory):
    """「申报截止到哪天」 among items the ranking cannot tell apart: 「1. 申报时间：…」 names the event asked about."""
    core = seed_page_with_text(tmp_path_factory, "guide.txt", GUIDE)
    result = core.answer("请问蘋阳市2026年试点专项资金申报截止到哪天？")
    assert "6月30日" in result.answer.split("——")[0]  # the passage quoted first, as an answer or the nearest one


PRIORITIES = (
    "---\ntitle: 菰城市2027年融合发展试点工作要点\npublished: 2026-12-28\nlayout: official\n---\n"
    "菰城市2027年融合发展试点工作要点\n\n"
    "一、做强融合发展主体\n\n"
    "1. 培育骨干服务机构。全年新认定市级人力资源服务骨干机构15家。（牵头单位：市人社局；配合单位：市财政局、"
    "各县（市、区）人民政府）\n\n"
    "2. 规范人力资源市场秩序。开展专项整治行动，依法查处虚假招聘、违规收费等行为。（牵头单位：市人社局；"
    "配合单位：市市场监管局、市公安局）\n")


def test_a_responsibility_line_ending_its_tasks_paragraph_stays_whole_and_belongs_to_that_task():
    """「……等行为。（牵头单位：市人社局；配合单位：市市场监管局、市公安局）」 at the end of a task's paragraph is
    the task's responsibility line, not two clauses cut at its 「；」."""
    [article] = split_articles(parse_document(PRIORITIES, doc_id="priorities"))
    duties = [c for c in chunk_article(article) if c.kind == "duty"]
    assert [d.text for d in duties] == [
        "（牵头单位：市人社局；配合单位：市财政局、各县（市、区）人民政府）",
        "（牵头单位：市人社局；配合单位：市市场监管局、市公安局）"]
    assert duties[1].lead.startswith("2. 规范人力资源市场秩序")


def test_the_timetable_item_for_the_asked_event_answers_as_surely_as_the_timetables_best(tmp_path_factory):
    """A Word application guide (tests/data/fresh/corpus-new14) as an admin uploads it: 「申报什么时候截止」 is
    answered by 「1. 申报时间：…至6月30日」, picked over the item the ranking put first (「5. 资金拨付：…」) and
    answered, not refused for being second."""
    folder = tmp_path_factory.mktemp("guide-upload")
    for twin in (PROJECT_ROOT / "tests" / "data" / "fresh" / "corpus-new14" / "documents").glob("cn-02.*"):
        shutil.copy(twin, folder / twin.name)
    core = seed_page_with_upload(tmp_path_factory, "guide-core", folder)
    result = core.answer("椴阳市2026年的专项资金申报什么时候截止？")
    assert result.found and "6月30日" in result.answer


CITY_LIST = (
    "---\ntitle: 萩原省人力资源社会保障厅关于公布融合发展试点城市名单的通知\npublished: 2025-08-22\nlayout: official\n---\n"
    "萩原省人力资源社会保障厅关于公布融合发展试点城市名单的通知\n\n萩人社函〔2025〕88号\n\n各设区市人力资源社会保障局：\n\n"
    "经国家有关部门组织专家评审，我省翎溪市、苕水市入选国家人力资源服务业与制造业融合发展试点城市。同时，经省级评审，"
    "确定菰城市、蘋阳市为我省省级人力资源服务业与制造业融合发展试点城市。现将有关事项通知如下。\n\n"
    "一、工作要求\n\n各试点城市要在10月15日前印发实施方案。\n")


def test_whether_a_place_is_of_a_kind_is_answered_by_the_list_that_names_it(tmp_path_factory):
    """「蘋阳市是国家试点城市吗」: the sentence that lists 蘋阳市 among the province's own pilot cities says what it
    is, though the question's 「国家」 is not in it."""
    core = seed_page_with_text(tmp_path_factory, "city-list.txt", CITY_LIST)
    result = core.answer("蘋阳市是国家试点城市吗？")
    assert result.found and "菰城市、蘋阳市为我省省级" in result.answer


FRESH = PROJECT_ROOT / "tests" / "data" / "fresh"


@pytest.fixture(scope="module")
def with_plan_selection_and_story(tmp_path_factory) -> Assistant:
    """A city's PDF plan whose targets are a table by year, a province's Word notice issued by two bodies and a
    newspaper feature in Markdown with its byline and a photo credit (tests/data/fresh/corpus-new17), as loaded."""
    return seed_page_with_upload(tmp_path_factory, "plan-selection-story", FRESH / "corpus-new17" / "documents")


@pytest.mark.parametrize("question,expected", [
    ("璘州2028年新增高技能人才的目标定的多少人？", "2028年：7200"),
    ("璘州市方案里2027年重点制造业企业用工缺口满足率要达到多少？", "2027年：88"),
])
def test_a_target_for_a_year_is_read_from_the_year_column_of_its_row(with_plan_selection_and_story, question,
                                                                      expected):
    result = with_plan_selection_and_story.answer(question)
    assert result.found and expected in result.answer


def test_a_plans_issue_date_is_its_date_line_even_with_a_publicity_note(with_plan_selection_and_story):
    result = with_plan_selection_and_story.answer("璘州市那个试点实施方案是哪天印发的？")
    assert result.found and "2026年3月16日" in result.answer


def test_which_two_bodies_issued_a_joint_notice(with_plan_selection_and_story):
    result = with_plan_selection_and_story.answer("优秀项目遴选通知是哪两个部门联合发的？")
    assert result.found and "琮澜省人力资源和社会保障厅" in result.answer and "琮澜省工业和信息化厅" in result.answer


def test_the_number_of_that_notice_is_its_own_even_when_a_story_about_it_ranks_first(with_plan_selection_and_story):
    result = with_plan_selection_and_story.answer("省里优秀项目遴选那个通知的文号是什么？")
    assert result.found and "琮人社函〔2026〕88号" in result.answer


@pytest.mark.parametrize("question,expected,not_expected", [
    ("瑭阳那篇报道的配图是谁拍的？", "蒋一帆", "邵雨桐"),
    ("瑭阳“人才引擎”那篇报道的记者是谁？", "邵雨桐", "蒋一帆"),
])
def test_a_storys_byline_and_photo_credit_answer_who_wrote_it_and_who_took_the_picture(
        with_plan_selection_and_story, question, expected, not_expected):
    result = with_plan_selection_and_story.answer(question)
    assert result.found and expected in result.answer and not_expected not in result.answer


def test_a_name_before_told_the_reporter_is_a_name(with_plan_selection_and_story):
    result = with_plan_selection_and_story.answer("报道里锐锋公司人力资源部的经理叫啥名字？")
    assert result.found and "沈静怡" in result.answer


def test_which_months_a_stage_runs_is_its_dates_not_a_list_of_stages(with_plan_selection_and_story):
    result = with_plan_selection_and_story.answer("璘州方案里动员部署阶段是哪几个月？")
    assert result.found and "2026年3月—4月" in result.answer and "全面实施阶段" not in result.answer


def test_a_bulletins_data_and_compiler_are_answerable(tmp_path_factory):
    """A city's work bulletin (tests/data/fresh/corpus-new16): a figure of its ◆ data round-up and who compiled it."""
    folder = tmp_path_factory.mktemp("bulletin-upload")
    shutil.copy(FRESH / "corpus-new16" / "documents" / "cn-03.txt", folder / "cn-03.txt")
    core = seed_page_with_upload(tmp_path_factory, "bulletin-core", folder)
    spent = core.answer("钲阳1到10月一共发了多少就业服务补贴？")
    assert spent.found and "1268万元" in spent.answer
    compiled = core.answer("钲阳试点工作简报是谁编印的？")
    assert compiled.found and "领导小组办公室编印" in compiled.answer


@pytest.mark.parametrize("question,expected", [
    ("入选国家试点的城市要在哪天前把实施方案送审稿报给东川省厅审核？", "9月15日"),
    ("东川省申报的时候数据造假了怎么处理？", "取消申报资格"),
])
def test_a_provinces_older_notice_answers_what_only_it_says(question, expected, tmp_path_factory):
    """The province's later list of cities sets another deadline (省级试点城市 issue their plans by 10月15日); it
    does not supersede the earlier notice on what only that notice says, and a provision's consequence is quoted
    with it."""
    core = seed_page_with(tmp_path_factory, "province", CORPUS / "dc-01-recommend-notice.txt",
                          CORPUS / "dc-04-pilot-city-list.txt")
    result = core.answer(question)
    assert result.found and expected in result.answer


@pytest.fixture(scope="module")
def with_public_list_and_interpretation(tmp_path_factory) -> Assistant:
    """A province's Word public notice of recommended cities (a table by city), a city's PDF policy interpretation
    in questions and answers and a city's work bulletin (tests/data/fresh/corpus-new16), as loaded."""
    return seed_page_with_upload(tmp_path_factory, "public-list", FRESH / "corpus-new16" / "documents")


@pytest.mark.parametrize("question,expected", [
    # the row whose cell is the city, in the column the question names, over a sentence listing all five cities
    ("镔城市的试点由哪个部门牵头？", "牵头单位：镔城市工业和信息化局"),
    # the passage under 「四、公示时间」, over a deadline of the same notice the ranking put first
    ("请问镡川那个试点推荐名单公示到哪天截止？", "2026年7月10日"),
    # sending the list to the ministry is the province's step: the province's notice says when
    ("公示结束以后，推荐名单什么时候之前报到人社部？", "7月17日"),
    # a postcode is part of an address, not an amount
    ("对推荐名单有意见想写信反映，邮编是多少？", "730112"),
    # the cap, not the rate: the sentence holding 「最高」 among sentences the ranking cannot tell apart
    ("锃江就业服务补贴一家机构一年最多能拿多少？", "50万元"),
])
def test_a_notices_table_and_sections_answer_what_they_hold(with_public_list_and_interpretation, question, expected):
    result = with_public_list_and_interpretation.answer(question)
    assert result.found and expected in result.answer


def test_asking_whom_to_call_gets_every_contact_of_the_answer(with_public_list_and_interpretation):
    result = with_public_list_and_interpretation.answer("锃江试点政策有问题找谁咨询，电话多少？")
    assert result.found and "0865-3362918" in result.answer and "0865-3361274" in result.answer


def test_a_question_heading_of_an_interpretation_is_the_section_of_its_answer():
    """「五、人力资源服务机构为制造业企业招工，能获得什么补贴？」 in a PDF policy interpretation heads the paragraph
    under it, comma and all (tests/data/fresh/corpus-new16)."""
    from retrieval.library import extract_text

    pdf = FRESH / "corpus-new16" / "documents" / "cn-02.pdf"
    raw = f"---\ntitle: 政策解读\npublished: 2026-09-18\nlayout: official\n---\n{extract_text(pdf.name, pdf.read_bytes())}"
    [article] = split_articles(parse_document(raw, doc_id="interpretation"))
    cap = next(c for c in chunk_article(article) if "合计最高不超过50万元" in c.text)
    assert cap.section == "五、人力资源服务机构为制造业企业招工，能获得什么补贴？"


def test_whom_to_contact_is_the_contact_block_of_the_notice_even_when_a_story_about_it_ranks_first(
        with_plan_selection_and_story):
    result = with_plan_selection_and_story.answer("优秀项目遴选，省工信厅那边找谁联系？")
    assert result.found and "韩卓然" in result.answer and "0961-86217730" in result.answer


def test_a_city_whose_name_is_an_ordinary_word_is_still_a_place_the_question_is_scoped_to(tmp_path_factory):
    """砚池 is an ordinary word (an inkstone's well), but 「省级试点城市砚池市均须参加」 lists it as a city: a question
    about 砚池市 is not answered by 苇塘市's figures (tests/data/fresh/corpus-new4)."""
    core = seed_page_with(tmp_path_factory, "yanchi", *sorted((FRESH / "corpus-new4" / "documents").glob("*.txt")))
    result = core.answer("砚池市试点以来一共服务了多少家制造业企业？")
    assert not result.found and "苇塘市已围绕" not in result.answer


def test_a_part_of_a_total_is_answered_where_the_document_breaks_it_down(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "bulletin.txt",
        "---\ntitle: 稔川市人力资源服务业发展情况通报\npublished: 2026-10-09\npublisher: 稔川市人力资源和社会保障局\n---\n"
        "稔川市人力资源服务业发展情况通报\n\n一、机构情况\n\n截至9月底，全市共有人力资源服务机构126家，其中民营机构93家，"
        "国有机构21家。全年服务制造企业4300家次。\n")
    result = core.answer("稔川那126家服务机构里，民营的有多少家？")
    assert result.found and "93家" in result.answer
    assert not core.answer("稔川那126家服务机构里，外资的有多少家？").found


def test_a_name_written_before_its_post_or_with_a_less_common_surname_is_a_name(tmp_path_factory):
    """A speech says 「市人社局蔺若川局长通报了…」 and a news item 「副县长岑书瑶出席并讲话」: both name the person asked for."""
    core = seed_page_with_text(tmp_path_factory, "speech.txt",
        "---\ntitle: 稷川市副市长在全市人力资源服务业与制造业融合发展试点推进会上的讲话\npublished: 2026-12-01\n---\n"
        "同志们：\n\n刚才，市人社局蔺若川局长通报了试点工作推进情况，我完全同意。\n\n"
        "一是平台建设取得突破。稷川人力资源服务产业园入驻机构达到52家。\n\n"
        "9月3日下午，稷川县召开试点工作推进会，副县长岑书瑶出席并讲话。\n")
    chief = core.answer("稷川市人社局局长叫什么名字？")
    assert chief.found and "蔺若川" in chief.answer
    leader = core.answer("稷川县的推进会是哪位县领导出席讲话的？")
    assert leader.found and "岑书瑶" in leader.answer


def test_a_report_issued_under_a_covering_notice_answers_for_that_notices_number(tmp_path_factory):
    """「印发评价报告的那个通知」 is the report itself: its 文号 is the covering notice's, not another notice's."""
    folder = tmp_path_factory.mktemp("report-docs")
    (folder / "report.txt").write_text(
        "---\ntitle: 稷川市试点专项资金2026年度绩效评价报告\npublished: 2026-09-08\n---\n"
        "稷川市人力资源和社会保障局\n\n稷人社发〔2026〕41号\n\n"
        "稷川市人力资源和社会保障局关于印发《稷川市试点专项资金2026年度绩效评价报告》的通知\n\n"
        "各县（区）人力资源和社会保障局：\n\n现将评价报告印发给你们，请对照报告指出的问题认真整改。\n\n"
        "稷川市人力资源和社会保障局\n\n2026年9月8日\n\n"
        "一、项目概况\n\n试点专项资金预算总额2860万元，资金到位率100%。\n", encoding="utf-8")
    (folder / "notice.txt").write_text(
        "---\ntitle: 稷川市人力资源和社会保障局关于做好2027年度试点项目申报工作的通知\npublished: 2026-10-20\n---\n"
        "稷川市人力资源和社会保障局\n\n稷人社函〔2026〕9号\n\n各县（区）人力资源和社会保障局：\n\n"
        "现就做好2027年度试点项目申报工作通知如下。\n\n一、申报时间\n\n2026年11月30日前报送申报材料。\n\n"
        "稷川市人力资源和社会保障局\n\n2026年10月20日\n", encoding="utf-8")
    core = seed_page_with(tmp_path_factory, "report-core", folder / "report.txt", folder / "notice.txt")
    result = core.answer("稷川印发绩效评价报告的那个通知，文号是多少？")
    assert result.found and "稷人社发〔2026〕41号" in result.answer


def test_a_message_asking_when_and_how_much_is_answered_by_the_sentence_holding_both(tmp_path_factory):
    """「后来什么时候拨的？拨了多少？」: the reply's sentence giving the day and the sum answers, not the complaint that
    gives only when it was filed."""
    core = seed_page_with_text(tmp_path_factory, "replies.txt",
        "---\ntitle: 稷川市人社局网上留言答复选编\npublished: 2026-10-16\n---\n"
        "稷川市人社局网上留言答复选编\n\n一、投诉建议类\n\n（一）留言：购买服务补贴迟迟没到账\n\n"
        "留言内容：我公司是稷川市一家食品加工企业，2026年3月就提交了购买人力资源服务补贴申请，到现在钱一直没到账。\n\n"
        "答复内容：经查，贵公司申报材料中服务合同金额与发票金额不一致，区人社局于2026年4月通知补正。"
        "目前问题已整改，补贴资金4.8万元已于2026年9月2日拨付至贵公司账户，请注意查收。\n")
    result = core.answer("稷川那家食品企业补贴没到账的留言，后来什么时候拨的？拨了多少？")
    assert result.found and "4.8万元" in result.answer and "9月2日" in result.answer


def test_what_a_speech_reports_as_achieved_answers_how_things_stand_now(tmp_path_factory):
    """「入驻机构达到52家，今年实现营业收入18.3亿元」 under 「取得的阶段性成效」 is how things stand; next year's 「达到80家以上」
    is a target."""
    core = seed_page_with_text(tmp_path_factory, "progress.txt",
        "---\ntitle: 稷川市副市长在全市试点推进会上的讲话\npublished: 2026-12-18\n---\n"
        "同志们：\n\n一、充分肯定试点工作取得的阶段性成效\n\n"
        "一年来，全市试点工作开局良好。稷川人力资源服务产业园入驻机构达到52家，今年实现营业收入18.3亿元。\n\n"
        "二、扎实做好明年试点工作\n\n明年，稷川人力资源服务产业园入驻机构要达到80家以上。\n")
    result = core.answer("稷川产业园目前入驻了多少家机构？")
    assert result.found and "52家" in result.answer


def test_who_gave_a_speech_is_answered_from_the_speechs_title(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "address.txt",
        "---\ntitle: 稷川市副市长祁书远在全市人力资源服务业与制造业融合发展试点推进会上的讲话\npublished: 2026-12-18\n---\n"
        "同志们：\n\n一、充分肯定试点工作成效\n\n一年来，全市新增人力资源服务机构46家。\n\n"
        "二、扎实做好明年工作\n\n明年要新建县级人力资源服务中心2个。\n\n谢谢大家！\n")
    result = core.answer("稷川那个推进会上是谁讲的话？")
    assert result.found and "祁书远" in result.answer


def test_a_scoring_tables_group_row_is_a_row_and_a_quoted_item_name_picks_it(tmp_path_factory):
    """A scoring table groups its items under numbered rows with their points (「二、服务方案（30分）　　30」): that
    line is a row of the table, and a question quoting the group's name gets it, not a neighbouring item."""
    rows = ["评分项目　　分值　　评分标准", "一、申报主体基础（20分）　　20",
            "1.机构资质　　12　　上年度营业收入1000万元以上的得12分；不足1000万元的得6分。",
            "2.专业团队　　8　　持证人员占员工总数30%以上的得8分；不足30%的得4分。",
            "二、服务方案（30分）　　30",
            "3.需求分析　　15　　需求分析准确、数据翔实的得10至15分；分析笼统的得0至9分。",
            "4.服务模式　　15　　模式创新、覆盖面广的得10至15分；一般的得0至9分。", "合计　　50　　"]
    core = seed_page_with_text(tmp_path_factory, "scoring.txt",
        "---\ntitle: 稷川市试点项目专家评审办法\npublished: 2026-10-15\n---\n"
        "第一章　总则\n\n第一条　为规范试点项目评审工作，制定本办法。\n\n第二章　评分细则\n\n"
        "第二条　试点项目评审满分为50分。具体评分细则如下表：\n\n" + "\n".join(rows) + "\n\n"
        "第三章　附则\n\n第三条　本办法自2026年11月1日起施行。\n")
    result = core.answer("评分细则里“服务方案”这一大项占多少分？")
    assert result.found and "服务方案（30分）" in result.answer
    assert "需求分析" not in result.answer


def test_a_deputy_is_not_the_post_asked_for(tmp_path_factory):
    """「局长叫什么名字」 is not answered by 「副局长庞文博」."""
    core = seed_page_with_text(tmp_path_factory, "feature.md",
        "---\ntitle: “人力资源管家”进车间 稷阳制造添动能\npublished: 2026-11-02\n---\n"
        "# “人力资源管家”进车间 稷阳制造添动能\n\n本报记者 邵雨桐\n\n"
        "“驻厂服务站让企业招工省心多了。”稷阳市人力资源和社会保障局副局长庞文博在接受采访时说。\n\n"
        "今年以来，稷阳市建成驻厂服务站12个，帮助企业招用工人3800人。\n")
    result = core.answer("稷阳市人社局局长叫什么名字？")
    assert not result.found or "庞文博" not in result.answer


def test_a_second_batch_is_not_answered_by_the_deadline_of_the_first(tmp_path_factory):
    core = seed_page_with_text(tmp_path_factory, "backbone.txt",
        "---\ntitle: 稷原省融合发展骨干机构认定工作安排\npublished: 2026-08-26\n---\n"
        "一、认定安排\n\n制定骨干机构认定办法，分两批遴选30家骨干机构，2027年3月底前完成首批遴选。\n\n"
        "二、支持政策\n\n对认定的骨干机构给予一次性奖补50万元。\n")
    assert not core.answer("稷原省骨干机构第二批什么时候遴选？").found
    first = core.answer("稷原省骨干机构首批什么时候遴选完？")
    assert first.found and "2027年3月底前" in first.answer


def test_a_passage_about_another_city_in_the_same_section_does_not_answer_for_the_city_asked(tmp_path_factory):
    """A press conference answers on two cities in one section: 稷南市's figures are not 稷北市's."""
    core = seed_page_with_text(tmp_path_factory, "press2.md",
        "---\ntitle: 稷原省试点工作新闻发布会实录\npublished: 2026-11-20\n---\n"
        "# 稷原省试点工作新闻发布会实录\n\n## 答记者问：两个试点城市进展\n\n"
        "**【稷原日报记者】** 稷北市、稷南市两个试点城市进展如何？\n\n"
        "**发布人：** 稷北市依托汽车产业集群，已建成驿站26个，签约服务制造业企业2140家；"
        "稷南市聚焦电子信息产业，已建成驿站21个，引进知名机构区域总部5家。\n")
    assert not core.answer("稷南市签约服务了多少家制造业企业？").found


def test_a_reply_that_names_no_place_answers_for_the_place_its_message_names(tmp_path_factory):
    """In a province's collection of online messages, the reply to a 稷溪县 company (「我县承诺…3个工作日」) answers a
    question about 稷溪县, though the reply's sentence names no place."""
    core = seed_page_with_text(tmp_path_factory, "messages.md",
        "---\ntitle: 稷原省人社厅试点网上留言答复汇编\npublished: 2026-10-16\n---\n"
        "# 稷原省人社厅试点网上留言答复汇编\n\n## 一、申报办理类\n\n"
        "### 留言三：申请人力资源服务许可证要多长时间？\n\n"
        "留言内容：我们准备在稷溪县新成立一家人力资源服务公司，请问办理许可证需要多长时间？\n\n"
        "答复单位：稷溪县人力资源和社会保障局\n\n"
        "答复内容：您好！经营性人力资源服务机构从事职业中介活动的，应当依法取得人力资源服务许可证。"
        "法定审批时限为20个工作日，我县承诺办理时限压缩至3个工作日，材料齐全的当场受理。\n\n"
        "### 留言四：稷川市的产业园还招机构入驻吗？\n\n"
        "留言内容：稷川市的人力资源服务产业园还招机构入驻吗？\n\n"
        "答复内容：稷川市人力资源服务产业园二期将于2027年3月开园，届时面向全省招引机构入驻。\n")
    result = core.answer("在稷溪县办人力资源服务许可证要多久？")
    assert result.found and "3个工作日" in result.answer


def test_a_tender_notice_answers_where_bids_open_and_the_whole_budget(tmp_path_factory):
    """Under 「四、开标时间和地点」 the item labelled 开标地点 answers 「在哪里开标」, not the one labelled 开标时间; 「预算一共
    多少钱」 wants the total the notice breaks down, not one package's row."""
    core = seed_page_with_text(tmp_path_factory, "tender.txt",
        "---\ntitle: 篁州市试点绩效评估及产业园运营服务项目公开招标公告\npublished: 2026-09-14\n---\n"
        "一、项目基本情况\n\n（一）项目编号：HZZC2026-GK-0386\n\n"
        "（二）预算金额：486万元（人民币肆佰捌拾陆万元整）。其中，包1预算126万元，包2预算360万元。\n\n"
        "（三）采购需求：\n\n包号　　服务内容　　服务期限　　预算（万元）\n"
        "1　　试点绩效评估服务　　至2027年12月31日　　126\n2　　产业园运营服务　　3年　　360\n\n"
        "二、提交投标文件截止时间、开标时间和地点\n\n（一）投标截止时间：2026年10月9日9时30分。\n\n"
        "（二）开标时间：2026年10月9日9时30分。\n\n"
        "（三）开标地点：篁州市公共资源交易中心三楼第2开标室（篁州市筠溪区箐湖大道188号）。\n")
    where = core.answer("篁州那个评估和运营项目在哪里开标？")
    assert where.found and "第2开标室" in where.answer
    total = core.answer("篁州那个评估和运营的采购项目，预算一共多少钱？")
    assert total.found and "486万元" in total.answer


def test_a_training_notice_names_the_lecturer_from_its_barred_timetable_and_the_hotel(tmp_path_factory):
    """A timetable typed with bars between its cells reads row by row; 「谁来讲」 wants the lecturer's name and
    「住哪个宾馆」 the hotel's, which the sentence on sharing rooms does not name."""
    core = seed_page_with_text(tmp_path_factory, "training.txt",
        "---\ntitle: 箐川省人社厅关于举办试点工作培训班的通知\npublished: 2026-09-25\n---\n"
        "一、培训时间和地点\n\n（一）报到时间：10月19日14:00—20:00。\n\n"
        "（二）报到及培训地点：篁州市箐湖宾馆（篁州市筠溪区箐湖大道99号）。\n\n"
        "二、日程安排\n\n具体日程安排如下：\n\n"
        "日期      | 时间          | 内容                     | 授课人\n"
        "10月20日  | 09:00—09:30   | 开班式及动员讲话         | 褚鸿远（省人社厅副厅长）\n"
        "10月20日  | 09:30—12:00   | 融合发展试点政策解读     | 蔺佳蓉（省人社厅人力资源流动管理处处长）\n"
        "10月20日  | 14:30—17:30   | 产业园运营管理实务       | 阙鹏程（箐川人才发展集团副总经理）\n\n"
        "三、有关要求\n\n（一）费用安排。住宿原则上安排2人1间，确需单住的请在回执中注明。\n")
    lecturer = core.answer("培训班上试点政策解读是谁来讲？")
    assert lecturer.found and "蔺佳蓉" in lecturer.answer
    hotel = core.answer("这次培训班住哪个宾馆？")
    assert "箐湖宾馆" in hotel.answer and "2人1间" not in hotel.answer


def test_an_evaluation_report_gives_the_score_it_gave_and_the_period_it_covered(tmp_path_factory):
    """「最后打了多少分」 asks the score given, which the grading scale does not state; 「覆盖哪个时间段」 wants both ends
    of the period evaluated, not the day its spending was counted to."""
    core = seed_page_with_text(tmp_path_factory, "evaluation.txt",
        "---\ntitle: 箬阳市试点专项资金绩效评价报告\npublished: 2026-09-08\n---\n"
        "一、评价概况\n\n评价机构于2026年7月6日至8月14日，对箬阳市试点专项资金2025年7月1日至2026年6月30日期间的"
        "使用管理及绩效目标完成情况进行了评价。\n\n截至2026年6月30日，累计实际支出2518.3万元，总体预算执行率88.1%。\n\n"
        "二、绩效目标完成情况\n\n（一）评价指标体系及评分结果\n\n评价机构按照决策、过程、产出、效益四个维度评分，满分100分。"
        "评价等级分为四档：综合得分90分（含）以上为“优”，80分（含）至90分为“良”，"
        "60分（含）至80分为“中”，60分以下为“差”。\n\n"
        "（二）评价结论\n\n经综合评价，箬阳市试点专项资金绩效评价综合得分为87分，评价等级为“良”。\n")
    score = core.answer("箬阳那个试点专项资金绩效评价最后打了多少分？评的什么等级？")
    assert score.found and "87分" in score.answer
    period = core.answer("这次绩效评价覆盖的是哪个时间段？")
    assert period.found and "2025年7月1日至2026年6月30日" in period.answer


def test_a_guests_reply_answers_for_the_city_the_netizens_question_names(tmp_path_factory):
    """In an interview transcript a guest's reply to 「网友“筠溪小陈”提问」 speaks of 我市, naming no place: it
    answers a question about 筠溪市 all the same."""
    core = seed_page_with_text(tmp_path_factory, "interview.txt",
        "---\ntitle: 箐原省试点政务访谈实录\npublished: 2026-11-20\n---\n"
        "访谈嘉宾：箐原省人社厅副厅长万清禾，筠溪市人社局副局长甘若楠\n\n"
        "主持人：网友“筠溪小陈”提问：我们想在筠溪的工业园区设立人力资源服务驿站，有没有补贴？请甘局长回答。\n\n"
        "甘若楠：欢迎机构到园区设立驿站。按照我市的政策，经认定的人力资源服务驿站可以享受一次性建设补助10万元。\n\n"
        "主持人：网友“篁州老李”提问：篁州市的产业园什么时候开园？\n\n"
        "万清禾：篁州市人力资源服务产业园二期将于2027年3月开园。\n")
    result = core.answer("筠溪市在园区建人力资源服务驿站，一次性建设补助是多少？")
    assert result.found and "10万元" in result.answer


def test_a_notice_without_sections_keeps_its_closing_contacts_and_a_reply_quotes_the_request_it_answers(
        tmp_path_factory):
    """A short covering notice has no numbered sections: its 「（联系人：…）」 line after the date is still its contact.
    A 复函 quotes the 请示 it answers: 「请示的文号」 is the request's, not the reply's own; and 「规划财务处的联系人」
    is a contact, not a question about some 规划."""
    notice = ("---\ntitle: 关于印发《箐原省试点监测统计报表制度》的通知\npublished: 2026-03-18\n---\n"
              "箐人社发〔2026〕37号\n\n各试点市人力资源和社会保障局：\n\n"
              "现将《箐原省试点监测统计报表制度》印发给你们，请认真贯彻执行。\n\n"
              "执行中遇到的问题，请及时向省人力资源和社会保障厅反映。\n\n"
              "箐原省人力资源和社会保障厅\n\n2026年3月18日\n\n"
              "（联系人：省人力资源和社会保障厅人力资源流动管理处　陆文澜，联系电话：0716-86237415）\n")
    reply = ("---\ntitle: 箐原省人社厅关于筠溪市试点有关问题的复函\npublished: 2026-08-26\n---\n"
             "箐人社函〔2026〕152号\n\n筠溪市人力资源和社会保障局：\n\n"
             "你局《关于试点工作有关问题的请示》（筠人社〔2026〕41号）收悉。经研究，现函复如下：\n\n"
             "一、关于试点奖补资金使用范围问题\n\n试点奖补资金可用于人才服务券兑付，不得用于购置办公设备。\n\n此复。\n\n"
             "箐原省人力资源和社会保障厅\n\n2026年8月26日\n\n"
             "（联系人：人力资源流动管理处　邵蔓青，联系电话：0716-86237408；规划财务处　贺景川，联系电话：0716-86237352）\n")
    folder = tmp_path_factory.mktemp("letters")
    (folder / "notice.txt").write_text(notice, encoding="utf-8")
    (folder / "reply.txt").write_text(reply, encoding="utf-8")
    core = seed_page_with_upload(tmp_path_factory, "letters-core", folder)
    contact = core.answer("监测统计报表制度有问题找谁咨询，电话多少？")
    assert contact.found and "陆文澜" in contact.answer
    number = core.answer("筠溪市人社局报的那个请示文号是什么？")
    assert number.found and "筠人社〔2026〕41号" in number.answer
    finance = core.answer("筠溪复函里关于资金使用的问题，规划财务处的联系人是谁？")
    assert finance.found and "贺景川" in finance.answer


def test_a_training_notice_on_fees_guests_from_other_cities_and_a_fair_in_no_named_city(tmp_path_factory):
    """「吃住怎么算」 is asked of 食宿; 「我们不是试点城市，能派人参加吗」 is answered by what the notice says of cities
    not in the pilot; an item stating a rule between two others is kept; 「在哪个城市举办」 is not answered by a
    sentence naming only the province; 「网址是多少」 wants an address."""
    core = seed_page_with_text(tmp_path_factory, "course.txt",
        "---\ntitle: 箐原省人社厅关于举办试点工作培训班的通知\npublished: 2026-09-25\n---\n"
        "一、培训对象\n\n（一）各试点城市人社局分管负责同志1名、业务科室负责人1名。\n\n"
        "（二）参训名额不得转让。\n\n"
        "（三）未列入试点的设区市如有意愿参加，可每市派1名同志旁听，旁听人员须同样报送回执。\n\n"
        "二、有关要求\n\n（一）认真遴选参训人员。请各试点城市人社局按照培训对象要求认真遴选参训人员，于10月12日前报送回执。\n\n"
        "（二）费用安排。本次培训不收取培训费，培训期间食宿由会务组统一安排，食宿费用自理，回所在单位按规定报销。\n\n"
        "（三）本次培训不收取资料费。\n\n"
        "（四）报名方式。登录箐原省人社厅网站www.qyrst.gov.cn下载回执。\n\n"
        "三、下一步安排\n\n计划于2027年5月举办首届箐原省人力资源服务业与制造业融合发展供需对接大会。\n")
    fees = core.answer("参加培训的吃住怎么算？")
    assert fees.found and "食宿费用自理" in fees.answer
    guests = core.answer("我们市不是试点城市，能派人去参加这次培训吗？")
    assert guests.found and "旁听" in guests.answer
    kept = core.answer("培训班收资料费吗？")
    assert kept.found and "不收取资料费" in kept.answer
    assert not core.answer("首届供需对接大会在哪个城市举办？").found
    web = core.answer("省人社厅网站的网址是多少？")
    assert web.found and "www.qyrst.gov.cn" in web.answer


def test_a_count_is_answered_by_the_passage_counting_the_whole_thing_asked(tmp_path_factory):
    """「有多少家人力资源服务机构」 counts the city's agencies (「人力资源服务机构：214家」), not the 63 agencies in its
    park (「入驻机构63家」), though both sentences rank alike."""
    core = seed_page_with_text(tmp_path_factory, "basis.txt",
        "---\ntitle: 篁岭市人力资源服务业与制造业融合发展试点申报书\npublished: 2026-04-20\n---\n"
        "一、基本情况\n\n人力资源服务机构：214家\n\n规上制造业企业：1286家\n\n"
        "二、工作基础\n\n篁岭人力资源服务产业园于2023年获批省级人力资源服务产业园，建筑面积4.2万平方米，入驻机构63家，"
        "2025年园区实现营业收入21.3亿元。\n")
    result = core.answer("篁岭现在有多少家人力资源服务机构？")
    assert result.found and "214家" in result.answer


@pytest.fixture(scope="module")
def with_circular_minutes_guide_and_list(tmp_path_factory) -> Assistant:
    """A province's circular, a city's minutes quoting its number, a subsidy guide in steps and a public list."""
    folder = tmp_path_factory.mktemp("circular-docs")
    (folder / "circular.txt").write_text(
        "---\ntitle: 翊原省人力资源和社会保障厅关于全省试点工作督查情况的通报\npublished: 2026-10-16\n---\n"
        "翊原省人力资源和社会保障厅\n\n翊人社函〔2026〕88号\n\n翊原省人力资源和社会保障厅关于全省试点工作督查情况的通报\n\n"
        "各试点城市人力资源和社会保障局：\n\n2026年8月18日至9月5日，省人力资源社会保障厅组织4个督查组对全省8个试点城市"
        "开展了专项督查。现将有关情况通报如下：\n\n一、总体情况\n\n截至8月底，各地累计拨付试点资金2.17亿元，总体拨付率为61.1%。\n\n"
        "二、下一步要求\n\n各试点城市要于2026年11月30日前将整改情况报告报送省人力资源社会保障厅人力资源流动管理处。"
        "省人力资源社会保障厅将于2027年第二季度在翊城市召开全省试点工作现场推进会。\n\n"
        "翊原省人力资源和社会保障厅\n\n2026年10月16日\n", encoding="utf-8")
    (folder / "minutes.txt").write_text(
        "---\ntitle: 翊州市人力资源服务业与制造业融合发展试点工作专题会议纪要\npublished: 2026-10-30\n---\n"
        "翊州市人民政府\n\n翊府专纪〔2026〕37号\n\n翊州市人力资源服务业与制造业融合发展试点工作专题会议纪要\n\n"
        "2026年10月27日下午，市人民政府副市长贺立群在市政府2号楼第五会议室主持召开专题会议，传达学习《翊原省人力资源和"
        "社会保障厅关于全省试点工作督查情况的通报》（翊人社函〔2026〕88号）精神，研究部署下一步试点工作。"
        "现将会议议定事项纪要如下：\n\n一、加快试点资金拨付\n\n会议要求，市人社局要在2026年11月20日前完成第三批补贴项目审核，"
        "于11月25日前形成全市整改情况报告报送省人力资源社会保障厅。\n\n"
        "二、深化校企合作\n\n会议要求，市教育局要组织职业院校开设“订单班”不少于20个。\n\n"
        "三、建设数字平台\n\n会议同意由市数据局牵头推进“翊才通”平台二期建设，平台二期建设经费460万元由市财政统筹安排。\n",
        encoding="utf-8")
    (folder / "guide.md").write_text(
        "---\ntitle: 翊州市2026年度融合发展试点补贴申报指南\npublished: 2026-07-20\n---\n"
        "## 一、申报流程\n\n**第一步：网上申报。** 申报单位登录网上办事大厅填写申报信息。\n\n"
        "**第二步：属地初审。** 各区县人社部门自受理之日起10个工作日内完成初审，对材料不全的，一次性告知补正。\n\n"
        "**第三步：市级复审。** 市人社局自收到初审意见之日起15个工作日内完成复审。\n\n"
        "## 二、申报条件\n\n近年来申报情况反映出一些问题：一是材料繁杂；二是时限偏紧；三是数字化项目未作安排；"
        "四是部分制造业企业反映职工人数门槛偏高。\n\n"
        "（一）将“制造业企业上年末在职职工不少于500人”调整为“制造业企业上年末在职职工不少于300人”。\n\n"
        , encoding="utf-8")
    (folder / "list.md").write_text(
        "---\ntitle: 关于拟认定翊原省第二批融合发展示范企业（机构）名单的公示\npublished: 2026-08-20\n---\n"
        "经申报推荐、专家评审，拟认定以下单位为第二批省级融合发展示范企业（机构），现予以公示。\n\n"
        "## 一、拟支持资金安排\n\n奖补资金主要用于示范企业开展融合发展项目，不得用于发放工资福利。"
        "本批拟支持资金合计260万元，从省级就业补助资金中列支。\n\n"
        "## 二、拟认定名单\n\n| 序号 | 单位名称 | 所在市（县、区） | 拟支持金额（万元） |\n|---|---|---|---|\n"
        "| 1 | 翊州重工机械有限公司 | 翊州市翊北区 | 50 |\n| 2 | 翊州人才港人力资源服务有限公司 | 翊州市翊北区 | 60 |\n"
        "| 3 | 翊州鑫达铸造有限公司 | 翊州市翊口县 | 30 |\n| 4 | 翊州启航职业培训学校 | 翊州市翊北区 | 70 |\n"
        "| 5 | 翊州众诚人力资源服务有限公司 | 翊州市翊口县 | 50 |\n\n"
        "## 三、公示期间\n\n公示期间，任何单位和个人对拟认定名单有异议的，可以书面形式向省人力资源和社会保障厅反映。\n\n"
        "联系人：省人力资源和社会保障厅人力资源流动管理处 郑思远 孟嘉禾\n\n联系电话：0925-86613072\n", encoding="utf-8")
    (folder / "summary.txt").write_text(
        "---\ntitle: 翊州市人力资源服务业与制造业融合发展试点2026年工作总结\npublished: 2027-01-12\n---\n"
        "一、工作开展情况\n\n市财政统筹就业补助资金和人才发展专项资金，安排试点专项资金3500万元，比2025年增长75.0%。\n\n"
        "二、2027年工作打算\n\n持续推进人力资源服务产业园建设，力争新增入驻机构20家。\n", encoding="utf-8")
    return seed_page_with_upload(tmp_path_factory, "circular-core", folder)


@pytest.mark.parametrize("question, expected", [
    ("翊原省督查情况通报的文号是多少", "翊人社函〔2026〕88号"),  # a 通报 is a kind of document: not the minutes' number
    ("属地初审要多少个工作日？", "10个工作日"),  # 「第二步：属地初审。」 heads the sentences of its step
    ("制造业企业申报，职工人数要求改成多少了？", "300人"),  # 人数 counts people; 「四是…」 counts nothing
    ("对拟认定名单有异议，找谁反映？", "郑思远"),  # whom to turn to: the contact lines, not only the body
    ("全省现场推进会在哪开？", "翊城市"),  # a meeting held in a city: 「在翊城市召开」 names its venue
    ("翊才通平台二期建设经费多少", "460万元"),
    ("整改情况报告报给省厅哪个处？", "流动管理处"),  # 哪个处 asks for the office the report goes to
    ("翊原省那次督查是几月份搞的？", "8月18日"),  # 几月 asks when, not how many
    ("翊州的试点专项资金是从哪几块资金里统筹的？", "就业补助资金"),  # 「统筹…资金」 names where it comes from
])
def test_circulars_minutes_and_guides_answer_numbers_venues_steps_and_budgets(
        with_circular_minutes_guide_and_list, question, expected):
    result = with_circular_minutes_guide_and_list.answer(question)
    assert result.found and expected in result.answer


def test_a_contact_asked_with_its_number_gets_both_lines(with_circular_minutes_guide_and_list):
    """「联系人和电话」: the number's line and the 「联系人：」 line above it, each as printed."""
    result = with_circular_minutes_guide_and_list.answer("对拟认定名单有异议的，联系人和电话是什么？")
    assert result.found and "郑思远" in result.answer and "0925-86613072" in result.answer


def test_a_phase_of_a_project_is_not_answered_by_another_phases_cost(with_circular_minutes_guide_and_list):
    """「平台一期花了多少钱」: the minutes give only the second phase's 460万元, so the documents do not say."""
    result = with_circular_minutes_guide_and_list.answer("翊才通平台一期建设花了多少钱")
    assert not result.found


def test_a_summary_published_the_next_year_speaks_of_the_year_its_title_names(with_circular_minutes_guide_and_list):
    """「2026年工作总结」 printed in January 2027 gives 2026's money: 「2027年准备安排多少」 is not answered by it."""
    result = with_circular_minutes_guide_and_list.answer("翊州市2027年试点专项资金准备安排多少？")
    assert not result.found


def test_a_county_named_with_its_city_picks_only_the_countys_rows_of_a_list(with_circular_minutes_guide_and_list):
    """「翊州市翊口县有哪些单位」: both rows of 翊口县, none of the city's other districts."""
    result = with_circular_minutes_guide_and_list.answer("翊州市翊口县有哪些单位进了拟认定名单？")
    assert result.found and "鑫达铸造" in result.answer and "众诚" in result.answer
    assert "重工机械" not in result.answer


def test_minutes_answer_where_the_meeting_was_held_and_a_span_is_not_answered_by_one_day(tmp_path_factory):
    """A province's PDF circular and a city's Word minutes (tests/data/fresh/corpus-new22), as loaded: 「在哪开的」
    wants the venue of the minutes' long opening sentence; 「哪天到哪天」 wants both ends, never a single deadline."""
    core = seed_page_with_upload(tmp_path_factory, "minutes-core", FRESH / "corpus-new22" / "documents")
    venue = core.answer("熠岗市试点专题会议在哪开的？")
    assert venue.found and "第五会议室" in venue.answer
    span = core.answer("您好，省里对试点城市那次督查是哪天到哪天搞的？")
    assert not span.found or "8月18日至9月5日" in span.answer


def test_where_money_is_paid_from_is_the_budget_the_notice_names(tmp_path_factory):
    """A province's public list (tests/data/fresh/corpus-new23): 「从哪块钱里列支」 is answered by 「从省级就业补助资金中
    列支」, not by what the money may be spent on."""
    core = seed_page_with_upload(tmp_path_factory, "list-core", FRESH / "corpus-new23" / "documents")
    result = core.answer("示范企业的奖补资金从哪块钱里列支")
    assert result.found and "就业补助资金" in result.answer


@pytest.fixture(scope="module")
def with_directory_and_allocation(tmp_path_factory) -> Assistant:
    """A county's Markdown directory of agencies, a province's PDF fund allocation notice and a city leader's Word
    speech (tests/data/fresh/corpus-new25), as an admin loads them."""
    return seed_page_with_upload(tmp_path_factory, "directory-core", FRESH / "corpus-new25" / "documents")


@pytest.mark.parametrize("question, expected, elsewhere", [
    ("匠心职业技能培训学校的电话多少", "0959-6625641", "0959-6621190"),  # not the county's complaints line
    ("恒远人力资源服务公司联系人是谁", "邱晓东", "詹立群"),  # not the directory's own contact
    ("匠心职业技能培训学校怎么收费", "每人每课时25元", "首月工资的30%"),  # not another agency's fees
])
def test_a_directory_entry_answers_for_the_agency_its_heading_names(
        with_directory_and_allocation, question, expected, elsewhere):
    """「### 3. 鄄溪县匠心职业技能培训学校」 heads its field lines (「- 电话：…」): each reads with the agency's name."""
    result = with_directory_and_allocation.answer(question)
    assert result.found and expected in result.answer and elsewhere not in result.answer
    assert "匠心" in result.answer or "恒远" in result.answer


def test_questions_about_the_directory_itself_get_its_own_contact(with_directory_and_allocation):
    result = with_directory_and_allocation.answer("名录内容有疑问的话联系谁？")
    assert result.found and "詹立群" in result.answer


def test_a_grade_picks_the_rows_graded_so_and_no_others(with_directory_and_allocation):
    """「评级AA的」 lists the four AA agencies of the summary table, not the AAA or A ones, nor the note on grades."""
    result = with_directory_and_allocation.answer("名录里评级AA的机构有哪些")
    assert result.found
    assert all(name in result.answer for name in ("才聚", "匠心", "衡信", "恒远"))
    assert "众鑫" not in result.answer and "安达" not in result.answer


def test_an_agency_only_the_local_directory_names_is_not_answered_from_the_national_story(
        with_directory_and_allocation):
    """「众鑫服务了多少家企业」: the directory's 86家, not the page's 5000余万家次 that names no agency."""
    result = with_directory_and_allocation.answer("众鑫人力资源服务公司服务了多少家制造业企业")
    assert result.found and "86家" in result.answer and "5000余万" not in result.answer


def test_an_allocation_table_reads_with_units_and_its_total_row(with_directory_and_allocation):
    """Cells under 「分配金额（万元）」 and 「其中：中央资金」 carry 万元; the 合计 row keeps its column names; a rate of
    spending (「支出进度」) is a share, answered by 「不低于60%」."""
    article = next(c for c in with_directory_and_allocation.answerer.chunks if "合计" in c.text and c.kind == "row")
    assert "其中中央资金：4000万元" in article.text and "分配金额：6800万元" in article.text
    result = with_directory_and_allocation.answer("年底前补助资金的支出进度要达到多少")
    assert result.found and "60%" in result.answer


@pytest.fixture(scope="module")
def with_rules_qa_and_bulletin(tmp_path_factory) -> Assistant:
    """A province's PDF evaluation rules, a city's Word policy Q&A and a work bulletin (tests/data/fresh/corpus-new24)."""
    return seed_page_with_upload(tmp_path_factory, "qa-core", FRESH / "corpus-new24" / "documents")


def test_where_to_hand_in_papers_is_the_counter_the_answer_names(with_rules_qa_and_bulletin):
    """「到哪里交材料」 wants the counter and floor of the policy Q&A, not the list of materials."""
    result = with_rules_qa_and_bulletin.answer("葭宁的申报材料，线下要到哪里交？")
    assert result.found and "窗口" in result.answer


def test_which_places_are_answered_by_the_sentence_listing_them(with_rules_qa_and_bulletin):
    """「省级试点地区有哪些」: the article naming 菘林县、苜溪县, not one of the many that only speak of such places."""
    result = with_rules_qa_and_bulletin.answer("葳川省级试点地区有哪些？")
    assert result.found and "菘林县" in result.answer and "苜溪县" in result.answer



REPLY_TO_A_DEPUTY = (
    "---\ntitle: 徂川市人力资源和社会保障局关于市十六届人大三次会议第88号代表建议的答复\npublished: 2026-07-02\n"
    "publisher: 徂川市人力资源和社会保障局\n---\n徂川市人力资源和社会保障局\n\n类别：A类　签发人：司马衡\n"
    "公开属性：主动公开　徂人社建〔2026〕12号\n\n关于市十六届人大三次会议第88号代表建议的答复\n\n贺云帆代表：\n"
    "您提出的《关于加快人力资源服务产业园建设的建议》（第88号）收悉。经商市财政局、市工业和信息化局，现答复如下。\n"
    "一、已开展的工作\n2026年以来，我市新建人力资源服务产业园制造业分园2个，入驻机构46家，服务制造业企业820家。\n"
    "二、下一步打算\n力争到2027年底，产业园入驻机构达到80家，服务制造业企业1500家以上。\n"
    "感谢您对人力资源社会保障工作的关心和支持。\n\n徂川市人力资源和社会保障局\n2026年7月2日\n"
    "（联系人：温小禾，联系电话：0791-6612345）\n")
SPEECH_WITH_ITS_OCCASION = (
    "---\ntitle: 在全市人力资源服务业与制造业融合发展试点推进会上的讲话\npublished: 2026-09-18\npublisher: 徕阳市人民政府\n---\n"
    "在全市人力资源服务业与制造业融合发展试点推进会上的讲话\n徕阳市人民政府副市长　纪远舟\n"
    "（2026年9月18日，徕阳市行政中心二楼报告厅）\n\n同志们：\n今天召开全市推进会，主要任务是总结试点工作，部署下一阶段任务。\n"
    "一、提高站位，深刻认识试点工作的重要意义\n今年以来，全市人力资源服务机构服务制造业企业1260家，帮助企业招聘技术工人8600人。\n"
    "二、突出重点，扎实推进试点任务落地\n一要建好产业园，二要育强服务机构，三要用好专项资金。\n"
    "三、压实责任，确保试点取得实效\n各县区要把试点工作列入重要议事日程，确保各项任务按期完成。\n")


JOINT_MEETING_MINUTES = (
    "---\ntitle: 彷溪县人力资源服务业与制造业融合发展试点工作联席会议第二次会议纪要\npublished: 2026-08-20\n"
    "publisher: 彷溪县人力资源服务业与制造业融合发展试点工作联席会议办公室\n---\n"
    "彷溪县人力资源服务业与制造业融合发展试点工作联席会议第二次会议纪要\n\n时间：2026年8月18日下午3:00\n"
    "地点：县政府三楼第二会议室\n主持：缪远山　副县长\n记录：阚思齐（县人社局人力资源市场股股长）\n\n"
    "2026年8月18日，副县长缪远山主持召开县试点工作联席会议第二次会议。会议听取了县人社局关于上半年试点工作进展情况的汇报。"
    "截至2026年6月30日，全县共有人力资源服务机构52家，其中服务制造业的机构33家。\n会议议定了以下事项：\n"
    "一、关于产业园建设。由县人社局牵头，年底前完成产业园分园装修。\n"
    "二、关于下次会议安排。联席会议第三次会议计划于2026年11月中旬召开。\n")


WECHAT_POST = (
    "---\ntitle: 彷溪人社｜试点半年，驻厂HR走进120家工厂\npublished: 2026-09-01\npublisher: 彷溪县人力资源和社会保障局\n---\n"
    "# 彷溪人社｜试点半年，驻厂HR走进120家工厂\n\n来源：彷溪人社\n\n编辑：邬小禾　审核：嵇敬川\n\n"
    "## 📌 驻厂HR进车间\n\n今年以来，全县已有120家制造业企业用上了驻厂HR服务，企业新员工流失率下降了12个百分点。\n\n"
    "## 📋 重点任务进展\n\n| 序号 | 任务 | 进展 |\n|---|---|---|\n| 1 | 产业园分园装修 | 已完成 |\n"
    "| 2 | 驻厂HR专项培训 | 持续推进 |\n| 3 | 用工调剂平台上线 | 持续推进 |\n| 4 | 政策宣讲进园区 | 已完成 |\n\n"
    "## 💬 你问我答\n\nQ：驻厂HR服务要企业出钱吗？\n\nA：首年服务费由县财政按50%补贴。\n\n"
    "👉 联系人：邬小禾，咨询电话：0791-6623456，邮箱：fxhr@fangxi.example.cn\n")


@pytest.fixture(scope="module")
def with_reply_speech_minutes(tmp_path_factory) -> Assistant:
    return seed_page_with_texts(tmp_path_factory, "reply-speech-minutes", {
        "reply.txt": REPLY_TO_A_DEPUTY, "speech.txt": SPEECH_WITH_ITS_OCCASION, "minutes.txt": JOINT_MEETING_MINUTES,
        "post.md": WECHAT_POST})


def test_header_fields_printed_on_one_line_are_each_the_documents_metadata():
    [article] = split_articles(parse_document(REPLY_TO_A_DEPUTY, doc_id="reply"))
    meta = {(c.label, c.text) for c in chunk_article(article) if c.kind == "meta"}
    assert {("类别", "类别：A类"), ("签发人", "签发人：司马衡"), ("文号", "徂人社建〔2026〕12号")} <= meta


@pytest.mark.parametrize("question,expected", [
    ("徂川人社局对第88号建议的答复文号是多少", "徂人社建〔2026〕12号"),
    ("第88号代表建议的答复是谁签发的？", "司马衡"),
    ("徂川那个第88号建议的答复属于哪一类？", "类别：A类"),
])
def test_a_replys_number_and_signer_are_answered_from_its_header(with_reply_speech_minutes, question, expected):
    result = with_reply_speech_minutes.answer(question)
    assert result.found and expected in result.answer
    assert result.sources[0].title.startswith("徂川市人力资源和社会保障局关于")


@pytest.mark.parametrize("question,expected", [
    ("徕阳那个推进会是在哪开的？", "行政中心二楼报告厅"),  # the line under a speech's title: when and where
    ("徕阳市的试点推进会是哪天开的", "2026年9月18日"),
    ("彷溪县联席会议纪要是谁记录的？", "阚思齐"),  # the minutes' 记录 line
    ("彷溪人社那篇驻厂HR的推文是谁审核的？", "嵇敬川"),  # a post's credit line names each role
    ("彷溪驻厂HR那篇推文的编辑是谁", "邬小禾"),
])
def test_who_and_when_are_answered_by_the_line_that_labels_them(with_reply_speech_minutes, question, expected):
    result = with_reply_speech_minutes.answer(question)
    assert result.found and expected in result.answer


@pytest.mark.parametrize("question,stated,other", [
    ("彷溪县到6月底有多少家人力资源服务机构？", "52家", "彷溪县到9月底有多少家人力资源服务机构？"),
    ("彷溪县第二次联席会议是哪天开的", "8月18日", "彷溪县第一次联席会议是哪天开的"),
])
def test_a_figure_or_a_date_is_not_given_for_another_month_or_sitting(with_reply_speech_minutes,
                                                                      question, stated, other):
    result = with_reply_speech_minutes.answer(question)
    assert result.found and stated in result.answer
    elsewhere = with_reply_speech_minutes.answer(other)
    assert not elsewhere.found or stated not in elsewhere.answer


def test_a_contact_asked_of_a_named_person_is_not_another_persons(with_reply_speech_minutes):
    result = with_reply_speech_minutes.answer("驻厂HR那篇推文里，联系人温小禾的邮箱是多少？")
    assert not result.found and result.answer.startswith("资料中没有")  # 邬小禾's e-mail is not 温小禾's


def test_a_day_asked_within_a_known_month_is_not_answered_by_part_of_the_month(with_reply_speech_minutes):
    assert "11月中旬" in with_reply_speech_minutes.answer("彷溪县第三次联席会议什么时候开？").answer
    assert not with_reply_speech_minutes.answer("彷溪县第三次联席会议具体是11月哪一天开？").found


def test_which_rows_have_a_status_the_question_quotes(with_reply_speech_minutes):
    result = with_reply_speech_minutes.answer("彷溪那篇推文里，哪些重点任务还在持续推进？")
    assert result.found and "驻厂HR专项培训" in result.answer and "用工调剂平台上线" in result.answer
    assert "产业园分园装修" not in result.answer


HALF_YEAR_BULLETIN = (
    "---\ntitle: 颀川省人力资源服务业与制造业融合发展试点2026年上半年统计公报\npublished: 2026-07-24\n"
    "publisher: 颀川省人力资源和社会保障厅\n---\n各设区市人力资源社会保障局：\n"
    "现将2026年上半年试点城市主要指标通报如下。\n一、总体情况\n"
    "截至6月30日，4个试点城市共有人力资源服务机构1530家。分城市主要指标见附表1、附表2。\n"
    "二、用工保障情况\n部分城市重点企业用工缺口率仍高于4%，需重点关注。\n\n"
    "附表：1. 试点城市机构主要指标\n2. 试点城市用工保障主要指标\n\n颀川省人力资源和社会保障厅\n2026年7月24日\n"
    "（此件主动公开）\n附表1\n试点城市机构主要指标\n\n城市　　人力资源服务机构（家）　　营业收入同比增长（%）\n"
    "颀州市　　612　　14.2\n颂阳市　　487　　12.8\n顼宁市　　256　　9.6\n合计　　1355　　12.6\n附表2\n"
    "试点城市用工保障主要指标\n\n城市　　帮助企业招聘（万人次）　　重点企业用工缺口率（%）\n颀州市　　8.62　　2.8\n"
    "颂阳市　　6.47　　4.6\n顼宁市　　2.93　　5.3\n合计　　18.02　　3.7\n")


ALLIANCE_NOTICE = (
    "---\ntitle: 颂阳市人力资源和社会保障局关于召开颂阳市制造业人力资源服务联合体成立大会的通知\npublished: 2025-11-28\n"
    "publisher: 颂阳市人力资源和社会保障局\n---\n# 颂阳市人力资源和社会保障局关于召开颂阳市制造业人力资源服务联合体成立大会的通知\n\n"
    "各有关单位：\n\n市人力资源社会保障局定于2025年12月12日召开联合体成立大会。现将有关事项通知如下。\n\n"
    "## 一、会议时间\n\n2025年12月12日（星期五）上午9:30开始，会期半天。\n\n"
    "## 二、会议议程\n\n主持人：市人力资源社会保障局副局长 顾青禾\n\n（一）9:30—9:35　主持人介绍与会领导和嘉宾。\n\n"
    "（二）9:35—9:50　宣读联合体成员名单。\n\n"
    "## 三、联合体基本情况\n\n（一）入会条件。申请加入联合体的单位应当是在颂阳市登记注册的人力资源服务机构或者规模以上制造业企业，"
    "近三年未被列入严重失信主体名单。\n\n（二）会费和经费。联合体2026年度不收取会费，运行经费由牵头单位承担。\n\n"
    "（三）首批成员。目前已有首批成员企业23家。\n\n"
    "## 四、联系方式\n\n会务联系人：市人力资源社会保障局人力资源流动管理科 赵婧，电话：0168-62278815。\n\n"
    "## 五、协议签订\n\n大会上，市人力资源社会保障局与颂阳贤达人力资源服务有限公司签订联合体合作协议。\n\n"
    "签订地点：颂阳市人才大厦6楼第一会议室\n\n"
    "## 附件1　首批成员单位名单\n\n| 序号 | 单位名称 | 类别 |\n|---|---|---|\n| 1 | 颂阳贤达人力资源服务有限公司 | 人力资源服务机构 |\n"
    "| 2 | 颂阳精锻重工股份有限公司 | 制造业企业 |\n\n"
    "## 附件2　联合体联络员名单\n\n| 序号 | 姓名 | 工作单位 |\n|---|---|---|\n| 1 | 冯建军 | 颂阳贤达人力资源服务有限公司 |\n"
    "| 2 | 吴静怡 | 颂阳精锻重工股份有限公司 |\n")


MESSAGES_AND_REPLIES = (
    "---\ntitle: 顼宁县政民互动留言办理选登（2026年第一季度）\npublished: 2026-04-10\npublisher: 顼宁县人民政府办公室\n---\n"
    "# 顼宁县政民互动留言办理选登（2026年第一季度）\n\n"
    "## 一、大学生到县里制造企业工作有什么补贴？\n\n留言内容： 我今年研究生毕业，想回县里的制造企业上班，有没有生活补贴？\n\n"
    "答复单位： 中共顼宁县委人才工作领导小组办公室\n\n答复内容： 欢迎你回乡就业！对到县内制造业企业就业的全日制高校毕业生，"
    "按本科每人每月1000元、硕士研究生每人每月1500元发放生活补贴，连续发放24个月。\n\n"
    "## 二、省里的技能竞赛谁能参加？\n\n留言内容： 我在厂里做人事，想参加省里的技能竞赛，有什么条件？\n\n答复单位： 顼宁县人力资源和社会保障局\n\n"
    "答复内容： 参赛选手须同时符合以下条件：年龄在18周岁至55周岁之间，即1970年6月25日至2008年6月25日期间出生；"
    "从事人力资源服务工作满2年。县内报名截至2026年4月20日，请将报名表报送县人社局职业能力建设股。\n")


@pytest.fixture(scope="module")
def with_bulletin_alliance_and_replies(tmp_path_factory) -> Assistant:
    return seed_page_with_texts(tmp_path_factory, "bulletin-alliance-replies", {
        "bulletin.txt": HALF_YEAR_BULLETIN, "alliance.md": ALLIANCE_NOTICE, "replies.md": MESSAGES_AND_REPLIES})


def test_a_table_after_the_signature_reads_under_its_attachment_title():
    [article] = split_articles(parse_document(HALF_YEAR_BULLETIN, doc_id="bulletin"))
    rows = {c.text: c.section for c in chunk_article(article) if c.kind == "row"}
    assert rows["城市：颂阳市；帮助企业招聘：6.47万人次；重点企业用工缺口率：4.6%"] == "附表2 试点城市用工保障主要指标"


def test_a_list_of_attendees_under_column_names_reads_each_row_by_its_columns():
    """「姓名　单位　职务」 over rows of names and posts, no figure in them: still a header, so 「杜向阳」 reads as the
    name of the 鹃山县 attendee, not as a bare run of cells."""
    minutes = ("---\ntitle: 鹃州市人民政府专题会议纪要\npublished: 2025-11-21\nlayout: official\n---\n"
               "### 一、会议基本情况\n\n时间：2025年11月18日\n\n参会人员：\n\n姓名　　单位　　职务\n"
               "周明远　　市政府办公室　　副秘书长\n杜向阳　　鹃山县人民政府　　副县长\n\n### 二、推进情况\n\n会议听取了汇报。\n")
    assert "姓名：杜向阳；单位：鹃山县人民政府；职务：副县长" in rows_of(minutes)
    two_names = ("---\ntitle: 鹃州市重点产业链\npublished: 2025-11-21\nlayout: official\n---\n一、产业链\n\n"
                 "鹃州市　　新能源汽车\n鹃山县　　绿色化工\n")
    assert "鹃山县：绿色化工" in rows_of(two_names)  # no header named


def test_a_markdown_heading_ends_the_table_above_it_and_the_next_table_has_its_own_columns():
    [article] = split_articles(parse_document(ALLIANCE_NOTICE, doc_id="alliance"))
    rows = [c for c in chunk_article(article) if c.kind == "row"]
    assert "序号：1；姓名：冯建军；工作单位：颂阳贤达人力资源服务有限公司" in [r.text for r in rows]
    assert {r.section for r in rows if "冯建军" in r.text} == {"附件2　联合体联络员名单"}


@pytest.mark.parametrize("question,meeting,others", [
    ("颀川省哪几个试点城市的重点企业用工缺口率超过了4%？", ["颂阳市", "顼宁市"], ["颀州市", "合计"]),
    ("营业收入同比增长在10%以上的试点城市有哪些", ["颀州市", "颂阳市"], ["顼宁市"]),
    ("哪个试点城市的人力资源服务机构最多？", ["颀州市"], ["颂阳市", "顼宁市", "合计"]),  # the largest, not the total
    ("重点企业用工缺口率最低的是哪个城市", ["颀州市"], ["颂阳市", "顼宁市"]),  # a table the text ranks above
])
def test_which_rows_of_a_table_meet_the_comparison_the_question_states(with_bulletin_alliance_and_replies,
                                                                       question, meeting, others):
    result = with_bulletin_alliance_and_replies.answer(question)
    assert result.found and all(city in result.answer for city in meeting)
    assert not any(other in result.answer for other in others)


@pytest.mark.parametrize("question,expected", [
    ("颂阳联合体成立大会由谁主持？", "顾青禾"),  # a post, a gap and the name, whatever its surname
    ("加入颂阳市制造业人力资源服务联合体要交会费吗", "不收取会费"),  # the passage naming what the yes/no asks about
    ("颂阳联合体成立大会哪天几点开", "上午9:30"),  # a day and a time asked at once
    ("老师好，颂阳联合体成立大会几点开始？", "9:30"),
    ("大学毕业生回顼宁县就业补贴的那条留言是哪个单位答复的？", "人才工作领导小组办公室"),  # the line labelled so
    ("颂阳联合体的合作协议是在哪里签的？", "人才大厦6楼"),  # 「签订地点：」 asked by one character of its verb
    ("我是1969年10月出生的，在厂里做人事十几年了，还能参加省里的技能竞赛吗？", "1970年6月25日"),  # the asker's year
    ("我在顼宁县一家厂做人事，想参加省里的技能竞赛，县里报名截止到什么时候？", "4月20日"),  # the reply to such a message
])
def test_questions_of_members_meetings_and_replies_are_answered_by_the_line_that_says_it(
        with_bulletin_alliance_and_replies, question, expected):
    result = with_bulletin_alliance_and_replies.answer(question)
    assert result.found and expected in result.answer


def test_a_list_is_not_answered_by_the_count_the_asker_already_knows(with_bulletin_alliance_and_replies):
    result = with_bulletin_alliance_and_replies.answer("颂阳联合体那23家首批成员企业都有哪些？")
    assert "目前已有首批成员企业23家" not in result.answer


def test_a_contact_asked_of_a_body_named_in_parts_is_not_another_bodys(with_bulletin_alliance_and_replies):
    result = with_bulletin_alliance_and_replies.answer("颂阳市工业和信息化局负责联合体工作的联系人是谁？")
    assert not result.found or "赵婧" not in result.answer  # 赵婧 is the contact at the 人社局


CREDIT_RULES = """---
title: 靺阳市人力资源服务机构诚信等级评定和结果运用办法
published: 2026-01-20
publisher: 靺阳市人力资源和社会保障局
---
靺阳市人力资源服务机构诚信等级评定和结果运用办法

一、评定组织
（一）评审委员会由从市人力资源服务专家库中随机抽取的9名专家组成，按照附表所列指标逐项打分。
（二）评估对象包括国家试点城市和省级试点城市的人力资源服务机构。
1. 国家试点城市：靺阳市、鞯川市。
2. 省级试点城市：鞨岭市、靬溪市。

二、结果运用
（一）AAA级机构。申请入驻靺阳人力资源服务产业园的优先安排，入驻第一年租金全免。
（二）AA级机构。申请入驻靺阳人力资源服务产业园的，入驻第一年租金减半。
（三）奖励资金申领。获评机构的奖励资金实行集中受理，每年分两批集中受理（具体时间见附表），受理截止后30个工作日内完成拨付。
（四）市级配套。本市机构牵头承担省级揭榜挂帅项目的，按省级支持资金的50%给予市级配套。

三、常见问题
问：招聘用工联合体必须由几家企业组成？
答：由1家人力资源服务机构牵头，联合同一产业链上不少于5家制造业企业组建。
问：诚信等级多久评一次？
答：每年评定一次，结果向社会公布。

四、联系方式
资金拨付：市人社局规划财务科，0733-6215 4407。
等级评定：市人社局人力资源市场科，联系人：韦思远，电话：0733-6215 4410。

靺阳市人力资源和社会保障局
2026年1月20日

附表　奖励资金集中受理时间安排
受理批次　　受理时间　　审核拨付时限
第一批　　2026年3月2日至3月31日　　受理截止后30个工作日内
第二批　　2026年10月8日至10月31日　　受理截止后30个工作日内
"""


@pytest.fixture(scope="module")
def with_credit_rules(tmp_path_factory) -> Assistant:
    return seed_page_with_text(tmp_path_factory, "credit-rules.txt", CREDIT_RULES)


@pytest.mark.parametrize("question,expected,wrong", [
    ("这个办法评估的是哪几个城市？", "鞨岭市", None),  # the line naming them, under the heading naming the kind
    ("靺阳AA级机构入驻产业园第一年租金全免，对吧？", "减半", "全免"),  # AA is not the AA of AAA
    ("奖励资金第二批什么时候集中受理？", "10月8日", None),  # the date the sentence leaves to its attached table
    ("在靺阳组建招聘用工联合体至少要拉几家制造企业？", "5家", None),  # the answer under the FAQ's question
    ("靺阳的机构牵头承担了省里的揭榜挂帅项目，市里按多少配？", "50%", None),  # 配 is no measure word
    ("资金拨付的咨询电话是多少？", "0733-6215 4407", None),  # a local number printed in two groups
    ("靺阳诚信等级评定的事情该找谁咨询？", "韦思远", None),  # the contact line, not a passage about the rating
])
def test_rules_questions_are_answered_by_the_line_that_says_it(with_credit_rules, question, expected, wrong):
    result = with_credit_rules.answer(question)
    assert result.found and expected in result.answer
    assert wrong is None or wrong not in result.answer


@pytest.mark.parametrize("question", [
    "评审委员会那9名专家分别是谁？",  # people asked by name: a count of them names none
    "人社部公布的试点城市名单里都有哪些城市？",  # cities asked by name: the seed page names none
    "跟人社部一起发试点通知的具体是哪几个部门？",  # bodies asked by name: 「等部门」 names none besides 人社部
])
def test_a_question_asking_for_names_is_not_answered_by_a_passage_that_names_none(with_credit_rules, question):
    assert not with_credit_rules.answer(question).found


def test_a_question_asking_which_regions_is_answered_by_the_passage_naming_them(with_credit_rules):
    result = with_credit_rules.answer("老旧小区开工率超过50%的都是哪些地区？")
    assert result.found and "河北" in result.answer


def test_a_title_is_asked_only_of_an_article_about_what_the_question_names(with_credit_rules):
    assert not with_credit_rules.answer("今年全国高考的作文题目是什么？").found  # 全国 alone is no topic of it


CASE_BOOK = """---
title: 鸥澜市人力资源服务业与制造业融合发展试点典型案例汇编（第一辑）
published: 2026-03-20
publisher: 鸥澜市人力资源和社会保障局
---
编印说明

为总结推广试点经验，市人社局遴选出3个典型案例汇编成册。

案例一　驻厂招聘专班破解电池企业“开工缺人”难题

（一）基本情况

鹃能电池科技有限公司位于鹂港经济开发区，现有员工3600余人。

（二）主要做法

机构派驻12名招聘顾问常驻企业，与企业人力资源部合署办公。

（三）取得成效

新员工3个月留存率由以往的58%提高到81%。

案例二　“企校机构”三方联动打造铸造行业技能人才梯队

（一）基本情况

恒锐精密铸造有限公司位于鸥汀县，现有职工1150人。

（二）第二期学徒制培训班开班

3月28日，鸥汀县第二期学徒制培训班在恒锐精密铸造有限公司开班。本期培训班由县人社局指导，共招收学徒64名。鸥汀县首期学徒制培训班招收学徒48名，已于今年2月结业。

表1　2026年各县（区）目标任务表
县（区）　　服务制造业企业用工（人次）　　新建驿站（个）
鸥汀县　　7500　　2
鹂溪区　　9000　　0

附表 典型案例汇总表
序号　　案例名称　　所在地　　服务类型
1　　驻厂招聘专班　　鹂港经济开发区　　招聘服务
2　　企校机构三方联动　　鸥汀县　　技能培训与评价
3　　一站式服务驿站　　鹂港经济开发区　　综合服务

鸥澜市人力资源和社会保障局
2026年3月20日
"""


@pytest.fixture(scope="module")
def with_case_book(tmp_path_factory) -> Assistant:
    return seed_page_with_text(tmp_path_factory, "case-book.txt", CASE_BOOK)


def test_a_case_book_reads_each_case_as_a_section_and_a_captioned_table_under_its_caption():
    [article] = split_articles(parse_document(CASE_BOOK, doc_id="case-book"))
    chunks = chunk_article(article)
    consultants = next(c for c in chunks if "12名招聘顾问" in c.text)
    assert consultants.section.startswith("案例一")
    row = next(c for c in chunks if c.kind == "row" and "7500" in c.text)
    assert "表1 2026年各县（区）目标任务表" in row.section  # the caption names the rows' year
    summary = next(c for c in chunks if c.kind == "row" and "一站式服务驿站" in c.text)
    assert summary.section.startswith("附表")  # not the last case's


@pytest.mark.parametrize("question,expected,wrong", [
    ("鹃能电池那个案例里，机构派了多少名招聘顾问常驻企业？", "12名", None),
    ("2026年鸥汀县服务制造业企业用工的目标任务是多少人次？", "7500", None),  # the year is the caption's
    ("目标任务表里，哪个县（区）不用新建驿站？", "鹂溪区", "鸥汀县"),  # the row whose count is 0
    ("汇编收录的案例中，哪些发生在鹂港经济开发区？", "一站式服务驿站", None),  # 发生 picks no part
    ("鸥汀县第二期学徒制培训班招收了多少名学徒？", "64名", "48名"),  # the 首期 sentence under the same heading
    ("鹃能电池那个案例，新员工3个月留存率后来提高到多少了？", "81%", None),  # 3个月 is a span, not the figure
])
def test_case_book_questions_are_answered_by_the_case_or_row_asked(with_case_book, question, expected, wrong):
    result = with_case_book.answer(question)
    assert result.found and expected in result.answer
    assert wrong is None or wrong not in result.answer
