"""Deterministic zip archives, shared by every packager.

The same files always give the same bytes: entries sorted by path, a fixed timestamp, fixed
permissions and one compression level. Designers diff builds and LMSs cache by checksum.
"""
from __future__ import annotations

import io
import zipfile

#: The earliest time a zip can store (MS-DOS epoch); any fixed value would do.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644  # a regular file, rw-r--r--


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
