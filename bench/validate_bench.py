"""Figures for `qser-scorm validate` (issues 5 and 13): time and memory on our own packages, on a
package of 10,000 files, and on hostile zips.

    python bench/validate_bench.py

Prints, for each of our packages (SCORM 1.2 and Tin Can, `--target all`) and for a SCORM 1.2
package of 10,000 listed files whose launch page loads a script and a style sheet: the
whole-process time of `python -m qser_scorm validate` (XSDs on, the default), the same with
`--no-schemas`, and the time and peak memory of one call in a fresh process (target <= 0.5 s for
our packages). Then the time and peak memory to refuse a 1 GiB zip bomb (target <= 2 s,
< 100 MB), a bomb lying about its size and a zip of 10,000 empty entries.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from qser_scorm.pipeline import build  # noqa: E402
from tests.validate.hostile import VALIDATE_PROBE as PROBE, write_many_entries, write_zero_bomb  # noqa: E402
from tests.validate.packages import MANIFEST, good_files  # noqa: E402


def whole_process(*args: str, runs: int = 5) -> float:
    """Median wall time of `python -m qser_scorm validate ARGS`."""
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "qser_scorm", "validate", *args], cwd=REPO, capture_output=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def probe(path: Path) -> dict:
    """Validate in a fresh process: the call's time, the process's time, outcome and peak memory."""
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", PROBE, str(path)], cwd=REPO, capture_output=True, text=True,
                         check=True)
    return {**json.loads(run.stdout), "process_seconds": time.monotonic() - started}


def write_ten_thousand_files(folder: Path, count: int = 10_000) -> Path:
    """A SCORM 1.2 package whose one resource lists `count` files, all present."""
    names = [f"assets/{i // 100}/{i}.js" for i in range(count)]
    listed = "".join(f'<file href="{name}"/>' for name in names)
    manifest = MANIFEST.replace('<file href="js/quiz.js"/>', '<file href="js/quiz.js"/>' + listed)
    path = folder / "ten-thousand.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**good_files(manifest), **{name: b"// asset" for name in names}}.items():
            archive.writestr(name, data)
    return path


def report(label: str, path: Path) -> None:
    figures = probe(path)
    print(f"{label} ({path.stat().st_size:,} bytes): {figures['outcome']}")
    print(f"  whole process, validate:               {whole_process(str(path)):.3f} s")
    print(f"  whole process, validate --no-schemas:  {whole_process(str(path), '--no-schemas'):.3f} s")
    print(f"  one call in a fresh process:           {figures['seconds']:.3f} s ({figures['cpu_seconds']:.3f} s of "
          f"CPU), peak memory {figures['max_rss_mib']:.0f} MiB")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qser-bench-") as tmp:
        tmp = Path(tmp)
        for package in build(REPO / "course_src", tmp / "dist", targets=("scorm12", "xapi")).written:
            if package.suffix == ".zip":
                report(f"our {package.name}", package)
        report("10,000 listed files", write_ten_thousand_files(tmp))
        cases = {
            "1 GiB zip bomb": lambda: write_zero_bomb(tmp / "bomb.zip"),
            "64 MiB bomb declaring 1,000 bytes": lambda: write_zero_bomb(tmp / "liar.zip", 2**26, declared_size=1000),
            "10,000 empty entries": lambda: write_many_entries(tmp),
        }
        for label, make in cases.items():
            path = make()
            figures = probe(path)
            print(f"{label} ({path.stat().st_size:,} bytes on disk): {figures['seconds']:.3f} s in the call "
                  f"({figures['cpu_seconds']:.3f} s of CPU), "
                  f"{figures['process_seconds']:.3f} s as a whole process, "
                  f"peak memory {figures['max_rss_mib']:.0f} MiB, {figures['outcome'][:90]}")


if __name__ == "__main__":
    main()
