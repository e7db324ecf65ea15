"""An admin runs `python -m retrieval deadlines --extract` to find dated duties to confirm into the registry."""
import json
import subprocess
import sys
from pathlib import Path

from retrieval.deadlines.cli import main

ROOT = Path(__file__).resolve().parents[2]

NEW_DOCUMENT = """---
title: 某部委通知解读
publisher: 新华社
published: 2025-12-20
---

# 关于做好年度评估工作的通知

各地应于1月10日前报送评估材料。年底前完成自评，2026年上半年前完成抽查。2027年开展总结，次年6月底前形成报告。试点期为3年左右。

# 老旧小区改造进展

各地9月底前完成改造计划。去年12月5日召开了部署会议。
"""


def run_json(capsys, *args: str) -> list[dict]:
    assert main(["--extract", "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_seed_yields_the_two_registered_deadlines(capsys):
    rows = run_json(capsys, "--documents", str(ROOT / "knowledge/documents"),
                    "--file", str(ROOT / "knowledge/deadlines.yaml"))
    assert [(r["expression"], r["due"], r["registered"]) for r in rows] == [
        ("7月18日前", "2025-07-18", "recommend-pilot-cities"),
        ("9月底前", "2025-09-30", "publish-implementation-plans"),
    ]
    assert rows[0]["sentence"].startswith("按照部署，7月18日前")


def test_with_all_the_pilot_duration_and_past_dates_are_listed_too(capsys):
    rows = run_json(capsys, "--all", "--documents", str(ROOT / "knowledge/documents"),
                    "--file", str(ROOT / "knowledge/deadlines.yaml"))
    durations = [r for r in rows if r["precision"] == "duration"]
    assert {"expression": "3年左右", "due": None} .items() <= next(
        r for r in durations if r["expression"] == "3年左右").items()
    past = next(r for r in rows if r["expression"] == "6月3日")
    assert (past["due"], past["is_deadline"]) == ("2025-06-03", False)


def test_edge_cases_resolve_against_their_own_article(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notice.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    rows = run_json(capsys, "--documents", str(tmp_path / "docs"), "--file", str(tmp_path / "none.yaml"))
    found = {r["expression"]: r for r in rows}
    assert found["1月10日前"]["due"] == "2026-01-10"  # no year, published in December: next January
    assert found["年底前"]["due"] == "2025-12-31"
    assert (found["2026年上半年前"]["due"], found["2026年上半年前"]["precision"]) == ("2026-06-30", "half_year")
    assert found["次年6月底前"]["due"] == "2028-06-30"
    other = found["9月底前"]
    assert (other["article_title"], other["due"], other["registered"]) == ("老旧小区改造进展", "2025-09-30", None)
    assert "去年12月5日" not in found  # a past date is not a deadline candidate


def test_a_date_in_another_article_is_not_taken_for_the_registered_one(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notice.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    rows = run_json(capsys, "--documents", str(tmp_path / "docs"), "--file", str(ROOT / "knowledge/deadlines.yaml"))
    assert not any(r["registered"] for r in rows)


def test_yaml_draft_lists_only_unregistered_deadlines_ready_to_edit(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notice.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    assert main(["--extract", "--yaml", "--documents", str(tmp_path / "docs"),
                 "--file", str(tmp_path / "none.yaml")]) == 0
    import yaml
    draft = yaml.safe_load(capsys.readouterr().out)["deadlines"]
    assert {"1月10日前", "年底前", "9月底前"} <= {d["expression"] for d in draft}
    assert all(d["quote"] and d["id"] == "TODO" for d in draft)


def test_a_malformed_registry_is_reported_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "deadlines.yaml"
    bad.write_text("deadlines:\n  - id: x\n", encoding="utf-8")
    assert main(["--file", str(bad)]) == 2
    assert "缺少字段" in capsys.readouterr().err


def test_the_command_line_prints_the_seed_candidates_with_their_sentences():
    out = subprocess.run([sys.executable, "-m", "retrieval", "deadlines", "--extract"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "7月18日前 → 2025-07-18" in out.stdout and "9月底前 → 2025-09-30" in out.stdout
    assert "试点城市需编制印发" in out.stdout
