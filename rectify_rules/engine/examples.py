"""The example harness: every rule's bad text must produce its code, the good text must not."""

from __future__ import annotations

from .rule import ExampleResult, Rule, RulePack


def _genre(rule: Rule, genre: str | None) -> str | None:
    """An example of a rule that never runs on 'unknown' texts is parsed as that rule's genre."""
    if genre is not None or "unknown" in rule.applies_to:
        return genre
    return "notice" if "notice" in rule.applies_to else sorted(rule.applies_to)[0]


def _run(rule: Rule, text: str, genre: str | None, as_of) -> list:
    from .evaluate import check

    found = check(text, rules=RulePack((rule,)), genre=_genre(rule, genre), as_of=as_of)
    return [f for f in found if f.code == rule.code]


def _where(f) -> str:
    return f"{f.location.row}:{f.location.column} {f.message}"


def run_examples(pack: RulePack) -> list[ExampleResult]:
    """Run every example (and every `tests` entry of a terms rule) of every rule in *pack*."""
    out: list[ExampleResult] = []
    for rule in pack.rules:
        for i, ex in enumerate(rule.examples):
            bad = _run(rule, ex.bad, ex.genre, ex.as_of)
            out.append(ExampleResult(rule.code, i, "bad", bool(bad),
                                     f"found {_where(bad[0])}" if bad else
                                     f"the bad example of {rule.code} produced no {rule.code} finding"))
            good = _run(rule, ex.good, ex.genre, ex.as_of)
            out.append(ExampleResult(rule.code, i, "good", not good,
                                     f"the good example of {rule.code} produced {_where(good[0])}"
                                     if good else "no finding"))
        if rule.kind == "terms":
            tests = [t for term in rule.spec.terms for t in term.tests]
            for i, text in enumerate(tests):
                hits = _run(rule, text, None, None)
                out.append(ExampleResult(rule.code, i, "test", bool(hits),
                                         f"found {_where(hits[0])}" if hits else
                                         f"terms test {text!r} of {rule.code} produced no finding"))
    return out
