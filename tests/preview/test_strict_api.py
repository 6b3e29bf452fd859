"""The strict API's validators and error codes, table-driven, run in node (strict_api.test.mjs)."""
import shutil
import subprocess
from pathlib import Path

TESTS = Path(__file__).with_name("strict_api.test.mjs")


def test_strict_api_unit_tests_pass_in_node():
    node = shutil.which("node")
    assert node, "node (20+) is needed: scripts/test installs it with npm"
    result = subprocess.run([node, "--test", str(TESTS)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
