"""One contract between the build and the browser runtime (qser_scorm/contract.py): the runtime
reads every shared name and limit from what the build writes, the course data meets its schema,
and the quiz engine names no tracking standard."""
from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from qser_scorm import contract
from qser_scorm.vocab import SCRIPT_FILE
from qser_scorm.course.load import load_course
from qser_scorm.render import render_site

from .conftest import COURSE_SRC, REPO

RUNTIME = REPO / "qser_scorm" / "runtime"
ENGINE_FILES = ("quiz.js", "quizview.js", "state.js", "nav.js")
COURSE_DATA = re.compile(r'<script type="application/json" id="qser-course">(.*?)</script>', re.DOTALL)


def _schema(package: str, name: str) -> dict:
    return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


def course_data(site: dict[str, bytes]) -> dict:
    return json.loads(COURSE_DATA.search(site["index.html"].decode("utf-8")).group(1))


def every_type_course(folder: Path) -> Path:
    """The Q-SER course with one more question of each type, written the ways authors vary them:
    author option ids, several accepted answers, no objective, weights, unlimited attempts."""
    source = Path(shutil.copytree(COURSE_SRC, folder / "every-type"))
    assessment = yaml.safe_load((source / "assessment.yaml").read_text(encoding="utf-8"))
    assessment.update(attempts=0, shuffle=False)
    assessment["questions"] += [
        {"id": "extra-single", "type": "single", "prompt": "Pick one", "weight": 2,
         "options": [{"id": "yes_please", "text": "Yes", "correct": True}, {"id": "no_thanks", "text": "No"}]},
        {"id": "extra-multiple", "type": "multiple", "prompt": "Pick two",
         "options": [{"text": "Άλφα", "correct": True}, {"text": "Beta", "correct": True}, {"text": "Beta"}]},
        {"id": "extra-true-false", "type": "true-false", "prompt": "True?", "answer": True},
        {"id": "extra-matching", "type": "matching", "prompt": "Match",
         "pairs": [{"left": "A", "right": "1"}, {"left": "B", "right": "2"}]},
        {"id": "extra-ordering", "type": "ordering", "prompt": "Order", "items": ["first", "second", "third"]},
        {"id": "extra-fill-in", "type": "fill-in", "prompt": "Say", "accept": ["one", 1]},
        {"id": "extra-reflection", "type": "reflection", "prompt": "Think"},
    ]
    (source / "assessment.yaml").write_text(yaml.safe_dump(assessment, allow_unicode=True), encoding="utf-8")
    return source


@pytest.mark.parametrize("which", ["Q-SER", "every type"])
def test_the_course_data_in_the_page_meets_its_schema(which, tmp_path):
    source = COURSE_SRC if which == "Q-SER" else every_type_course(tmp_path)
    data = course_data(render_site(load_course(source)))
    schema = _schema("qser_scorm.render", "course-data.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []
    assert {q["type"] for q in data["questions"]} == set(contract.SCORM12_INTERACTION_TYPES)


def test_json_schemas_repeat_the_contract_limits_exactly():
    assessment = _schema("qser_scorm.course", "assessment.schema.json")["properties"]["questions"]["items"]["properties"]
    course = _schema("qser_scorm.course", "course.schema.json")["properties"]
    data = _schema("qser_scorm.render", "course-data.schema.json")["$defs"]
    assert [assessment[key]["maxItems"] for key in ("options", "pairs", "items")] == [contract.CHOICES_MAX] * 3
    assert assessment["options"]["items"]["properties"]["id"]["pattern"] == contract.SHORT_ID_PATTERN
    assert course["title"]["maxLength"] == course["pages"]["items"]["properties"]["title"]["maxLength"] == contract.TITLE_MAX
    assert data["shortIds"]["maxItems"] == contract.CHOICES_MAX and data["index"]["maximum"] == contract.CHOICES_MAX - 1
    assert data["shortIds"]["items"]["pattern"] == contract.SHORT_ID_PATTERN
    assert set(data["question"]["properties"]["type"]["enum"]) == set(contract.SCORM12_INTERACTION_TYPES)
    styles = contract.RESPONSE_STYLES
    assert course["tracking"]["properties"]["responses"]["enum"] == list(styles)
    assert _schema("qser_scorm.render", "course-data.schema.json")["properties"]["responses"]["enum"] == list(styles)
    modes = list(contract.NAVIGATION_MODES)
    assert course["navigation"]["enum"] == modes
    assert _schema("qser_scorm.render", "course-data.schema.json")["properties"]["navigation"]["enum"] == modes


def test_responses_are_readable_unless_the_course_asks_for_letter_codes(tmp_path):
    assert course_data(render_site(load_course(COURSE_SRC)))["responses"] == "readable"
    source = Path(shutil.copytree(COURSE_SRC, tmp_path / "codes"))
    with (source / "course.yaml").open("a", encoding="utf-8") as yaml_file:
        yaml_file.write("tracking:\n  responses: codes\n")
    assert course_data(render_site(load_course(source)))["responses"] == "codes"


def test_the_runtime_gets_the_contract_from_the_build():
    site = render_site(load_course(COURSE_SRC))
    script = site[SCRIPT_FILE].decode("utf-8")
    assigned = script.index("window.Qser.contract=") + len("window.Qser.contract=")
    assert json.JSONDecoder().raw_decode(script, assigned)[0] == contract.runtime_constants()
    assert course_data(site)["pages"][0]["id"] == contract.OVERVIEW_ID


def test_the_quiz_engine_names_no_tracking_standard():
    for name in ENGINE_FILES:
        text = (RUNTIME / name).read_text(encoding="utf-8")
        assert not re.search(r"scorm|xapi|cmi\.", text, re.IGNORECASE), name


def _owned_literals() -> set[str]:
    """Every string and number of the contract the runtime reads, except question types (the
    course's own vocabulary, which the engine dispatches on) and the empty string."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif value != "":
            found.add(str(value))

    walk(contract.runtime_constants())
    return found - set(contract.SCORM12_INTERACTION_TYPES)


def test_no_runtime_file_spells_a_name_or_limit_the_contract_owns():
    literals = _owned_literals()
    spelled = []
    for path in sorted(RUNTIME.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        for literal in literals:
            pattern = rf"\b{literal}\b" if literal.isdigit() else rf"[\"'`]{re.escape(literal)}[\"'`]"
            if re.search(pattern, text):
                spelled.append(f"{path.relative_to(RUNTIME)}: {literal}")
    assert spelled == []
