"""Contact details for public supervision: phones, emails, postal address, postcode.

Candidates are taken after their labels (电话 / 联系电话 / 举报电话 …, 电子邮箱 / 邮箱 …,
通信地址 / 邮政地址 / 邮政信箱 / 来信请寄 …, 邮编 / 邮政编码) on the normalised view; the text
of each fact is the ORIGINAL text at its span, so a full-width ＠ or a stray character stays
visible to the validity rules (CON001–CON004), which judge the values — this module only
finds them.
An e-mail candidate is the whole value after its label, up to where an address plainly ends
(so "abc@@163.com", "a b@163.com" or "abc.163.com" reach CON003 as written); an unlabelled
address in running text is found from its "@". A local number listed after a landline
("0736-3221560、3221561") gets that landline's area code in its ``number`` (its text stays as
written).
"""

from __future__ import annotations

import re

from ..model import Contact, Email, Phone, Span, TextFact
from ..text import SourceText
from .starts import matches_at, word_starts

# Each label pattern is alternatives that start with a literal: Python's engine then skips to
# the characters they start with (a pattern led by a look-ahead is tried at every place: three
# times slower over a notice). "[A?]B" is written "AB|B", "(?<!x)e" as "e(?<!xe)".
_PHONE_WORD = r"电[ ]{0,3}话|热线|手机|座机"
_PHONE_LABEL = re.compile(
    "(?P<label>(?:" + "|".join(f"{who}(?:{_PHONE_WORD})" for who in (
        "联系", "举报", "监督", "咨询", "值班", "投诉", "服务", "受理")) + f"|{_PHONE_WORD})(?:号码)?)"
    r"\s*(?:[:：]|为|是)?\s*")
# a phone-shaped run: digits with separators (- — – space ( ), 转 for extensions)
_PHONE = re.compile(r"\(?\d[\d\-—–() ]{2,18}\d(?:\s*(?:转|-)\s*\d{1,5})?")
# a figure, not a phone: "举报电话2021年…", "电话32个"
_NOT_PHONE_AFTER = re.compile(r"\s*[年月日个件次条人项余多]")
_NON_DIGIT = re.compile(r"\D")
_MIN_DIGITS = 5  # the shortest phone a notice gives is a service number (12388)
_PHONE_SEP = re.compile(r"\s*(?:、|,|/|或|及|和|;)\s*")
#: what every _PHONE_LABEL match holds: one of these at its start or after a two-character
#: prefix ("联系", "举报" …)
_PHONE_CORE = ("电", "热线", "手机", "座机")
#: an e-mail label and its colon (电子邮箱 / 电子信箱 / 电子邮件 / 邮箱 / 邮件 / E-mail / Email …,
#: optionally "地址"); a bare 信箱 is a postal box, not an e-mail label
_EMAIL_LABEL = re.compile(
    r"(?P<label>(?:电子(?:邮箱|信箱|邮件)|邮箱|邮件|E(?<![A-Za-z]E)(?i:-?mail)"
    r"|e(?<![A-Za-z]e)(?i:-?mail))(?:地址)?)"
    r"[ ]*:[ ]*")
#: what every _EMAIL_LABEL match starts with
_EMAIL_FIRST = ("电子", "邮箱", "邮件", "E", "e")
#: a "。" between a host and its top-level domain ("abc@163。com") stays in the address (the
#: check reports it); a "。" anywhere else ends it
_CN_DOT = r"。(?=(?i:com|cn|net|org|gov|edu)(?![A-Za-z0-9]))"
#: the value after an e-mail label, up to where an address plainly ends: Chinese text and CJK
#: punctuation (。 、 “ ” 【 】 …), ， , ； ; : brackets, quotes and the end of the line
#: (an address is at most 254 characters; the cap keeps a label before a long Latin run cheap)
_EMAIL_VALUE = re.compile(
    r"(?:[^\n,;:()\[\]<>{}\"'“”‘’\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff5f-\uff65]"
    rf"|{_CN_DOT}){{0,320}}")
_TOKEN = re.compile(r"\S+")
#: an unlabelled address in running text: local-part characters, its "@" (blanks around it
#: allowed), then every address character that follows ("abc@@163.com", "abc@163..com")
#: (it starts where its run of local-part characters starts: a match is never followed by
#: one, and a later start in the run would read the run again, quadratic in a long one)
_EMAIL = re.compile(r"(?<![A-Za-z0-9_.%+\-])[A-Za-z0-9_.%+\-]+[ ]*@[ ]*"
                    rf"(?:[A-Za-z0-9_.%+\-@]|{_CN_DOT})*[A-Za-z0-9_.%+\-@]")
#: what an address holds before its "@" (blanks tested apart)
_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.%+-")
#: the longest label prefix _ADDRESS allows before its anchor word ("通信", "联系" before 地址)
_ADDRESS_PREFIX = 2
#: (the 地址 of an e-mail label, "邮箱地址：" / "E-mail地址：", is not a postal address);
#: "邮政信箱：" and "来信请寄：" are postal labels too (a bare 信箱 is left alone)
_ADDRESS = re.compile(r"(?=[通邮来联地])(?:(?:通信|通讯|邮政|邮寄|来信|联系|(?<![箱件lL]))地址"
                      r"|邮政信箱|来信请寄(?:至|到)?)\s*(?:[:：]|为)\s*"
                      # the value is bounded: a lazy run before blanks was quadratic in them
                      r"(?P<v>[^;；,，。\n]{0,120}?)\s*(?=[;；,，。\n]|邮编|邮政编码|$)")
#: every _ADDRESS match holds one of these, at most _ADDRESS_PREFIX after its start
_ADDRESS_ANCHORS = ("地址", "信箱", "请寄")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)[ ]*(?:[:：]|为)?[ ]*(?P<v>[0-9A-Za-z]*)")
_BLOCK = re.compile(r"联系方式|联系电话|举报电话|监督电话|电[ ]{0,3}话|电子邮箱|电子信箱|电子邮件|邮箱"
                    r"|(?<![A-Za-z])(?i:e-?mail)|通信地址|邮政地址|邮政信箱|来信请寄")


def _area_prefix(digits: str) -> str | None:
    """The area code, with its 0, of a national landline number ("07363221560" → "0736")."""
    if not digits.startswith("0") or len(digits) < 10:
        return None
    return digits[:3] if digits[1] in "12" else digits[:4]


def _phones(norm: str, original: str) -> list[Phone]:
    """Phones after their labels. A local number listed after a landline with its area code
    ("0736-3221560、3221561") is in that area: its ``number`` gets the area code."""
    found: list[Phone] = []
    # _PHONE_LABEL.finditer(norm), tried only at or two characters before the label's core word
    for lab in matches_at(_PHONE_LABEL, norm, word_starts(norm, _PHONE_CORE, (0, 2))):
        pos = lab.end()
        area: str | None = None
        while True:
            m = _PHONE.match(norm, pos)
            if not m:
                break
            raw = m.group().rstrip(" -(—–")
            end = m.start() + len(raw)
            digits = _NON_DIGIT.sub("", raw.split("转")[0])
            if len(digits) >= _MIN_DIGITS and not _NOT_PHONE_AFTER.match(norm, end):
                if area is not None and len(digits) in (7, 8) and digits[0] not in "01":
                    digits = area + digits
                area = _area_prefix(digits) or area
                found.append(Phone(text=original[m.start():end], span=Span(m.start(), end),
                                   number=digits, label=lab.group("label")))
            sep = _PHONE_SEP.match(norm, end)
            if not sep:
                break
            pos = sep.end()
    return found


def _labelled_value(norm: str, start: int) -> Span | None:
    """The span of the address after a label ending at *start*, or None when nothing is there.

    Inside the value a blank ends the address, except where it plainly still goes on: every
    word before the one holding the "@" belongs to it ("a b@163.com"), and so does a word
    after it joined by "@" or "." ("abc @ 163.com", "abc@163 .com"). A value without "@" is
    its first word ("abc.163.com"). A trailing "." ends the sentence, not the address."""
    run = _EMAIL_VALUE.match(norm, start).group()
    words = [m.span() for m in _TOKEN.finditer(run)]
    if not words:
        return None
    last = next((i for i, (s, e) in enumerate(words) if "@" in run[s:e]), 0)
    while (last + 1 < len(words) and (run[words[last][1] - 1] in "@."
                                      or run[words[last + 1][0]] in "@.")):
        last += 1
    s, e = words[0][0], words[last][1]
    while e > s and (run[e - 1] == "." or run[e - 1].isspace()):
        e -= 1
    return Span(start + s, start + e) if e > s else None


def _labelled_emails(norm: str) -> list[Span]:
    out: list[Span] = []
    for lab in matches_at(_EMAIL_LABEL, norm, word_starts(norm, _EMAIL_FIRST)):
        if (span := _labelled_value(norm, lab.end())) is not None:
            out.append(span)
    return out


def _email_matches(norm: str):
    """The matches of ``_EMAIL.finditer(norm)``, found from each "@": a match is local-part
    characters and blanks up to its "@", so it starts in the run of those before the "@" (and
    never before the end of the previous match). Scanning the whole text would try every
    Latin letter and digit."""
    prev = 0
    at = norm.find("@")
    while at >= 0:
        i = at
        while i > prev and (norm[i - 1] in _LOCAL_CHARS or norm[i - 1] == " "):
            i -= 1
        m = _EMAIL.search(norm, i)
        if m is None:
            return
        yield m
        prev = m.end()
        at = norm.find("@", prev)


def _emails(norm: str, original: str) -> list[Email]:
    """Addresses after their labels (the whole value, well-formed or not: CON003 judges it),
    then the unlabelled addresses of the running text, found from their "@"."""
    taken = _labelled_emails(norm)  # sorted, disjoint
    spans = list(taken)
    j = 0
    for m in _email_matches(norm):  # in text order too
        # a trailing "." belongs to the sentence, not the address
        start, end = m.start(), m.start() + len(m.group().rstrip(". "))
        while j < len(taken) and taken[j].end <= start:
            j += 1
        if end > start and not (j < len(taken) and taken[j].start < end):
            spans.append(Span(start, end))
    return [Email(text=original[s.start:s.end], span=s) for s in sorted(spans)]


def parse_contact(src: SourceText) -> Contact:
    norm, original = src.norm, src.original
    phones = _phones(norm, original)
    emails = _emails(norm, original)
    address = postcode = None
    about = min((at for w in _ADDRESS_ANCHORS if (at := norm.find(w)) >= 0), default=-1)
    if about >= 0 and (m := _ADDRESS.search(norm, max(0, about - _ADDRESS_PREFIX))):
        s, e = m.span("v")
        address = TextFact(original[s:e], Span(s, e))
    if m := _POSTCODE.search(norm):
        s, e = m.span("v")
        postcode = TextFact(original[s:e], Span(s, e))
    spans = [f.span for f in (*phones, *emails) if f] + [
        f.span for f in (address, postcode) if f is not None]
    block = None
    if spans:
        start = min(s.start for s in spans)
        if lab := _BLOCK.search(norm, max(0, start - 40), start + 1):
            start = min(start, lab.start())
        block = Span(start, max(s.end for s in spans))
    seen: set[Span] = set()
    uniq = tuple(p for p in phones if not (p.span in seen or seen.add(p.span)))
    return Contact(phones=uniq, emails=tuple(emails), address=address, postcode=postcode,
                   span=block)
