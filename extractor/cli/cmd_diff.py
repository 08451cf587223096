"""`extract diff`: compare two versions of a policy, and with --gold-diff score that against a gold alignment
(`extract eval-diff` is its deprecated spelling)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..config import Settings
from ..diff import (
    FLOOR,
    TEXT_THRESHOLD,
    THRESHOLD,
    DiffOutput,
    EmbedFn,
    Version,
    default_embed,
    diff_filename,
    diff_versions,
    load_version,
    pipeline_extractor,
    render_text,
)
from ..diff_judge import DEFAULT_K
from ..errors import ConfigError
from ..evaluate_diff import DiffScore, read_gold_diff, render_score, score_diff
from ..output import fit_name, write_json
from .common import (
    ApiKeyOpt,
    BaseUrlOpt,
    CacheOpt,
    ChromaUrlOpt,
    ConcurrencyOpt,
    IndexOpt,
    LogJsonOpt,
    ModelOpt,
    ModeOpt,
    QuietOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    app,
    deprecated,
    err_console,
    handle_errors,
    llm_flags,
    setup_logging,
    shown,
)

if TYPE_CHECKING:
    from ..diff_judge import LLMDiffJudge

OldArg = Annotated[Path, typer.Argument(
    help="Old version: a document (txt, md, html, pdf) or its extraction output (.json).")]
NewArg = Annotated[Path, typer.Argument(help="New version: a document or its extraction output (.json).")]
ThresholdOpt = Annotated[Optional[float], typer.Option(
    help=f"Similarity from which a pair is always kept (default {THRESHOLD}; {TEXT_THRESHOLD} with --no-embed); "
    f"below it, only a clear mutual best above {FLOOR} (not with --no-embed); the rest is removed/added.",
    show_default=False)]
NoEmbedOpt = Annotated[bool, typer.Option("--no-embed", help="Align on text similarity only (no embedding model).")]
NoIndexOpt = Annotated[bool, typer.Option(
    "--no-index", help="Embed for this diff only, instead of reading and keeping the vectors in the Chroma index.")]
FailuresOpt = Annotated[bool, typer.Option(
    "--failures", help="With --gold-diff: list the gold pairs that were missed.")]
BackendOpt = Annotated[Optional[str], typer.Option(
    help="Backend for documents given as files (default: rules unless an LLM endpoint is configured). "
    "Env: EXTRACTOR_BACKEND.")]
OrgOpt = Annotated[Optional[str], typer.Option(help="Who 'we' is (default: detected). Env: EXTRACTOR_ORG.")]


class Aligner(str, Enum):
    similarity = "similarity"
    llm = "llm"


JudgeOpt = Annotated[Aligner, typer.Option(
    "--judge", help="similarity: align by similarity alone. llm: an LLM picks each old commitment's counterpart "
    "among its --k most similar new ones (or none) and labels the pair; its label wins, the rules' reasons are kept. "
    "Needs an endpoint (--base-url or OPENAI_BASE_URL).")]
KOpt = Annotated[int, typer.Option(
    "-k", "--k", min=1, help="--judge llm: new candidates shown per old commitment (plus any above the threshold).")]


def _settings(backend: str | None, org: str | None, no_index: bool, index: Path | None, chroma_url: str | None,
              model: str | None, base_url: str | None, api_key: str | None, mode: str | None,
              concurrency: int | None, timeout: float | None, retries: int | None, cache: Path | None) -> Settings:
    """The one configuration of a diff: extraction of documents, the index and the LLM judge all read it."""
    return Settings.resolve(backend=backend, org=org, use_index=False if no_index else None, index_dir=index,
                            chroma_url=chroma_url,
                            **llm_flags(model, base_url, api_key, mode, concurrency, timeout, retries, cache))


def _embedder(settings: Settings, no_embed: bool) -> EmbedFn | None:
    """The quotes' and paragraphs' vectors come from the Chroma index (and are kept there, so diffing
    a version again embeds nothing), unless told otherwise."""
    if no_embed:
        return None
    if not settings.use_index:
        return default_embed
    from ..index import Index

    return Index(settings.index_dir, settings.chroma_url).embedder()


def _judge(settings: Settings, aligner: Aligner, k: int) -> LLMDiffJudge | None:
    """The LLM judge, built before anything else is read, so a missing endpoint fails at once."""
    if aligner is Aligner.similarity:
        return None
    from ..diff_judge import LLMDiffJudge

    return LLMDiffJudge(settings, k=k)


def _compare(old: Path, new: Path, settings: Settings, threshold: float | None, no_embed: bool,
             judge: LLMDiffJudge | None) -> tuple[Version, Version, DiffOutput]:
    """Both versions (extracted when given as documents) and their diff."""
    # documents are extracted without indexing their chunks: the diff needs only their commitments
    extract = pipeline_extractor(settings.model_copy(update={"use_index": False}))
    v_old, v_new = load_version(old, extract), load_version(new, extract)
    result = diff_versions(v_old, v_new, threshold=threshold, embed=_embedder(settings, no_embed), judge=judge)
    info = result.run.judge
    if info is not None:
        err_console.print(f"LLM judge {info.model} ({info.prompt_version}): {info.asked} asked, {info.cached} cached, "
                          f"{info.identical} identical, {info.failed} without a valid answer (aligned by similarity), "
                          f"{info.calls} HTTP calls", highlight=False, markup=False, soft_wrap=True)
    return v_old, v_new, result


def _texts(old: Version, new: Version) -> tuple[str, str]:
    """Scoring locates gold quotes in the documents, so outputs must still have theirs, unchanged."""
    for v in (old, new):
        if v.text is None:
            raise ConfigError(f"{v.output.document.path}: document not found or changed since extraction; "
                              "give the documents themselves to score against gold")
    assert old.text is not None and new.text is not None
    return old.text, new.text


def _print_failures(score: DiffScore) -> None:
    for o in score.outcomes:
        if o.label_ok:
            continue
        why = ("old not extracted" if not o.old_extracted else
               f"label {o.predicted_label}" if o.aligned else
               "gold new not extracted" if o.new_extracted is False else "misaligned")
        typer.echo(f"- [{o.gold.label} | {why}] {(o.gold.old_quote or '')[:90]}")
        if o.old_extracted and not o.aligned:
            typer.echo(f"    gold new: {(o.gold.new_quote or '(none)')[:90]}")
            typer.echo(f"    predicted: {(o.predicted_new_quote or '(none)')[:90]}")


def run_diff(old: Path, new: Path, settings: Settings, *, out: Path | None, as_json: bool, show_all: bool,
             gold_diff: Path | None, failures: bool, threshold: float | None, no_embed: bool, judge: Aligner,
             k: int, score_only: bool = False) -> None:
    """`extract diff` (and the deprecated `eval-diff`, which is `score_only`): the diff, written to OUT
    and printed, then its score against a gold alignment when one is given."""
    pair_judge = _judge(settings, judge, k)
    gold = read_gold_diff(gold_diff) if gold_diff is not None else None  # a bad gold file fails before any work
    v_old, v_new, result = _compare(old, new, settings, threshold, no_embed, pair_judge)
    if out is not None:
        path = out / fit_name(diff_filename(result), ".diff.json")  # two long stems must not pass NAME_MAX
        write_json(path, result)
        err_console.print(f"wrote {shown(path)}", highlight=False)
    score = score_diff(result, gold, *_texts(v_old, v_new)) if gold is not None else None
    if as_json:
        if score is None:
            typer.echo(result.model_dump_json(indent=2))
        elif score_only:
            typer.echo(score.model_dump_json(indent=2))
        else:
            typer.echo(json.dumps({"diff": result.model_dump(mode="json"), "score": score.model_dump(mode="json")},
                                  ensure_ascii=False, indent=2))
        return
    if not score_only:
        typer.echo(render_text(result, show_unchanged=show_all), nl=False)
    if score is not None:
        if not score_only:
            typer.echo(f"\nagainst {gold_diff}:")
        typer.echo(render_score(score), nl=False)
        if failures:
            _print_failures(score)


@app.command()
@handle_errors
def diff(
    old: OldArg,
    new: NewArg,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder for OUT/<old>__<new>.diff.json.")] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the diff as JSON instead of the text report (with --gold-diff: "
        '{"diff": ..., "score": ...}).')] = False,
    show_all: Annotated[bool, typer.Option("--all", help="List unchanged commitments too.")] = False,
    gold_diff: Annotated[Optional[Path], typer.Option(
        "--gold-diff", help="Gold alignment file (gold/diffs/<old>__<new>.json): also print alignment and label "
        "accuracy.")] = None,
    failures: FailuresOpt = False,
    threshold: ThresholdOpt = None,
    no_embed: NoEmbedOpt = False,
    no_index: NoIndexOpt = False,
    index: IndexOpt = None,
    chroma_url: ChromaUrlOpt = None,
    backend: BackendOpt = None,
    org: OrgOpt = None,
    judge: JudgeOpt = Aligner.similarity,
    k: KOpt = DEFAULT_K,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key: ApiKeyOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = None,
    cache: CacheOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
    gold: Annotated[Optional[Path], typer.Option("--gold", hidden=True, help="Deprecated: --gold-diff.")] = None,
) -> None:
    """Align the commitments of two versions one to one and say which were weakened, removed,
    strengthened, added, reworded or unchanged, and why (weakened and removed first)."""
    setup_logging(quiet, log_json, verbose)
    if gold is not None:
        deprecated("`diff --gold FILE`", "--gold-diff FILE (--gold is the gold folder everywhere)")
        gold_diff = gold_diff or gold
    settings = _settings(backend, org, no_index, index, chroma_url, model, base_url, api_key, mode, concurrency,
                         timeout, retries, cache)
    run_diff(old, new, settings, out=out, as_json=as_json, show_all=show_all, gold_diff=gold_diff,
             failures=failures, threshold=threshold, no_embed=no_embed, judge=judge, k=k)


@app.command("eval-diff", hidden=True)
@handle_errors
def eval_diff(
    old: OldArg,
    new: NewArg,
    gold: Annotated[Path, typer.Option("--gold", help="Gold alignment file (gold/diffs/<old>__<new>.json).")],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the score, with every gold pair's outcome, as JSON.")] = False,
    failures: FailuresOpt = False,
    threshold: ThresholdOpt = None,
    no_embed: NoEmbedOpt = False,
    no_index: NoIndexOpt = False,
    index: IndexOpt = None,
    chroma_url: ChromaUrlOpt = None,
    backend: BackendOpt = None,
    org: OrgOpt = None,
    judge: JudgeOpt = Aligner.similarity,
    k: KOpt = DEFAULT_K,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key: ApiKeyOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = None,
    cache: CacheOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Deprecated: `extract diff OLD NEW --gold-diff FILE` (same options, same score)."""
    setup_logging(quiet, log_json, verbose)
    deprecated("`extract eval-diff OLD NEW --gold FILE`", "`extract diff OLD NEW --gold-diff FILE`")
    settings = _settings(backend, org, no_index, index, chroma_url, model, base_url, api_key, mode, concurrency,
                         timeout, retries, cache)
    run_diff(old, new, settings, out=None, as_json=as_json, show_all=False, gold_diff=gold, failures=failures,
             threshold=threshold, no_embed=no_embed, judge=judge, k=k, score_only=True)
