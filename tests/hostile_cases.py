"""Hostile and implausible data, each with where `validate` must name the mistake.

Shared by the unit test (validate: exit 1, the right file:line, a Dutch message, no
traceback) and the site test (the build refuses the same input and leaves site/ as it was).
"""

from __future__ import annotations

from dataclasses import dataclass

ASSOCIATION = """\
- id: a-alumni
  name: A Alumni
  institution: A College
  city: Utrecht
  province: Utrecht
"""

EVENT = """\
- id: feest
  title: Feest
  start: 2027-05-01
"""


@dataclass(frozen=True)
class Case:
    name: str
    associations: str
    events: str
    file: str  # associations.yaml or events.yaml
    line: int
    words: str  # a fragment of the Dutch message

    @property
    def id(self) -> str:
        return self.name


def _event(extra: str, start: str = "2027-05-01") -> str:
    return f"- id: feest\n  title: Feest\n  start: {start}\n{extra}"


CASES = [
    Case("form feed and NUL as escapes", ASSOCIATION,
         _event('  description: "Welkom\\f bij\\0 ons"\n'), "events.yaml", 4, "pagina-einde"),
    Case("vertical tab as escape", ASSOCIATION, _event('  description: "a\\vb"\n'),
         "events.yaml", 4, "verticale tab"),
    Case("non-character as escape", ASSOCIATION, _event('  description: "x\\uFFFE"\n'),
         "events.yaml", 4, "niet-bestaand teken"),
    Case("lone surrogate as escape", ASSOCIATION, _event('  description: "x\\uD800"\n'),
         "events.yaml", 4, "YAML snapt deze regel niet"),
    Case("raw NUL byte", ASSOCIATION, "- id: feest\n  title: Fe\x00est\n  start: 2027-05-01\n",
         "events.yaml", 2, "nul-teken"),
    Case("raw ESC byte", ASSOCIATION, "- id: feest\n  title: Fe\x1best\n  start: 2027-05-01\n",
         "events.yaml", 2, "escape-teken"),
    Case("U+2028 does not shift later lines", ASSOCIATION,
         "- id: feest\n  title: Feest\n  description: een\u2028twee\n  start: 2027-05-01\n"
         "- id: later\n  title: Later\n  start: 2027-02-30\n", "events.yaml", 7, "bestaat niet"),
    Case("U+2029 is named where it stands", ASSOCIATION,
         "- id: feest\n  title: Feest\n  description: een\u2029twee\n  start: 2027-05-01\n",
         "events.yaml", 3, "alineascheiding"),
    Case("NEL in a plain title", ASSOCIATION,
         "- id: feest\n  title: Fe\x85est\n  start: 2027-05-01\n", "events.yaml", 2, "NEL"),
    Case("right-to-left override in a name",
         ASSOCIATION.replace("name: A Alumni", 'name: "A \\u202eAlumni"'), "[]\n",
         "associations.yaml", 2, "schrijfrichting"),
    Case("year 9999", ASSOCIATION, EVENT.replace("2027-05-01", "9999-12-31"),
         "events.yaml", 3, "buiten 1900"),
    Case("year 1 with a time", ASSOCIATION, EVENT.replace("2027-05-01", "'0001-01-01 00:30'"),
         "events.yaml", 3, "buiten 1900"),
    Case("offset of 25 hours", ASSOCIATION, EVENT.replace("2027-05-01", "'2027-05-01 10:00+25:00'"),
         "events.yaml", 3, "tijdsverschuiving"),
    Case("deep nesting", ASSOCIATION, _event("  tags: " + "[" * 30_000 + "]" * 30_000 + "\n"),
         "events.yaml", 4, "in elkaar"),
    Case("image from another site", ASSOCIATION,
         _event("  description: 'Kijk ![x](http://tracker.example/p.gif)'\n"),
         "events.yaml", 4, "afbeeldingen"),
    Case("protocol-relative image", ASSOCIATION,
         _event("  description: '![x](//tracker.example/p.gif)'\n"), "events.yaml", 4,
         "afbeeldingen"),
    Case("id with a trailing newline", ASSOCIATION, '- id: "feest\\n"\n  title: Feest\n'
         "  start: 2027-05-01\n", "events.yaml", 1, "geen geldige id"),
    Case("id as a block scalar", ASSOCIATION, "- id: |\n    feest\n  title: Feest\n"
         "  start: 2027-05-01\n", "events.yaml", 1, "geen geldige id"),
    Case("the same organiser twice", ASSOCIATION,
         _event("  organizer: [a-alumni, a-alumni]\n"), "events.yaml", 4, "twee keer"),
    Case("checked in the future", ASSOCIATION + "  checked: 2030-01-01\n", "[]\n",
         "associations.yaml", 6, "toekomst"),
    Case("an event of 73 years", ASSOCIATION, _event("  end: 2099-12-31\n", "2027-01-01"),
         "events.yaml", 4, "langer dan 366"),
    Case("a timed event of 40 days", ASSOCIATION,
         _event("  end: '2027-06-10 10:00'\n", "'2027-05-01 10:00'"), "events.yaml", 4,
         "langer dan 31"),
    Case("quote and angle brackets in a URL",
         ASSOCIATION + "  website: 'https://x.nl/\"<b>'\n", "[]\n", "associations.yaml", 6,
         "er staat"),
    Case("a URL without a host", ASSOCIATION + "  website: 'https://@'\n", "[]\n",
         "associations.yaml", 6, "naam van de site"),
    Case("a port out of range", ASSOCIATION + "  website: 'https://x.nl:99999/'\n", "[]\n",
         "associations.yaml", 6, "poortnummer"),
    Case("an unclosed IPv6 host", ASSOCIATION + "  website: 'http://[::1'\n", "[]\n",
         "associations.yaml", 6, "controleer het deel"),
    Case("more events than a site can publish", ASSOCIATION,
         "".join(f"- id: e{i}\n  title: E\n  start: 2027-05-01\n" for i in range(20_001)),
         "events.yaml", 60_001, "hoogstens 20.000"),
]  # fmt: skip
