"""The report from Moodle 4.5's real downloads (tests/data/moodle-qser/exports/, eight learners):
every format gives the same report, and it agrees with the gradebook and the ground truth."""
from __future__ import annotations

import csv
import re
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from qser_scorm.course.load import load_course
from qser_scorm.course.responses import response_ids
from qser_scorm.pipeline import build

from .moodle_truth import (COURSE_SOURCE, DATA, EXPORTS, expected_correct_rates, expected_learners,
                           expected_reflections)

FORMATS = ("txt", "ods", "xlsx")
GRADEBOOKS = {"txt": "gradebook.csv", "ods": "gradebook.ods", "xlsx": "gradebook.xlsx"}
#: Columns the downloads cannot fill (no groups, no time spent in any Moodle download).
NOT_IN_DOWNLOADS = ("group", "time_spent_seconds")


def _exports(run_report, *names: str, course=("--course", COURSE_SOURCE)):
    result, written = run_report(*(arg for name in names for arg in ("--moodle-export", EXPORTS / name)), *course)
    assert result.exit_code == 0, result.output
    return written


def _tables(written) -> tuple:
    learners = [{k: v for k, v in row.items() if k not in NOT_IN_DOWNLOADS} for row in written.rows("learners.csv")]
    return (learners, written.rows("questions.csv"), written.rows("objectives.csv"), written.rows("reflections.csv"))


@pytest.mark.parametrize("report", ["scorm-interactions-all", "scorm-interactions-default", "scorm-basic",
                                    "scorm-basic-detailed", "scorm-objectives"])
def test_each_format_of_a_download_gives_the_same_report(report, run_report):
    reports = [_tables(_exports(run_report, f"{report}.{fmt}", GRADEBOOKS[fmt])) for fmt in FORMATS]

    assert reports[0] == reports[1] == reports[2]
    assert len(reports[0][0]) == 8


def test_learners_agree_with_the_gradebook_and_the_ground_truth(run_report):
    written = _exports(run_report, "scorm-interactions-all.txt", "gradebook.csv")
    learners = written.learners()

    expected = expected_learners()
    assert set(learners) == set(expected)
    for name, figures in expected.items():
        row = learners[name]
        for column in ("status", "best_score", "attempts", "lms_attempts", "account"):
            assert row[column] == figures[column], (name, column)
    # The page shows the gradebook's 2 decimals: 100.00, 77.78, ...
    for name, figures in expected.items():
        if figures["best_score"]:
            row = re.search(rf'<th scope="row">{re.escape(name)}<br>.*?</tr>', written.html, re.S).group(0)
            assert f'<td class="num">{float(figures["best_score"]):.2f} %</td>' in row, name
    # Pablo saw "100%, passed" in a review-mode launch; Moodle and its gradebook keep failed 33.33.
    assert (learners["Pablo Sánchez"]["status"], learners["Pablo Sánchez"]["best_score"]) == ("failed", "33.33")


def test_questions_have_the_ground_truths_correct_rates_and_answers_in_words(run_report):
    written = _exports(run_report, "scorm-interactions-all.xlsx", "gradebook.xlsx")
    questions = {row["question"]: row for row in written.rows("questions.csv")}

    for question, (answers, correct) in expected_correct_rates().items():
        row = questions[question]
        assert (int(row["answers"]), int(row["correct"])) == (answers, correct), question
        assert row["correct_rate"] == f"{100 * correct / answers:.2f}".rstrip("0").rstrip("."), question
    audience = questions["q-training-audience"]
    assert audience["prompt"] == "Who does this training material aim to train to become mentors?"
    assert audience["answer_distribution"].startswith("Employees of municipalities: 7; ")
    assert "Mentees who have completed a working group: 0" in audience["answer_distribution"]
    # Maria left the true-false question unanswered: shown, not dropped.
    assert "(no answer): 1" in questions["q-impact-model-level"]["answer_distribution"]
    # Fill-in answers are grouped as marked (Ana's "Seven" with "seven").
    assert questions["q-partner-count"]["answer_distribution"] == "7: 5; seven: 2; eight: 1; six: 1"


def test_reflections_come_out_exactly_as_typed(run_report):
    for names in (("scorm-interactions-all.txt",), ("scorm-interactions-all.ods",), ("scorm-interactions-all.xlsx",),
                  ("scorm-interactions-default.txt",)):
        written = _exports(run_report, *names)
        reflections = {(row["question"], row["learner"], row["reflection"]) for row in written.rows("reflections.csv")}
        assert reflections == expected_reflections(), names
    html = written.html
    # Quotes, ampersands, line breaks, Greek and guillemets, escaped once for HTML and no more.
    assert "I&#39;d say &#34;patience&#34;: many of our clients" in html
    assert "Intercultural communication.\n\nAlso learning basic greetings in Arabic &amp; Farsi" in html
    assert "«ενσυναίσθηση»" in html


def test_objectives_report_the_share_who_met_them(run_report):
    written = _exports(run_report, "scorm-objectives.txt", "scorm-interactions-all.txt")
    objectives = {row["objective"]: row for row in written.rows("objectives.csv")}

    assert objectives["obj-intro"]["text"] == "Introduction to Q-SER training material"
    # Six learners submitted; met = all the objective's questions right in their latest submission.
    assert {row["learners_assessed"] for row in objectives.values()} == {"6"}


def test_the_package_maps_codes_to_texts_as_the_course_does(run_report, tmp_path):
    build(COURSE_SOURCE, tmp_path / "dist")
    package = tmp_path / "dist" / "qser-becoming-a-mentor-scorm12.zip"  # English, as the recorded course
    from_course = _tables(_exports(run_report, "scorm-interactions-all.txt", "gradebook.csv"))
    from_package = _tables(_exports(run_report, "scorm-interactions-all.txt", "gradebook.csv",
                                    course=("--package", package)))

    assert from_package[:2] == from_course[:2]
    assert from_package[3] == from_course[3]


@pytest.mark.parametrize("index", [b"", b"<html><body>another tool's package</body></html>"], ids=["empty", "other"])
def test_a_package_not_built_by_this_tool_exits_2(index, run_report, tmp_path):
    package = tmp_path / "other.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("index.html", index)
    result, _ = run_report("--moodle-export", EXPORTS / "scorm-basic.txt", "--package", package)

    assert result.exit_code == 2, result.output
    assert "holds no course data in index.html" in result.output


def test_the_earlier_four_question_package_shows_unknown_codes_marked(run_report):
    """Exports of another package (letters a-e, not this course's questions) are read, not dropped."""
    folder = DATA / "moodle-exports"
    result, written = run_report("--moodle-export", folder / "moodle45-scorm-interactions.txt",
                                 "--moodle-export", folder / "moodle45-gradebook.csv", "--course", COURSE_SOURCE)

    assert result.exit_code == 0, result.output
    learners = written.learners()
    assert learners["Chloé Sample"]["best_score"] == "100" and learners["Chloé Sample"]["lms_attempts"] == "2"
    assert learners["Eva Placeholder"]["status"] == "in progress"
    assert learners["Ben Example"]["status"] == "passed"  # 75: the boundary
    questions = {row["question"]: row for row in written.rows("questions.csv")}
    assert questions["q2-mentor-skills"]["prompt"] == "(not a question of this course version)"
    assert "a,c,d: 3" in questions["q2-mentor-skills"]["answer_distribution"]
    reflections = {(row["question"], row["learner"]): row["reflection"] for row in written.rows("reflections.csv")}
    assert reflections["q4-reflection", "Ben Example"] == \
        'I\'d have liked help with forms, letters & "urgent" cases; <b>not</b> just a leaflet.'
    assert "&lt;b&gt;not&lt;/b&gt;" in written.html  # escaped once, for HTML


def test_xlsx_holds_the_same_tables(run_report, tmp_path):
    result, written = run_report("--moodle-export", EXPORTS / "scorm-interactions-all.txt", "--moodle-export",
                                 EXPORTS / "gradebook.csv", "--course", COURSE_SOURCE, "--format", "xlsx",
                                 "--format", "csv")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(written.folder / "report.xlsx")

    assert workbook.sheetnames == ["learners", "questions", "objectives", "reflections"]
    rows = list(workbook["reflections"].iter_rows(values_only=True))
    assert [row[-1] for row in rows[1:]] == [row["reflection"] for row in written.rows("reflections.csv")]
    header, *rows = workbook["learners"].iter_rows(values_only=True)
    learners = {row[0]: dict(zip(header, row)) for row in rows}
    assert learners["Javier García"]["best_score"] == 77.78  # a number, as in Moodle's gradebook
    assert learners["Nikos Georgiou"]["best_score"] is None


def test_anonymous_names_nobody(run_report):
    result, anonymous = run_report("--moodle-export", EXPORTS / "scorm-interactions-all.txt", "--moodle-export",
                                   EXPORTS / "gradebook.csv", "--course", COURSE_SOURCE, "--anonymous")

    assert result.exit_code == 0, result.output
    for learner, figures in expected_learners().items():
        for name in ("report.html", "learners.csv", "reflections.csv"):
            text = (anonymous.folder / name).read_text(encoding="utf-8")
            assert learner.split()[-1] not in text and figures["account"] not in text, (learner, name)
    assert {row["learner"] for row in anonymous.rows("reflections.csv")} <= {f"Learner {n}" for n in range(1, 9)}


@pytest.mark.parametrize(("content", "expected"), [
    (b"a,b,c\n1,2,3\n", "not a Moodle SCORM report or gradebook download"),
    (b"", "is empty"),
    (b"\xff\xfeN\x00", "not UTF-8"),
    ('Name\t"Email address"\tAttempt\t"Started on"\t"Last accessed on"\tScore\nAna\tana@example.org\tfirst\t-\t-\t5\n'
     .encode(), "row 2: the Attempt column holds 'first', not a number"),
], ids=["other-table", "empty", "utf-16", "attempt-not-a-number"])
def test_a_file_that_is_no_moodle_download_exits_2(content, expected, tmp_path, run_report):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    result, written = run_report("--moodle-export", path, "--course", COURSE_SOURCE)

    assert result.exit_code == 2, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert not written.folder.exists()


def test_readable_ids_of_newer_packages_read_as_letters_do(run_report, tmp_path):
    """A package storing the readable ids of course/responses.py gives the same report."""
    course = load_course(COURSE_SOURCE)
    ids = {q.id: response_ids(q) for q in course.assessment.questions}

    def readable(question: str, response: str) -> str:
        names = ids.get(question, {})
        if "options" in names:
            return ",".join(names["options"][int(code, 36)] for code in response.split(",") if code)
        if "items" in names:
            return ",".join(names["items"][int(code, 36)] for code in response.split(","))
        if "left" in names:
            pairs = (pair.split(".") for pair in response.split(","))
            return ",".join(f"{names['left'][int(a, 36)]}.{names['right'][int(b, 36)]}" for a, b in pairs)
        return {"t": "true", "f": "false"}.get(response, response) if question == "q-impact-model-level" else response

    with open(EXPORTS / "scorm-interactions-all.txt", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file, delimiter="\t"))
    header = rows[0]
    for row in rows[1:]:
        for n in range(22):
            if f"Question {n}" in header and row[header.index(f"Question {n}")]:
                cell = header.index(f"Response {n}")
                row[cell] = readable(row[header.index(f"Question {n}")], row[cell])
    newer = tmp_path / "newer.txt"
    with open(newer, "w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter="\t", lineterminator="\n").writerows(rows)

    letters = _tables(_exports(run_report, "scorm-interactions-all.txt"))
    result, written = run_report("--moodle-export", newer, "--course", COURSE_SOURCE)
    assert result.exit_code == 0, result.output
    assert _tables(written) == letters
    assert "employees_of_municipalities" in newer.read_text(encoding="utf-8")


def test_the_xml_gradebook_is_refused_with_what_to_download_instead(run_report):
    result, _ = run_report("--moodle-export", EXPORTS / "gradebook.xml", "--course", COURSE_SOURCE)

    assert result.exit_code == 2
    assert "names learners by ID number only" in result.output and "plain text file, ODS or Excel" in result.output


@pytest.mark.parametrize("suffix", [".ods", ".xlsx"])
@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"], ids=["not-zip", "broken-zip"])
def test_a_broken_spreadsheet_exits_2(suffix, content, tmp_path, run_report):
    path = tmp_path / f"report{suffix}"
    path.write_bytes(content)
    result, _ = run_report("--moodle-export", path, "--course", COURSE_SOURCE)

    assert result.exit_code == 2, result.output
    assert "not a readable" in result.output and "Traceback" not in result.output


def test_an_ods_without_a_table_exits_2(tmp_path, run_report):
    path = tmp_path / "report.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content xmlns:office="
                                        "'urn:oasis:names:tc:opendocument:xmlns:office:1.0'><broken")
    result, _ = run_report("--moodle-export", path, "--course", COURSE_SOURCE)

    assert result.exit_code == 2, result.output
    assert "not a readable ods file" in result.output


def test_group_needs_moodles_groups(run_report):
    result, _ = run_report("--moodle-export", EXPORTS / "scorm-basic.txt", "--course", COURSE_SOURCE,
                           "--group", "Valencia citizen service")

    assert result.exit_code == 2
    assert "Moodle's downloads name no groups" in result.output


def test_the_page_speaks_the_course_language(run_report, tmp_path):
    greek = tmp_path / "course_src"
    shutil.copytree(COURSE_SOURCE, greek)
    course_yaml = greek / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: el\n"),
                           encoding="utf-8")
    result, written = run_report("--moodle-export", EXPORTS / "scorm-interactions-all.txt", "--course", greek)

    assert result.exit_code == 0, result.output
    assert '<html lang="el">' in written.html
    assert "<h2 id=\"reflections\">Αναστοχασμοί για τη συζήτηση του εργαστηρίου</h2>" in written.html
    assert "<td>επιτυχία</td>" in written.html
    assert "Σωστό</span>: " in written.html  # the package's own word for True, from the course's interface texts
    assert "(χωρίς απάντηση)</span>: 1" in written.html  # Maria's unanswered true-false question


@pytest.mark.parametrize("gradebook", ["gradebook-tab.csv", "gradebook-semicolon-real-percentage-letter-feedback.csv",
                                       "gradebook-real-percentage.xlsx", "gradebook.ods"])
def test_every_gradebook_export_gives_the_same_grades(gradebook, run_report):
    written = _exports(run_report, "scorm-basic.txt", gradebook)

    grades = {name: row["best_score"] for name, row in written.learners().items()}
    assert grades == {name: figures["best_score"] for name, figures in expected_learners().items()}


def test_after_a_settings_save_moodle_grades_the_incomplete_learner_0(run_report):
    """Moodle recomputes the grades when the activity's settings are saved: Lucía then has 0.00."""
    learners = _exports(run_report, "scorm-basic.txt", "gradebook-after-settings-save.csv").learners()

    assert (learners["Lucía Fernández"]["status"], learners["Lucía Fernández"]["best_score"]) == ("in progress", "0")
    assert learners["Nikos Georgiou"]["best_score"] == ""


@pytest.mark.parametrize("report", ["moodle45-scorm-basic", "moodle45-scorm-interactions", "moodle45-scorm-objectives"])
def test_each_format_of_the_earlier_packages_downloads_gives_the_same_report(report, run_report):
    folder = DATA / "moodle-exports"
    reports = []
    for fmt, gradebook in (("txt", "csv"), ("ods", "ods"), ("xlsx", "xlsx")):
        result, written = run_report("--moodle-export", folder / f"{report}.{fmt}", "--moodle-export",
                                     folder / f"moodle45-gradebook.{gradebook}", "--course", COURSE_SOURCE)
        assert result.exit_code == 0, result.output
        reports.append(_tables(written))

    assert reports[0] == reports[1] == reports[2]
    assert {row["learner"] for row in reports[0][0]} == {"Ana Test", "Ben Example", "Chloé Sample",
                                                         "Δημήτρης Δοκιμή", "Eva Placeholder"}
