"""Generated bad input (hypothesis). QSER_FUZZ_EXAMPLES sets how many examples each test tries:
100 by default, so the fast slice stays fast; scripts/test (CI) runs 300."""
import os

EXAMPLES = int(os.environ.get("QSER_FUZZ_EXAMPLES", "100"))
