"""`python -m retrieval build` and `python -m retrieval ask` (the contract scripts rely on)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date

from retrieval.curated import cli as curated_cli
from retrieval.curated.store import CuratedFileError
from retrieval.embedders import EmbedderUnavailable
from retrieval.index import IndexProblem
from retrieval.ingest import KnowledgeError
from retrieval.user_input import clean_text, replace_surrogates

log = logging.getLogger("retrieval")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m retrieval", description="政策问答核心：建索引、提问")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="从 knowledge/ 重建索引（带进度条）")
    sub.add_parser("rollback", help="回退到上一版索引")
    cal = sub.add_parser("calibrate", help="用已标注的问题重新拟合答题决策模型（knowledge/calibration）")
    cal.add_argument("--sets", help="标注集目录（默认 knowledge/calibration）")
    docs = sub.add_parser("docs", help="管理 knowledge/documents 中的文件")
    docs_sub = docs.add_subparsers(dest="docs_command", required=True)
    docs_sub.add_parser("list", help="列出文件")
    add = docs_sub.add_parser("add", help="添加文件（.txt/.md/.docx/.pdf），之后需 build")
    add.add_argument("file")
    add.add_argument("--title", default="")
    add.add_argument("--published", default="", help="YYYY-MM-DD")
    add.add_argument("--publisher", default="")
    add.add_argument("--origin", default="")
    add.add_argument("--id", dest="doc_id", help="文件 id（同 id 则替换）")
    remove = docs_sub.add_parser("remove", help="移除文件（移到 knowledge/removed），之后需 build")
    remove.add_argument("doc_id")
    curated_cli.add_parser(sub)
    ask = sub.add_parser("ask", help="提问（没有索引时先建索引）")
    ask.add_argument("question", nargs="?", help="问题文本")
    ask.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    ask.add_argument("--jsonl", metavar="FILE", help="逐行读取 {id, question}，逐行输出 JSON")
    ask.add_argument("--today", type=date.fromisoformat, help="以 YYYY-MM-DD 代替今天（测试用）")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors go to stderr with a non-zero exit, stdout carries only answers."""
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build()
        if args.command == "rollback":
            return _rollback()
        if args.command == "calibrate":
            return _calibrate(args)
        if args.command == "docs":
            return _docs(args)
        if args.command == "curated":
            from retrieval.settings import get_settings

            return curated_cli.run(args, get_settings())
        return _ask(args)
    except (KnowledgeError, IndexProblem, EmbedderUnavailable, CuratedFileError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


def _build() -> int:
    from retrieval.embedders import make_embedder
    from retrieval.rebuild import rebuild_index
    from retrieval.settings import get_settings

    settings = get_settings()
    r = rebuild_index(settings, make_embedder(settings.embedder), progress=True)
    print(f"索引已建立：{r.info.collection}（{r.documents} 个文件，{r.chunks} 个文本块，新嵌入 {r.embedded}，"
          f"复用 {r.reused}，嵌入模型 {r.info.embedder}，用时 {r.seconds:.1f} 秒）", file=sys.stderr)
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from retrieval.calibrate import calibrate, format_report
    from retrieval.decision import model_path
    from retrieval.embedders import make_embedder
    from retrieval.settings import get_settings

    settings = get_settings()
    sets = Path(args.sets) if args.sets else settings.knowledge_dir / "calibration"
    if not sets.is_dir():
        print(f"错误：标注集目录不存在：{sets}", file=sys.stderr)
        return 2
    embedder = make_embedder(settings.embedder)
    model = calibrate(settings, embedder, sets)
    print(format_report(model.report))
    print(f"阈值 {model.threshold:.2f}；模型已写入 {model_path(settings.knowledge_dir, embedder.name)}", file=sys.stderr)
    return 0


def _rollback() -> int:
    from retrieval.rebuild import rollback_index
    from retrieval.settings import get_settings

    info = rollback_index(get_settings())
    print(f"已回退到索引 {info.collection}", file=sys.stderr)
    return 0


def _docs(args: argparse.Namespace) -> int:
    from pathlib import Path

    from retrieval.library import Metadata, add_document, list_documents, remove_document
    from retrieval.settings import get_settings

    settings = get_settings()
    folder = settings.documents_dir
    if args.docs_command == "list":
        documents = list_documents(folder, max_mb=settings.max_document_mb)
        for d in documents:
            if "error" in d:
                print(f"{d['doc_id']}\t无法使用\t{d['error']}")
            else:
                print(f"{d['doc_id']}\t{d['published']}\t{d['articles']} 篇\t{d['title']}")
        return 2 if any("error" in d for d in documents) else 0
    if args.docs_command == "remove":
        moved = remove_document(folder, args.doc_id)
        print(f"已移除 {args.doc_id}（移到 {moved}）；运行 python -m retrieval build 使其生效", file=sys.stderr)
        return 0
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"错误：无法读取 {path}：{exc}", file=sys.stderr)
        return 2
    meta = Metadata(args.title, args.published, args.publisher, args.origin)
    doc_id, articles = add_document(folder, path.name, data, meta, doc_id=args.doc_id,
                                    max_mb=settings.max_document_mb)
    print(f"已添加 {doc_id}（{articles} 篇文章）；运行 python -m retrieval build 使其生效", file=sys.stderr)
    return 0


def _ask(args: argparse.Namespace) -> int:
    if not args.jsonl and args.question is None:
        print("错误：请给出问题，例如 python -m retrieval ask \"试点城市需要具备哪些条件？\"", file=sys.stderr)
        return 2
    from retrieval.service import Assistant

    assistant = Assistant.open(progress=True)
    if args.jsonl:
        return _ask_file(assistant, args.jsonl, args.today)
    result = assistant.answer(clean_text(args.question), today=args.today)  # argv may carry undecodable bytes
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(result.answer)
    return 0


def _ask_file(assistant, path: str, today: date | None) -> int:
    """Answer each `{id, question}` line; a line that cannot be read or answered gets one error line on stderr
    and the others are still answered (exit 1 then)."""
    try:
        handle = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        print(f"错误：无法读取 {path}：{exc}", file=sys.stderr)
        return 2
    bad = 0
    with handle:
        for n, raw in enumerate(handle, 1):
            problem = _answer_line(assistant, raw, today)
            if problem:
                print(f"第 {n} 行{problem}，已跳过", file=sys.stderr)
                bad += 1
    return 1 if bad else 0


def _answer_line(assistant, raw: bytes, today: date | None) -> str | None:
    """Print the answer to one JSON line; returns what was wrong with the line instead, if anything."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "不是 UTF-8 文本"
    if not line.strip():
        return None
    try:
        item = json.loads(line)
        question = item["question"]
    except (json.JSONDecodeError, KeyError, TypeError, RecursionError):
        return "不是含 question 字段的 JSON"
    item_id = item.get("id")
    try:
        result = assistant.answer(clean_text(str(question)), today=today)
    except Exception as exc:  # noqa: BLE001 - one bad line never stops the batch
        log.error("line with id %a could not be answered: %s: %s", item_id, type(exc).__name__, exc)
        return f"无法回答（{type(exc).__name__}）"
    print(replace_surrogates(json.dumps({"id": item_id, **result.to_json()}, ensure_ascii=False)), flush=True)
    return None
