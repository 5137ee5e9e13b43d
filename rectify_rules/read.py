"""Read a notice: path / bytes / str → text (the ``read`` stage of the pipeline).

Plain text is decoded in this order (see :func:`decode`):

1. a byte-order mark decides: UTF-8 (the BOM is dropped), UTF-32, UTF-16 LE/BE;
2. binary content (NUL bytes that are not UTF-16, many control characters, known file
   signatures such as PNG, PDF or ZIP) is refused;
3. strict UTF-8, then UTF-8 whose only defect is a character cut off at the very end
   (the cut character becomes U+FFFD);
4. UTF-8 with a few corrupt bytes (at most one per ten valid multi-byte characters)
   (each bad byte becomes U+FFFD) — checked before GB18030 because GB18030 accepts most
   UTF-8 byte pairs and would silently turn such a file into mojibake;
5. strict GB18030 (a superset of GBK and GB2312), then GB18030 cut at the end, then GB18030
   with a few corrupt bytes;
6. charset-normalizer as the last resort (measured: it returns nothing for Chinese text cut
   mid-character or with a stray byte, which steps 3–5 handle, so it only ever sees the rest).

Nothing else is changed: line breaks, U+3000 indents and tabs reach the normaliser as they
are, so offsets refer to the text as the user's editor shows it.

Every failure is an :class:`InputError` whose message is one line naming the input.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

from .limits import MAX_BYTES, MAX_CHARS

_MAX_PATH_CHARS = 1024          # a str longer than this is always text, never a path
_SNIFF = 65536                  # bytes inspected for binary content

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
               b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"BM", b"\x7fELF", b"MZ")
# control characters that never occur in text (tab, LF, VT, FF, CR, ESC are allowed)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
#: the same bytes, for counting them with ``bytes.translate`` (5x faster than findall)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x1b), *range(0x1c, 0x20), 0x7f])
#: every other byte: deleting them leaves the control bytes to count (nothing large is copied)
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_BLANK = re.compile(r"[\s\u3000\ufeff\u200b]*")
_REPLACEMENT = "\ufffd"
_DOCX_EXT = (".docx", ".docm", ".dotx")
_LEGACY_EXT = (".doc", ".dot", ".wps", ".wpt")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # the container of .doc/.wps (and .xls, .ppt)
_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")


class InputError(Exception):
    """An input that cannot be read as a notice; ``str(e)`` is one line naming it."""

    def __init__(self, name: str, problem: str | None = None) -> None:
        # InputError("a.txt", "文件为空") → "a.txt: empty file"; one argument = the message
        self.name = name
        self.problem = problem
        super().__init__(_one_line(name) if problem is None else f"{_one_line(name)}: {problem}")


#: what the operating system says, in Chinese (Python's ``strerror`` is English)
_OS_PROBLEMS = {"ENOENT": "文件不存在", "ENOTDIR": "路径中有一段不是目录", "EISDIR": "是目录，不是文件",
                "EACCES": "没有权限", "EPERM": "没有权限", "ENOSPC": "磁盘空间不足",
                "EROFS": "文件系统只读", "ENAMETOOLONG": "文件名过长", "EEXIST": "文件已存在",
                "EMFILE": "打开的文件过多", "EIO": "读写出错", "EBUSY": "文件被占用",
                "ELOOP": "符号链接循环", "EDQUOT": "超出磁盘配额"}


def os_problem(e: OSError, writing: bool = False) -> str:
    """*e* as one Chinese phrase ("文件不存在", "没有权限" …); a missing folder of a file to
    write is "目录不存在". Unknown errors keep the system's words."""
    import errno

    code = errno.errorcode.get(e.errno or 0, "")
    if writing and code == "ENOENT":
        return "目录不存在"
    return _OS_PROBLEMS.get(code) or e.strerror or type(e).__name__


def _one_line(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ")


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_size(n: int, name: str) -> None:
    """Raise :class:`InputError` if *n* bytes exceed :data:`MAX_BYTES`."""
    if n > MAX_BYTES:
        raise InputError(name, f"文件过大（{_size(n)}），上限为 {MAX_BYTES // (1024 * 1024)} MB")


def check_chars(text: str, name: str) -> str:
    """*text*, or :class:`InputError` if it is longer than :data:`MAX_CHARS` characters (the
    limit after decoding, after a web page's extraction and after reading a .docx)."""
    if len(text) > MAX_CHARS:
        raise InputError(name, f"文本过长（{len(text)} 个字符），上限为 {MAX_CHARS} 个字符")
    return text


# ---------------------------------------------------------------------------------------------
# decoding

#: code points that make up Chinese plain text: tab/LF/CR, printable ASCII, Latin-1, the
#: dashes, quotes and ellipsis of general punctuation, CJK symbols, CJK ideographs, full-width
#: forms. Bytes of the wrong UTF-16 order land mostly outside: LF becomes U+0A00, 。 U+0230,
#: 是 the Kangxi radical U+2F66, a space the en quad U+2000.
_TEXTLIKE = re.compile("[\t\n\r\x20-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e"
                       "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _textlike_share(text: str) -> float:
    return len(_TEXTLIKE.findall(text)) / len(text) if text else 0.0


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without BOM. Both byte orders are tried on a sample and the one that
    reads as text wins: ASCII-heavy text puts its NULs at one parity, but CJK-heavy text has
    NULs at both (一 is U+4E00), so the parity of NUL bytes alone cannot decide."""
    if len(data) % 2:
        return None
    sample = data[:_SNIFF]
    shares = {}
    for encoding in ("utf-16-le", "utf-16-be"):
        shares[encoding] = _textlike_share(sample.decode(encoding, errors="replace"))
    encoding = max(shares, key=shares.__getitem__)
    if shares[encoding] < 0.9:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or any(c < " " and c not in "\t\n\r\f\x1b" for c in text[:_SNIFF]):
        return None
    return text


def _check_binary(data: bytes, name: str) -> None:
    head = data[:_SNIFF]
    if head.startswith(_SIGNATURES) and (_CONTROL.search(head[:512]) or b"\x00" in head):
        raise InputError(name, "二进制文件，不是文本格式的通报")
    controls = len(head.translate(None, _TEXT_BYTES))  # _CONTROL's matches: what is left
    if b"\x00" in head or controls > max(2, len(head) // 200):
        raise InputError(name, "二进制文件，不是文本格式的通报")


def _cut_at_end(data: bytes, encoding: str) -> str | None:
    """Decode *data* whose only defect is an incomplete character at the end."""
    dec = codecs.getincrementaldecoder(encoding)()
    try:
        text = dec.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending = dec.getstate()[0]
    return text + _REPLACEMENT if pending else text


#: at most this many bad bytes per valid non-ASCII character. GB18030 text read as UTF-8 has
#: about four bad bytes per valid character (measured on the seeds: 0.24–0.28 valid per bad),
#: so UTF-8 tolerates one bad byte in ten; GB18030 accepts most byte pairs, so there a bad
#: byte is rarer evidence and one in a hundred is the limit.
_BAD_SHARE = {"utf-8": 10, "gb18030": 100}


def _mostly(data: bytes, encoding: str) -> str | None:
    """Decode with U+FFFD for bad bytes if they are rare among many valid non-ASCII chars."""
    text = data.decode(encoding, errors="replace")
    bad = text.count(_REPLACEMENT)
    good = sum(1 for c in text if c > "\x7f") - bad
    if good >= 20 and bad * _BAD_SHARE[encoding] <= good:
        return text
    return None


def _fallback(data: bytes) -> str | None:
    import charset_normalizer  # lazy: last resort only

    best = charset_normalizer.from_bytes(data[:MAX_BYTES]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of a plain-text notice (order in the module docstring)."""
    check_size(len(data), name)
    text = None
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                text = _cut_at_end(data[len(bom):], encoding)
                if text is None:
                    raise InputError(name, f"无法按 {label} 解码（文件以 {label} 字节顺序标记开头）"
                                     ) from None
            break
    if text is None and b"\x00" in data[:_SNIFF]:
        text = _utf16_without_bom(data)
    if text is None:
        _check_binary(data, name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = (_cut_at_end(data, "utf-8") or _mostly(data, "utf-8")
                    or _strict(data, "gb18030") or _cut_at_end(data, "gb18030")
                    or _mostly(data, "gb18030") or _fallback(data))
        if text is None:
            raise InputError(name, "无法按 UTF-8、GB18030 或 UTF-16 解码")
    if _BLANK.fullmatch(text):
        raise InputError(name, "文件为空")
    return check_chars(text, name)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------------
# files

def _read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of the file at *path* (at most :data:`MAX_BYTES` + 1 of them, then refused).

    The file is opened once and its size read from the open file: five system calls for a
    notice, where :func:`_read_bytes_stat_first` (``stat``, ``isdir``, ``open``) makes eight.
    What fails to open, a directory and a file too large go to that one, for its errors
    (in the same order: missing, a directory, no permission, too large)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return _read_bytes_stat_first(path)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode) or st.st_size > MAX_BYTES:
            return _read_bytes_stat_first(path)
        data = _read_open(fd, st.st_size)
    except OSError as e:
        raise InputError(os.fspath(path), f"无法读取（{os_problem(e)}）") from None
    finally:
        os.close(fd)
    check_size(len(data), os.fspath(path))
    return data


def _read_open(fd: int, size: int) -> bytes:
    """Read *fd* to its end or past :data:`MAX_BYTES`: first its *size* and one byte more (a
    file's end is then found in one read more), then in pieces that grow with what came (a
    pipe, a file of no size or one that grew: no buffer of the limit's size up front)."""
    parts, got, ask = [], 0, size + 1
    while got <= MAX_BYTES:
        part = os.read(fd, ask)
        if not part:
            break
        parts.append(part)
        got += len(part)
        ask = min(MAX_BYTES + 1 - got, max(got, 65536))
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _read_bytes_stat_first(path: str | os.PathLike) -> bytes:
    name = os.fspath(path)
    try:
        st = os.stat(path)
        if os.path.isdir(path):
            raise InputError(name, "是目录，不是文件")
        check_size(st.st_size, name)
        with open(path, "rb") as f:
            # a buffer of the file's size: read(MAX_BYTES + 1) allocates that much first (~30 us
            # a file); a file of no size (a pipe, /proc) or grown since is read on to the limit
            data = f.read(min(st.st_size, MAX_BYTES) + 1) if st.st_size else b""
            if not st.st_size or len(data) > st.st_size:
                data += f.read(MAX_BYTES + 1 - len(data))
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(name, "是目录，不是文件") from None
    except PermissionError:
        raise InputError(name, "没有读取权限") from None
    except OSError as e:
        raise InputError(name, f"无法读取（{os_problem(e)}）") from None
    check_size(len(data), name)
    return data


#: the start of an HTML page, after a BOM, blanks and comments (a page saved as .jsp, .aspx,
#: without extension, or piped to stdin is still a page)
_HTML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:html|body|div|table|p|span|meta)\b[^>]*>", re.I)


def looks_like_html(data: bytes) -> bool:
    """True if *data* is an HTML page: it starts with a doctype or a page-level tag, or its
    first characters are a tag and tags of a page follow (a fragment ``<div>…</div>``)."""
    head = data[:4096]
    if _HTML_START.match(head):
        return True
    return (head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
            and len(_HTML_TAGS.findall(head)) >= 2)


def refuse_legacy_word(data: bytes, name: str) -> None:
    """A .doc/.wps (an OLE compound file) cannot be read: say how to make it readable."""
    if data.startswith(_OLE) or os.path.splitext(name)[1].lower() in _LEGACY_EXT:
        raise InputError(name, "是旧版 Word/WPS 文件（.doc/.wps），请用 Word 或 WPS 打开后"
                               "另存为 .docx 再检查")


def is_docx_bytes(data: bytes) -> bool:
    """True if *data* is a ZIP package holding a Word document part."""
    return data.startswith(b"PK\x03\x04") and b"word/" in data


def read_path(path: str | os.PathLike) -> str:
    """Read the notice in file *path*, chosen by extension.

    ``.docx`` → :func:`rectify_rules.docx.read_docx`; ``.html``/``.htm`` →
    :func:`rectify_rules.html.read_html`; anything else → :func:`decode` (a Word package
    with another extension is still read as Word, an HTML page (:func:`looks_like_html`) as
    HTML).
    """
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    data = _read_bytes(name)
    ext = os.path.splitext(name)[1].lower()
    refuse_legacy_word(data, name)
    if ext in _DOCX_EXT or is_docx_bytes(data):
        from .docx import read_docx
        text = read_docx(data, name)
    elif ext in _HTML_EXT or looks_like_html(data):
        from .html import read_html
        text = read_html(data, name)
    else:
        return decode(data, name)
    if _BLANK.fullmatch(text):
        raise InputError(name, "文件为空")
    return check_chars(text, name)


def load(source: str | bytes | os.PathLike) -> tuple[str, str | None]:
    """Return ``(text, filename)`` for *source*.

    - ``bytes`` → :func:`decode` (a Word package is read as Word, an HTML page as HTML);
      filename None.
    - ``os.PathLike`` → :func:`read_path`; filename ``str(path)``.
    - ``str`` → a path if it has no line break, is at most 1024 characters long and names an
      existing file (then read with :func:`read_path`, filename = the str); otherwise the str
      IS the notice text (returned as it is, minus a leading BOM; filename None).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        refuse_legacy_word(data, "<bytes>")
        if is_docx_bytes(data):
            check_size(len(data), "<bytes>")
            from .docx import read_docx
            return check_chars(read_docx(data, "<bytes>"), "<bytes>"), None
        if looks_like_html(data):
            check_size(len(data), "<bytes>")
            from .html import read_html
            text = read_html(data, "<bytes>")  # checks the characters extracted
            if _BLANK.fullmatch(text):
                raise InputError("<bytes>", "文件为空")
            return text, None
        return decode(data), None
    if isinstance(source, os.PathLike):
        name = os.fspath(source)
        name = os.fsdecode(name) if isinstance(name, bytes) else name
        return read_path(name), name
    if not isinstance(source, str):
        raise InputError(repr(source)[:60], f"无法读取 {type(source).__name__} 类型的输入")
    if ("\n" not in source and "\r" not in source and 0 < len(source) <= _MAX_PATH_CHARS
            and "\x00" not in source and _is_file(source)):
        return read_path(source), source
    check_chars(source, "<text>")
    return source[1:] if source.startswith("\ufeff") else source, None


def _is_file(s: str) -> bool:
    try:
        return os.path.isfile(s)
    except (OSError, ValueError):
        return False
