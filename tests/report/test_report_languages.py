"""The report by language: learners who played the Greek, Spanish and English packages, from
xAPI statements (a file and Ralph) and from Moodle (one activity per language), filtered with
--lang and compared with --by-language, per language and over all languages."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tincan import Statement

from qser_scorm.course.load import load_course
from qser_scorm.translate.apply import language_courses
from qser_scorm.xapi.lrs import TimedRemoteLRS
from qser_scorm.xapi.templates import statement_templates
from tests.xapi.posting import post_in_batches

from .moodle_truth import COURSE_SOURCE, DATA, EXPORTS, TRUTH, expected_correct_rates, expected_learners
from .simulate import COURSE_IRI, SCORED, TEMPLATES, Learner, Simulation
from .test_report_page import AXE

LANGUAGES = DATA / "moodle-languages"
EDITIONS = {course.language: course for course in language_courses(load_course(COURSE_SOURCE), COURSE_SOURCE)[0]}
GREEK, SPANISH = (statement_templates(EDITIONS[language]) for language in ("el", "es"))


def play_in_three_languages() -> list[dict]:
    """Two learners of the Greek package, two of the Spanish one, one of the English one."""
    sim = Simulation()
    eleni, nikos = Learner("Eleni P.", "eleni@example.org", templates=GREEK), Learner("Nikos G.", "nikos@example.org",
                                                                                     templates=GREEK)
    lucia, javier = (Learner("Lucía F.", "lucia@example.org", templates=SPANISH),
                     Learner("Javier G.", "javier@example.org", templates=SPANISH))
    ana = Learner("Ana N.", "ana@example.org", templates=TEMPLATES)
    with sim.session(eleni, seconds=600, finished=True):
        sim.attempt(eleni, correct=set(SCORED), reflections={"r-most-important-trait": "Η υπομονή."})
    with sim.session(nikos, seconds=600):
        sim.attempt(nikos, correct={"q-partner-count", "q-impact-model-level", "q-good-mentor-role",
                                    "q-training-audience"})
    with sim.session(lucia, seconds=600, finished=True):
        sim.attempt(lucia, correct=set(SCORED) - {"q-mentor-traits"},
                    reflections={"r-most-important-trait": "La escucha activa."})
    with sim.session(javier, seconds=300):
        sim.read_pages(javier)
    with sim.session(ana, seconds=600, finished=True):
        sim.attempt(ana, correct=set(SCORED))
    return sim.statements


#: Worked out by hand from play_in_three_languages(): 9 scored questions, pass mark 75.
#: Eleni 9/9 = 100, Nikos 4/9 = 44.44 (failed), Lucía 8/9 = 88.89, Javier pages only, Ana 9/9.
EXPECTED_LANGUAGES = [
    # language, learners, completed, completion rate, passed, pass rate, mean best score
    ("el", "2", "1", "50", "1", "50", "72.22"),  # (100 + 44.44) / 2
    ("en", "1", "1", "100", "1", "100", "100"),
    ("es", "2", "1", "50", "1", "50", "88.89"),  # Javier has no score
    ("all", "5", "3", "60", "3", "60", "83.33"),  # (100 + 44.44 + 88.89 + 100) / 4
]
#: q-mentor-traits: Eleni and Ana right, Nikos and Lucía wrong.
EXPECTED_MENTOR_TRAITS = {"el": ("2", "1", "50"), "en": ("1", "1", "100"), "es": ("1", "0", "0"),
                          "all": ("4", "2", "50")}


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("languages") / "statements.json"
    path.write_text(json.dumps(play_in_three_languages()), encoding="utf-8")
    return path


def _compared(written) -> tuple[list[tuple], dict[str, tuple]]:
    languages = [tuple(row.values()) for row in written.rows("languages.csv")]
    traits = {row["language"]: (row["answers"], row["correct"], row["correct_rate"])
              for row in written.rows("questions_by_language.csv") if row["question"] == "q-mentor-traits"}
    return languages, traits


def test_by_language_compares_learners_and_each_question_per_language_and_in_all(three_languages, run_report):
    result, written = run_report("--from", three_languages, "--by-language")

    assert result.exit_code == 0, result.output
    assert _compared(written) == (EXPECTED_LANGUAGES, EXPECTED_MENTOR_TRAITS)
    assert {row["learner"]: row["language"] for row in written.rows("learners.csv")} == {
        "Eleni P.": "el", "Nikos G.": "el", "Lucía F.": "es", "Javier G.": "es", "Ana N.": "en"}
    # the same question, whatever the language it was answered in: one row with every answer
    traits = next(row for row in written.rows("questions.csv") if row["question"] == "q-mentor-traits")
    assert (traits["answers"], traits["correct_rate"]) == ("4", "50")
    html = written.html
    assert "Languages compared" in html and "Greek (el)" in html and "Spanish (es)" in html
    assert '<th scope="colgroup" colspan="2">All languages</th>' in html
    assert '<blockquote lang="el">Η υπομονή.</blockquote>' in html
    assert '<blockquote lang="es">La escucha activa.</blockquote>' in html


def test_lang_keeps_one_language_and_speaks_it(three_languages, run_report):
    result, written = run_report("--from", three_languages, "--lang", "el")

    assert result.exit_code == 0, result.output
    assert sorted(written.learners()) == ["Eleni P.", "Nikos G."]
    traits = next(row for row in written.rows("questions.csv") if row["question"] == "q-mentor-traits")
    greek = EDITIONS["el"].assessment.questions[[q.id for q in EDITIONS["el"].assessment.questions].index(
        "q-mentor-traits")]
    assert (traits["answers"], traits["prompt"]) == ("2", greek.prompt)
    assert '<html lang="el">' in written.html
    assert f"Αναφορά εκπαιδευομένων: {EDITIONS['el'].title}" in written.html
    assert not (written.folder / "languages.csv").exists()  # no comparison asked for


def test_several_languages_and_a_regional_tag(three_languages, run_report):
    _, both = run_report("--from", three_languages, "--lang", "el,ES", "--by-language")
    assert [row[0] for row in _compared(both)[0]] == ["el", "es", "all"]
    assert sorted(both.learners()) == ["Eleni P.", "Javier G.", "Lucía F.", "Nikos G."]


def test_a_language_nobody_played_in_lists_those_played(three_languages, run_report):
    result, written = run_report("--from", three_languages, "--lang", "de")

    assert result.exit_code == 1
    assert "holds no statements in de; nothing was written" in result.output
    assert "Its statements are in el, en, es" in result.output
    assert not written.folder.exists()


def test_a_wrong_language_tag_exits_2(three_languages, run_report):
    result, _ = run_report("--from", three_languages, "--lang", "greek!")
    assert result.exit_code == 2
    assert "'greek!' is not a language tag" in result.output


def test_xlsx_has_the_language_sheets(three_languages, run_report):
    _, written = run_report("--from", three_languages, "--by-language", "--format", "xlsx")
    workbook = load_workbook(written.folder / "report.xlsx")
    assert workbook.sheetnames == ["learners", "questions", "objectives", "reflections", "languages",
                                   "questions_by_language"]
    assert [cell.value for cell in workbook["languages"][5]] == ["all", 5, 3, 60, 3, 60, pytest.approx(83.3325)]


def test_by_language_from_ralph(lrs, run_report):
    course = f"https://qser.example/xapi/report-languages-{uuid.uuid4().hex[:8]}"
    statements = json.loads(json.dumps(play_in_three_languages()).replace(COURSE_IRI, course))
    sender = TimedRemoteLRS(endpoint=lrs.endpoint, username=lrs.username, password=lrs.password)
    post_in_batches(sender, [Statement.from_json(json.dumps(statement)) for statement in statements], 40)

    result, written = run_report("--lrs", lrs.endpoint, "--user", lrs.username, "--password", lrs.password,
                                 "--activity", course, "--by-language")

    assert result.exit_code == 0, result.output
    assert _compared(written) == (EXPECTED_LANGUAGES, EXPECTED_MENTOR_TRAITS)


# --- Moodle: one activity per language ----------------------------------------------------------

EGALEO, VALENCIA = "Egaleo social services", "Valencia citizen service"
PER_LANGUAGE = ("--moodle-export", f"el={LANGUAGES / 'el-scorm-interactions-all.txt'}",
                "--moodle-export", f"es={LANGUAGES / 'es-scorm-interactions-all.txt'}",
                "--moodle-export", f"el={LANGUAGES / 'gradebook.csv'}",
                "--moodle-export", f"es={LANGUAGES / 'gradebook.csv'}", "--course", COURSE_SOURCE)


def _played(name: str) -> str:
    """The language the recorded learner played in: Egaleo's the Greek package, Valencia's the
    Spanish one; a learner who never launched either has none."""
    expected = expected_learners()[name]
    if expected["lms_attempts"] == "0":
        return ""
    return "el" if expected["group"] == EGALEO else "es"


def test_moodle_activities_per_language_give_each_learner_once_with_their_grade(run_report):
    result, written = run_report(*PER_LANGUAGE, "--by-language")

    assert result.exit_code == 0, result.output
    learners = written.learners()
    assert sorted(learners) == sorted(expected_learners())  # each once: none twice for the other activity
    for name, expected in expected_learners().items():
        row = learners[name]
        assert (row["language"], row["status"], row["best_score"], row["lms_attempts"]) == (
            _played(name), expected["status"], expected["best_score"], expected["lms_attempts"]), name


def test_moodle_questions_per_language_and_across_languages(run_report):
    _, written = run_report(*PER_LANGUAGE, "--by-language")
    _, single = run_report("--moodle-export", EXPORTS / "scorm-interactions-all.txt",
                           "--moodle-export", EXPORTS / "gradebook.csv", "--course", COURSE_SOURCE)

    rows = {(row["question"], row["language"]): (int(row["answers"]), int(row["correct"]))
            for row in written.rows("questions_by_language.csv")}
    for language, group in (("el", EGALEO), ("es", VALENCIA), ("all", None)):
        expected = expected_correct_rates((group,) if group else ())
        assert {q: rows[q, language] for q in expected} == expected, language
    # across languages, a question is the same one: as in the report of one activity played by all
    columns = ("question", "answers", "correct", "correct_rate", "answer_distribution")
    assert [{c: row[c] for c in columns} for row in written.rows("questions.csv")] == \
           [{c: row[c] for c in columns} for row in single.rows("questions.csv")]
    languages = {row["language"]: row for row in written.rows("languages.csv")}
    assert (languages["el"]["learners"], languages["es"]["learners"], languages[""]["learners"],
            languages["all"]["learners"]) == ("3", "4", "1", "8")


def test_moodle_lang_keeps_one_activity_in_its_language(run_report):
    result, written = run_report(*PER_LANGUAGE, "--lang", "es")

    assert result.exit_code == 0, result.output
    assert sorted(written.learners()) == sorted(n for n, e in expected_learners().items() if _played(n) == "es")
    assert '<html lang="es">' in written.html
    spanish = {q.id: q for q in EDITIONS["es"].assessment.questions}
    assert {row["question"]: row["prompt"] for row in written.rows("questions.csv")} == {
        q: spanish[q].prompt for q in SCORED}
    reflections = {row["learner"] for row in written.rows("reflections.csv")}
    assert reflections and all(_played(name) == "es" for name in reflections)


def test_moodle_lang_nobody_played_in_exits_2(run_report):
    result, _ = run_report(*PER_LANGUAGE, "--lang", "de")
    assert result.exit_code == 2
    assert "no learner played in de; the languages are: el, es, not recorded." in result.output


def test_a_gradebook_of_two_activities_without_their_reports_names_them(run_report):
    result, _ = run_report("--moodle-export", LANGUAGES / "gradebook.csv", "--course", COURSE_SOURCE)

    assert result.exit_code == 2
    assert "holds the grades of several SCORM activities" in result.output
    assert f"({EDITIONS['el'].title}, {EDITIONS['es'].title})" in result.output
    assert "--moodle-export el=FILE" in result.output


def test_the_page_comparing_languages_passes_axe_and_fits_a_phone(browser, run_report):
    """``browser``: the session's Chromium (tests/chromium.py)."""
    result, written = run_report(*PER_LANGUAGE, "--by-language")
    assert result.exit_code == 0, result.output
    # bypass_csp: the report's Content-Security-Policy forbids scripts, axe's included.
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto((written.folder / "report.html").as_uri())

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("#languages").is_visible()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id + ': ' + v.help)")
    context.close()
    assert violations == []


def test_the_language_saved_by_the_multilingual_package_is_read_from_moodles_tracks(run_report, tmp_path):
    """The recorded web services, with Eleni's attempt as the multilingual package saves a choice
    of Greek (cmi.student_preference.language, SCORM 1.2 RTE 3.4.4); the others said nothing."""
    from .moodle_replay import TOKEN, MoodleReplay

    eleni = next(learner for learner in TRUTH["learners"] if learner["name"] == "Eleni Papadopoulou")
    token = tmp_path / "token"
    token.write_text(TOKEN, encoding="utf-8")
    with MoodleReplay().running() as moodle:
        for key, body in moodle.answers.items():
            tracks = ("wsfunction", "mod_scorm_get_scorm_sco_tracks") in key
            if tracks and ("userid", str(eleni["moodle_userid"])) in key:
                answer = json.loads(body)
                answer["data"]["tracks"].append({"element": "cmi.student_preference.language", "value": "el"})
                moodle.answers[key] = json.dumps(answer).encode()
        live = ("--moodle", moodle.url, "--token-file", token, "--cmid", "6", "--moodle-course", "QSER-MENTOR-2026",
                "--course", COURSE_SOURCE)
        result, written = run_report(*live, "--by-language")
        assert result.exit_code == 0, result.output
        languages = {row["learner"]: row["language"] for row in written.rows("learners.csv")}
        assert languages.pop("Eleni Papadopoulou") == "el" and set(languages.values()) == {"en"}
        rows = {(row["question"], row["language"]): row["answers"] for row in written.rows("questions_by_language.csv")}
        assert rows["q-partner-count", "el"] == str(len(eleni["sessions"][0]["submissions"]))

        _, greek = run_report(*live, "--lang", "el")
    assert list(greek.learners()) == ["Eleni Papadopoulou"]


def test_typed_answers_are_marked_as_their_languages_package_marks_them(run_report):
    """Moodle's default download has no results: the report marks the answers itself, a Spanish
    learner's "siete" with the Spanish package's accepted answers."""
    result, written = run_report("--moodle-export", f"es={LANGUAGES / 'es-scorm-interactions-default.txt'}",
                                 "--course", COURSE_SOURCE)

    assert result.exit_code == 0, result.output
    partners = next(row for row in written.rows("questions.csv") if row["question"] == "q-partner-count")
    expected = expected_correct_rates((VALENCIA,))["q-partner-count"]
    assert (int(partners["answers"]), int(partners["correct"])) == expected
    assert partners["answer_distribution"] == "7: 3; siete: 2"  # typed answers grouped ignoring case


def _with_a_spanish_activity(moodle) -> None:
    """The recorded Moodle course with a second SCORM activity (course module 7, SCORM 4, SCO 7),
    the Spanish package, played by the Valencia group, who then never opened the first (Greek)
    one; made from the recorded answers, as Moodle answers for two activities."""
    valencia = {learner["moodle_userid"] for learner in TRUTH["learners"] if learner["group"] == VALENCIA}
    answers = {}
    for key, body in moodle.answers.items():
        params, answer = dict(key), json.loads(body)
        function, user = params.get("wsfunction"), int(params.get("userid", 0))
        if function == "mod_scorm_get_scorms_by_courses":
            answer["scorms"].append({**answer["scorms"][0], "id": 4, "coursemodule": 7, "name": EDITIONS["es"].title})
        elif function == "mod_scorm_get_scorm_scoes":
            answers[_with(key, scormid="4")] = json.dumps(
                {**answer, "scoes": [{**sco, "id": sco["id"] + 1, "scorm": 4} for sco in answer["scoes"]]}).encode()
        elif function == "mod_scorm_get_scorm_attempt_count":
            answers[_with(key, scormid="4")] = body if user in valencia else b'{"attemptscount":0,"warnings":[]}'
            answer = {"attemptscount": 0, "warnings": []} if user in valencia else answer
        elif function == "mod_scorm_get_scorm_sco_tracks":
            answers[_with(key, scoid="7")] = body
        elif function == "gradereport_user_get_grade_items":
            for grades in answer["usergrades"]:
                scorm = next(item for item in grades["gradeitems"] if item["cmid"] == 6)
                spanish = {**scorm, "cmid": 7, "graderaw": scorm["graderaw"] if grades["userid"] in valencia else None}
                scorm["graderaw"] = None if grades["userid"] in valencia else scorm["graderaw"]
                grades["gradeitems"].insert(1, spanish)
        answers[key] = json.dumps(answer).encode()
    moodle.answers = answers


def _with(key: tuple, **changed: str) -> tuple:
    return tuple(sorted({**dict(key), **changed}.items()))


def test_moodle_web_services_read_one_activity_per_language(run_report, tmp_path):
    from .moodle_replay import TOKEN, MoodleReplay

    token = tmp_path / "token"
    token.write_text(TOKEN, encoding="utf-8")
    with MoodleReplay().running() as moodle:
        _with_a_spanish_activity(moodle)
        result, written = run_report("--moodle", moodle.url, "--token-file", token, "--cmid", "el=6", "--cmid", "es=7",
                                     "--moodle-course", "QSER-MENTOR-2026", "--course", COURSE_SOURCE, "--by-language")
    assert result.exit_code == 0, result.output
    assert "Moodle http://127.0.0.1:" in written.html and ", activity el=6, activity es=7" in written.html
    # the same report as the two activities' downloads, but for what only the web services know
    only_live = ("group", "time_spent_seconds", "last_activity")
    tables = ("learners.csv", "questions_by_language.csv", "languages.csv")
    live = [[{k: v for k, v in row.items() if k not in only_live} for row in written.rows(table)] for table in tables]
    _, downloaded = run_report(*PER_LANGUAGE, "--by-language")
    assert live == [[{k: v for k, v in row.items() if k not in only_live} for row in downloaded.rows(table)]
                    for table in tables]


def test_a_cmid_that_is_no_number_exits_2(run_report):
    result, _ = run_report("--moodle", "https://moodle.example.org", "--cmid", "el=six")
    assert result.exit_code == 2
    assert "'el=six' is not a course module id" in result.output
