"""The document library admins manage: add an uploaded file (txt, md, docx, pdf) with its metadata, remove one."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from retrieval.ingest import KnowledgeError, load_documents, parse_document, split_articles

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
_ID_SAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")


class UploadRejected(KnowledgeError):
    """An upload that cannot become a document; the message says what to fix. Nothing was changed."""


@dataclass(frozen=True)
class Metadata:
    """What an admin says about a document when it has no front matter of its own."""

    title: str = ""
    published: str = ""
    publisher: str = ""
    origin: str = ""


def extract_text(filename: str, data: bytes) -> str:
    """Plain text of an uploaded file, or UploadRejected saying why not."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRejected(f"不支持的文件类型 {suffix or '（无扩展名）'}：请上传 .txt、.md、.docx 或 .pdf 文件")
    if not data:
        raise UploadRejected("文件是空的")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"文件太大（{len(data) / 1024 / 1024:.1f} MB），上限为 5 MB")
    if suffix in (".txt", ".md"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UploadRejected("文本不是 UTF-8 编码：请另存为 UTF-8 后再上传") from exc
    if suffix == ".docx":
        return _docx_text(data)
    return _pdf_text(data)


def _docx_text(data: bytes) -> str:
    from docx import Document as Docx

    try:
        doc = Docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise UploadRejected("无法读取这个 .docx 文件（文件可能已损坏）") from exc
    return "\n\n".join(p.text.strip() for p in doc.paragraphs if p.text.strip())


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UploadRejected("无法读取这个 PDF 文件（文件可能已损坏或加密）") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise UploadRejected("这个 PDF 没有文字层（可能是扫描件）：请上传可复制文字的 PDF 或 .txt/.docx")
    return text


def document_file(text: str, meta: Metadata) -> str:
    """The file content to store: the text's own front matter, or front matter made from `meta`."""
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
    return "---\n" + yaml.safe_dump(header, allow_unicode=True, sort_keys=False) + "---\n" + text.strip() + "\n"


def add_document(documents_dir: Path, filename: str, data: bytes, meta: Metadata = Metadata(), *,
                 doc_id: str | None = None) -> tuple[str, int]:
    """Validate an upload and store it as knowledge/documents/<id>.txt; returns (id, articles)."""
    text = extract_text(filename, data)
    content = document_file(text, meta)
    doc_id = doc_id or _id_for(Path(filename).stem, documents_dir)
    try:
        document = parse_document(content, doc_id=doc_id)
    except KnowledgeError as exc:
        raise UploadRejected(str(exc)) from exc
    articles = split_articles(document)
    if not articles:
        raise UploadRejected("文件里没有可用的正文")
    documents_dir.mkdir(parents=True, exist_ok=True)
    target = documents_dir / f"{doc_id}.md" if Path(filename).suffix.lower() == ".md" else documents_dir / f"{doc_id}.txt"
    tmp = target.with_suffix(".uploading")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(target)
    return doc_id, len(articles)


def remove_document(documents_dir: Path, doc_id: str) -> Path:
    """Move a document out of the library into documents_dir/../removed (kept, not deleted)."""
    matches = [p for p in documents_dir.glob(f"{doc_id}.*") if p.suffix in (".txt", ".md")]
    if not matches:
        raise KnowledgeError(f"没有 id 为 {doc_id} 的文件（用 /docs 或 python -m retrieval docs list 查看）")
    removed = documents_dir.parent / "removed"
    removed.mkdir(exist_ok=True)
    target = removed / matches[0].name
    matches[0].replace(target)
    return target


def list_documents(documents_dir: Path) -> list[dict]:
    """id, title, date and article count of every document."""
    return [{"doc_id": d.doc_id, "title": d.title, "published": d.published.isoformat(),
             "articles": len(split_articles(d))} for d in load_documents(documents_dir)]


def _id_for(stem: str, documents_dir: Path) -> str:
    base = _ID_SAFE.sub("-", stem).strip("-")[:60] or "document"
    candidate, n = base, 2
    while any(documents_dir.glob(f"{candidate}.*")):
        candidate, n = f"{base}-{n}", n + 1
    return candidate
