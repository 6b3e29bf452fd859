"""Benchmark the test suite: wall time, and CPU time of every process it starts (pytest and its
workers, Chromium and its renderers, Playwright's node, Ralph, the builds), and the slowest
tests. The CPU figure is the one to compare on a shared machine, where wall time is noise.
Prints figures; asserts nothing.

    python bench/suite_bench.py                        the suite as scripts/test runs it
    python bench/suite_bench.py -- -n 0 tests/browser  other pytest arguments
"""
from __future__ import annotations

import argparse
import ctypes
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: scripts/test's pytest arguments, its environment and its fuzz count.
SCRIPTS_TEST_ARGS = ["-n", "auto", "--dist", "loadgroup", "tests/"]
ENV = {"QSER_REQUIRE_BROWSER": "1", "QSER_REQUIRE_LRS": "1", "QSER_FUZZ_EXAMPLES": "300"}
#: prctl(2): orphaned descendants (Chromium's renderers leave their parent) become our children,
#: so their CPU time reaches RUSAGE_CHILDREN when we wait for them.
PR_SET_CHILD_SUBREAPER = 36


def run_suite(pytest_args: list[str], durations: int) -> tuple[int, float, float]:
    """Run pytest from the repository; return its exit code, wall seconds, CPU seconds."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    env = {**os.environ, **ENV, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    pytest = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               f"--durations={durations}", *pytest_args], cwd=REPO, env=env)
    code = pytest.wait()
    wall = time.perf_counter() - start
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # reap the orphans, each as it ends
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                time.sleep(0.1)
        except ChildProcessError:
            break
    else:
        print("some processes the tests started were still running 30 s after pytest ended", file=sys.stderr)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return code, wall, used.ru_utime + used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--durations", type=int, default=25, help="how many of the slowest tests to list")
    parser.add_argument("pytest_args", nargs="*", help="pytest arguments after --; default: scripts/test's")
    args = parser.parse_args()
    code, wall, cpu = run_suite(args.pytest_args or SCRIPTS_TEST_ARGS, args.durations)
    load = os.getloadavg()[2]
    print(f"\nsuite: exit {code}, wall {wall:.0f} s, CPU {cpu:.0f} s (every process), "
          f"{os.cpu_count()} cores, load average over 15 min {load:.1f}")


if __name__ == "__main__":
    main()
