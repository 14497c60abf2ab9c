"""The generated pages: where each page lives, its template and its context.

- `specs`: `PageSpec` (one page the plugin adds), `Shared` (what every page kind reads) and
  the limits that keep every page small; `build`: every page, in order
- by page kind: `listings` (the directory, the agenda, the month pages, home), `entries` (an
  association's and an event's page), `groups` (a region's and a theme's pages)
- `views`: the display form of events, associations and themes; `head`: what a page's
  `<head>` announces (feeds, link previews); `related`: an article's event and associations;
  `join_form`: the forms on the join page, their fields and rules
"""
