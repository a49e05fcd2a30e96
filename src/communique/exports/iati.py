"""Development-cooperation commitments as IATI activity XML, version 2.03.

Which commitments: those whose sentence names an organization of a kind listed
under ``organization_kinds`` in ``data/iati.yaml`` (aid agencies such as JICA,
development banks such as JBIC or ADB), or contains a development-cooperation
cue (支援, 円借款, grant, loan, ...). Each becomes one ``iati-activity``:

- ``activity-status``: the tracker status *is* the IATI ActivityStatus code (1-6);
- ``participating-org``: the acting parties' governments (role 2, accountable),
  agencies (3, extending), development banks (1, funding), other named bodies
  (4, implementing);
- ``activity-date``: the statement's date as planned start (type 1), the due
  date as planned end (3);
- ``recipient-country``: the statement's other parties when the commitment's
  actors are only some of them;
- ``sector`` with vocabulary 7 (UN SDG goals) for the goals whose cue words the
  sentence contains.

The output validates against ``schema/iati/iati-activities-schema.xsd``, a subset
of the official 2.03 schema (see the file's header).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from communique.datafiles import load_yaml

IATI_VERSION = "2.03"
SDG_VOCABULARY = "7"
SDG_VOCABULARY_URI = "https://unstats.un.org/sdgs/indicators/indicators-list/"
# reporting-org defaults: an organisation publishing for real sets its own IATI identifier.
DEFAULT_REPORTING_ORG = {"ref": "XX-COMMUNIQUE", "type": "90", "name": "communique export"}


@cache
def _data() -> dict[str, Any]:
    return load_yaml("iati.yaml")


@cache
def _cue_pattern() -> re.Pattern[str]:
    """The cues of every language in one pattern, so a sentence needs no language tag to be matched."""
    cues = _data()["cues"]
    words = cues.get("ja", []) + cues.get("en", [])
    en = set(cues.get("en", []))
    parts = [(r"\b" + re.escape(w)) if w in en else re.escape(w) for w in sorted(words, key=len, reverse=True)]
    return re.compile("|".join(parts), re.I)


def organization_role(kind: str | None) -> tuple[int, str | None]:
    """IATI role code and organisation type code for an organization kind."""
    data = _data()
    entry = data["organization_kinds"].get(kind or "") or data["other_kinds"].get(kind or "") or {"role": 4}
    return int(entry["role"]), (str(entry["type"]) if entry.get("type") else None)


def is_development_cooperation(text: str, organization_kinds: Iterable[str | None]) -> bool:
    if any(k in _data()["organization_kinds"] for k in organization_kinds if k):
        return True
    return bool(_cue_pattern().search(text))


def sdg_goals(text: str) -> list[int]:
    """SDG goals (1-17) whose cue words ``text`` contains, in order."""
    lowered = text.lower()
    goals = []
    for goal, cues in _data()["sdg_goals"].items():
        if any(w in text for w in cues.get("ja", [])) or any(w.lower() in lowered for w in cues.get("en", [])):
            goals.append(int(goal))
    return sorted(goals)


def _narrative(parent: Any, text: str, language: str | None = None) -> None:
    from lxml import etree

    element = etree.SubElement(parent, "narrative")
    if language:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    element.text = text


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def activity_element(activity: Mapping[str, Any], reporting_org: Mapping[str, str]) -> Any:
    """One ``iati-activity`` from a plain activity dict (see :func:`communique.exports.rows.iati_activities`).

    Keys: identifier, title, description, language, status_code, participating
    [{name, role, type?, ref?}], planned_start, planned_end, recipient_countries
    [ISO alpha-2], sdg_goals [int], last_updated.
    """
    from lxml import etree

    language = activity.get("language") or "en"
    root = etree.Element("iati-activity")
    root.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    if activity.get("last_updated"):
        root.set("last-updated-datetime", _iso(activity["last_updated"]))
    etree.SubElement(root, "iati-identifier").text = activity["identifier"]
    org = etree.SubElement(root, "reporting-org", ref=reporting_org["ref"], type=reporting_org["type"])
    _narrative(org, reporting_org["name"])
    _narrative(etree.SubElement(root, "title"), activity["title"])
    description = etree.SubElement(root, "description", type="1")
    _narrative(description, activity["description"])
    for participant in activity["participating"]:
        element = etree.SubElement(root, "participating-org", role=str(participant["role"]))
        if participant.get("ref"):
            element.set("ref", participant["ref"])
        if participant.get("type"):
            element.set("type", str(participant["type"]))
        _narrative(element, participant["name"])
    etree.SubElement(root, "activity-status", code=str(activity["status_code"]))
    if activity.get("planned_start"):
        etree.SubElement(root, "activity-date", {"iso-date": _iso(activity["planned_start"]), "type": "1"})
    if activity.get("planned_end"):
        etree.SubElement(root, "activity-date", {"iso-date": _iso(activity["planned_end"]), "type": "3"})
    countries = list(activity.get("recipient_countries") or [])
    for code in countries:
        etree.SubElement(
            root, "recipient-country", code=code, percentage=_share(len(countries), countries.index(code))
        )
    goals = list(activity.get("sdg_goals") or [])
    for i, goal in enumerate(goals):
        etree.SubElement(
            root, "sector", {"vocabulary": SDG_VOCABULARY, "vocabulary-uri": SDG_VOCABULARY_URI,
                             "code": str(goal), "percentage": _share(len(goals), i)}
        )
    return root


def _share(count: int, index: int) -> str:
    """Percentages that add up to exactly 100 (the last one takes the remainder)."""
    base = round(100 / count, 2)
    return f"{base:g}" if index < count - 1 else f"{round(100 - base * (count - 1), 2):g}"


def iter_iati(
    activities: Iterable[Mapping[str, Any]],
    reporting_org: Mapping[str, str] | None = None,
    generated: dt.datetime | None = None,
) -> Iterator[bytes]:
    """The document in pieces: declaration and root start tag, one activity each, the end tag."""
    from lxml import etree

    org = dict(DEFAULT_REPORTING_ORG, **(reporting_org or {}))
    stamp = (generated or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    yield (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + f'<iati-activities version="{IATI_VERSION}" generated-datetime="{stamp}">\n'.encode()
    )
    for activity in activities:
        yield etree.tostring(activity_element(activity, org), encoding="utf-8", pretty_print=True)
    yield b"</iati-activities>\n"


def iati_bytes(*args: Any, **kwargs: Any) -> bytes:
    return b"".join(iter_iati(*args, **kwargs))


@cache
def schema() -> Any:
    """The shipped IATI activity XSD (subset of 2.03), compiled."""
    from lxml import etree

    path = resources.files("communique").joinpath("schema/iati/iati-activities-schema.xsd")
    return etree.XMLSchema(etree.parse(str(path)))


def validation_errors(data: bytes) -> list[str]:
    from lxml import etree

    xsd = schema()
    document = etree.fromstring(data)
    if xsd.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]
