"""Mutations of real notices and the invariants every parse and check must keep (issue #13).

Shared by the hypothesis properties (tests/test_fuzz.py, a few thousand inputs in CI) and the
long run (benchmarks/fuzz.py, ≥ 100 000 inputs before a release). A mutation is a function
``(text, rnd) -> text`` of a :class:`random.Random`, so both drivers make the same inputs
from the same seed number.

Mutations: byte flips (the bytes then go through the reader, as a file's would), line and
sentence shuffles, inserted numerals (short and absurdly long, Arabic and Chinese), dates
(real, impossible, far future), outline markers, brackets and quotes, control characters,
and huge lines (one unit repeated thousands of times).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from test_properties_parse import assert_spans_inside  # the parser's own span invariants

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[str]:
    """The five seeds and every variant notice: what the mutations start from."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "variants").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


_CN = "〇零一二两三四五六七八九十百千万亿廿卅"
MARKERS = ["一、", "二、", "十一、", "（一）", "(二)", "（十）", "1.", "2、", "（3）", "(4)", "5)", "①",
           "⑳", "第一，", "一是", "（", "）", "〔", "〕", "1.1", "999.", "（九十九）"]
BRACKETS = list("（）()【】[]《》〈〉「」『』“”‘’\"'{}〔〕<>")
CONTROLS = [chr(c) for c in range(0, 32)] + ["\x7f", "\u200b", "\u200e", "\ufeff", "\u2028",
                                              "\u3000", "\xa0", "\r", "\r\n", "\ufffd"]
WORDS = ["共反馈", "个问题", "已完成整改", "正在整改", "截至", "底前完成", "整改完成率为", "%",
         "百分之", "巡察组", "反馈了巡察意见", "为期", "个月", "联系电话：", "邮政编码", "其中",
         "关于", "整改进展情况的通报", "年", "月", "日", "至", "、", "，", "。", "：", "\n", " ",
         "首页 > ", "打印 ", "【关闭】", "发布时间：", "来源：", "...", "——"]


def _numeral(rnd: random.Random) -> str:
    kind = rnd.randrange(6)
    if kind == 0:
        return str(rnd.randrange(10 ** rnd.randrange(1, 20)))
    if kind == 1:
        return "9" * rnd.choice([20, 400, 4400, 20000])
    if kind == 2:
        return "".join(rnd.choice(_CN) for _ in range(rnd.randrange(1, 12)))
    if kind == 3:
        return rnd.choice(_CN) * rnd.choice([50, 5000])
    if kind == 4:
        return f"{rnd.randrange(10 ** 6)}.{rnd.randrange(10 ** 6)}"
    return "１２３４５６７８９０"[: rnd.randrange(1, 11)]


def _date(rnd: random.Random) -> str:
    year = rnd.choice([2019, 2020, 2021, 2022, 0, 1, 9999, 10000, 99999, 2 ** 31, 10 ** 30])
    month = rnd.choice([1, 2, 6, 12, 0, 13, 99, 10 ** 6])
    day = rnd.choice([1, 15, 28, 29, 30, 31, 32, 0, 10 ** 9])
    form = rnd.randrange(6)
    if form == 0:
        return f"{year}年{month}月{day}日"
    if form == 1:
        return f"{month}月{day}日"
    if form == 2:
        return f"{year}年{month}月底前"
    if form == 3:
        return f"{year}-{month:02d}-{day:02d} 10:20"
    if form == 4:
        return "二〇二一年" + rnd.choice(["六", "十二", "十三", "三十"]) + "月" + rnd.choice(
            ["一", "三十", "三十二", "九十九"]) + "日"
    return f"{year}年{month}月{day}日至{rnd.choice([month, month + 1])}月{day}日"


def _insert(text: str, rnd: random.Random, piece: str) -> str:
    i = rnd.randrange(len(text) + 1)
    return text[:i] + piece + text[i:]


def flip_bytes(text: str, rnd: random.Random) -> str | bytes:
    """Bytes with a few flipped: returned as bytes, to go through the reader."""
    data = bytearray(text.encode(rnd.choice(["utf-8", "utf-8", "gb18030", "utf-16"]),
                                 errors="replace"))
    for _ in range(rnd.randrange(1, 12)):
        if data:
            data[rnd.randrange(len(data))] ^= 1 << rnd.randrange(8)
    return bytes(data)


def shuffle_lines(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    if len(lines) > 2:
        i, j = sorted(rnd.sample(range(len(lines)), 2))
        part = lines[i:j + 1]
        rnd.shuffle(part)
        lines[i:j + 1] = part
    return "\n".join(lines)


def shuffle_sentences(text: str, rnd: random.Random) -> str:
    parts = re.split(r"(?<=[。；！？\n])", text)
    k = min(len(parts), rnd.randrange(2, 12))
    start = rnd.randrange(len(parts) - k + 1)
    chunk = parts[start:start + k]
    rnd.shuffle(chunk)
    parts[start:start + k] = chunk
    return "".join(parts)


def insert_numeral(text: str, rnd: random.Random) -> str:
    return _insert(text, rnd, _numeral(rnd) + rnd.choice(["个", "项", "%", "个问题", "年", "", "、"]))


def insert_date(text: str, rnd: random.Random) -> str:
    return _insert(text, rnd, _date(rnd) + rnd.choice(["", "前完成", "，", "完成整改1项", "反馈"]))


def insert_marker(text: str, rnd: random.Random) -> str:
    return _insert(text, rnd, rnd.choice(["", "\n"]) + rnd.choice(MARKERS))


def insert_brackets(text: str, rnd: random.Random) -> str:
    piece = "".join(rnd.choice(BRACKETS) for _ in range(rnd.randrange(1, 8)))
    return _insert(text, rnd, piece)


def insert_controls(text: str, rnd: random.Random) -> str:
    for _ in range(rnd.randrange(1, 8)):
        text = _insert(text, rnd, rnd.choice(CONTROLS))
    return text


def insert_words(text: str, rnd: random.Random) -> str:
    for _ in range(rnd.randrange(1, 6)):
        text = _insert(text, rnd, rnd.choice(WORDS))
    return text


def huge_line(text: str, rnd: random.Random) -> str:
    """One unit — a character, a word, a marker, a piece of the text — thousands of times."""
    pool = [rnd.choice(WORDS), rnd.choice(MARKERS), rnd.choice(BRACKETS), rnd.choice(_CN),
            rnd.choice(CONTROLS), _numeral(rnd)[:8], _date(rnd)]
    if text:
        i = rnd.randrange(len(text))
        pool.append(text[i:i + rnd.randrange(1, 6)])
    unit = rnd.choice(pool) + rnd.choice(["", "", " ", rnd.choice(WORDS)])
    size = rnd.choice([1_000, 5_000, 20_000, 60_000])
    return _insert(text, rnd, (unit * (size // max(1, len(unit)) + 1))[:size])


def delete_span(text: str, rnd: random.Random) -> str:
    i = rnd.randrange(len(text) + 1)
    return text[:i] + text[i + rnd.randrange(1, 200):]


def truncate(text: str, rnd: random.Random) -> str:
    return text[:rnd.randrange(len(text) + 1)]


MUTATIONS = {f.__name__: f for f in (
    flip_bytes, shuffle_lines, shuffle_sentences, insert_numeral, insert_date, insert_marker,
    insert_brackets, insert_controls, insert_words, huge_line, delete_span, truncate)}


def mutate(texts: list[str], number: int) -> tuple[str | bytes, list[str]]:
    """Input *number* of the run: a seed or variant with 1–4 mutations (names returned)."""
    rnd = random.Random(number)
    text: str | bytes = rnd.choice(texts)
    names = []
    for _ in range(rnd.randrange(1, 5)):
        name = rnd.choice(list(MUTATIONS))
        if isinstance(text, bytes):  # already bytes: only more byte flips
            name = "flip_bytes"
            text = text.decode("utf-8", errors="replace")
        names.append(name)
        text = MUTATIONS[name](text, rnd)
    return text, names


# --- invariants ---------------------------------------------------------------------------

def check_invariants(source: str | bytes, pack) -> int:
    """Read (bytes), parse and check *source*; assert the invariants; return the finding count.

    Bytes may be refused by the reader with an InputError (that is its job); text never is
    refused by the parser. Every span of the model and of the findings lies inside the text,
    and every quoted text (a fact's own text, a finding's and a related place's excerpt, a
    fix's span) is ``original[start:end]``."""
    from rectify_rules.engine import check_parsed
    from rectify_rules.parsing import parse_source
    from rectify_rules.read import InputError, load

    if isinstance(source, bytes):
        try:
            text, _ = load(source)
        except InputError as e:
            assert str(e) and "\n" not in str(e)
            return 0
    else:
        text = source
    notice, src = parse_source(text)
    assert src.original == text and len(src.norm) == len(text)
    assert_spans_inside(notice, text)
    findings = check_parsed(notice, src, pack, notes=[])
    n = len(text)
    masked = any(getattr(f, "redactions", ()) for f in findings)  # PRV: masked everywhere
    for f in findings:
        assert 0 <= f.span.start <= f.span.end <= n, (f.code, f.span, n)
        assert _quotes(f.excerpt, text[f.span.start:f.span.end], masked), (f.code, f.excerpt)
        assert f.message, f.code
        for r in f.related:
            assert 0 <= r.span.start <= r.span.end <= n, (f.code, r.span, n)
            assert _quotes(r.excerpt, text[r.span.start:r.span.end], masked), (f.code, r.excerpt)
        if f.fix is not None:
            assert 0 <= f.fix.span.start <= f.fix.span.end <= n, (f.code, f.fix.span)
        for red in getattr(f, "redactions", ()):
            assert 0 <= red.start <= red.end <= n, (f.code, red, n)
        if "match" in f.values and f.values["match"]:
            assert _quotes(f.values["match"], f.excerpt, masked), (f.code, f.values["match"])
    return len(findings)


def _quotes(quoted: str, original: str, masked: bool) -> bool:
    """*quoted* is *original*; where personal data is masked (PRV rules' ``redactions``, in
    every finding quoting it), the masked characters read "*" and the others are the
    original's."""
    if quoted == original:
        return True
    return masked and len(quoted) == len(original) and all(
        q == o or q == "*" for q, o in zip(quoted, original))
