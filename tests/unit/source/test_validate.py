"""`mbo-alumni validate`: every bad input named by file, line and column, and a fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ASSOCIATIONS, EVENTS, cli, cli_process, validate, write_tree

A, E = "associations.yaml", "events.yaml"

ONE_ASSOCIATION = """\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: "'s-Hertogenbosch"
  province: Noord-Brabant
"""


def association(*extra: str) -> str:
    return ONE_ASSOCIATION + "".join(f"  {line}\n" for line in extra)


def event(*lines: str) -> str:
    return "- id: test\n  title: Test\n" + "".join(f"  {line}\n" for line in lines)


# (case name, associations.yaml, events.yaml, file, line, words the message must hold)
BAD = [
    ("unknown key", association("webiste: https://a.nl"), "[]", A, 6, "bedoel je 'website'"),
    ("duplicate key", association("city: Tilburg"), "[]", A, 6, "twee keer"),
    ("capitals in id", ONE_ASSOCIATION.replace("a-academy", "A-Academy"), "[]", A, 1, "kleine"),
    ("slash in id", ONE_ASSOCIATION.replace("a-academy", "a/b"), "[]", A, 1, "geen geldige id"),
    ("dots in id", ONE_ASSOCIATION.replace("a-academy", "'..'"), "[]", A, 1, "geen geldige id"),
    ("missing name", ONE_ASSOCIATION.replace("  name: A-Academy\n", ""), "[]", A, 1, "'name'"),
    (
        "unknown province",
        ONE_ASSOCIATION.replace("Noord-Brabant", "Brabant"),
        "[]",
        A,
        5,
        "bedoel je 'Noord-Brabant'?",
    ),
    ("javascript url", association("website: javascript:alert(1)"), "[]", A, 6, "https://"),
    ("relative url", association("website: /alumni"), "[]", A, 6, "https://"),
    ("bad email", association("email: alumni.school.nl"), "[]", A, 6, "e-mailadres"),
    (
        "raw html",
        association("description: 'Hoi <img src=x onerror=alert(1)>'"),
        "[]",
        A,
        6,
        "HTML",
    ),
    (
        "contact without consent",
        association("contact:", "  name: Jan Jansen"),
        "[]",
        A,
        7,
        "consent: true",
    ),
    ("founded too early", association("founded: 1850"), "[]", A, 6, "1900"),
    (
        "unquoted no",
        ONE_ASSOCIATION.replace("Koning Willem I College", "no"),
        "[]",
        A,
        3,
        "aanhalingstekens",
    ),
    ("wrong top-level type", "id: a-academy\n", "[]", A, 1, "lijst"),
    ("tab indentation", ONE_ASSOCIATION.replace("  city", "\tcity"), "[]", A, 4, "tab"),
    ("duplicate id", ONE_ASSOCIATION + ONE_ASSOCIATION, "[]", A, 6, "regel 1"),
    (
        "duplicate key in event",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "title: Nog eens"),
        E,
        4,
        "twee keer",
    ),
    (
        "alias",
        ONE_ASSOCIATION.replace("name: A-Academy", "name: &n A-Academy")
        + "- id: b\n  name: *n\n  institution: X\n  city: Y\n  province: Utrecht\n",
        "[]",
        A,
        7,
        "*n",
    ),
    ("unquoted 14:00", ONE_ASSOCIATION, event("start: 14:00"), E, 3, "840"),
    (
        "end before start",
        ONE_ASSOCIATION,
        event("start: 2027-03-30", "end: 2027-03-29"),
        E,
        4,
        "vóór",
    ),
    (
        "mixed start and end",
        ONE_ASSOCIATION,
        event("start: 2027-03-30", "end: 2027-03-30 12:00"),
        E,
        4,
        "dezelfde soort",
    ),
    ("time in DST gap", ONE_ASSOCIATION, event("start: 2027-03-28 02:30"), E, 3, "03:00"),
    ("time twice at DST end", ONE_ASSOCIATION, event("start: 2027-10-31 02:30"), E, 3, "+01:00"),
    (
        "unknown organizer",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "organizer: a-acadmy"),
        E,
        4,
        "bedoel je 'a-academy'",
    ),
    (
        "unknown status",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "status: afgelast"),
        E,
        4,
        "cancelled",
    ),
    (
        "online without url",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "location:", "  online: true"),
        E,
        5,
        "url",
    ),
    ("missing start", ONE_ASSOCIATION, event(), E, 1, "'start' ontbreekt"),
    (
        "announced in the future",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "announced: 2099-01-01"),
        E,
        4,
        "toekomst",
    ),
    (
        "unquoted yes",
        ONE_ASSOCIATION.replace("'s-Hertogenbosch\"", "yes").replace('"yes', "yes"),
        "[]",
        A,
        4,
        "aanhalingstekens",
    ),
    ("unquoted on", ONE_ASSOCIATION.replace("Koning Willem I College", "on"), "[]", A, 3, "true"),
    (
        "leading-zero number",
        ONE_ASSOCIATION.replace("Koning Willem I College", "0123"),
        "[]",
        A,
        3,
        "voorloopnul",
    ),
    ("data url", association("website: 'data:text/html,<b>x</b>'"), "[]", A, 6, "https://"),
    (
        "id escaping the site",
        ONE_ASSOCIATION.replace("a-academy", "../../etc"),
        "[]",
        A,
        1,
        "geen geldige id",
    ),
    ("scalar top level", "hallo\n", "[]", A, 1, "lijst"),
    (
        "raw html in event",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "description: '<script>alert(1)</script>'"),
        E,
        4,
        "HTML",
    ),
    (
        "unknown event key",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "titel: Nog eens"),
        E,
        4,
        "bedoel je 'title'",
    ),
    (
        "unknown nested key",
        ONE_ASSOCIATION,
        event("start: 2027-01-01", "location:", "  name: Aula", "  adress: Straat 1"),
        E,
        6,
        "bedoel je 'address'",
    ),
    (
        "unknown social network",
        association("socials:", "  twitter: https://x.com/a"),
        "[]",
        A,
        7,
        "twitter",
    ),
    (
        "crlf file with an error",
        association("founded: 1850").replace("\n", "\r\n"),
        "[]",
        A,
        6,
        "1900",
    ),
    (
        "title over two lines",
        ONE_ASSOCIATION,
        event("start: 2027-01-01").replace("title: Test", 'title: "Test\\nTwee"'),
        E,
        2,
        "één regel",
    ),
    ("impossible date", ONE_ASSOCIATION, event("start: 2027-02-30"), E, 3, "bestaat niet"),
]


@pytest.mark.parametrize(
    ("associations", "events", "file", "line", "words"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_bad_input_is_named_by_file_and_line(
    tmp_path: Path, associations: str, events: str, file: str, line: int, words: str
) -> None:
    write_tree(tmp_path, {A: associations, E: events})
    result = validate(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [
        row for row in result.stdout.splitlines() if row.startswith(f"{tmp_path / file}:{line}:")
    ]
    assert lines, result.stdout
    assert any(": error: " in row and words in row for row in lines), result.stdout


def series_event(*repeat: str, extra: tuple[str, ...] = ()) -> str:
    """A monthly borrel on the first Tuesday; `repeat` holds the lines under 'repeat:'."""
    return event(
        "start: 2027-01-05 19:30",
        "end: 2027-01-05 21:30",
        *extra,
        "repeat:",
        *(f"  {line}" for line in repeat),
    )


MONTHLY = ("every: month", "weekday: tuesday", "week: 1")

# (case name, events.yaml, line, words the message must hold): a bad series rule is refused on
# the line of the key that holds it (a rule as a whole: the first line under 'repeat:'), in Dutch.
BAD_SERIES = [
    ("every fortnight", series_event("every: fortnight", "count: 6"), 6, "'interval: 2'"),
    ("every unknown", series_event("every: dag", "count: 6"), 6, "week"),
    ("until and count", series_event(*MONTHLY, "until: 2027-06-30", "count: 6"), 6, "kies er één"),
    ("no end", series_event(*MONTHLY), 6, "'until' (de laatste dag) of 'count'"),
    (
        "except not an occurrence",
        series_event(*MONTHLY, "count: 6", extra=("except: [2027-05-05]",)),
        5,
        "2027-05-04",
    ),
    (
        "cancelled not an occurrence",
        series_event(*MONTHLY, "count: 6", extra=("cancelled: [2027-03-03]",)),
        5,
        "geen keer van deze reeks",
    ),
    ("longer than five years", series_event(*MONTHLY, "until: 2033-01-04"), 6, "5 jaar"),
    (
        "more than 260 times",
        series_event("every: week", "count: 261"),
        7,
        "260",
    ),
    (
        "start not on the weekday",
        series_event("every: month", "weekday: wednesday", "week: 1", "count: 3"),
        6,
        "woensdag",
    ),
    ("week without month", series_event("every: week", "week: 1", "count: 3"), 6, "'week'"),
    (
        "past 2100 by count",
        series_event("every: year", "count: 4", extra=()).replace("2027-01-05", "2099-01-05"),
        6,
        "na 2100",
    ),
    (
        "past 2100 by until",
        series_event(*MONTHLY, "until: 2101-01-04").replace("2027-01-05", "2100-11-02"),
        6,
        "na 2100",
    ),
    (
        "moved not an occurrence",
        series_event(*MONTHLY, "count: 6",
                     extra=("moved: [{date: 2027-03-03, start: 2027-03-04 19:30}]",)),
        5,
        "geen keer van deze reeks",
    ),
    (
        "moved and cancelled",
        series_event(*MONTHLY, "count: 6", extra=(
            "cancelled: [2027-03-02]", "moved: [{date: 2027-03-02, start: 2027-03-03 19:30}]")),
        6,
        "kies er één",
    ),
    (
        "moved to a whole day",
        series_event(*MONTHLY, "count: 6",
                     extra=("moved: [{date: 2027-03-02, start: 2027-03-03}]",)),
        5,
        "een datum met tijd",
    ),
    (
        "a change of nothing",
        series_event(*MONTHLY, "count: 6", extra=("changes: [{from: 2027-03-02}]",)),
        5,
        "'start', 'end' of 'location'",
    ),
    (
        "a change to no time",
        series_event(*MONTHLY, "count: 6",
                     extra=('changes: [{from: 2027-03-02, start: "25:00"}]',)),
        5,
        "geen tijd",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("events", "line", "words"),
    [case[1:] for case in BAD_SERIES],
    ids=[case[0] for case in BAD_SERIES],
)
def test_a_bad_series_rule_is_refused_on_its_line(
    tmp_path: Path, events: str, line: int, words: str
) -> None:
    write_tree(tmp_path, {A: ONE_ASSOCIATION, E: events})
    result = validate(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    errors = [row for row in result.stdout.splitlines() if ": error: " in row]
    assert any(row.startswith(f"{tmp_path / E}:{line}:") and words in row for row in errors), (
        result.stdout
    )


def test_the_series_cases_are_themselves_valid_once_mended(tmp_path: Path) -> None:
    """Control: the same borrel with a sound rule passes, so each case above fails on its rule."""
    good = series_event(*MONTHLY, "count: 6", extra=("except: [2027-05-04]",))
    write_tree(tmp_path, {A: ONE_ASSOCIATION, E: good})
    result = validate(tmp_path)
    assert result.returncode == 0, result.stdout


def test_there_are_at_least_fifteen_distinct_bad_inputs() -> None:
    assert len({case[0] for case in BAD}) >= 15


def test_valid_data_passes(tmp_path: Path) -> None:
    write_tree(tmp_path, {A: ASSOCIATIONS, E: EVENTS})
    result = cli_process("validate", "--data", str(tmp_path))  # the real script: exit 0
    assert result.returncode == 0, result.stdout
    assert "2 verenigingen, 2 evenementen" in result.stdout


def test_every_error_of_both_files_in_one_run(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            A: association("webiste: https://a.nl", "founded: 1850"),
            E: event("start: 14:00", "organizer: onbekend"),
        },
    )
    result = cli_process("validate", "--data", str(tmp_path))  # the real script: exit 1
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [row for row in result.stdout.splitlines() if ": error: " in row]
    assert [row.split(": error: ")[0].rsplit("/", 1)[1] for row in errors] == [
        "associations.yaml:6:3",
        "associations.yaml:7:12",
        "events.yaml:3:10",
        "events.yaml:4:14",
    ]


def test_column_points_at_the_value(tmp_path: Path) -> None:
    write_tree(tmp_path, {A: ONE_ASSOCIATION.replace("Noord-Brabant", "Brabant"), E: "[]"})
    assert f"{tmp_path / A}:5:13: error: 'province'" in validate(tmp_path).stdout


def test_github_annotations(tmp_path: Path) -> None:
    write_tree(tmp_path, {A: association("webiste: https://a.nl"), E: "[]"})
    result = validate(tmp_path, GITHUB_ACTIONS="true")
    assert f"::error file={tmp_path / A},line=6,col=3::onbekende sleutel 'webiste'" in result.stdout


def test_no_annotations_outside_github(tmp_path: Path) -> None:
    write_tree(tmp_path, {A: association("webiste: https://a.nl"), E: "[]"})
    assert "::error" not in validate(tmp_path, GITHUB_ACTIONS="false").stdout


@pytest.mark.parametrize(
    "files",
    [{}, {A: ONE_ASSOCIATION}],
    ids=["no data folder contents", "events.yaml missing"],
)
def test_unreadable_input_exits_2(tmp_path: Path, files: dict[str, str]) -> None:
    write_tree(tmp_path, files)
    result = validate(tmp_path)
    assert result.returncode == 2
    assert "niet gevonden" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_folder_exits_2(tmp_path: Path) -> None:
    result = cli_process("validate", "--data", str(tmp_path / "nope"))  # the real script: exit 2
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"\xef\xbb\xbf" + ONE_ASSOCIATION.encode(), "BOM"),
        (ONE_ASSOCIATION.replace("Koning", "K\xf6ning").encode("latin-1"), "UTF-8"),
    ],
    ids=["byte-order mark", "latin-1 bytes"],
)
def test_encoding_mistakes(tmp_path: Path, raw: bytes, words: str) -> None:
    (tmp_path / A).write_bytes(raw)
    (tmp_path / E).write_text("[]")
    result = validate(tmp_path)
    assert result.returncode == 1
    assert words in result.stdout
    expected_line = 1 if words == "BOM" else 3
    assert result.stdout.startswith(f"{tmp_path / A}:{expected_line}:")


def test_empty_files_are_valid(tmp_path: Path) -> None:
    write_tree(tmp_path, {A: "# nog niets\n", E: textwrap.dedent("")})
    assert validate(tmp_path).returncode == 0


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    write_tree(tmp_path, {A: "\n".join(lines) + "\n", E: "[]"})
    result = validate(tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path / A}:2:" in result.stdout


def test_file_over_five_megabytes_is_refused(tmp_path: Path) -> None:
    (tmp_path / A).write_text("# " + "x" * (5 * 1024 * 1024) + "\n" + ONE_ASSOCIATION)
    (tmp_path / E).write_text("[]")
    result = validate(tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path / A}:1:1: error: het bestand is groter dan 5 MB")


SECOND = "- id: b\n  name: Bee\n  institution: B\n  city: {city}\n  province: Utrecht\n"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # An unclosed quote is reported where it opens, not at the end of the file.
        (ONE_ASSOCIATION.replace('"\'s-Hertogenbosch"', '"Den Bosch') + SECOND.format(city="B"),
         4, 9, "die nergens wordt afgesloten; zet aan het eind van de waarde ook een \""),
        # Dutch place names with an apostrophe open a single-quoted text.
        (ONE_ASSOCIATION.replace('"\'s-Hertogenbosch"', "'s-Hertogenbosch"),
         4, 9, "city: \"'s-Hertogenbosch\""),
        # ... and one that is closed by the next apostrophe further down is still found.
        (ONE_ASSOCIATION.replace('"\'s-Hertogenbosch"', "'t Harde")
         + SECOND.format(city="'s-Gravenhage"), 4, 9, "city: \"'t Harde\""),
        ("- id: a\n  name: A\n   city: x\n", 3, 8, "dubbele punt"),
        ("- id: a\n  name @x\n  city: x\n", 3, 3, "er ontbreekt een dubbele punt (:)"),
    ],
)  # fmt: skip
def test_yaml_mistakes_are_named_where_they_are_in_dutch(
    text: str, line: int, column: int, words: str
) -> None:
    from mbo_alumni.source.yaml_positions import compose_document

    (problem,) = compose_document(text, "associations.yaml").problems
    assert (problem.line, problem.column) == (line, column), problem.format()
    assert words in problem.message
    for english in ("found", "stream", "expected", "scanning", "while"):
        assert english not in problem.message, problem.message


def test_every_node_and_key_keeps_its_own_position() -> None:
    """Positions are packed into one int per node: a value and its key on different lines,
    a key read twice, and a column far beyond any ordinary line all come back exact."""
    from mbo_alumni.source.yaml_positions import compose_document

    wide = "x" * 3_000_000  # a column past 2**21, within the 5 MB file limit
    text = f"- id: a\n  city:\n    Tilburg\n  name: A\n  name: B\n- id: {wide}\n  note: {wide}\n"
    document = compose_document(text, "associations.yaml")
    assert document.at((0, "city"), key=True) == (2, 3)
    assert document.at((0, "city")) == (3, 5)
    assert document.at((0, "city", "deeper")) == (3, 5)  # the deepest known node
    assert document.at((0,)) == (1, 3)
    assert document.at(()) == (1, 1)
    assert document.at((1, "note")) == (7, 9)
    (twice,) = document.problems
    assert (twice.line, twice.column) == (5, 3) and "eerst op regel 4" in twice.message
    assert document.at((1, "note"), key=True) == (7, 3)
    assert compose_document(f"- {{id: a, note: b, city: {wide}, name: c}}\n", "f").at(
        (0, "name"), key=True
    ) == (1, 3_000_000 + 28)


@pytest.mark.parametrize(
    ("epoch", "valid"),
    [("1924992000", True),  # 2031-01-01: 2029 and 2030 lie in the past
     ("1577836800", False)],  # 2020-01-01: they lie in the future
)  # fmt: skip
def test_one_clock_decides_what_is_in_the_future(tmp_path: Path, epoch: str, valid: bool) -> None:
    # 'founded' and 'announced' are judged by SOURCE_DATE_EPOCH, like the rest of a build,
    # so a reproducible build passes or fails the same on any day.
    write_tree(
        tmp_path,
        {A: association("founded: 2030"), E: event("start: 2031-03-01", "announced: 2029-06-01")},
    )
    result = validate(tmp_path, SOURCE_DATE_EPOCH=epoch)
    assert result.returncode == (0 if valid else 1), result.stdout
    if not valid:
        assert "2030 is geen geldig oprichtingsjaar" in result.stdout
        assert "2029-06-01 ligt in de toekomst" in result.stdout


# --- the site's own options, from its mkdocs.yml ----------------------------------------

SITE_YML = """\
site_name: Test
site_url: !ENV [SITE_URL, "https://example.org/"]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - mbo-alumni:
      data_dir: !ENV [TEST_DATA_DIR, gegevens]
      files: {events: activiteiten.yaml}
      timezone: Europe/London
"""


def london_project(root: Path, start: str) -> Path:
    return write_tree(
        root,
        {
            "mkdocs.yml": SITE_YML,
            "docs/index.md": "# Test\n",  # MkDocs reads a configuration only with its docs
            "gegevens/associations.yaml": ONE_ASSOCIATION,
            "gegevens/activiteiten.yaml": event(f"start: {start}"),
        },
    )


def test_validate_reads_data_dir_file_names_and_time_zone_from_mkdocs_yml(tmp_path: Path) -> None:
    root = london_project(tmp_path, "2027-03-28 01:30")  # London's clocks skip 01:00-02:00
    result = cli("validate", "--config", str(root / "mkdocs.yml"))
    assert result.returncode == 1, result.stdout
    (line,) = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert line.startswith(f"{root / 'gegevens' / 'activiteiten.yaml'}:3:10: error: ")
    assert "Europe/London" in line
    # --data still names another data folder, read with the site's options.
    other = london_project(tmp_path / "other", "2027-03-28 02:30")
    result = cli(
        "validate", "--config", str(root / "mkdocs.yml"), "--data", str(other / "gegevens")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{other / 'gegevens'}: ")
    # In Amsterdam, the default zone, the clocks skip 02:00-03:00: 01:30 exists there.
    (root / "mkdocs.yml").write_text(SITE_YML.replace("timezone: Europe/London", ""), "utf-8")
    assert cli("validate", "--config", str(root / "mkdocs.yml")).returncode == 0


def test_validate_names_what_is_wrong_in_mkdocs_yml(tmp_path: Path) -> None:
    root = london_project(tmp_path, "2027-03-28 19:30")
    config = root / "mkdocs.yml"
    for old, new, words in [
        (SITE_YML[SITE_YML.index("  - mbo-alumni:") :], "", "'mbo-alumni' staat niet onder"),
        ("  - search\n", "  - nergens\n", "kan de MkDocs-configuratie niet lezen"),
        ("Europe/London", "Europe/Nergens", "onbekende tijdzone 'Europe/Nergens'"),
        ("{events: activiteiten.yaml}", "{evenementen: x.yaml}", "'files' kent alleen"),
    ]:
        config.write_text(SITE_YML.replace(old, new), encoding="utf-8")
        result = cli("validate", "--config", str(config))
        assert result.returncode == 2, (new, result.stdout)
        assert result.stderr.startswith(f"error: {config}: ") and words in result.stderr


def test_every_command_reads_an_inherited_configuration(tmp_path: Path) -> None:
    """MkDocs' own loader: a site whose mkdocs.yml INHERITs its plugins is read as it builds
    (the commands had a YAML reader of their own, and exited 2 on INHERIT)."""
    root = london_project(tmp_path, "2027-03-28 01:30")  # skipped in London, as above
    (root / "basis.yml").write_text(SITE_YML, encoding="utf-8")
    (root / "mkdocs.yml").write_text("INHERIT: basis.yml\nsite_name: Erfenis\n", "utf-8")
    result = cli("validate", "--config", str(root / "mkdocs.yml"))
    assert result.returncode == 1, result.stdout + result.stderr  # the zone of basis.yml
    assert "Europe/London" in result.stdout
    assert f"{root / 'gegevens' / 'activiteiten.yaml'}:3:10" in result.stdout
    sort = cli("sort", "--check", "--config", str(root / "mkdocs.yml"))
    assert sort.returncode == 0, sort.stdout + sort.stderr
