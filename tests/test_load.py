"""Stage 1, load: text and page offsets from txt, md, html and pdf; one-line errors for bad files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docmaker import POLICY_PAGES, corpus_text, pdf

from extractor.errors import InputError
from extractor.load import discover, html_to_text, load


def test_txt_page_markers_give_pages_of_offsets(tmp_path: Path) -> None:
    text = "[[page 1]]\nWe will publish alpha.\n\n[[page 2]]\nWe will publish beta.\n\n[[page 3]]\nGamma.\n"
    path = tmp_path / "policy.txt"
    path.write_text(text, "utf-8")
    doc = load(path)
    assert doc.text == text and doc.pages == 3
    assert doc.page_at(text.index("alpha")) == 1
    assert doc.page_at(text.index("beta")) == 2
    assert doc.page_at(text.index("Gamma")) == 3
    assert doc.page_at(text.index("[[page 2]]")) == 2  # a page starts at its marker
    assert doc.id == "policy" and doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_txt_without_markers_is_one_page_and_text_before_first_marker_is_page_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title line\nWe will publish.\n")
    assert load(tmp_path / "a.txt").page_starts == [0]
    text = "Preface text here.\n[[page 2]]\nWe will publish.\n"
    (tmp_path / "b.txt").write_text(text)
    doc = load(tmp_path / "b.txt")
    assert doc.page_starts == [0, text.index("[[page 2]]")]
    assert doc.page_at(text.index("publish")) == 2


def test_real_corpus_document() -> None:
    doc = load(Path(__file__).resolve().parent.parent / "data" / "corpus" / "anthropic_rsp_v1.0.txt")
    assert doc.pages == 22 and doc.title == "Anthropic's Responsible Scaling Policy"
    assert doc.text == corpus_text("anthropic_rsp_v1.0.txt")


def test_md_title_and_text(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("Intro line\n\n# Frontier Safety\n\nWe will test models.\n", "utf-8")
    doc = load(tmp_path / "p.md")
    assert doc.title == "Frontier Safety" and "We will test models." in doc.text and doc.pages == 1


def test_md_heading_attributes_and_inline_html_are_markup_not_words(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("# Harbour Safety Standard {#top}\n\nWe <em>publish</em> a yearly drill report."
                                   "<br>We test every pump.\n", "utf-8")
    doc = load(tmp_path / "p.md")
    assert doc.title == "Harbour Safety Standard"
    assert "We publish a yearly drill report.\nWe test every pump." in doc.text


def test_html_lists_keep_their_numbering_and_nesting() -> None:
    from extractor.load import html_to_text

    text = html_to_text("<ol><li>Before any drill, the site lead must:<ol type='a'><li>test the pumps;</li>"
                        "<li>log the test.</li></ol></li><li>Drills are held monthly.</li></ol>"
                        "<ol start='4' type='i'><li>Four.</li></ol><ul><li>Dot<ul><li>Ring</li></ul></li></ul>")
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines == ["1. Before any drill, the site lead must:", "    a. test the pumps;", "    b. log the test.",
                     "2. Drills are held monthly.", "iv. Four.", "• Dot", "    ◦ Ring"]


def test_markdown_bold_markers_are_markup(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("# Drills\n\n- **The Drill Officer** signs off every drill. __Scope__: all sites.\n"
                                   "Footnote* and snake_case_name stay.\n", "utf-8")
    text = load(tmp_path / "p.md").text
    assert "- The Drill Officer signs off every drill. Scope: all sites." in text
    assert "Footnote* and snake_case_name stay." in text


def test_html_visible_text_only(tmp_path: Path) -> None:
    source = (
        "<!doctype html><html><head><title>Ignored</title><style>.x{display:none}</style>"
        "<script>const secret = 'We will hack';</script></head><body><h2>Our policy</h2>"
        "<p>We will publish a report &amp; a <b>summary</b>\n   every year.</p>"
        "<ul><li>We must not deploy unsafe models.</li></ul><!-- We will hide this comment -->"
        "<template><p>We will template</p></template><svg><text>We will draw</text></svg>"
        "<script type='application/ld+json'>{\"we\": \"will\"}</script></body></html>"
    )
    (tmp_path / "p.html").write_text(source, "utf-8")
    doc = load(tmp_path / "p.html")
    assert "We will publish a report & a summary every year." in doc.text
    assert "• We must not deploy unsafe models." in doc.text
    assert doc.title == "Our policy"
    for hidden in ("hack", "display:none", "hide this comment", "template", "draw", "Ignored", '"we"'):
        assert hidden not in doc.text, hidden
    assert html_to_text("<p>a</p><p>b</p>") == "a\n\nb\n"


def test_pdf_pages_of_offsets(tmp_path: Path) -> None:
    doc = load(pdf(tmp_path / "policy.pdf", POLICY_PAGES))
    assert doc.pages == 3
    for number, page in enumerate(POLICY_PAGES, start=1):
        for line in page.splitlines():
            if not line.strip():
                continue
            pos = doc.text.find(line.strip())
            assert pos >= 0, line
            assert doc.page_at(pos) == number, (line, number)
    assert doc.text.startswith("[[page 1]]")
    assert doc.page_starts == [doc.text.index(f"[[page {n}]]") for n in (1, 2, 3)]


def test_directory_walk_is_recursive_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    for rel in ("b.txt", "a/x.md", "a/deep/er/y.html", "a/z.pdf", ".hidden/h.txt", "a/.h.txt", "c.docx", "d.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("We will.")
    files, errors = discover([tmp_path])
    assert errors == []
    assert [str(f.relative_to(tmp_path)) for f in files] == ["a/deep/er/y.html", "a/x.md", "a/z.pdf", "b.txt"]


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
    ("README", b"We will.", "unsupported file type '(none)'"),
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"\n \n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("binary.md", bytes(range(256)) * 4, "binary file"),
    ("bad.txt", b"We will \xff\xfe\xfd publish", "invalid UTF-8 at byte 8"),
    ("fake.pdf", b"We will publish, says this text file named .pdf", "not a PDF"),
    ("hidden.html", b"<script>only a script</script>", "no text found"),
])
def test_bad_files_raise_one_line_input_error_naming_the_file(tmp_path: Path, name: str, data: bytes,
                                                              reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.path == str(path)
    assert reason in info.value.reason
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="disappeared"):
        load(tmp_path / "gone.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path / "dir.txt")


def test_utf8_bom_is_not_text(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffWe will publish.".encode())
    assert load(tmp_path / "bom.txt").text == "We will publish."


def test_a_title_broken_over_heading_lines_is_joined(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text("[[page 1]]\n\n## Responsible\n## Scaling Policy\n\n## Effective 2024\n\nWe will publish it.\n")
    assert load(path).title == "Responsible Scaling Policy"


def test_a_cover_title_set_one_word_per_plain_line_is_joined(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(" \n   Harbour\n   Release\n   Policy\n\nVersion 3\n\nWe will test models before release.\n")
    assert load(path).title == "Harbour Release Policy"


def test_a_heading_mark_on_a_line_of_its_own_heads_the_words_under_it(tmp_path: Path) -> None:
    # a web page saved as text: the publisher's masthead broken over lines, then "##" and the title on the next line
    path = tmp_path / "page.txt"
    path.write_text("-\n\nMinistry of\n\nHarbours & Rivers\n\nGuidance\n\n##\nFlood Gate Commitments 2024\n\n"
                    "Updated 7 February 2025\n\nOperators will close the gates at every weir.\n")
    assert load(path).title == "Flood Gate Commitments 2024"


def test_a_cover_line_that_is_the_publishers_legal_name_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text("HARROW INSTRUMENTS PLC\n\nRESPONSIBLE MODEL TESTING POLICY\n\nVersion: 2.1\n\n"
                    "1.1 The Company shall test every model.\n")
    assert load(path).title == "RESPONSIBLE MODEL TESTING POLICY"


def test_binary_data_that_looks_like_utf16_is_called_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01bin")
    with pytest.raises(InputError, match="binary file"):
        load(path)


def test_a_date_line_is_never_the_title(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("## 4th March 2031\n\n## Harbour Labs Release Policy\n\nWe will test models.\n", encoding="utf-8")
    assert load(path).title == "Harbour Labs Release Policy"
    path.write_text("March 12, 2031\nVersion 2.1\nHarbour Labs Release Policy\n\nWe will test models.\n",
                    encoding="utf-8")
    assert load(path).title == "Harbour Labs Release Policy"
    path.write_text("## Release Policy\n## 12 May 2031\n\nWe will test models.\n", encoding="utf-8")
    assert load(path).title == "Release Policy"


def test_a_contents_page_or_numbered_section_is_never_the_title(tmp_path: Path) -> None:
    # the cover carries no text title: the file name is a better title than the first section
    path = tmp_path / "harbour_release-policy_2031-02.txt"
    path.write_text("[[page 1]]\n\n## March 2031\n\n[[page 2]]\n\nTable of Contents\n\n1 Introduction\n3\n\n"
                    "2 Release Thresholds\n5\n\n## 1 Introduction\n\nWe will test models before release.\n",
                    encoding="utf-8")
    assert load(path).title == "harbour release policy"
    # nor is the first line of wrapped prose, as a PDF without blank lines puts it within the first lines
    path.write_text("[[page 1]]\n\n## March 2031\n\n## 1 Introduction\n\nThe Harbour Release Policy is a full set of\n"
                    "rules for how we release our crane models.\n", encoding="utf-8")
    assert load(path).title == "harbour release policy"
    path.write_text("## Contents\n\n## 2.1. Scope\n\nHarbour Labs Release Policy\n\nWe will test models.\n",
                    encoding="utf-8")
    assert load(path).title == "Harbour Labs Release Policy"


def test_a_version_line_under_a_plain_title_is_not_part_of_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("Heron Labs Model Safety Plan\nVersion 1.2, published May 2025\n\nWe test every model.\n", "utf-8")
    assert load(path).title == "Heron Labs Model Safety Plan"
