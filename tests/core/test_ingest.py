"""An admin's page becomes clean articles: layout breaks repaired, bylines kept out, chunks cited precisely."""
from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.ingest import (KnowledgeError, chunk_article, load_documents, parse_document, repair_layout,
                              split_articles, split_sentences)
from retrieval.settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "knowledge" / "documents" / "xinhua-2025-06-04.txt"


@pytest.fixture(scope="module")
def seed():
    return load_documents(SEED.parent)[0]


@pytest.fixture(scope="module")
def articles(seed):
    return split_articles(seed)


# Every place where the printed page broke a sentence across a blank line.
LAYOUT_BREAKS = [
    ("探索产业升", "级与就业促进相互联动的新路径"),
    ("推动将符合条件的项目", "列入就业和技能培训"),
    ("提供转岗培训和", "再就业服务"),
    ("每个节气又细分为三", "候，共计七十二候"),
    ("据介绍，2019年", "至2024年，全国累计开工改造老旧小区28万个"),
    ("住房城乡建设部将在完成", "“十四五”城镇老旧小区改造任务"),
]


@pytest.mark.parametrize("before,after", LAYOUT_BREAKS)
def test_sentence_broken_by_the_layout_is_joined_again(seed, before, after):
    paragraphs = repair_layout(seed.text)
    assert any(before + after in p for p in paragraphs)
    assert not any(p.endswith(before) for p in paragraphs)


def test_real_paragraph_ends_stay_apart(seed):
    paragraphs = repair_layout(seed.text)
    assert "试点工作有无时间表？" in paragraphs
    assert any(p.startswith("试点城市还将加强人力资源服务产业园建设") for p in paragraphs)
    assert "图说节令·芒种" in paragraphs and "国内国际简讯" in paragraphs


def test_page_splits_into_its_articles_and_briefs(articles):
    assert [a.title for a in articles] == [
        "促就业强产业！权威部门解析 人力资源服务业与制造业融合发展试点",
        "图说节令·芒种",
        "今年前4月全国新开工改造城镇老旧小区5679个",
        "中国海军长白山舰技术停靠文莱",
        "60多家中国企业亮相挪威海事展",
        "美国5月汽车销量暴跌",
        "联合国人道援助车队在苏丹西部遭袭致5人死亡",
        "金民锡被提名为韩国国务总理",
    ]
    assert {a.section for a in articles[3:]} == {"国内国际简讯"}


def test_bylines_and_datelines_are_metadata_not_answer_text(articles):
    text = "".join(p for a in articles for p in a.paragraphs)
    for line in ("□新华社记者", "新华社北京6月4日电", "均据新华社", "新华社发 王斌 作", "（记者 王优玲）"):
        assert line not in text
    assert articles[0].byline == "新华社记者 姜琳"
    assert articles[2].paragraphs[0].startswith("4日从住房城乡建设部获悉")


def test_every_chunk_carries_where_it_comes_from(articles):
    chunks = [c for a in articles for c in chunk_article(a)]
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    interview = [c for c in chunks if c.article_id == articles[0].article_id]
    deadline = next(c for c in interview if "7月18日前" in c.text)
    assert deadline.doc_id == "xinhua-2025-06-04"
    assert deadline.published == "2025-06-04"
    assert deadline.article_title == articles[0].title
    assert articles[0].paragraphs[deadline.paragraph].startswith(deadline.text)


def test_sentences_split_on_chinese_punctuation_and_keep_closing_quotes():
    text = "“我们联合三部门下发试点通知。”上述负责人表示。试点有何重点？"
    assert split_sentences(text) == ["“我们联合三部门下发试点通知。”", "上述负责人表示。", "试点有何重点？"]


def test_markdown_document_uses_headings_as_article_titles():
    doc = parse_document("---\ntitle: 通知\npublished: 2025-07-01\n---\n# 第一部分\n试点城市名单如下，请查收。\n"
                         "# 第二部分\n各地要抓好落实。\n", doc_id="notice")
    assert [a.title for a in split_articles(doc)] == ["第一部分", "第二部分"]


def test_document_without_headings_is_one_article_titled_by_its_metadata():
    doc = parse_document("---\ntitle: 某省实施方案\npublished: 2025-09-20\n---\n第一条，明确目标。第二条，压实责任。\n",
                         doc_id="plan")
    [article] = split_articles(doc)
    assert article.title == "某省实施方案" and article.published.isoformat() == "2025-09-20"


@pytest.mark.parametrize("headline,title", [
    ("南坪市召开两业融合试点推进会\n首批签约项目12个", "南坪市召开两业融合试点推进会 首批签约项目12个"),
    ("让人力资源服务扎进产业链\n——访南坪市人社局局长周远", "让人力资源服务扎进产业链 ——访南坪市人社局局长周远"),
])
def test_a_two_line_news_headline_is_one_title_so_the_citation_names_the_city(headline, title):
    doc = parse_document(f"---\ntitle: 南坪日报\npublished: 2025-10-28\n---\n{headline}\n\n本报记者　林晓\n\n"
                         "推进会上，南坪市发布制造业岗位3000个。\n", doc_id="news")
    [article] = split_articles(doc)
    assert article.title == title and article.section == ""


def test_a_signed_news_report_keeps_its_intertitles_and_masthead_inside_one_article():
    doc = parse_document("---\ntitle: 南坪日报\npublished: 2026-04-17\n---\n南坪日报　2026年4月17日　第3版　经济新闻\n\n"
                         "人才活水润“智”造\n——南坪市推进两业融合试点见闻\n\n本报记者　唐思\n\n"
                         "开春以来，南坪市人力资源服务机构走进园区。\n\n“联合体”破解招工难\n\n"
                         "南坪市组建招聘用工联合体8个。\n\n“培训中心”对接产线\n\n全市建成跨企业培训中心3个。\n",
                         doc_id="news")
    [article] = split_articles(doc)
    chunks = chunk_article(article)
    assert article.title == "人才活水润“智”造 ——南坪市推进两业融合试点见闻"
    assert [(c.section, c.text) for c in chunks if c.kind != "meta"] == [
        ("", "开春以来，南坪市人力资源服务机构走进园区。"), ("“联合体”破解招工难", "南坪市组建招聘用工联合体8个。"),
        ("“培训中心”对接产线", "全市建成跨企业培训中心3个。")]
    assert ("电头", "南坪日报　2026年4月17日　第3版　经济新闻") in article.metadata_lines


def test_a_short_column_name_over_briefs_stays_their_section(articles):
    briefs = [a for a in articles if a.section]
    assert briefs and {a.section for a in briefs} == {"国内国际简讯"}


@pytest.mark.parametrize("raw,complaint", [
    ("正文但没有文件头。", "缺少文件头"),
    ("---\ntitle: 通知\n---\n正文。", "published"),
    ("---\npublished: 2025-01-01\n---\n正文。", "title"),
    ("---\ntitle: 通知\npublished: 六月四日\n---\n正文。", "YYYY-MM-DD"),
    ("---\ntitle: 通知\npublished: 2025-01-01\n---\n   \n", "正文为空"),
    ("---\ntitle: [unclosed\n---\n正文。", "YAML"),
])
def test_a_knowledge_file_with_bad_metadata_is_refused_with_what_to_fix(raw, complaint):
    with pytest.raises(KnowledgeError, match=complaint):
        parse_document(raw, doc_id="bad")


def test_a_file_saved_as_gbk_by_chinese_windows_is_read(tmp_path: Path):
    (tmp_path / "gbk.txt").write_bytes("---\ntitle: 通知\npublished: 2025-01-01\n---\n各地要抓好落实。".encode("gbk"))
    [document] = load_documents(tmp_path)
    assert document.title == "通知" and "各地要抓好落实。" in document.text


def test_a_file_that_is_neither_utf8_nor_gbk_is_refused(tmp_path: Path):
    (tmp_path / "utf16.txt").write_bytes("---\ntitle: 通知\npublished: 2025-01-01\n---\n正文。".encode("utf-16"))
    with pytest.raises(KnowledgeError, match="UTF-8"):
        load_documents(tmp_path)
