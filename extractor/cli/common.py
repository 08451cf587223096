"""What every command shares: the app, logging setup, and turning our errors into clean exits."""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..errors import ExtractorError

app = typer.Typer(
    name="extract",
    help="Extract, check and compare the commitments in policy documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without a `<bool>` type column
)
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

# One spelling per idea across the commands: these are the shared definitions.
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging on stderr.")]
LogJsonOpt = Annotated[bool, typer.Option("--log-json", help="Logs on stderr as JSON lines (default: text).")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV on stdout.")]
# the gold set and its documents, for every command that reads them
GoldOpt = Annotated[Optional[Path], typer.Option(
    "--gold", help="Gold folder (gold files, split.json). Env: EXTRACTOR_GOLD.")]
GoldDocsOpt = Annotated[Optional[Path], typer.Option(
    "--docs", help="Folder of the gold documents (default: data/corpus if present, else ../shared/corpus). "
                   "Env: EXTRACTOR_CORPUS.")]
NoIndexOpt = Annotated[bool, typer.Option(
    "--no-index", help="Do not use the Chroma index (nothing is embedded or read from it).")]


def deprecated(old: str, new: str) -> None:
    """The old spelling still works for one release; say what replaces it, on stderr only."""
    err_console.print(f"deprecated: {old} is now {new}; {old} will be removed in the next release",
                      highlight=False, markup=False, soft_wrap=True)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", is_eager=True, callback=_print_version)] = False) -> None:
    """Extract, check and compare the commitments in policy documents."""


# The LLM endpoint options, for commands that may call a model (None: the environment, then the default).
ModelOpt = Annotated[Optional[str], typer.Option(help="LLM model name. Env: EXTRACTOR_MODEL.")]
BaseUrlOpt = Annotated[Optional[str], typer.Option(help="OpenAI-compatible endpoint. Env: OPENAI_BASE_URL.")]
ApiKeyOpt = Annotated[Optional[str], typer.Option(
    help="API key (prefer the env var OPENAI_API_KEY; never logged or written).", show_default=False)]
ModeOpt = Annotated[Optional[str], typer.Option(
    help="instructor mode: tools, json_schema, json, md_json. Env: EXTRACTOR_INSTRUCTOR_MODE.")]
ConcurrencyOpt = Annotated[Optional[int], typer.Option(help="Concurrent LLM calls (default 8).", show_default=False)]
TimeoutOpt = Annotated[Optional[float], typer.Option(help="Seconds per LLM call (default 60).", show_default=False)]
RetriesOpt = Annotated[Optional[int], typer.Option(
    help="Retries per LLM call, for failures and for invalid answers (default 3).", show_default=False)]
CacheOpt = Annotated[Optional[Path], typer.Option(
    "--cache", help="LLM response cache folder (default INDEX/cache). Env: EXTRACTOR_CACHE.")]


def llm_flags(model: str | None, base_url: str | None, api_key: str | None, mode: str | None,
              concurrency: int | None, timeout: float | None, retries: int | None,
              cache: Path | None) -> dict[str, Any]:
    """The LLM options as `Settings.resolve` keywords: every command that can call a model takes the same
    eight options (ModelOpt ... CacheOpt) and passes them through here."""
    return {"model": model, "base_url": base_url, "api_key": api_key, "mode": mode, "concurrency": concurrency,
            "timeout": timeout, "max_retries": retries, "cache_dir": cache}


# rules backend: whether the shipped learned heads decide (None: the environment, then on)
LearnedOpt = Annotated[Optional[bool], typer.Option(
    "--learned/--no-learned",
    help="Rules backend: let the learned heads decide among the rules' candidates (default on). "
         "Env: EXTRACTOR_LEARNED.", show_default=False)]
# rules backend: the folder of the learned heads' weights (None: the environment, then the shipped heads)
ModelsOpt = Annotated[Optional[Path], typer.Option(
    "--models", help="Rules backend: folder of the learned heads' weights (default: the shipped heads, trained on "
                     "every gold file; `extract eval`: those trained on the development files). Env: EXTRACTOR_MODELS.",
    show_default=False)]
# Where the Chroma index is (None: the environment, then the default .extractor/).
IndexOpt = Annotated[Optional[Path], typer.Option(
    "--index", help="Folder of the embedded Chroma index. Env: EXTRACTOR_INDEX.")]
ChromaUrlOpt = Annotated[Optional[str], typer.Option(
    help="Use a Chroma server (http://HOST:PORT) instead of the embedded index. Env: EXTRACTOR_CHROMA_URL.")]


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def plain(text: object) -> str:
    """Text from files and flags, safe to print: control characters (terminal escape sequences, line
    breaks in a file name) are shown as \\xNN, so a name cannot retitle or clear the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", str(text))


def shown(text: object) -> str:
    """`plain`, and rich markup escaped: a `[/red]` or `[link=...]` in a name is printed, not obeyed."""
    return escape(plain(text))


class _PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return plain(super().format(record))


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"level": record.levelname.lower(), "logger": record.name,
                           "message": record.getMessage(), "time": self.formatTime(record)})


def setup_logging(quiet: bool = False, json_logs: bool = False, verbose: bool = False) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    if json_logs:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(_PlainFormatter("%(levelname)s: %(message)s"))
    root = logging.getLogger("extractor")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    for noisy in ("chromadb", "httpx", "openai", "instructor", "onnxruntime"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def handle_errors(func: F) -> F:
    """Our errors become one line on stderr and a non-zero exit; nothing else is swallowed."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ExtractorError as exc:
            err_console.print(f"[red]error:[/red] {shown(exc)}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; finished documents are kept, re-run to resume")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]
