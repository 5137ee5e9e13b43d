"""Read a notice published as a web page: the main text, without navigation and footers.

selectolax (lexbor, imported lazily) parses the page; the DOM is copied once into a small
tree of our own (built without recursion, so a page of 10 000 unclosed ``<div>`` cannot
overflow the stack), and the heuristic works on that tree:

1. drop what is never the notice: script, style, nav, aside, forms' controls, iframes, hidden
   elements, and header/footer (unless they sit inside an article or main element);
2. count Chinese characters outside links in every element; starting at ``<body>``, step into
   the child that holds at least 60 % of the current element's count, as long as that child
   itself has block children (an element made of text and ``<br>`` alone is one paragraph:
   stepping into it would leave the sibling paragraphs behind);
3. find the title: the element whose text is the page's ``<title>`` (site name cut off),
   else the first ``<h1>``. If it lies outside the chosen block and little text separates
   them, the output starts at the title (the 来源/发布时间 line usually sits in between);
   otherwise the title is put on the first line;
4. write block elements (p, div, br, li, tr, h1–h6, …) as line breaks and table cells as
   spaces, collapse HTML white space (NBSP and U+3000 indents are kept), drop blank lines
   and link-dense blocks (share bars, "上一篇/下一篇", breadcrumbs).

Junk lines that survive ("打印本页", "关闭窗口") are the boilerplate module's business.

A hostile page cannot make this slow: lexbor's tree building grows with the square of the
nesting depth, so the depth is measured first with a linear scan of the tags
(:func:`nesting_depth`) and a page nested deeper than :data:`~rectify_rules.limits.HTML_MAX_DEPTH`
is refused; every walk over the copied tree is iterative and linear.
"""

from __future__ import annotations

import codecs
import re

from .limits import HTML_MAX_DEPTH
from .read import InputError, check_chars, check_size, decode

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""",
                           re.I)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "windows-936", "gb18030",
       "euc-cn", "x-euc-cn", "csgb2312", "chinese", "iso-ir-58"}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_NON_SPACE = re.compile(r"[^\s\u3000\xa0]")
_ALL_SPACE = re.compile(r"[\s\u3000\xa0\u200b]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: (never from inside a run of blanks: the same splits, linear in a long run)
_TITLE_SPLIT = re.compile(r"(?:(?<!\s)|(?=\S))(?:\s*[_|｜]+\s*|\s+[-–—]+\s+)|-{2,}")
_DROP = {"script", "style", "noscript", "template", "nav", "aside", "iframe", "frame",
         "object", "embed", "svg", "canvas", "select", "button", "input", "textarea", "map",
         "head", "audio", "video", "option"}
_PAGE_FRAME = {"header", "footer"}
_BLOCK = {"address", "article", "aside", "blockquote", "center", "dd", "details", "dialog",
          "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
          "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p",
          "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
          "summary"}
_CELL = {"td", "th"}
_NO_DESCENT = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "a", "pre"}
_SHARE = 0.6
_TITLE_TRIES = 50
_TITLE_MAX = 1000


class _El:
    """An element of the copied tree; ``kids`` holds _El and (index, text) pairs."""

    __slots__ = ("tag", "kids", "parent", "idx", "last", "cjk", "link_cjk", "chars",
                 "link_chars")

    def __init__(self, tag: str, parent: "_El | None") -> None:
        self.tag = tag
        self.kids: list = []
        self.parent = parent
        self.idx = self.last = 0
        self.cjk = self.link_cjk = self.chars = self.link_chars = 0

    @property
    def score(self) -> int:
        return self.cjk - self.link_cjk


def read_html(data: bytes, name: str = "<html>") -> str:
    """The main text of the web page in *data*."""
    return check_chars(html_to_text(decode_html(data, name), name), name)


#: a comment's start, or a start / end tag ("<div class=x>", "</p>", "<br/>")
_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
#: elements that never hold others (void) or whose end tag may be left out (the next one
#: closes them): neither makes a page deeper
_FLAT = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "spacer", "p",
         "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
         "option", "optgroup", "rb", "rt", "rtc", "rp", "html", "head", "body"}
#: elements whose content is text, not tags
_RAW = {"script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed",
        "noframes", "plaintext"}


def nesting_depth(html: str) -> int:
    """How deep elements nest in *html*, as a browser builds the tree (closely enough to
    refuse a hostile page): an end tag closes the elements left open inside its element."""
    lower = None
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = pos = 0
    while True:
        m = _TAG.search(html, pos)
        if m is None:
            return deepest
        pos = m.end()
        if m.group(2) is None:  # a comment: skip to its end
            pos = html.find("-->", pos)
            if pos < 0:
                return deepest
            continue
        tag = m.group(2).lower()
        if m.group(1):
            if open_count.get(tag):
                while True:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == tag:
                        break
            continue
        if tag in _RAW:  # its text runs to its end tag
            lower = html.lower() if lower is None else lower
            pos = lower.find("</" + tag, pos)
            if pos < 0:
                return deepest
            continue
        if tag in _FLAT or m.group().endswith("/>"):
            continue
        stack.append(tag)
        open_count[tag] = open_count.get(tag, 0) + 1
        deepest = max(deepest, len(stack))


def decode_html(data: bytes, name: str = "<html>") -> str:
    """Decode a page: byte-order mark, else the meta charset, else :func:`read.decode`."""
    check_size(len(data), name)
    declared = None
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META_CHARSET.search(data[:8192])
        if m:
            label = m.group(1).decode("ascii", "replace").lower()
            declared = "gb18030" if label in _GB else label
            try:
                return data.decode(codecs.lookup(declared).name)
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return decode(data, name)
    except InputError:
        if declared is None:
            raise
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            raise InputError(name, f"未知的字符集 {declared!r}") from None


def html_to_text(html: str, name: str = "<html>") -> str:
    """Main text of *html* (see the module docstring); "" if there is none. A page nested
    deeper than the limit is an :class:`InputError`."""
    from selectolax.lexbor import LexborHTMLParser  # lazy: only for web pages

    depth = nesting_depth(html)
    if depth > HTML_MAX_DEPTH:
        raise InputError(name, f"网页元素嵌套过深（{depth} 层），上限为 {HTML_MAX_DEPTH} 层")
    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return ""
    root, order = _copy(body)
    _count(order)
    block = _choose(root)
    page_title = _page_title(tree)
    title_el = _find_title(order, page_title)
    if title_el is not None and not _inside(title_el, block):
        if title_el.idx < block.idx:
            top = _common_ancestor(title_el, block)
            between = _render(top, title_el.idx, block.idx - 1)
            if len(_CJK.findall(between)) <= max(120, block.score // 5):
                return _render(top, title_el.idx, block.last)
        return _join(_render(title_el), _render(block))
    text = _render(block)
    if page_title and _ALL_SPACE.sub("", page_title) not in _ALL_SPACE.sub("", text):
        return _join(page_title, text)
    return text


def _join(first: str, rest: str) -> str:
    return f"{first}\n{rest}" if first and rest else first or rest


def _copy(body) -> tuple[_El, list[_El]]:
    """Copy the DOM below *body* into _El objects; returns the root and preorder list."""
    root = _El("body", None)
    stack = [(body, root, False)]
    counter = 0
    while stack:
        node, el, in_article = stack.pop()
        pending = []
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                el.kids.append((0, child.text_content or ""))
                continue
            if not isinstance(tag, str) or tag.startswith("-"):
                continue
            if tag in _DROP or (tag in _PAGE_FRAME and not in_article):
                continue
            attrs = child.attributes
            if "hidden" in attrs or _HIDDEN.search(attrs.get("style") or ""):
                continue
            sub = _El(tag, el)
            el.kids.append(sub)
            pending.append((child, sub, in_article or tag in ("article", "main")))
        stack.extend(reversed(pending))
    # preorder numbering: elements and text pieces share one sequence
    order = []
    walk: list = [root]
    while walk:
        item = walk.pop()
        counter += 1
        if isinstance(item, tuple):         # (parent, position) of a text piece
            parent, i = item
            parent.kids[i] = (counter, parent.kids[i][1])
            continue
        item.idx = counter
        order.append(item)
        walk.extend((item, i) if isinstance(k, tuple) else k
                    for i, k in reversed(list(enumerate(item.kids))))
    return root, order


def _count(order: list[_El]) -> None:
    for el in reversed(order):
        el.last = max([el.idx] + [k.last if isinstance(k, _El) else k[0] for k in el.kids])
        for kid in el.kids:
            if isinstance(kid, tuple):
                cjk = len(_CJK.findall(kid[1]))
                chars = len(_NON_SPACE.findall(kid[1]))
                el.cjk += cjk
                el.chars += chars
                if el.tag == "a":
                    el.link_cjk += cjk
                    el.link_chars += chars
            else:
                el.cjk += kid.cjk
                el.chars += kid.chars
                el.link_cjk += kid.cjk if el.tag == "a" else kid.link_cjk
                el.link_chars += kid.chars if el.tag == "a" else kid.link_chars


def _has_block_child(el: _El) -> bool:
    return any(isinstance(k, _El) and (k.tag in _BLOCK or k.tag in _CELL) for k in el.kids)


def _choose(root: _El) -> _El:
    node = root
    while True:
        kids = [k for k in node.kids if isinstance(k, _El) and k.tag not in _NO_DESCENT
                and _has_block_child(k)]
        best = max(kids, key=lambda k: k.score, default=None)
        if best is None or best.score <= 0 or best.score < _SHARE * node.score:
            return node
        node = best


def _page_title(tree) -> str:
    node = tree.css_first("head > title") or tree.css_first("title")
    if node is None:
        return ""
    # a title is a line: a page's "title" of a megabyte is cut (the split scans blanks from
    # every position, quadratic in a long run of them)
    text = _ALL_SPACE.sub(" ", (node.text() or "")[:_TITLE_MAX]).strip()
    parts = [p.strip() for p in _TITLE_SPLIT.split(text) if p.strip()]
    return max(parts, key=lambda p: len(_CJK.findall(p)), default="")


def _find_title(order: list[_El], page_title: str) -> _El | None:
    if page_title:
        want = _ALL_SPACE.sub("", page_title)
        n = len(_CJK.findall(page_title))
        # the deepest (last in preorder) wins: looked for from the end, so nested wrappers of
        # one title (each with the same count) are not all rendered; a page of thousands of
        # such wrappers none of which reads as the title gets a few tries, not one per wrapper
        tries = 0
        for el in reversed(order):
            if el.cjk == n and n >= 4:
                if _ALL_SPACE.sub("", _render(el)) == want:
                    return el
                tries += 1
                if tries == _TITLE_TRIES:
                    break
    return next((el for el in order if el.tag == "h1" and el.score >= 4), None)


def _inside(el: _El, block: _El) -> bool:
    return block.idx <= el.idx <= block.last


def _common_ancestor(a: _El, b: _El) -> _El:
    node = a
    while node.parent is not None and not _inside(b, node):
        node = node.parent
    return node


def _link_dense(el: _El) -> bool:
    return el.chars > 0 and el.link_chars * 2 >= el.chars and el.score < 100


def _render(top: _El, lo: int = 0, hi: int | None = None) -> str:
    """Text of *top*, limited to preorder indices lo..hi; lines stripped, blanks dropped."""
    hi = top.last if hi is None else hi
    out: list[str] = []
    stack: list = [top]
    while stack:
        item = stack.pop()
        if isinstance(item, str):           # a closing line break
            out.append(item)
            continue
        if isinstance(item, tuple):
            if lo <= item[0] <= hi:
                out.append(_HTML_SPACE.sub(" ", item[1]))
            continue
        el = item
        if el.last < lo or el.idx > hi:
            continue
        if el is not top and el.tag in _BLOCK and _link_dense(el):
            continue
        if el.tag == "br":
            out.append("\n")
            continue
        if el.tag in _BLOCK:
            out.append("\n")
            stack.append("\n")
        elif el.tag in _CELL:
            out.append(" ")
        stack.extend(reversed(el.kids))
    lines = (line.strip(" ") for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if _NON_SPACE.search(line))
