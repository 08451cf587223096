"""Issue 16, hardening: each test breaks the tool the way a careful user or an attacker did.

Real files, real subprocesses of `extract`, a real socket server that never answers; the LLM
items are in test_hardening_llm.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_evaluate import _cli_fixture

from extractor.load import html_to_text, load
from extractor.output import read_output

EXTRACT = str(Path(sys.executable).parent / "extract")
POLICY = ("# Model Safety Policy\n\nWe will publish a capability report before each release.\n\n"
          "We will notify the board within 30 days of any serious incident.\n")
OTHER = "# Second Policy\n\nWe must not deploy a model that fails its evaluations.\n"


def extract(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "EXTRACTOR_BACKEND", "EXTRACTOR_CHROMA_URL"):
        env.pop(var, None)
    return subprocess.run([EXTRACT, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr.replace("error:", ""), proc.stderr


# ------------------------------------------------------------------ 2: markup and escapes in what we print


def test_markup_and_escape_sequences_in_names_and_text_are_printed_as_text(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "[").mkdir(parents=True)  # a folder named `[`: the path reads `[/red]...`
    (src / "[/red]policy.txt").write_text(POLICY, "utf-8")
    (src / "[/red]empty.txt").write_text("", "utf-8")  # a failure line naming it
    (src / "\x1b]0;pwned\x07\x1b[2Jpolicy2.txt").write_text(OTHER, "utf-8")
    proc = extract("run", "in", "-o", "out", "--no-index", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 3, proc.stderr  # one failed, two written: the summary is not lost
    both = proc.stdout + proc.stderr
    assert "[/red]policy.txt" in proc.stdout and "[/red]empty.txt: empty file" in proc.stderr
    assert "\x1b]0;" not in both and "\x1b[2J" not in both  # shown escaped, never sent to the terminal
    assert "\\x1b]0;pwned" in proc.stdout

    bad = extract("check", "out", "--fail-on", "[/x]", cwd=tmp_path)
    no_traceback(bad)
    assert bad.returncode == 2 and "--fail-on '[/x]'" in bad.stderr
    bad = extract("run", "in", "-o", "out2", "--chroma-url", "http://[/x]", cwd=tmp_path)
    no_traceback(bad)
    assert bad.returncode == 2 and "[/x]" in bad.stderr


def test_query_shows_document_text_as_text(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("# Policy\n\nWe will publish [/bold] every report, see [link=http://attacker.test]here[/link].\n",
                   "utf-8")
    run = extract("run", str(doc), "-o", "out", "--index", "idx", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    proc = extract("query", "publish every report", "--index", "idx", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0
    assert "[/bold]" in proc.stdout and "[link=http://attacker.test]" in proc.stdout


# ------------------------------------------------------------------ 3: outputs are never inputs


def test_output_folder_and_review_page_are_never_read_back(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "policy.md").write_text(POLICY, "utf-8")
    first = extract("run", "in", "-o", "in/out", "--no-index", "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    page = extract("report", "in/out", "--html", "in/out/report.html", cwd=tmp_path)
    assert page.returncode == 0, page.stderr
    elsewhere = extract("report", "in/out", "--html", "in/review.html", cwd=tmp_path)  # a page inside the input
    assert elsewhere.returncode == 0, elsewhere.stderr
    for _ in range(2):
        again = extract("run", "in", "-o", "in/out", "--no-index", "--json", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        summary = json.loads(again.stdout)
        assert summary["commitments"] == json.loads(first.stdout)["commitments"]
        assert [Path(o).name for o in summary["outputs"]] == ["policy.json"]
    assert sorted(p.name for p in (src / "out").glob("*.json")) == ["policy.json"]
    named = extract("run", "in/review.html", "-o", "out2", "--no-index", cwd=tmp_path)
    assert named.returncode == 1 and "review page written by extractor" in named.stderr


# ------------------------------------------------------------------ 4, 9, 17: HTML as a browser shows it


def test_html_with_an_unclosed_head_keeps_its_body(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><head><title>X</title><body><p>We will publish a report every quarter.</p>"
                    "<p>We will notify the board of incidents.", "utf-8")
    doc = load(path)
    assert "We will publish a report every quarter." in doc.text
    assert "We will notify the board of incidents." in doc.text
    assert "X" not in doc.text.split()
    # text straight after an unclosed head starts the body too
    assert "We will test." in html_to_text("<head><title>T</title>We will test.")


def test_hidden_html_is_not_text() -> None:
    source = ("<p>We will publish reports.</p>"
              "<div hidden>We will secretly one.</div>"
              "<p style='display: none'>We will secretly two.</p>"
              "<span style='font-size:0'>We will secretly three.</span>"
              "<div style='color:red; visibility:hidden'><p>We will secretly four.</p></div>"
              "<ul><li>We must keep logs.<li hidden>We will secretly five.<li>We must audit.</ul>"
              "<span style='font-size:0.9em'>We will show small text.</span><p>We will stay visible.</p>")
    text = html_to_text(source)
    assert "secretly" not in text, text
    for shown in ("We will publish reports.", "• We must keep logs.", "• We must audit.",
                  "We will show small text.", "We will stay visible."):
        assert shown in text, (shown, text)


def test_entities_are_decoded_once() -> None:
    assert html_to_text("<p>&amp;lt;b&amp;gt; and &amp;amp; stay &lt;escaped&gt;</p>").strip() == \
        "&lt;b&gt; and &amp; stay <escaped>"


# ------------------------------------------------------------------ 5: a Chroma server that never answers


def test_chroma_server_that_never_answers_is_a_clear_error(tmp_path: Path, silent_server: int) -> None:
    (tmp_path / "p.md").write_text(POLICY, "utf-8")
    proc = extract("run", "p.md", "-o", "out", "--chroma-url", f"http://127.0.0.1:{silent_server}",
                   cwd=tmp_path, timeout=120)  # a hang guard, not a speed target
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"Chroma server at http://127.0.0.1:{silent_server} did not answer" in proc.stderr


# ------------------------------------------------------------------ 7: only our own temp files are removed


def test_startup_cleanup_removes_only_our_temp_files(tmp_path: Path) -> None:
    (tmp_path / "policy.txt").write_text(POLICY, "utf-8")
    foreign = [tmp_path / ".vimswap.tmp", tmp_path / ".~lock.budget.ods#.tmp"]
    for f in foreign:
        f.write_text("someone else's")
    ours = tmp_path / ".policy.json.k2j3h4.extract.tmp"
    ours.write_text('{"half": ')
    proc = extract("run", "policy.txt", "-o", ".", "--no-index", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert all(f.read_text() == "someone else's" for f in foreign)
    assert not ours.exists() and (tmp_path / "policy.json").exists()


# ------------------------------------------------------------------ 8, 11: output names


def test_a_255_byte_name_does_not_stop_the_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    long_name = "a" * 251 + ".txt"
    (src / long_name).write_text(POLICY, "utf-8")
    (src / "zz_later.txt").write_text(OTHER, "utf-8")
    proc = extract("run", "in", "-o", "out", "--no-index", "--json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    outputs = [tmp_path / o for o in json.loads(proc.stdout)["outputs"]]
    assert len(outputs) == 2 and all(len(o.name.encode()) <= 200 for o in outputs)
    assert read_output(outputs[0]).document.path.endswith(long_name)
    again = extract("run", "in", "-o", "out", "--no-index", "--json", cwd=tmp_path)  # and it is found again
    assert len(json.loads(again.stdout)["skipped"]) == 2


def test_diff_out_with_two_long_stems(tmp_path: Path) -> None:
    old, new = tmp_path / ("o" * 150 + ".txt"), tmp_path / ("n" * 150 + ".txt")
    old.write_text(POLICY, "utf-8")
    new.write_text(POLICY.replace("30 days", "60 days"), "utf-8")
    proc = extract("diff", old.name, new.name, "--out", "d", "--no-embed", "--no-index", "--json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    written = list((tmp_path / "d").glob("*.diff.json"))
    assert len(written) == 1 and len(written[0].name.encode()) <= 200


def test_inputs_named_like_our_other_files_are_not_lost(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "policy.diff.txt").write_text(POLICY, "utf-8")
    (src / "plan.scorecard.md").write_text(OTHER, "utf-8")
    proc = extract("run", "in", "-o", "out", "--no-index", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    names = sorted(Path(o).name for o in json.loads(proc.stdout)["outputs"])
    assert names == ["plan_scorecard.json", "policy_diff.json"]
    page = extract("report", "out", cwd=tmp_path)
    assert page.returncode == 0 and "(2 documents," in page.stdout
    check = extract("check", "out", "--format", "json", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert len(json.loads(check.stdout)["documents"]) == 2


# ------------------------------------------------------------------ 13, 15: outputs are input too


def test_an_output_claiming_millions_of_pages_makes_a_small_page(tmp_path: Path) -> None:
    doc = tmp_path / "policy.md"
    doc.write_text(POLICY, "utf-8")
    assert extract("run", "policy.md", "-o", "out", "--no-index", cwd=tmp_path).returncode == 0
    out = tmp_path / "out" / "policy.json"
    data = json.loads(out.read_text())
    data["document"]["pages"] = 3_000_000
    out.write_text(json.dumps(data))
    for source_there in (True, False):
        if not source_there:
            doc.unlink()
        proc = extract("report", "out", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / "out" / "report.html").stat().st_size < 2_000_000


@pytest.mark.parametrize("command", [("check", "out"), ("report", "out"), ("eval", "-p", "out")])
def test_json_nested_100000_deep_is_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    gold_dir, docs, _ = _cli_fixture(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "deep.json").write_text('{"document": ' + "[" * 100_000 + "]" * 100_000 + "}")
    extra = ("--gold", str(gold_dir), "--docs", str(docs)) if command[0] == "eval" else ()
    proc = extract(*command, *extra, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "deep.json: JSON nested too deeply" in proc.stderr


# ------------------------------------------------------------------ 16: eval -p with nothing to score


def test_eval_predictions_missing_is_an_error(tmp_path: Path) -> None:
    gold_dir, docs, preds = _cli_fixture(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "acme.json").write_text(json.dumps({"items": [{"quote": "We will publish"}]}))
    base = ["eval", "--gold", str(gold_dir), "--docs", str(docs), "--quiet"]
    for folder in (empty, wrong):
        proc = extract(*base, "-p", str(folder), cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 1 and "no prediction for 1 gold document(s): acme" in proc.stderr
    assert extract(*base, "-p", str(empty), "--missing-empty", cwd=tmp_path).returncode == 0
    assert extract(*base, "-p", str(preds), cwd=tmp_path).returncode == 0


# ------------------------------------------------------------------ 20: one row per document


def test_run_prints_a_row_per_document_and_names_skipped_types(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "alpha.md").write_text(POLICY, "utf-8")
    (src / "beta.md").write_text(OTHER, "utf-8")
    (src / "empty.txt").write_text("")
    (src / "slides.pptx").write_bytes(b"PK\x03\x04")
    (src / "notes.docx").write_bytes(b"PK\x03\x04")
    proc = extract("run", "in", "-o", "out", "--no-index", cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    rows = {line.split("│")[1].strip(): line for line in proc.stdout.splitlines() if line.count("│") >= 5}
    assert "written" in rows["in/alpha.md"] and "2" in rows["in/alpha.md"].split("│")[3]
    assert "written" in rows["in/beta.md"]
    assert "failed" in rows["in/empty.txt"] and "empty file" in rows["in/empty.txt"]
    assert "skipped 2 files of unsupported type: notes.docx, slides.pptx" in proc.stderr
    again = extract("run", "in", "-o", "out", "--no-index", "--json", cwd=tmp_path)
    docs = {Path(d["path"]).name: d for d in json.loads(again.stdout)["documents"]}
    assert docs["alpha.md"]["status"] == "unchanged" and docs["alpha.md"]["commitments"] == 2
    assert docs["empty.txt"]["status"] == "failed" and docs["empty.txt"]["reason"] == "empty file"
    assert json.loads(again.stdout)["unsupported"] == [str(Path("in") / "notes.docx"), str(Path("in") / "slides.pptx")]


# ------------------------------------------------------------------ 14: the review page of a big run


def test_a_big_run_gets_one_page_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.report import write as report

    src = tmp_path / "in"
    src.mkdir()
    (src / "alpha.md").write_text(POLICY, "utf-8")
    (src / "beta.md").write_text(OTHER, "utf-8")
    assert extract("run", "in", "-o", "out", "--no-index", cwd=tmp_path).returncode == 0
    monkeypatch.chdir(tmp_path)
    whole = report.write_report(tmp_path / "out", tmp_path / "whole.html")
    assert whole.documents == 2 and not (tmp_path / "whole-pages").exists()  # small: one page
    monkeypatch.setattr(report, "SPLIT_CHARS", 50)  # as if the run were big
    stats = report.write_report(tmp_path / "out", tmp_path / "review.html")
    index = (tmp_path / "review.html").read_text("utf-8")
    pages = sorted((tmp_path / "review-pages").glob("*.html"))
    assert [p.name for p in pages] == ["d0-alpha.html", "d1-beta.html"]
    assert stats.documents == 2 and stats.commitments == 3 and stats.quotes_only == []
    assert sorted(p.name for p in stats.pages) == [p.name for p in pages]
    for page in pages:
        assert f'href="review-pages/{page.name}"' in index
        assert 'href="../review.html"' in page.read_text("utf-8")
    assert "capability report before each release" in pages[0].read_text("utf-8")
    assert "capability report" not in pages[1].read_text("utf-8")  # only its own document's text
    assert "<script" not in index  # the index is a plain table


# ------------------------------------------------------------------ 18: a table row is at most one unit


def test_a_markdown_table_row_is_at_most_one_commitment(tmp_path: Path) -> None:
    rows = ["| id | measure | owner |", "|---|---|---|"]
    duties = ["we will review the logs", "we must rotate the keys", "we will audit access", "no duty here"]
    for i in range(3000):
        rows.append(f"| {i} | {duties[i % 4]} for system {i} | team {i % 7} |")
    (tmp_path / "table.md").write_text("# Controls\n\n" + "\n".join(rows) + "\n", "utf-8")
    proc = extract("run", "table.md", "-o", "out", "--no-index", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = read_output(tmp_path / "out" / "table.json")
    doc = load(tmp_path / "table.md")
    assert len(out.commitments) >= 1000  # the rows that state a duty, not a few blocks of twenty rows
    for c in out.commitments:
        assert "\n" not in doc.text[c.span.start : c.span.end], c.quote[:120]
        assert len(c.quote) < 80


def test_a_very_long_document_is_shown_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.report import write as report

    body = "".join(f"## Section {i}\n\nWe will review system {i} every {i % 11 + 1} months.\n\n" for i in range(600))
    (tmp_path / "long.md").write_text("# Long Policy\n\n" + body, "utf-8")
    assert extract("run", "long.md", "-o", "out", "--no-index", cwd=tmp_path).returncode == 0
    total = len(read_output(tmp_path / "out" / "long.json").commitments)
    monkeypatch.chdir(tmp_path)
    whole = report.write_report(tmp_path / "out", tmp_path / "whole.html").bytes
    monkeypatch.setattr(report, "PART_CHARS", 8000)
    stats = report.write_report(tmp_path / "out", tmp_path / "review.html")
    pages = sorted((tmp_path / "review-pages").glob("*.html"), key=lambda p: int(p.stem.rsplit("part", 1)[1]))
    assert len(pages) >= 4 and stats.commitments == total == 600
    index = (tmp_path / "review.html").read_text("utf-8")
    shown = 0
    for k, page in enumerate(pages):
        html = page.read_text("utf-8")
        assert f'href="review-pages/{page.name}"' in index
        assert len(html) < whole / 2  # a part, not the whole text
        data = json.loads(html.split('id="report-data">', 1)[1].split("</script>", 1)[0])
        cs = next(iter(data["docs"].values()))["commitments"]
        shown += len(cs)
        for c in cs:  # each commitment is highlighted in the part that shows its text
            assert f'data-c="{cs.index(c)}"' in html and c["quote"].split()[-1] in html
        if k == 0:
            assert "We will review system 0 every" in html and "system 599 every" not in html
    assert shown == total  # every commitment in exactly one part
