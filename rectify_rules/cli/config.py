"""Configuration: ``[tool.rectify-rules]`` in pyproject.toml or top-level keys in rectify-rules.toml.

The nearest configuration walking up from each checked file wins (from the working directory
for stdin); ``--config FILE`` forces one. Flags given on the command line win over it. Unknown
keys are an error with a did-you-mean; codes are validated later, against the loaded rule pack.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import field, frozen

from .errors import CliError, did_you_mean

KEYS = ("select", "ignore", "severity", "fail-on", "rules", "as-of", "genre", "exclude",
        "options")
LEVELS = ("error", "warning", "info", "off")
FAIL_LEVELS = ("error", "warning", "info")
GENRES = ("auto", "notice", "report")
FILENAMES = ("rectify-rules.toml", "pyproject.toml")

_NUMERIC_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


@frozen
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: Mapping[str, str] = field(factory=dict, hash=False)
    fail_on: str | None = None
    rules: tuple[str, ...] = ()
    as_of: _dt.date | None = None
    genre: str | None = None
    exclude: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, Any]] = field(factory=dict, hash=False)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def parse_as_of(value: Any, where: str = "--as-of") -> _dt.date:
    """A reference date as a person types it: ISO, 2021年6月30日, 2021/6/30, yesterday, 3 days ago."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    m = _NUMERIC_DATE.match(text)
    if m:
        try:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise CliError(f"{where}: 日期不存在：{text}") from None
    found = _project_grammar(text)
    if found is None and text:
        found = _dateparser(text)
    if found is None:
        raise CliError(f"{where}: 无法识别的日期：{text!r}（可写 2021-06-30、2021年6月30日、"
                       "yesterday、\"3 days ago\"）")
    return found


def _project_grammar(text: str) -> _dt.date | None:
    try:
        from ..parsing.dates import parse_date
    except ImportError:
        return None
    try:
        result = parse_date(text)
    except Exception:  # the grammar is not ours to trust with arbitrary input
        return None
    if result is None or getattr(result, "year_inferred", False):
        return None  # "6月30日" alone: the year would be a guess
    value = getattr(result, "value", result)
    return value if isinstance(value, _dt.date) else None


def _dateparser(text: str) -> _dt.date | None:
    import dateparser  # heavy (≈130 ms): only for free-form dates

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    found = dateparser.parse(text, languages=["en", "zh"], settings=settings)
    return found.date() if found else None


def find_config(start: Path, cache: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest configuration file in *start* (a directory) or its parents."""
    cache = {} if cache is None else cache
    seen = []
    d = start.resolve()
    while True:
        if d in cache:
            found = cache[d]
            break
        seen.append(d)
        found = next((d / n for n in FILENAMES if _is_config(d / n)), None)
        if found is not None or d.parent == d:
            break
        d = d.parent
    for s in seen:
        cache[s] = found
    return found


def _is_config(path: Path) -> bool:
    if not path.is_file():
        return False
    if path.name != "pyproject.toml":
        return True
    try:  # a pyproject.toml without our table is not a configuration
        return "rectify-rules" in path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False


def load_config(path: Path) -> Config:
    """Read and validate the configuration in *path*."""
    import tomllib  # only a run with a configuration file reads TOML

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{path}: error: 无法读取配置文件：{os_problem(e)}") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: error: 配置文件不是 UTF-8 编码") from None
    except tomllib.TOMLDecodeError as e:
        raise CliError(f"{path}: error: TOML 语法错误：{e}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("rectify-rules")
        if table is None:
            return Config(path=path)
        prefix = "tool.rectify-rules."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise CliError(f"{path}: error: {prefix or '配置'}应是一个表")
    return config_from_table(table, path, prefix)


def config_from_table(table: Mapping[str, Any], path: Path, prefix: str = "") -> Config:
    where = str(path)

    def bad(key: str, problem: str) -> CliError:
        return CliError(f"{where}: error: {prefix}{key}: {problem}")

    for key in table:
        if key not in KEYS:
            raise bad(key, "未知的配置项" + did_you_mean(key, KEYS))
    kw: dict[str, Any] = {"path": path}
    for key in ("select", "ignore", "exclude", "rules"):
        if key in table:
            kw[key] = _strings(table[key], lambda p, k=key: bad(k, p))
    if "rules" in kw:
        kw["rules"] = tuple(str((path.parent / r).resolve()) for r in kw["rules"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise bad("severity", "应是一个表，例如 severity = { DAT005 = \"off\" }")
        for code, level in sev.items():
            if level not in LEVELS:
                raise bad(f"severity.{code}", f"级别应为 {'|'.join(LEVELS)}，而不是 {level!r}"
                          + did_you_mean(str(level), LEVELS))
        kw["severity"] = {str(k).upper(): v for k, v in sev.items()}
    if "fail-on" in table:
        if table["fail-on"] not in FAIL_LEVELS:
            raise bad("fail-on", f"应为 {'|'.join(FAIL_LEVELS)}，而不是 {table['fail-on']!r}")
        kw["fail_on"] = table["fail-on"]
    if "genre" in table:
        if table["genre"] not in GENRES:
            raise bad("genre", f"应为 {'|'.join(GENRES)}，而不是 {table['genre']!r}")
        kw["genre"] = None if table["genre"] == "auto" else table["genre"]
    if "as-of" in table:
        kw["as_of"] = parse_as_of(table["as-of"], f"{where}: error: {prefix}as-of")
    if "options" in table:
        opts = table["options"]
        if not isinstance(opts, dict) or not all(isinstance(v, dict) for v in opts.values()):
            raise bad("options", "应是规则代码到选项表的映射，例如 [options.DAT008] months = 3")
        kw["options"] = {str(k).upper(): dict(v) for k, v in opts.items()}
    return Config(**kw)


def _strings(value: Any, bad) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad("应是字符串列表")
    return tuple(v.strip() for v in value if v.strip())
