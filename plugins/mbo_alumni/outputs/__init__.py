"""The outputs: every file beside the pages, made from the models.

- `calendars` (with `ical_lines`, `vtimezone` and `calendar_links`): iCalendar feeds and
  add-to-calendar links
- `news_feeds`: RSS and Atom of the agenda and the articles (feedgen)
- `open_data`: `/api/*.json` and their schemas; `jsonld`: schema.org JSON-LD for the pages
- `embeds`: `/embed/<id>/`, an association's next events for an iframe
- `agenda_slices`: the agenda cut by region and by theme, which several outputs share
- `generators`: the list of generators the plugin loops over; a new output is a module here
  and one line in that list
"""
