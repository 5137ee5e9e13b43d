"""Near misses of fixed formulations: one slip away from a right form of a ``terms`` rule.

A ``terms`` table lists the wrong forms people are known to write; a near-miss scan catches the
slips nobody listed. A slip is one of

- a character left out (中国特社会主义),
- a character added (社会主义核核心价值观) — but not 的/和/与/及/、/，, which make ordinary prose,
- two adjacent characters or two adjacent blocks swapped (中国特色主义社会思想),

inside the form: the text must agree with the right form on its first two and its last
character, so a right form followed or preceded by other words is no slip. A replaced character
is deliberately not a slip: that is where real, different names live (巡视工作条例 beside
巡察工作条例, 六中全会 beside 五中全会, 全面从严管党 beside 全面从严治党); the tables list the
replaced characters that are errors.

Candidates are found from the forms' first three characters and from their last three, with
one regex each (a trie alternation): one slip in a form of seven or more characters leaves at
least one end intact. A right form written right (the usual case) is passed over at once, so
the cost is one pass over the text plus a few comparisons per near anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .fastre import trie_pattern

#: characters whose insertion makes prose, not a slip
_PROSE = frozenset("的和与及、，,")


def _line_break(seen: str) -> bool:
    # tested after is_slip, which rejects most candidates on their ends: cheaper than a set
    # of every candidate's characters first
    return "\n" in seen or "\r" in seen


def _prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _suffix(a: str, b: str, limit: int) -> int:
    i = 0
    while i < limit and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def is_slip(seen: str, right: str) -> bool:
    """True when *seen* is *right* with one character left out, one added (not a prose word)
    or two adjacent blocks swapped, the first two and the last character kept."""
    if seen == right or seen[:2] != right[:2] or seen[-1] != right[-1]:
        return False
    p = _prefix(seen, right)
    q = _suffix(seen, right, min(len(seen), len(right)) - p)
    if len(seen) == len(right) - 1:
        return p + q >= len(seen)
    if len(seen) == len(right) + 1:
        return p + q >= len(right) and seen[p] not in _PROSE
    if len(seen) != len(right):
        return False
    mid_seen, mid_right = seen[p:len(seen) - q], right[p:len(right) - q]
    return any(mid_seen == mid_right[t:] + mid_right[:t] for t in range(1, len(mid_right)))


class NearMisses:
    """The near-miss scan for a set of right forms of at least *min_length* characters."""

    def __init__(self, rights: Iterable[str], min_length: int) -> None:
        self.rights = tuple(sorted({r for r in rights if len(r) >= min_length}))
        self.by_head: dict[str, list[str]] = {}
        self.by_tail: dict[str, list[str]] = {}
        for r in self.rights:
            self.by_head.setdefault(r[:3], []).append(r)
            self.by_tail.setdefault(r[-3:], []).append(r)
        self.head_re = re.compile(trie_pattern(self.by_head)) if self.rights else None
        self.tail_re = re.compile(trie_pattern(self.by_tail)) if self.rights else None

    def scan(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, right)`` of every near miss in *text*, in order, not overlapping."""
        if self.head_re is None:
            return
        found: dict[tuple[int, int], str] = {}
        size_of = len(text)
        # is_slip wants the first two and the last character of the right form: the one a
        # match does not give is compared first, without a slice or a call
        for m in self.head_re.finditer(text):
            start = m.start()
            for right in self.by_head[m.group()]:
                if text.startswith(right, start):
                    continue
                last = right[-1]
                for size in (len(right) - 1, len(right), len(right) + 1):
                    end = start + size
                    if end > size_of or text[end - 1] != last:
                        continue
                    seen = text[start:end]
                    if is_slip(seen, right) and not _line_break(seen):
                        found.setdefault((start, end), right)
                        break
        for m in self.tail_re.finditer(text):
            end = m.end()
            for right in self.by_tail[m.group()]:
                if text.endswith(right, 0, end):
                    continue
                first, second = right[0], right[1]
                for size in (len(right) - 1, len(right), len(right) + 1):
                    start = end - size
                    if start < 0 or text[start] != first or text[start + 1] != second:
                        continue
                    seen = text[start:end]
                    if is_slip(seen, right) and not _line_break(seen):
                        found.setdefault((start, end), right)
                        break
        last_end = -1
        for (start, end), right in sorted(found.items()):
            if start >= last_end:
                yield start, end, right
                last_end = end
