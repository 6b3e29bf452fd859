"""Images and handouts: shipped when a page uses them, listed in the manifest, shown to the learner."""
from __future__ import annotations

import zipfile

from qser_scorm.validate import validate_path


def test_media_a_page_uses_are_shipped_and_listed(course, run_cli, tmp_path):
    (course / "media").mkdir()
    (course / "media" / "cycle.png").write_bytes(b"\x89PNG\r\n\x1a\n fake image")
    (course / "media" / "handout.pdf").write_bytes(b"%PDF-1.4 fake")
    (course / "media" / "unused.png").write_bytes(b"not referenced")
    with (course / "pages" / "circular-cycle-of-mentoring.md").open("a") as page:
        page.write("\n![The circular cycle of mentoring](media/cycle.png)\n\n[Handout](media/handout.pdf)\n")

    result = run_cli("build", course, "--out", tmp_path)

    assert result.exit_code == 0, result.output
    (zip_path,) = tmp_path.glob("*-scorm12.zip")
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        html = archive.read("index.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
    assert {"media/cycle.png", "media/handout.pdf"} <= names and "media/unused.png" not in names
    assert '<img src="media/cycle.png" alt="The circular cycle of mentoring"' in html
    assert 'href="media/cycle.png"' in manifest and 'href="media/handout.pdf"' in manifest
    assert validate_path(zip_path) == []


def test_a_path_outside_the_media_folder_is_refused_with_a_hint(course, run_cli, tmp_path):
    with (course / "pages" / "summary.md").open("a") as page:
        page.write("\n![Map](../images/map.png)\n")
    result = run_cli("build", course, "--out", tmp_path)
    assert result.exit_code == 2
    assert "summary.md:" in result.output and "is not in the course's media/ folder" in result.output


def test_an_image_after_raw_html_is_still_checked(course, run_cli, tmp_path):
    """Raw HTML is shown as text, so the image after it is rendered: it must be checked too."""
    with (course / "pages" / "summary.md").open("a") as page:
        page.write("\n<div>\n![tracker](https://tracker.example.org/pixel.png)\n")
    result = run_cli("build", course, "--out", tmp_path)
    assert result.exit_code == 2 and "is loaded from another host" in result.output


def test_images_in_questions_are_checked_and_shipped(course, run_cli, tmp_path):
    text = (course / "assessment.yaml").read_text()
    (course / "assessment.yaml").write_text(text.replace(
        "how many partners?", "how many partners? ![cycle](media/missing.png)", 1))
    result = run_cli("build", course, "--out", tmp_path)
    assert result.exit_code == 2 and "assessment.yaml:" in result.output
    assert "media/missing.png does not exist" in result.output


def test_a_link_out_of_the_media_folder_is_refused(course, run_cli, tmp_path):
    (course / "media").mkdir()
    (tmp_path / "secret.txt").write_text("not course material")
    (course / "media" / "notes.txt").symlink_to(tmp_path / "secret.txt")
    with (course / "pages" / "summary.md").open("a") as page:
        page.write("\n[Notes](media/notes.txt)\n")
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2 and "(or is a link out of media/)" in result.output


def test_a_linked_media_folder_is_refused(course, run_cli, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("not course material")
    (course / "media").symlink_to(outside)
    with (course / "pages" / "summary.md").open("a") as page:
        page.write("\n[Notes](media/secret.txt)\n")
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2 and "media/secret.txt does not exist" in result.output
