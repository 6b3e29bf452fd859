"""Deterministic zip archives and atomic writes, shared by every packager.

The same files always give the same bytes: entries sorted by path, a fixed timestamp, fixed
permissions and one compression level. Designers diff builds and LMSs cache by checksum.
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

#: The earliest time a zip can store (MS-DOS epoch); any fixed value would do.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644  # a regular file, rw-r--r--


@dataclass(frozen=True)
class Artifact:
    """One file the build writes to the output folder."""

    name: str  #: file name inside the output folder, e.g. ``qser-becoming-a-mentor-scorm12.zip``
    data: bytes


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """Return a zip of ``files`` (path inside the zip -> content) with no wrapper folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so external_attr carries the mode on every platform
            info.external_attr = _FILE_MODE << 16
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()


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
