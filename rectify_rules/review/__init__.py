"""Review a Word draft where it lives: a copy of the .docx with one Word comment per finding,
anchored on exactly the characters the finding names, and the certain fixes as tracked changes.

    >>> from rectify_rules.review import review_docx
    >>> result = review_docx(open("draft.docx", "rb").read())
    >>> open("draft.审校.docx", "wb").write(result.data)

What is reviewed: the body — paragraphs and tables (nested ones too), with Word's automatic
list numbers as Word shows them. Left as they are and not checked: headers and footers, text
boxes, footnotes and endnotes, existing comments. A draft with tracked changes pending is
checked as if they were accepted (the reader's view). See docs/review.md.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Mapping

from attrs import frozen

from ..findings import Finding
from ..output.words import level_name, quote

__all__ = ["Review", "review_docx", "comment_lines"]


@frozen
class Review:
    data: bytes                     # the reviewed copy (.docx bytes)
    text: str                       # the text that was checked
    findings: tuple[Finding, ...]
    comments: int
    changes: int                    # tracked changes made (safe fixes)


def comment_lines(f: Finding, rule, text: str, marker: str = "", tracked: bool = False
                  ) -> list[str]:
    """The paragraphs of the comment for finding *f* (*rule*: its RuleInfo, or None)."""
    title = (rule.summary if rule is not None and rule.summary else f.name)
    lines = [f"【{level_name(f.severity)}】{f.message}", f"规则：{f.code} {title}"]
    if marker:
        lines.append(f"此处是 Word 自动编号，Word 显示为“{marker}”。")
    for r in f.related:
        label = f"（{r.message}）" if r.message else ""
        lines.append(f"另见：{quote(text, r.span.start, r.span.end)}{label}")
    if f.fix is not None:
        if tracked:
            lines.append(f"已作为修订改为“{f.fix.replacement}”，可在“审阅”中接受或拒绝。")
        elif f.fix.safe:
            lines.append(f"建议改为“{f.fix.replacement}”。")
        else:
            lines.append(f"可能应改为“{f.fix.replacement}”（需人工确认）。")
    if rule is not None and rule.use_instead:
        lines.append(f"建议：{rule.use_instead}")
    if f.reference:
        lines.append(f"依据：{f.reference}")
    return lines


def review_docx(data: bytes, *, pack=None, as_of: _dt.date | None = None,
                severity: Mapping[str, str] | None = None,
                options: Mapping[str, Mapping] | None = None, genre: str | None = None,
                name: str = "<docx>", when: _dt.datetime | None = None) -> Review:
    """Check the Word draft in *data* and return its reviewed copy.

    *pack* is a RulePack (the built-in one by default); the other arguments are those of
    :func:`rectify_rules.engine.check_parsed`. Raises :class:`rectify_rules.InputError` for
    a file that is not a readable .docx.
    """
    import docx

    from ..docx import read_docx
    from ..engine import check_parsed, load_rules
    from ..output import rule_info
    from ..parsing import parse_source
    from ..read import InputError, check_size
    from .annotate import annotate

    check_size(len(data), name)
    text = read_docx(data, name)  # the checked text, with read_docx's own checks and errors
    if not text.strip():
        raise InputError(name, "文件为空")
    pack = pack if pack is not None else load_rules()
    notice, src = parse_source(text, genre=genre)
    findings = check_parsed(notice, src, pack, as_of=as_of, severity=dict(severity or {}) or None,
                            options={k: dict(v) for k, v in (options or {}).items()} or None,
                            filename=name)
    rules = {r.code: rule_info(r) for r in pack.rules}
    document = docx.Document(io.BytesIO(data))

    from ..redact import masked_text

    quoted = masked_text(text, findings)  # personal data (PRV) masked in the quotes

    def wording(f: Finding, marker: str, tracked: bool) -> list[str]:
        return comment_lines(f, rules.get(f.code), quoted, marker, tracked)

    when = when or _dt.datetime.now(_dt.timezone.utc)
    comments, changes = annotate(document, findings, wording, when)
    out = io.BytesIO()
    document.save(out)
    return Review(out.getvalue(), text, tuple(findings), comments, changes)
