"""Reading plain-text notices: encodings, binary and empty input, size limit, paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rectify_rules.read import MAX_BYTES, InputError, decode, load, read_path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = (SEEDS / "002_270ee20efe64f1c4.txt").read_text(encoding="utf-8")
SEED_ALL = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le",
                                      "utf-16-be", "utf-32"])
def test_encodings_round_trip_exactly(tmp_path, encoding):
    data = SEED.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding] + data
    path = tmp_path / f"notice-{encoding}.txt"
    path.write_bytes(data)
    assert read_path(path) == SEED


@pytest.mark.parametrize("name", sorted(SEED_ALL))
def test_every_seed_in_gbk_and_gb18030(name):
    text = SEED_ALL[name]
    # GBK cannot encode every character a web page may hold; the seeds it can, it must read
    try:
        gbk = text.encode("gbk")
    except UnicodeEncodeError:
        gbk = None
    if gbk is not None:
        assert decode(gbk) == text
    assert decode(text.encode("gb18030")) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding):
    # ASCII digits and line breaks put NUL bytes at one parity; 一 (U+4E00) at the other
    assert decode(SEED.encode(encoding)) == SEED


def test_bom_is_stripped_and_nothing_else_changes():
    text = "\u3000\u3000一、提高政治站位\r\n（一）加强组织领导。\t\r\n"
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_text_cut_mid_character(encoding):
    data = SEED.encode(encoding)
    assert decode(data[:-1]) == SEED[:-1] + "\ufffd"


def test_utf16_cut_mid_character():
    data = b"\xff\xfe" + "截至目前".encode("utf-16-le")
    assert decode(data[:-1]) == "截至目\ufffd"
    assert decode(data) == "截至目前"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_stray_byte_inside_becomes_replacement_not_mojibake(encoding):
    cut = SEED.index("市委第巡察组")
    data = SEED[:cut].encode(encoding) + b"\xff" + SEED[cut:].encode(encoding)
    assert decode(data) == SEED[:cut] + "\ufffd" + SEED[cut:]


def test_gbk_notice_is_not_taken_for_utf8():
    text = "中共通江县工业园工作委员会关于巡察整改阶段性进展情况的通报"
    assert decode(text.encode("gbk")) == text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40)),
    "一、巡察整改".encode("utf-8") + b"\x00\x01\x02\x03" * 10,
])
def test_binary_is_refused(tmp_path, data):
    path = tmp_path / "picture.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"{path}: 二进制文件，不是文本格式的通报"


@pytest.mark.parametrize("data", [b"", b"   \r\n\t", "\u3000\n".encode("utf-8"),
                                  b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"{path}: 文件为空"


def test_undecodable():
    with pytest.raises(InputError) as e:
        decode(bytes(range(0x80, 0x100)) * 4, "bad.txt")
    assert str(e.value) == "bad.txt: 无法按 UTF-8、GB18030 或 UTF-16 解码"


def test_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:           # sparse: no 25 MB written
        f.truncate(25 * 1024 * 1024)
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"{path}: 文件过大（25.0 MB），上限为 20 MB"


def test_bytes_over_the_limit():
    with pytest.raises(InputError, match=r"^<bytes>: 文件过大（20\.0 MB），上限为 20 MB$"):
        decode(b" " * (MAX_BYTES + 1))


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError) as e:
        read_path(tmp_path / "nope.txt")
    assert str(e.value) == f"{tmp_path / 'nope.txt'}: 文件不存在"
    with pytest.raises(InputError) as e:
        read_path(tmp_path)
    assert str(e.value) == f"{tmp_path}: 是目录，不是文件"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("整改", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as e:
            read_path(path)
        assert str(e.value) == f"{path}: 没有读取权限"
    finally:
        path.chmod(0o600)


def test_old_binary_word_doc_is_refused(tmp_path):
    path = tmp_path / "draft.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError) as e:
        read_path(path)
    # issue #11: the user is told how to make it readable, not just "binary"
    assert str(e.value) == (f"{path}: 是旧版 Word/WPS 文件（.doc/.wps），请用 Word 或 WPS 打开后"
                            "另存为 .docx 再检查")


def test_load_rules(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(SEED.encode("gb18030"))
    assert load(str(path)) == (SEED, str(path))
    assert load(path) == (SEED, str(path))
    assert load(SEED.encode("utf-16")) == (SEED, None)
    # text with a line break is text, even if a line names a file
    assert load(f"{path}\n") == (f"{path}\n", None)
    # a short str naming no existing file is the text itself
    assert load("县委第二巡察组") == ("县委第二巡察组", None)
    assert load("\ufeff通报") == ("通报", None)
    assert load(str(tmp_path)) == (str(tmp_path), None)
    with pytest.raises(InputError):
        load(tmp_path / "missing.txt")


def test_error_message_is_one_line():
    with pytest.raises(InputError) as e:
        decode(b"", "line one\nline two.txt")
    assert str(e.value) == "line one line two.txt: 文件为空"


def test_import_is_light():
    code = ("import sys, rectify_rules.read; "
            "print(sorted(m for m in ('docx', 'selectolax', 'charset_normalizer', 'lxml') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_input_error(data):
    try:
        text = decode(data, "fuzz.txt")
    except InputError as e:
        assert str(e).startswith("fuzz.txt: ") and "\n" not in str(e)
    else:
        assert text.strip()


# Text, not arbitrary code points: C0 controls (NUL above all) make a file "binary" by
# design and make BOM-less UTF-16 ambiguous, so they are left to the bytes fuzz test above.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    chr(c) for c in range(32) if chr(c) not in "\t\n\r")), max_size=200)


@settings(max_examples=100, deadline=None)
@given(_TEXT.filter(lambda s: s.strip()), st.sampled_from(
    ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32"]))
def test_any_text_round_trips(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:     # lone surrogates
        return
    try:
        assert decode(data) == text
    except InputError as e:         # never a traceback: one line naming the problem
        assert str(e).startswith("<bytes>: ") and "\n" not in str(e)


def test_input_error_forms():
    assert str(InputError("a.txt", "文件为空")) == "a.txt: 文件为空"
    assert str(InputError("stdin: 读取失败")) == "stdin: 读取失败"


def test_utf8_with_a_corrupt_block_is_not_read_as_gb18030():
    # four bad bytes among two hundred valid Chinese characters: a damaged UTF-8 file, which
    # GB18030 (it accepts most byte pairs) would silently turn into mojibake
    text = "关于巡察整改进展情况的通报\n" + "正文内容" * 50 + "\n"
    data = text.encode("utf-8")
    cut = len("关于巡察整改进展情况的通报\n".encode("utf-8"))
    decoded = decode(data[:cut] + b"\x80\xff\xfe\x80" + data[cut:])
    assert decoded == "关于巡察整改进展情况的通报\n" + "\ufffd" * 4 + "正文内容" * 50 + "\n"


@pytest.mark.parametrize("seed", sorted((Path(__file__).parents[1] / "seeds").glob("*.txt")))
def test_gb18030_seeds_are_still_read_as_gb18030(seed):
    text = seed.read_text(encoding="utf-8")
    assert decode(text.encode("gb18030")) == text
