"""Benchmark the build: whole-process time for the Q-SER course and its zip size (SCORM 1.2 and
SCORM 2004 targets side by side; English only, the three languages as three zips, and the three in
one multilingual zip), and growth with generated courses of 100 and 1,000 pages.
Prints figures; asserts nothing.

    python bench/build_bench.py [--runs 7]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COURSE_SRC = REPO / "course_src"


def timed_build(source: Path, out: Path, runs: int, target: str = "scorm12", *options: str) -> float:
    """Median wall time of ``python -m qser_scorm build`` as a whole process (start-up included)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(source), "--out", str(out), "--target", target,
                        *options], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generated_course(folder: Path, pages: int) -> Path:
    """Copy the Q-SER course and give it ``pages`` pages, each a copy of a real page's text."""
    source = Path(shutil.copytree(COURSE_SRC, folder / f"course-{pages}"))
    course = yaml.safe_load((source / "course.yaml").read_text(encoding="utf-8"))
    texts = [(source / "pages" / f"{p['id']}.md").read_text(encoding="utf-8") for p in course["pages"]]
    entries = []
    for number in range(pages):
        page_id = f"page-{number:04d}"
        (source / "pages" / f"{page_id}.md").write_text(f"Generated page {number}.\n\n{texts[number % len(texts)]}",
                                                        encoding="utf-8")
        entries.append({"id": page_id, "title": f"Page {number + 1}"})
    course["pages"] = entries
    course.pop("languages", None)  # the generated pages have no translations
    course.pop("workshop", None)  # nor a workshop agenda naming them
    (source / "course.yaml").write_text(yaml.safe_dump(course, allow_unicode=True), encoding="utf-8")
    return source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for target, label in (("scorm12", "SCORM 1.2"), ("scorm2004", "SCORM 2004")):
            english = timed_build(COURSE_SRC, tmp / f"{target}-en", runs, target, "--lang", "en")
            print(f"Q-SER {label} build, English only (whole process, median of {runs}): {english * 1000:.0f} ms"
                  "  (target <= 300 ms)")
            every = timed_build(COURSE_SRC, tmp / target, runs, target)
            print(f"Q-SER {label} build, en + el + es (whole process, median of {runs}): {every * 1000:.0f} ms")
            for zip_path in sorted((tmp / target).glob(f"*-{target}.zip")):
                print(f"  {zip_path.name}: {zip_path.stat().st_size / 1024:.1f} KB  (target <= 100 KB)")
            together = timed_build(COURSE_SRC, tmp / f"{target}-multilingual", runs, target, "--multilingual")
            print(f"Q-SER {label} build, en + el + es in one zip (--multilingual, whole process, median of {runs}): "
                  f"{together * 1000:.0f} ms")
            for zip_path in sorted((tmp / f"{target}-multilingual").glob(f"*-{target}.zip")):
                with zipfile.ZipFile(zip_path) as archive:
                    launch_page = archive.getinfo("index.html").file_size
                print(f"  {zip_path.name}: {zip_path.stat().st_size / 1024:.1f} KB  "
                      f"(index.html {launch_page / 1024:.1f} KB unzipped)")
        baseline = timed_build(generated_course(tmp, 8), tmp / "g8", max(3, runs // 2))
        for pages in (100, 1000):
            seconds = timed_build(generated_course(tmp, pages), tmp / f"g{pages}", max(3, runs // 2))
            per_page = (seconds - baseline) / (pages - 8) * 1000
            print(f"{pages:>5} pages: {seconds * 1000:.0f} ms  ({per_page:.2f} ms per extra page)")
        print("(1,000 pages target <= 3 s; growth linear if the per-page figure stays flat)")


if __name__ == "__main__":
    main()
