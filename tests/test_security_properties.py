"""Property tests (hypothesis): random Unicode, control characters, lone surrogates and huge inputs given to
`ask`, ingestion, document ids and the chat handlers always get a reply or a KnowledgeError, never an exception."""
from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval.ingest import KnowledgeError, chunk_article, parse_document, split_articles
from retrieval.library import Metadata, UploadRejected, add_document, remove_document
from retrieval.models import Answer
from retrieval.user_input import MAX_QUESTION_CHARS, clean_text, is_valid_doc_id
from tests.fakes.telegram import shown

# Any code point, surrogates and control characters included, biased towards the tricky ones.
TRICKY = st.sampled_from(["\udcff", "\ud800", "\x00", "\x1b", "\u202e", "\u200b", "\ufeff", "\r\n", "---", "？",
                          "㍿", "\n\n", "●", "#", ":", "'", "{", "[", "试点", "2025-13-45"])
ANY_TEXT = st.lists(st.one_of(st.text(st.characters(codec=None), max_size=20), TRICKY), max_size=12).map("".join)
HUGE = st.integers(1, 4).map(lambda n: "试点城市要具备什么条件？\udcff\x00" * (n * 2000))
QUESTIONS = st.one_of(ANY_TEXT, HUGE)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(ANY_TEXT)
def test_clean_text_is_valid_utf8_without_controls_and_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    cleaned.encode("utf-8")  # no lone surrogates left
    assert not [ch for ch in cleaned if unicodedata.category(ch) in ("Cc", "Cs")]
    assert "  " not in cleaned and cleaned == cleaned.strip() and clean_text(cleaned) == cleaned


@FAST
@given(QUESTIONS)
def test_ask_always_answers(assistant, text: str) -> None:
    result = assistant.answer(text)
    assert isinstance(result, Answer) and result.answer
    if len(text) > 3 * MAX_QUESTION_CHARS:
        assert "请精简" in result.answer


FRONT_MATTER = st.fixed_dictionaries({}, optional={
    "title": st.one_of(ANY_TEXT, st.integers(), st.lists(st.text(max_size=5), max_size=2), st.none()),
    "published": st.one_of(st.dates().map(str), ANY_TEXT, st.just("2025-13-45"), st.integers()),
    "publisher": st.one_of(ANY_TEXT, st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2)),
})


def front_matter(meta: dict) -> str:
    import yaml

    return yaml.safe_dump(meta, allow_unicode=True)


@FAST
@given(st.one_of(ANY_TEXT, FRONT_MATTER.map(front_matter)), ANY_TEXT)
def test_ingestion_gives_a_document_or_a_knowledge_error(header: str, body: str) -> None:
    raw = f"---\n{header}\n---\n{body}"
    try:
        document = parse_document(raw, doc_id="doc")
    except KnowledgeError as exc:
        assert str(exc).startswith("doc：")  # names the file
        return
    for article in split_articles(document):
        chunk_article(article)


@FAST
@given(data=st.binary(max_size=300), title=ANY_TEXT, published=ANY_TEXT, doc_id=st.one_of(st.none(), ANY_TEXT))
def test_uploads_of_anything_are_stored_inside_or_refused(tmp_path: Path, data: bytes, title: str, published: str,
                                                         doc_id: str | None) -> None:
    folder = tmp_path / "library" / "documents"
    try:
        stored, _ = add_document(folder, "upload.txt", data, Metadata(title, published), doc_id=doc_id)
    except UploadRejected:
        return
    assert is_valid_doc_id(stored) and (folder / f"{stored}.txt").is_file()
    assert sorted(p.name for p in (tmp_path / "library").iterdir()) == ["documents"]


@FAST
@given(ANY_TEXT)
def test_removing_any_id_stays_inside_the_library(tmp_path: Path, doc_id: str) -> None:
    folder = tmp_path / "lib" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    try:
        moved = remove_document(folder, doc_id)
    except KnowledgeError:
        moved = None
    assert (tmp_path / "secret.txt").exists() and moved is None


CHATS = itertools.count(60_000)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(ANY_TEXT.filter(lambda t: t.strip()), HUGE), min_size=1, max_size=5))
async def test_every_chat_message_gets_a_reply(tg, bot, texts: list[str]) -> None:
    chats = [next(CHATS) for _ in texts]  # one chat each: no follow-ups, no flood limit
    since = len(tg.calls)
    for chat, text in zip(chats, texts):
        tg.send(chat, text)
    for chat in chats:
        assert shown(await tg.reply(chat, since=since, timeout=30))
    assert not [c for c in tg.calls[since:] if c.method == "sendMessage" and "内部错误" in str(c.params)]


@pytest.mark.parametrize("doc_id", ["xinhua-2025-06-04", "方案", "a.b_c-1", "0" * 64])
def test_ordinary_ids_are_valid(doc_id: str) -> None:
    assert is_valid_doc_id(doc_id)


@pytest.mark.parametrize("doc_id", ["", "..", "a..b", "../x", "a/b", "a\\b", "*", "a*", "?", "[a]", "A", ".x",
                                    "-x", "0" * 65, "a b", "a\x00", "\udcff"])
def test_paths_patterns_and_odd_ids_are_not(doc_id: str) -> None:
    assert not is_valid_doc_id(doc_id)
