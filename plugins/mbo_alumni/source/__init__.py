"""The source: YAML files and front matter -> checked models, every problem at once.

- `yaml_positions`, `yaml_syntax`: YAML text -> plain values with the line and column of every
  node; syntax errors in Dutch on the line where the mistake is; `yaml_scalars`: how YAML
  reads one scalar (text, or yes -> true)
- `model`: the pydantic models, the one truth about the data; `regions`: the region file
- `messages`: pydantic's errors -> Dutch messages with hints; `checks`: rules across entries
  (unique ids, references, staleness); `order`: entries in id order (`mbo-alumni sort`, and
  the warning when they are not)
- `load`: the recipe, files -> `Data`; `articles`: the articles' front matter, checked
- `schema`: the JSON Schemas of the data files; `project`: reading a site's `mkdocs.yml` into
  the settings, for the command line (without MkDocs)
"""
