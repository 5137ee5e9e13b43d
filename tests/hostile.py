"""The hostile inputs of issue #13, generated on demand (never committed as large files).

Each generator returns what a file would hold. The zip bombs are built in milliseconds: a
repeated unit compresses to the same deflate block every time once the window is full, so a
1 GiB part is that block written 1 024 times. Used by tests/test_hostile.py (the regression
tests) and benchmarks/hostile.py (time and memory of each through the CLI).
"""

from __future__ import annotations

import io
import struct
import zlib

MIB = 1024 * 1024


# --- ZIP packages ---------------------------------------------------------------------------

def deflate_repeated(head: bytes, unit: bytes, count: int, tail: bytes,
                     crc: bool = True) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, size) of ``head + unit * count + tail``, made without
    compressing more than three units (*crc* False skips the CRC: 0, for speed)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    blocks = [c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)]
    first = c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH)
    third = c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH)
    assert again == third, "the unit must compress to a repeating block"
    blocks.append(first)
    blocks.extend([again] * (count - 1))
    blocks.append(c.compress(tail) + c.flush())
    value = 0
    if crc:
        value = zlib.crc32(head)
        for _ in range(count):
            value = zlib.crc32(unit, value)
        value = zlib.crc32(tail, value)
    return b"".join(blocks), value, len(head) + len(unit) * count + len(tail)


def zip_bytes(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP archive of (name, stored data, method 0/8, CRC-32, declared size) entries."""
    out = io.BytesIO()
    central = []
    for name, data, method, crc, size in entries:
        offset = out.tell()
        raw = name.encode("utf-8")
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                              len(data), size, len(raw), 0) + raw)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0,
                                   0x21, crc, len(data), size, len(raw), 0, 0, 0, 0, 0,
                                   offset) + raw)
    start = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                          out.tell() - start, start, 0))
    return out.getvalue()


def _deflated(data: bytes) -> tuple[bytes, int, int, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), 8, zlib.crc32(data), len(data)


def template_parts() -> dict[str, bytes]:
    """The parts of python-docx's blank document."""
    import zipfile

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as z:
        return {name: z.read(name) for name in z.namelist()}


def docx_with(parts: dict[str, bytes], **replaced: tuple) -> bytes:
    """A package of *parts*, with entries given whole in *replaced* (name → entry tuple)."""
    entries = []
    for name, data in parts.items():
        if name in replaced:
            entries.append((name, *replaced[name]))
        else:
            entries.append((name, *_deflated(data)))
    return zip_bytes(entries)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PARA = "<w:p><w:r><w:t>整改措施落实到位。</w:t></w:r></w:p>".encode()


def _document_ends(parts: dict[str, bytes]) -> tuple[bytes, bytes]:
    doc = parts["word/document.xml"]
    at = doc.index(b"<w:body>") + len(b"<w:body>")
    end = doc.index(b"<w:sectPr")
    return doc[:at], doc[end:]


def docx_bomb(mib: int = 1024, crc: bool = True) -> bytes:
    """A .docx whose word/document.xml unpacks to *mib* MiB of paragraphs (1 GiB: 3.6 MB)."""
    parts = template_parts()
    head, tail = _document_ends(parts)
    unit = (_PARA * (MIB // len(_PARA) + 1))[:MIB // len(_PARA) * len(_PARA)]
    count = mib * MIB // len(unit)
    stream, crc_value, size = deflate_repeated(head, unit, count, tail, crc)
    return docx_with(parts, **{"word/document.xml": (stream, 8, crc_value, size)})


def docx_lying_bomb(mib: int = 200) -> bytes:
    """A .docx whose ZIP directory says word/document.xml is 2 KB; it inflates to *mib* MiB."""
    parts = template_parts()
    head, tail = _document_ends(parts)
    unit = _PARA * (MIB // len(_PARA))
    stream, _, _ = deflate_repeated(head, unit, mib, tail, crc=False)
    return docx_with(parts, **{"word/document.xml": (stream, 8, 0, 2048)})


def docx_many_parts(n: int = 5000) -> bytes:
    parts = template_parts()
    parts.update({f"customXml/item{i}.xml": b"<a/>" for i in range(n)})
    return docx_with(parts)


def docx_numbering_bomb(paragraphs: int = 200, start: int = 2_000_000_000) -> bytes:
    """A .docx whose list is numbered upperLetter from *start* (Word would show "AAAA…")."""
    parts = template_parts()
    parts["word/numbering.xml"] = (
        f'<w:numbering {_W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="upperLetter"/>'
        f'<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()
    head, tail = _document_ends(parts)
    para = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>整改措施</w:t></w:r></w:p>').encode()
    parts["word/document.xml"] = head + para * paragraphs + tail
    if "word/numbering.xml" not in parts["[Content_Types].xml"].decode():
        raise AssertionError("the template has no numbering part")
    return docx_with(parts)


def docx_deep_xml(depth: int = 100_000) -> bytes:
    """A .docx whose document nests *depth* table cells inside each other."""
    parts = template_parts()
    head, tail = _document_ends(parts)
    nest = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
    parts["word/document.xml"] = head + nest + tail
    return docx_with(parts)


# --- web pages ------------------------------------------------------------------------------

def nested_html(depth: int = 100_000) -> bytes:
    """A page of *depth* nested <div> around one line (1.1 MB at 100 000)."""
    return ("<html><head><title>关于巡察整改进展情况的通报</title></head><body>" + "<div>" * depth
            + "关于巡察整改进展情况的通报" + "</div>" * depth + "</body></html>").encode()


# --- rule packs -----------------------------------------------------------------------------

def pattern_rule(code: str, pattern: str, bad: str = "aaa", good: str = "bbb") -> str:
    return (f'code = "{code}"\nname = "user-pattern-{code.lower()}"\nseverity = "warning"\n'
            f"kind = \"pattern\"\npattern = '{pattern}'\nsummary = \"用户规则\"\n"
            f'message = "发现{{match}}"\n\n[[example]]\nbad = "{bad}"\ngood = "{good}"\n')


CATASTROPHIC = {"USR001": (r"(a+)+$", "aaa", "bbb"), "USR002": (r"(\d+)*x", "12x", "bbb")}


def catastrophic_text(size: int = 100_000) -> str:
    """100 KB on which both catastrophic patterns backtrack at every position."""
    half = size // 2
    return "关于巡察整改进展情况的通报\n" + "a" * half + "1" * (size - half) + "b\n"


def huge_rule_toml(mb: int = 10) -> bytes:
    body = pattern_rule("USR003", "整改").encode()
    return body + b"# " + b"x" * (mb * MIB) + b"\n"


# --- texts for the parser -------------------------------------------------------------------

HEAD = "关于巡察整改进展情况的通报\n"


def numeral_text(digits: int = 5000) -> str:
    return HEAD + f"共反馈{'一' * digits}个问题，另有{'1' * digits}个问题。\n"


def percentage_text(digits: int = 400) -> str:
    return (HEAD + f"已完成整改3项，正在整改1项，整改完成率为{'9' * digits}%。"
            f"完成率为百分之{'九' * digits}。完成率为{'9' * digits}.5%。\n")


def far_future_text() -> str:
    return (HEAD + "县委第二巡察组于2021年3月1日至4月30日对县农业局开展了为期99999999999999个月的巡察。"
            "9999年12月20日，县委第二巡察组反馈了巡察意见。\n共反馈3个问题，已完成整改2个，"
            "正在整改1个，计划于9999年12月底前完成。\n县农业局\n9999年12月31日\n")


def breadcrumb_line(steps: int = 7) -> str:
    """A title line of arrow steps padded with blanks (113 characters at 7 steps)."""
    return "首页" + (">" + " " * 14 + "要") * steps + " x>\n" + HEAD


def split_title_text(lines: int = 60) -> str:
    """Short lines none of which ends a title (258 bytes at 60): each could start one."""
    return "\n".join(["文件"] * lines) + "\n"


def deadline_parts_text(blanks: int = 15_000) -> str:
    return HEAD + "截至目前，已完成整改3项，2021年5月底" + " " * blanks + "前完成。\n"
