"""Benchmark: our plugin's build against plain MkDocs + Material with as many pages.

Usage: .venv/bin/python bench/bench.py [ASSOCIATIONS EVENTS] ...   (pairs; default 1000 5000)
Prints one table; asserts nothing (a benchmark, not a test).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from own import measure_own

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROVINCES = [
    "Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg",
    "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
]  # fmt: skip
ROUNDS = 2  # interleaved builds of ours, plain and shaped-plain per size; the best of each
STAGES = ["load and validate", "pages", "calendar", "feeds", "json", "embed"]
THEMES = ["opzetten", "studenten", "netwerk", "ledenwerving", "bedrijfsleven", "website"]
SHAPES = ["dense", "spread"]
THEMES_YAML = "".join(f"- id: {t}\n  name: Thema {t}\n" for t in THEMES)

MKDOCS_YML = """\
site_name: Benchmark
site_url: https://bench.example.org/
theme:
  name: material
  language: nl
  font: false
plugins:
  - search:
      lang: nl
{plugin}
nav:
  - Home: index.md
validation:
  nav:
    omitted_files: ignore
"""


def associations_yaml(count: int, rng: random.Random) -> str:
    rows = []
    for i in range(count):
        rows.append(
            f"- id: vereniging-{i:05d}\n"
            f"  name: Alumnivereniging {i}\n"
            f"  institution: Testcollege {i % 70}\n"
            f"  city: Plaats {i % 300}\n"
            f"  province: {rng.choice(PROVINCES)}\n"
            f"  website: https://vereniging-{i}.example.org/\n"
            f"  email: alumni@vereniging-{i}.example.org\n"
            f"  founded: {rng.randint(1990, 2024)}\n"
            f"  description: Oud-studenten van **Testcollege {i % 70}** houden contact en helpen"
            f" nieuwe studenten op weg.\n"
            f"  sectors: [Zorg, Techniek]\n"
            f"  socials: {{linkedin: 'https://www.linkedin.com/company/v{i}'}}\n"
            f"  checked: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
        )
    return "".join(rows)


# Long enough to matter, short enough that 10,000 events stay under the 5 MB file limit.
LONG = " ".join(["Oud-studenten vertellen over hun eerste baan en wat de opleiding hen gaf."] * 5)


def events_yaml(count: int, associations: int, rng: random.Random, shape: str = "dense") -> str:
    """Return events: 'dense' (ten years, one to three organisers, short texts) or 'spread'
    (36 years, one organiser each, long and short texts in turn)."""
    rows = []
    spread = shape == "spread"
    for i in range(count):
        first, last = (2000, 2035) if spread else (2019, 2028)
        year, month, day = rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28)
        many = 1 if spread else rng.randint(1, 3)
        organizers = sorted({rng.randrange(associations) for _ in range(many)})
        ids = ", ".join(f"vereniging-{o:05d}" for o in organizers)
        if i % 3:
            hour = rng.randint(9, 20)
            when = f"  start: '{year}-{month:02d}-{day:02d} {hour}:00'\n"
            when += f"  end: '{year}-{month:02d}-{day:02d} {hour + 2}:30'\n"
        else:
            when = f"  start: {year}-{month:02d}-{day:02d}\n"
        rows.append(
            f"- id: evenement-{i:05d}\n  title: Bijeenkomst {i}\n{when}"
            f"  organizer: [{ids}]\n"
            f"  location: {{name: Aula, address: Schoolstraat 1, city: Plaats {i % 300}}}\n"
            f"  status: {'cancelled' if i % 17 == 0 else 'confirmed'}\n"
            # One in fifty a monthly series of a year (the share of #26's recurring events).
            + ("  repeat: {every: month, count: 12}\n" if i % 50 == 25 else "")
            + f"  tags: [{', '.join(sorted(set(rng.sample(THEMES, rng.randint(0, 2)))))}]\n"
            + (
                f"  description: {LONG if i % 2 else 'Kort.'}\n"
                if spread
                else f"  description: Een avond over *alumnibeleid*, met "
                f"[programma](https://example.org/{i}).\n"
            )
        )
    return "".join(rows)


def plain_page(i: int) -> str:
    return (
        f"# Pagina {i}\n\nOud-studenten van **Testcollege {i % 70}** houden contact.\n\n"
        f"- Plaats {i % 300}\n- [Website](https://vereniging-{i}.example.org/)\n\n"
        "Een avond over *alumnibeleid*.\n"
    )


def shaped_pages(data: Path, docs: Path, count: int) -> None:
    """Write `count` plain Markdown pages shaped like ours, from the same data: a page per
    association (details, its events as links) and per event (when, where, organisers as
    links, description, links), a page per month listing its events, the rest short pages.
    MkDocs renders and checks their links; no plugin is involved."""
    associations = yaml.safe_load((data / "associations.yaml").read_text(encoding="utf-8"))
    events = yaml.safe_load((data / "events.yaml").read_text(encoding="utf-8"))
    (docs / "verenigingen").mkdir()
    (docs / "agenda").mkdir()
    (docs / "maand").mkdir()
    of: dict[str, list[dict[str, object]]] = {}
    months: dict[str, list[dict[str, object]]] = {}
    for event in events:
        for ident in event["organizer"]:
            of.setdefault(ident, []).append(event)
        months.setdefault(str(event["start"])[:7], []).append(event)
    written = 0
    for a in associations:
        listed = "".join(
            f"- [{e['title']}](../agenda/{e['id']}.md), {e['start']}\n" for e in of.get(a["id"], [])
        )
        (docs / "verenigingen" / f"{a['id']}.md").write_text(
            f"# {a['name']}\n\n{a['description']}\n\n- Mbo-school: {a['institution']}\n"
            f"- Plaats: {a['city']} ({a['province']})\n- Website: <{a['website']}>\n"
            f"- E-mail: <{a['email']}>\n- Opgericht: {a['founded']}\n\n"
            f"## Bijeenkomsten\n\n{listed or 'Geen.'}\n\n## Agenda volgen\n\n"
            f"- [Agenda-bestand](https://bench.example.org/agenda-{a['id']}.ics)\n"
            f"- [Google Agenda](https://calendar.google.com/calendar/r?cid={a['id']})\n",
            encoding="utf-8",
        )
        written += 1
    for e in events:
        hosts = ", ".join(f"[{o}](../verenigingen/{o}.md)" for o in e["organizer"])
        place = e["location"]
        (docs / "agenda" / f"{e['id']}.md").write_text(
            f"# {e['title']}\n\n- Wanneer: {e['start']} tot {e.get('end', '')}\n"
            f"- Waar: {place['name']}, {place['address']}, {place['city']}\n"
            f"- Georganiseerd door: {hosts}\n- Status: {e['status']}\n\n"
            f"{e['description']}\n\n## In je agenda zetten\n\n"
            f"- [Download](https://bench.example.org/agenda/{e['id']}.ics)\n"
            f"- [Google Agenda](https://calendar.google.com/calendar/render?text={e['id']})\n"
            f"- [Outlook.com](https://outlook.live.com/calendar/0/action/compose?subject={e['id']})\n",
            encoding="utf-8",
        )
        written += 1
    for month, listed in sorted(months.items()):
        items = "".join(f"- [{e['title']}](../agenda/{e['id']}.md)\n" for e in listed)
        (docs / "maand" / f"{month}.md").write_text(f"# Agenda {month}\n\n{items}")
        written += 1
    for i in range(max(0, count - written)):
        (docs / f"p{i:06d}.md").write_text(plain_page(i))


def run_build(config: Path, env: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_build.py"), str(config)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def measure(associations: int, events: int, tmp: Path, shape: str = "dense") -> dict[str, object]:
    rng = random.Random(42)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    ours = tmp / f"ours-{shape}-{associations}"
    (ours / "data").mkdir(parents=True)
    (ours / "docs").mkdir()
    (ours / "docs" / "index.md").write_text("# Home\n")
    (ours / "data" / "associations.yaml").write_text(associations_yaml(associations, rng))
    (ours / "data" / "events.yaml").write_text(events_yaml(events, associations, rng, shape))
    (ours / "data" / "themes.yaml").write_text(THEMES_YAML)
    (ours / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin="  - mbo-alumni"))
    timings = tmp / f"timings-{shape}-{associations}.json"

    def build_ours() -> dict[str, object]:
        return dict(run_build(ours / "mkdocs.yml", env))

    # The stages come from one build more, timed (run_build.py); the seconds from the
    # untimed rounds, which carry no timer.
    run_build(ours / "mkdocs.yml", {**env, "MBO_ALUMNI_TIMINGS": str(timings)})
    stages = json.loads(timings.read_text())
    runs = [build_ours()]
    # Pages, not the embed widgets (small static files, no MkDocs page): the plain site gets
    # as many Markdown pages as ours has pages.
    site = ours / "site"
    pages = sum(1 for p in site.rglob("*.html") if not p.is_relative_to(site / "embed"))
    detail_kib = {
        kind: (ours / "site" / path / "index.html").stat().st_size / 1024
        for kind, path in [
            ("association", "verenigingen/vereniging-00000"),
            ("event", "agenda/evenement-00000"),
            ("home", ""),
            ("directory", "verenigingen"),
            ("agenda", "agenda"),
        ]
    }

    plain = tmp / f"plain-{shape}-{associations}"
    (plain / "docs").mkdir(parents=True)
    (plain / "docs" / "index.md").write_text("# Home\n")
    for i in range(pages - 2):  # minus index and 404, which both sites have
        (plain / "docs" / f"p{i:06d}.md").write_text(plain_page(i))
    (plain / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin=""))
    shaped = tmp / f"shaped-{shape}-{associations}"
    (shaped / "docs").mkdir(parents=True)
    (shaped / "docs" / "index.md").write_text("# Home\n")
    shaped_pages(ours / "data", shaped / "docs", pages - 2)
    (shaped / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin=""))
    # Interleaved rounds, best of each: the machine's noise hits all three alike.
    plains = [run_build(plain / "mkdocs.yml", env)]
    shapeds = [run_build(shaped / "mkdocs.yml", env)]
    for _ in range(ROUNDS - 1):
        runs.append(build_ours())
        plains.append(run_build(plain / "mkdocs.yml", env))
        shapeds.append(run_build(shaped / "mkdocs.yml", env))
    run = min(runs, key=lambda r: r["seconds"])  # type: ignore[arg-type,return-value]
    baseline = min(plains, key=lambda r: r["seconds"])
    shaped_run = min(shapeds, key=lambda r: r["seconds"])

    serve = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "rebuild.py"), str(ours / "mkdocs.yml")],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    rebuild = json.loads(serve.stdout.strip().splitlines()[-1])

    small = tmp / f"validate-{shape}-{associations}"
    small.mkdir()
    (small / "associations.yaml").write_text(associations_yaml(associations // 5, rng))
    (small / "events.yaml").write_text(events_yaml(events * 2 // 5, associations // 5, rng))
    (small / "themes.yaml").write_text(THEMES_YAML)
    started = time.perf_counter()
    subprocess.run([str(BIN / "mbo-alumni"), "validate", "--data", str(small)], env=env,
                   check=True, capture_output=True)  # fmt: skip
    validate_seconds = time.perf_counter() - started
    biggest = max(
        (p for p in site.rglob("*.html") if not p.is_relative_to(site / "embed")),
        key=lambda p: p.stat().st_size,
    )
    detail_kib[f"largest ({biggest.parent.relative_to(site)})"] = biggest.stat().st_size / 1024
    return {
        "data": f"{associations} + {events} ({shape})",
        "pages": pages,
        "seconds": run["seconds"],
        "stages": stages,
        "plain": baseline["seconds"],
        "shaped": shaped_run["seconds"],
        "runs": [
            [r["seconds"] for r in runs],
            [r["seconds"] for r in plains],
            [r["seconds"] for r in shapeds],
        ],  # fmt: skip
        "peak": min(r["peak_mib"] for r in runs),  # type: ignore[type-var]
        "plain_peak": min(r["peak_mib"] for r in plains),
        "size": size_mib(ours / "site"),
        "validate": (f"{associations // 5} + {events * 2 // 5}", validate_seconds),
        "rebuild": rebuild,
        "detail_kib": detail_kib,
    }


def measure_site_config(associations: int, events: int, tmp: Path) -> dict[str, object]:
    """This repository's own configuration with the plugin, against it without (own.py)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    return measure_own(
        associations,
        events,
        tmp,
        data=lambda rng: (
            associations_yaml(associations, rng),
            events_yaml(events, associations, rng),
            THEMES_YAML,
        ),
        page=plain_page,
        run_build=lambda config: run_build(config, env),
        rounds=ROUNDS,
    )


def print_own(rows: list[dict[str, object]]) -> None:
    print("With the site's own configuration (its mkdocs.yml, nav, tags plugin, hooks, pages):")
    head = ["data", "pages", "build s", "plain s", "ratio", "peak MiB", "plain MiB", "ratio"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        cells = [
            row["data"], row["pages"], f"{row['seconds']:.1f}", f"{row['plain']:.1f}",
            f"{row['seconds'] / row['plain']:.2f}",  # type: ignore[operator]
            f"{row['peak']:.0f}", f"{row['plain_peak']:.0f}",
            f"{row['peak'] / row['plain_peak']:.2f}",  # type: ignore[operator]
        ]  # fmt: skip
        print("| " + " | ".join(str(c) for c in cells) + " |")
    for row in rows:
        ours, plain = row["runs"]  # type: ignore[misc]
        listed = [", ".join(f"{s:.1f}" for s in kind) for kind in (ours, plain)]
        print(f"own-config rounds at {row['data']} (s): ours {listed[0]}; plain {listed[1]}")
    if len(rows) == 2:
        growth = rows[1]["seconds"] / rows[0]["seconds"]  # type: ignore[operator]
        print(f"growth when the data doubles (own configuration): {growth:.2f}x")


def main() -> None:
    numbers = [int(n) for n in sys.argv[1:]] or [1000, 5000]
    pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
    with tempfile.TemporaryDirectory() as tmp:
        # Both data shapes, each at every size; one shape's builds follow each other.
        rows = [measure(a, e, Path(tmp), shape) for shape in SHAPES for a, e in pairs]
        own = [measure_site_config(a, e, Path(tmp)) for a, e in pairs]
    print_own(own)
    head = ["data", "pages", "build s", *STAGES, "plain s", "ratio", "shaped s", "ratio",
            "peak MiB", "plain MiB", "ratio", "site MiB"]  # fmt: skip
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        stages = row["stages"]
        cells = [
            row["data"], row["pages"], f"{row['seconds']:.1f}",
            *(f"{stages.get(stage, 0.0):.2f}" for stage in STAGES),  # type: ignore[union-attr]
            f"{row['plain']:.1f}", f"{row['seconds'] / row['plain']:.2f}",  # type: ignore[operator]
            f"{row['shaped']:.1f}", f"{row['seconds'] / row['shaped']:.2f}",  # type: ignore[operator]
            f"{row['peak']:.0f}", f"{row['plain_peak']:.0f}",
            f"{row['peak'] / row['plain_peak']:.2f}", f"{row['size']:.1f}",  # type: ignore[operator]
        ]  # fmt: skip
        print("| " + " | ".join(str(c) for c in cells) + " |")
    for row in rows:
        ours, plain, shaped = row["runs"]  # type: ignore[misc]
        listed = [", ".join(f"{s:.1f}" for s in kind) for kind in (ours, plain, shaped)]
        print(f"rounds at {row['data']} (s): ours {listed[0]}; plain {listed[1]}; "
              f"shaped {listed[2]}")  # fmt: skip
    for row in rows:
        label, seconds = row["validate"]  # type: ignore[misc]
        print(f"mbo-alumni validate on {label}: {seconds:.2f} s (process start included)")
    for row in rows:
        rebuild = row["rebuild"]
        print(
            f"serve loop at {row['data']}: first build {rebuild['first']:.1f} s, rebuild after a "  # type: ignore[index]
            f"Markdown edit {rebuild['after_edit']:.1f} s (data from cache: {rebuild['cached']})"  # type: ignore[index]
        )
    for row in rows:
        sizes = ", ".join(f"{k} {v:.0f} KiB" for k, v in row["detail_kib"].items())  # type: ignore[attr-defined]
        print(f"page sizes at {row['data']}: {sizes}")
    if len(pairs) == 2:
        for index, shape in enumerate(SHAPES):
            small, large = rows[2 * index], rows[2 * index + 1]
            growth = large["seconds"] / small["seconds"]  # type: ignore[operator]
            print(f"growth when the data doubles ({shape}): {growth:.2f}x")


if __name__ == "__main__":
    main()
