"""Read a package (zip, folder or in-memory files) safely into an :class:`Inventory`.

Nothing is ever extracted: entries are streamed in small chunks to verify them, only the
descriptors at the root (``imsmanifest.xml``, ``cmi5.xml``, ``tincan.xml``) are kept in memory,
the launch pages and what they load are read on demand (capped), and declared sizes are never trusted for allocation
(zipfile stops each entry at its declared size and checks the CRC). Limits refuse zip bombs
and oversized central directories before any decompression starts.
"""
from __future__ import annotations

import lzma
import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from qser_scorm.validate.findings import Finding, UnusableInput, finding, printable
from qser_scorm.vocab import MANIFEST

#: the files at the root that say what kind of package this is (kept in memory when present)
DESCRIPTORS = (MANIFEST, "cmi5.xml", "tincan.xml")

_CHUNK = 64 * 1024
_MIB = 2**20


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile package from exhausting time, memory or disk."""

    max_entries: int = 20_000
    max_total_bytes: int = 512 * _MIB  #: sum of uncompressed sizes
    max_ratio: int = 100  #: uncompressed/compressed, for entries above ratio_floor
    ratio_floor: int = 1 * _MIB
    max_manifest_bytes: int = 8 * _MIB  #: for each descriptor
    max_page_bytes: int = 4 * _MIB  #: launch pages, scripts and styles read for their references
    max_central_directory_bytes: int = 16 * _MIB


@dataclass
class Inventory:
    """What the manifest checks need to know about a package."""

    names: set[str] = field(default_factory=set)  #: safe regular-file entries, '/'-separated
    descriptors: dict[str, bytes] = field(default_factory=dict)  #: DESCRIPTORS present at the root
    findings: list[Finding] = field(default_factory=list)
    upload_bytes: int | None = None  #: size of the zip an admin uploads (None: not a zip)
    reader: Callable[[str], bytes | None] = lambda name: None  #: a file's bytes, None if absent or too big
    close: Callable[[], None] = lambda: None  #: releases the open zip, once the checks are done

    @property
    def manifest(self) -> bytes | None:
        return self.descriptors.get(MANIFEST)

    def read(self, name: str) -> bytes | None:
        """The bytes of a package file (at most Limits.max_page_bytes), or None."""
        return self.reader(name) if name in self.names else None


def unsafe_name_reason(name: str) -> str | None:
    """Why an entry name could escape the folder it is extracted to, or None if it is safe."""
    if not name:
        return "is empty"
    if "\\" in name:
        return "contains a backslash (a path separator on Windows)"
    if name.startswith("/"):
        return "is an absolute path"
    if re.match(r"[A-Za-z]:", name):
        return "starts with a drive letter"
    if ".." in name.split("/"):
        return "contains '..'"
    if "\x00" in name:
        return "contains a NUL character"
    return None


def _note_unsafe(name: str, inventory: Inventory) -> bool:
    reason = unsafe_name_reason(name)
    if reason:
        inventory.findings.append(finding(
            "QS001", f"entry name {printable(name)!r} {reason}; an LMS extracting it could write "
            "outside the package folder", printable(name),
            "rebuild the zip from a folder with relative paths and '/' separators only"))
    return reason is not None


def read_files(files: dict[str, bytes]) -> Inventory:
    """An inventory of an in-memory package (relative path -> bytes), e.g. a build's output."""
    kept: dict[str, bytes] = {}
    inventory = Inventory(reader=kept.get)
    for name, data in files.items():
        if _note_unsafe(name, inventory):
            continue
        name = posixpath.normpath(name)
        inventory.names.add(name)
        kept[name] = data
        if name in DESCRIPTORS:
            inventory.descriptors[name] = data
    return inventory


def read_path(path: str | os.PathLike, limits: Limits = Limits()) -> Inventory:
    """An inventory of a zip file or an unpacked package folder."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path, limits)
    if not path.is_file():
        raise UnusableInput(f"{printable(str(path))}: no such file or folder")
    return _read_zip(path, limits)


# --- zip ---------------------------------------------------------------------------------------

def _central_directory_size(path: Path) -> tuple[int, int]:
    """(entry count, central directory bytes) from the end record, before zipfile reads it all."""
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        tail_start = max(0, size - (22 + 65535))
        f.seek(tail_start)
        tail = f.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            raise UnusableInput(f"{printable(str(path))}: not a zip file (no end of central directory)")
        entries, cd_size = struct.unpack("<10xHI6x", tail[at:at + 22])
        locator = tail[at - 20:at] if at >= 20 else b""
        if locator.startswith(b"PK\x06\x07"):  # zip64: the real counts sit in the zip64 end record
            (record_at,) = struct.unpack("<8xQ4x", locator)
            f.seek(record_at)
            record = f.read(56)
            if len(record) == 56 and record.startswith(b"PK\x06\x06"):
                entries, cd_size = struct.unpack("<32xQQ8x", record)
        return entries, cd_size


def _read_zip(path: Path, limits: Limits) -> Inventory:
    label = printable(str(path))
    entries, cd_size = _central_directory_size(path)
    if entries > limits.max_entries or cd_size > limits.max_central_directory_bytes:
        raise UnusableInput(f"{label}: {entries} entries ({cd_size} bytes of directory), more than the "
                            f"limit of {limits.max_entries}; refused as a possible zip bomb")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, struct.error, OSError, EOFError, ValueError,
            NotImplementedError) as exc:  # ValueError includes UnicodeDecodeError (a name flagged UTF-8)
        raise UnusableInput(f"{label}: not a readable zip file ({exc})") from None
    entries: dict[str, zipfile.ZipInfo] = {}
    inventory = Inventory(upload_bytes=path.stat().st_size,
                          reader=lambda name: _read_zip_entry(archive, entries[name], limits.max_page_bytes),
                          close=archive.close)
    try:
        infos = archive.infolist()
        _refuse_bombs(label, infos, limits)
        for info in infos:
            name = _read_entry(archive, info, inventory, limits)
            if name:
                entries[name] = info
    except BaseException:
        archive.close()
        raise
    return inventory


def _read_zip_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """One entry's bytes, or None when it is bigger than cap (already verified by _read_entry)."""
    if info.file_size > cap:
        return None
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    return data if len(data) <= cap else None


def _refuse_bombs(label: str, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise UnusableInput(f"{label}: {len(infos)} entries, more than the limit of {limits.max_entries}")
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise UnusableInput(f"{label}: would expand to {total:,} bytes, more than the limit of "
                            f"{limits.max_total_bytes:,}; refused as a possible zip bomb")
    compressed = max(sum(info.compress_size for info in infos), 1)
    if total > 16 * limits.ratio_floor and total > limits.max_ratio * compressed:  # many small bombs
        raise UnusableInput(f"{label}: expands {total // compressed} times as a whole (limit {limits.max_ratio}); "
                            "refused as a possible zip bomb")
    for info in infos:
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnusableInput(
                f"{label}: entry {printable(info.filename)!r} expands {info.file_size // max(info.compress_size, 1)}"
                f" times (limit {limits.max_ratio}); refused as a possible zip bomb")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, inventory: Inventory, limits: Limits) -> str | None:
    """Verify one entry and add it to the inventory; return its normalised name, or None if left out."""
    name = info.orig_filename  # info.filename is cut at the first NUL, hiding it
    where = printable(name)
    if _note_unsafe(name, inventory):
        return None
    if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
        inventory.findings.append(finding(
            "QS002", f"entry {where!r} is a symbolic link; extracted, it can point anywhere on the LMS server",
            where, "replace the link with a copy of the file it points to"))
        return None
    if not name.isascii() and not info.flag_bits & 0x800:
        inventory.findings.append(finding(
            "QS005", f"entry name {where!r} is not ASCII and not marked as UTF-8; LMSs decode it "
            "differently (read here as code page 437), so links to it may break",
            where, "zip with a tool that writes UTF-8 names (Python's zipfile, 7-Zip, Info-ZIP 3)"))
    if info.is_dir():
        return None
    name = posixpath.normpath(name)  # "./index.html" and "a//b" extract as "index.html" and "a/b"
    if name in inventory.names:
        inventory.findings.append(finding(
            "QS004", f"entry {where!r} appears twice; which copy an LMS extracts is undefined",
            where, "rebuild the zip so that each path appears once"))
        return None
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        inventory.findings.append(finding(
            "QS006", f"entry {where!r} uses compression method {info.compress_type}; some LMSs extract "
            "only stored and deflate entries", where, "zip with deflate compression"))
    if info.flag_bits & 0x1:
        inventory.findings.append(finding(
            "QS003", f"entry {where!r} is encrypted; an LMS cannot extract it", where,
            "zip without a password"))
        return None
    keep = name in DESCRIPTORS
    try:
        data = _stream(archive, info, keep, limits)
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, struct.error, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError) as exc:
        inventory.findings.append(finding(
            "QS003", f"entry {where!r} cannot be extracted ({exc})", where, "rebuild the zip"))
        return None
    inventory.names.add(name)
    if keep:
        inventory.descriptors[name] = data
    return name


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool, limits: Limits) -> bytes | None:
    """Decompress one entry chunk by chunk (this also checks its CRC), keeping it only if asked."""
    kept, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if keep:
                if size > limits.max_manifest_bytes:
                    raise UnusableInput(f"{printable(info.filename)} is larger than {limits.max_manifest_bytes:,} bytes")
                kept.append(chunk)
    return b"".join(kept) if keep else None


# --- folder ------------------------------------------------------------------------------------

def _read_folder(root: Path, limits: Limits) -> Inventory:
    inventory, count, pending = Inventory(), 0, [""]
    inventory.reader = lambda name: _read_capped(root / name, limits.max_page_bytes, refuse=False)
    while pending:
        prefix = pending.pop()
        try:
            entries = list(os.scandir(root / prefix if prefix else root))
        except OSError as exc:
            raise UnusableInput(f"{printable(str(root / prefix))}: cannot be read ({exc.strerror})") from None
        for entry in entries:
            count += 1
            if count > limits.max_entries:
                raise UnusableInput(f"{printable(str(root))}: more than {limits.max_entries} files and folders")
            name = prefix + entry.name
            if _note_unsafe(name, inventory):
                continue
            _note_undecodable(name, inventory)
            if entry.is_symlink():
                inventory.findings.append(finding(
                    "QS002", f"{printable(name)!r} is a symbolic link; a zip of this folder would carry "
                    "the link or whatever it points to", printable(name),
                    "replace the link with a copy of the file it points to"))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(name + "/")
            elif entry.is_file(follow_symlinks=False):  # sockets, FIFOs and devices are ignored
                inventory.names.add(name)
    for name in DESCRIPTORS:
        if name in inventory.names:
            inventory.descriptors[name] = _read_capped(root / name, limits.max_manifest_bytes)
    return inventory


def _note_undecodable(name: str, inventory: Inventory) -> None:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        inventory.findings.append(finding(
            "QS005", f"file name {printable(name)!r} is not valid UTF-8; zipped, LMSs will read it differently",
            printable(name), "rename the file using UTF-8 (or plain ASCII) characters"))


def _read_capped(path: Path, cap: int, refuse: bool = True) -> bytes | None:
    """At most cap bytes of a file, never through a symbolic link; too big: refused, or None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        if refuse:
            raise
        return None
    with os.fdopen(descriptor, "rb") as f:
        data = f.read(cap + 1)
    if len(data) <= cap:
        return data
    if refuse:
        raise UnusableInput(f"{printable(path.name)} is larger than {cap:,} bytes")
    return None
