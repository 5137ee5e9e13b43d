"""Read a Word .docx: paragraph text in document order, WITH Word's automatic numbering.

python-docx opens the package (imported lazily); the text and the numbering are read from
the XML here. ``paragraph.text`` of python-docx leaves out list numbers that Word generates
from ``numbering.xml``, and drafts use them for every heading, so this module renders them
the way Word displays them and puts them in front of the paragraph text: a heading numbered
by a list style reads "一、标题", "（一）标题", "1.标题" — what a typed draft has.

Numbering, as Word does it:
- a paragraph's ``w:numPr`` (numId, ilvl) comes from its own properties, else from its
  paragraph style or the styles that style is ``basedOn``; ``numId`` 0 switches numbering
  off; a style without ``ilvl`` uses the level whose ``w:pStyle`` names it, else level 0;
- ``w:num`` → ``w:abstractNum`` (following ``w:numStyleLink``); ``w:lvlOverride`` may
  replace a level (``w:lvl``) or its start (``w:startOverride``);
- counters belong to the abstract list, so two ``w:num`` of one ``w:abstractNum`` continue
  each other, and a ``w:num`` with a ``w:startOverride`` restarts its levels when first used
  (this is how Word's "restart numbering" / "continue numbering" are stored);
- numbering a level resets the deeper levels, unless their ``w:lvlRestart`` says otherwise;
- ``w:lvlText`` ("%1、", "（%2）", "%1.%2.") with each %n in the format of level n
  (``w:isLgl`` → all decimal), then ``w:suff`` (tab, the default / space / nothing);
- bullets get no marker (their glyph is usually a symbol-font private-use character).

(The numbering is rendered by :mod:`rectify_rules.wordnum`.)

One paragraph per line; table cells are read row by row, nested tables included; text in
deleted revisions, field instructions and text-box fallbacks is left out.

A package is hostile until checked (:func:`check_package`, docs/limits.md): the sizes its
ZIP directory declares are checked before anything is inflated (entries, each part, all
parts, the compression ratio), then every part is inflated in small steps, counting what it
really gives, and refused past its declared size — zipfile's own ``read()`` inflates a whole
stream before cutting it to the declared size, so a directory that lies is caught here,
before python-docx reads the package. The text read is bounded too: paragraphs, characters,
list numbers and number patterns.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from . import limits as L
from .read import InputError
from .wordnum import Numberer, W

_CONTAINERS = {W + t for t in ("body", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")}
_SKIP = {W + t for t in ("del", "delText", "instrText", "delInstrText", "pPr", "rPr",
                         "moveFrom", "txbxContent")}
_SKIP.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")
_TEXT = {W + "t": None, W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n",
         W + "noBreakHyphen": "-", W + "softHyphen": ""}


def read_docx(data: bytes, name: str = "<docx>") -> str:
    """Text of the .docx in *data*: one line per paragraph, numbering markers rendered."""
    check_package(data, name)
    try:
        import docx  # lazy: 100+ ms
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = _part_element(lambda: document.part.styles.element)
        numbering = _part_element(lambda: document.part.numbering_part.element)
    except Exception as e:  # python-docx raises many types for a broken package
        raise InputError(name, f"不是可读取的 Word .docx 文件（{_reason(e)}）") from None
    numberer = Numberer(numbering, styles)
    lines = _Lines(name)
    _walk(body, numberer, lines)
    return "\n".join(lines)


def _mb(n: int) -> str:
    return f"{n / L.MB:.1f} MB"


def check_package(data: bytes, name: str = "<docx>") -> None:
    """Refuse a package that would unpack to too much (a zip bomb), on the sizes its ZIP
    directory declares: nothing is inflated here, so this takes milliseconds."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise InputError(name, f"不是可读取的 Word .docx 文件（{_reason(e)}）") from None
    if len(infos) > L.DOCX_MAX_ENTRIES:
        raise InputError(name, f"文件解压后过大：压缩包内有 {len(infos)} 个部件，"
                               f"上限为 {L.DOCX_MAX_ENTRIES} 个")
    total = 0
    for info in infos:
        size, packed = info.file_size, info.compress_size
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(name, f"不是可读取的 Word .docx 文件（部件 {info.filename[:60]} "
                                   f"使用了 Word 不用的压缩方式 {info.compress_type}）")
        if size > L.DOCX_MAX_PART:
            raise InputError(name, f"文件解压后过大：部件 {info.filename[:60]} 解压后为 {_mb(size)}，"
                                   f"单个部件上限为 {_mb(L.DOCX_MAX_PART)}")
        if size > L.DOCX_RATIO_FROM and size > packed * L.DOCX_MAX_RATIO:
            raise InputError(name, f"文件解压后过大：部件 {info.filename[:60]} 由 {_mb(packed)} "
                                   f"解压为 {_mb(size)}（压缩比超过 {L.DOCX_MAX_RATIO}:1，疑似压缩炸弹）")
        total += size
    if total > L.DOCX_MAX_TOTAL:
        raise InputError(name, f"文件解压后过大：全部部件解压后共 {_mb(total)}，"
                               f"上限为 {_mb(L.DOCX_MAX_TOTAL)}")
    for info in infos:
        if _inflated_size(data, info, name) > info.file_size:
            raise InputError(name, f"文件解压后过大：部件 {info.filename[:60]} 解压后超过其声明的 "
                                   f"{info.file_size} 字节（疑似压缩炸弹）")


_STEP = 64 * 1024


def _inflated_size(data: bytes, info: zipfile.ZipInfo, name: str) -> int:
    """How many bytes the part *info* really inflates to, counted in 64 KB steps and no
    further than one step past its declared size."""
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04":
        raise InputError(name, f"不是可读取的 Word .docx 文件（部件 {info.filename[:60]} 的位置不对）")
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    raw = data[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return len(raw)
    inflate = zlib.decompressobj(-15)
    try:
        total = len(inflate.decompress(raw, _STEP))
        while inflate.unconsumed_tail and total <= info.file_size:
            total += len(inflate.decompress(inflate.unconsumed_tail, _STEP))
    except zlib.error:
        return 0  # damaged: python-docx reports it
    return total


class _Lines(list):
    """The lines read so far; refuses a document past the paragraph or character limit."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.chars = 0

    def append(self, line: str) -> None:
        self.chars += len(line) + 1
        if len(self) >= L.DOCX_MAX_PARAGRAPHS:
            raise InputError(self.name, f"文档过长：超过 {L.DOCX_MAX_PARAGRAPHS} 个段落")
        if self.chars > L.MAX_CHARS:
            raise InputError(self.name, f"文档过长：正文超过 {L.MAX_CHARS} 个字符")
        super().append(line)


def _reason(e: Exception) -> str:
    text = str(e).splitlines()[0] if str(e) else ""
    return f"{type(e).__name__}: {text}"[:160] if text else type(e).__name__


def _part_element(get):
    try:
        return get()
    except Exception:  # no such part, or an unreadable one: read without it
        return None


def _walk(el, numberer: "Numberer", lines: _Lines) -> None:
    for child in el:
        tag = child.tag
        if tag == W + "p":
            lines.append(numberer.marker(child) + paragraph_text(child))
        elif tag in _CONTAINERS:
            _walk(child, numberer, lines)


def paragraph_text(p) -> str:
    """The text of paragraph element *p* as Word shows it (without the list number)."""
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _collect(el, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in _TEXT:
            rep = _TEXT[tag]
            out.append((child.text or "") if rep is None else rep)
        elif tag == W + "br":
            if child.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        else:
            _collect(child, out)
