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
