"""Metadata questions (XLSForm `start`, `end`, `today`, `deviceid`, `username`, `instanceID`,
...): the values the app fills in by itself, as one immutable value object.

    meta = Metadata.for_record(record_uuid, started_at, saved_at, device_id, "ann")
    state = FormState(compiled, answers, metadata=meta)   # ${username} etc. in expressions
    state.answers_to_save()                               # ... and in the saved answers

`start` is when collecting began (a record's `started_at`, the same in every revision),
`end` the time of this save, `today` its date (local), `deviceid` the workspace's device id,
`username` the user saving, `instanceID` `uuid:<record uuid>` (seen by expressions, not
saved among the answers: it is the record's own id). Times are ISO 8601 with
milliseconds and the laptop's UTC offset, as ODK Collect writes them. `phonenumber`,
`simserial` and `subscriberid` have no meaning on a laptop: they stay empty, as does `email`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sylcollect.forms.model import Form, Group, Question

#: Metadata a laptop has no value for: always empty.
EMPTY_METADATA = frozenset({"phonenumber", "simserial", "subscriberid", "email"})


def odk_datetime(moment: datetime) -> str:
    """`moment` as ODK writes a dateTime: local time, milliseconds, UTC offset."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Metadata:
    """The values of a record's metadata questions at one save; immutable, thread-safe."""

    start: datetime | None = None
    end: datetime | None = None
    deviceid: str = ""
    username: str = ""
    instance_id: str = ""
    """`uuid:<record uuid>` (the XForm's meta/instanceID)."""

    @classmethod
    def for_record(
        cls,
        record_uuid: str,
        started_at: datetime | None,
        saved_at: datetime,
        device_id: str,
        username: str,
    ) -> Metadata:
        """The metadata of a record saved at `saved_at` (start defaults to that time)."""
        return cls(
            start=started_at or saved_at,
            end=saved_at,
            deviceid=device_id,
            username=username,
            instance_id=f"uuid:{record_uuid}" if record_uuid else "",
        )

    @property
    def today(self) -> date | None:
        """The (local) date of the save."""
        moment = self.end or self.start
        if moment is None:
            return None
        return (moment.astimezone() if moment.tzinfo is not None else moment).date()

    def value(self, kind: str) -> str | None:
        """The text of a metadata question of type `kind` ("" when empty); None if unknown."""
        if kind in EMPTY_METADATA:
            return ""
        if kind in {"start", "end"}:
            moment = self.start if kind == "start" else self.end
            return odk_datetime(moment) if moment is not None else ""
        if kind == "today":
            today = self.today
            return today.isoformat() if today is not None else ""
        if kind == "deviceid":
            return self.deviceid
        if kind == "username":
            return self.username
        if kind == "instanceid":
            return self.instance_id
        return None


def supplied_metadata(form: Form, answers: Mapping[str, Any]) -> list[str]:
    """Where `answers` (as a person supplies them) give a value for a metadata question."""
    found: list[str] = []
    _find(form.root, answers, "", found)
    return found


def _scope(group: Group) -> dict[str, Question | Group]:
    names: dict[str, Question | Group] = {}
    for child in group.children:
        if isinstance(child, Group) and not child.repeat:
            for name, element in _scope(child).items():
                names.setdefault(name, element)
        names.setdefault(child.name, child)
    return names


def _find(group: Group, answers: Mapping[str, Any], prefix: str, found: list[str]) -> None:
    scope = _scope(group)
    for name, value in answers.items():
        element = scope.get(str(name))
        where = f"{prefix}{name}"
        if isinstance(element, Question) and element.is_metadata:
            found.append(where)
        elif isinstance(element, Group) and isinstance(value, Mapping):
            _find(element, value, f"{where}/", found)
        elif isinstance(element, Group) and isinstance(value, list):
            for index, item in enumerate(value, start=1):
                if isinstance(item, Mapping):
                    _find(element, item, f"{where}[{index}]/", found)
