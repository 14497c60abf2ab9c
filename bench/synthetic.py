"""Write a synthetic project (N associations, M events) and time its `mkdocs build`.

Usage: .venv/bin/python bench/synthetic.py [ASSOCIATIONS] [EVENTS]
Prints the figures; it asserts nothing (a benchmark, not a test).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from mbo_alumni.model import PROVINCES  # noqa: E402


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
            f"  description: Oud-studenten van **Testcollege {i % 70}** houden contact.\n"
            f"  sectors: [Zorg, Techniek]\n"
        )
    return "".join(rows)


def events_yaml(count: int, associations: int, rng: random.Random) -> str:
    rows = []
    for i in range(count):
        year, month, day = rng.randint(2019, 2028), rng.randint(1, 12), rng.randint(1, 28)
        organizers = sorted({rng.randrange(associations) for _ in range(rng.randint(1, 3))})
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
            f"  description: Een avond over *alumnibeleid*.\n"
        )
    return "".join(rows)


def main() -> None:
    associations = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data").mkdir()
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# Home\n")
        (root / "data" / "associations.yaml").write_text(associations_yaml(associations, rng))
        (root / "data" / "events.yaml").write_text(events_yaml(events, associations, rng))
        config = (ROOT / "mkdocs.yml").read_text().replace("custom_dir: overrides", "")
        (root / "mkdocs.yml").write_text(config)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
        bin_dir = Path(sys.executable).parent
        start = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "mbo-alumni"), "validate", "--data", "data"],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
        validated = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "mkdocs"), "build", "--strict"],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
        built = time.perf_counter() - start
        pages = sum(1 for _ in (root / "site").rglob("index.html"))
        print(f"associations={associations} events={events} pages={pages}")
        print(f"validate: {validated:.2f} s   mkdocs build: {built:.2f} s")


if __name__ == "__main__":
    main()
