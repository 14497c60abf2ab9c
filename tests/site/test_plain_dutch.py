"""B1 Dutch on the pages people read: no sentence over 20 words (the usual B1 guideline), the
words a newcomer does not know explained where they first matter, and the spellings the editor
corrected kept corrected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md"))
LONGEST = 20
# A citation in brackets, "(verslag Den Bosch)", and a step's audience, "*Voor de school.*",
# are read as labels, not as part of the sentence.
LABELS = re.compile(r"\((verslag [^)]*|Den Bosch)\)|^\*Voor [^*]*\*")


def sentences(markdown: str) -> list[str]:
    """Return the prose sentences of a page: no front matter, code, tables, headings or HTML
    tags; each list item and paragraph on its own; links and code read as their text."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"</dt>", ": ", text)  # a checklist's "Bij nee": its advice
    text = re.sub(r"<[^>]+>", " ", text)
    blocks: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        item = re.match(r"^(\d+\.|-|\*) (.*)$", stripped)
        if not stripped or stripped.startswith(("|", "#", "!!!")) or item:
            blocks.append([])
            if item:
                blocks[-1].append(item[2])
            continue
        if not blocks:
            blocks.append([])
        blocks[-1].append(stripped)
    found = []
    for block in blocks:
        paragraph = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(block))
        paragraph = re.sub(r"`[^`]*`", "X", paragraph)
        paragraph = re.sub(r"^\*\*[^*]*\*\*\s*", "", paragraph)  # a list item's bold title
        for sentence in re.split(r"(?<=[.!?:;])\s+", paragraph):
            sentence = LABELS.sub("", sentence.strip()).strip()
            if sentence:
                found.append(sentence)
    return found


@pytest.mark.parametrize("path", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_no_sentence_over_twenty_words(path: Path) -> None:
    long = [s for s in sentences(path.read_text(encoding="utf-8")) if len(s.split()) > LONGEST]
    assert not long, "\n".join(f"{len(s.split())}: {s}" for s in long)


@pytest.mark.parametrize("name", ["associations.yaml", "events.yaml"])
def test_no_sentence_over_twenty_words_in_the_data(name: str) -> None:
    """The entries' descriptions are pages too: the directory, the agenda and the embed."""
    entries = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
    for entry in entries:
        found = sentences(entry.get("description") or "")
        long = [s for s in found if len(s.split()) > LONGEST]
        assert not long, (entry["id"], long)


def test_the_sentence_check_sees_a_long_sentence() -> None:
    page = "Een zin " + "met veel woorden " * 7 + "is te lang.\n\n- Kort. Ook kort.\n"
    assert [len(s.split()) for s in sentences(page)] == [26, 1, 2]


@pytest.mark.parametrize(
    ("word", "page", "explained"),
    [
        ("alumnibeleid", "index.md", "Alumnibeleid is"),
        ("roc", "zo-begin-je.md", "Een roc is"),
        ("hbo", "zo-begin-je.md", "Het\nhbo is"),
        ("fte", "zo-begin-je.md", "Een fte is"),
    ],
)
def test_the_words_a_newcomer_does_not_know_are_explained(
    word: str, page: str, explained: str
) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert explained in text, f"{page} says what '{word}' means"


@pytest.mark.parametrize("wrong", ["agenda-bestand", "geen nieuwe bijeenkomsten", "Fte betekent"])
def test_corrected_words_stay_corrected(wrong: str) -> None:
    places = [*DOCS.rglob("*.md"), *(ROOT / "plugins" / "mbo_alumni" / "templates").rglob("*.html")]
    for path in places:
        assert wrong not in path.read_text(encoding="utf-8"), path


# The reports' harder idioms, and the plain words that must follow each within its paragraph.
IDIOMS = {
    "staat of valt met": "lukt het niet",
    "uitgelezen kans": "heel goede",
    "naadloze aansluiting": "past",
    "handen en voeten": "in de praktijk",
}


@pytest.mark.parametrize("idiom", IDIOMS)
def test_an_idiom_has_a_plain_sentence_beside_it(idiom: str) -> None:
    for path in PAGES:
        text = " ".join(path.read_text(encoding="utf-8").split())
        for match in re.finditer(re.escape(idiom), text):
            after = text[match.end() : match.end() + 200]
            assert IDIOMS[idiom] in after, (path.name, text[match.start() : match.end() + 200])
