"""The runtime's pure modules (quiz scoring, records, state encoding, response formatting) under
node's own test runner (tests/js/*.test.mjs), with the contract the build writes."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from qser_scorm.contract import contract_script

TESTS = sorted(str(path) for path in (Path(__file__).parent / "js").glob("*.test.mjs"))


def test_the_runtime_unit_tests_pass_in_node(tmp_path):
    node = shutil.which("node")
    assert node, "node is needed: scripts/test installs Debian's nodejs where the machine has none"
    contract = tmp_path / "contract.js"
    contract.write_bytes(contract_script())
    result = subprocess.run([node, "--test", *TESTS], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QSER_CONTRACT": str(contract)})
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
