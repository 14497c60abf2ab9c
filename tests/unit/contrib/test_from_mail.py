"""A request by e-mail (`mbo-alumni from-mail`): what mail programs do to a body is undone,
the same branch and pull request as an issue's are made through the `gh` stand-in, the
sender's address stays out of everything public, nothing merges by itself, and the Dutch
answer is printed for the maintainer to send."""

from __future__ import annotations

import base64
import quopri
import textwrap
from email.message import EmailMessage
from pathlib import Path

import pytest
import yaml
from test_intake import ASSOCIATION

from conftest import body, git
from mbo_alumni.contrib.mail import html_text, unflow
from remotes import Repo, from_mail

SENDER = "vrijwilliger@school.example.org"
LONG_SITE = "https://www.testcollege.example.org/alumni/over-ons/de-vereniging-en-haar-leden"


def request(form: str, answers: dict[str, str], name: str) -> str:
    """The text the site's "Stuur per e-mail" writes: its kind, then GitHub's layout."""
    return f"Soort verzoek: {name}\n\nDit verzoek is gemaakt met het formulier.\n\n" + body(
        form, answers
    ).replace("\n\n_No response_", "\n\n")


NEW = request("vereniging-aanmelden.yml", {**ASSOCIATION, "website": LONG_SITE,
              "description": "Wij brengen oud-studenten samen. Eens per jaar een reünie, "
              "met sprekers uit het werkveld en tijd om bij te praten."},
              "Vereniging aanmelden")  # fmt: skip


def plain(text: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"Sam <{SENDER}>"
    message["To"] = "aanmelden@alumni.test"
    message["Subject"] = headers.pop("subject", "Vereniging: Bee Alumni")
    message.set_content(text, cte=headers.pop("cte", "quoted-printable"))
    return bytes(message)


def flowed(text: str) -> bytes:
    """A body sent format=flowed with delsp=yes (RFC 3676 4.2): lines cut at 60, each soft
    break marked by a space that the reader deletes, so a long link may be cut anywhere."""
    lines = []
    for line in text.split("\n"):
        pieces = textwrap.wrap(line, 60, break_long_words=True, break_on_hyphens=False,
                               drop_whitespace=False) or [""]  # fmt: skip
        lines += [p + " " for p in pieces[:-1]] + [pieces[-1]]
    raw = "\r\n".join(lines)
    return (
        f"From: {SENDER}\r\nTo: aanmelden@alumni.test\r\nSubject: Aanmelding\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: text/plain; charset="utf-8"; format=flowed; delsp=yes\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + base64.encodebytes(raw.encode("utf-8"))


def wrapped(text: str) -> bytes:
    """A body hard-wrapped at 72 characters, as some webmail sends it."""
    lines = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, 72, break_long_words=True, break_on_hyphens=False) or [""]
    return plain("\n".join(lines), cte="8bit")


def html_mail(text: str) -> bytes:
    message = EmailMessage()
    message["From"] = SENDER
    message["Subject"] = "Aanmelding"
    message.set_content("Zie de HTML-versie.")  # a text part without the request
    markup = "".join(f"<div>{line or '<br>'}</div>" for line in text.split("\n"))
    message.add_alternative(f"<html><body>{markup}</body></html>", subtype="html")
    return bytes(message)


def forwarded(text: str) -> bytes:
    return plain(
        "Zie hieronder.\n\n---------- Forwarded message ---------\n"
        f"Van: Sam de Vries <{SENDER}>\nDate: ma 7 dec 2026\nSubject: Aanmelding\n\n" + text,
        cte="8bit",
    ).replace(SENDER.encode(), b"beheer@alumni.test", 1)


def reply_above(text: str) -> bytes:
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
    return plain(
        "Ik was het jaar van oprichting vergeten, sorry! Het klopt verder.\n\n"
        f"Op ma 7 dec 2026 om 10:00 schreef Sam <{SENDER}>:\n{quoted}\n\n-- \nSam",
        cte="quoted-printable",
    )


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


@pytest.mark.parametrize("shape", [plain, flowed, wrapped, html_mail, forwarded, reply_above])
def test_every_mail_shape_becomes_the_same_pull_request(repo: Repo, shape) -> None:  # type: ignore[no-untyped-def]
    result = from_mail(repo, shape(NEW))
    assert result.returncode == 0, result.stderr
    branches = [b for b in repo.branches() if b.startswith("aanmelding/mail-")]
    assert len(branches) == 1, repo.branches()
    data = yaml.safe_load(repo.branch_file(branches[0], "data/associations.yaml"))
    added = next(a for a in data if a["id"] == ASSOCIATION["id"])
    assert added["website"] == LONG_SITE and added["name"] == "Bee Alumni"
    assert added["description"].startswith("Wij brengen oud-studenten samen.")
    assert "reünie" in added["description"]
    (pull,) = repo.github()["pulls"]
    assert "per e-mail is ontvangen" in pull["body"] and "Closes" not in pull["body"]
    calls = repo.log.read_text(encoding="utf-8")
    assert SENDER not in calls and SENDER not in git(repo.remote, "log", "--all", "-p")
    assert '"pr", "merge"' not in calls and repo.github()["comments"] == []
    # The answer for the maintainer names whom to send it to, in Dutch, with the whole link.
    assert f"aan {SENDER}:" in result.stdout
    assert "https://github.com/mbo/alumni/pull/100" in result.stdout
    assert "je aanmelding is in orde" in result.stdout and "Edit" not in result.stdout


def test_the_same_request_again_updates_one_pull_request(repo: Repo) -> None:
    assert from_mail(repo, plain(NEW), 1).returncode == 0
    assert from_mail(repo, reply_above(NEW), 2).returncode == 0
    assert len(repo.github()["pulls"]) == 1


def test_a_mistake_gets_a_dutch_answer_by_mail(repo: Repo) -> None:
    wrong = NEW.replace(ASSOCIATION["email"], "geen-adres")
    result = from_mail(repo, plain(wrong))
    assert result.returncode == 0, result.stderr
    assert "Veld 'Algemeen e-mailadres'" in result.stdout
    assert "beantwoord deze e-mail" in result.stdout and repo.github().get("pulls", []) == []


def test_a_mail_without_a_request_is_refused_in_dutch(repo: Repo) -> None:
    result = from_mail(repo, plain("Hallo, kunnen wij op de site?"))
    assert result.returncode == 1 and "geen verzoek van het formulier" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_change_by_mail_never_merges_by_itself(repo: Repo) -> None:
    text = request("vereniging-wijzigen.yml", {"id": "a-academy", "city": "Tilburg"},
                   "Gegevens van een vereniging wijzigen")  # fmt: skip
    result = from_mail(repo, plain(text))
    assert result.returncode == 0, result.stderr
    (pull,) = repo.github()["pulls"]
    assert "Per e-mail ontvangen" in pull["body"] and "Plaats:" in pull["body"]
    assert '"pr", "merge"' not in repo.log.read_text(encoding="utf-8")


def test_flowed_text_and_html_are_read_as_written() -> None:
    assert unflow("een lange \r\nregel\n> geciteerd \n> verder\nklaar") == (
        "een lange regel\n> geciteerd verder\nklaar"
    )
    assert unflow("samen-\nvoegen", delsp=False) == "samen-\nvoegen"
    text = html_text("<p>Een &amp; twee</p><blockquote><div>### Naam</div></blockquote>")
    assert [line for line in text.split("\n") if line] == ["Een & twee", "> ### Naam"]
    assert quopri  # the plain shape is sent quoted-printable (EmailMessage's cte)
