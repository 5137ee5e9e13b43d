"""Parser and rule-pack benchmark (not a test: these machines are shared and noisy).

    python benchmarks/bench_parse.py [--repeat N]

Prints, with medians over N runs:
- parse time per seed and for all five seeds together (in-process, warm);
- parse + all rules over the five seeds, and the CPU time of parse, rules and JSON output;
- parse, and parse + all rules, on synthetic notices of ~10 K, 100 K and 1 M characters (best
  of N here, the least noisy figure): the cost per 1000 characters at each size (flat when
  growth is linear) and the log-log slope of time over size (1.0 = linear);
- the ten slowest rules on the seeds (each rule evaluated alone on pre-parsed notices).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rectify_rules.engine import check_parsed, load_rules  # noqa: E402
from rectify_rules.engine import RulePack  # noqa: E402
from rectify_rules.parsing import parse_source  # noqa: E402


def timings(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def median_time(fn, repeat: int) -> float:
    return statistics.median(timings(fn, repeat))


def best_time(fn, repeat: int) -> float:
    return min(timings(fn, repeat))


def slope(xs: list[int], ys: list[float]) -> float:
    """Least-squares slope of log(y) over log(x): 1.0 is linear growth, 2.0 quadratic."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return (sum((a - mx) * (b - my) for a, b in zip(lx, ly))
            / sum((a - mx) ** 2 for a in lx))


def synthetic(size: int) -> str:
    """A notice of about *size* characters: an opening paragraph, then problem groups whose
    items and rectification texts are made from the seeds' own sentences (so the text looks
    like the genre), numbered consistently and with declared counts that match."""
    opening = ("中共某某县某某局党组关于巡察整改进展情况的通报\n\n"
               "2021年3月1日至4月15日,县委第二巡察组对某某局党组开展了常规巡察。"
               "2021年5月20日,县委第二巡察组反馈了巡察意见。\n\n")
    seed = (ROOT / "seeds" / "001_c76a038a99cc564d.txt").read_text(encoding="utf-8")
    sentences = [s + "。" for s in seed.replace("\n", "").split("。") if 20 < len(s) < 200]
    cn = "一二三四五六七八九十"
    parts, n, g, k = [], 0, 0, 0
    while sum(map(len, parts)) < size - len(opening) - 200:
        group = cn[g % 10] if g < 10 else str(g + 1)
        parts.append(f"\n({group})第{g + 1}方面的问题\n")
        for i in range(4):
            k += 1
            parts.append(f"\n{i + 1}.第{k}项问题不到位。\n整改情况:"
                         f"{sentences[n % len(sentences)]}{sentences[(n + 7) % len(sentences)]}"
                         "目前已完成整改。\n")
            n += 1
        g += 1
    head = opening + f"共反馈{g}个方面{k}个问题。\n"
    tail = "\n欢迎广大干部群众监督。联系电话:0563-2263070;电子邮箱:abc@163.com。\n"
    return head + "".join(parts) + tail


def stage_shares(texts: list[str], pack: RulePack, repeat: int) -> None:
    """CPU time of parse, rules and JSON output over the seeds (best of N each, process time:
    on a shared machine the least load-dependent figure), and each one's share."""
    import io

    from rectify_rules.output import open_writer

    def best(fn) -> float:
        out = []
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            out.append(time.process_time() - t0)
        return min(out)

    parse = best(lambda: [parse_source(t) for t in texts])
    both = best(lambda: [check_parsed(*parse_source(t), pack) for t in texts])
    found = [check_parsed(*parse_source(t), pack, filename=f"seed{i}") for i, t in enumerate(texts)]

    def write() -> None:
        writer = open_writer("json", io.StringIO())
        for f in found:
            writer.file(f, {})
        writer.close(len(found))

    output = best(write)
    total = both + output
    print(f"   parse {parse * 1000:.1f} ms ({parse / total:.0%}), rules {(both - parse) * 1000:.1f} ms "
          f"({(both - parse) / total:.0%}), json output {output * 1000:.1f} ms ({output / total:.0%});"
          f" {sum(map(len, found))} findings (CPU time, best of {repeat})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    for t in texts:  # warm imports and caches
        parse_source(t)
    pack = load_rules()
    for t in texts:  # the rules' own tables (word lists …) load on first use
        check_parsed(*parse_source(t), pack)
    from rectify_rules.cli.pool import settle_heap

    settle_heap()  # as the CLI does after a process's first file

    print(f"python {sys.version.split()[0]}, {len(pack.rules)} rules, median of {args.repeat}")
    print("\n== parse per seed")
    total_kb = 0.0
    for path, text in zip(seeds, texts):
        t = median_time(lambda: parse_source(text), args.repeat)
        kb = len(text.encode("utf-8")) / 1024
        total_kb += kb
        print(f"  {path.name:32s} {kb:6.1f} KB  {t * 1000:7.2f} ms")
    t_all = median_time(lambda: [parse_source(t) for t in texts], args.repeat)
    print(f"  all five ({total_kb:.0f} KB): {t_all * 1000:.1f} ms")

    parsed = [parse_source(t) for t in texts]
    t_check = median_time(
        lambda: [check_parsed(n, s, pack) for n, s in (parse_source(t) for t in texts)],
        args.repeat)
    print(f"\n== parse + all rules over the five seeds: {t_check * 1000:.1f} ms (target < 50 ms)")
    stage_shares(texts, pack, args.repeat)

    print("\n== growth with input size (synthetic notices; best of N, the least noisy figure)")
    sizes, costs = [], {"parse": [], "parse + rules": []}
    for size in (10_000, 100_000, 1_000_000):
        text = synthetic(size)
        rep = max(1, args.repeat if size < 1_000_000 else 3)
        sizes.append(len(text))
        costs["parse"].append(best_time(lambda: parse_source(text), rep))
        costs["parse + rules"].append(
            best_time(lambda: check_parsed(*parse_source(text), pack), rep))
    for label, times in costs.items():
        base = times[0] / sizes[0]
        for n, t in zip(sizes, times):
            per_k = t * 1e6 / n
            print(f"  {label:14s} {n / 1000:6.0f} K chars {t * 1000:8.1f} ms"
                  f"  {per_k:6.3f} ms per 1000 chars  (×{t / n / base:.2f} of the 10 K cost)")
        print(f"  {label:14s} growth exponent (log-log slope, 1.0 = linear): "
              f"{slope(sizes, times):.2f}")

    print("\n== ten slowest rules on the five seeds (each rule alone, parse excluded)")
    timings = []
    for rule in pack.rules:
        single = RulePack(rules=(rule,))
        t = median_time(lambda: [check_parsed(n, s, single) for n, s in parsed],
                        max(3, args.repeat // 2))
        timings.append((t, rule.code, rule.kind))
    for t, code, kind in sorted(timings, reverse=True)[:10]:
        print(f"  {code} ({kind:10s}) {t * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
