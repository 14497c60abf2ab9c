"""An event's poster (`image: {src, alt}`, issue #40): a picture file beside the data, checked
for where it is, its type and its size, shown on the event's page with its text alternative
and its size in pixels, named in the JSON-LD and carried by the news feeds as an enclosure.
Never from another origin."""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

import feedparser
import pytest

from conftest import ASSOCIATIONS, MKDOCS_YML, cli, mkdocs_build, write_tree

pytestmark = pytest.mark.slow


def png(width: int, height: int) -> bytes:
    """A real PNG of one colour, as any program writes one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))  # fmt: skip


def jpeg(width: int, height: int) -> bytes:
    """The first bytes of a JPEG: its start, and a frame header with its size."""
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + frame
        + b"\xff\xd9"
    )


def site(tmp_path: Path, image: str, files: dict[str, bytes]) -> Path:
    events = (
        "- id: borrel\n  title: Borrel\n  start: 2027-05-01\n  organizer: a-academy\n"
        f"  image: {image}\n"
    )
    root = write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                                 "data/associations.yaml": ASSOCIATIONS,
                                 "data/events.yaml": events})  # fmt: skip
    for name, content in files.items():
        (root / "data" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "data" / name).write_bytes(content)
    return root


def test_the_poster_on_the_page_in_the_json_ld_and_in_the_feeds(tmp_path: Path) -> None:
    picture = png(120, 80)
    root = site(tmp_path, "{src: afbeeldingen/affiche.png, alt: Affiche met een glas}",
                {"afbeeldingen/affiche.png": picture})  # fmt: skip
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    served = root / "site" / "agenda" / "borrel" / "affiche.png"
    assert served.read_bytes() == picture
    page = (root / "site" / "agenda" / "borrel" / "index.html").read_text(encoding="utf-8")
    img = re.search(r"<img [^>]*>", page)
    assert img is not None
    for attribute in ('src="affiche.png"', 'alt="Affiche met een glas"', 'width="120"',
                      'height="80"'):  # fmt: skip
        assert attribute in img.group(0), img.group(0)
    ld = json.loads(re.search(r'application/ld\+json">\s*(.*?)\s*</script>', page, re.S)[1])  # type: ignore[index]
    assert ld["image"] == "https://alumni.test/agenda/borrel/affiche.png"
    for name in ("agenda.rss.xml", "agenda.atom.xml"):
        (entry,) = feedparser.parse((root / "site" / name).read_bytes()).entries
        (enclosure,) = entry.enclosures
        assert enclosure["href"] == "https://alumni.test/agenda/borrel/affiche.png"
        assert enclosure["type"] == "image/png" and int(enclosure["length"]) == len(picture)


@pytest.mark.parametrize(
    ("image", "files", "said"),
    [
        ("{src: 'https://cdn.example/a.png', alt: Affiche}", {}, "laadt niets van andere sites"),
        ("{src: ../geheim.png, alt: Affiche}", {}, "geen bestand in de map met gegevens"),
        ("{src: weg.png, alt: Affiche}", {}, "staat niet in de map met gegevens"),
        (
            "{src: groot.png, alt: Affiche}",
            {"groot.png": png(10, 10) + b"\0" * 1_000_001},
            "hoogstens 1000 kB",
        ),
        ("{src: foto.png, alt: Affiche}", {"foto.png": jpeg(40, 30)}, "JPEG-bestand"),
        ("{src: tekst.png, alt: Affiche}", {"tekst.png": b"geen plaatje"}, "geen PNG-, JPEG-"),
        ("{src: foto.jpg}", {"foto.jpg": jpeg(40, 30)}, "alt"),
    ],
)
def test_a_poster_that_is_not_right_is_refused_on_its_line(
    tmp_path: Path, image: str, files: dict[str, bytes], said: str
) -> None:
    root = site(tmp_path, image, files)
    result = cli("validate", "--data", str(root / "data"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"events\.yaml:5:\d+: error: .*" + re.escape(said), result.stdout), (
        result.stdout
    )


def test_a_jpeg_poster_is_measured(tmp_path: Path) -> None:
    root = site(tmp_path, "{src: foto.jpg, alt: Foto van de zaal}", {"foto.jpg": jpeg(640, 427)})
    assert cli("validate", "--data", str(root / "data")).returncode == 0
    from mbo_alumni.source.load import load

    (picture,) = load(root / "data").pictures.values()
    assert (picture.media_type, picture.width, picture.height) == ("image/jpeg", 640, 427)
