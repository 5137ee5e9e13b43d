"""What a fresh process reuses from the last one (rectify_rules.diskcache): compiled regular
expressions (regexcache) and the built-in rule pack (engine.packcache), and the imports a run
leaves out. The regex hook changes ``re`` for a whole process, so its tests run in
subprocesses, each with a cache folder of its own."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rectify_rules import diskcache
from rectify_rules.engine import RulePack, check_parsed, packcache
from rectify_rules.engine.pack import _load_dir, builtin_rules_dir
from rectify_rules.parsing import parse_source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# patterns of the kinds the parser uses: classes of Chinese characters, named groups,
# look-arounds, flags, bytes
PATTERNS = [
    (r"(?P<n>[〇零一二两三四五六七八九十百千]+)个问题", 0),
    (r"(?<=[\u3400-\u9fff])[(（](?P<syl>[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]", 0),
    (r"(?i:e-?mail)\s*[:：]\s*(\S+)", 0),
    (r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", 8),        # re.MULTILINE
    (r"(a)(b)?(?(2)c|d)", 0),                               # not cached: re may warn on (?(
    (r"[\w.-]+@[\w-]+(\.[\w-]+)+", 2),                      # re.IGNORECASE
]
TEXT = "共反馈二十三个问题。根據(jù)要求。E-mail：ab.c@x-y.cn\n2021年6月30日\nabc ad"

_PROBE = textwrap.dedent('''
    import json, re, sys, warnings
    from rectify_rules import regexcache
    regexcache.install()
    patterns = json.loads(sys.argv[1])
    text = sys.argv[2]
    out = []
    for p, flags in patterns:
        rx = re.compile(p, flags)
        plain = regexcache._state["original"](p, flags) if regexcache.installed() else rx
        out.append({"cached": (p, flags) in regexcache._state.get("used", ()),
                    "equal": rx == plain and rx.groupindex == plain.groupindex,
                    "matches": [m.span() for m in rx.finditer(text)],
                    "plain": [m.span() for m in plain.finditer(text)]})
    state = regexcache._state
    print(json.dumps({"installed": regexcache.installed(), "results": out,
                      "from_cache": len(state.get("used", ())),
                      "new": len(state.get("new", ()))}))
''')


def _probe(cache: Path | str, patterns=PATTERNS) -> dict:
    env = {**os.environ, "RECTIFY_RULES_CACHE_DIR": str(cache)}
    p = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(patterns), TEXT],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def _regex_file(cache: Path) -> Path:
    found = list(cache.glob("regex-*.marshal"))
    assert len(found) == 1, found
    return found[0]


def test_patterns_come_back_from_the_cache_equal_and_matching_the_same(tmp_path):
    first = _probe(tmp_path)
    assert first["installed"] and first["from_cache"] == 0 and first["new"] >= 5
    second = _probe(tmp_path)
    # every pattern but the one with (?( (for which re may warn) is served from the file
    assert [r["cached"] for r in second["results"]] == [True, True, True, True, False, True]
    assert second["new"] == 0
    for r in second["results"]:
        assert r["equal"] and r["matches"] == r["plain"]
    assert second["results"][0]["matches"] == [[3, 9]]    # 二十三个问题
    assert second["results"][1]["matches"] == [[12, 16]]  # (jù)
    assert second["results"][2]["matches"] == [[19, 37]]  # E-mail：ab.c@x-y.cn
    assert second["results"][3]["matches"] == [[38, 48]]  # 2021年6月30日 on its own line
    assert second["results"][4]["matches"] == [[49, 52], [53, 55]]  # abc, ad


def test_a_damaged_cache_file_is_ignored(tmp_path):
    _probe(tmp_path)
    path = _regex_file(tmp_path)
    path.write_bytes(path.read_bytes()[:1000])  # cut short
    r = _probe(tmp_path)
    assert not any(x["cached"] for x in r["results"]) and all(x["equal"] for x in r["results"])
    path.write_bytes(b"\x00garbage" * 50)
    r = _probe(tmp_path)
    assert not any(x["cached"] for x in r["results"]) and all(x["equal"] for x in r["results"])


def test_a_damaged_entry_is_compiled_as_usual(tmp_path):
    _probe(tmp_path)
    path = _regex_file(tmp_path)
    header, entries = marshal.loads(path.read_bytes())
    for key, (final, code, groups, groupindex, indexgroup) in list(entries.items()):
        entries[key] = (final, code[: len(code) // 2], groups, groupindex, indexgroup)
    path.write_bytes(marshal.dumps((header, entries)))
    r = _probe(tmp_path)
    assert not any(x["cached"] for x in r["results"])  # _sre refused every entry
    for x in r["results"]:
        assert x["equal"] and x["matches"] == x["plain"]


def test_a_cache_file_of_another_python_is_ignored(tmp_path):
    _probe(tmp_path)
    path = _regex_file(tmp_path)
    header, entries = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((("3.99.0 other build",) + header[1:], entries)))
    assert not any(x["cached"] for x in _probe(tmp_path)["results"])


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_write_to_is_not_used(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    r = _probe(shared)
    assert r["installed"]
    assert not list(shared.iterdir())  # nothing written
    shared.chmod(0o700)
    _probe(shared)
    assert list(shared.glob("regex-*.marshal"))
    shared.chmod(0o777)
    assert not any(x["cached"] for x in _probe(shared)["results"])  # nor read


def test_cache_off_and_unwritable_folders_change_nothing(tmp_path):
    off = _probe("off")
    assert not off["installed"]
    assert all(x["equal"] for x in off["results"])
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    r = _probe(blocked / "cache")  # cannot be created: the run goes on without a cache
    assert r["installed"] and all(x["equal"] for x in r["results"])


def test_the_program_installs_the_hook_a_library_caller_does_not(tmp_path):
    seed = str(SEEDS[0])
    code = ("import re, sys; from rectify_rules.cli import main; "
            "from rectify_rules import regexcache; main({}); "
            "sys.stdout.flush(); print('\\nINSTALLED', regexcache.installed())")
    env = {**os.environ, "RECTIFY_RULES_CACHE_DIR": str(tmp_path)}
    for argv, want in (("None", True), (repr(["check", seed, "--format", "concise"]), False)):
        args = [sys.executable, "-c", code.format(argv)]
        if argv == "None":
            args += ["check", seed, "--format", "concise"]
        p = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert p.stdout.splitlines()[-1] == f"INSTALLED {want}", p.stderr


# ---- the built-in pack ----------------------------------------------------------------------

@pytest.fixture
def pack_folder(tmp_path, monkeypatch):
    """A copy of the built-in pack and a cache folder of the test's own."""
    import shutil

    folder = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), folder)
    cache = tmp_path / "cache"
    monkeypatch.setenv("RECTIFY_RULES_CACHE_DIR", str(cache))
    return str(folder)


def _findings(rules: dict) -> list[tuple]:
    pack = RulePack(tuple(sorted(rules.values(), key=lambda r: r.code)))
    out = []
    for seed in SEEDS:
        notice, src = parse_source(seed.read_text(encoding="utf-8"))
        out += [(seed.name, f.code, f.span, f.message, tuple(sorted(f.values)))
                for f in check_parsed(notice, src, pack, filename=seed.name)]
    return out


def test_the_cached_pack_checks_as_the_compiled_one(pack_folder):
    assert packcache.load(pack_folder) is None  # nothing cached yet
    compiled = _load_dir(Path(pack_folder))
    packcache.save(pack_folder, compiled)
    cached = packcache.load(pack_folder)
    assert cached is not None and cached is not compiled
    assert sorted(cached) == sorted(compiled)
    assert {c: (r.kind, r.message, r.value_types) for c, r in cached.items()} == \
        {c: (r.kind, r.message, r.value_types) for c, r in compiled.items()}
    found = _findings(cached)
    assert len(found) > 100
    assert found == _findings(compiled)


def test_a_changed_added_or_removed_rule_file_makes_the_cache_miss(pack_folder):
    packcache.save(pack_folder, _load_dir(Path(pack_folder)))
    assert packcache.load(pack_folder) is not None
    rule = next(Path(pack_folder).rglob("*.toml"))
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace("summary = \"", "summary = \"改：", 1), encoding="utf-8")
    assert packcache.load(pack_folder) is None
    packcache.save(pack_folder, _load_dir(Path(pack_folder)))
    assert "改：" in packcache.load(pack_folder)[rule.stem].summary
    extra = rule.with_name("ZZZ999.toml")
    extra.write_text(text.replace(rule.stem, "ZZZ999"), encoding="utf-8")
    assert packcache.load(pack_folder) is None
    packcache.save(pack_folder, _load_dir(Path(pack_folder)))
    extra.unlink()
    assert packcache.load(pack_folder) is None


def test_a_damaged_pack_file_is_ignored(pack_folder):
    packcache.save(pack_folder, _load_dir(Path(pack_folder)))
    path = diskcache.folder() / "builtin-pack.pickle"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 500])
    assert packcache.load(pack_folder) is None
    path.write_bytes(b"")
    assert packcache.load(pack_folder) is None


def test_the_cli_uses_the_cached_pack_and_leaves_pyparsing_out(tmp_path):
    """A second run reads the pack from the cache: the expression grammar (pyparsing) is not
    imported, and the output is the same."""
    code = ("import sys; from rectify_rules.cli import main; rc = main(); sys.stdout.flush(); "
            "print('\\nMODULES', sorted(m for m in ('pyparsing', 'importlib.metadata') "
            "if m in sys.modules))")
    env = {**os.environ, "RECTIFY_RULES_CACHE_DIR": str(tmp_path)}
    outs = []
    for _ in range(2):
        p = subprocess.run([sys.executable, "-c", code, "check", str(SEEDS[1]), "--format",
                            "concise"], capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=120)
        *lines, modules = p.stdout.splitlines()
        outs.append((lines, modules))
    assert outs[0][0] == outs[1][0] and len(outs[0][0]) > 5
    assert "pyparsing" in outs[0][1]  # the first run compiled the pack
    assert outs[1][1] == "MODULES []"


def test_a_plugin_error_still_stops_a_run_whose_pack_is_cached(tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "RECTIFY_RULES_CACHE_DIR": str(cache)}
    env.pop("RECTIFY_RULES_DEBUG", None)
    seed = str(SEEDS[1])
    cli = [sys.executable, "-m", "rectify_rules", "check", seed, "--format", "concise"]
    first = subprocess.run(cli, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert first.returncode in (0, 1) and "检查了 1 个文件" in first.stdout
    assert (cache / "builtin-pack.pickle").exists()
    site = tmp_path / "site"
    dist = site / "demo_plugin-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[rectify_rules.checks]\nphone-valid = demo:fn\n")
    (site / "demo.py").write_text("def fn(ctx):\n    return []\n")
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    p = subprocess.run(cli, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert p.returncode == 2
    assert p.stderr.splitlines() == [
        ("rectify-rules: error: check plugin phone-valid = demo:fn (distribution demo-plugin): "
         "the name 'phone-valid' is already a registered check")]


def test_contact_libraries_are_imported_only_for_contact_values(tmp_path):
    """email-validator and phonenumbers cost ~30 ms to import: a notice without a phone
    number or an e-mail address does not import them."""
    plain = tmp_path / "plain.txt"
    plain.write_text("中共某县委办公室关于巡察整改进展情况的通报\n\n截至目前，反馈的25项问题已完成10项。\n",
                     encoding="utf-8")
    code = ("import sys; from rectify_rules.cli import main; main(); sys.stdout.flush(); "
            "print('\\nMODULES', sorted(m for m in ('email_validator', 'phonenumbers') "
            "if m in sys.modules))")
    env = {**os.environ, "RECTIFY_RULES_CACHE_DIR": str(tmp_path / "cache")}
    for path, want in ((plain, "MODULES []"),
                       (SEEDS[1], "MODULES ['email_validator', 'phonenumbers']")):
        p = subprocess.run([sys.executable, "-c", code, "check", str(path), "--format",
                            "concise"], capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=120)
        assert p.stdout.splitlines()[-1] == want, p.stderr


def test_a_python_that_compiles_otherwise_turns_the_hook_off(tmp_path):
    """The first pattern compiled through the hook is compared with re's own compile; here the
    entries are made wrong on purpose (another flag), so the hook removes itself."""
    code = textwrap.dedent('''
        import re, sys
        from re import _compiler
        from rectify_rules import regexcache
        regexcache.install()
        made = regexcache._entry
        def wrong(p, flags):
            final, *rest = made(p, flags)
            return (final | re.ASCII, *rest)
        regexcache._entry = wrong
        rx = re.compile("[一-龥]+(?P<n>[0-9]+)项")
        print(rx.flags & re.ASCII == 0, _compiler.compile is regexcache._state["original"],
              len(regexcache._state["new"]), rx.search("完成12项").group("n"))
    ''')
    env = {**os.environ, "RECTIFY_RULES_CACHE_DIR": str(tmp_path)}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=120)
    assert p.stdout.split() == ["True", "True", "0", "12"], p.stderr
    assert not list(tmp_path.glob("regex-*"))  # nothing to write
