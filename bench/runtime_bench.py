"""Benchmark the learner runtime in headless Chromium against the test LMS (scorm-again).
Prints figures with their targets (issues 3 and 11); asserts nothing.

    python bench/runtime_bench.py [--launches 9] [--no-runs]

- LMSCommit calls for a full run of the Q-SER course (target: at most one per page change + one at the end),
  passed at once, and failed once then passed on the retry;
- suspend_data length, all answered: Q-SER (target <= 500) and a generated 1,000-question course (<= 4,096),
  measured with the runtime's own encoder in the browser;
- the runtime's bytes as shipped (qser.js and qser.css, raw and gzip): the code (target <= 20 KB gzip for JS + CSS)
  apart from what each course adds (its xAPI statement templates in qser.js, its data in index.html), and each
  part of the code, largest first: where the bytes go;
- requests of ours (the package's files) until the first screen shows (target <= 3: page, script, style; images
  counted apart), counted in Chromium;
- time from the launch (the frame's navigation) and from the document's arrival to the first screen shown
  (target <= 150 ms).
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
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

from qser_scorm import contract  # noqa: E402
from qser_scorm.course.load import load_course  # noqa: E402
from qser_scorm.render.runtime import script_parts, stylesheet_parts  # noqa: E402
from qser_scorm.vocab import LAUNCH_FILE, SCRIPT_FILE, STYLE_FILE  # noqa: E402
from qser_scorm.xapi.templates import TEMPLATES_FILE, templates_script  # noqa: E402

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


def first_screen(lms: TestLms, launches: int) -> tuple[list[float], list[float], list[str], list[str]]:
    """Per launch, ms to the first screen shown from the launch (the SCO frame's navigation start)
    and from the document's arrival (responseEnd); and, for the first launch, the package's files
    requested until then: ours (page, script, style...) and images."""
    from_launch, from_arrival, urls = [], [], []

    def record(request) -> None:
        urls.append(request.url)

    for n in range(launches):
        if not n:
            lms.context.on("request", record)
        session = lms.launch().ready()
        session.sco_frame.wait_for_function("() => window.firstPageShownAt !== undefined")
        if not n:
            lms.context.remove_listener("request", record)
        shown_at, arrival = session.sco_frame.evaluate("""() => {
            const nav = performance.getEntriesByType("navigation")[0];
            return [window.firstPageShownAt, window.firstPageShownAt - nav.responseEnd];
        }""")
        from_launch.append(shown_at)
        from_arrival.append(arrival)
        session.page.close()
    requested = [url for url in urls if "/sco/" in url]
    images = [url for url in requested if re.search(r"\.(png|jpe?g|gif|svg|webp|avif)$", url)]
    return from_launch, from_arrival, [url for url in requested if url not in images], images


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


def gzipped(data: bytes) -> int:
    """Bytes after gzip at level 6, what web servers (Moodle's Apache or nginx) commonly send."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kb(data: bytes) -> str:
    return f"{len(data) / 1024:.1f} KB raw, {gzipped(data) / 1024:.1f} KB gzip"


def runtime_sizes(package: Path, course) -> list[str]:
    """Lines on the shipped script and stylesheet: the code, what the course adds, and each part of the code."""
    script, style = (package / SCRIPT_FILE).read_bytes(), (package / STYLE_FILE).read_bytes()
    parts = script_parts({TEMPLATES_FILE: templates_script(course), contract.CONTRACT_FILE: contract.contract_script()})
    if b";\n".join(data for _, data in parts) + b"\n" != script:
        return [f"{SCRIPT_FILE} is not the parts render/runtime.py makes for this course: sizes not measured"]
    code = b";\n".join(data for path, data in parts if path != TEMPLATES_FILE)
    templates = dict(parts)[TEMPLATES_FILE]
    page = (package / LAUNCH_FILE).read_bytes()
    course_json = re.search(rb'<script type="application/json" id="qser-course">(.*?)</script>', page, re.S).group(1)
    code_gzip = gzipped(code) + gzipped(style)
    lines = [
        f"{SCRIPT_FILE}:                 {kb(script)}",
        f"  the code:                       {kb(code)}",
        f"  the course's xAPI templates:    {kb(templates)}",
        f"{STYLE_FILE}:                {kb(style)}",
        f"code JS + CSS:                    {code_gzip / 1024:.1f} KB gzip (target <= 20 KB); as shipped, with the"
        f" templates: {(gzipped(script) + gzipped(style)) / 1024:.1f} KB gzip",
        f"{LAUNCH_FILE}:                       {kb(page)}, of which the course's data (JSON) {kb(course_json)}",
        "where the code's bytes go (minified; gzip of the part alone), largest first:",
    ]
    weighed = [(path, data) for path, data in parts if path != TEMPLATES_FILE] + stylesheet_parts()
    for path, data in sorted(weighed, key=lambda part: -len(part[1])):
        lines.append(f"  {path:42} {len(data) / 1024:5.1f} KB  {gzipped(data) / 1024:4.1f} KB gzip")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=9, help="launches timed for the first screen")
    parser.add_argument("--no-runs", action="store_true",
                        help="skip the full runs (LMSCommit calls, suspend_data): sizes, requests and times only")
    args = parser.parse_args()
    course = load_course(COURSE_SRC)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        package = build_package(COURSE_SRC, Path(tmp) / "qser")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(script=FIRST_PAGE_PROBE)
        with LmsServer(package) as server:
            lms = TestLms(server, context, mastery_score(package))
            if not args.no_runs:
                print_runs(lms, course, Path(tmp), context)
            from_launch, from_arrival, ours, images = first_screen(lms, args.launches)
        browser.close()
        print("\n".join(runtime_sizes(package, course)))
    print(f"requests of ours, first screen:     {len(ours)} ({', '.join(url.rsplit('/sco/', 1)[1] for url in ours)})"
          f" and {len(images)} images (target <= 3 plus images)")
    print(f"first screen shown after the launch: median {statistics.median(from_launch):.1f} ms, min"
          f" {min(from_launch):.1f}, max {max(from_launch):.1f} over {len(from_launch)} launches (target <= 150 ms);"
          f" median {statistics.median(from_arrival):.1f} ms after the document arrived")
    # Timings on a shared 2-core machine swing with what else runs: say how busy it was.
    print(f"load average while measuring:       {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def print_runs(lms: TestLms, course, tmp: Path, context) -> None:
    """The figures of full runs through the course: LMSCommit calls and suspend_data length."""
    big_package = build_package(thousand_question_course(tmp), tmp / "big")
    commits, page_changes = full_run_commits(lms, course)
    retry_commits, retry_changes = full_run_commits(lms, course, (WRONG, frozenset()))
    qser_encoded, qser_set = longest_suspend_data(lms)
    with LmsServer(big_package) as big_server:
        big_encoded, big_set = longest_suspend_data(TestLms(big_server, context, mastery_score(big_package)))
    print(f"LMSCommit calls, full run:          {commits} for {page_changes} page changes"
          f" (target <= {page_changes + 1})")
    print(f"LMSCommit calls, fail then pass:    {retry_commits} for {retry_changes} page changes"
          f" (target <= {retry_changes + 1})")
    print(f"suspend_data, Q-SER all answered:   {qser_encoded} chars encoded, longest set {qser_set} (target <= 500)")
    print(f"suspend_data, 1,000 questions:      {big_encoded} chars encoded, longest set {big_set} (target <= 4096)")


if __name__ == "__main__":
    main()
