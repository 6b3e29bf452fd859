"""The write stage: put the build's files into the output folder, all or nothing.

Every file is written to a temporary name in the folder and renamed once all are complete, so
an interrupted or failed run never leaves a half-written package or report.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Artifact:
    """One file the build writes to the output folder."""

    name: str  #: file name inside the output folder, e.g. ``qser-becoming-a-mentor-scorm12.zip``
    data: bytes


def write_artifacts(out_dir: Path, artifacts: list[Artifact], mode: int = 0o644) -> list[Path]:
    """Write every artifact into ``out_dir`` atomically; return the paths written.

    All files are first written to temporary names in ``out_dir`` and only then renamed, so an
    interrupted or failed build leaves the folder as it was: never a half-written zip.
    ``mode``: 0o600 for files with personal data (reports).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for artifact in artifacts:
            handle, temp_name = tempfile.mkstemp(prefix=f".{artifact.name}.", suffix=".part", dir=out_dir)
            staged.append((temp_name, out_dir / artifact.name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(artifact.data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp_name, mode)
        for temp_name, final in staged:
            os.replace(temp_name, final)
    finally:
        for temp_name, _ in staged:
            if os.path.exists(temp_name):
                os.unlink(temp_name)
    return [final for _, final in staged]
