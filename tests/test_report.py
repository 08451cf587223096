"""The review page: escaping, fallbacks and diffs in plain Python; highlights and filters in Chromium."""

from __future__ import annotations

import base64
import csv
import fcntl
import html
import io
import json
import os
import re
import select
import shlex
import shutil
import struct
import subprocess
import time
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from test_outline import POLICY
from typer.testing import CliRunner

from extractor.check import is_vague
from extractor.cli import app
from extractor.diff import diff_filename, diff_outputs
from extractor.load import PAGE_MARKER, load
from extractor.models import Commitment, DocumentInfo, ExtractionOutput, Flag, RunInfo, Span
from extractor.output import read_output, write_json
from extractor.rate import LEVELS, rate_document
from extractor.report import build_page, collect
from extractor.report import markup as report_module

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")

HOSTILE = (
    "## Rules & <b>bold</b> claims\n\n"
    "We will publish <script>window.__pwned = 1;</script> a report within 30 days.\n"
    "We must not </script><script>window.__pwned = 2;</script> ignore the board.\n"
    "We may <img src=x onerror=\"window.__pwned = 3\"> reserve the right <!-- to stop -->.\n"
    "[[page 2]]\n"
    "We aim to review &amp; improve the policy </style><style>body{display:none}</style>.\n"
)


# ---------------------------------------------------------------------------------------------
# Helpers: outputs built with the models, the way the pipeline writes them


def make_output(src: Path, items: list[dict[str, Any]]) -> ExtractionOutput:
    """An extraction output for `src`; each item names its quote, which is located in the text."""
    doc = load(src)
    commitments = []
    for n, item in enumerate(items):
        start = doc.text.index(item["quote"], item.get("after", 0))
        end = start + len(item["quote"])
        commitments.append(Commitment(
            id=f"{doc.id}-c{n}", quote=item["quote"], actor=item.get("actor", "Org"),
            modality=item.get("modality", "must"), trigger=item.get("trigger"),
            safeguard=item.get("safeguard", item["quote"]), specificity=item.get("specificity", "concrete"),
            verifiable=item.get("verifiable", True), span=Span(start=start, end=end, page=doc.page_at(start)),
            flags=item.get("flags", []), seoul=item.get("seoul")))
    return ExtractionOutput(
        schema_version="1.0",
        document=DocumentInfo(id=doc.id, path=str(src), sha256=doc.sha256, title=doc.title, org="Org",
                              pages=doc.pages, chars=len(doc.text)),
        run=RunInfo(tool_version="test", backend="rules", time=datetime.now(timezone.utc)),
        commitments=commitments)


def flag(code: str, severity: str = "warning", message: str = "a finding") -> Flag:
    return Flag(code=code, severity=severity, message=message, evidence="x")  # type: ignore[arg-type]


def hostile_output(tmp_path: Path) -> tuple[Path, ExtractionOutput]:
    src = tmp_path / "src" / "hostile.txt"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(HOSTILE, "utf-8")
    out = make_output(src, [
        {"quote": "We will publish <script>window.__pwned = 1;</script> a report within 30 days",
         "specificity": "quantitative", "trigger": "</script><script>window.__pwned = 4;</script>"},
        {"quote": "We must not </script><script>window.__pwned = 2;</script> ignore the board", "modality": "must_not",
         "flags": [flag("escape</script>", "error", "<script>window.__pwned = 5;</script>")]},
        {"quote": "reserve the right <!-- to stop -->", "modality": "may", "specificity": "vague",
         "flags": [flag("discretion")]},
        {"quote": "We may <img src=x onerror=\"window.__pwned = 3\"> reserve the right", "modality": "may",
         "specificity": "vague"},
        {"quote": "We aim to review &amp; improve the policy </style><style>body{display:none}</style>",
         "modality": "intend", "specificity": "vague"},
    ])
    return src, out


class TextOf(HTMLParser):
    """The characters of one view's document text (`parts`) and those a reader sees (`visible`: without
    the hidden heading marks and page markers); badges and page separators, which the page adds, left out."""

    VOID = {"br", "img", "input", "meta", "hr", "link"}

    def __init__(self, view_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.view_id = view_id
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, inside the text, added by the page, hidden
        self.parts: list[str] = []
        self.visible: list[str] = []
        self.marks: list[str] = []
        self.in_view = False
        self.starts: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.starts.append((tag, attrs))
        if tag in self.VOID:
            return
        cls = (a.get("class") or "").split()
        parent_text, parent_badge, parent_hidden = self.stack[-1][1:] if self.stack else (False, False, False)
        if a.get("id") == self.view_id:
            self.in_view = True
        in_text = parent_text or (self.in_view and "text" in cls and tag == "div")
        if in_text and tag == "mark":
            self.marks.append(a.get("data-c") or "")
        self.stack.append((tag, in_text, parent_badge or "badge" in cls or "page-sep" in cls,
                           parent_hidden or "mk" in cls))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"unbalanced </{tag}>"
        self.stack.pop()
        if tag == "section":
            self.in_view = False

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.parts.append(data)
            if not self.stack[-1][3]:
                self.visible.append(data)


def page_data(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


# ---------------------------------------------------------------------------------------------
# Plain tests (no browser)


def test_document_text_is_never_html(tmp_path: Path) -> None:
    src, out = hostile_output(tmp_path)
    write_json(tmp_path / "out" / "hostile.json", out)
    page = build_page(tmp_path / "out")
    parser = TextOf("d0")
    parser.feed(page)
    parser.close()
    # only our two script elements exist: the JSON data block and the page script
    assert len(re.findall(r"<script", page, re.I)) == 2
    assert len(re.findall(r"</script", page, re.I)) == 2
    assert "<img" not in page and "<b>bold" not in page and "<!-- to stop" not in page
    assert len(re.findall(r"<style", page, re.I)) == 1
    # self-contained: nothing to fetch, and the page forbids fetching anything
    links = [(tag, k, v) for tag, attrs in parser.starts for k, v in attrs
             if k in ("src", "href", "action", "srcset", "poster", "data") and not (v or "").startswith("#")]
    assert links == []
    assert "default-src 'none'" in page
    assert not parser.stack
    text = load(src).text
    assert "".join(parser.parts) == text  # every character in the page, as characters
    # what a reader sees: no heading marks, no page markers, the rest unchanged (but blank lines at breaks)
    visible = "".join(parser.visible)
    assert "[[page" not in visible and not re.search(r"^#", visible, re.M)
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", visible) == squeeze.sub("", PAGE_MARKER.sub("", re.sub(r"^#+ ", "", text, flags=re.M)))
    assert re.findall(r'<div class="page-sep"[^>]*><span>(page \d+)</span>', page) == ["page 1", "page 2"]
    covered = {int(i) for ids in parser.marks for i in ids.split()}
    assert covered == set(range(len(out.commitments)))
    data = page_data(page)
    got = data["docs"]["d0"]["commitments"]
    assert [c["quote"] for c in got] == [c.quote for c in out.commitments]
    assert got[1]["flags"][0]["message"] == "<script>window.__pwned = 5;</script>"


def test_overlapping_spans_are_split_innermost_first(tmp_path: Path) -> None:
    src = tmp_path / "p.txt"
    src.write_text("Intro. We will publish the report and we will notify the board within 7 days. End.\n")
    out = make_output(src, [
        {"quote": "We will publish the report and we will notify the board within 7 days"},
        {"quote": "we will notify the board", "modality": "should"},
    ])
    write_json(tmp_path / "o" / "p.json", out)
    page = build_page(tmp_path / "o")
    parser = TextOf("d0")
    parser.feed(page)
    assert "".join(parser.parts) == src.read_text()
    assert parser.marks == ["0", "1 0", "0"]
    assert page.count('class="badge"') == 2


def test_source_missing_or_changed_shows_quotes_only(tmp_path: Path) -> None:
    src, out = hostile_output(tmp_path)
    write_json(tmp_path / "out" / "hostile.json", out)
    src.write_text(HOSTILE + "One more line.\n", "utf-8")
    report = collect(tmp_path / "out")
    assert report.docs[0].text is None and "has changed" in (report.docs[0].notice or "")
    src.unlink()
    page = build_page(tmp_path / "out")
    assert "is no longer there" in page and 'class="text"' not in page
    rows = re.findall(r'<tr data-c="(\d+)"', page)
    assert rows == [str(i) for i in range(len(out.commitments))]
    assert len(re.findall(r"<script", page, re.I)) == 2


def two_versions(tmp_path: Path) -> tuple[Path, ExtractionOutput, ExtractionOutput]:
    """Two versions of a small policy and a diff between them, in the shape report.py documents."""
    out_dir = tmp_path / "out"
    old_src, new_src = tmp_path / "policy_v1.txt", tmp_path / "policy_v2.txt"
    old_src.write_text("We will publish a report every 6 months.\nWe will consult experts.\n"
                       "We may pause training.\n")
    new_src.write_text("We will consult experts.\nWe will publish a report every year.\n"
                       "We will notify the government.\n")
    old = make_output(old_src, [{"quote": "We will publish a report every 6 months", "specificity": "quantitative"},
                                {"quote": "We will consult experts"},
                                {"quote": "We may pause training", "modality": "may"}])
    new = make_output(new_src, [{"quote": "We will consult experts"},
                                {"quote": "We will publish a report every year", "specificity": "quantitative"},
                                {"quote": "We will notify the government"}])
    write_json(out_dir / "policy_v1.json", old)
    write_json(out_dir / "policy_v2.json", new)
    o, n = [c.id for c in old.commitments], [c.id for c in new.commitments]
    # the part of extractor.diff's contract the page reads; other keys are ignored
    write_json(out_dir / "policy_v1__policy_v2.diff.json", {
        "old_doc_id": "policy_v1", "new_doc_id": "policy_v2", "summary": {"ignored": 1},
        "pairs": [{"old_id": o[0], "new_id": n[1], "label": "weakened", "why": "quantity 6 months -> year"},
                  {"old_id": o[1], "new_id": n[0], "label": "unchanged"},
                  {"old_id": o[2], "new_id": None, "label": "removed",
                   "nearest": [{"id": "x", "quote": "We <i>might</i> keep logs", "page": 3, "similarity": 0.31}]},
                  {"old_id": None, "new_id": n[2], "label": "added"},
                  {"old_id": "policy_v1-gone", "new_id": None, "label": "removed", "old_quote": "We shall <b>"}]})
    return out_dir, old, new


def test_diff_pairs_resolve_to_both_sides(tmp_path: Path) -> None:
    out_dir, old, new = two_versions(tmp_path)
    (out_dir / "broken.diff.json").write_text('{"old_doc": "a"}')
    page = build_page(out_dir)
    data = page_data(page)
    diff = data["diffs"]["x0"]
    assert (diff["old"], diff["new"]) == ("d0", "d1")
    assert [(p["old"], p["new"], p["label"]) for p in diff["pairs"]] == [
        (0, 1, "weakened"), (1, 0, "unchanged"), (2, None, "removed"), (None, 2, "added"), (None, None, "removed")]
    assert "We shall &lt;b&gt; <span class=\"muted\">(id policy_v1-gone not in the old output)" in page
    assert "quantity 6 months -&gt; year" in page
    assert "broken.diff.json: not a diff file" in page
    assert "closest new: p3 (0.31) We &lt;i&gt;might&lt;/i&gt; keep logs" in page
    section = page[page.index('<section class="view diff" id="x0"'):]
    assert re.search(r'data-side="old">.*data-label="weakened"', section, re.S)
    assert len(re.findall(r'<li data-pair="\d+"', section)) == 5


def test_cli_writes_page_and_reports_bad_input(tmp_path: Path) -> None:
    out_dir, _, _ = two_versions(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["report", str(out_dir), "--html", str(tmp_path / "r.html")])
    assert res.exit_code == 0, res.output
    assert "2 documents, 6 commitments, 1 diffs" in res.output
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    res = runner.invoke(app, ["report", str(out_dir)])
    assert res.exit_code == 0 and (out_dir / "report.html").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    res = runner.invoke(app, ["report", str(empty), "--html", str(tmp_path / "x.html")])
    assert res.exit_code == 1
    assert "no extraction outputs" in res.output and not (tmp_path / "x.html").exists()


def test_style_and_script_come_from_resource_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = hostile_output(tmp_path)
    write_json(tmp_path / "out" / "hostile.json", out)
    page = build_page(tmp_path / "out")
    css = (report_module.RESOURCES / "report.css").read_text("utf-8")
    js = (report_module.RESOURCES / "report.js").read_text("utf-8")
    assert f"<style>{css}</style>" in page and f"<script>{js}</script>" in page
    assert "CSS" not in vars(report_module) and "JS" not in vars(report_module)
    # a resource that could end its own element is refused, not inlined
    bad = tmp_path / "res"
    bad.mkdir()
    (bad / "report.js").write_text("var a = '</script><script>alert(1)</script>';", "utf-8")
    (bad / "report.css").write_text(css, "utf-8")
    monkeypatch.setattr(report_module, "RESOURCES", bad)
    report_module.resource.cache_clear()
    try:
        with pytest.raises(ValueError, match="cannot be inlined"):
            build_page(tmp_path / "out")
    finally:
        report_module.resource.cache_clear()


def review_policy(tmp_path: Path) -> tuple[Path, ExtractionOutput]:
    """The laid-out policy of test_outline with commitments in several Seoul areas (one with none)."""
    src = tmp_path / "src" / "policy.txt"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(POLICY, "utf-8")
    out = make_output(src, [
        {"quote": "We will test each model before release", "seoul": "I", "verifiable": False,
         "actor": "=HYPERLINK(\"http://example.invalid\")", "flags": [flag("C302")]},
        {"quote": "write down what we found", "modality": "intend", "specificity": "vague", "seoul": "VII",
         "verifiable": False},
        {"quote": "A model that passes a threshold is held back until its safeguards are in place", "seoul": "IV",
         "trigger": "a model passes a threshold"},
        {"quote": "We will publish a summary of the results within 30 days", "specificity": "quantitative",
         "seoul": "VII"},
        {"quote": "This overview heading is in the middle of a page", "modality": "may", "specificity": "vague",
         "verifiable": False},
    ])
    return src, out


def test_coverage_card_per_document(tmp_path: Path) -> None:
    _, out = review_policy(tmp_path)
    write_json(tmp_path / "out" / "policy.json", out)
    _, bare = hostile_output(tmp_path)  # no seoul on any commitment
    write_json(tmp_path / "out" / "zz_bare.json", bare)
    page = build_page(tmp_path / "out")
    rating = rate_document(out)
    first = page[page.index('id="d0"'):page.index('id="d1"')]
    rows = re.findall(r'<tr class="area"( data-area="([IVX]+)")?[^>]*><th>([IVX]+)</th><td>[^<]*</td>'
                      r'<td><span class="lvl" data-level="(\d)" title="([^"]*)">', first)
    assert [(r[2], int(r[3])) for r in rows] == [(a.area, a.level) for a in rating.areas]
    # only areas with commitments link to them; the title of each level is extract rate's scale
    assert [r[1] for r in rows if r[1]] == [a.area for a in rating.areas if a.count]
    assert all(html.unescape(r[4]) == LEVELS[int(r[3])] for r in rows)
    for text in LEVELS.values():
        assert html.escape(text) in first
    data = page_data(page)["docs"]["d0"]["areas"]
    ids = [c.id for c in out.commitments]
    for a in rating.areas:
        assert [ids[i] for i in data[a.area]["commitments"]] == a.commitments
        assert [ids[i] for i in data[a.area]["best"]] == [q.id for q in a.quotes]
    second = page[page.index('id="d1"'):]
    assert 'data-assigned="0"' in second and "no areas assigned" in second and "data-area=" not in second
    # the overview counts the areas covered per document ("–" where none are assigned)
    overview = page[page.index('id="overview"'):page.index('id="d0"')]
    cells = re.findall(r'<td class="num">([^<]*)</td><td>(?:text|quotes only)</td>', overview)
    assert cells == [f"{rating.areas_covered} of 8", "–"] and rating.areas_covered == 3


def test_diff_view_says_how_to_add_a_missing_side(tmp_path: Path) -> None:
    out_dir, old, new = two_versions(tmp_path)
    diff = diff_outputs(old, new, embed=None)
    (out_dir / "policy_v1__policy_v2.diff.json").unlink()
    write_json(out_dir / diff_filename(diff), diff)
    (out_dir / "policy_v2.json").unlink()
    page = build_page(out_dir)
    section = page[page.index('<section class="view diff"'):]
    assert section.count('data-missing="new"') == 1 and 'data-missing="old"' not in section
    want = f"extract run {shlex.quote(new.document.path)} -o {shlex.quote(str(out_dir))}"
    assert html.escape(want, quote=False) in section
    assert html.escape(f"extract report {shlex.quote(str(out_dir))}", quote=False) in section
    # a path is text, never markup
    raw = json.loads((out_dir / diff_filename(diff)).read_text("utf-8"))
    raw["new_document"]["path"] = "</pre><script>window.__pwned = 6;</script>.txt"
    (out_dir / diff_filename(diff)).write_text(json.dumps(raw), "utf-8")
    page = build_page(out_dir)
    assert "window.__pwned = 6" in page and "<script>window.__pwned = 6" not in page
    assert len(re.findall(r"<script", page, re.I)) == 2
    # a diff file without the documents' paths still says what to run
    del raw["new_document"]
    (out_dir / diff_filename(diff)).write_text(json.dumps(raw), "utf-8")
    assert "extract run NEW_DOCUMENT -o" in build_page(out_dir)


# ---------------------------------------------------------------------------------------------
# Chromium, driven over the DevTools protocol on a pipe (--remote-debugging-pipe: no port, no deps)


class Chromium:
    """A headless Chromium and one page, spoken to with CDP messages (JSON + NUL) on fds 3 and 4."""

    def __init__(self, profile: Path, width: int = 1440, height: int = 1000) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # runs in the child: put the pipe ends on fds 3 (commands) and 4 (replies)
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
                 "--remote-debugging-pipe", f"--window-size={width},{height}", "about:blank"]
        self.log = open(profile.parent / "chromium.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen([str(CHROMIUM), *flags], stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=self.log, preexec_fn=wire, pass_fds=(3, 4))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, page=True)
        self.call("Page.enable", page=True)

    def call(self, method: str, params: dict[str, Any] | None = None, page: bool = False,
             timeout: float = 30) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if page:
            msg["sessionId"] = self.session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self._to_child, data):]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._next(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _next(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def js(self, expression: str) -> Any:
        res = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                             "awaitPromise": True}, page=True)
        if "exceptionDetails" in res:
            raise AssertionError(f"page script failed: {res['exceptionDetails']}")
        return res["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url}, page=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.js("document.readyState === 'complete' && document.documentElement.dataset.ready === '1'"):
                return
            time.sleep(0.05)
        raise TimeoutError(f"page did not get ready: {url}")

    def screenshot(self, path: Path) -> None:
        shot = self.call("Page.captureScreenshot", {"format": "png"}, page=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)
        self.log.close()


# counts what a reader sees: badges (one per commitment) and highlighted stretches that are rendered
VISIBLE = """(() => {
  const sec = document.getElementById(%s);
  const seen = (el) => el.offsetParent !== null && el.getClientRects().length > 0;
  const badges = [...sec.querySelectorAll('.text .badge')].filter(seen).map(b => +b.dataset.c);
  const marks = [...sec.querySelectorAll('.text mark.hl.on')].filter(seen);
  const styled = marks.filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)');
  return {badges: [...new Set(badges)].sort((a, b) => a - b), marks: marks.length, styled: styled.length,
          mods: [...new Set(marks.map(m => m.dataset.mod))].sort(),
          shownIds: [...new Set(marks.map(m => +m.dataset.show))].sort((a, b) => a - b),
          status: sec.querySelector('.shown').textContent};
})()"""


def save_screenshot(browser: Chromium, path: Path) -> None:
    browser.screenshot(path)
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1440, 1000)
    if os.environ.get("EXTRACTOR_SCREENSHOT_DIR"):
        target = Path(os.environ["EXTRACTOR_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / path.name)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One browser for the module (start-up is the slow part); each test opens its own page."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (scripts/install-chromium.sh installs it)")
    profile = tmp_path_factory.mktemp("chromium") / "profile"
    profile.mkdir()
    b = Chromium(profile)
    yield b
    b.close()


@pytest.mark.chromium
def test_page_in_chromium(tmp_path: Path, browser: Chromium) -> None:
    source = CORPUS / "gdm_fsf_v1.0.txt"
    if not source.exists():
        pytest.skip(f"corpus document missing: {source}")
    out_dir = tmp_path / "out"
    res = CliRunner().invoke(app, ["run", str(source), "--out", str(out_dir), "--no-index", "--quiet"])
    assert res.exit_code == 0, res.output
    real_file = out_dir / "gdm_fsf_v1.0.json"
    real = read_output(real_file)
    assert len(real.commitments) >= 10
    assert any(is_vague(c) for c in real.commitments), "the checker should flag some commitments"
    _, hostile = hostile_output(tmp_path)
    write_json(out_dir / "hostile.json", hostile)
    html_path = tmp_path / "report.html"
    res = CliRunner().invoke(app, ["report", str(out_dir), "--html", str(html_path)])
    assert res.exit_code == 0, res.output
    cs = real.commitments
    n = len(cs)
    key = json.dumps("d0")  # documents are ordered by file name: gdm_fsf_v1.0 comes before hostile
    browser.open(html_path.as_uri())
    assert browser.js("document.querySelector('#overview').hidden === false")
    browser.js("document.querySelector('[data-goto=d0]').click()")
    assert browser.js("location.hash") == "#d0"

    seen = browser.js(VISIBLE % key)
    assert seen["badges"] == list(range(n)) and seen["shownIds"] == list(range(n))
    assert seen["marks"] >= n and seen["styled"] == seen["marks"]
    assert seen["status"] == f"{n} of {n} commitments shown"

    # the text/list tabs and the per-section/per-page chart tabs each show one pane at a time
    shown = ("(function (q) { return Array.from(document.querySelectorAll(q))"
             ".filter(function (x) { return !x.hidden; })"
             ".map(function (x) { return x.getAttribute(q.slice(5, -1)); }); })")
    browser.js("document.querySelector('#d0 [data-tab=list]').click()")
    assert browser.js(shown + "('#d0 [data-pane]')") == ["list"]
    browser.js("document.querySelector('#d0 [data-tab=text]').click()")
    assert browser.js(shown + "('#d0 [data-pane]')") == ["text"]
    browser.js("document.querySelector('#d0 [data-chart=page]').click()")
    assert browser.js(shown + "('#d0 [data-chart-body]')") == ["page"]
    browser.js("document.querySelector('#d0 [data-chart=sec]').click()")
    assert browser.js(shown + "('#d0 [data-chart-body]')") == ["sec"]

    def set_filter(js: str) -> dict[str, Any]:
        browser.js(f"(() => {{ const f = document.querySelector('#d0 form.filters'); {js};"
                   " f.dispatchEvent(new Event('change')); })()")
        return browser.js(VISIBLE % key)

    want = [i for i, c in enumerate(cs) if c.modality != "must"]
    seen = set_filter("f.querySelector('input[name=mod][value=must]').click()")
    assert seen["badges"] == want and seen["shownIds"] == want and "must" not in seen["mods"]
    assert seen["status"] == f"{len(want)} of {n} commitments shown"

    want = [i for i, c in enumerate(cs) if c.modality != "must" and c.specificity != "vague"]
    seen = set_filter("f.querySelector('input[name=spec][value=vague]').click()")
    assert seen["badges"] == want and seen["shownIds"] == want

    seen = set_filter("f.reset(); f.elements.flag.value = 'vague:'")
    want = [i for i, c in enumerate(cs) if is_vague(c)]
    assert want and seen["badges"] == want and seen["shownIds"] == want
    seen = set_filter("f.elements.flag.value = 'none:'")
    assert seen["badges"] == [i for i, c in enumerate(cs) if not c.flags]
    seen = set_filter("f.elements.flag.value = 'any:'")
    want = [i for i, c in enumerate(cs) if c.flags]
    assert want and seen["badges"] == want
    code = cs[want[0]].flags[0].code
    seen = set_filter(f"f.elements.flag.value = 'code:{code}'")
    assert seen["badges"] == [i for i, c in enumerate(cs) if any(f.code == code for f in c.flags)]

    page = max({c.span.page for c in cs}, key=lambda p: (sum(c.span.page == p for c in cs), -p))
    seen = set_filter(f"f.elements.flag.value = ''; f.elements.page.value = '{page}'")
    assert seen["badges"] == [i for i, c in enumerate(cs) if c.span.page == page]
    assert browser.js("[...document.querySelectorAll('#d0 .text .page')].filter(p => p.offsetParent !== null)"
                      ".map(p => +p.dataset.page)") == [page]

    seen = set_filter("f.elements.page.value = ''")
    assert seen["badges"] == list(range(n))
    # a click on a highlight shows that commitment's fields
    target = max(range(n), key=lambda i: len(cs[i].flags) * 1000 + len(cs[i].quote) % 97)
    shown = browser.js(f"""(() => {{
        const m = [...document.querySelectorAll('#d0 .text mark.hl.on')].find(m => m.dataset.show === '{target}');
        m.scrollIntoView({{block: 'center'}});
        m.click();
        const p = document.querySelector('#d0 .detail');
        return {{quote: p.querySelector('blockquote').textContent, text: p.textContent,
                 selected: document.querySelectorAll('#d0 mark.sel').length}};
    }})()""")
    c = cs[target]
    assert shown["quote"] == c.quote and shown["selected"] >= 1
    for value in (c.actor, c.safeguard, c.modality, c.specificity, c.id, *(f.code for f in c.flags)):
        assert value in shown["text"]
    save_screenshot(browser, tmp_path / "report.png")

    # the hostile document: its markup is shown as text and none of it ran
    browser.js("(() => { const p = document.getElementById('picker'); p.value = 'd1';"
               " p.dispatchEvent(new Event('change')); })()")
    assert browser.js("document.getElementById('d1').hidden") is False
    assert browser.js("window.__pwned === undefined && document.querySelectorAll('img, b:not(.h)').length === 0")
    assert browser.js("document.querySelector('#d1 .text').textContent").count("<script>window.__pwned") == 2
    seen = browser.js(VISIBLE % json.dumps("d1"))
    assert seen["badges"] == list(range(len(hostile.commitments)))
    assert browser.js("getComputedStyle(document.body).display") == "block"
    # a search for markup finds it as text and runs none of it; the card says there are no areas
    browser.js("(() => { const i = document.querySelector('#d1 input[name=q]'); i.value = '<img src=x';"
               " i.dispatchEvent(new Event('input')); })()")
    seen = browser.js(VISIBLE % json.dumps("d1"))
    assert seen["badges"] == [i for i, c in enumerate(hostile.commitments) if "<img src=x" in c.quote]
    assert seen["badges"] and browser.js("window.__pwned === undefined")
    assert browser.js("document.querySelector('#d1 .coverage .no-areas').offsetParent !== null")


@pytest.mark.chromium
def test_diff_view_in_chromium(tmp_path: Path, browser: Chromium) -> None:
    out_dir, old, new = two_versions(tmp_path)
    for f in out_dir.glob("*.diff.json"):
        f.unlink()
    diff = diff_outputs(old, new, embed=None)  # the real diff, text similarity only (fast)
    write_json(out_dir / diff_filename(diff), diff)
    html_path = tmp_path / "diff.html"
    res = CliRunner().invoke(app, ["report", str(out_dir), "--html", str(html_path)])
    assert res.exit_code == 0, res.output
    browser.open(html_path.as_uri() + "#x0")
    assert browser.js("document.getElementById('x0').hidden") is False
    quotes = {"old": {c.id: c.quote for c in old.commitments}, "new": {c.id: c.quote for c in new.commitments}}
    both = [k for k, p in enumerate(diff.pairs) if p.old_id and p.new_id]
    one = [k for k, p in enumerate(diff.pairs) if not (p.old_id and p.new_id)]
    assert both and one
    # a click on an old commitment selects its pair and marks its partner on the new side
    k = both[0]
    i = [c.id for c in old.commitments].index(diff.pairs[k].old_id)
    picked = browser.js(f"""(() => {{
        document.querySelector('#x0 [data-side=old] mark.hl[data-c="{i}"]').click();
        const sel = [...document.querySelectorAll('#x0 [data-side=new] mark.sel')].map(x => x.textContent);
        return {{pair: document.getElementById('x0').dataset.pairSelected, sel}};
    }})()""")
    assert picked == {"pair": str(k), "sel": [quotes["new"][diff.pairs[k].new_id]]}
    # a click on a pair row marks both sides; an added or removed pair has one side only
    k = one[0]
    picked = browser.js(f"""(() => {{
        document.querySelector('#x0 [data-pair="{k}"]').click();
        return ['old', 'new'].map(s => [...document.querySelectorAll(`#x0 [data-side=${{s}}] mark.sel`)]
                                       .map(x => x.textContent));
    }})()""")
    p = diff.pairs[k]
    assert picked == [[quotes["old"][p.old_id]] if p.old_id else [], [quotes["new"][p.new_id]] if p.new_id else []]
    # the label filter hides that label's pairs and highlights
    label = diff.pairs[both[0]].label
    hidden = browser.js(f"""(() => {{
        document.querySelector('#x0 input[name=label][value="{label}"]').click();
        const rows = [...document.querySelectorAll('#x0 [data-pair]')];
        return {{rows: rows.filter(r => r.hidden).map(r => +r.dataset.pair),
                 on: [...document.querySelectorAll('#x0 mark.hl.on')].map(m => m.textContent)}};
    }})()""")
    assert hidden["rows"] == [k for k, p in enumerate(diff.pairs) if p.label == label]
    assert len(hidden["on"]) == sum((p.old_id is not None) + (p.new_id is not None)
                                    for p in diff.pairs if p.label != label)
    save_screenshot(browser, tmp_path / "report-diff.png")


def policy_page(tmp_path: Path) -> tuple[Path, ExtractionOutput]:
    _, out = review_policy(tmp_path)
    out_dir = tmp_path / "out"
    write_json(out_dir / "policy.json", out)
    html_path = tmp_path / "policy.html"
    res = CliRunner().invoke(app, ["report", str(out_dir), "--html", str(html_path)])
    assert res.exit_code == 0, res.output
    return html_path, out


@pytest.mark.chromium
def test_headings_and_page_separators_in_chromium(tmp_path: Path, browser: Chromium) -> None:
    html_path, out = policy_page(tmp_path)
    browser.open(html_path.as_uri())
    assert browser.js("document.getElementById('d0').hidden") is False
    shown = browser.js("""(() => {
        const t = document.querySelector('#d0 .text');
        const seps = [...t.querySelectorAll('.page-sep')].filter(s => s.offsetParent !== null);
        const body = getComputedStyle(t);
        const h = [...t.querySelectorAll('.h')].filter(x => x.offsetParent !== null && x.textContent.trim());
        const run = t.querySelector('.run');
        return {text: t.innerText, seps: seps.map(s => s.textContent),
                sepRole: seps.map(s => s.getAttribute('role')),
                hWeight: Math.min(...h.map(x => +getComputedStyle(x).fontWeight)),
                hSize: Math.min(...h.map(x => parseFloat(getComputedStyle(x).fontSize))),
                bodySize: parseFloat(body.fontSize), bodyColor: body.color,
                runColor: getComputedStyle(run).color};
    })()""")
    lines = shown["text"].split("\n")
    # no heading marks and no page markers reach the eye; each page break is a separator with its number
    assert not [x for x in lines if x.lstrip().startswith("#") or "[[page" in x]
    assert shown["seps"] == ["page 1", "page 2", "page 3", "page 4"] and set(shown["sepRole"]) == {"separator"}
    assert shown["hWeight"] >= 600 and shown["hSize"] > shown["bodySize"]
    assert shown["runColor"] != shown["bodyColor"]  # running headers are muted
    # a title broken over two lines reads as one line; every sentence of the text is still there
    assert "1. Scope" in lines and "2.1. Thresholds" in lines and "Example Lab Safety Policy 3" in lines
    for c in out.commitments:
        assert c.quote in shown["text"]
    # the chart lists the real sections, with the commitments under each, and a click goes to the section
    rows = browser.js("""[...document.querySelectorAll('#d0 [data-chart-body=sec] .bar-row')]
        .map(r => [r.querySelector('.bar-label').textContent, +r.querySelector('.bar-n').textContent])""")
    assert rows == [["1. Scope", 2], ["2. Evaluations", 0], ["2.1. Thresholds", 2], ["Overview", 1]]
    top = browser.js("""(() => {
        window.scrollTo(0, 0);
        const rows = [...document.querySelectorAll('#d0 [data-chart-body=sec] .bar-row')];
        const a = document.querySelector('#d0 .anchor#' + rows[3].dataset.anchor);
        const before = a.getBoundingClientRect().top;
        rows[3].click();
        return [before, a.getBoundingClientRect().top, window.innerHeight, a.nextSibling.textContent];
    })()""")
    assert top[0] > top[2] and 0 <= top[1] < top[2]  # below the fold before the click, in view after it
    assert top[3] == "## "  # the anchor sits on the heading's (hidden) mark
    save_screenshot(browser, tmp_path / "report-reading.png")


@pytest.mark.chromium
def test_search_export_and_card_links_in_chromium(tmp_path: Path, browser: Chromium) -> None:
    html_path, out = policy_page(tmp_path)
    cs = out.commitments
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.open(html_path.as_uri())
    key = json.dumps("d0")

    def search(q: str) -> list[int]:
        browser.js(f"(() => {{ const i = document.querySelector('#d0 input[name=q]'); i.value = {json.dumps(q)};"
                   " i.dispatchEvent(new Event('input', {bubbles: true})); })()")
        seen = browser.js(VISIBLE % key)
        assert seen["status"] == f"{len(seen['badges'])} of {len(cs)} commitments shown"
        return seen["badges"]

    def fields(c: Commitment) -> str:
        return " ".join([c.quote, c.actor, c.trigger or "", c.safeguard, c.modality, c.specificity, c.id,
                         *(f.code for f in c.flags)]).lower()

    # words are matched in the quote and in every field, case-insensitively, all words at once
    for q in ("HELD back", "threshold", "30 days publish", "C302", "hyperlink", "intend", "nothing matches this"):
        assert search(q) == [i for i, c in enumerate(cs) if all(w in fields(c) for w in q.lower().split())], q
    assert search("threshold") == [2]  # in one quote and one trigger, both of commitment 2
    assert search("") == list(range(len(cs)))

    # export: the list the filters show, as CSV and JSON files the browser saves (nothing leaves the machine)
    assert search("we will") == [0, 3]

    def download(kind: str) -> Path:
        browser.js(f"document.querySelector('#d0 [data-export={kind}]').click()")
        target = downloads / f"policy-commitments.{kind}"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not target.exists():
            time.sleep(0.05)
        assert target.exists(), sorted(p.name for p in downloads.iterdir())
        return target

    rows = list(csv.DictReader(io.StringIO(download("csv").read_text("utf-8-sig"))))
    assert [r["id"] for r in rows] == [cs[0].id, cs[3].id]
    assert [r["quote"] for r in rows] == [cs[0].quote, cs[3].quote]
    assert rows[1]["page"] == str(cs[3].span.page) and rows[1]["seoul"] == "VII" and rows[0]["flags"] == "C302"
    assert rows[0]["actor"] == "'" + cs[0].actor  # a formula-looking cell is written as text
    got = json.loads(download("json").read_text("utf-8"))
    assert got["shown"] == 2 and got["total"] == len(cs) and got["filters"]["search"] == "we will"
    assert got["commitments"] == [cs[0].model_dump(mode="json"), cs[3].model_dump(mode="json")]
    assert browser.js("document.getElementById('d0').dataset.exported") == "json:2"

    # the coverage card: a row shows only its area's commitments, the area in the panel
    browser.js("document.querySelector('#d0 form.filters').reset()")
    time.sleep(0.1)
    rating = rate_document(out)
    card = browser.js("""[...document.querySelectorAll('#d0 tr.area')]
        .map(r => [r.querySelector('th').textContent, +r.querySelector('.lvl').textContent, r.dataset.area || null])""")
    assert card == [[a.area, a.level, a.area if a.count else None] for a in rating.areas]
    for a in (x for x in rating.areas if x.count):
        picked = browser.js(f"""(() => {{
            document.querySelector('#d0 tr[data-area="{a.area}"]').click();
            const p = document.querySelector('#d0 .detail');
            return {{area: document.querySelector('#d0 select[name=area]').value, panel: p.textContent,
                     best: [...p.querySelectorAll('[data-best]')].map(b => b.textContent)}};
        }})()""")
        seen = browser.js(VISIBLE % key)
        assert picked["area"] == a.area
        assert seen["badges"] == [i for i, c in enumerate(cs) if c.seoul == a.area]
        assert LEVELS[a.level] in picked["panel"] and a.name in picked["panel"]
        assert picked["best"] == [q.quote for q in a.quotes]
    # a best quote selects its commitment
    quote = browser.js("""(() => { document.querySelector('#d0 .detail [data-best]').click();
        return document.querySelector('#d0 .detail blockquote').textContent; })()""")
    assert quote == rating.areas[[a.area for a in rating.areas].index("VII")].quotes[0].quote
    # the area filter also lists commitments with no area
    browser.js("(() => { const f = document.querySelector('#d0 form.filters'); f.elements.area.value = 'none:';"
               " f.dispatchEvent(new Event('change')); })()")
    assert browser.js(VISIBLE % key)["badges"] == [i for i, c in enumerate(cs) if c.seoul is None]
    save_screenshot(browser, tmp_path / "report-card.png")


def test_a_text_in_parts_keeps_its_whole_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.report import write as report_module  # the limits live where they are read
    _, out = review_policy(tmp_path)
    write_json(tmp_path / "out" / "policy.json", out)
    monkeypatch.setattr(report_module, "PART_CHARS", 200)
    stats = report_module.write_report(tmp_path / "out", tmp_path / "review.html")
    assert len(stats.pages) > 1
    rating = rate_document(out)
    anchors: list[str] = []
    for page_file in stats.pages:
        page = page_file.read_text("utf-8")
        levels = re.findall(r'<tr class="area"[^>]*><th>([IVX]+)</th><td>[^<]*</td><td><span class="lvl" '
                            r'data-level="(\d)"', page)
        assert levels == [(a.area, str(a.level)) for a in rating.areas]  # the whole document's card
        # a section row links only where its heading is in this part
        for anchor in re.findall(r'data-anchor="([^"]+)"', page):
            assert f'id="{anchor}"' in page
            anchors.append(anchor)
    assert sorted(set(anchors)) == sorted(anchors) and len(anchors) == 4  # each section linked once
