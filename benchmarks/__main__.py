"""Run every benchmark module `benchmarks/bench_*.py` (each has a `main() -> None` that prints).

Usage: python -m benchmarks            # all of them
       python -m benchmarks checks     # only bench_checks.py
"""

from __future__ import annotations

import importlib
import platform
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    available = sorted(p.stem.removeprefix("bench_") for p in here.glob("bench_*.py"))
    wanted = argv or available
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}", file=sys.stderr
        )
        return 2
    print(f"# Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    for name in wanted:
        print(f"\n## {name}")
        module = importlib.import_module(f"benchmarks.bench_{name}")
        module.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
