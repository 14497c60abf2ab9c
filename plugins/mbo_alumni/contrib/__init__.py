"""The volunteer's path without git: issue forms in, comments and pull requests out.

- `github`: the one runner of `git` and `gh` (arguments and files only, never a shell)
- `issue_form`: GitHub issue forms read, a submitted body -> an entry (`mbo-alumni from-issue`)
- `intake`: a submitted issue -> one Dutch comment, or a branch and pull request
- `links`, `patrol`: the monthly freshness patrol (dead links, entries not confirmed)
"""
