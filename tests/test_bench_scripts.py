"""The benchmark scripts still load: their figures go into every closing note, so a renamed helper
must not break them unnoticed. (They are run by hand, never timed in tests.)"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
#: Load a script without running it (each guards its work with `if __name__ == "__main__"`).
LOAD = "import runpy, sys; assert callable(runpy.run_path(sys.argv[1], run_name='check')['main'])"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py")))
def test_benchmark_script_loads(script):
    loaded = subprocess.run([sys.executable, "-c", LOAD, str(BENCH / script)], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
