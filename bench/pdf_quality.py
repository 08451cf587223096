"""How much of the extraction survives when a policy comes as a PDF instead of text.

Frameworks are published as PDFs; the gold documents are texts. Each gold document is drawn as a PDF the
way a publisher lays one out: the text's own pages (its [[page N]] markers) and lines, a blank line as
vertical space, a Markdown heading as a line in a larger bold type, and for a text without page markers a
running header (its title, after the cover) and footer (the page number). The same `extract run`
(backend and learned heads) reads the text files and the PDFs; both outputs are scored against the gold
with the scorer `extract eval` uses (a PDF's quotes are located in the text version, whitespace aside).
The PDF side then differs from the text side only by what the PDF reader recovers: no blank lines or
heading marks unless the layout gives them back (extractor/pdflayout.py), running headers and footers in
the page text, glyphs a font maps to no character.

    python bench/pdf_quality.py [--only STEM ...] [--json F]

Needs reportlab (a test dependency: pip install -e '.[test]') and, to draw the bullets the texts use, the
DejaVu fonts most systems have (else reportlab's Vera, which has no "●"). Prints, per document and
pooled, detection F1 (precision, recall) and the field figures for the text and the PDF: a measurement of
input robustness, which chose nothing.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from benchutil import EXTRACT, emit, machine, table  # noqa: E402

from extractor.evaluate import evaluate, predictions_from_dir  # noqa: E402
from extractor.gold import load_split  # noqa: E402

SETS = ((ROOT / "gold", ROOT / "data" / "corpus"), (ROOT / "gold" / "synthetic", ROOT / "data" / "synthetic"))
BODY, HEADING, BLANK = 7.0, 9.0, 8.0  # font sizes and the space a blank line leaves, in points
_HEADING = re.compile(r"^#+\s*(.*)$")
_PAGE = re.compile(r"\[\[page \d+\]\]\n?")


# fonts that draw the bullets and symbols the policies use (a glyph a font lacks is read back as no character, which
# would lose the list marks the text has); reportlab's bundled Vera lacks "●" and is the fallback
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
              Path("/Library/Fonts"), Path("C:/Windows/Fonts"))


def _fonts() -> tuple[str, str]:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pairs = [(d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf") for d in _FONT_DIRS]
    bundled = Path(reportlab.__file__).parent / "fonts"
    regular, bold = next((p for p in pairs if p[0].is_file() and p[1].is_file()),
                         (bundled / "Vera.ttf", bundled / "VeraBd.ttf"))
    pdfmetrics.registerFont(TTFont("Body", str(regular)))
    pdfmetrics.registerFont(TTFont("Heading", str(bold)))
    return "Body", "Heading"


def render(source: Path, target: Path) -> None:
    """Draw `source` (a text or Markdown file) as a PDF at `target`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    regular, bold = _fonts()
    from extractor.load import load

    doc = load(source)
    pages = [p for p in _PAGE.split(doc.text) if p.strip()]
    running = len(pages) == 1  # a text without page markers gets a running header and footer
    width, height = A4
    c = canvas.Canvas(str(target), pagesize=A4)
    state = {"y": height - 70.0, "page": 1}

    def decorate() -> None:
        if running:  # the title over every page after the cover, the page number under every page
            c.setFont(regular, 6)
            if state["page"] > 1:
                c.drawString(30, height - 40, doc.title)
            c.drawRightString(width - 30, 30, f"Page {state['page']}")

    def new_page() -> None:
        c.showPage()
        state["page"] += 1
        state["y"] = height - 70.0
        decorate()

    def draw(text: str, font: str, size: float) -> None:
        for piece in simpleSplit(text, font, size, width - 60) or [""]:
            if state["y"] < 50:
                new_page()
            c.setFont(font, size)
            c.drawString(30, state["y"], piece)
            state["y"] -= size + 3

    decorate()
    for k, page in enumerate(pages):
        if k:
            new_page()
        for line in page.strip("\n").split("\n"):
            heading = _HEADING.match(line)
            if not line.strip():
                state["y"] -= BLANK
            elif heading:
                draw(heading.group(1), bold, HEADING)
            else:
                draw(line.strip(), regular, BODY)
    c.showPage()
    c.save()


def _extract(files: list[Path], out: Path) -> dict[str, Any]:
    subprocess.run([EXTRACT, "run", *map(str, files), "-o", str(out), "--no-index", "-q"], check=True, cwd=ROOT)
    return predictions_from_dir(out)


def _figures(scores: Any) -> dict[str, float | None]:
    return {k: getattr(scores, k) for k in ("f1", "precision", "recall", "actor_acc", "trigger_f1", "specificity_acc",
                                            "seoul_acc")}


def measure(only: list[str]) -> dict[str, Any]:
    golds = [(split, g) for gold_dir, docs in SETS for split, g in load_split(gold_dir, docs)
             if not only or g.id in only]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "pdf").mkdir()
        sources = [Path(g.doc.path) for _, g in golds]
        for source in sources:
            render(source, folder / "pdf" / f"{source.stem}.pdf")
        text = evaluate(golds, _extract(sources, folder / "out-text"))
        pdf = evaluate(golds, _extract(sorted((folder / "pdf").glob("*.pdf")), folder / "out-pdf"))
    return {
        "machine": machine(),
        "documents": {d.document: {"text": _figures(d.scores), "pdf": _figures(p.scores)}
                      for d, p in zip(text.documents, pdf.documents, strict=True)},
        "pooled": {"text": _figures(text.micro), "pdf": _figures(pdf.micro)},
    }


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def render_table(result: dict[str, Any]) -> str:
    rows = [[name[:48], _fmt(r["text"]["f1"]), _fmt(r["pdf"]["f1"]), _fmt(r["pdf"]["precision"]),
             _fmt(r["pdf"]["recall"])] for name, r in result["documents"].items()]
    pooled = result["pooled"]
    rows.append(["pooled", _fmt(pooled["text"]["f1"]), _fmt(pooled["pdf"]["f1"]), _fmt(pooled["pdf"]["precision"]),
                 _fmt(pooled["pdf"]["recall"])])
    fields = "  ".join(f"{k} {_fmt(pooled['text'][k])} -> {_fmt(pooled['pdf'][k])}"
                       for k in ("actor_acc", "trigger_f1", "specificity_acc", "seoul_acc"))
    title = f"Detection from text and from PDF ({result['machine']})"
    return table(title, ["document", "text F1", "PDF F1", "PDF P", "PDF R"], rows) + f"\npooled, text -> PDF: {fields}"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--only", nargs="*", default=[], help="document ids (file stems) to measure")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    emit(measure(args.only), render_table, args.json)


if __name__ == "__main__":
    main()
