"""Reading a coordinator's CSV file as spreadsheets save it: the encodings (UTF-8 with or
without a byte order mark, Excel's UTF-16 "Unicode-tekst"; Windows-1252 refused by row and
column), the separators, and the rows that cannot be read as a whole."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import Problem, UnreadableInput

MAX_SHEET = 5 * 1024 * 1024  # a data file's own limit: more cannot be imported anyway
MAX_CELL = 64 * 1024  # more than any field may hold (a description: 5,000 characters)


def sheet_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_SHEET:
            raise UnreadableInput(
                f"{path}: het bestand is {size / 1024 / 1024:.0f} MB; een import is hoogstens "
                f"{MAX_SHEET // 1024 // 1024} MB (zoveel kan een gegevensbestand aan): splits het"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(f"{path}: kan het bestand niet lezen ({error.strerror})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-tekst": UTF-16
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass  # named below, as any other encoding
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = raw.rfind(b"\n", 0, error.start) + 1
        row = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[start : error.start].decode("utf-8", "replace")) + 1
        raise UnreadableInput(
            f"{path}:{row}:{column}: het bestand is geen UTF-8 (waarschijnlijk Windows-1252, "
            "Excels gewone 'CSV'); sla het op als 'CSV UTF-8' (Excel) of kies bij 'Tekenset' "
            "Unicode (UTF-8) (LibreOffice)"
        ) from None


def delimiter(first_line: str) -> str:
    """Semicolons (Excel with Dutch settings), tabs (Excel's Unicode text) or commas
    (LibreOffice's default, RFC 4180)."""
    counts = {";": first_line.count(";"), "\t": first_line.count("\t"), ",": first_line.count(",")}
    return max(counts, key=lambda mark: (counts[mark], mark == ","))


def row_problem(path: Path, number: int, cells: list[str], columns: int) -> Problem | None:
    """Return what makes a row unusable as a whole: a cell past the last column (a separator
    in a text without quotes: a value would shift silently), or a cell far too large."""
    extra = next((i for i, c in enumerate(cells) if i >= columns and c.strip()), None)
    if extra is not None:
        return Problem(
            str(path), number, extra + 1,
            f"deze rij heeft een cel voorbij de laatste kolom ({columns}); staat er een "
            "scheidingsteken (; of ,) in een tekst zonder aanhalingstekens eromheen?",
        )  # fmt: skip
    big = next((i for i, c in enumerate(cells) if len(c) > MAX_CELL), None)
    if big is not None:
        return Problem(
            str(path), number, big + 1, f"deze cel is te groot (hoogstens {MAX_CELL // 1024} KB)"
        )
    return None
