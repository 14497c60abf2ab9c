"""A request by e-mail -> the request an issue form would have made: `mbo-alumni from-mail`.

The site's forms offer "Stuur per e-mail" to volunteers without a GitHub account. The mail
carries the request as GitHub writes an issue ("### <label>", a blank line, the answer) under
a line "Soort verzoek: <the form's name>", so intake reads it as it reads an issue. On its way
a mail program may have encoded the body (quoted-printable, base64), flowed it (RFC 3676
`format=flowed`), wrapped long lines, sent HTML beside (or instead of) text, forwarded it, or
quoted it under a reply written above. This module undoes each, and finds the request.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr
from html.parser import HTMLParser
from pathlib import Path

import yaml

from . import issue_form

KIND = re.compile(
    r"^(?P<quote>[ \t]*(?:>[ \t]?)*)[ \t]*Soort verzoek:[ \t]*(?P<name>\S.*?)\s*$", re.M
)
# Where a forwarded message starts, in the mail programs' Dutch and English words.
_FORWARD = re.compile(
    r"(Forwarded message|Doorgestuurd bericht|Original Message|Oorspronkelijk bericht"
    r"|Begin forwarded message|Begin doorgestuurd bericht)",
    re.I,
)
_FROM_LINE = re.compile(r"^[ \t>]*(?:From|Van):[ \t]*(?P<who>.+)$", re.M)
_SIGNATURE = re.compile(r"^(--|_{8,}|-{8,})\s*$")  # a signature, Outlook's rule under a reply


class MailError(Exception):
    """The message is not a request from the site's forms; the text says why, in Dutch."""


@dataclass(frozen=True)
class MailRequest:
    """A request found in an e-mail."""

    sender: str  # the address to answer (never published)
    form_file: str  # vereniging-aanmelden.yml
    label: str  # the issue form's label: which intake takes it
    body: str  # the request as an issue body
    key: str  # the same sender, form and entry give the same key (one pull request)
    subject: str = ""
    above: str = ""  # what the sender wrote above a quoted request, for the maintainer


def unflow(text: str, delsp: bool = False) -> str:
    """Return a `format=flowed` body (RFC 3676) with its soft line breaks joined."""
    lines: list[str] = []
    open_line: str | None = None
    open_depth = 0
    for raw in text.split("\n"):
        raw = raw.rstrip("\r")
        depth = len(raw) - len(raw.lstrip(">"))
        content = raw[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing (and the space after '>')
        flowed = content.endswith(" ") and content != "-- "
        if flowed and delsp:
            content = content[:-1]
        if open_line is not None and depth == open_depth:
            open_line += content
        else:
            if open_line is not None:
                lines.append(_quoted(open_depth, open_line))
            open_line, open_depth = content, depth
        if not flowed:
            lines.append(_quoted(open_depth, open_line))
            open_line = None
    if open_line is not None:
        lines.append(_quoted(open_depth, open_line))
    return "\n".join(lines)


def _quoted(depth: int, text: str) -> str:
    return f"{'>' * depth} {text}" if depth else text


class _Text(HTMLParser):
    """The text of an HTML mail: blocks and <br> as line breaks, <blockquote> as '> '."""

    BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.depth = 0
        self.skip = 0

    def _break(self) -> None:
        self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        elif tag == "br" or tag in self.BLOCKS:
            self._break()
        elif tag == "blockquote":
            self.depth += 1
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self._break()
        elif tag == "blockquote":
            self.depth = max(0, self.depth - 1)
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        parts = re.sub(r"[ \t\r\n]+", " ", data).split("\n")
        for index, part in enumerate(parts):
            if index:
                self._break()
            if not self.lines[-1] and self.depth:
                self.lines[-1] = "> " * self.depth
            self.lines[-1] += part.replace("\xa0", " ")

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines)


def html_text(markup: str) -> str:
    """Return the readable text of an HTML mail body."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return html.unescape(parser.text())


def _texts(message: EmailMessage) -> list[tuple[str, EmailMessage]]:
    """Return every text body of the message, plain ones first, each with the message it
    belongs to (a forwarded message attached whole is a message of its own)."""
    plain: list[tuple[str, EmailMessage]] = []
    rich: list[tuple[str, EmailMessage]] = []

    def walk(part: EmailMessage, owner: EmailMessage) -> None:
        if part.get_content_type() == "message/rfc822":
            for inner in part.iter_parts():
                walk(inner, inner)  # type: ignore[arg-type]
            return
        if part.is_multipart():
            for inner in part.iter_parts():
                walk(inner, owner)  # type: ignore[arg-type]
            return
        if part.get_content_disposition() == "attachment" and part.get_content_maintype() == "text":
            return
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            return
        if not isinstance(content, str):
            return
        if part.get_content_type() == "text/plain":
            if str(part.get_param("format", "")).lower() == "flowed":
                content = unflow(content, str(part.get_param("delsp", "")).lower() == "yes")
            plain.append((content, owner))
        elif part.get_content_type() == "text/html":
            rich.append((html_text(content), owner))

    walk(message, message)
    return plain + rich


def _depth(prefix: str) -> int:
    return prefix.count(">")


def _request_lines(text: str, start: int, depth: int) -> list[str]:
    """Return the lines of the request from `start` on, without their quote marks: it ends
    where the quoting ends (a reply below it), or at a signature."""
    lines: list[str] = []
    pending_blank = 0
    for line in text[start:].split("\n"):
        marks = re.match(r"^[ \t]*((?:>[ \t]?)*)", line)
        found = _depth(marks.group(1)) if marks else 0
        content = line[marks.end() :] if marks else line
        if found < depth:
            if line.strip():
                break  # the quoted request has ended
            pending_blank += 1
            continue
        if depth and found > depth:
            content = ">" * (found - depth) + " " + content
        if _SIGNATURE.match(content):
            break
        lines.extend([""] * pending_blank)
        pending_blank = 0
        lines.append(content.rstrip())
    return lines


def _unwrapped(body: str, form: issue_form.Form) -> str:
    """Return the body with each one-line answer on one line again: a mail program may have
    wrapped a long answer (a link, a title); a text field's answer is one line."""
    answers = issue_form.answers(body, form)
    parts = []
    for field in form.fields:
        value = answers.get(field.id, "")
        if not value:
            continue
        if field.kind == "input":
            pieces = [piece.strip() for piece in value.split("\n") if piece.strip()]
            url = bool(pieces) and re.match(r"https?://", pieces[0]) and len(pieces) > 1
            value = ("" if url and all(" " not in p for p in pieces) else " ").join(pieces)
        parts.append(f"### {field.label}\n\n{value}")
    return "\n\n".join(parts) + "\n"


def _forms(forms_dir: Path) -> dict[str, tuple[str, str]]:
    """Return {form name, folded: (file, label)} of the issue forms intake takes."""
    found = {}
    for path in sorted(forms_dir.glob("*.yml")):
        try:
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
            name, labels = str(spec["name"]), spec.get("labels") or []
        except (OSError, yaml.YAMLError, KeyError, TypeError):
            continue
        if labels:
            found[name.casefold()] = (path.name, str(labels[0]))
    return found


def _sender_of(text: str, before: int, owner: EmailMessage, message: EmailMessage) -> str:
    """Return who sent the request: the forwarded message's sender when it was forwarded,
    else the reply address, else the sender of the mail."""
    if owner is not message:
        return parseaddr(str(owner.get("From", "")))[1]
    forward = list(_FORWARD.finditer(text, 0, before))
    if forward:
        header = _FROM_LINE.search(text, forward[-1].end(), before)
        if header:
            address = (
                parseaddr(header.group("who"))[1]
                or (re.search(r"[\w.+-]+@[\w.-]+\.\w+", header.group("who")) or [""])[0]
            )
            if address:
                return str(address)
    return parseaddr(str(message.get("Reply-To") or message.get("From") or ""))[1]


def read_request(raw: bytes, forms_dir: Path) -> MailRequest:
    """Return the request in an e-mail (the bytes of an .eml file), or raise MailError."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not isinstance(message, EmailMessage):  # pragma: no cover - policy.default makes one
        raise MailError("geen e-mailbericht")
    forms = _forms(forms_dir)
    for text, owner in _texts(message):
        match = KIND.search(text)
        if not match:
            continue
        known = forms.get(match["name"].strip().rstrip(".").casefold())
        if known is None:
            names = ", ".join(sorted(n for n in forms))
            raise MailError(
                f"'Soort verzoek: {match['name']}' is geen formulier van de site (bekend: {names})"
            )
        file, label = known
        form = issue_form.read_form(forms_dir / file)
        lines = _request_lines(text, match.end() + 1, _depth(match["quote"]))
        body = _unwrapped("\n".join(lines), form)
        sender = _sender_of(text, match.start(), owner, message)
        if not sender:
            raise MailError("het bericht heeft geen afzender (From) om te antwoorden")
        ident = issue_form.answers(body, form).get("id", "").strip()
        key = hashlib.sha256(f"{sender.casefold()}\n{file}\n{ident}".encode()).hexdigest()[:10]
        above = "\n".join(
            line for line in text[: match.start()].split("\n")[:40] if line.strip()
        ).strip() if _depth(match["quote"]) else ""  # fmt: skip
        return MailRequest(sender, file, label, body, key, str(owner.get("Subject", "")), above)
    raise MailError(
        "in dit bericht staat geen verzoek van het formulier (een regel 'Soort verzoek: ...' "
        "gevolgd door de vragen met ###); vraag de afzender het formulier op de site te gebruiken"
    )
