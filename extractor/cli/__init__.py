"""The `extract` command: a thin typer layer over the library.

Each command lives in its own `cmd_*.py` module in this package and registers itself on `app`;
they are discovered here, so adding a command touches no other file.
"""

from __future__ import annotations

import importlib
import pkgutil

from .common import app

for _mod in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_")):
    importlib.import_module(f"{__name__}.{_mod}")


def main() -> None:
    app()


__all__ = ["app", "main"]
