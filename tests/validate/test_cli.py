"""The command's options: the shipped XSDs by default, --no-schemas, --schemas DIR, --lms."""
from __future__ import annotations

import json

from click.testing import CliRunner

from qser_scorm.commands.validate import validate_command
from tests.conftest import SCHEMAS
from tests.validate.packages import broken, good_files, write_folder
from tests.validate.test_checks import MISSPELT_LOM


def run(*args):
    return CliRunner().invoke(validate_command, [str(a) for a in args], catch_exceptions=False)


def test_the_xsd_only_fault_is_reported_by_default_and_skipped_with_no_schemas(tmp_path):
    package = write_folder(tmp_path / "p", broken("</metadata>", MISSPELT_LOM))
    default = json.loads(run(package, "--json").output)
    assert [f["code"] for f in default["findings"]] == ["QS401"] and default["errors"] == 0
    assert json.loads(run(package, "--json", "--schemas", SCHEMAS).output) == default
    assert json.loads(run(package, "--json", "--no-schemas").output)["findings"] == []
    strict = run(package, "--lms", "strict")
    assert strict.exit_code == 1 and "error QS401" in strict.output


def test_contradictory_options_are_a_usage_error(tmp_path):
    package = write_folder(tmp_path / "p", good_files())
    result = run(package, "--schemas", SCHEMAS, "--no-schemas")
    assert result.exit_code == 2 and "exclude each other" in result.output
    assert run(package, "--lms", "blackboard").exit_code == 2
