"""The page model without a build: which pages the plugin makes, and what each one shows."""

from __future__ import annotations

from datetime import date

from mbo_alumni.core import urls
from mbo_alumni.core.settings import Settings
from mbo_alumni.outputs.agenda_slices import province_facets, theme_facets
from mbo_alumni.outputs.record import Records
from mbo_alumni.pages.build import build_pages
from mbo_alumni.pages.specs import PageSpec
from mbo_alumni.source.load import Data
from mbo_alumni.source.model import Association, Event, Theme
from mbo_alumni.source.regions import dutch_provinces

SITE = Settings().site("https://alumni.test/", "Alumni")
TODAY = date(2027, 1, 1)
A = Association(id="a", name="Aa", institution="School", city="Tilburg", province="Noord-Brabant")
B = Association(id="b", name="Bee", institution="School", city="Sneek", province="Friesland")
EVENTS = [
    Event(id="later", title="Later", start="2027-05-01", organizer=["a"], tags=["t"]),
    Event(id="eerder", title="Eerder", start="2026-05-01", organizer=["a", "b"]),
    Event(id="straks", title="Straks", start="2027-02-01 19:30", organizer=["b"], tags=["t"]),
]
THEMES = [Theme(id="t", name="Thema"), Theme(id="leeg", name="Leeg")]


def pages() -> dict[str, PageSpec]:
    data = Data(associations=[A, B], events=EVENTS, themes=THEMES)
    provinces = dutch_provinces().names
    facets = province_facets(data.associations, data.events, SITE, provinces)
    facets += theme_facets(THEMES, EVENTS, SITE)
    return {
        spec.src_uri: spec
        for spec in build_pages(
            data, [], TODAY, Records.of(data.events, data.associations, SITE), facets
        )
    }


def ids(views: list) -> list[str]:  # type: ignore[type-arg]
    return [v.event.id for v in views]


def test_one_page_per_kind_and_item() -> None:
    assert set(pages()) == {
        "verenigingen/index.md", "agenda/index.md", "themas/index.md",
        "verenigingen/a/index.md", "verenigingen/b/index.md",
        "provincies/noord-brabant/index.md", "provincies/fryslan/index.md",
        "agenda/later/index.md", "agenda/eerder/index.md", "agenda/straks/index.md",
        "themas/t/index.md", "themas/leeg/index.md",
        "agenda/maand/2026-05/index.md", "agenda/maand/2027-02/index.md",
        "agenda/maand/2027-05/index.md", "meedoen/wijzigen/index.md",
    } | {  # every other region has a page too, pointing to the nearest associations
        f"provincies/{slug}/index.md"
        for slug in ("drenthe", "flevoland", "gelderland", "groningen", "limburg",
                     "noord-holland", "overijssel", "utrecht", "zeeland", "zuid-holland")
    }  # fmt: skip
    in_nav = {src for src, spec in pages().items() if spec.in_nav}
    assert in_nav == {"verenigingen/index.md", "agenda/index.md", "themas/index.md"}


def test_agenda_splits_coming_and_past_on_the_build_day() -> None:
    agenda = pages()["agenda/index.md"].context
    assert ids(agenda["upcoming"]) == ["straks", "later"]
    assert [(year, ids(views)) for year, views in agenda["archive"]] == [(2026, ["eerder"])]


def test_association_page_lists_its_own_events_and_feed() -> None:
    spec = pages()["verenigingen/b/index.md"]
    assert ids(spec.context["upcoming"]) == ["straks"] and ids(spec.context["past"]) == ["eerder"]
    assert [a.path for a in spec.alternates] == ["agenda-b.ics"]
    assert spec.context["embed"] == "https://alumni.test/embed/b/"


def test_province_and_theme_pages_announce_their_feeds() -> None:
    province = pages()["provincies/fryslan/index.md"]
    assert [v.association.id for v in province.context["members"]] == ["b"]
    assert ids(province.context["upcoming"]) == ["straks"]
    assert [a.path for a in province.alternates] == [
        "agenda.provincie-fryslan.ics",
        "agenda.provincie-fryslan.rss.xml",
        "agenda.provincie-fryslan.atom.xml",
    ]
    theme = pages()["themas/t/index.md"]
    assert ids(theme.context["upcoming"]) == ["straks", "later"]
    assert theme.alternates[0].path == "agenda.thema-t.ics"
    assert pages()["themas/leeg/index.md"].alternates == ()  # no events, no feeds


def test_directory_groups_in_the_provinces_order() -> None:
    spec = pages()["verenigingen/index.md"]
    assert [province for province, _ in spec.context["groups"]] == ["Fryslân", "Noord-Brabant"]
    assert spec.context["province_pages"]["Fryslân"] == ["provincies/fryslan/"]


def test_titles_are_escaped_in_the_generated_markdown() -> None:
    data = Data(
        associations=[A], events=[Event(id="x", title="<b>Vet</b> & zo", start="2027-01-02")]
    )
    (spec,) = [
        s
        for s in build_pages(data, [], TODAY, Records.of(data.events, data.associations, SITE))
        if s.src_uri == "agenda/x/index.md"
    ]
    assert 'title: "&lt;b&gt;Vet&lt;/b&gt; &amp; zo"' in spec.markdown()


def test_no_list_grows_with_the_data() -> None:
    from mbo_alumni.pages.specs import SHOWN_PAST, SHOWN_UPCOMING

    many = [
        Event(id=f"e{i:04d}", title=f"E {i}", start=f"{2025 + i % 4}-{1 + i // 4 % 12:02d}-15",
              organizer=["a"], tags=["t"])
        for i in range(600)
    ]  # fmt: skip
    data = Data(associations=[A, B], events=many, themes=THEMES)
    facets = province_facets(data.associations, many, SITE, dutch_provinces().names)
    facets += theme_facets(THEMES, many, SITE)
    specs = {
        s.src_uri: s
        for s in build_pages(
            data, [], TODAY, Records.of(data.events, data.associations, SITE), facets
        )
    }
    agenda = specs["agenda/index.md"].context
    assert len(agenda["upcoming"]) == SHOWN_UPCOMING
    assert agenda["later"] == 300 - SHOWN_UPCOMING  # 2027 and 2028 are coming: 150 each
    assert agenda["archive"] == [] and agenda["past_count"] == 300  # too many: by month
    assert len(agenda["months"]) == 48
    assert sum(len(m.events) for m in agenda["months"]) == 600  # every event has its month
    for page in ("provincies/noord-brabant/index.md", "themas/t/index.md"):
        context = specs[page].context
        assert len(context["upcoming"]) == SHOWN_UPCOMING
        assert len(context["past"]) == SHOWN_PAST // 2 and context["left_out"] == 500
    month = specs["agenda/maand/2027-03/index.md"]
    assert {v.event.id for v in month.context["month"].events} == {
        e.id for e in many if e.start.year == 2027 and e.start.month == 3
    }


def test_a_crowded_month_and_a_crowded_province_come_in_parts() -> None:
    from mbo_alumni.pages.specs import MONTH_PAGE_EVENTS, REGION_PAGE_ASSOCIATIONS

    # Everything in one month and one province: the most uneven spread there is.
    members = [
        Association(id=f"a{i:04d}", name=f"Vereniging {i}", institution="School",
                    city="Tilburg", province="Noord-Brabant")
        for i in range(2 * REGION_PAGE_ASSOCIATIONS + 1)
    ]  # fmt: skip
    crowded = [
        Event(id=f"e{i:04d}", title=f"E {i}", start=f"2027-03-{1 + i % 28:02d} 19:30",
              organizer=[members[i].id])
        for i in range(2 * MONTH_PAGE_EVENTS + 1)
    ]  # fmt: skip
    data = Data(associations=members, events=crowded)
    facets = province_facets(members, crowded, SITE, dutch_provinces().names)
    specs = {
        s.src_uri: s
        for s in build_pages(
            data, [], TODAY, Records.of(data.events, data.associations, SITE), facets
        )
    }
    months = [s for uri, s in specs.items() if uri.startswith("agenda/maand/2027-03/")]
    assert [len(s.context["month"].events) for s in months] == [MONTH_PAGE_EVENTS] * 2 + [1]
    shown = [v.event.id for s in months for v in s.context["month"].events]
    assert sorted(shown) == [e.id for e in crowded]  # every event on exactly one part
    agenda_links = [m.url for m in specs["agenda/index.md"].context["months"]]
    assert [urls.page_source(u) for u in agenda_links] == [s.src_uri for s in months]
    regions = [s for uri, s in specs.items() if uri.startswith("provincies/noord-brabant/")]
    assert [len(s.context["members"]) for s in regions] == [REGION_PAGE_ASSOCIATIONS] * 2 + [1]
    listed = [v.association.id for s in regions for v in s.context["members"]]
    assert sorted(listed) == [a.id for a in members]
    parts = specs["verenigingen/index.md"].context["province_pages"]["Noord-Brabant"]
    assert [urls.page_source(p) for p in parts] == [s.src_uri for s in regions]
    assert "upcoming" in regions[0].context and "upcoming" not in regions[1].context
