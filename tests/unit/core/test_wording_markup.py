"""A page's sentence in the catalogue: its inline Markdown written out as HTML, everything else
escaped (a site's wording file changes words and where the links sit, never the markup), and
a count in the locale's plural form."""

from __future__ import annotations

import pytest

from mbo_alumni.core.wording import Wording, WordingError, default

WORDS = Wording(
    {
        "locale": "nl_NL",
        "join": "Kies *Create* of [het <formulier>]({form}) en **{name}**; zie `id`.",
        "file": "Alle keren staan in het [agendabestand]({ics}).",
        "n.one": "{count} vereniging in {region}",
        "n.other": "{count} verenigingen in {region}",
        "keer.other": "{count} keer",
    }
)


def test_links_emphasis_strong_and_code_are_written_out_and_the_rest_escaped() -> None:
    html = WORDS.html("join", form="https://github.com/a/b/issues/new?x=1&y=2", name="<b>'")
    assert html == (
        'Kies <em>Create</em> of <a href="https://github.com/a/b/issues/new?x=1&amp;y=2" '
        'rel="noopener noreferrer">het &lt;formulier&gt;</a> en <strong>&lt;b&gt;&#39;</strong>'
        "; zie <code>id</code>."
    )


def test_a_link_on_the_site_has_no_rel_and_a_download_says_so() -> None:
    assert WORDS.html("file", ics="../borrel.ics") == (
        'Alle keren staan in het <a href="../borrel.ics">agendabestand</a>.'
    )
    download = WORDS.html("file", ics=Wording.link("../borrel.ics", download=True))
    assert '<a href="../borrel.ics" download>agendabestand</a>' in download
    own = WORDS.html("file", ics=Wording.link("https://site.nl/x.ics", own=True))
    assert "rel=" not in own
    assert 'rel="noopener noreferrer"' in WORDS.html("file", ics="https://elders.nl/x.ics")


def test_a_value_cannot_make_markup_of_its_own() -> None:
    html = WORDS.html("join", form="x", name="[klik](javascript:alert(1)) **vet**")
    assert "<a" not in html.split("</a>", 1)[1] and "<strong>[klik]" in html
    assert "javascript" in html and 'href="javascript' not in html


COUNTS = [(0, "0 verenigingen"), (1, "1 vereniging"), (2, "2 verenigingen"),
          (21, "21 verenigingen")]  # fmt: skip


@pytest.mark.parametrize(("number", "said"), COUNTS)
def test_a_count_takes_the_locales_plural_form(number: int, said: str) -> None:
    assert WORDS.count("n", number, region="Zeeland") == f"{said} in Zeeland"


def test_a_count_with_one_form_only_uses_other() -> None:
    assert WORDS.count("keer", 1) == "1 keer"


def test_a_site_may_add_a_plural_form_its_language_needs_and_no_other_key() -> None:
    ours = default()
    more = ours.replaced({"home.count.few": "Er staan {count} verenigingen."}, "woorden.yml")
    assert more.texts["home.count.few"] == "Er staan {count} verenigingen."
    with pytest.raises(WordingError, match="onbekende sleutel 'home.cont.few'"):
        ours.replaced({"home.cont.few": "x"}, "woorden.yml")
    with pytest.raises(WordingError, match=r"gebruikt \{name\}"):
        ours.replaced({"home.count.few": "{name}"}, "woorden.yml")


def test_a_site_may_move_a_link_but_not_point_it_at_a_script() -> None:
    ours = default()
    moved = ours.replaced({"home.join": "[Doe mee]({join}) als vereniging."}, "woorden.yml")
    assert moved.html("home.join", join="../meedoen/") == (
        '<a href="../meedoen/">Doe mee</a> als vereniging.'
    )
    with pytest.raises(WordingError, match="linkt naar 'javascript:alert"):
        ours.replaced({"home.join": "[Doe mee](javascript:alert(1))"}, "woorden.yml")
    for broken in ("[Doe mee]({join} nu)", "[Doe mee]( {join})", "[Doe mee](join"):
        with pytest.raises(WordingError, match="niet goed geschreven"):
            ours.replaced({"home.join": broken}, "woorden.yml")


def test_every_sentence_of_ours_writes_out_with_its_fields() -> None:
    # Each text of the catalogue, given a value for each field, gives HTML without a stray
    # Markdown mark: a typo such as an unclosed [ or * would show on the page.
    ours = default()
    for key, text in ours.texts.items():
        fields = {name: "https://x.nl/" for name in _names(text)}
        html = ours.html(key, **fields)
        stripped = html.replace("https://x.nl/", "")
        assert "](" not in stripped and "**" not in stripped, key


def _names(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
