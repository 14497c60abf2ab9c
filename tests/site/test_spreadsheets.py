"""The open data as spreadsheets: the CSV export read by Python's csv module and by
LibreOffice (headless), and the CSV import of a coordinator's spreadsheet, round trip included."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import get_origin
from xml.etree import ElementTree

import pytest
import yaml
from pydantic import BaseModel

from conftest import MKDOCS_YML, ROOT, built_mini_site, cli, mini_project, mkdocs_build, write_tree
from mbo_alumni.source.columns import ASSOCIATION_COLUMNS, EVENT_COLUMNS, NO_COLUMN
from mbo_alumni.source.model import Association, Event

ASSOCIATIONS = """\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: "'s-Hertogenbosch"
  province: Noord-Brabant
  founded: 2015
  sectors: ["Zorg, welzijn en sport", "Techniek; ICT", 'Horeca "en" toerisme']
  socials: {linkedin: "https://www.linkedin.com/company/a-academy"}
  contact: {name: Sam de Vries, role: voorzitter, email: sam@kw1c.example.org, consent: true}
- id: friese-oud-studenten
  name: Friese oud-studenten
  institution: Friesland College
  city: Leeuwarden
  province: Fryslân
  description: |-
    "Één" vereniging voor alle oud-studenten; ook de café-avond.
    =SUM(A1:A3) hoort hier gewoon als tekst.
"""

EVENTS = """\
- id: voorjaar
  title: Voorjaarsbijeenkomst in Leeuwarden — één avond
  start: 2027-03-30 19:30
  end: 2027-03-30 21:00
  organizer: [a-academy, friese-oud-studenten]
  location: {name: Aula, address: Sixmastraat 2, city: Leeuwarden}
- id: maandborrel
  title: Maandborrel
  start: 2027-01-05 19:30
  end: 2027-01-05 21:30
  organizer: a-academy
  location: {online: true, url: "https://meet.example.org/borrel"}
  repeat: {every: month, weekday: tuesday, week: 1, count: 6}
  except: [2027-05-04]
  cancelled: [2027-03-02]
  moved: [{date: 2027-02-02, start: 2027-02-03 19:30, end: 2027-02-03 21:30}]
  changes: [{from: 2027-04-06, start: "20:00", location: {name: Het Anker, city: Breda}}]
- id: zomer
  title: Zomerdag
  start: 2027-07-03
  end: 2027-07-04
  host: Stichting Gastvrij
  location: {name: "+Plus Aula", city: Leeuwarden}
  status: tentative
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"data/associations.yaml": ASSOCIATIONS, "data/events.yaml": EVENTS}
    return built_mini_site(tmp_path_factory.mktemp("sheets"), files)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.mark.parametrize(("name", "key"), [("associations", "associations"), ("events", "events")])
def test_csv_has_the_json_ids_in_the_json_order(site: Path, name: str, key: str) -> None:
    table = rows(site / "api" / f"{name}.csv")
    document = json.loads((site / "api" / f"{name}.json").read_text(encoding="utf-8"))
    assert [row["id"] for row in table] == [record["id"] for record in document[key]]
    raw = (site / "api" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its byte order mark
    assert raw.count(b"\r\n") >= len(table) + 1  # RFC 4180 line ends


def test_csv_cells_are_the_data(site: Path) -> None:
    associations = {row["id"]: row for row in rows(site / "api" / "associations.csv")}
    a = associations["a-academy"]
    assert a["city"] == "'s-Hertogenbosch" and a["founded"] == "2015"
    # an item with a comma or a quote is quoted, so every value comes back whole on import
    assert a["sectors"] == '"Zorg, welzijn en sport", Techniek; ICT, "Horeca ""en"" toerisme"'
    assert a["socials.linkedin"] == "https://www.linkedin.com/company/a-academy"
    assert a["contact.name"] == "Sam de Vries" and a["contact.consent"] == "ja"
    assert a["page"] == "https://alumni.test/verenigingen/a-academy/"
    friese = associations["friese-oud-studenten"]
    assert friese["province"] == "Fryslân"
    assert (
        friese["description"].startswith('"Één" vereniging') and "\n=SUM" in friese["description"]
    )
    events = {row["id"]: row for row in rows(site / "api" / "events.csv")}
    # local times and days: what spreadsheets read as dates (the JSON has the offsets)
    assert events["voorjaar"]["start"] == "2027-03-30 19:30"
    assert events["voorjaar"]["all_day"] == "nee" and events["zomer"]["all_day"] == "ja"
    assert events["voorjaar"]["organizer"] == "a-academy, friese-oud-studenten"
    assert events["voorjaar"]["title"] == "Voorjaarsbijeenkomst in Leeuwarden — één avond"
    borrel = events["maandborrel"]
    assert borrel["start"] == "2027-01-05 19:30"
    assert (borrel["repeat.every"], borrel["repeat.week"], borrel["repeat.count"]) == (
        "month", "1", "6"
    )  # fmt: skip
    assert borrel["except"] == "2027-05-04" and borrel["cancelled"] == "2027-03-02"
    assert borrel["location.online"] == "ja" and borrel["location.url"].startswith("https://")
    assert events["zomer"]["end"] == "2027-07-04" and events["zomer"]["status"] == "tentative"
    assert (
        events["zomer"]["uid"]
        == json.loads((site / "api" / "events.json").read_text(encoding="utf-8"))["events"][-1][
            "uid"
        ]
    )


def test_a_text_that_looks_like_a_formula_stays_text() -> None:
    from mbo_alumni.source.columns import Column, cell, unformula

    assert cell('=HYPERLINK("https://evil.example")', Column("title")) == (
        '\'=HYPERLINK("https://evil.example")'
    )
    assert unformula("'=1+1") == "=1+1" and unformula("'s-Hertogenbosch") == "'s-Hertogenbosch"
    assert cell(-1, Column("repeat.week", "number")) == "-1"  # a number is not guarded


def test_every_field_of_the_data_has_a_column() -> None:
    def keys(model: type[Association] | type[Event]) -> set[str]:
        found = set()
        for name, field in model.model_fields.items():
            key = field.alias or name
            inner = field.annotation
            options = getattr(inner, "__args__", (inner,))
            nested = [t for t in options if isinstance(t, type) and issubclass(t, BaseModel)]
            if get_origin(inner) is list:  # a list of records (moved, changes): one column
                nested = []
            if nested and key not in NO_COLUMN:
                found |= {f"{key}.{sub}" for sub in nested[0].model_fields}
            elif key not in NO_COLUMN:
                found.add(key)
        return found

    assert keys(Association) == {c.header for c in ASSOCIATION_COLUMNS if not c.site}
    assert keys(Event) == {c.header for c in EVENT_COLUMNS if not c.site}


def test_open_data_page_names_every_column() -> None:
    text = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    for column in (*ASSOCIATION_COLUMNS, *EVENT_COLUMNS):
        assert f"`{column.header}`" in text, column.header


# --- LibreOffice -------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is installed by make test"
)
# semicolon, double quote, UTF-8, from row 1, standard columns, Dutch (LibreOffice's codes)
CSV_FILTER = "59,34,76,1,,1043"


def office(source: Path, target: str, out: Path, *options: str) -> Path:
    assert SOFFICE is not None, "make test installs LibreOffice (libreoffice-calc-nogui)"
    profile = out / "profile"
    result = subprocess.run(
        [
            SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", *options,
            "--convert-to", target, "--outdir", str(out), str(source),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    made = out / (source.stem + "." + target.split(":")[0])
    assert made.is_file(), result.stdout + result.stderr
    return made


@needs_office
def test_libreoffice_opens_the_csv_with_dutch_characters_intact(site: Path, tmp_path: Path) -> None:
    book = office(
        site / "api" / "associations.csv", "xlsx", tmp_path, f"--infilter=CSV:{CSV_FILTER}"
    )
    with zipfile.ZipFile(book) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode("utf-8")
    for text in ("Fryslân", "'s-Hertogenbosch", "Één", "café-avond", "=SUM(A1:A3)"):
        assert text.replace("'", "&apos;") in strings or text in strings, text


def sheet_cells(book: Path) -> list[list[tuple[str, str]]]:
    """Return each row of a flat OpenDocument sheet as (value type, value) per cell."""
    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    office_ns, table_ns = (f"{{{ns[key]}}}" for key in ("office", "table"))
    found = []
    for row in ElementTree.parse(book).iter(f"{table_ns}table-row"):
        cells: list[tuple[str, str]] = []
        for cell in row.findall("table:table-cell", ns):
            kind = cell.get(f"{office_ns}value-type", "")
            shown = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", ns))
            value = cell.get(f"{office_ns}date-value") or shown
            cells += [(kind, value)] * int(cell.get(f"{table_ns}number-columns-repeated", "1"))
        found.append(cells)
    return found


@needs_office
def test_libreoffice_in_dutch_reads_days_and_times_as_dates(site: Path, tmp_path: Path) -> None:
    book = office(site / "api" / "events.csv", "fods", tmp_path, f"--infilter=CSV:{CSV_FILTER}")
    header, *table = sheet_cells(book)
    column = {value: number for number, (_, value) in enumerate(header)}
    by_id = {row[column["id"]][1]: row for row in table if row and row[0][1]}
    assert set(by_id) == {"voorjaar", "maandborrel", "zomer"}
    for row in by_id.values():  # timed and all-day alike: sortable and filterable by date
        assert row[column["start"]][0] == "date", row[column["start"]]
        assert row[column["end"]][0] == "date", row[column["end"]]
    assert by_id["voorjaar"][column["start"]] == ("date", "2027-03-30T19:30:00")
    assert by_id["zomer"][column["start"]] == ("date", "2027-07-03")
    # The formula guard's apostrophe is shown (as /open-data/ says): the text is not a formula.
    assert by_id["zomer"][column["location.name"]] == ("string", "'+Plus Aula")
    assert "zie je dat teken" in (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")


@needs_office
def test_round_trip_through_libreoffice_into_an_empty_data_folder(
    site: Path, tmp_path: Path
) -> None:
    saved = {}
    for name in ("associations", "events"):
        folder = tmp_path / name
        folder.mkdir()
        made = office(
            site / "api" / f"{name}.csv",
            f"csv:Text - txt - csv (StarCalc):{CSV_FILTER}",
            folder,
            f"--infilter=CSV:{CSV_FILTER}",
        )
        saved[name] = made
    data = tmp_path / "data"
    write_tree(data, {"themes.yaml": "[]\n"})
    result = cli(
        "import", "--data", str(data),
        "--associations", str(saved["associations"]), "--events", str(saved["events"]),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 verenigingen toegevoegd" in result.stdout
    rebuilt = mini_project(tmp_path / "again")(
        {
            "mkdocs.yml": MKDOCS_YML,
            "data/associations.yaml": (data / "associations.yaml").read_text(encoding="utf-8"),
            "data/events.yaml": (data / "events.yaml").read_text(encoding="utf-8"),
        }
    )
    built = mkdocs_build(rebuilt)
    assert built.returncode == 0, built.stderr
    for name in ("associations", "events"):
        before = json.loads((site / "api" / f"{name}.json").read_text(encoding="utf-8"))
        after = json.loads((rebuilt / "site" / "api" / f"{name}.json").read_text(encoding="utf-8"))
        # The same entries; `announced` and `checked` were not set, so nothing else differs.
        assert after[name] == before[name]


def test_import_reads_times_as_spreadsheets_save_them(tmp_path: Path) -> None:
    """Excel with Dutch settings saves a date cell as '30-3-2027 19:30', LibreOffice as
    '2027-03-30 19:30:00'; the export before wrote the offset. Each is the same evening."""
    data = write_tree(tmp_path / "data", {"associations.yaml": ASSOCIATIONS, "themes.yaml": "[]\n"})
    sheet = tmp_path / "bijeenkomsten.csv"
    sheet.write_text(
        "id;title;start;end;organizer;location.city\r\n"
        "excel;Excel;30-3-2027 19:30;30-3-2027 21:00;a-academy;Tilburg\r\n"
        "calc;Calc;2027-03-30 19:30:00;2027-03-30 21:00:00;a-academy;Tilburg\r\n"
        "json;JSON;2027-03-30T19:30:00+02:00;2027-03-30T21:00:00+02:00;a-academy;Tilburg\r\n",
        encoding="utf-8",
    )
    result = cli("import", "--data", str(data), "--events", str(sheet))
    assert result.returncode == 0, result.stdout + result.stderr
    entries = yaml.safe_load((data / "events.yaml").read_text(encoding="utf-8"))
    assert {e["id"]: (str(e["start"]), str(e["end"])) for e in entries} == dict.fromkeys(
        ("excel", "calc", "json"), ("2027-03-30 19:30", "2027-03-30 21:00")
    )


# --- the import's messages ---------------------------------------------------------------------

BAD_SHEET = (
    "id;name;institution;city;province\r\n"
    "nieuw-een;Nieuw Een;Testcollege;Zwolle;Overijsel\r\n"
    "a-academy;Dubbel;Testcollege;Tilburg;Noord-Brabant\r\n"
)
BAD_EVENTS = "id,title,start,organizer\r\nfeest,Feest,2027-02-30 19:30,a-academy\r\n"


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    data = write_tree(tmp_path / "data", {"associations.yaml": ASSOCIATIONS, "events.yaml": EVENTS})
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    sheet = tmp_path / "nieuw.csv"
    sheet.write_text("\ufeff" + BAD_SHEET, encoding="utf-8")  # as Excel saves it
    events = tmp_path / "bijeenkomsten.csv"
    events.write_text(BAD_EVENTS, encoding="utf-8")  # as LibreOffice saves it: commas
    result = cli(
        "import", "--data", str(data), "--associations", str(sheet), "--events", str(events)
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 3, result.stdout
    assert errors[0].startswith(f"{events}:2:3: error: 'start': ") and "bestaat niet" in errors[0]
    assert errors[1].startswith(f"{sheet}:2:5: error: 'province': ")
    assert "Overijssel" in errors[1]  # the validator's "bedoel je ...?"
    assert errors[2].startswith(f"{sheet}:3:1: error: ") and "al in gebruik" in errors[2]
    assert "niets veranderd" in result.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_new_entries_go_in_id_order(tmp_path: Path) -> None:
    data = write_tree(tmp_path / "data", {"associations.yaml": ASSOCIATIONS, "events.yaml": EVENTS})
    sheet = tmp_path / "nieuw.csv"
    sheet.write_text(
        "name,id,institution,city,province,sectors\n"
        'Zwolse alumni,zwolle-alumni,Deltion College,Zwolle,Overijssel,"Zorg, ICT"\n'
        "Bossche alumni,b-alumni,Koning Willem I College,'s-Hertogenbosch,Noord-Brabant,\n",
        encoding="utf-8",
    )
    result = cli("import", "--data", str(data), "--associations", str(sheet))
    assert result.returncode == 0, result.stdout + result.stderr
    entries = yaml.safe_load((data / "associations.yaml").read_text(encoding="utf-8"))
    assert [e["id"] for e in entries] == [
        "a-academy", "b-alumni", "friese-oud-studenten", "zwolle-alumni"
    ]  # fmt: skip
    assert entries[-1]["sectors"] == ["Zorg", "ICT"]
    assert list(entries[-1]) == ["id", "name", "institution", "city", "province", "sectors"]
    assert cli("validate", "--data", str(data)).returncode == 0


def test_unreadable_and_unknown_columns(tmp_path: Path) -> None:
    data = write_tree(tmp_path / "data", {"associations.yaml": ASSOCIATIONS, "events.yaml": EVENTS})
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id;name\nfriesland;Fryslân\n".encode("cp1252"))
    result = cli("import", "--data", str(data), "--associations", str(latin))
    assert result.returncode == 2 and "UTF-8" in result.stderr
    typo = tmp_path / "typo.csv"
    typo.write_text("id;naam\nx;y\n", encoding="utf-8")
    result = cli("import", "--data", str(data), "--associations", str(typo))
    assert result.returncode == 1
    assert f"{typo}:1:2: error: onbekende kolom 'naam'; bedoel je 'name'?" in result.stdout
    assert cli("import", "--data", str(data)).returncode == 2
