"""Figures for `qser-scorm validate` (issue 5): time on our own package, and hostile zips.

    python bench/validate_bench.py

Prints: the whole-process time of `python -m qser_scorm validate` on the Q-SER package (target
<= 0.5 s), the in-process time, and the time and peak memory to refuse a 1 GiB zip bomb
(target <= 2 s, < 100 MB), a bomb lying about its size and a zip of 10,000 entries.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from qser_scorm.pipeline import build  # noqa: E402
from qser_scorm.validate import validate_path  # noqa: E402
from tests.validate.hostile import VALIDATE_PROBE as PROBE, write_many_entries, write_zero_bomb  # noqa: E402



def whole_process(*args: str, runs: int = 7) -> float:
    """Median wall time of `python -m qser_scorm validate ARGS`."""
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "qser_scorm", "validate", *args], cwd=REPO, check=True,
                       capture_output=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def probe(path: Path) -> dict:
    """Validate in a fresh process: the call's time, the process's time, outcome and peak memory."""
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", PROBE, str(path)], cwd=REPO, capture_output=True, text=True,
                         check=True)
    return {**json.loads(run.stdout), "process_seconds": time.monotonic() - started}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qser-bench-") as tmp:
        tmp = Path(tmp)
        [package] = build(REPO / "course_src", tmp / "dist").written
        started = time.monotonic()
        findings = validate_path(package)
        in_process = time.monotonic() - started
        print(f"our package ({package.stat().st_size:,} bytes): {len(findings)} findings")
        print(f"  whole process, python -m qser_scorm validate: {whole_process(str(package)):.3f} s (target <= 0.5 s)")
        schemas = REPO.parent / "shared" / "scorm12" / "schemas"
        if schemas.is_dir():
            print(f"  whole process with --schemas:               {whole_process(str(package), '--schemas', str(schemas)):.3f} s")
        print(f"  in process, validate_path:                   {in_process * 1000:.1f} ms")
        cases = {
            "1 GiB zip bomb": lambda: write_zero_bomb(tmp / "bomb.zip"),
            "64 MiB bomb declaring 1,000 bytes": lambda: write_zero_bomb(tmp / "liar.zip", 2**26, declared_size=1000),
            "10,000 entries": lambda: write_many_entries(tmp),
        }
        for label, make in cases.items():
            path = make()
            figures = probe(path)
            print(f"{label} ({path.stat().st_size:,} bytes on disk): {figures['seconds']:.3f} s in the call, "
                  f"{figures['process_seconds']:.3f} s as a whole process, "
                  f"peak memory {figures['max_rss_mib']:.0f} MiB, {figures['outcome'][:90]}")


if __name__ == "__main__":
    main()
