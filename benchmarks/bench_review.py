"""Review and serve benchmark (not a test: these machines are shared and noisy).

    python benchmarks/bench_review.py [--repeat N]

Prints medians over N runs of:
- `review` of seed 002 as a Word draft (auto-numbered headings), in-process: read, parse, check,
  comments and tracked changes, save — and the share of it that is the Word part (annotating);
- the same through the command line (a fresh process: start-up included);
- `serve`: cold start (a fresh process until the first page is answered), then the answer to an
  upload of seed 002 as .txt (36 KB) and as .docx, over HTTP on 127.0.0.1.
Targets (issue #11): review under 1 s; serve answers a 30 KB draft under 0.5 s.
"""

from __future__ import annotations

import argparse
import io
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_inputs_end_to_end import build_docx, seed_lines  # noqa: E402
from webhelpers import post_file, running  # noqa: E402

from rectify_rules.cli.batch import Settings, get_pack  # noqa: E402
from rectify_rules.review import review_docx  # noqa: E402

SEED = sorted((ROOT / "seeds").glob("002_*.txt"))[0]


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_review(draft: bytes, repeat: int) -> None:
    pack = get_pack(Settings())
    review_docx(draft, pack=pack)  # warm: imports, the rule pack
    total = median_time(lambda: review_docx(draft, pack=pack), repeat)

    import docx

    from rectify_rules.parsing import parse_source
    from rectify_rules.engine import check_parsed
    from rectify_rules.docx import read_docx
    from rectify_rules.review.annotate import annotate

    text = read_docx(draft)
    notice, src = parse_source(text)
    findings = check_parsed(notice, src, pack)

    def word_part():
        document = docx.Document(io.BytesIO(draft))
        annotate(document, findings, lambda f, m, t: [f.message], time_now())
        document.save(io.BytesIO())

    word = median_time(word_part, repeat)
    print(f"review seed 002 .docx, in-process: {total * 1000:.0f} ms "
          f"(open + comments + tracked changes + save: {word * 1000:.0f} ms; "
          f"{len(findings)} comments)")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "draft.docx"
        path.write_bytes(draft)

        def cli():
            subprocess.run([sys.executable, "-m", "rectify_rules", "review", str(path), "--force",
                            "--exit-zero"], capture_output=True, check=True, cwd=ROOT)

        print(f"review seed 002 .docx, command line (fresh process): "
              f"{median_time(cli, max(3, repeat // 3)) * 1000:.0f} ms")


def time_now():
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc)


def bench_serve(draft: bytes, repeat: int) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    colds = []
    for _ in range(3):
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "rectify_rules", "serve", "--port",
                                 str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=ROOT)
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.01)
        colds.append(time.perf_counter() - t)
        proc.terminate()
        proc.wait()
    print(f"serve cold start (process start → first page): {statistics.median(colds) * 1000:.0f} ms")
    from rectify_rules.serve import create_app

    text = SEED.read_bytes()
    with running(create_app()) as url:
        post_file(url + "/report", "warm.txt", text)
        for name, data in (("seed 002 .txt", text), ("seed 002 .docx", draft)):
            fname = "draft.docx" if name.endswith("docx") else "draft.txt"
            took = median_time(lambda: post_file(url + "/report", fname, data), repeat)
            print(f"serve answers {name} ({len(data) // 1024} KB): {took * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    draft = build_docx(seed_lines(SEED))[0]
    bench_review(draft, args.repeat)
    bench_serve(draft, args.repeat)


if __name__ == "__main__":
    main()
