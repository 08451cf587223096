"""Stage 1, load: turn a file into a `Document` with its text and page offsets.

Every failure is an `InputError` naming the file and the reason, so the run can report it in one
line and go on with the other files.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .errors import InputError
from .models import Document
from .pdflayout import body_size, page_lines, with_paragraphs
from .textutil import LEGAL_SUFFIX

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
PAGE_MARKER = re.compile(r"^\[\[page (\d+)\]\]\s*$", re.MULTILINE)
MAX_BYTES = 200 * 1024 * 1024
log = logging.getLogger(__name__)


GENERATOR = "extractor"  # <meta name="generator"> of the pages this tool writes: never read back as a source
_OWN_PAGE = re.compile(rb"<meta\s+name=[\"']generator[\"']\s+content=[\"']" + GENERATOR.encode() + rb"\b", re.I)


@dataclass
class Discovery:
    """What a walk of the inputs found: the files to process, and what it left out and why."""

    files: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    unsupported: list[Path] = field(default_factory=list)  # in a folder, of a type we do not read
    own: list[Path] = field(default_factory=list)  # written by this tool (a review page), or in the output folder


def written_by_us(path: Path) -> bool:
    """A review page this tool wrote (its generator tag is in the head)."""
    if path.suffix.lower() not in (".html", ".htm") or not path.is_file():  # never open a FIFO here
        return False
    try:
        with path.open("rb") as f:
            return bool(_OWN_PAGE.search(f.read(4096)))
    except OSError:
        return False


def discover(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """The supported files under `paths` and the errors (see `discover_all`)."""
    found = discover_all(paths)
    return found.files, found.errors


def discover_all(paths: list[Path], exclude: list[Path] | None = None) -> Discovery:
    """Expand directories recursively (links followed once, loops cut) into supported files.

    A directory reached twice (a link loop, or two links to one folder) is walked once, with a
    warning: its documents are all processed, so it is not a failure. A file named twice (given
    explicitly and found in a folder) is processed once. Folders in `exclude` (the output folder)
    and pages this tool wrote are never walked into or read: outputs must not become inputs.
    """
    found = Discovery()
    errors = found.errors
    seen_dirs: set[Path] = set()
    seen_files: set[Path] = set()
    skip_dirs: set[Path] = set()
    for folder in exclude or []:
        with contextlib.suppress(OSError, RuntimeError):
            skip_dirs.add(folder.resolve())

    def walk(directory: Path) -> Iterator[Path]:
        try:
            real = directory.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            errors.append(InputError(directory, f"cannot resolve directory ({exc.__class__.__name__})"))
            return
        if real in skip_dirs:
            log.info("%s: the output folder, not read as input", directory)
            found.own.append(directory)
            return
        if real in seen_dirs:
            log.warning("%s: directory already walked (link loop or second link to %s), skipped", directory, real)
            return
        seen_dirs.add(real)
        try:
            entries = sorted(directory.iterdir())
        except OSError as exc:
            errors.append(InputError(directory, f"cannot list directory: {exc.strerror or exc}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif entry.suffix.lower() not in SUPPORTED:
                found.unsupported.append(entry)
            elif written_by_us(entry):
                found.own.append(entry)
            else:
                yield entry

    def add(path: Path) -> None:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a link loop: load() reports it
            key = path.absolute()
        if key not in seen_files:
            seen_files.add(key)
            found.files.append(path)

    for path in paths:
        if path.is_dir():
            for entry in walk(path):
                add(entry)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            errors.append(InputError(path, "no such file or directory"))
    return found


def load(path: Path) -> Document:
    """Read one supported file; raise `InputError` for anything that cannot give text."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(path, f"unsupported file type '{suffix or '(none)'}' (supported: txt, md, html, pdf)")
    data = _read(path)
    if not data.strip():
        raise InputError(path, "empty file" if not data else "empty file (only whitespace)")
    if suffix == ".pdf":
        text, page_starts = _pdf_text(path, data)
    else:
        raw = _decode(path, data)
        if suffix in (".html", ".htm") and _OWN_PAGE.search(data[:4096]):
            raise InputError(path, "a review page written by extractor, not a source document")
        if suffix in (".html", ".htm"):
            raw = html_to_text(raw)
        elif suffix in (".md", ".markdown"):
            raw = separate_table_rows(strip_emphasis(strip_inline_html(raw)))
        text, page_starts = raw, _marker_pages(raw)
    if not text.strip():
        raise InputError(path, "no text found")
    return Document(
        id=path.stem,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        title=_title(text, path),
        text=text,
        page_starts=page_starts,
    )


def _read(path: Path) -> bytes:
    """The file's bytes; only regular files are read (a FIFO or a device would block or never end)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file (FIFO, socket or device), skipped")
        if info.st_size > MAX_BYTES:
            raise InputError(path, f"file too large ({info.st_size} bytes, limit {MAX_BYTES})")
        with path.open("rb") as f:
            return f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(path, f"broken symbolic link (to {os.readlink(path)})") from None
        raise InputError(path, "file disappeared before it could be read") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop") from None
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


_TABLE_ROW_BREAK = re.compile(r"^([ \t]*\|[^\n]*)\n(?=[ \t]*\|)", re.MULTILINE)


# inline HTML a Markdown file may carry ("We <em>publish</em> X", "a<br>b"): markup, not words
_INLINE_TAG = re.compile(
    r"</?(?:em|strong|b|i|u|span|sup|sub|a|code|mark|small|abbr|kbd|s|del|ins|font)(?:\s[^<>\n]*)?>", re.I)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)


def strip_inline_html(text: str) -> str:
    """A Markdown text without the inline HTML tags it may hold; a <br> becomes a line break. Block tags (a <table>, a
    <div>) are left as written: stripping them would glue the blocks they separate."""
    return _INLINE_TAG.sub("", _BREAK_TAG.sub("\n", text))


# strong emphasis in Markdown ("**The Risk Officer** signs off", "__Scope__: X"), on one line: markup, not words
_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1(?![\w*])")


def strip_emphasis(text: str) -> str:
    """A Markdown text without its bold markers, so a quote reads as the page shows it and a bold subject ("**The
    Board** approves X") is a subject. Single-character emphasis stays: "*" also marks footnotes, "_" joins names."""
    return _STRONG.sub(r"\2", text)


def separate_table_rows(text: str) -> str:
    """Markdown table rows as paragraphs of their own (a blank line between rows), so no stage reads
    twenty rows as one sentence: a row is at most one unit, as an HTML table's <tr> already is."""
    return _TABLE_ROW_BREAK.sub("\\1\n\n", text)


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16 (BOM, or guessed from the NUL pattern of ASCII text).

    Nothing is guessed beyond that: a wrong guess would corrupt every quote, so other encodings
    are a clear error asking for UTF-8.
    """
    encoding = _utf16(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-16":  # declared by a BOM: the text is broken
                raise InputError(path, f"invalid UTF-16 text at byte {exc.start}") from None
            # only guessed from the NULs: far more likely binary data than broken UTF-16
            raise InputError(path, "binary file (NUL bytes), not text") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid UTF-8 at byte {exc.start}; convert the file to UTF-8") from None


def _utf16(data: bytes) -> str | None:
    """'utf-16' with a BOM, 'utf-16-le'/'utf-16-be' when NULs sit in every other byte, else None."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None  # UTF-32: reported as binary
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if odd_nul >= 0.4 * pairs and even_nul == 0:
        return "utf-16-le"
    if even_nul >= 0.4 * pairs and odd_nul == 0:
        return "utf-16-be"
    return None


def _marker_pages(text: str) -> list[int]:
    """Page starts from `[[page N]]` markers; a text without markers is one page."""
    starts = [m.start() for m in PAGE_MARKER.finditer(text)]
    if not starts or starts[0] > 0 and text[: starts[0]].strip():
        starts.insert(0, 0)
    starts[0] = 0
    return starts


def _pdf_text(path: Path, data: bytes) -> tuple[str, list[int]]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF (no %PDF- header)")
    # pypdf logs repairs of damaged files as warnings; the outcome is our one line, not its log
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    truncated = b"%%EOF" not in data[-2048:]
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:  # owner-password-only PDFs open with an empty user password
                ok = bool(reader.decrypt(""))
            except DependencyError:
                raise
            except Exception:
                ok = False
            if not ok:
                raise InputError(path, "encrypted PDF (password required)")
        parts: list[str] = []
        starts: list[int] = []
        offset = 0
        pages = [page_lines(page) for page in reader.pages]
        size = body_size(pages)
        for number, lines in enumerate(pages, start=1):
            body = with_paragraphs(lines, size).strip()
            chunk = f"[[page {number}]]\n\n{body}\n\n"
            starts.append(offset)
            parts.append(chunk)
            offset += len(chunk)
    except InputError:
        raise
    except DependencyError:
        raise InputError(path, "encrypted PDF needs the 'cryptography' package (pip install 'pypdf[crypto]')") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        what = "truncated PDF (no %%EOF at the end)" if truncated else "unreadable PDF"
        raise InputError(path, f"{what}: {exc.__class__.__name__}: {_one_line(exc)}") from None
    except RecursionError:
        raise InputError(path, "unreadable PDF (objects nested too deeply)") from None
    except Exception as exc:  # pypdf raises a wide range on damaged files
        what = "truncated PDF (no %%EOF at the end)" if truncated else "unreadable PDF"
        raise InputError(path, f"{what}: {exc.__class__.__name__}") from None
    text = "".join(parts)
    if not PAGE_MARKER.sub("", text).strip():
        if truncated:
            raise InputError(path, "truncated PDF (no %%EOF at the end), no text recovered")
        raise InputError(path, "PDF has no text layer (scanned images?); OCR it first")
    return text, starts or [0]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:80]


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "keygen"})
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})
# what ends an open <p> (the HTML parsing rules), and elements that end an open one of their own kind
_CLOSES_P = frozenset({"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
                       "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                       "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"})
# (a cell closes the cell open before it in its row, never the row)
_SELF_CLOSING_KIN = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"}, "td": {"td", "th"},
                     "th": {"td", "th"}, "option": {"option"}}
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    r"|font-size\s*:\s*0*(?:\.0*)?(?:px|pt|em|rem|%)?\s*(?:!important\s*)?(?:;|$))", re.I)
_END_SEARCH = 256  # how far down the open elements an end tag looks for its start (bounded work per tag)


class _VisibleText(HTMLParser):
    """Collects the text a browser would show: no scripts, styles, templates, comments or hidden elements.

    Open elements are tracked the way a browser's parser closes them (an unclosed <head> ends at the
    first body element or text, a <p> at the next block, an <li> at the next <li>, an end tag closes
    what is open inside it), so a missing end tag neither hides the rest of the page nor shows a
    hidden part. Entities are decoded once, by the parser.
    """

    HIDDEN = {"script", "style", "template", "noscript", "head", "svg", "math", "title"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
             "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.done: list[str] = []  # parts joined in batches: millions of tiny strings would cost far more
        self.open: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.hidden = 0
        self.cells: list[int] = []  # cells begun in each open table row: a row is written "| a | b |", as Markdown
        self.heads: list[bool] = []  # whether each open row's cells are all header cells (<th>): then a rule follows
        # open lists, innermost last: (type, items so far); an ordered list's "type" ("1", "a", "A", "i", "I"), "ul"
        # for a bulleted one
        self.lists: list[list[Any]] = []

    def _push(self, text: str) -> None:
        self.parts.append(text)
        if len(self.parts) >= 4096:
            self.done.append("".join(self.parts))
            self.parts.clear()

    def text(self) -> str:
        return "".join(self.done) + "".join(self.parts)

    def _close_to(self, index: int) -> None:
        for tag, hides in reversed(self.open[index:]):
            if hides:
                self.hidden -= 1
            if tag == "tr" and self.cells:
                n, head = self.cells.pop(), self.heads.pop()
                if n and not self.hidden:
                    # a header row gets the rule Markdown puts under it, so its cells name the columns
                    self._push(" |" + ("\n" + "| " + " | ".join(["---"] * n) + " |" if head else ""))
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            if tag in self.BLOCK:
                self._push("\n")
        del self.open[index:]

    def _close_innermost(self, tags: set[str] | frozenset[str], stop: set[str] | None = None) -> None:
        """Close the innermost open element named in `tags` (and what is open inside it)."""
        lo = max(0, len(self.open) - _END_SEARCH)
        for i in range(len(self.open) - 1, lo - 1, -1):
            tag = self.open[i][0]
            if tag in tags:
                self._close_to(i)
                return
            if stop is not None and tag in stop:
                return

    def _in_head(self) -> int:
        for i, (tag, _) in enumerate(self.open):
            if tag == "head":
                return i
        return -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HEAD_CONTENT:
            head = self._in_head()
            if head >= 0:  # <body>, or any body content, ends a <head> whose end tag is missing
                self._close_to(head)
        if tag in _CLOSES_P:
            self._close_innermost({"p"}, stop={"div", "section", "article", "li", "td", "th", "blockquote"})
        if tag in _SELF_CLOSING_KIN:
            self._close_innermost(_SELF_CLOSING_KIN[tag], stop={"ul", "ol", "dl", "table", "select", "tr"}
                                  if tag in ("td", "th") else {"ul", "ol", "dl", "table", "select"})
        hides = tag in self.HIDDEN or any(
            name == "hidden" or (name == "style" and value and _HIDING_STYLE.search(value)) for name, value in attrs)
        if tag in self.BLOCK:
            self._push("\n\n" if tag in {"p", "div", "section", "li", "tr"} or tag[0] == "h" else "\n")
            if not (self.hidden or hides):
                if tag[0] == "h" and tag[1:].isdigit():
                    self._push("## ")
                elif tag == "li":
                    self._push(self._item_mark())
        if tag in ("ul", "ol"):
            kind = "ul" if tag == "ul" else next((v for k, v in attrs if k == "type" and v in _OL_TYPES), "1")
            start = next((v for k, v in attrs if k == "start" and v and v.strip().isdigit()), "1")
            self.lists.append([kind, int(start) - 1 if tag == "ol" else 0])
        if tag == "tr":
            self.cells.append(0)
            self.heads.append(True)
        elif tag in ("td", "th") and self.cells and not (self.hidden or hides):
            # cells apart, as a Markdown table's ("| Elevated | Add X |"): the rules read a row's label and its response
            self._push("| " if self.cells[-1] == 0 else " | ")
            self.cells[-1] += 1
            self.heads[-1] = self.heads[-1] and tag == "th"
        if tag in _VOID or tag in ("html", "body"):
            return
        self.open.append((tag, bool(hides)))
        if hides:
            self.hidden += 1

    def _item_mark(self) -> str:
        """An item's mark as the page shows it, indented by its depth: "1.", "a.", "ii." for an ordered list, a bullet
        per level for an unordered one, so that the rules see which items are a sub-list of which."""
        if not self.lists:
            return "• "
        kind, n = self.lists[-1]
        self.lists[-1][1] = n + 1
        indent = "    " * (len(self.lists) - 1)
        if kind == "ul":
            return indent + _BULLETS[min(len(self.lists), len(_BULLETS)) - 1] + " "
        return f"{indent}{_ordinal(n + 1, kind)}. "

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<div/>` opens a div in HTML: only void and foreign (SVG, MathML) elements close themselves
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.open and self.open[-1][0] == tag and any(
                t in ("svg", "math") for t, _ in self.open):
            self._close_to(len(self.open) - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and not any(t == "p" for t, _ in self.open[-_END_SEARCH:]):
            self._push("\n")  # a stray </p> is an empty paragraph
            return
        self._close_innermost({tag})

    def handle_data(self, data: str) -> None:
        if self.hidden and self.open and self.open[-1][0] == "head" and data.strip():
            self._close_to(len(self.open) - 1)  # text directly in <head> starts the body
        if not self.hidden:
            self._push(re.sub(r"[ \t\r\n]+", " ", data))


_OL_TYPES = ("1", "a", "A", "i", "I")
_BULLETS = "•◦▪"  # the bullet of each level of nested unordered lists, as a browser draws them


def _ordinal(n: int, kind: str) -> str:
    """The number `n` written as an ordered list of type `kind` writes it."""
    if kind in ("a", "A"):
        letters = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters if kind == "a" else letters.upper()
    if kind in ("i", "I"):
        roman = ""
        for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                               (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                roman, n = roman + numeral, n - value
        return roman if kind == "i" else roman.upper()
    return str(n)


def html_to_text(source: str) -> str:
    parser = _VisibleText()
    for i in range(0, len(source), 1 << 20):
        parser.feed(source[i : i + (1 << 20)])
    parser.close()
    text = re.sub(r"[ \t]+\n", "\n", parser.text())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# a date, a version or a publication line is never the title
_NOT_TITLE = re.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:(?:updated|published|effective|dated|released|"
    rf"last\s+updated|as\s+of)\s*:?\s*)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?|"
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4})\.?$"
    r"|^(?:version|v\.?|rev(?:ision)?\.?|issue)\s*\d[\w.]*(?:\W.*)?$|^(?:last\s+)?(?:updated|published|effective)\b"
    # a numbered section ("1 Introduction", "2.1. Scope") or the name of a part is a heading inside, not the title
    r"|^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+\S"
    r"|^(?:(?:table\s+of\s+)?contents|introduction|abstract|(?:executive\s+)?summary|overview|preface|foreword|"
    r"background|glossary|definitions|appendix\b.*|annex\b.*)$",
    re.I,
)


# a plain line that can be a title: a few words, no sentence end, not a contents line ending in a page number
# (a line of wrapped prose is no title: "X is a comprehensive set of" has a verb in lower case)
_TITLE_LIKE = re.compile(r"^(?!.*[.:;,]$)(?!.*\s\d{1,3}$)(?!.*\s(?:is|are|was|were|will|shall|has|have|we)\s)"
                         r"\S+(?:\s+\S+){0,13}$")


def _title(text: str, path: Path) -> str:
    lines = text.splitlines()[:80]
    for i, line in enumerate(lines):
        line = line.strip()
        if _heading_piece(line):
            # a title broken over consecutive heading lines by the PDF extraction ("## Responsible",
            # "## Scaling Policy") is joined while the pieces stay short
            return _joined(lines[i : i + 4], _heading_piece)
        if re.fullmatch(r"#{1,6}", line) and i + 1 < len(lines) and _plain_piece(lines[i + 1].strip()):
            # a web page saved as text puts a heading's mark on a line of its own, its words on the next
            return _joined(lines[i + 1 : i + 5], _plain_piece)
    plain = lines[:40]
    for i, line in enumerate(plain):
        line = line.strip()
        if not PAGE_MARKER.match(line) and len(line) > 3 and _plain_piece(line):
            # a cover title set one word or two per line ("Frontier", "Safety", "Framework") is one title
            return _joined(plain[i : i + 4], _plain_piece)
    return readable_name(path.stem, drop_numbers=True) or path.stem


# a Markdown heading's attributes ("# Title {#top}", "{.lead}"): markup, not words of the title
HEADING_ATTRS = re.compile(r"\s*\{[#.][\w\-]+(?:\s+[#.][\w\-]+)*\}\s*$")


def _heading_piece(line: str) -> str | None:
    """A heading line's text (maybe empty) when it can be (part of) the title."""
    text = HEADING_ATTRS.sub("", line.lstrip("#")).strip()
    return text if line.startswith("#") and not _NOT_TITLE.match(text) else None


# a cover line that is the publisher's legal name ("ACME ROBOTICS PLC", "Vela Systems, Inc."): whose, not what
_LEGAL_NAME = re.compile(rf"^[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){{0,3}}(?i:{LEGAL_SUFFIX})\.?$")


def _plain_piece(line: str) -> str | None:
    """A plain line's text when it can be (part of) the title."""
    ok = (line and not line.startswith("#") and not _NOT_TITLE.match(line) and _TITLE_LIKE.match(line)
          and not _LEGAL_NAME.match(line))
    return line if ok else None


def _joined(lines: list[str], piece: Callable[[str], str | None]) -> str:
    """The title on the first of `lines`, with the pieces on the lines right after it while they stay short."""
    parts = [piece(lines[0].strip()) or ""]
    for nxt in lines[1:]:
        nxt = nxt.strip()
        text = piece(nxt)
        if text is None or len(nxt) >= 40 or sum(map(len, parts)) >= 40:
            break
        parts.append(text)
    return " ".join(parts)[:200]


def readable_name(stem: str, drop_numbers: bool = False) -> str:
    """A file name as words ("acme_safety-policy_2025-02" -> "acme safety policy 2025 02"), for a document that
    names neither its title nor its author; `drop_numbers` leaves out the numbers (dates, versions) a title
    does not need."""
    words = [w for w in re.split(r"[_\-\s]+", stem) if w]
    return " ".join(w for w in words if not (drop_numbers and re.fullmatch(r"\d{2,8}", w)))
