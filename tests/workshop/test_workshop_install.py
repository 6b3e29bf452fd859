"""WeasyPrint only for the workshop target: the default build runs without it, and says what to install."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import COURSE_SRC, REPO


def _run(code: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_the_default_build_never_imports_weasyprint(tmp_path):
    code = ("import sys; from qser_scorm.pipeline import build; build(sys.argv[1], sys.argv[2], ('scorm12', 'xapi')); "
            "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'")
    ran = _run(code, COURSE_SRC, tmp_path)
    assert ran.returncode == 0, ran.stderr


def test_without_weasyprint_the_workshop_target_says_how_to_install_it(tmp_path):
    # An interpreter where `import weasyprint` fails, as on a machine that never installed it.
    code = ("import sys; sys.modules['weasyprint'] = None; from qser_scorm.__main__ import cli; "
            "cli(['build', sys.argv[1], '--out', sys.argv[2], '--target', 'workshop'], prog_name='qser-scorm')")
    ran = _run(code, COURSE_SRC, tmp_path / "dist")
    assert ran.returncode == 1
    assert "cannot make the workshop PDFs" in ran.stderr and "pip install 'qser-scorm[workshop]'" in ran.stderr
    assert "Traceback" not in ran.stderr and not (tmp_path / "dist").exists()


def test_a_plain_pip_install_carries_the_kit_templates_and_texts(installed_wheel, tmp_path):
    """The templates, stylesheet and text tables are package data: a wheel builds the same PDFs."""
    site = installed_wheel
    languages = REPO / "tests" / "workshop" / "courses"
    for source in (COURSE_SRC, languages / "el", languages / "es"):
        installed = subprocess.run([sys.executable, "-m", "qser_scorm", "build", source, "--out", tmp_path / "wheel",
                                    "--target", "workshop"], cwd=tmp_path, env={"PYTHONPATH": str(site)},
                                   capture_output=True, text=True)
        assert installed.returncode == 0, installed.stderr
        checkout = _run("import sys; from qser_scorm.pipeline import build; build(sys.argv[1], sys.argv[2], ('workshop',))",
                        source, tmp_path / "checkout")
        assert checkout.returncode == 0, checkout.stderr
    for pdf in (tmp_path / "checkout").iterdir():
        assert (tmp_path / "wheel" / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name
