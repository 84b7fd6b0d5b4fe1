"""Runs every benchmark and prints one `BENCH {json}` line per measure (DESIGN.md §9).

    python benchmarks/run.py [--quick] [--only NAME]

Each `benchmarks/bench_*.py` module exposes `BENCHMARKS: dict[str, Callable[[bool], list]]`;
a callable gets `quick` and returns Measures. `--quick` finishes in under a minute and is
what CI runs, as a smoke test: a slow measure never fails it, an exception does.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--only", metavar="NAME", help="run only benchmarks whose name has NAME")
    args = parser.parse_args()
    tempfile.tempdir = None
    failures = 0
    for module_path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(f"benchmarks.{module_path.stem}")
        for name, bench in module.BENCHMARKS.items():
            if args.only and args.only not in name:
                continue
            print(f"# {name}{' (quick)' if args.quick else ''}", flush=True)
            try:
                for measure in bench(args.quick):
                    print(measure.line(), flush=True)
            except Exception as exc:  # report and go on; CI fails on the exit code
                failures += 1
                print(f"# {name} failed: {type(exc).__name__}: {exc}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
