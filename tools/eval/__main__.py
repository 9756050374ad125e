from __future__ import annotations

import importlib
import pkgutil
import sys

import tools.eval as pkg


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
    if not argv or argv[0] not in names:
        print("usage: python -m tools.eval NAME [ARGS]\nevaluations: " + ", ".join(names))
        return 2
    module = importlib.import_module(f"tools.eval.{argv[0]}")
    return int(module.main(argv[1:]) or 0)


sys.exit(main(sys.argv[1:]))
