"""The one "now" of a build or a command: SOURCE_DATE_EPOCH when set, else the wall clock.

Every check that depends on the day ('founded' not after this year, 'announced' not in the
future, staleness, the agenda's split into coming and past) asks here, so a reproducible
build passes or fails the same way on any day.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from .when import AMSTERDAM

__all__ = ["AMSTERDAM", "now", "today"]


def now() -> datetime:
    """Return the moment in UTC, to the second: SOURCE_DATE_EPOCH when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0)


def today(zone: ZoneInfo = AMSTERDAM) -> date:
    """Return the calendar day of now() in the site's zone (the Netherlands by default)."""
    return now().astimezone(zone).date()
