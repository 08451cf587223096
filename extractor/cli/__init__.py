"""The `extract` command: a thin typer layer over the library.

Each command lives in its own `cmd_*.py` module in this package and registers itself on `app`;
they are discovered here, so adding a command touches no other file.
"""

from __future__ import annotations

import importlib
import pkgutil

from .common import app

# the order of `extract --help`: the main job first, then what reads its outputs, then the rest
FIRST = ("cmd_run", "cmd_check", "cmd_diff", "cmd_eval", "cmd_rate", "cmd_report")
_found = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_"))
for _mod in [*(m for m in FIRST if m in _found), *(m for m in _found if m not in FIRST)]:
    importlib.import_module(f"{__name__}.{_mod}")


def main() -> None:
    app()


__all__ = ["app", "main"]
