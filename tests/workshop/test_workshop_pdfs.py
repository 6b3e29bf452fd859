"""`build --target workshop`: the facilitator guide and the learner handout, read back as PDF."""
from __future__ import annotations

import zipfile

import pytest

from qser_scorm.course.load import load_course
from tests.conftest import COURSE_SRC
from tests.workshop.pdfs import AGENDA_ROW, read_pdf, words

pytestmark = pytest.mark.slow  # WeasyPrint takes seconds for each kit

COURSE = load_course(COURSE_SRC)
REFLECTIONS = [q for q in COURSE.assessment.questions if not q.scored]
A4, LETTER = (595, 842), (612, 792)  # points


def _size(pdf) -> tuple[int, int]:
    box = pdf.reader.pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_the_workshop_target_writes_the_facilitator_guide_and_the_handout(run_cli, tmp_path):
    result = run_cli("build", COURSE_SRC, "--out", tmp_path, "--target", "workshop")
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["qser-becoming-a-mentor-facilitator.pdf", "qser-becoming-a-mentor-handout.pdf"]
    assert "qser-becoming-a-mentor-facilitator.pdf" in result.output


def test_all_targets_include_the_workshop_kit_and_letter_paper_is_a_choice(run_cli, tmp_path):
    result = run_cli("build", COURSE_SRC, "--out", tmp_path, "--target", "all", "--paper", "letter")
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} >= {"qser-becoming-a-mentor-scorm12.zip",
                                                    "qser-becoming-a-mentor-facilitator.pdf",
                                                    "qser-becoming-a-mentor-handout.pdf"}
    for kind in ("facilitator", "handout"):
        assert _size(read_pdf(tmp_path / f"qser-becoming-a-mentor-{kind}.pdf")) == LETTER


def test_a4_by_default_and_the_guide_ends_with_a_page_for_notes(qser_kit):
    facilitator, handout = qser_kit["facilitator"], qser_kit["handout"]
    assert _size(facilitator) == A4 and _size(handout) == A4
    assert 6 <= len(facilitator.pages) <= 14 and 3 <= len(handout.pages) <= 8
    assert facilitator.pages[-1].startswith("Notes")
    assert facilitator.pages[0].startswith("Facilitator guide") and handout.pages[0].startswith("Learner handout")
    cover = words(facilitator.pages[0])
    for fact in (COURSE.title, COURSE.author, COURSE.programme, "Duration 1 hour", *(o.text for o in COURSE.objectives)):
        assert fact in cover


def test_the_agenda_runs_from_the_start_to_the_end_of_the_hour(qser_kit):
    rows = [tuple(map(int, row)) for row in AGENDA_ROW.findall(qser_kit["facilitator"].pages[1])]
    assert len(rows) == len(COURSE.workshop.agenda) == 7
    start = 0
    for start_h, start_m, end_h, end_m, minutes in rows:
        assert (start_h * 60 + start_m, end_h * 60 + end_m - start_h * 60 - start_m) == (start, minutes)
        start += minutes
    assert start == sum(minutes for *_, minutes in rows) == COURSE.duration_minutes == 60
    assert "Total 60 1 hour" in qser_kit["facilitator"].words
    for segment in COURSE.workshop.agenda:
        assert words(segment.notes) in qser_kit["facilitator"].words


def test_every_discussion_question_is_in_both_with_the_prompts_only_for_the_facilitator(qser_kit):
    facilitator, handout = qser_kit["facilitator"].words, qser_kit["handout"].words
    assert len(REFLECTIONS) == 2
    for question in REFLECTIONS:
        assert words(question.prompt) in facilitator and words(question.prompt) in handout
    assert handout.count("Your answer") == len(REFLECTIONS)
    for entry in COURSE.workshop.discussion:
        for prompt in entry.prompts:
            assert words(prompt) in facilitator and words(prompt) not in handout


def test_the_answer_key_is_only_in_the_facilitator_guide(qser_kit):
    facilitator, handout = qser_kit["facilitator"].words, qser_kit["handout"].words
    assert "Knowledge check: answer key" in facilitator and "Pass mark: 75%." in facilitator
    assert "Accepted answers: seven, 7" in facilitator and "Answer: False" in facilitator
    for question in COURSE.scored_questions:
        assert words(question.prompt) in facilitator and words(question.prompt) not in handout
        for feedback in (question.feedback_correct, question.feedback_wrong):
            assert words(feedback) in facilitator and words(feedback) not in handout
    correct = [o.text for q in COURSE.scored_questions for o in q.options if o.correct]
    for option in correct:
        assert f"✓ {option} (correct)" in facilitator
    assert "(correct)" not in handout and "answer key" not in handout.lower()


def test_the_handout_holds_the_course_content(qser_kit):
    handout = qser_kit["handout"].words
    for page in COURSE.pages:
        assert page.title in handout
    for item in ("Career development: The mentor helps the mentee clarify his/her goals",
                 "Show trust and respect.", "Provide mentoring facilities and support structures to help their staff"):
        assert item in handout


@pytest.mark.parametrize("kind, title", [("facilitator", "Facilitator guide"), ("handout", "Learner handout")])
def test_tagged_pdf_with_language_title_and_headings(qser_kit, kind, title):
    pdf = qser_kit[kind]
    assert pdf.catalog["/Lang"] == "en"
    assert pdf.reader.metadata.title == f"{COURSE.title}: {title}"
    assert bool(pdf.catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # viewers show the title, not the file name
    assert bool(pdf.catalog["/MarkInfo"]["/Marked"])
    tags = [tag for tag, _ in pdf.tags()]
    headings = [tag for tag in tags if tag in ("/H1", "/H2", "/H3", "/H4")]
    assert headings[0] == "/H1" and headings.count("/H1") == 1 and "/H2" in headings
    assert all(int(b[2]) - int(a[2]) <= 1 for a, b in zip(headings, headings[1:])), "a heading level is skipped"
    assert "/L" in tags and "/LI" in tags
    if kind == "facilitator":
        assert {"/Table", "/TH", "/TD"} <= set(tags)


def test_the_same_source_gives_the_same_bytes(qser_kit, run_cli, tmp_path):
    assert run_cli("build", COURSE_SRC, "--out", tmp_path, "--target", "workshop").exit_code == 0
    for kind, pdf in qser_kit.items():
        assert (tmp_path / pdf.path.name).read_bytes() == pdf.path.read_bytes(), kind


@pytest.mark.parametrize("language, expected", [
    ("el", ["Γίνομαι μέντορας στο Q-SER", "Φυλλάδιο εκπαιδευομένων", "Ο ρόλος του μέντορα",
            "Ο μέντορας δεν επιβάλλει απόψεις και λύσεις ούτε κρίνει τον καθοδηγούμενο.",
            "Ποιο γνώρισμα είναι το πιο σημαντικό για έναν μέντορα;", "Η απάντησή σας"]),
    ("es", ["Convertirse en mentor en Q-SER", "Material para los participantes", "El papel del mentor",
            "¿qué quiere lograr y qué obstáculos encontrará?", "Escucha activa y empatía",
            "¿Qué rasgo es el más importante en un mentor?", "Su respuesta"]),
])
def test_greek_and_spanish_text_comes_out_as_written(language_kits, language, expected):
    handout = language_kits[language]["handout"]
    assert handout.catalog["/Lang"] == language
    for text in expected:
        assert text in handout.words
    assert handout.fonts() <= {"DejaVu-Sans", "DejaVu-Sans-Bold"}, "a fallback font: a glyph was missing"


def test_a_figure_keeps_its_alt_text_and_image(language_kits):
    handout = language_kits["el"]["handout"]
    assert ("/Figure", "Διάγραμμα του κύκλου της καθοδήγησης") in handout.tags()
    images = {image.data: image for page in handout.reader.pages for image in page.images}
    assert [image.image.size for image in images.values()] == [(120, 80)]


def test_the_workshop_texts_follow_the_course_language(language_kits):
    greek, spanish = language_kits["el"]["facilitator"].words, language_kits["es"]["facilitator"].words
    for text in ("Οδηγός εκπαιδευτή", "Πρόγραμμα", "Ερωτήσεις συζήτησης", "Έλεγχος γνώσεων: σωστές απαντήσεις",
                 "Σημειώσεις", "Ο έλεγχος γνώσεων (1 ερώτηση)"):
        assert text in greek
    for text in ("Guía del formador", "Programa", "Preguntas para el debate", "¿Qué rasgo eligió y por qué?",
                 "Notas", "La prueba de conocimientos (1 pregunta)"):
        assert text in spanish


def test_the_scorm_package_has_the_handout_to_print_but_not_the_facilitator_guide(tmp_path, run_cli):
    assert run_cli("build", COURSE_SRC, "--out", tmp_path).exit_code == 0
    with zipfile.ZipFile(tmp_path / "qser-becoming-a-mentor-scorm12.zip") as archive:
        names = archive.namelist()
        handout = archive.read("handout.html").decode()
        index = archive.read("index.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
    assert not [name for name in names if name.endswith(".pdf")]
    assert '<a href="handout.html" target="_blank">Printable handout</a>' in index
    assert 'href="handout.html"' in manifest
    assert '<html lang="en">' in handout and "<title>Becoming a mentor in Q-SER: Learner handout</title>" in handout
    for question in REFLECTIONS:
        assert question.prompt in handout
    for question in COURSE.scored_questions:
        assert question.feedback_correct not in handout
    assert "Facilitator guide" not in handout and "answer key" not in handout
