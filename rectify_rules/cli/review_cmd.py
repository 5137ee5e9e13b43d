"""``review`` (a reviewed copy of a draft) and ``serve`` (the local web page): their arguments
and the ``review`` command. The web application itself is :mod:`rectify_rules.serve`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import CliError
from .options import rule_options

SERVICE_HELP = """\
作为服务运行（开机自动启动）：
  Linux（systemd）：新建 /etc/systemd/system/rectify-rules.service，内容为
    [Unit]
    Description=rectify-rules 通报审校
    After=network.target
    [Service]
    ExecStart=/opt/rectify-rules/.venv/bin/rectify-rules serve --host 127.0.0.1 --port 8765
    User=rectify
    Restart=on-failure
    [Install]
    WantedBy=multi-user.target
  然后执行 systemctl daemon-reload && systemctl enable --now rectify-rules。
  Windows：用“任务计划程序”新建任务，触发器选“启动时”，操作为运行
    C:\\rectify-rules\\.venv\\Scripts\\rectify-rules.exe serve --port 8765
上传的文件只在内存中处理，响应后即丢弃，不写入磁盘；页面不向本机以外发出任何请求。
对单位内网开放时用 --host 0.0.0.0（或本机的内网地址），并只在可信网络中这样做。"""


def add_parsers(sub) -> None:
    v = sub.add_parser("review", help="审校草稿：写出带批注和修订的 Word 副本（.txt/.html 写出 HTML 报告）",
                       description="审校草稿。Word 文件（.docx）写出一份副本，每个问题是一条批注，"
                                   "确定无误的改正是修订（可逐条接受或拒绝）；.txt/.html 写出 HTML 审校报告。"
                                   "默认输出为“原名.审校.docx”（或 .审校.html），不覆盖已有文件。")
    v.add_argument("paths", nargs="+", metavar="DRAFT", help=".docx、.txt 或 .html 草稿")
    v.add_argument("--output", "-o", metavar="OUT", help="输出文件（只审校一个草稿时）")
    v.add_argument("--force", action="store_true", help="覆盖已存在的输出文件（从不覆盖原稿）")
    v.add_argument("--exit-zero", action="store_true", help="有问题时也以 0 退出")
    rule_options(v)
    v.set_defaults(handler=cmd_review)

    s = sub.add_parser("serve", help="启动本机审校网页（上传草稿，查看报告，下载审校稿）",
                       description="启动本机审校网页：在浏览器中上传 .docx/.txt/.html 草稿，查看 HTML "
                                   "审校报告，下载带批注和修订的 Word 审校稿。需要安装可选依赖："
                                   "pip install \"rectify-rules[web]\"。",
                       epilog=SERVICE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，仅本机可访问）")
    s.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")
    s.add_argument("--max-size", type=float, default=10, metavar="MB", help="上传大小上限（默认 10 MB）")
    rule_options(s)
    s.set_defaults(handler=cmd_serve)


def default_output(path: Path) -> Path:
    suffix = ".docx" if path.suffix.lower() == ".docx" else ".html"
    return path.with_name(path.stem + ".审校" + suffix)


def _target(draft: Path, output: str | None, force: bool) -> Path:
    out = Path(output) if output else default_output(draft)
    if out.exists() and out.resolve() == draft.resolve():
        raise CliError(f"{out}: error: 不能覆盖原稿，请换一个输出文件名")
    if out.exists() and not force:
        raise CliError(f"{out}: error: 文件已存在；加 --force 覆盖")
    return out


def _write(out: Path, data: bytes, force: bool) -> None:
    try:
        with open(out, "wb" if force else "xb") as f:   # "x": never over a file made meanwhile
            f.write(data)
    except FileExistsError:
        raise CliError(f"{out}: error: 文件已存在；加 --force 覆盖") from None
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{out}: error: 无法写入：{os_problem(e, writing=True)}") from None


def review_one(path: Path, settings, name: str) -> tuple[bytes, str, tuple]:
    """(output bytes, what was written, findings) for the draft at *path*."""
    from ..read import InputError, is_docx_bytes, refuse_legacy_word
    from .batch import get_pack

    try:
        data = path.read_bytes()
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{name}: error: 无法读取：{os_problem(e)}") from None
    pack = get_pack(settings)
    try:
        refuse_legacy_word(data, name)
        if path.suffix.lower() == ".docx" or is_docx_bytes(data):
            from ..review import review_docx

            result = review_docx(data, pack=pack, as_of=settings.as_of,
                                 severity=settings.severity, options=settings.options,
                                 genre=settings.genre, name=name)
            said = f"{len(result.findings)} 个问题，{result.comments} 条批注，{result.changes} 处修订"
            return result.data, said, result.findings
        return report_of_text(path, name, settings, pack)
    except InputError as e:
        problem = getattr(e, "problem", None) or str(e)
        raise CliError(f"{name}: error: {' '.join(problem.split())}") from None


def check_text(text: str, name: str, settings, pack) -> list:
    """The findings of a draft's text under the run's *settings* (review and serve)."""
    from ..engine import check_parsed
    from ..parsing import parse_source

    notice, src = parse_source(text, genre=settings.genre)
    return check_parsed(notice, src, pack, as_of=settings.as_of,
                        severity=dict(settings.severity) or None,
                        options={k: dict(v) for k, v in settings.options.items()} or None,
                        filename=name)


def report_of_text(path: Path, name: str, settings, pack) -> tuple[bytes, str, tuple]:
    from ..output import rule_info
    from ..output.html_fmt import render
    from ..read import load

    text, _ = load(path)
    findings = check_text(text, name, settings, pack)
    page = render(name, text, findings, {r.code: rule_info(r) for r in pack.rules})
    return page.encode("utf-8"), f"{len(findings)} 个问题", tuple(findings)


def cmd_review(args: argparse.Namespace) -> int:
    from .app import _RANK, _Resolver

    if args.output and len(args.paths) > 1:
        raise CliError("rectify-rules: error: --output 只能用于一个草稿；多个草稿各自写到“原名.审校”文件")
    resolver = _Resolver(args)
    errors = hit = False
    for p in args.paths:
        draft = Path(p)
        try:
            if not draft.is_file():
                raise CliError(f"{p}: error: 文件不存在" if not draft.exists()
                               else f"{p}: error: 是目录，不是文件")
            out = _target(draft, args.output, args.force)
            settings = resolver.settings_for(p)
            data, said, findings = review_one(draft, settings, p)
            _write(out, data, args.force)
        except CliError as e:
            sys.stdout.flush()
            print(str(e), file=sys.stderr)
            errors = True
            continue
        print(f"已写出 {out}：{said}。")
        level = _RANK[settings.fail_on]
        hit = hit or any(_RANK.get(f.severity, 0) >= level for f in findings)
    if errors:
        return 2
    return 0 if args.exit_zero or not hit else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .app import _Resolver

    try:
        from ..serve import run_server
    except ImportError as e:
        raise CliError("rectify-rules: error: serve 需要可选依赖：pip install \"rectify-rules[web]\""
                       f"（缺少 {e.name}）") from None
    if args.max_size <= 0:
        raise CliError("--max-size: 应为正数（MB）")
    settings = _Resolver(args).settings_for(os.path.join(os.getcwd(), "upload"))
    return run_server(args.host, args.port, settings, int(args.max_size * 1024 * 1024))
