"""The review page: one self-contained HTML file to check an extraction by eye.

Analysts judge an extractor by reading what it found where it found it, so the page shows each
document's text with every commitment highlighted in place (coloured by modality, with its
specificity and flags beside it), filters, a field panel, a summary with a chart, and for diffs a
side-by-side view with the pairs linked.

The text is shown as a reader sees it (`extractor.outline`: heading marks and page markers hidden but
kept in the page, headings set as headings, running headers muted, page breaks as separators), the
sections of the chart are the outline's, and each document's summary carries its `extract rate`
coverage card, whose rows filter the text to their commitments.

Safety: document text is never interpreted as HTML. All text goes through `html.escape`; the data
the page script needs sits in a `<script type="application/json">` block with `<`, `>` and `&`
written as JSON escapes, so no quote, flag or file name can close the block. The page loads
nothing from the network: the style and script in `extractor/resources/` are inlined (a file that
could close its element is refused), and a Content-Security-Policy forbids any fetch. Exports are
built in the page and handed to the browser as a download.

Diffs are read from `OUT/*.diff.json` (written by `extractor.diff`); the page needs only this part of
that contract, so it keeps working when the diff grows fields:

    {"old_doc_id": "<document id>", "new_doc_id": "<document id>",
     "pairs": [{"label": "<str>", "old_id": "<commitment id>" | null, "new_id": "<commitment id>" | null,
                "why": "<str, optional>", "old_quote": "<optional>", "new_quote": "<optional>",
                "nearest": [{"quote": "<str>", "page": <int>, "similarity": <float>}] (optional)}]}

The summary numbers come from `extractor.scorecard`, so the page and `extract scorecard` agree.

The package is split by concern: `content` (what the page shows: the outputs, their texts, the diffs,
the summary numbers), `markup` (the HTML; the page shells, style and script are files in
`extractor/resources/`), `write` (one page, or an index and a page per document for a big run). The
size limits a test may lower (`SPLIT_CHARS`, `PART_CHARS`) and `RESOURCES` are read where they live,
in `write` and `markup`, so they are not re-exported here.
"""

from .content import (
    DiffRef,
    DiffView,
    DocView,
    NearRef,
    PairRef,
    Report,
    SourceRef,
    attach_text,
    collect,
    read_diff,
    summarise,
)
from .markup import build_page, render, render_index, render_text, resource
from .write import ReportStats, write_report

__all__ = [
    "DiffRef", "DiffView", "DocView", "NearRef", "PairRef", "Report", "ReportStats", "SourceRef", "attach_text",
    "build_page", "collect", "read_diff", "render", "render_index", "render_text", "resource", "summarise",
    "write_report",
]
