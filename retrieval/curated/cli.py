"""`python -m retrieval curated add|list|remove`: curated answers from the shell, each change in the audit log."""
from __future__ import annotations

import argparse
import sys

from retrieval.audit import record_from_shell, shell_actor
from retrieval.curated import messages as msg
from retrieval.curated.check import CurationRejected, QuoteRejected, verify_quote
from retrieval.curated.edit import none_entry, passage_entry
from retrieval.curated.store import CuratedEntry, CuratedFile, curated_file
from retrieval.settings import CoreSettings


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add `curated` and its sub-commands to the CLI."""
    curated = sub.add_parser("curated", help="精选回答：把问题链接到文件原文，或确认资料中没有（knowledge/curated.yaml）")
    commands = curated.add_subparsers(dest="curated_command", required=True)
    add = commands.add_parser("add", help="添加一条精选回答")
    add.add_argument("--question", required=True, help="用户的问题")
    add.add_argument("--doc", dest="doc_id", help="文件 id（见 docs list）")
    add.add_argument("--quote", help="文件中逐字出现的原文")
    add.add_argument("--none", action="store_true", help="资料中确实没有答案")
    add.add_argument("--note", default="", help="与 --none 一起：用户看到的「管理员说明」")
    commands.add_parser("list", help="列出精选回答及其是否可用")
    remove = commands.add_parser("remove", help="删除一条精选回答")
    remove.add_argument("entry_id", metavar="ID")


def run(args: argparse.Namespace, settings: CoreSettings) -> int:
    """Run one `curated` sub-command; 2 with a message on stderr when it cannot be done."""
    file = curated_file(settings)
    if args.curated_command == "list":
        return _list(file, settings)
    if args.curated_command == "remove":
        return _remove(file, settings, args.entry_id)
    return _add(file, settings, args)


def _add(file: CuratedFile, settings: CoreSettings, args: argparse.Namespace) -> int:
    detail = f"question={args.question!r} " + ("none" if args.none else f"doc={args.doc_id!r} quote={args.quote!r}")
    try:
        if args.none:
            entry = none_entry(args.question, args.note, shell_actor())
        elif args.doc_id and args.quote:
            entry = passage_entry(settings.documents_dir, args.question, args.doc_id, args.quote, shell_actor())
        else:
            raise CurationRejected(msg.CLI_NEEDS_ONE)
        added = file.add(entry)
    except CurationRejected as exc:
        record_from_shell(settings.data_dir, "curated_add", ok=False, detail=detail, result=str(exc))
        raise
    record_from_shell(settings.data_dir, "curated_add", ok=True, detail=detail, result=added.id)
    print(msg.CLI_ADDED.format(id=added.id), file=sys.stderr)
    return 0


def _remove(file: CuratedFile, settings: CoreSettings, entry_id: str) -> int:
    try:
        removed = file.remove(entry_id)
    except KeyError as exc:
        record_from_shell(settings.data_dir, "curated_remove", ok=False, detail=entry_id, result=exc.args[0])
        print(f"错误：{exc.args[0]}", file=sys.stderr)
        return 2
    record_from_shell(settings.data_dir, "curated_remove", ok=True, detail=entry_id, result=removed.question)
    print(msg.CLI_REMOVED.format(id=entry_id), file=sys.stderr)
    return 0


def _list(file: CuratedFile, settings: CoreSettings) -> int:
    entries = file.read()
    if not entries:
        print(msg.CLI_EMPTY, file=sys.stderr)
    for entry in entries:
        state = _state(entry, settings)
        target = f"{msg.CLI_NONE}{'：' + entry.note if entry.note else ''}" if entry.none else \
            f"{entry.doc_id}「{entry.quote}」"
        print(f"{entry.id}\t{state}\t{entry.question}\t{target}")
    return 0


def _state(entry: CuratedEntry, settings: CoreSettings) -> str:
    """可用, or 失效 with the reason (checked against the documents on disk; the index is not opened)."""
    problem = entry.problem
    if not problem and not entry.none:
        try:
            verify_quote(settings.documents_dir, entry.doc_id, entry.quote)
        except QuoteRejected as exc:
            problem = str(exc)
    return msg.CLI_BROKEN.format(problem=problem) if problem else msg.CLI_OK
