"""`rectify-rules serve` over HTTP (the browser tests are in test_browser.py)."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import docx
import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

from test_inputs_end_to_end import AS_OF, PACK, SEEDS, build_docx, seed_lines  # noqa: E402
from webhelpers import fetch, post_file, running  # noqa: E402

from rectify_rules.cli.batch import Settings  # noqa: E402
from rectify_rules.engine import check  # noqa: E402
from rectify_rules.serve import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = Settings(as_of=AS_OF)


@pytest.fixture(scope="module")
def server():
    with running(create_app(SETTINGS, max_bytes=1024 * 1024)) as url:
        yield url


def findings_shown(page: str) -> int:
    return int(re.search(r'data-findings="(\d+)"', page)[1])


def embedded_docx(page: str) -> bytes:
    m = re.search(r'download="([^"]+)" href="data:application/vnd\.openxmlformats-officedocument'
                  r'\.wordprocessingml\.document;base64,([^"]+)"', page)
    assert m, "no download link"
    return base64.b64decode(m[2])


def test_upload_page_is_chinese_and_locked_down(server):
    status, headers, body = fetch(server + "/")
    assert status == 200 and "把草稿拖到这里" in body and 'type="file"' in body
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src" not in csp  # nothing may be fetched
    assert "http" not in csp and "'unsafe-inline'" not in csp
    assert headers["cache-control"] == "no-store"
    # nothing on the page points outside
    assert not re.search(r'(src|href)="(https?:)?//', body)


def test_text_upload_gives_the_report(server):
    text = SEEDS[4].read_bytes()
    status, headers, body = post_file(server + "/report", "通报.txt", text)
    assert status == 200 and "审校报告" in body and "通报.txt" in body
    assert findings_shown(body) == len(check(text, rules=PACK, as_of=AS_OF)) > 0
    assert "default-src 'none'" in headers["content-security-policy"]


def test_docx_upload_gives_the_report_and_the_reviewed_copy(server):
    draft = build_docx(seed_lines(SEEDS[2]))[0]
    status, _, body = post_file(server + "/report", "东临新区.docx", draft)
    assert status == 200
    copy = embedded_docx(body)
    assert re.search(r'download="东临新区\.审校\.docx"', body)
    document = docx.Document(io.BytesIO(copy))
    assert len(document.comments) == findings_shown(body) > 0


@pytest.mark.parametrize("name, data, status, said", [
    ("大.txt", "整改".encode() * 400_000, 413, "文件过大，上限为 1 MB"),
    ("图片.png", b"\x89PNG\r\n\x1a\n", 415, "不是可审校的文件类型"),
    ("旧稿.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, 422, "另存为 .docx"),
    ("坏.docx", b"PK\x03\x04word/ not really", 422, "不是可读取的 Word .docx 文件"),
    ("空.txt", b"   ", 422, "文件为空"),
])
def test_bad_uploads_get_a_chinese_message(server, name, data, status, said):
    code, _, body = post_file(server + "/report", name, data)
    assert code == status and said in body
    assert "Traceback" not in body and 'type="file"' in body   # the form, to try again


def test_a_form_without_a_file(server):
    code, _, body = post_file(server + "/report", "x.txt", b"abc", field="other")
    assert code == 400 and "没有收到文件" in body


def test_other_addresses_and_methods_are_answered_in_chinese(server):
    import urllib.request

    code, headers, body = fetch(server + "/nothing")
    assert code == 404 and "页面不存在" in body and 'type="file"' in body
    assert "default-src 'none'" in headers["content-security-policy"]
    code, _, body = fetch(urllib.request.Request(server + "/", method="DELETE"))
    assert code == 405 and "不支持" in body


def test_an_internal_error_is_a_chinese_page_not_a_traceback(monkeypatch, capfd):
    import rectify_rules.serve as serve_mod

    def broken(name, data, settings):
        raise RuntimeError("a bug")

    monkeypatch.setattr(serve_mod, "review_upload", broken)
    with running(create_app(SETTINGS)) as url:
        code, _, body = post_file(url + "/report", "a.txt", "关于巡察整改进展情况的通报".encode())
    assert code == 500 and "内部错误" in body and "RuntimeError: a bug" in body
    assert 'type="file"' in body
    err = capfd.readouterr().err
    assert "Traceback" not in err and "RuntimeError: a bug" in err


def test_nothing_is_written_to_disk(monkeypatch):
    """Uploads stay in memory: any temporary file would fail the request."""
    def refuse(*a, **k):
        raise AssertionError("a temporary file was created")

    for name in ("TemporaryFile", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    draft = build_docx(seed_lines(SEEDS[4]))[0]
    big = SEEDS[3].read_bytes() * 12       # ~1.4 MB: past starlette's default spool size (1 MB)
    with running(create_app(SETTINGS, max_bytes=4 * 1024 * 1024)) as url:
        assert post_file(url + "/report", "a.docx", draft)[0] == 200
        assert post_file(url + "/report", "b.txt", big)[0] == 200


def test_two_users_at_once_get_their_own_results(server):
    drafts = {f"n{i}.docx": build_docx(seed_lines(seed))[0] for i, seed in enumerate(SEEDS)}
    results: dict[str, tuple] = {}

    def user(name: str) -> None:
        for _ in range(2):
            status, _, body = post_file(server + "/report", name, drafts[name])
            results.setdefault(name, []).append((status, findings_shown(body),
                                                 f'<div class="file">{name}</div>' in body))

    threads = [threading.Thread(target=user, args=(n,)) for n in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    for i, (name, seed) in enumerate(zip(drafts, SEEDS)):
        expected = len(check(build_docx(seed_lines(seed))[0], rules=PACK, as_of=AS_OF))
        assert results[name] == [(200, expected, True)] * 2


def test_serve_command_binds_to_localhost_and_says_how_to_run_as_a_service(tmp_path):
    help_text = subprocess.run([sys.executable, "-m", "rectify_rules", "serve", "--help"],
                               capture_output=True, text=True, timeout=60).stdout
    assert "systemd" in help_text and "--host" in help_text and "任务计划程序" in help_text
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rectify_rules", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        assert status == 200 and "通报审校" in body
        # bound to the loopback address only: the kernel's table of listening sockets
        assert listening_addresses(port) == ["127.0.0.1"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def listening_addresses(port: int) -> list[str]:
    """IPv4 addresses listening on *port*, from /proc/net/tcp (state 0A = LISTEN)."""
    import socket
    import struct

    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        addr, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.append(socket.inet_ntoa(struct.pack("<I", int(addr, 16))))
    return found
