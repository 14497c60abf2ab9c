"""An event's poster: a picture file beside the data (`image: {src, alt}`), checked before
anything is built. Only a file in the data folder, never an address elsewhere (the site loads
nothing from another origin); PNG, JPEG or WebP as its first bytes say, not as its name
claims; at most MAX_BYTES, so a phone loads the page quickly; its size in pixels read from the
file, so the page reserves the room and nothing shifts while it loads."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from .checks import raw_items
from .yaml_positions import Document

MAX_BYTES = 1_000_000
MAX_SIDE = 6000
SUFFIXES = {"image/png": (".png",), "image/jpeg": (".jpg", ".jpeg"), "image/webp": (".webp",)}


@dataclass(frozen=True)
class Picture:
    """A checked picture file: where it is, its type, size in pixels and length in bytes."""

    path: Path
    media_type: str
    width: int
    height: int
    length: int


def _jpeg(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(data) and data[at] == 0xFF:
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a frame header
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def measure(data: bytes) -> tuple[str, int, int] | None:
    """Return (media type, width, height) of a PNG, JPEG or WebP file, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data.startswith(b"\xff\xd8"):
        size = _jpeg(data)
        return ("image/jpeg", *size) if size else None
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        size = _webp(data)
        return ("image/webp", *size) if size else None
    return None


def _picture(folder: Path, src: str) -> Picture | str:
    """Return the checked picture, or what is wrong with it (in Dutch)."""
    path = (folder / src).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return f"'{src}' staat niet in de map met gegevens; zet het bestand daar, naast de YAML"
    length = path.stat().st_size
    if length > MAX_BYTES:
        return (
            f"'{src}' is {length // 1000} kB; hoogstens {MAX_BYTES // 1000} kB, zodat de pagina "
            "op een telefoon snel laadt: maak het plaatje kleiner (1200 pixels breed is genoeg)"
        )
    with path.open("rb") as handle:
        found = measure(handle.read(65536))
    if found is None:
        return f"'{src}' is geen PNG-, JPEG- of WebP-afbeelding; sla het op als .jpg of .png"
    kind, width, height = found
    if path.suffix.lower() not in SUFFIXES[kind]:
        return f"'{src}' is een {kind.split('/')[1].upper()}-bestand; geef het die extensie"
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        return f"'{src}' is {width} bij {height} pixels; hoogstens {MAX_SIDE} per kant"
    return Picture(path, kind, width, height, length)


def check_pictures(document: Document, folder: Path) -> dict[str, Picture]:
    """Report every `image` whose file is missing or wrong; return the pictures by event id."""
    found: dict[str, Picture] = {}
    for index, item in raw_items(document):
        image = item.get("image")
        src = image.get("src") if isinstance(image, dict) else None
        if not isinstance(src, str) or not isinstance(item.get("id"), str):
            continue  # the model names what is missing
        picture = _picture(folder, src.strip())
        if isinstance(picture, str):
            document.problem((index, "image", "src"), picture)
        else:
            found[item["id"]] = picture
    return found
