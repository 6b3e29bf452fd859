"""Printing the course while taking it (runtime/style/90-print.css): every section with the
learner's answers and result, black on white, no controls, links' targets written out, no box
that cuts its content. Checked in Chromium's print media and in the PDF it prints."""
from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from .conftest import build_variant
from .learner import REFLECTION_TEXT, WRONG, CourseLearner, responses

LINK = "https://erasmus-plus.ec.europa.eu/programme-guide"
#: A table wider than a sheet on screen, where it scrolls.
WIDE_TABLE = ("\n\n| " + " | ".join(f"Municipal-department-{n}" for n in range(8)) + " |\n|"
              + " --- |" * 8 + "\n| " + " | ".join("staff" for _ in range(8)) + " |\n")


@pytest.fixture(scope="module")
def printable(tmp_path_factory):
    """The course with a link to another site and a wide table on its first page, built and unzipped."""
    def add_link_and_table(source):
        with (source / "pages" / "opening.md").open("a", encoding="utf-8") as page:
            page.write(f"\n\nRead the [programme guide]({LINK}).{WIDE_TABLE}")

    return build_variant(tmp_path_factory.mktemp("printable"), add_link_and_table)


@pytest.fixture
def printed(context, printable, course):
    """The course opened from disk, its assessment submitted with three wrong answers, in print media."""
    page = context.new_page()
    page.goto((printable / "index.html").as_uri())
    page.wait_for_function("() => window.qser && window.qser.ready")
    learner = CourseLearner(page, page, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    page.emulate_media(media="print")
    return page


def test_print_media_shows_every_section_and_the_result_without_controls(printed):
    shown = printed.evaluate("""() => [...document.querySelectorAll("section.qser-page")]
        .filter(s => getComputedStyle(s).display !== "none" && s.offsetHeight > 0).map(s => s.id)""")
    assert shown == printed.evaluate("() => window.qser.nav.pages.map(p => p.id)")
    for control in ("#qser-pager", "#qser-tools", "#qser-toc", "#qser-notice", "#qser-retry", "#qser-next"):
        assert not printed.locator(control).is_visible(), control
    assert printed.locator("#qser-result").inner_text().strip()
    assert printed.locator(f"#q-{sorted(WRONG)[0]}-feedback").is_visible()


def test_print_media_is_black_on_white_and_writes_out_link_targets(printed):
    def style(selector: str, prop: str, pseudo: str = "null") -> str:
        return printed.eval_on_selector(selector, f"e => getComputedStyle(e, {pseudo}).{prop}")

    assert style("body", "color") == "rgb(0, 0, 0)"
    assert style(".qser-header", "backgroundColor") == "rgb(255, 255, 255)"
    assert style(f'a[href="{LINK}"]', "color") == "rgb(0, 0, 0)"
    assert style(f'a[href="{LINK}"]', "content", '"::after"') == f'" ({LINK})"'


def test_no_printed_box_cuts_its_content(printed):
    cut = printed.evaluate("""() => [...document.querySelectorAll("main *")].filter(e => {
        if (!e.offsetParent) return false;
        const clips = getComputedStyle(e).overflowX !== "visible" || ["TEXTAREA", "INPUT"].includes(e.tagName);
        if (e.tagName === "SELECT") {  // its chosen option's text, as wide as it is when alone
            const probe = Object.assign(document.createElement("span"), {textContent: e.selectedOptions[0].text});
            probe.style.cssText = "display: inline-block; white-space: nowrap";
            e.after(probe);
            const fits = probe.offsetWidth <= e.clientWidth;
            probe.remove();
            if (!fits) return true;
        }
        const right = e.getBoundingClientRect().right, edge = document.documentElement.clientWidth;
        return right > edge + 1 || clips && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
    }).map(e => e.tagName + (e.id ? "#" + e.id : ""))""")
    assert cut == []


def test_the_printed_pdf_holds_every_page_the_answers_and_the_result(printed, course):
    result = printed.locator("#qser-result").inner_text().split("\n")[0].strip()
    pdf = PdfReader(io.BytesIO(printed.pdf(format="A4")))
    # Compared without white space and ligatures (ﬁ): the PDF's text breaks lines where the sheet does.
    text = "".join(unicodedata.normalize("NFKC", "".join(page.extract_text() for page in pdf.pages)).split())
    for title in [page.title for page in course.pages] + [course.assessment.title, result, REFLECTION_TEXT, LINK]:
        assert "".join(title.split()) in text, title
    assert "Page1of" not in text  # the pager stays on screen
