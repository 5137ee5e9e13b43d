"""``rectify-rules serve``: a small local web page for an office (Starlette + uvicorn, the
optional extra ``[web]``).

Choose or drop a .docx/.txt/.html draft, get the HTML report; for a .docx the report carries
the reviewed copy (comments and tracked changes) as a download embedded in the page, so the
server keeps nothing: the upload is read into memory (never spooled to disk), checked, and
forgotten when the response is sent. Every request is handled on its own (no session, no
shared state besides the read-only rule pack), so two users at once get their own results.
A Content-Security-Policy allows only the page's own inline style and script (by hash):
nothing is fetched from elsewhere, and nothing leaves the machine.
"""

from __future__ import annotations

import html
import sys
import time
from pathlib import PurePath

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .output.html_fmt import _hash, assets, page

KINDS = (".docx", ".txt", ".html", ".htm")
SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store", "X-Frame-Options": "DENY"}

_FORM_CSS = """.drop { display: block; margin: 28px 24px; padding: 48px 24px; background: #fff;
  border: 3px dashed #9aa7b8; border-radius: 10px; text-align: center; font-size: 18px; }
.drop input { display: block; margin: 18px auto; font-size: 16px; }
.drop button { font-size: 17px; padding: 6px 28px; }
.error { margin: 28px 24px; padding: 16px 20px; background: #fde0dc; border-left: 5px solid #c62828; }
.note { margin: 0 24px; color: #555; }"""
_FORM_JS = """(function () {
  var input = document.getElementById("draft"), msg = document.getElementById("msg");
  var limit = parseInt(input.getAttribute("data-limit"), 10);
  var zone = document.querySelector(".drop");
  zone.addEventListener("dragover", function (ev) { ev.preventDefault(); });
  zone.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (ev.dataTransfer.files.length) { input.files = ev.dataTransfer.files; }
  });
  document.getElementById("form").addEventListener("submit", function (ev) {
    var f = input.files[0];
    if (f && f.size > limit) {
      ev.preventDefault();
      msg.textContent = "文件过大（" + (f.size / 1048576).toFixed(1) + " MB），上限为 " +
        (limit / 1048576).toFixed(0) + " MB。";
      msg.hidden = false;
    }
  });
})();"""


def _csp(*inline: str) -> str:
    css, js, _ = assets()
    styles = " ".join(f"'{_hash(t)}'" for t in (css, *inline[:1]))
    scripts = " ".join(f"'{_hash(t)}'" for t in (js, *inline[1:]))
    return (f"default-src 'none'; style-src {styles}; script-src {scripts}; img-src data:; "
            "base-uri 'none'; form-action 'self'")


def _respond(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status, headers={**SECURITY, "Content-Security-Policy":
                                               _csp(_FORM_CSS, _FORM_JS)})


def upload_page(max_bytes: int, error: str = "") -> str:
    shown = f'<div class="error" id="msg">{html.escape(error)}</div>' if error else \
        '<div class="error" id="msg" hidden></div>'
    body = (f"<style>{_FORM_CSS}</style><header><h1>通报审校</h1>"
            '<div class="file">检查巡察/巡视整改进展情况通报和整改报告草稿</div></header>'
            f"{shown}"
            '<form id="form" method="post" action="/report" enctype="multipart/form-data">'
            '<label class="drop">把草稿拖到这里，或点击选择文件（.docx、.txt、.html）'
            f'<input id="draft" type="file" name="draft" accept="{",".join(KINDS)}" required '
            f'data-limit="{max_bytes}"><button type="submit">开始审校</button></label></form>'
            f'<p class="note">文件只在本机内存中处理，处理完即丢弃，不保存、不上传到其他地方。'
            f"Word 文件（.docx）会得到一份带批注和修订的审校稿。上限 {max_bytes // 1048576} MB。</p>"
            f"<script>{_FORM_JS}</script>")
    return page("通报审校", body, _csp(_FORM_CSS, _FORM_JS))


class _TooLarge(Exception):
    pass


async def _body(request: Request, limit: int) -> bytes:
    """The request body, at most *limit* bytes plus the form's own. A larger body is read to
    its end and dropped (a browser that is cut off while sending shows "connection reset",
    not our message), unless it is larger still: then the connection is cut."""
    room = limit + 64 * 1024  # the form's own bytes around the file
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > 8 * room:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= room:
            chunks.append(chunk)
        elif size > 8 * room:
            break
    if size > room:
        raise _TooLarge
    return b"".join(chunks)


async def _upload(request: Request, limit: int) -> tuple[str, bytes]:
    """(file name, bytes) of the form's file field, read in memory only."""
    data = await _body(request, limit)

    async def stream():
        yield data

    parser = MultiPartParser(Headers(scope=request.scope), stream(), max_files=1, max_fields=5)
    parser.spool_max_size = limit + 1  # the file stays in memory, never rolls over to disk
    form = await parser.parse()
    upload = form.get("draft")
    if upload is None or isinstance(upload, str):
        raise MultiPartException("no file")
    try:
        content = await upload.read()
    finally:
        await form.close()
    if len(content) > limit:
        raise _TooLarge
    return PurePath(upload.filename or "草稿").name, content


def review_upload(name: str, data: bytes, settings) -> str:
    """The report page for an uploaded draft (raises InputError for unreadable input)."""
    from .cli.batch import get_pack
    from .cli.review_cmd import check_text
    from .output import rule_info
    from .output.html_fmt import render
    from .read import load, refuse_legacy_word

    refuse_legacy_word(data, name)
    pack = get_pack(settings)
    rules = {r.code: rule_info(r) for r in pack.rules}
    back = '<a class="button no-print" href="/">审校另一份草稿</a>'
    if name.lower().endswith(".docx"):
        from .review import review_docx

        result = review_docx(data, pack=pack, as_of=settings.as_of, severity=settings.severity,
                             options=settings.options, genre=settings.genre, name=name)
        copy = PurePath(name).stem + ".审校.docx"
        return render(name, result.text, result.findings, rules, download=(copy, result.data),
                      links=back)
    if name.lower().endswith((".html", ".htm")):
        from .html import read_html

        text = read_html(data, name)
    else:
        text, _ = load(data)
    return render(name, text, check_text(text, name, settings, pack), rules, links=back)


def create_app(settings=None, max_bytes: int = 10 * 1024 * 1024) -> Starlette:
    """The web application; *settings* is a ``cli.batch.Settings`` (defaults: built-in pack)."""
    from .cli.batch import Settings, get_pack
    from .read import InputError

    settings = settings if settings is not None else Settings()
    get_pack(settings)  # load the pack once, before the first request
    _, _, report_csp = assets()

    async def index(request: Request) -> Response:
        return _respond(upload_page(max_bytes))

    async def report(request: Request) -> Response:
        limit_mb = max_bytes // 1048576
        try:
            name, data = await _upload(request, max_bytes)
        except _TooLarge:
            return _respond(upload_page(max_bytes, f"文件过大，上限为 {limit_mb} MB。"), 413)
        except (MultiPartException, KeyError, ValueError):
            return _respond(upload_page(max_bytes, "没有收到文件，请选择一个草稿再提交。"), 400)
        except ClientDisconnect:
            return Response(status_code=400)
        if not name.lower().endswith(KINDS) and not name.lower().endswith((".doc", ".wps")):
            return _respond(upload_page(
                max_bytes, f"“{name}”不是可审校的文件类型：请上传 .docx、.txt 或 .html 文件。"), 415)
        try:
            body = await run_in_threadpool(review_upload, name, data, settings)
        except InputError as e:
            problem = " ".join((getattr(e, "problem", None) or str(e)).split())
            return _respond(upload_page(max_bytes, f"“{name}”：{problem}"), 422)
        except Exception as e:  # noqa: BLE001 - a bug: one line here and on the page, no traceback
            said = f"内部错误（请报告）：{type(e).__name__}: {' '.join(str(e).split())}"
            print(f"rectify-rules serve: {name}: {said}", file=sys.stderr, flush=True)
            return _respond(upload_page(max_bytes, f"“{name}”：{said}"), 500)
        return HTMLResponse(body, headers={**SECURITY, "Content-Security-Policy": report_csp})

    async def refused(request: Request, exc: HTTPException) -> Response:
        said = {404: "页面不存在。", 405: "不支持这种请求方式。"}.get(exc.status_code, "请求有误。")
        return _respond(upload_page(max_bytes, said), exc.status_code)

    return Starlette(routes=[Route("/", index), Route("/report", report, methods=["POST"]),
                             Route("/report", index, methods=["GET"])],
                     exception_handlers={HTTPException: refused})


def run_server(host: str, port: int, settings, max_bytes: int) -> int:
    import uvicorn

    started = time.perf_counter()
    app = create_app(settings, max_bytes)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    print(f"rectify-rules 审校页面：http://{shown}:{port}/ （启动用时 "
          f"{time.perf_counter() - started:.1f} 秒；按 Ctrl+C 停止）", flush=True)
    server.run()
    return 0
