"""Benchmark ``qser-scorm report --from FILE`` (issue 6, item 4).

Measures, on statements of the simulated learners (tests/report/simulate.py) repeated over a
fixed set of learners:
  * the wall time of the whole command for 100,000 statements (target: at most 10 s);
  * the peak Python memory (tracemalloc) for 10,000 and for 100,000 statements of the SAME
    learners and questions: it must stay about the same, as the report keeps counters per learner
    and question, never the statements;
  * the same statements with the learners spread over three languages (``context.language`` el,
    en, es), reported with ``--by-language``: the time of the command beside the plain run's.

Run: python bench/report_bench.py [--learners 500] [--sizes 10000 100000] [--moodle-learners 10000]
"""
from __future__ import annotations

import argparse
import copy
import csv
import json
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.report.simulate, when run as a script

from click.testing import CliRunner  # noqa: E402

from openpyxl import Workbook  # noqa: E402

from qser_scorm.report.aggregate import aggregate  # noqa: E402
from qser_scorm.report.answers import load_key  # noqa: E402
from qser_scorm.report.moodle.exports import read_exports  # noqa: E402
from qser_scorm.report.moodle.tracks import build_report  # noqa: E402
from qser_scorm.commands.report import report_command  # noqa: E402
from qser_scorm.report.csv import render_csv  # noqa: E402
from qser_scorm.report.html import render_html  # noqa: E402
from qser_scorm.report.read import read_statements_file  # noqa: E402
from tests.report.simulate import play  # noqa: E402

TARGET_SECONDS = 10.0
EXPORTS = ROOT / "tests" / "data" / "moodle-qser" / "exports"


def write_statements(path: Path, count: int, learners: int, languages: tuple[str, ...] = ()) -> None:
    """Write ``count`` statements as one JSON list: the played story again and again, its four
    actors mapped onto ``learners`` learners in turn, each round an hour later; with
    ``languages``, learner n plays in the n-th of them, in turn."""
    story = play()
    actors = sorted({s["actor"]["mbox"] for s in story})
    with open(path, "w", encoding="utf-8") as file:
        file.write("[")
        for index in range(count):
            round_, statement = divmod(index, len(story))
            statement = copy.deepcopy(story[statement])
            learner = (round_ * len(actors) + actors.index(statement["actor"]["mbox"])) % learners
            statement["id"] = str(uuid.uuid4())
            statement["actor"] = {"objectType": "Agent", "name": f"Learner {learner:05d}",
                                  "mbox": f"mailto:learner{learner:05d}@example.org"}
            statement["timestamp"] = _later(statement["timestamp"], hours=round_)
            if languages:
                statement["context"]["language"] = languages[learner % len(languages)]
            file.write(("," if index else "") + json.dumps(statement, ensure_ascii=False))
        file.write("]")


def _later(timestamp: str, hours: int) -> str:
    moment = datetime.fromisoformat(timestamp) + timedelta(hours=hours)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_moodle_exports(folder: Path, learners: int, excel: bool) -> list[Path]:
    """The Interactions report (all four summaries) and the gradebook of ``learners`` learners,
    each a recorded learner's rows under a new name, as Moodle writes them (text or Excel)."""
    def table(name: str, delimiter: str) -> list[list[str]]:
        with open(EXPORTS / name, encoding="utf-8", newline="") as file:
            return list(csv.reader(file, delimiter=delimiter))

    scorm, grades = table("scorm-interactions-all.txt", "\t"), table("gradebook.csv", ",")
    templates = [row[5] for row in grades[1:]]  # e-mail addresses, one per recorded learner
    scorm_rows, grade_rows = [scorm[0]], [grades[0]]
    for index in range(learners):
        email, name = f"learner{index:05d}@example.org", f"Learner {index:05d}"
        template = templates[index % len(templates)]
        scorm_rows += [[name, email, *row[2:]] for row in scorm[1:] if row[1] == template]
        grade_rows += [[row[0], name, *row[2:5], email, *row[6:]] for row in grades[1:] if row[5] == template]
    paths = []
    for stem, rows, delimiter in (("interactions", scorm_rows, "\t"), ("gradebook", grade_rows, ",")):
        if excel:
            workbook = Workbook()
            for row in rows:
                workbook.active.append(row)
            paths.append(folder / f"{stem}.xlsx")
            workbook.save(paths[-1])
        else:
            paths.append(folder / f"{stem}.{'txt' if stem == 'interactions' else 'csv'}")
            with open(paths[-1], "w", encoding="utf-8", newline="") as file:
                csv.writer(file, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return paths


def moodle_figures(paths: list[Path], out: Path) -> tuple[float, int]:
    """(seconds of the whole command, peak memory of reading, building and rendering)."""
    args = [arg for path in paths for arg in ("--moodle-export", str(path))]
    seconds = command_seconds(args + ["--course", str(ROOT / "course_src")], out)
    key = load_key(ROOT / "course_src", None)
    tracemalloc.start()
    enrolments, title, records = read_exports([("", path) for path in paths], key)
    report = build_report(enrolments, key, title, records)
    render_html(report, "bench")
    render_csv(report)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def command_seconds(args: list[str], out: Path) -> float:
    start = time.perf_counter()
    result = CliRunner().invoke(report_command, [*args, "--out", str(out)])
    elapsed = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return elapsed


def peak_bytes(path: Path) -> int:
    """Peak memory of reading, aggregating and rendering (the files are not written)."""
    tracemalloc.start()
    report = aggregate(read_statements_file(path))
    render_html(report, str(path))
    render_csv(report)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--moodle-learners", type=int, default=10_000)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in options.sizes:
            path = Path(folder) / f"statements-{size}.json"
            write_statements(path, size, options.learners)
            seconds = command_seconds(["--from", str(path)], Path(folder) / "report")
            rows.append((size, path.stat().st_size, seconds, peak_bytes(path)))
    print(f"{'statements':>10} {'file MB':>8} {'seconds':>8} {'peak MB':>8}   ({options.learners} learners)")
    for size, file_bytes, seconds, peak in rows:
        print(f"{size:>10} {file_bytes / 1e6:>8.1f} {seconds:>8.2f} {peak / 1e6:>8.2f}")
    largest = max(rows)
    verdict = "OK" if largest[2] <= TARGET_SECONDS else "TOO SLOW"
    print(f"{largest[0]} statements in {largest[2]:.2f} s (target <= {TARGET_SECONDS:g} s): {verdict}")
    if len(rows) > 1:
        print(f"peak memory x{max(rows)[3] / min(rows)[3]:.2f} for x{max(rows)[0] / min(rows)[0]:g} statements")
    print(f"\nThe same statements in three languages (el, en, es), with --by-language:")
    print(f"{'statements':>10} {'seconds':>8} {'plain run':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for size, _, plain_seconds, _ in rows:
            path = Path(folder) / f"statements-{size}.json"
            write_statements(path, size, options.learners, ("el", "en", "es"))
            seconds = command_seconds(["--from", str(path), "--by-language"], Path(folder) / "report")
            print(f"{size:>10} {seconds:>8.2f} {plain_seconds:>10.2f}")
    print(f"\nMoodle export of {options.moodle_learners} learners (Interactions report + gradebook):")
    print(f"{'format':>8} {'files MB':>9} {'seconds':>8} {'peak MB':>8}")
    for excel in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            paths = write_moodle_exports(Path(folder), options.moodle_learners, excel)
            seconds, peak = moodle_figures(paths, Path(folder) / "report")
            size = sum(path.stat().st_size for path in paths)
            print(f"{'xlsx' if excel else 'text':>8} {size / 1e6:>9.1f} {seconds:>8.2f} {peak / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
