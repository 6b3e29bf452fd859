"""Benchmark the learner runtime in headless Chromium against the test LMS (scorm-again).
Prints figures with their targets (issue 3); asserts nothing.

    python bench/runtime_bench.py [--launches 9]

- LMSCommit calls for a full run of the Q-SER course (target: at most one per page change + one at the end),
  passed at once, and failed once then passed on the retry;
- suspend_data length, all answered: Q-SER (target <= 500) and a generated 1,000-question course (<= 4,096),
  measured with the runtime's own encoder in the browser;
- runtime JS+CSS size, unminified (target <= 40 KB);
- time from the frame's document arriving to the first page shown (target <= 150 ms).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # works from a plain checkout too

from browser.conftest import COURSE_SRC, build_package, mastery_score  # noqa: E402
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from browser.learner import WRONG, CourseLearner, responses  # noqa: E402
from browser.lms import TestLms  # noqa: E402
from browser.server import LmsServer  # noqa: E402

from qser_scorm.course.load import load_course  # noqa: E402

#: Marks, in every frame, the first animation frame in which the runtime shows exactly one section
#: (before the runtime has run, a half-parsed document can also hold just one).
FIRST_PAGE_PROBE = """
(() => {
  const probe = () => {
    const shown = [...document.querySelectorAll("section.qser-page")].filter(s => s.offsetParent !== null);
    if (window.qser && shown.length === 1) { window.firstPageShownAt = performance.now(); return; }
    requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
})();
"""

#: Answers every question of the page through its controls, as fast as a script can click.
ANSWER_EVERYTHING = """
() => {
  for (const group of document.querySelectorAll("fieldset.qser-question")) {
    const type = group.dataset.type;
    if (type === "single" || type === "true-false") group.querySelector("input").click();
    else if (type === "multiple") [...group.querySelectorAll("input")].slice(0, 2).forEach(b => b.click());
    else if (type === "ordering") group.querySelector(".qser-down").click();
    else if (type === "matching") group.querySelectorAll("select").forEach((select, i) => {
      // options[0] is the "Choose..." placeholder
      select.value = select.options[1 + (i + 1) % (select.options.length - 1)].value;
      select.dispatchEvent(new Event("change", {bubbles: true}));
    });
    else {
      const field = group.querySelector("input[type=text], textarea");
      field.value = "seven"; field.dispatchEvent(new Event("input", {bubbles: true}));
    }
  }
  return window.qser.state().length;
}
"""


def full_run_commits(lms: TestLms, course, tries=(frozenset(),)) -> tuple[int, int]:
    """LMSCommit calls and page changes for one learner going through every page and submitting
    once per entry of ``tries`` (the question ids answered wrong), then pressing Exit."""
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    page_changes = 0
    while learner.current_section() != "qser-assessment":
        learner.next()
        page_changes += 1
    for n, wrong in enumerate(tries):
        if n:
            learner.press(session.sco.locator("#qser-retry"))
            page_changes += 1
        learner.answer_all(responses(course, wrong))
        learner.submit()
        page_changes += 1
    learner.press(session.sco.locator("#qser-exit"))
    session.wait_finished()
    commits = len(session.calls("LMSCommit"))
    session.page.close()
    return commits, page_changes


def longest_suspend_data(lms: TestLms) -> tuple[int, int]:
    """(encoder output, longest suspend_data set) once every question is answered and the page changes."""
    session = lms.launch().ready()
    session.sco_frame.evaluate("() => window.qser.nav.go('qser-assessment')")
    encoded = session.sco_frame.evaluate(ANSWER_EVERYTHING)
    CourseLearner(session.page, session.sco, None).next()
    sets = [len(c["args"][1]) for c in session.calls("LMSSetValue") if c["args"][0] == "cmi.suspend_data"]
    session.page.close()
    return encoded, max(sets, default=0)


def first_page_times(lms: TestLms, launches: int) -> tuple[list[float], list[float]]:
    """Per launch, ms to the first page shown from the SCO document's arrival (responseEnd) and
    from DOMContentLoaded (when the runtime starts)."""
    from_arrival, from_ready = [], []
    for _ in range(launches):
        session = lms.launch().ready()
        frame = session.sco_frame
        frame.wait_for_function("() => window.firstPageShownAt !== undefined")
        arrival, ready = frame.evaluate("""() => {
            const nav = performance.getEntriesByType("navigation")[0];
            return [window.firstPageShownAt - nav.responseEnd, window.firstPageShownAt - nav.domContentLoadedEventStart];
        }""")
        from_arrival.append(arrival)
        from_ready.append(ready)
        session.page.close()
    return from_arrival, from_ready


def thousand_question_course(folder: Path) -> Path:
    """The Q-SER course with 1,000 questions cycling through every scored type and the reflection."""
    source = folder / "course-1000"
    source.mkdir()
    course = yaml.safe_load((COURSE_SRC / "course.yaml").read_text(encoding="utf-8"))
    course.pop("workshop", None)  # it names the Q-SER question ids, which this course renames
    (source / "pages").mkdir()
    for page in course["pages"]:
        name = f"pages/{page['id']}.md"
        (source / name).write_text((COURSE_SRC / name).read_text(encoding="utf-8"), encoding="utf-8")
    originals = yaml.safe_load((COURSE_SRC / "assessment.yaml").read_text(encoding="utf-8"))["questions"]
    questions = [dict(originals[n % len(originals)], id=f"q{n:04d}") for n in range(1000)]
    assessment = {"title": "Assessment", "attempts": 0, "shuffle": True, "questions": questions}
    (source / "course.yaml").write_text(yaml.safe_dump(course, allow_unicode=True), encoding="utf-8")
    (source / "assessment.yaml").write_text(yaml.safe_dump(assessment, allow_unicode=True), encoding="utf-8")
    return source


def runtime_sizes(package: Path) -> tuple[int, int]:
    """Bytes of the runtime's JS+CSS as shipped: all of it, and without the xAPI tracker's files."""
    files = [f for f in package.rglob("*") if f.suffix in (".js", ".css")]
    return sum(f.stat().st_size for f in files), sum(f.stat().st_size for f in files if "xapi" not in f.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=9, help="launches timed for the first page")
    args = parser.parse_args()
    course = load_course(COURSE_SRC)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        package = build_package(COURSE_SRC, Path(tmp) / "qser")
        big_package = build_package(thousand_question_course(Path(tmp)), Path(tmp) / "big")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(script=FIRST_PAGE_PROBE)
        with LmsServer(package) as server, LmsServer(big_package) as big_server:
            lms = TestLms(server, context, mastery_score(package))
            commits, page_changes = full_run_commits(lms, course)
            retry_commits, retry_changes = full_run_commits(lms, course, (WRONG, frozenset()))
            qser_encoded, qser_set = longest_suspend_data(lms)
            big_encoded, big_set = longest_suspend_data(TestLms(big_server, context, mastery_score(big_package)))
            times, times_from_ready = first_page_times(lms, args.launches)
        browser.close()
        size, scorm_size = runtime_sizes(package)
    print(f"LMSCommit calls, full run:          {commits} for {page_changes} page changes"
          f" (target <= {page_changes + 1})")
    print(f"LMSCommit calls, fail then pass:    {retry_commits} for {retry_changes} page changes"
          f" (target <= {retry_changes + 1})")
    print(f"suspend_data, Q-SER all answered:   {qser_encoded} chars encoded, longest set {qser_set} (target <= 500)")
    print(f"suspend_data, 1,000 questions:      {big_encoded} chars encoded, longest set {big_set} (target <= 4096)")
    print(f"runtime JS+CSS, unminified:         {size / 1024:.1f} KB, {scorm_size / 1024:.1f} KB without the xAPI"
          f" files (target <= 40 KB)")
    print(f"first page shown after the document: median {statistics.median(times):.1f} ms, min {min(times):.1f},"
          f" max {max(times):.1f} over {len(times)} launches (target <= 150 ms);"
          f" median {statistics.median(times_from_ready):.1f} ms after DOMContentLoaded")
    # Timings on a shared 2-core machine swing with what else runs: say how busy it was.
    print(f"load average while measuring:       {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
