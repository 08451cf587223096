"""What every command shares: the app, logging setup, and turning our errors into clean exits."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console

from ..errors import ExtractorError

app = typer.Typer(
    name="extract",
    help="Extract, check and compare the commitments in policy documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


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
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
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
            err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; finished documents are kept, re-run to resume")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]
