"""`python -m retrieval build` and `python -m retrieval ask` (the contract scripts rely on)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date

from retrieval.embedders import EmbedderUnavailable
from retrieval.index import IndexProblem
from retrieval.ingest import KnowledgeError

log = logging.getLogger("retrieval")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m retrieval", description="政策问答核心：建索引、提问")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="从 knowledge/ 重建索引（带进度条）")
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
        return _ask(args)
    except (KnowledgeError, IndexProblem, EmbedderUnavailable) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


def _build() -> int:
    from retrieval.embedders import make_embedder
    from retrieval.index import build_index
    from retrieval.settings import get_settings

    settings = get_settings()
    info = build_index(settings, make_embedder(settings.embedder), progress=True)
    print(f"索引已建立：{info.collection}（{len(info.documents)} 个文件，嵌入模型 {info.embedder}）", file=sys.stderr)
    return 0


def _ask(args: argparse.Namespace) -> int:
    if not args.jsonl and args.question is None:
        print("错误：请给出问题，例如 python -m retrieval ask \"试点城市需要具备哪些条件？\"", file=sys.stderr)
        return 2
    from retrieval.service import Assistant

    assistant = Assistant.open(progress=True)
    if args.jsonl:
        return _ask_file(assistant, args.jsonl, args.today)
    result = assistant.answer(args.question, today=args.today)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(result.answer)
    return 0


def _ask_file(assistant, path: str, today: date | None) -> int:
    try:
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        print(f"错误：无法读取 {path}：{exc}", file=sys.stderr)
        return 2
    bad = 0
    with handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question = item["question"]
            except (json.JSONDecodeError, KeyError, TypeError):
                print(f"第 {n} 行不是含 question 字段的 JSON，已跳过", file=sys.stderr)
                bad += 1
                continue
            out = {"id": item.get("id"), **assistant.answer(str(question), today=today).to_json()}
            print(json.dumps(out, ensure_ascii=False), flush=True)
    return 1 if bad else 0
