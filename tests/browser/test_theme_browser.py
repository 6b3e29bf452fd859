"""A themed course in Chromium: the header band, title, links, buttons, focus indicator and font
take the theme's values, the logo shows, and axe-core finds no violation (contrast included)."""
from __future__ import annotations

import pytest

from .conftest import build_variant
from .server import AXE_JS

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" rx="6" '
        'fill="#fff"/><text x="60" y="27" font-size="20" text-anchor="middle" fill="#7a1f5c">Q-SER</text></svg>')
THEME = """
theme:
  logo: {file: media/logo.svg, alt: "Q-SER project"}
  primary: "#7a1f5c"
  accent: "#1d5f3a"
  font: Georgia, "DejaVu Serif", serif
"""


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    """The Q-SER course (English) with THEME, built by the CLI and unzipped."""
    def add_theme(source):
        (source / "media").mkdir(exist_ok=True)
        (source / "media" / "logo.svg").write_text(LOGO, encoding="utf-8")
        with (source / "course.yaml").open("a", encoding="utf-8") as course_yaml:
            course_yaml.write(THEME)

    return build_variant(tmp_path_factory.mktemp("themed"), add_theme)


@pytest.mark.parametrize("width, height", [(1280, 800), (320, 640)])
def test_the_theme_colours_the_page_and_axe_finds_no_violation(context, themed, width, height):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto((themed / "index.html").as_uri())
    page.wait_for_function("() => window.qser && window.qser.ready")

    def style(selector: str, prop: str) -> str:
        return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")

    assert style(".qser-header", "backgroundColor") == "rgb(122, 31, 92)"
    assert style(".qser-title", "color") == "rgb(255, 255, 255)"  # the page colour reads best on a dark primary
    assert style("#qser-next", "backgroundColor") == "rgb(29, 95, 58)"
    assert style("body", "fontFamily").startswith("Georgia")
    logo = page.locator("img.qser-logo")
    assert logo.get_attribute("alt") == "Q-SER project"
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0") and logo.bounding_box()["height"] >= 30

    page.focus("#qser-contents-button")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by keyboard: :focus-visible
    assert style("#qser-contents-button", "outlineColor") == "rgb(255, 255, 255)"  # the band's text colour

    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
        .map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(" "))}))""")
    assert violations == []
