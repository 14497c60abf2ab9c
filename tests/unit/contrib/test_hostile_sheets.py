"""Hostile spreadsheets (issue #39, point 9): each of these crashed `mbo-alumni import`,
dropped a value silently, or was refused with a byte offset instead of a row and column.
Each is now refused by its own row and column, in Dutch, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ASSOCIATIONS, EVENTS, cli, write_tree

HEADER = "name,id,institution,city,province,founded\n"
ROW = "Bee Alumni,bee,Testcollege,Utrecht,Utrecht,{founded}\n"


def _import(tmp_path: Path, content: bytes) -> tuple[int, str, dict[str, bytes], Path]:
    data = write_tree(tmp_path / "data", {"associations.yaml": ASSOCIATIONS,
                                          "events.yaml": EVENTS})  # fmt: skip
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    sheet = tmp_path / "nieuw.csv"
    sheet.write_bytes(content)
    result = cli("import", "--data", str(data), "--associations", str(sheet))
    assert "Traceback" not in result.stdout + result.stderr
    after = {p.name: p.read_bytes() for p in data.iterdir()}
    assert result.returncode == 0 or after == before  # nothing half-written
    return result.returncode, result.stdout + result.stderr, after, sheet


@pytest.mark.parametrize("founded", ["2015²", "①"])
def test_a_number_with_a_digit_int_refuses_is_named(tmp_path: Path, founded: str) -> None:
    code, said, _, sheet = _import(tmp_path, (HEADER + ROW.format(founded=founded)).encode())
    assert code == 1 and f"{sheet}:2:6:" in said and "heel getal" in said


def test_an_extra_cell_is_not_dropped_silently(tmp_path: Path) -> None:
    row = "Bee Alumni,bee,Testcollege,Utrecht,Utrecht,2015,Zorg, welzijn en sport\n"
    code, said, _, sheet = _import(tmp_path, (HEADER + row).encode())
    assert code == 1 and f"{sheet}:2:7:" in said and "voorbij de laatste kolom" in said


def test_a_huge_cell_is_refused_by_its_row(tmp_path: Path) -> None:
    header = "name,id,institution,city,province,description\n"
    row = f'Bee Alumni,bee,Testcollege,Utrecht,Utrecht,"{"x" * 200_000}"\n'
    code, said, _, sheet = _import(tmp_path, (header + row).encode())
    assert code == 1 and f"{sheet}:2:" in said


def test_a_sheet_larger_than_a_data_file_is_refused_by_name_at_once(tmp_path: Path) -> None:
    content = (HEADER + ROW.format(founded="2015") * 120_000).encode()  # about 6 MB
    code, said, _, sheet = _import(tmp_path, content)
    assert code == 2 and str(sheet) in said and "hoogstens 5 MB" in said
    assert "associations.yaml" not in said


def test_windows_1252_is_named_by_row_and_column(tmp_path: Path) -> None:
    rows = "Bee Alumni,bee,Testcollege,Zaanstad,Noord-Holland,2015\n"
    rows += "Caf\u00e9 Alumni,cafe,Testcollege,Utrecht,Utrecht,2016\n"
    content = (HEADER + rows).encode("cp1252")
    code, said, _, sheet = _import(tmp_path, content)
    assert code == 2 and f"{sheet}:3:4:" in said and "CSV UTF-8" in said


def test_excels_unicode_text_is_read(tmp_path: Path) -> None:
    text = (HEADER + ROW.format(founded="2015")).replace(",", "\t")
    code, said, after, _ = _import(tmp_path, text.encode("utf-16"))
    assert code == 0, said
    assert b"- id: bee\n" in after["associations.yaml"]
