"""A corpus for the audit tests: the seeds, generated notices (tests/synth.py), broken files.

``build(folder, generated=N)`` writes it and returns what a reader knows of it: how many
inputs there are and which status each broken one must get.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from synth import notices

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PAGE = ROOT / "tests" / "data" / "div_layout_utf8.html"
#: a text that is no rectification notice (a weather report, in our own words)
NEWS = ("本市今日天气\n\n今天白天多云转晴，最高气温二十六度，夜间有小雨。气象台提醒市民出行注意安全，"
        "携带雨具。明天气温略有下降，适宜户外活动。\n")


def generated(n: int) -> list[str]:
    """*n* notices drawn from the synth strategy, the same every run."""
    out: list[str] = []

    @settings(max_examples=n, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(notices())
    def draw(case):
        out.append(case[0])

    draw()
    return out[:n]


def build(folder: Path, generated_count: int) -> dict:
    """Write the corpus into *folder*/in; return the expected statuses of the odd inputs."""
    src = folder / "in"
    pages = src / "pages"
    pages.mkdir(parents=True)
    for s in SEEDS:
        shutil.copy(s, src / s.name)
    # saved web pages under names a scraper gives them
    shutil.copy(PAGE, pages / "index")           # no extension
    shutil.copy(PAGE, pages / "show.jsp")
    (pages / "~$draft.docx").write_bytes(b"lock")  # Word's lock file: skipped
    (pages / "logo").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # not a page: skipped
    # broken files: rows, never a failed run
    broken = src / "broken"
    broken.mkdir()
    (broken / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (broken / "empty.txt").write_bytes(b"")
    (broken / "fake.docx").write_bytes(b"this is not a Word document")
    (broken / "news.txt").write_text(NEWS, encoding="utf-8")
    corpus = src / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i, text in enumerate(generated(generated_count)):
            rec = {"id": f"g{i:04d}", "url": f"https://example.org/notice/{i}.html"}
            if i % 10 == 3:  # some records carry the page, not the text
                body = "".join(f"<p>{line}</p>" for line in text.splitlines())
                rec["html"] = f"<html><body><div class='content'>{body}</div></body></html>"
            else:
                rec["text"] = text
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        f.write("{not json\n")
        f.write(json.dumps({"id": "no-text", "url": "https://example.org/x"}) + "\n")
    expected = {
        str(broken / "binary.txt"): "unreadable",
        str(broken / "empty.txt"): "unreadable",
        str(broken / "fake.docx"): "unreadable",
        str(broken / "news.txt"): "not-a-notice",
        (str(corpus), "#%d" % (generated_count + 1)): "unreadable",
        (str(corpus), "no-text"): "unreadable",
    }
    return {"in": src, "corpus": corpus, "inputs": len(SEEDS) + 2 + 4 + generated_count + 2,
            "expected": expected, "pages": [pages / "index", pages / "show.jsp"]}
