"""Hostile zips, written byte by byte so that nothing big is ever held in memory."""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from tests.validate.packages import good_files

_CHUNK = bytes(2**20)


def write_zero_bomb(path: Path, size: int = 2**30, declared_size: int | None = None,
                    name: bytes = b"bomb.bin") -> Path:
    """A valid zip whose one deflated entry expands to ``size`` zero bytes (about 1 KB per MiB).

    Each MiB is a fully flushed deflate block, so one block is computed once and repeated.
    ``declared_size`` lets the headers lie about the uncompressed size.
    """
    assert size % len(_CHUNK) == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(_CHUNK)
    compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(_CHUNK) + compressor.flush(zlib.Z_FULL_FLUSH)  # same bytes every MiB
    end = compressor.flush()
    crc = 0
    for _ in range(size // len(_CHUNK)):
        crc = zlib.crc32(_CHUNK, crc)
    compressed = len(block) * (size // len(_CHUNK)) + len(end)
    declared = size if declared_size is None else declared_size
    with path.open("wb") as out:
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, compressed, declared, len(name), 0))
        out.write(name)
        for _ in range(size // len(_CHUNK)):
            out.write(block)
        out.write(end)
        directory_at = out.tell()
        out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 8, 0, 0x21, crc, compressed,
                              declared, len(name), 0, 0, 0, 0, 0o100644 << 16, 0))
        out.write(name)
        directory_size = out.tell() - directory_at
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, directory_size, directory_at, 0))
    return path


def write_many_entries(folder: Path, count: int = 10_000) -> Path:
    """The good package plus ``count`` empty files."""
    path = folder / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in good_files().items():
            archive.writestr(name, data)
        for i in range(count):
            archive.writestr(f"f/{i}.txt", b"")
    return path


#: A whole process that validates argv[1] and prints JSON: seconds (wall and CPU), outcome, peak memory. Peak
#: memory is VmHWM: getrusage's ru_maxrss would include the process that forked this one.
VALIDATE_PROBE = """import json, re, sys, time
from qser_scorm.validate import UnusableInput, validate_path
started, cpu = time.monotonic(), time.process_time()
try:
    outcome = f"{len(validate_path(sys.argv[1]))} findings"
except UnusableInput as exc:
    outcome = "refused: " + exc.message
peak_kib = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print(json.dumps({"seconds": time.monotonic() - started, "cpu_seconds": time.process_time() - cpu,
                  "outcome": outcome, "max_rss_mib": peak_kib / 1024}))
"""
