"""The benchmark scripts and the scripts that make the pictures in docs/ still load: their figures
and screenshots go into every closing note, so a renamed helper must not break them unnoticed.
(They are run by hand, never timed in tests.)"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
#: Load a script without running it (each guards its work with `if __name__ == "__main__"`).
LOAD = "import runpy, sys; assert callable(runpy.run_path(sys.argv[1], run_name='check')['main'])"


@pytest.mark.parametrize("script", sorted(str(p.relative_to(REPO)) for p in [*BENCH.glob("*.py"),
                                                                            *(REPO / "scripts").glob("*.py")]))
def test_script_loads(script):
    loaded = subprocess.run([sys.executable, "-c", LOAD, str(REPO / script)], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
