"""Benchmark the workshop target: whole-process build time, the PDFs' size and pages, and one
process building the kit once and three times in a row (what three languages will cost, until
per-language builds exist). Prints figures; asserts nothing.

    python bench/workshop_bench.py [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COURSE_SRC = REPO / "course_src"

#: One process that builds the kit N times and prints the seconds of each build.
_IN_ONE_PROCESS = """
import sys, time
from qser_scorm.pipeline import build
for number in range(int(sys.argv[3])):
    start = time.perf_counter()
    build(sys.argv[1], f"{sys.argv[2]}/{number}", ("workshop",))
    print(time.perf_counter() - start)
"""


def timed_build(out: Path, runs: int, target: str) -> float:
    """Median wall time of ``python -m qser_scorm build --target TARGET`` as a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(COURSE_SRC), "--out", str(out),
                        "--target", target], check=True, capture_output=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def builds_in_one_process(out: Path, count: int) -> list[float]:
    ran = subprocess.run([sys.executable, "-c", _IN_ONE_PROCESS, str(COURSE_SRC), str(out), str(count)],
                         check=True, capture_output=True, text=True, cwd=REPO)
    return [float(line) for line in ran.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        workshop = timed_build(tmp / "dist", runs, "workshop")
        scorm = timed_build(tmp / "dist", runs, "scorm12")
        print(f"build --target workshop (whole process, median of {runs}): {workshop * 1000:.0f} ms")
        print(f"build --target scorm12, for comparison (median of {runs}): {scorm * 1000:.0f} ms")
        for pdf in sorted((tmp / "dist").glob("*.pdf")):
            print(f"  {pdf.name}: {pdf.stat().st_size / 1024:.1f} KB, {len(PdfReader(pdf).pages)} pages")
        with zipfile.ZipFile(next((tmp / "dist").glob("*-scorm12.zip"))) as archive:
            page = archive.getinfo("handout.html")
            print(f"  handout.html in the SCORM zip: {page.file_size / 1024:.1f} KB, "
                  f"{page.compress_size / 1024:.1f} KB compressed")
        (once,) = builds_in_one_process(tmp / "once", 1)
        three = builds_in_one_process(tmp / "three", 3)
        print(f"one process, the kit once: {once * 1000:.0f} ms (WeasyPrint's import and font set-up included)")
        print(f"one process, the kit three times in a row: {sum(three) * 1000:.0f} ms "
              f"({' + '.join(f'{t * 1000:.0f}' for t in three)} ms)")


if __name__ == "__main__":
    main()
