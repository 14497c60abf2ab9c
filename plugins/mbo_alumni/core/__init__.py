"""The core: what every other part needs and that imports nothing else of this package.

- `problems`: a problem at file:line:col, the errors that carry them, and "bedoel je ...?"
- `dates`: parsing the data's dates and times in the site's zone, and the one clock
  (`SOURCE_DATE_EPOCH` or the wall clock) every check and build asks for "now"
- `wording`: the catalogue of generated text (`wording/nl.yaml`) and dates in words (Babel)
- `settings`: every option of the plugin with its default, in one frozen object
- `urls`: where everything lives on the site; `website`: what every output knows of its site
- `markup`: Markdown fields (raw-HTML check, rendering, sanitising with nh3)
- `templating`: the package's own Jinja environment; `scratch`: writing a build's generated
  files into site_dir; `gcpause`: the cyclic garbage collector paused for bulk work
"""
