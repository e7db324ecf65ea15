"""`python -m retrieval deadlines [--extract]`: list the registry, or propose candidates from the documents."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import yaml

from retrieval.deadlines import messages as msg
from retrieval.deadlines.registry import DeadlineFileError, days_left, load_deadlines, today_in_shanghai


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m retrieval deadlines",
                                description="时间节点登记表：查看，或从文件中提取候选时间节点")
    p.add_argument("--extract", action="store_true", help="从知识库文件中提取日期表述，供管理员确认后登记")
    p.add_argument("--all", action="store_true", help="与 --extract 同用：也列出普通日期和时长（默认只列截止类）")
    p.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    p.add_argument("--yaml", action="store_true", help="与 --extract 同用：输出未登记截止类候选的 YAML 草稿")
    p.add_argument("--file", type=Path, help="登记表路径（默认 KNOWLEDGE_DIR/deadlines.yaml）")
    p.add_argument("--documents", type=Path, help="文件目录（默认 KNOWLEDGE_DIR/documents）")
    p.add_argument("--today", type=date.fromisoformat, help="以 YYYY-MM-DD 代替今天（Asia/Shanghai）")
    return p


def main(argv: list[str]) -> int:
    """Run the command; errors go to stderr with exit code 2."""
    args = _parser().parse_args(argv)
    from retrieval.settings import get_settings
    from retrieval.ingest import KnowledgeError

    settings = get_settings()
    registry_path = args.file or settings.knowledge_dir / "deadlines.yaml"
    try:
        registry = load_deadlines(registry_path) if registry_path.exists() or not args.extract else []
        if args.extract:
            return _extract(args, registry, args.documents or settings.documents_dir, registry_path)
        return _list(args, registry, registry_path)
    except (DeadlineFileError, KnowledgeError) as exc:
        print(msg.ERROR.format(error=exc), file=sys.stderr)
        return 2


def _status(days: int) -> str:
    if days < 0:
        return msg.STATUS_PASSED.format(days=-days)
    return msg.STATUS_TODAY if days == 0 else msg.STATUS_LEFT.format(days=days)


def _list(args: argparse.Namespace, registry: list, path: Path) -> int:
    today = args.today or today_in_shanghai()
    ordered = sorted(registry, key=lambda d: (days_left(d, today) < 0, abs(days_left(d, today))))
    if args.json:
        for d in ordered:
            print(json.dumps({"id": d.id, "title": d.title, "due": d.due.isoformat(), "precision": d.precision,
                              "actors": list(d.actors), "days_left": days_left(d, today)}, ensure_ascii=False))
        return 0
    print(msg.REGISTRY_HEADER.format(path=path, today=today))
    if not ordered:
        print(msg.REGISTRY_EMPTY)
    for d in ordered:
        print(msg.REGISTRY_LINE.format(id=d.id, due=d.due, expression=d.expression or d.precision,
                                       status=_status(days_left(d, today)), title=d.title, actors=d.actors_text))
    return 0


def _extract(args: argparse.Namespace, registry: list, documents_dir: Path, registry_path: Path) -> int:
    from retrieval.deadlines.extract import article_candidates, propose_entry
    from retrieval.ingest import load_documents, split_articles

    candidates = [c for doc in load_documents(documents_dir) for article in split_articles(doc)
                  for c in article_candidates(article, registry)]
    shown = candidates if args.all else [c for c in candidates if c.mention.is_deadline]
    if args.json:
        for c in shown:
            print(json.dumps(c.to_json(), ensure_ascii=False))
        return 0
    if args.yaml:
        pending = [propose_entry(c) for c in shown if c.mention.is_deadline and not c.registered]
        print(yaml.safe_dump({"deadlines": pending}, allow_unicode=True, sort_keys=False), end="")
        return 0
    _print_candidates(shown)
    deadlines = [c for c in candidates if c.mention.is_deadline]
    registered = sum(1 for c in deadlines if c.registered)
    print(msg.EXTRACT_SUMMARY.format(total=len(candidates), deadlines=len(deadlines), registered=registered,
                                     pending=len(deadlines) - registered))
    print(msg.EXTRACT_HINT.format(path=registry_path))
    return 0


def _print_candidates(candidates: list) -> None:
    article = None
    for c in candidates:
        if c.article_id != article:
            article = c.article_id
            print(msg.EXTRACT_ARTICLE.format(title=c.article_title, published=c.published, article_id=c.article_id))
        m = c.mention
        if m.precision == "duration":
            mark, resolved = msg.EXTRACT_MARK_DURATION, msg.EXTRACT_DURATION
        else:
            mark = msg.EXTRACT_MARK_DEADLINE if m.is_deadline else msg.EXTRACT_MARK_DATE
            resolved = m.due.isoformat()
        registered = msg.EXTRACT_REGISTERED.format(id=c.registered) if c.registered else ""
        print(msg.EXTRACT_LINE.format(mark=mark, expression=m.expression, resolved=resolved,
                                      precision=m.precision, registered=registered, sentence=c.sentence))
