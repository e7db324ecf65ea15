"""The document library admins manage: add an uploaded file (txt, md, docx, pdf) with its metadata, remove one.

A document's id is its file name without the suffix; every id that comes from outside is checked against the one
rule in `retrieval.user_input` before any file is touched, and paths are verified to stay in the documents folder."""
from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from retrieval.ingest import (DOCUMENT_SUFFIXES, KnowledgeError, decode_text, parse_document, read_document,
                              split_articles)
from retrieval.models import Document
from retrieval.settings import DEFAULT_MAX_DOCUMENT_MB
from retrieval.user_input import DOC_ID_RULE, is_valid_doc_id

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
_ID_SAFE = re.compile(r"[^0-9a-z\u4e00-\u9fff_-]+")
_SPACED_OUT = re.compile(r"(?:[\u4e00-\u9fff] +){3}[\u4e00-\u9fff]")
SECONDS_PER_MB = 600  # embedding one MB of Chinese text with e5 on one CPU thread (~20 min for 2 MB)


class UploadRejected(KnowledgeError):
    """An upload that cannot become a document; the message says what to fix. Nothing was changed."""


class BadDocumentId(UploadRejected):
    """An id that breaks the id rule (a path, a wildcard, too long); nothing on disk was looked at."""


def check_doc_id(doc_id: str) -> str:
    """The id itself, or BadDocumentId saying the rule."""
    if not isinstance(doc_id, str) or not is_valid_doc_id(doc_id):
        raise BadDocumentId(f"文件 id {str(doc_id)[:80]!r} 不合规：{DOC_ID_RULE}（用 /docs 或 python -m retrieval docs list 查看 id）")
    return doc_id


def check_size(document: Document, max_mb: float = DEFAULT_MAX_DOCUMENT_MB) -> None:
    """KnowledgeError naming the file when its text is over the per-document limit (MAX_DOCUMENT_MB)."""
    mb = len(document.text.encode("utf-8")) / 1024 / 1024
    if mb > max_mb:
        raise KnowledgeError(f"{document.path.name}：正文 {mb:.1f} MB，超过单个文件上限 {max_mb:g} MB"
                             f"（嵌入约需 {mb * SECONDS_PER_MB / 60:.0f} 分钟）：请拆分成几个较小的文件")


@dataclass(frozen=True)
class Metadata:
    """What an admin says about a document when it has no front matter of its own."""

    title: str = ""
    published: str = ""
    publisher: str = ""
    origin: str = ""


def extract_text(filename: str, data: bytes) -> str:
    """Plain text of an uploaded file, or UploadRejected saying why not."""
    return _extract(filename, data)[0]


def _extract(filename: str, data: bytes) -> tuple[str, str]:
    """(text, layout): layout is "official" for a Word file whose headings are styled rather than numbered."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRejected(f"不支持的文件类型 {suffix or '（无扩展名）'}：请上传 .txt、.md、.docx 或 .pdf 文件")
    if not data:
        raise UploadRejected("文件是空的")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"文件太大（{len(data) / 1024 / 1024:.1f} MB），上限为 5 MB")
    if suffix in (".txt", ".md"):
        try:
            return decode_text(data), ""
        except ValueError as exc:
            raise UploadRejected(f"文本{exc}：请另存为 UTF-8 后再上传") from exc
    if suffix == ".docx":
        text, styled = _docx_text(data)
        return text, "official" if styled else ""
    return _pdf_text(data), ""


def _docx_text(data: bytes) -> tuple[str, bool]:
    from docx import Document as Docx

    from retrieval.docx_text import docx_text

    try:
        doc = Docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise UploadRejected("无法读取这个 .docx 文件（文件可能已损坏）") from exc
    text, styled = docx_text(doc)
    if not text.strip():
        raise UploadRejected("这个 .docx 文件里没有文字")
    return text, styled


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from retrieval.pdf_text import pdf_text

    try:
        pages = [_page_text(page) for page in PdfReader(io.BytesIO(data)).pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UploadRejected("无法读取这个 PDF 文件（文件可能已损坏或加密）") from exc
    text = pdf_text(pages)
    if not text:
        raise UploadRejected("这个 PDF 没有文字层（可能是扫描件）：请上传可复制文字的 PDF 或 .txt/.docx")
    return text


def _page_text(page) -> str:
    """A page's text with its layout (table cells apart), or plain where pypdf's layout mode fails on the page or
    spaces the characters of its lines out (「试 点 城 市」)."""
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except (ValueError, KeyError, IndexError, TypeError, ZeroDivisionError):
        text = ""
    return text if text.strip() and not _spaced_out(text) else page.extract_text() or ""


SPACED_OUT_SHARE = 0.3  # a letter-spaced masthead (「工 作 简 报」) is one line; a failed layout spaces out most


def _spaced_out(text: str) -> bool:
    """Whether pypdf's layout mode spaced out the characters of many of the page's lines."""
    lines = [line for line in text.split("\n") if line.strip()]
    return sum(bool(_SPACED_OUT.search(line)) for line in lines) > SPACED_OUT_SHARE * len(lines)


def document_file(text: str, meta: Metadata, *, layout: str = "") -> str:
    """The file content to store: the text's own front matter, or front matter made from `meta` (and `layout`:
    "official" makes the document model read it as an official document whatever its numbering)."""
    if text.lstrip("\ufeff").startswith("---"):
        return text
    if not meta.title or not meta.published:
        raise UploadRejected("缺少标题或发布日期：请在说明中写「标题 | YYYY-MM-DD」，或在文件开头加上 --- 文件头")
    try:
        published = date.fromisoformat(meta.published.strip())
    except ValueError as exc:
        raise UploadRejected(f"发布日期应为 YYYY-MM-DD，收到「{meta.published}」") from exc
    header = {"title": meta.title.strip(), "published": published.isoformat()}
    if meta.publisher:
        header["publisher"] = meta.publisher.strip()
    if meta.origin:
        header["origin"] = meta.origin.strip()
    if layout:
        header["layout"] = layout
    return "---\n" + yaml.safe_dump(header, allow_unicode=True, sort_keys=False) + "---\n" + text.strip() + "\n"


def add_document(documents_dir: Path, filename: str, data: bytes, meta: Metadata = Metadata(), *,
                 doc_id: str | None = None, max_mb: float = DEFAULT_MAX_DOCUMENT_MB) -> tuple[str, int]:
    """Validate an upload and store it as knowledge/documents/<id>.txt; returns (id, articles).
    An existing document with the same id is replaced."""
    if doc_id is not None:
        check_doc_id(doc_id)
    text, layout = _extract(filename, data)
    content = document_file(text, meta, layout=layout)
    doc_id = doc_id or _id_for(Path(filename).stem, documents_dir)
    try:
        document = parse_document(content, doc_id=doc_id)
        check_size(document, max_mb)
    except KnowledgeError as exc:
        raise UploadRejected(str(exc)) from exc
    articles = split_articles(document)
    if not articles:
        raise UploadRejected("文件里没有可用的正文")
    documents_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".md" if Path(filename).suffix.lower() == ".md" else ".txt"
    target = _inside(documents_dir, f"{doc_id}{suffix}")
    tmp = target.with_suffix(".uploading")
    tmp.write_text(content, encoding="utf-8")
    for other in _files_of(documents_dir, doc_id):  # same id, other suffix: the upload replaces it
        if other != target:
            other.unlink()
    tmp.replace(target)
    return doc_id, len(articles)


def remove_document(documents_dir: Path, doc_id: str) -> Path:
    """Move the document with exactly this id out of the library into documents_dir/../removed (kept)."""
    matches = _files_of(documents_dir, check_doc_id(doc_id))
    if not matches:
        raise KnowledgeError(f"没有 id 为 {doc_id} 的文件（用 /docs 或 python -m retrieval docs list 查看）")
    removed = documents_dir.parent / "removed"
    removed.mkdir(exist_ok=True)
    target = removed / matches[0].name
    matches[0].replace(target)
    return target


def list_documents(documents_dir: Path, *, max_mb: float = DEFAULT_MAX_DOCUMENT_MB) -> list[dict]:
    """id, title, date, article count and content hash of every document; a file that cannot be used is listed
    with its id, file name and `error` (what to fix) instead, so one bad file never hides the others."""
    if not documents_dir.is_dir():
        raise KnowledgeError(f"知识库目录不存在：{documents_dir}")
    out: list[dict] = []
    for path in sorted(p for p in documents_dir.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()):
        try:
            d = read_document(path)
            check_size(d, max_mb)
        except KnowledgeError as exc:
            out.append({"doc_id": path.stem, "file": path.name, "error": str(exc)})
            continue
        out.append({"doc_id": d.doc_id, "title": d.title, "published": d.published.isoformat(),
                    "articles": len(split_articles(d)), "hash": d.content_hash})
    return out


def _files_of(documents_dir: Path, doc_id: str) -> list[Path]:
    """The library files whose id is exactly `doc_id` (no patterns)."""
    return [p for p in (_inside(documents_dir, f"{doc_id}{s}") for s in DOCUMENT_SUFFIXES) if p.is_file()]


def _inside(documents_dir: Path, name: str) -> Path:
    """documents_dir/name, refusing anything that would resolve outside the documents folder."""
    path = documents_dir / name
    if path.parent.resolve() != documents_dir.resolve() or Path(name).name != name:
        raise BadDocumentId(f"文件 id 指向文件库以外：{name!r}")
    return path


def _id_for(stem: str, documents_dir: Path) -> str:
    base = _ID_SAFE.sub("-", stem.lower()).strip("-_")[:60] or "document"
    candidate, n = base, 2
    while documents_dir.is_dir() and _files_of(documents_dir, candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def load_folder(folder: Path, documents: Path) -> None:
    """A folder of documents loaded as an admin adds them (labelled question sets, benchmarks): text files copied,
    a .docx or .pdf uploaded with the title and date of its twin .txt, which holds only front matter."""
    uploads = {p.stem for p in folder.iterdir() if p.suffix.lower() in (".docx", ".pdf")}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".docx", ".pdf"):
            twin = path.with_suffix(".txt").read_text(encoding="utf-8")
            front = dict(re.findall(r"^(title|published):\s*(.+)$", twin, re.MULTILINE))
            add_document(documents, path.name, path.read_bytes(),
                         Metadata(title=front.get("title", ""), published=front.get("published", "")))
        elif path.stem not in uploads:
            shutil.copy(path, documents / path.name)
