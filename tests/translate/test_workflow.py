"""The translation workflow as a designer and a translation agency use it: extract, edit,
extract again, status, XLIFF out and back, and the per-language packages of a build."""
from __future__ import annotations

import json
import zipfile

import lxml.etree
import lxml.html
import polib
import pytest

from qser_scorm.course.load import load_course
from qser_scorm.translate.catalog import WRAP_WIDTH
from qser_scorm.translate.units import units


def _languages(course, *languages: str) -> None:
    path = course / "course.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nlanguage: en\n", f"\nlanguage: en\nlanguages: [{', '.join(languages)}]\n"),
                    encoding="utf-8")


def _fill(po, translate) -> None:
    """Translate every entry of ``po`` with ``translate(msgid)``, as a translator's tool would."""
    catalog = polib.pofile(str(po), wrapwidth=WRAP_WIDTH)
    for entry in catalog:
        entry.msgstr = translate(entry.msgid)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalog.save()


def _entries(po) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(str(po)) if not e.obsolete}


def _msgstr_line_of(po, key: str) -> int:
    """The line of the entry's msgstr: where a translator fixes it."""
    lines = po.read_text(encoding="utf-8").splitlines()
    line = next(n for n in range(_entries(po)[key].linenum, len(lines) + 1) if lines[n - 1].startswith("msgstr"))
    assert lines[line - 2].startswith(("msgid", '"'))  # right after the source text
    return line


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_extract_writes_one_entry_per_text_with_its_place_and_a_note(course, run_cli):
    result = run_cli("translate", "extract", course, "--lang", "el")
    assert result.exit_code == 0, result.output
    po = course / "translations" / "el.po"
    entries = _entries(po)
    assert len(entries) == len(units(load_course(course), course))
    title = entries["page.summary.title"]
    title_line = (course / "course.yaml").read_text(encoding="utf-8").splitlines().index("    title: Summary") + 1
    assert title.msgid == "Summary" and title.occurrences == [("course.yaml", str(title_line))]
    option = entries["question.q-training-audience.option1.text"]
    assert option.msgid == "Employees of municipalities" and "the right one" in option.comment
    paragraph = entries["page.opening/p1"]
    assert paragraph.msgid.startswith("Have you ever thought that") and paragraph.occurrences == [("pages/opening.md", "1")]
    assert "awaits review by a native-speaking trainer" in po.read_text(encoding="utf-8").lower()


def test_extract_again_marks_exactly_the_changed_texts_fuzzy_and_keeps_gone_ones_obsolete(course, run_cli):
    run_cli("translate", "extract", course, "--lang", "el")
    po = course / "translations" / "el.po"
    _fill(po, lambda text: f"ΕΛ {text}")
    _edit(course / "pages" / "summary.md", "In this unit,", "In this short unit,")
    _edit(course / "assessment.yaml", "prompt: Why is mentoring of key importance", "prompt: Why is mentoring so important")
    _edit(course / "course.yaml", "  - id: obj-role\n    text: Understanding the role of the mentor\n", "")
    _edit(course / "assessment.yaml", "objective: obj-role", "objective: obj-importance")
    text = (course / "assessment.yaml").read_text(encoding="utf-8").replace("objective: obj-role", "objective: obj-importance")
    (course / "assessment.yaml").write_text(text, encoding="utf-8")

    result = run_cli("translate", "extract", course, "--lang", "el")
    assert result.exit_code == 0, result.output
    entries = _entries(po)
    fuzzy = sorted(key for key, m in entries.items() if m.fuzzy)
    assert fuzzy == ["page.summary/p1", "question.q-mentoring-key-importance.prompt"]
    changed = entries["page.summary/p1"]
    assert changed.previous_msgid == changed.msgstr[3:] and changed.msgstr.startswith("ΕΛ In this unit,")
    obsolete = po.read_text(encoding="utf-8").split("#~ msgctxt")
    assert len(obsolete) == 2 and '"objective.obj-role"' in obsolete[1]

    status = run_cli("translate", "status", course, "--lang", "el")
    assert status.exit_code == 1
    assert status.output.strip() == f"el: {len(entries) - 2} translated, 2 fuzzy, 0 untranslated, 1 obsolete"


def test_status_passes_when_every_language_is_complete(course, run_cli):
    run_cli("translate", "extract", course, "--lang", "el,es")
    for language in ("el", "es"):
        _fill(course / "translations" / f"{language}.po", lambda text: text)
    result = run_cli("translate", "status", course, "--lang", "el,es")
    assert result.exit_code == 0, result.output
    assert "el: " in result.output and "es: " in result.output and " 0 untranslated" in result.output


def test_xliff_export_then_import_gives_the_same_po_bytes(course, run_cli):
    run_cli("translate", "extract", course, "--lang", "es")
    po = course / "translations" / "es.po"
    _fill(po, lambda text: f"ES {text}" if "Q-SER" in text else "")  # half translated
    before = po.read_bytes()
    assert run_cli("translate", "export", course, "--lang", "es", "--format", "xliff").exit_code == 0
    xliff = course / "translations" / "es.xlf"
    root = lxml.etree.parse(str(xliff)).getroot()
    assert root.get("version") == "2.0" and root.get("srcLang") == "en" and root.get("trgLang") == "es"
    result = run_cli("translate", "import", xliff, course)
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == before


def test_xliff_import_writes_the_agencys_translations_into_the_po_file(course, run_cli):
    run_cli("translate", "extract", course, "--lang", "es")
    run_cli("translate", "export", course, "--lang", "es")
    xliff = course / "translations" / "es.xlf"
    tree = lxml.etree.parse(str(xliff))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    unit = tree.find(".//x:unit[@name='page.summary.title']", ns)
    segment = unit.find("x:segment", ns)
    segment.set("state", "translated")
    target = segment.find("x:target", ns)
    if target is None:
        target = lxml.etree.SubElement(segment, "{urn:oasis:names:tc:xliff:document:2.0}target")
    target.text = "Resumen de la unidad"
    tree.write(str(xliff), xml_declaration=True, encoding="UTF-8")
    result = run_cli("translate", "import", xliff, course)
    assert result.exit_code == 0 and "1 entry updated" in result.output
    entry = _entries(course / "translations" / "es.po")["page.summary.title"]
    assert entry.msgstr == "Resumen de la unidad" and not entry.fuzzy


def test_a_build_writes_one_package_per_language_in_that_language(course, run_cli, tmp_path):
    _languages(course, "en", "el")
    run_cli("translate", "extract", course)
    _fill(course / "translations" / "el.po", lambda text: f"ΕΛ {text}")
    out = tmp_path / "dist"
    result = run_cli("build", course, "--out", out)
    assert result.exit_code == 0, result.output
    # The source language's package keeps the plain name (README, "Languages").
    assert sorted(p.name for p in out.iterdir()) == ["qser-becoming-a-mentor-el-scorm12.zip",
                                                     "qser-becoming-a-mentor-scorm12.zip"]
    pages, manifests = {}, {}
    for language in ("en", "el"):
        name = "qser-becoming-a-mentor-scorm12.zip" if language == "en" else f"qser-becoming-a-mentor-{language}-scorm12.zip"
        with zipfile.ZipFile(out / name) as archive:
            pages[language] = lxml.html.fromstring(archive.read("index.html"))
            manifests[language] = lxml.etree.fromstring(archive.read("imsmanifest.xml"))
    greek = pages["el"]
    assert greek.get("lang") == "el"
    assert "ΕΛ Becoming a mentor in Q-SER" in greek.findtext(".//h1")
    assert greek.xpath("string(//*[@id='qser-next'])").strip() == "Επόμενο"  # the Greek interface table
    lom_language = manifests["el"].xpath("//*[local-name()='language']/text()")
    assert lom_language == ["el"]
    assert set(manifests["el"].xpath("//@xml:lang")) - {"x-none"} == {"el"}  # x-none: LOM vocabularies
    # The LMS stores the same ids in every language: items, question ids, response ids.
    assert manifests["el"].xpath("//@identifier") == manifests["en"].xpath("//@identifier")
    english_data, greek_data = (page.xpath("string(//script[@id='qser-course'])") for page in (pages["en"], greek))
    assert '"id":"q-training-audience"' in english_data and '"id":"q-training-audience"' in greek_data
    # xAPI: the same activity ids in every package, each named in every language of the build.
    with zipfile.ZipFile(out / "qser-becoming-a-mentor-el-scorm12.zip") as archive:
        script = archive.read("runtime/qser.js").decode("utf-8")
    assigned = script.index("window.Qser.xapiTemplates=") + len("window.Qser.xapiTemplates=")
    templates = json.JSONDecoder().raw_decode(script, assigned)[0]
    course_name = templates["session"]["initialized"]["object"]["definition"]["name"]
    assert course_name == {"en": "Becoming a mentor in Q-SER", "el": "ΕΛ Becoming a mentor in Q-SER"}
    choice = templates["questions"]["q-training-audience"]["object"]["definition"]["choices"][0]
    assert choice == {"id": "employees_of_municipalities",
                      "description": {"en": "Employees of municipalities", "el": "ΕΛ Employees of municipalities"}}
    assert templates["questions"]["q-training-audience"]["context"]["language"] == "el"


def test_a_translated_question_keeps_the_response_ids_of_its_source_text(course):
    from qser_scorm.course.responses import response_ids
    from qser_scorm.translate.units import translate_course

    english = load_course(course)
    greek = translate_course(english, course, "el", lambda unit: f"ΕΛ {unit.text}")
    for source, translated in zip(english.assessment.questions, greek.assessment.questions):
        assert response_ids(translated) == response_ids(source)
    assert response_ids(greek.assessment.questions[1])["options"][0] == "employees_of_municipalities"


def test_an_untranslated_text_stops_the_build_naming_the_po_file_and_line(course, run_cli, tmp_path):
    _languages(course, "en", "es")
    run_cli("translate", "extract", course)
    po = course / "translations" / "es.po"
    _fill(po, lambda text: "" if text == "Summary" else f"ES {text}")
    line = _msgstr_line_of(po, "page.summary.title")
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert f"{po}:{line}: error: page.summary.title is not translated" in result.output
    assert not (tmp_path / "dist").exists()

    allowed = run_cli("build", course, "--out", tmp_path / "dist", "--allow-untranslated")
    assert allowed.exit_code == 0, allowed.output
    assert f"{po}:{line}: warning: page.summary.title is not translated" in allowed.output


def test_a_missing_po_file_says_how_to_make_it(course, run_cli, tmp_path):
    (course / "translations" / "es.po").unlink()
    _languages(course, "en", "es")
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert "no translation for language 'es'" in result.output
    assert f"qser-scorm translate extract {course} --lang es" in result.output


def test_a_translation_that_drops_a_link_is_an_error_with_file_and_line(course, run_cli, tmp_path):
    _languages(course, "en", "el")
    _edit(course / "pages" / "summary.md", "the two Q-SER models", "the two [Q-SER models](https://qser.example/models)")
    run_cli("translate", "extract", course)
    po = course / "translations" / "el.po"
    _fill(po, lambda text: "ΕΛ τα δύο μοντέλα" if "Q-SER models]" in text else f"ΕΛ {text}")
    line = _msgstr_line_of(po, "page.summary/p1")
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert f"{po}:{line}: error: page.summary/p1: the translation has 0 links where the source has 1" in result.output


def test_fuzzy_entries_warn_and_strict_stops(course, run_cli, tmp_path):
    _languages(course, "en", "el")
    run_cli("translate", "extract", course)
    _fill(course / "translations" / "el.po", lambda text: f"ΕΛ {text}")
    _edit(course / "pages" / "summary.md", "In this unit,", "In this short unit,")
    run_cli("translate", "extract", course)
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 0, result.output
    assert "warning: page.summary/p1 is marked fuzzy" in result.output
    assert run_cli("build", course, "--out", tmp_path / "strict", "--strict").exit_code == 2


@pytest.mark.parametrize("listed", ["[en, 5]", "[en, el_GR]", "[en, ~]", "[en, [el]]", "[]"])
def test_a_bad_languages_entry_is_an_error_at_its_line(course, run_cli, tmp_path, listed):
    _languages(course, "en")
    _edit(course / "course.yaml", "languages: [en]", f"languages: {listed}")
    line = (course / "course.yaml").read_text(encoding="utf-8").splitlines().index(f"languages: {listed}") + 1
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert f"course.yaml:{line}: error: `languages" in result.output
    assert "Traceback" not in result.output


def test_a_po_line_that_is_not_po_stops_the_build_at_that_line(course, run_cli, tmp_path):
    _languages(course, "en", "el")
    po = course / "translations" / "el.po"
    text = po.read_text(encoding="utf-8")
    line = text.splitlines().index('msgstr "Σύνοψη"') + 1
    po.write_text(text.replace('msgstr "Σύνοψη"', "msgstr Σύνοψη", 1), encoding="utf-8")
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert f"{po}:{line}: error: not a readable PO file: line {line}" in result.output


def test_an_empty_po_file_is_one_error(course, run_cli, tmp_path):
    _languages(course, "en", "es")
    (course / "translations" / "es.po").write_text("", encoding="utf-8")
    result = run_cli("build", course, "--out", tmp_path / "dist", "--allow-untranslated")
    assert result.exit_code == 2
    assert result.output.count("error:") == 1 and "has no entries" in result.output
