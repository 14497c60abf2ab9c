"""The Dutch answers to a volunteer's request: on the issue as a comment, or printed for
the maintainer to send by e-mail (`from-mail`)."""

from __future__ import annotations

from .github import quiet

UNEXPECTED = (
    "**Dank je voor je bericht.** Bij het verwerken ging bij ons iets mis; dat ligt niet aan "
    "jou. Een beheerder van de site is gewaarschuwd en kijkt ernaar. Je hoeft niets opnieuw "
    "te sturen."
)


def problems_text(
    messages: list[str], thanks: str = "Dank je voor je bericht!", by_mail: bool = False
) -> str:
    """Return the Dutch answer for an entry that is not valid yet (a comment, or an e-mail)."""
    # A message from the data's check starts with the field's label in quotes.
    named = [f"Veld {m}" if m.startswith("'") else m for m in messages]
    lines = "\n".join(f"- {quiet(message)}" for message in named)
    again = (
        "Stuur het opnieuw met de verbeteringen: beantwoord deze e-mail, of vul het formulier "
        "op de site opnieuw in en kies weer 'Stuur per e-mail'."
        if by_mail
        else "Pas je bericht aan: kies rechtsboven bij je bericht de drie puntjes (···) en "
        "dan *Edit*. Na het opslaan controleren we alles opnieuw en verandert dit bericht mee."
    )
    return (
        f"**Nog niet helemaal in orde.** {thanks} Een paar dingen kloppen nog niet:\n\n"
        f"{lines}\n\n{again}"
    )


def accepted_text(pull: str, by_mail: bool = False) -> str:
    """Return the Dutch answer for an entry that became a pull request."""
    again = (
        "Wil je nog iets veranderen? Beantwoord deze e-mail met wat anders moet."
        if by_mail
        else "Wil je nog iets veranderen? Pas je eigen aanmelding aan, het eerste bericht "
        "bovenaan (··· en dan *Edit*); het voorstel verandert dan mee."
    )
    return (
        f"**Dank je, je aanmelding is in orde.** Er staat een voorstel klaar: {pull}. Een "
        f"beheerder van de site kijkt het na en zet het online.\n\n{again}"
    )
