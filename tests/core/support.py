"""Helpers for the core's tests: settings in a temporary data folder and the question-set scorer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from retrieval.ingest import chunk_article, parse_document, split_articles
from retrieval.settings import PROJECT_ROOT, CoreSettings

DATA = Path(__file__).parents[1] / "data"

# A later article that names the selected cities: it must win over the seed's "30个左右".
NEWER = """---
title: 人社部等四部门确定首批融合发展试点城市
published: 2025-10-15
publisher: 新华社
---
人社部等四部门确定首批融合发展试点城市

记者15日从人力资源社会保障部获悉，经专家评审，人力资源社会保障部等四部门确定32个城市为首批人力资源服务业与制造业融合发展试点城市，试点期为3年。
"""


def core_settings(data_dir: Path, **env: str) -> CoreSettings:
    """Settings as the environment would give them, with BOT_DATA_DIR in a temporary folder."""
    return CoreSettings(_env_file=None, BOT_DATA_DIR=str(data_dir), **env)


def run_cli(*args: str, data_dir: Path, env: dict[str, str] | None = None, stdin: str | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess:
    """Run `python -m retrieval ...` as a user would, in the project folder."""
    full_env = {**os.environ, "BOT_DATA_DIR": str(data_dir), **(env or {})}
    for key in ("CHROMA_HOST", "CHROMA_PORT", "LLM_BASE_URL", "LLM_MODEL", "EMBEDDER"):
        if env is None or key not in env:
            full_env.pop(key, None)
    return subprocess.run([sys.executable, "-m", "retrieval", *args], cwd=PROJECT_ROOT, env=full_env,
                          input=stdin, capture_output=True, text=True, timeout=timeout)


def load_questions(name: str) -> list[dict]:
    """A question set from tests/data."""
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def judge(question: dict, answer: dict) -> bool:
    """Same rule as the team's scorer: expected phrases present for answerable, found=false otherwise."""
    if not question["answerable"]:
        return answer["found"] is False
    text = answer["answer"].lower()
    return (answer["found"] is True and len(answer["answer"]) <= 500
            and all(any(alt.lower() in text for alt in group) for group in question.get("expect", [])))


def attributed(question: dict, answer: dict) -> bool:
    """The first source is the article the question is about."""
    return bool(answer["sources"]) and question.get("source", "") in answer["sources"][0]["title"]


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real .docx with these paragraphs."""
    import io

    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def copy_knowledge(root: Path) -> Path:
    """root/knowledge: a copy of the project's knowledge folder without the calibration sets."""
    import shutil

    target = root / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", target, ignore=shutil.ignore_patterns("calibration"))
    return target


def load_calibration_questions(name: str) -> list[dict]:
    """The labelled questions of one calibration set in knowledge/calibration."""
    path = PROJECT_ROOT / "knowledge" / "calibration" / name / "questions.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_held_out(question_id: str) -> bool:
    """True for the questions calibration keeps out of every fit."""
    from retrieval.calibrate import is_held_out as held

    return held(question_id)


PLAN_TITLE = "青川市人力资源服务业与制造业融合发展试点实施方案"
TIMETABLE = [("时间节点", "工作内容"), ("8月15日17:00前", "各区县报送试点项目清单"),
             ("9月10日前", "市人社局组织完成项目评审"), ("9月底前", "市政府印发试点项目名单")]


def plan_docx_bytes() -> bytes:
    """A city's plan as Word writes it: Title and Heading styles without numbering, an automatically numbered
    list of targets, and a timetable table between two paragraphs."""
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph(PLAN_TITLE, style="Title")
    doc.add_paragraph("各区县人民政府，市直各部门：")
    doc.add_paragraph("为推动人力资源服务业与制造业深度融合，经市政府同意，制定本方案。")
    doc.add_heading("工作目标", level=1)
    doc.add_paragraph("到2027年底，全市实现以下目标：")
    doc.add_paragraph("培育面向制造业的专业人力资源服务机构45家以上；", style="List Number")
    doc.add_paragraph("建设跨企业培训中心6个；", style="List Number")
    doc.add_paragraph("新增制造业技能人才2万人。", style="List Number")
    doc.add_heading("时间安排", level=1)
    doc.add_paragraph("试点项目按以下时间推进：")
    table = doc.add_table(rows=len(TIMETABLE), cols=2)
    for r, cells in enumerate(TIMETABLE):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    doc.add_paragraph("逾期未报送的区县，不再纳入本年度试点项目。")
    doc.add_heading("支持措施", level=1)
    doc.add_heading("资金支持", level=2)
    doc.add_paragraph("市财政每年安排试点专项资金2000万元，对新认定的招聘用工联合体给予一次性奖补40万元。")
    doc.add_paragraph("用地保障", style=_wps_heading(doc, "标题 2"))
    doc.add_paragraph("人力资源服务产业园建设用地纳入年度用地计划优先保障。")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _wps_heading(doc, name: str):
    """A heading style named as WPS and Chinese Word save it (「标题 2」) rather than Heading 2."""
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = True
    return style


NOTICE_TITLE = "南屏省人力资源和社会保障厅关于做好融合发展试点城市推荐工作的通知"
NOTICE_LINES = [
    "各设区市人力资源社会保障局：",
    "为做好我省人力资源服务业与制造业融合发展试点城市推荐工作，现将有关事项通知如下。",
    "一、推荐条件",
    "（一）产业基础。申报城市2024年规模以上工业增加值不低于600亿元，经营性人力资源服务机构不少于120家，"
    "并已建成市级人力资源服务产业园。",
    "（二）配套政策。申报城市应承诺安排市级配套资金，并在用地、融资、人才引进等方面出台支持政策。",
    "二、推荐程序",
    "（一）城市申报。各设区市人力资源社会保障局会同有关部门编制申报材料，经市政府同意后报送省人力资源社会保障厅。",
    "（二）省级评审。省人力资源社会保障厅组织专家评审，择优确定推荐城市，我省推荐城市原则上不超过3个。",
    "三、时间安排",
    "各环节时间安排如下：",
]
NOTICE_TIMETABLE = [("7月10日前", "各设区市报送申报材料"), ("7月18日前", "省人力资源社会保障厅报送推荐城市")]


def notice_pdf_bytes() -> bytes:
    """A province's notice as a PDF with a Chinese text layer: numbered headings, paragraphs the page wraps, a
    timetable table and page numbers. Drawn with reportlab's built-in CID font STSong-Light (no font file needed)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=26, alignment=1)

    def page_number(canvas, doc) -> None:
        canvas.setFont("STSong-Light", 10)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    flow = [Paragraph(NOTICE_TITLE, title)] + [Paragraph(line, body) for line in NOTICE_LINES]
    flow.append(Table([[Paragraph(cell, body) for cell in row] for row in NOTICE_TIMETABLE], colWidths=[120, 300]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(flow, onFirstPage=page_number, onLaterPages=page_number)
    return buf.getvalue()


def rows_of(text: str) -> list[str]:
    """The table rows of a one-article document, as the index reads them."""
    [article] = split_articles(parse_document(text, doc_id="doc"))
    return [c.text for c in chunk_article(article) if c.kind == "row"]
