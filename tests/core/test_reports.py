"""Reports admins load beside notices: a budget table in 万元 stated once over it, a hotline's weekly ticket report
with two captioned tables, a schedule whose dates run into the next cell, expert opinions attached under a covering
notice. Officials ask for the rows that pass a figure, the largest row, a rate, a count the hotline took, a contact
of one county; each answer quotes the row or line that says it, and a contact of another place is no answer."""
from __future__ import annotations

import pytest

from retrieval.ingest import chunk_article, parse_document, split_articles
from tests.core.test_formats import layout_line
from tests.core.support import rows_of
from tests.core.test_official import seed_page_with_texts

BUDGET = """---
title: 鹭江市2026年度融合发展试点专项资金项目支出绩效目标申报表
published: 2025-10-28
publisher: 鹭江市人力资源和社会保障局
layout: official
---
鹭江市人力资源和社会保障局
鹭人社报〔2025〕31号
关于报送2026年度融合发展试点专项资金绩效目标的报告
市财政局：
根据《鹭江市财政局关于编制2026年市级部门预算的通知》（鹭财预〔2025〕12号）要求，现将2026年度试点专项资金项目支出绩效目标报送如下，请审核。
鹭江市人力资源和社会保障局
2025年10月28日

附件1
年度绩效指标

三级指标　　指标值
新组建招聘用工联合体数量　　≥8个
订单式培训考核合格率　　≥92%
参训人员培训后6个月内在岗率　　≥85%

附件2
项目预算明细表
单位：万元

序号　　支出内容　　测算依据　　金额　　责任科室
1　　招聘用工联合体奖补　　8个×40万元　　320　　人力资源流动管理科
2　　跨企业培训中心建设补助　　4个×150万元　　600　　职业能力建设科
3　　订单式培训补贴　　6000人次×1200元　　720　　职业能力建设科
4　　绩效评估与宣传　　第三方评估、宣传　　90　　规划财务科
合计　　1730
"""

HOTLINE = """---
title: 鹤州市12345热线融合发展试点工单周报（2026年第8期）
published: 2026-03-02
publisher: 鹤州市12345政务服务便民热线管理中心
layout: official
---
各有关单位：

一、总体情况

本周热线共受理涉及试点的工单143件，较上周增长9.2%。

二、工单分类统计

表1　按诉求类别统计
序号　类别　　　　　　　　　本周件数　占比　　上周件数
1　　政策咨询　　　　　　　　61　　　　42.7%　 55
2　　培训报名与补贴发放　　　47　　　　32.9%　 44
3　　投诉举报　　　　　　　　35　　　　24.5%　 32
　　 合计　　　　　　　　　　143　　　 100%　　131

表2　按来电区域统计
区域　　　　　本周件数　主要诉求
鸿城区　　　　66　　　　招聘用工对接
鹂溪区　　　　49　　　　培训报名
鹃阳县　　　　28　　　　补贴发放
合计　　　　　143
注：1. 区域按来电号码归属地统计。

三、咨询方式

鹤州市人力资源社会保障局就业促进科，联系人：鲍文清，电话：0733-6612100
鹂溪区人力资源社会保障局，联系人：岑一鸣，电话：0733-6623011
"""

SCHEDULE = """---
title: 鹞川省省级试点城市终期验收工作安排
published: 2026-10-20
publisher: 鹞川省人力资源和社会保障厅
layout: official
---
各有关设区市人力资源社会保障局：

一、验收指标

验收指标分目标完成、机制建设两项一级指标，满分100分。

一级指标　　二级指标　　分值　　验收方式
目标完成（60分）　　联合体组建情况　　30　　查阅资料
机制建设（40分）　　协调机制运行情况　　40　　实地察看

二、现场验收日程

序号　　城市　　现场验收日期　　专家组　　专家组组长　　组长单位
1　　鹚山市　　2026年12月2日第一组　　任嘉禾　　省社会科学院
2　　鹳宁市　　2026年12月9日第二组　　葛晓岚　　省注册会计师协会
注：1.　　现场验收当日8:30开始，由被验收城市作试点工作汇报。
"""

REVIEW = """---
title: 鸪川市融合发展试点先行区申报专家评审意见
published: 2025-12-12
publisher: 鸪川市融合发展试点工作领导小组办公室
layout: official
---
鸪川市融合发展试点工作领导小组办公室

## 关于印发试点先行区申报专家评审意见的通知

各县（区）人民政府：

现将专家评审意见印发给你们，请抓好落实。评审结论为“不通过”的县（区），可在第二批遴选时重新申报。

鸪川市融合发展试点工作领导小组办公室

2025年12月12日

附件

鸪川市融合发展试点先行区申报专家评审意见

## 一、分县（区）评审意见

### （一）鸬山县（得分：86.5分）

存在问题：

1. 培训中心选址尚未落实。

评审结论：通过。

### （二）鸮头县（得分：61.0分）

存在问题：

1. 人力资源服务机构仅7家，无县级产业园。

评审结论：不通过。
"""


SPEECH = """---
title: 在鹬平市融合发展试点工作推进会上的讲话
published: 2026-03-02
publisher: 鹬平市人民政府办公室
---

在鹬平市融合发展试点工作推进会上的讲话

鹬平市人民政府副市长　祁振东
（2026年2月26日，根据录音整理）

同志们：

今天，我们召开全市融合发展试点工作推进会，主要任务是总结2025年试点工作，部署2026年重点任务。

在肯定成绩的同时，我们的工作还存在“三个不够”：一是供需匹配不够精准，二是机构专业化程度不够高，三是政策落地不够快。

省人力资源服务中心（中期评估和绩效评价）：葛天翊，联系电话：87339061
"""


SUPERVISION = """---
title: 鹩州市试点工作领导小组办公室关于2025年度试点工作督查情况的通报
published: 2026-02-10
layout: official
---
一、总体情况

各县（区）认真落实试点任务，整体进展顺利。

二、各县（区）年度任务完成率排名

按照各县（区）承担的2025年度试点任务完成情况，排名如下：

第1名　鹭溪县　承担任务16项，完成率100%

第2名　鹭山县　承担任务16项，完成率92.9%

第3名　鹤西区　承担任务16项，完成率86.7%

第4名　鸥东区　承担任务16项，完成率84.6%

第5名　鸿平县　承担任务16项，完成率83.3%

第6名　鹃源县　承担任务16项，完成率78.6%

第7名　鹊桥县　承担任务16项，完成率76.9%

第8名　鹰南县　承担任务16项，完成率71.4%

第9名　鸾河县　承担任务16项，完成率66.7%

第10名　鹂湖县　承担任务16项，完成率56.3%

三、工作要求

各县（区）要对照问题抓好整改。
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    return seed_page_with_texts(tmp_path_factory, "reports", {
        "lujiang-budget.txt": BUDGET, "hezhou-hotline.txt": HOTLINE, "yaochuan-schedule.txt": SCHEDULE,
        "guchuan-review.txt": REVIEW, "tichuan-allocation.txt": ALLOCATION, "yuping-speech.txt": SPEECH,
        "liaozhou-supervision.txt": SUPERVISION})


def test_a_budget_tables_figures_carry_the_unit_stated_once_over_it_and_its_total_is_a_row_of_its_own():
    rows = rows_of(BUDGET)
    assert "序号：2；支出内容：跨企业培训中心建设补助；测算依据：4个×150万元；金额：600万元；责任科室：职业能力建设科" in rows
    assert not any("901730" in row for row in rows)


def test_a_pdf_total_line_under_the_last_row_is_not_glued_to_that_row():
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((0, "序号"), (6, "支出内容"), (30, "金额"), (38, "责任科室")),
        layout_line((1, "1"), (6, "招聘用工联合体奖补"), (31, "320"), (38, "人力资源流动管理科")),
        layout_line((1, "2"), (6, "绩效评估与宣传"), (31, "90"), (38, "规划财务科")),
        layout_line((6, "合计"), (31, "410"))])
    lines = pdf_text([page]).split("\n")
    assert lines[-2:] == ["2　　绩效评估与宣传　　90　　规划财务科", "合计　　410"]


def test_each_captioned_table_names_its_own_rows_and_a_total_names_itself_in_the_first_column():
    [article] = split_articles(parse_document(HOTLINE, doc_id="hotline"))
    rows = {c.text: c.section for c in chunk_article(article) if c.kind == "row"}
    assert rows["区域：鸿城区；本周件数：66；主要诉求：招聘用工对接"] == "二、工单分类统计 表2 按来电区域统计"
    assert "区域：合计；本周件数：143" in rows


def test_a_date_run_into_the_next_cell_and_a_note_under_the_table_are_read_apart():
    rows = rows_of(SCHEDULE)
    assert ("序号：2；城市：鹳宁市；现场验收日期：2026年12月9日；专家组：第二组；专家组组长：葛晓岚；组长单位：省注册会计师协会"
            in rows)
    assert not any("8:30" in row for row in rows)


def test_an_attachments_markdown_headings_are_its_sections():
    [article] = split_articles(parse_document(REVIEW, doc_id="review"))
    sections = {c.section for c in chunk_article(article) if "不通过" in c.text or "仅7家" in c.text}
    assert "一、分县（区）评审意见 （二）鸮头县（得分：61.0分）" in sections


def test_a_report_filed_under_its_forms_title_gives_its_own_number_not_the_one_it_cites(core):
    answer = core.answer("鹭江市人社局报送试点资金绩效目标的那个报告，文号是多少？")
    assert answer.found and "鹭人社报〔2025〕31号" in answer.answer and "鹭财预" not in answer.answer


def test_the_number_of_the_document_a_sentence_cites_answers_a_question_naming_it(core):
    answer = core.answer("鹭江市财政局关于编制预算的那个通知，文号是多少？")
    assert answer.found and "鹭财预〔2025〕12号" in answer.answer


def test_the_rows_of_a_budget_table_over_a_figure_are_quoted(core):
    answer = core.answer("鹭江市预算明细表里单项金额超过500万元的是哪几项？")
    assert answer.found
    assert "跨企业培训中心建设补助" in answer.answer and "订单式培训补贴" in answer.answer
    assert "招聘用工联合体奖补" not in answer.answer


def test_the_largest_row_of_the_table_asked_about_answers_which_is_most(core):
    answer = core.answer("鹤州热线这周哪个区域打进来的试点工单最多？")
    assert answer.found and "鸿城区" in answer.answer and "鹂溪区" not in answer.answer


def test_a_rate_asked_of_a_funds_indicator_is_answered_with_its_percentage(core):
    answer = core.answer("鹭江市试点资金的绩效指标里，订单式培训考核合格率要求达到多少？")
    assert answer.found and "92%" in answer.answer


def test_what_the_hotline_took_is_a_count_not_a_phone_number(core):
    answer = core.answer("鹤州市12345热线这周受理了多少件试点工单？")
    assert answer.found and "143件" in answer.answer


def test_a_contact_of_a_county_no_line_names_is_not_another_places_contact(core):
    answer = core.answer("鹃阳县人社局咨询试点补贴的电话是多少？")
    assert not answer.found
    assert "0733-6623011" not in answer.answer and "0733-6612100" not in answer.answer


def test_a_contact_of_a_place_a_line_names_is_that_line(core):
    answer = core.answer("鹂溪区人社局的联系电话是多少？")
    assert answer.found and "0733-6623011" in answer.answer


def test_the_points_of_an_indicator_are_its_weight(core):
    answer = core.answer("验收指标里“机制建设”这个一级指标一共多少分？")
    assert answer.found and "40分" in answer.answer


def test_a_county_not_passed_is_told_where_its_opinion_stands(core):
    answer = core.answer("鸮头县评审得了多少分？")
    assert answer.found and "61.0分" in answer.answer


def test_where_the_asker_comes_from_is_not_what_the_question_is_about(core):
    answer = core.answer("我是江苏一家人力资源公司的老板，客户大半是工厂。通知里提到要培育发展哪些面向制造业的服务？")
    assert answer.found and "人才测评" in answer.answer


ALLOCATION = """---
title: 鹈川省融合发展试点2025年度省级专项资金分配方案
published: 2025-11-20
publisher: 鹈川省人力资源和社会保障厅
layout: official
---
各设区市人力资源社会保障局：

三、分配结果

单位：万元

序号　　地区及项目名称　　承担单位　　省级资金
一　　鹈平市（国家试点）
1　　产业园制造业服务功能区建设　　鹈平市人力资源服务产业园管理办公室　　680
2　　装备制造业招聘用工联合体　　鹈溪县人力资源和社会保障局　　420
小计　　1100

二　　鹕阳市（省级试点）

1　　新能源电池产业跨企业培训中心　　鹕阳高新技术产业开发区管理委员
会
2　　制造业企业人力资源服务券　　鹕阳市人力资源和社会保障局　　400
小计　　850
"""


def test_a_city_heading_a_group_of_rows_names_the_section_its_projects_read_under():
    [article] = split_articles(parse_document(ALLOCATION, doc_id="allocation"))
    rows = {c.text: c.section for c in chunk_article(article) if c.kind == "row"}
    assert rows["序号：2；地区及项目名称：装备制造业招聘用工联合体；承担单位：鹈溪县人力资源和社会保障局；省级资金：420万元"] == \
        "一、鹈平市（国家试点）"
    assert rows["序号：2；地区及项目名称：制造业企业人力资源服务券；承担单位：鹕阳市人力资源和社会保障局；省级资金：400万元"] == \
        "二、鹕阳市（省级试点）"


def test_a_pdf_group_line_over_the_first_row_is_not_part_of_that_row():
    from retrieval.pdf_text import pdf_text

    page = "\n".join([
        layout_line((0, "序号"), (6, "地区及项目名称"), (40, "省级资金")),
        layout_line((0, "一"), (6, "鹈平市（国家试点）")),
        layout_line((0, "1"), (6, "产业园制造业服务功能区建设"), (41, "680")),
        layout_line((0, "2"), (6, "装备制造业招聘用工联合体"), (41, "420"))])
    lines = pdf_text([page]).split("\n")
    assert "1　　产业园制造业服务功能区建设　　680" in lines
    assert not any(line.startswith("一1") for line in lines)


def test_a_subtotal_printed_short_of_the_columns_stands_under_its_label_and_figure_columns():
    assert "地区及项目名称：小计；省级资金：1100万元" in rows_of(ALLOCATION)


def test_what_a_city_got_in_all_is_its_groups_subtotal(core):
    answer = core.answer("鹕阳市这次一共分到多少省级资金？")
    assert answer.found and "850万元" in answer.answer


def test_a_projects_total_investment_is_not_the_provincial_money_it_was_given(core):
    answer = core.answer("装备制造业招聘用工联合体项目的总投资是多少？")
    assert not answer.found


RANKING = """---
title: 鹩州市2025年度人力资源服务机构考核结果通报
published: 2026-02-10
publisher: 鹩州市人力资源和社会保障局
layout: official
---
各有关单位：

一、考核结果

序号　　机构名称　　得分　　等次　　奖励金额
1　　鹩州市人才发展集团有限公司*　　98.6　　A级　　—
2　　鹩州翠英人力资源服务有限公司　　97.2　　A级　　30万元
注：1. 标注“*”的机构为市属国有企业，不享受奖励资金。
"""


def test_a_row_marked_for_a_note_under_the_table_reads_with_that_note():
    rows = rows_of(RANKING)
    assert any(row.startswith("序号：1；") and "市属国有企业，不享受奖励资金" in row for row in rows)
    assert not any(row.startswith("序号：2；") and "国有企业" in row for row in rows)


def test_a_speech_under_its_speakers_line_says_who_spoke(core):
    answer = core.answer("在鹬平市试点推进会上讲话的是哪位领导？")
    assert answer.found and "祁振东" in answer.answer


def test_a_vice_mayor_named_in_a_question_is_no_place(core):
    answer = core.answer("祁副市长讲的“三个不够”具体指哪些？")
    assert answer.found and "不够" in answer.answer and "资料库里没有关于" not in answer.answer


def test_a_contact_line_naming_someone_beside_a_phone_names_the_contact_asked_for(core):
    answer = core.answer("负责中期评估和绩效评价的联系人是谁？")
    assert answer.found and "葛天翊" in answer.answer


def test_an_english_span_of_months_is_read_as_the_documents_write_it():
    from retrieval.glossary import english_spans

    assert english_spans("What happened in the first six months?") == ["前6个月"]
    assert english_spans("How much in the first half of the year?") == ["上半年"]


def test_an_english_question_on_the_first_months_finds_the_count_of_those_months(core):
    answer = core.answer("How many old residential compounds began renovation in the first four months?")
    assert answer.found and "5679" in answer.answer


def test_a_rank_of_cities_in_a_question_is_no_place(core):
    answer = core.answer("听说试点城市原则上只选副省级以上的城市？")
    assert answer.found and "地级及以上" in answer.answer


@pytest.mark.parametrize("question, county, not_county", [
    ("鹩州各县区试点任务完成率排名第一的是哪个", "鹭溪县", "鹂湖县"),  # 第一 is the line 「第1名」, not 「第10名」
    ("鹩州完成率排第三的是哪个县", "鹤西区", "鹭溪县"),
    ("鹩州各县区完成率排名最后一名是哪个", "鹂湖县", "鹭溪县"),  # the last line, not 「一名」 read as 「第1名」
])
def test_a_place_in_a_ranking_written_as_lines_is_the_line_of_that_place(core, question, county, not_county):
    answer = core.answer(question)
    assert answer.found and county in answer.answer and not_county not in answer.answer
