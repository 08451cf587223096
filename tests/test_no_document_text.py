"""Rules, comments and tests must generalise: none of their strings or comments may share 8 or more
consecutive words with a policy document in data/ or with a gold quote in gold/ (issue 14). A hit
means a sentence of a document was copied into code; rewrite it in made-up words."""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = 8
_WORD = re.compile(r"[a-z0-9]+")
RESERVED = {"split.json", "baseline.json"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + N]) for i in range(len(words) - N + 1)}


def document_grams(root: Path = ROOT) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for path in sorted((root / "data").rglob("*")):
        if path.is_file() and path.suffix.lower() in (".txt", ".md", ".html", ".htm") and path.name != "SOURCES.md":
            grams |= _grams(_words(path.read_text(encoding="utf-8", errors="ignore")))
    for path in sorted((root / "gold").glob("*.json")):
        if path.name in RESERVED:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for c in data.get("commitments", []):
            grams |= _grams(_words(c.get("quote", "")))
    return grams


# a file name written as a string ("<publisher>_<document title>_v1.0.json") names a document, it does not copy it
_FILE_NAME = re.compile(r"""^[rbf]*(['"])[\w.\-]+\.(?:json|txt|md|html?|pdf)\1$""", re.I)


def code_text(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal and comment of a Python file, in order; file names are left out."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING and _FILE_NAME.match(tok.string):
            continue
        if tok.type in (tokenize.STRING, tokenize.COMMENT):
            out.append((tok.start[0], tok.string))
        elif tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            out.append((tok.start[0], tok.string))
    return out


def shared_lines(path: Path, grams: set[tuple[str, ...]]) -> list[int]:
    words: list[str] = []
    lines: list[int] = []
    for line, text in code_text(path):
        for w in _words(text):
            words.append(w)
            lines.append(line)
    return sorted({lines[i] for i in range(len(words) - N + 1) if tuple(words[i : i + N]) in grams})


def test_the_scan_finds_a_copied_sentence(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "data" / "doc.txt").write_text("Every member of the review panel will sign the release form "
                                               "before the model ships.", encoding="utf-8")
    grams = document_grams(tmp_path)
    src = tmp_path / "rule.py"
    src.write_text('X = 1  # the review panel will sign the release form before the model ships\n'
                   'Y = "the panel signs a form"\n', encoding="utf-8")
    assert shared_lines(src, grams) == [1]
    named = tmp_path / "names.py"
    named.write_text('F = "every_member_of_the_review_panel_will_sign.json"\n', encoding="utf-8")
    assert shared_lines(named, grams) == []  # a file name named after a document's title is not a copy


def test_no_code_string_or_comment_copies_a_document() -> None:
    grams = document_grams()
    assert grams, "no documents found under data/ or gold/"
    files = sorted(p for folder in ("extractor", "tests", "bench") for p in (ROOT / folder).rglob("*.py"))
    hits = {str(p.relative_to(ROOT)): lines for p in files if (lines := shared_lines(p, grams))}
    assert hits == {}, f"strings or comments sharing {N}+ consecutive words with a document (file: lines): {hits}"


# publishers of frontier-AI policies: the code must find them in a document, never know them by name
PUBLISHERS = (
    "Google DeepMind", "DeepMind", "Google", "OpenAI", "Anthropic", "Microsoft", "Amazon", "Meta",
    "NVIDIA", "Nvidia", "Magic", "xAI", "Cohere", "Mistral AI", "IBM", "Samsung", "Naver", "NAVER", "G42",
    "Inflection AI", "Zhipu AI", "Apple", "Hugging Face", "Stability AI", "AI21 Labs", "Aleph Alpha",
    "Scale AI", "Adept", "Character.AI", "Baidu", "Alibaba", "Tencent", "Salesforce", "Databricks",
)


def test_rules_and_diff_name_no_publisher_and_no_acronym_of_a_document() -> None:
    acronyms: set[str] = set()
    for path in sorted((ROOT / "data").rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="ignore")
        acronyms |= set(re.findall(r"\(([A-Z][A-Za-z]{1,5}[A-Z0-9])\)", text))
        acronyms |= set(re.findall(r"\b([A-Z]{2,5})-\d\b", text))  # level names written as ABC-3
    acronyms -= {"AI", "US", "UK", "EU", "CEO", "CTO", "CISO", "API", "ISO", "SOC", "CBRN", "R&D", "IP", "ML", "LLM"}
    diff_modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "extractor" / "diff").glob("*.py"))
    assert diff_modules, "the diff package moved"
    rules_modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "extractor" / "backends" / "rules").glob("*.py"))
    assert rules_modules, "the rules package moved"
    learn_modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "extractor" / "learn").glob("*.py"))
    for rel in (*rules_modules, "extractor/lexicon.py", *diff_modules, *learn_modules, "extractor/org.py",
                "extractor/check.py"):
        # the checker names standards and fields of the domain (NIST, CBRN), which are no one document's
        generic = rel == "extractor/check.py"
        words = {w for _, text in code_text(ROOT / rel) for w in re.findall(r"[A-Za-z][\w.&-]*", text)}
        source = " ".join(text for _, text in code_text(ROOT / rel))
        named = sorted(o for o in PUBLISHERS if re.search(rf"(?<![\w]){re.escape(o)}(?![\w])", source))
        assert named == [], f"{rel} names publishers: {named}"
        assert generic or sorted(acronyms & words) == [], f"{rel} uses document acronyms"
