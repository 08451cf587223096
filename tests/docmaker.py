"""Real documents for tests, made on the fly: PDFs with reportlab (encrypted with pypdf), corpus-like
texts, and the hostile files of docs/hostile-inputs.md. Nothing here is a checked-in blob."""

from __future__ import annotations

import os
import random
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

POLICY_PAGES = [
    "## Safety commitments\n\nWe will publish a summary of our capability evaluations before each deployment.\n"
    "We will not deploy a model that crosses a critical capability threshold.",
    "## Security\n\nWe commit to a security review by an external auditor every year.\n"
    "Our board must approve any exception to this policy.",
    "## Governance\n\nWe intend to share incident reports with government bodies within 30 days.",
]


def pdf(path: Path, pages: list[str]) -> Path:
    """A real multi-page PDF with a text layer: one string per page, one line per text line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for page in pages:
        y = 800
        for line in page.splitlines():
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def laid_out_pdf(path: Path, pages: list[list[tuple[str, float, float]]]) -> Path:
    """A PDF drawn as a publisher lays one out: per page, (line, font size, space above it in points) from the top."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for page in pages:
        y = 800.0
        for line, size, space in page:
            y -= space
            c.setFont("Helvetica-Bold" if size > 11 else "Helvetica", size)
            c.drawString(60, y, line)
        c.showPage()
    c.save()
    return path


def image_only_pdf(path: Path) -> Path:
    """A PDF with drawings and no text layer (what a scan looks like to a text extractor)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(2):
        c.rect(100 + i * 20, 300, 200, 200, fill=1)
        c.circle(300, 600, 50, fill=1)
        c.showPage()
    c.save()
    return path


def encrypted_pdf(path: Path, source: Path, user_password: str, algorithm: str = "AES-256") -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    with path.open("wb") as f:
        writer.write(f)
    return path


def corpus_text(name: str = "gdm_fsf_v1.0.txt") -> str:
    return (CORPUS / name).read_text("utf-8")


def variants(folder: Path, count: int, names: list[str] | None = None, max_chars: int | None = None) -> list[Path]:
    """`count` corpus-like documents: corpus texts with small, seeded variations."""
    folder.mkdir(parents=True, exist_ok=True)
    names = names or sorted(p.name for p in CORPUS.glob("*.txt"))
    rng = random.Random(count)
    paths = []
    for i in range(count):
        name = names[i % len(names)]
        text = corpus_text(name)
        if max_chars:
            text = text[:max_chars]
        lines = text.splitlines()
        for _ in range(3):  # a few small edits, so every document is distinct
            j = rng.randrange(len(lines))
            lines[j] = lines[j].replace(" will ", " shall ", 1) if " will " in lines[j] else lines[j] + f" (v{i})"
        path = folder / f"{Path(name).stem}_{i:03d}.txt"
        path.write_text(f"Variant {i}\n" + "\n".join(lines) + "\n", "utf-8")
        paths.append(path)
    return paths


def long_text(chars: int) -> str:
    """Corpus text repeated up to `chars` characters, on many lines (as a real long policy)."""
    base = "".join(corpus_text(p.name) for p in sorted(CORPUS.glob("*.txt")))
    return (base * (chars // len(base) + 1))[:chars]


def one_line(chars: int) -> str:
    """Corpus sentences on a single line of `chars` characters (no newline at all)."""
    base = " ".join(long_text(min(chars, 300_000)).split())
    return ((base + " ") * (chars // len(base) + 1))[:chars]


def hostile_corpus(folder: Path, big_chars: int, line_chars: int) -> dict[str, str]:
    """Build the hostile corpus of docs/hostile-inputs.md; returns name -> expected outcome
    ("ok", or a piece of the one-line error). Big inputs are capped by the caller (see bench/)."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}

    def put(name: str, data: bytes | str, outcome: str) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = outcome
        return path

    good_pdf = pdf(folder / "policy.pdf", POLICY_PAGES)
    expect["policy.pdf"] = "ok"
    put("good.txt", corpus_text(), "ok")
    put("empty.txt", b"", "empty file")
    put("blank.md", b" \n\t\n", "empty file")
    rng = random.Random(7)
    put("binary.txt", bytes(rng.randrange(256) for _ in range(4096)) + b"\x00" * 16, "binary file")
    put("random.pdf", bytes(rng.randrange(256) for _ in range(4096)), "not a PDF")
    data = good_pdf.read_bytes()
    put("truncated.pdf", data[: len(data) // 2], "truncated PDF")
    encrypted_pdf(folder / "encrypted.pdf", good_pdf, "secret", "AES-256")
    expect["encrypted.pdf"] = "encrypted PDF (password required)"
    encrypted_pdf(folder / "encrypted_rc4.pdf", good_pdf, "secret", "RC4-128")
    expect["encrypted_rc4.pdf"] = "encrypted PDF (password required)"
    encrypted_pdf(folder / "owner_only.pdf", good_pdf, "", "AES-128")
    expect["owner_only.pdf"] = "ok"  # no user password: readable, as a viewer would open it
    image_only_pdf(folder / "scanned.pdf")
    expect["scanned.pdf"] = "no text layer"
    put("latin1.txt", "We will publish an évaluation report.\n".encode("latin-1"), "invalid UTF-8 at byte 19")
    put("utf16_bom.txt", "\n".join(POLICY_PAGES).encode("utf-16"), "ok")
    put("utf16_nobom.txt", "\n".join(POLICY_PAGES).encode("utf-16-le"), "ok")
    put("bad_utf16.txt", b"\xff\xfe" + "We will".encode("utf-16-le") + b"\x00\xd8A\x00", "invalid UTF-16")
    put("big.txt", long_text(big_chars), "ok")
    put("long_line.txt", one_line(line_chars), "ok")
    put("page.html", "<html><head><title>T</title><style>p {color: red}</style>"
        "<script>var s = 'We will exfiltrate every weight';</script></head><body>"
        "<h1>Policy</h1><p>We will publish a safety report &amp; its evidence every year.</p>"
        "<script>document.write('We must obey the script')</script><noscript>We must enable JS</noscript>"
        "</body></html>", "ok")
    put("notes.docx", b"PK\x03\x04 not supported", "ignored")  # folders yield supported types only
    sub = folder / "sub"
    sub.mkdir()
    put("sub/nested.md", "# Nested\n\nWe will review this policy every year.\n", "ok")
    os.symlink("..", sub / "up")  # a directory link loop: walked once, warned, not a failure
    os.symlink("loop.txt", folder / "loop.txt")  # a file link to itself
    expect["loop.txt"] = "symbolic link loop"
    os.symlink("missing.txt", folder / "dangling.txt")
    expect["dangling.txt"] = "broken symbolic link"
    os.mkfifo(folder / "fifo.txt")  # reading it would block for ever
    expect["fifo.txt"] = "not a regular file"
    return expect

