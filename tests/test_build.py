"""`qser-scorm build`: the CLI, reproducible zips, atomic writes and an installable package."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile

import qser_scorm
from tests.conftest import COURSE_SRC, SHIPPED_COURSE

ZIP_NAME = "qser-becoming-a-mentor-scorm12.zip"


def test_build_prints_each_artifact_with_its_size(run_cli, tmp_path):
    result = run_cli("build", COURSE_SRC, "--out", tmp_path / "dist")
    assert result.exit_code == 0, result.output
    assert ZIP_NAME in result.output and "KB" in result.output
    assert sorted(os.listdir(tmp_path / "dist")) == [ZIP_NAME]


def test_two_builds_are_byte_identical(run_cli, tmp_path, course):
    run_cli("build", COURSE_SRC, "--out", tmp_path / "a")
    os.utime(course / "course.yaml", (0, 0))  # a different mtime must not matter either
    run_cli("build", course, "--out", tmp_path / "b")
    first, second = (tmp_path / d / ZIP_NAME for d in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()


def test_zip_has_manifest_at_root_sorted_entries_and_fixed_metadata(run_cli, tmp_path):
    run_cli("build", COURSE_SRC, "--out", tmp_path)
    with zipfile.ZipFile(tmp_path / ZIP_NAME) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert "imsmanifest.xml" in names and "index.html" in names
    assert names == sorted(names)
    assert not any(n.startswith("/") or ".." in n.split("/") for n in names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_help_and_version(run_cli):
    assert run_cli("--version").output.strip() == f"qser-scorm, version {qser_scorm.__version__}"
    for args in (["--help"], ["build", "--help"]):
        result = run_cli(*args)
        assert result.exit_code == 0 and "Usage:" in result.output


def test_failed_build_leaves_no_temporary_file(run_cli, tmp_path, course):
    (course / "pages" / "summary.md").unlink()
    out = tmp_path / "dist"
    out.mkdir()
    (out / ZIP_NAME).write_bytes(b"the previous build")
    assert run_cli("build", course, "--out", out).exit_code == 2
    assert os.listdir(out) == [ZIP_NAME]
    assert (out / ZIP_NAME).read_bytes() == b"the previous build"


def test_plain_pip_install_builds_the_same_package(installed_wheel, tmp_path):
    """A non-editable install must carry templates and the runtime as package data."""
    site = installed_wheel
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run([sys.executable, "-m", "qser_scorm", "build", COURSE_SRC, "--out", tmp_path / "out"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    probe = subprocess.run([sys.executable, "-c", "import qser_scorm; print(qser_scorm.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert probe.stdout.startswith(str(site)), "the test must run the installed copy, not the checkout"
    qser_scorm.build(COURSE_SRC, tmp_path / "editable")
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(tmp_path / "out" / ZIP_NAME) == digest(tmp_path / "editable" / ZIP_NAME)


def test_the_python_api_takes_the_options_of_the_command(tmp_path):
    result = qser_scorm.build(SHIPPED_COURSE, tmp_path, languages=["el"], strict=True)
    assert [path.name for path in result.written] == ["qser-becoming-a-mentor-el-scorm12.zip"]


def test_lrs_credentials_are_baked_in_only_on_request_and_with_a_warning(run_cli, tmp_path):
    def package_text(out):
        with zipfile.ZipFile(out / ZIP_NAME) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())

    plain = run_cli("build", COURSE_SRC, "--out", tmp_path / "plain")
    assert "warning" not in plain.output and "lrs.example.org" not in package_text(tmp_path / "plain")

    baked = run_cli("build", COURSE_SRC, "--out", tmp_path / "baked", "--embed-lrs", "https://lrs.example.org/xAPI/",
                    "--embed-lrs-user", "course-writer", "--embed-lrs-password", "s3cret")
    assert baked.exit_code == 0
    assert "warning: the LRS credentials for https://lrs.example.org/xAPI/ are stored in plain text" in baked.output
    assert "Anyone who can download the package" in baked.output
    assert "https://lrs.example.org/xAPI/" in package_text(tmp_path / "baked")

    refused = run_cli("build", COURSE_SRC, "--out", tmp_path / "half", "--embed-lrs", "https://lrs.example.org/")
    assert refused.exit_code == 2 and "needs --embed-lrs-user and --embed-lrs-password" in refused.output
    assert not (tmp_path / "half").exists()


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(run_cli, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    result = run_cli("build", COURSE_SRC, "--out", blocker / "dist")
    assert result.exit_code == 1
    assert f"cannot write into {blocker / 'dist'}" in result.output and "Traceback" not in result.output
