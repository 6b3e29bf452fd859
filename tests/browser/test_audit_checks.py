"""The audits of tests/browser/audit.py find what they are for, on a page made to fail them, and
pass what WCAG 2.2 excepts: an empty report from test_wcag22.py means something."""
from __future__ import annotations

from .audit import WCAG22_AA, axe_violations, obscured_focus, small_targets

#: A sticky bar over the bottom of a long page; small buttons close together or alone; small links
#: in a sentence and in a list; a link wrapped over two lines (its box's
#: centre is on the text before it); a small checkbox with its label; an image without alt text.
PAGE = """<!DOCTYPE html><html lang="en"><title>Audit</title>
<style>body { margin: 0; font: 16px/1.5 sans-serif; } button { margin: 0; padding: 0; border: 0; }
  .bar { position: sticky; bottom: 0; height: 80px; background: #eee; }
  .small { width: 16px; height: 16px; } #alone { margin: 40px; }</style>
<main>
  <p><button class="small" id="crowded-1">a</button><button class="small" id="crowded-2">b</button></p>
  <p><button class="small" id="alone">c</button></p>
  <p style="font-size: 12px">A sentence with <a href="#x">a link</a> <a href="#x">and another</a> in it.</p>
  <p style="width: 140px">Explained in: <a href="#z">Impact Circular Model</a></p>
  <ul style="font-size: 10px; line-height: 12px"><li><a href="#y" id="listed-1">one</a></li><li><a href="#y" id="listed-2">two</a></li></ul>
  <p><input type="checkbox" id="boxed" style="width: 13px; height: 13px; margin: 0"><label for="boxed">A label makes the target bigger</label></p>
  <button id="under" style="position: absolute; top: 730px; inset-inline-end: 0; height: 40px">Under the bar</button>
  <img src="data:," width="30" height="30">
  <p style="height: 1500px"></p>
</main>
<div class="bar"><button style="padding: 8px">Bar</button></div>"""


def test_the_audits_flag_covered_focus_and_crowded_small_targets_only(context):
    page = context.new_page()
    page.set_viewport_size({"width": 600, "height": 800})
    page.set_content(PAGE)
    page.evaluate("window.scrollTo(0, 0)")
    covered = obscured_focus(page)
    assert [line.split(":")[0] for line in covered] == ['button#under "Under the bar"']
    assert "covered by" in covered[0]
    small = [line.split(":")[0] for line in small_targets(page)]
    assert small == ['button#crowded-1 "a"', 'button#crowded-2 "b"', 'a#listed-1 "one"', 'a#listed-2 "two"']


def test_axe_runs_the_wcag_22_rules(context):
    page = context.new_page()
    page.set_content(PAGE)
    found = {violation["id"] for violation in axe_violations(page, WCAG22_AA)}
    assert found == {"image-alt", "target-size"}  # WCAG 1.1.1 (level A) and 2.5.8 (2.2 AA)
