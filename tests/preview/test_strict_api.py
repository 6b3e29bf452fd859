"""The preview's API and LMS profiles in node: validators and error codes table by table
(strict_api.test.mjs), what Moodle, Chamilo and the strict profile answer, keep and relaunch
(profiles.test.mjs)."""
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.mark.parametrize("tests", ["strict_api.test.mjs", "profiles.test.mjs"])
def test_node_unit_tests_pass(tests):
    node = shutil.which("node")
    assert node, "node is needed: scripts/test installs Debian's nodejs where the machine has none"
    result = subprocess.run([node, "--test", str(HERE / tests)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
