"""The HTML report and `serve` in a real headless Chromium (Debian's chromium, driven by
Playwright with executable_path: no browser download). .ci/run installs chromium."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed (.ci/run installs it)", allow_module_level=True)

from test_inputs_end_to_end import AS_OF, SEEDS, build_docx, seed_lines  # noqa: E402
from webhelpers import running  # noqa: E402

from rectify_rules.cli.batch import Settings  # noqa: E402
from rectify_rules.serve import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            headless=True, args=FLAGS, accept_downloads=True)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: r.url.startswith(("http://", "https://"))
            and "127.0.0.1" not in r.url and page.problems.append("request " + r.url))
    yield page
    page.close()


def cli_json(*args: str) -> list[dict]:
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "check", *args, "--format", "json",
                        "--as-of", AS_OF.isoformat()], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    return json.loads(p.stdout)


def distinct_highlights(page) -> int:
    return page.evaluate("new Set([...document.querySelectorAll('mark.f')]"
                         ".map(m => m.dataset.f)).size")


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_report_loads_highlights_every_finding_and_shows_it_on_click(page, seed, tmp_path):
    out = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "rectify_rules", "check", str(seed), "--format", "html",
                    "--output", str(out), "--as-of", AS_OF.isoformat()], cwd=ROOT, timeout=120)
    findings = cli_json(str(seed))
    page.goto(out.as_uri())
    assert page.title().startswith("审校报告")
    assert distinct_highlights(page) == len(findings) == page.locator("li.item").count()
    # the findings are listed in the order of the text; click a few highlights
    messages = [f["message"] for f in sorted(findings, key=lambda f: (
        f["location"]["row"], f["location"]["column"]))]
    for n in (1, len(findings) // 2 + 1, len(findings)):
        page.locator(f'mark.f[data-f="{n}"]').first.click()
        detail = page.locator("#detail")
        assert detail.is_visible()
        assert messages[n - 1] in detail.inner_text()
    # the level filter hides a level's list and takes its colour off the text
    level = findings[0]["severity"]
    page.locator(f'input[data-level="{level}"]').uncheck()
    colour = page.evaluate(f"getComputedStyle(document.querySelector('mark.f.{level}'))"
                           ".backgroundColor")
    assert colour == "rgba(0, 0, 0, 0)"
    assert not page.locator(f"section.group.{level}").is_visible()
    page.locator(f'input[data-level="{level}"]').check()
    assert page.locator(f"section.group.{level}").is_visible()
    assert page.problems == []


def test_print_layout_keeps_the_text_and_the_list(page, tmp_path):
    out = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "rectify_rules", "check", str(SEEDS[4]), "--format",
                    "html", "-o", str(out)], cwd=ROOT, timeout=120)
    page.goto(out.as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert page.locator(".doc").is_visible() and page.locator("li.item").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert page.problems == []


def test_serve_upload_report_download(page, tmp_path):
    draft = tmp_path / "东临新区整改通报.docx"
    draft.write_bytes(build_docx(seed_lines(SEEDS[2]))[0])
    with running(create_app(Settings(as_of=AS_OF))) as url:
        page.goto(url + "/")
        assert "通报审校" in page.title()
        page.set_input_files("#draft", str(draft))
        page.click("button[type=submit]")
        page.wait_for_selector("mark.f")
        shown = int(page.get_attribute(".counts", "data-findings"))
        assert distinct_highlights(page) == shown > 0
        page.locator('mark.f[data-f="1"]').first.click()
        first = page.locator('li.item[data-f="1"] .message').inner_text()
        assert first in page.locator("#detail").inner_text()
        with page.expect_download() as info:
            page.click("a[download]")
        download = info.value
        assert download.suggested_filename == "东临新区整改通报.审校.docx"
        copy = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
        assert len(copy.comments) == shown
        assert page.problems == []
        # a file of the wrong kind: the message in Chinese, on the page (its HTTP status 415
        # is the only thing the console reports)
        bad = tmp_path / "照片.png"
        bad.write_bytes(b"\x89PNG\r\n\x1a\n")
        page.goto(url + "/")
        page.set_input_files("#draft", str(bad))
        page.click("button[type=submit]")
        assert "不是可审校的文件类型" in page.locator("#msg").inner_text()
    assert [p for p in page.problems if "status of 415" not in p] == []


def test_serve_refuses_a_too_large_file_before_sending_it(page, tmp_path):
    big = tmp_path / "大.txt"
    big.write_bytes("整改".encode() * 200_000)          # 1.2 MB, the limit is 1 MB
    with running(create_app(Settings(), max_bytes=1024 * 1024)) as url:
        page.goto(url + "/")
        page.set_input_files("#draft", str(big))
        page.click("button[type=submit]")
        assert "文件过大" in page.locator("#msg").inner_text()
        assert page.url == url + "/"                   # said by the page, nothing sent
    assert page.problems == []
