"""Corrections of extraction: validate, apply over extraction (every read sees them), record.

A sentence's effective fields (``actors``, ``acts``, ``organizations``, ``dates``) are always
its extraction with the active corrections applied, in the fixed order of
:data:`~communique.tracker.models.CORRECTABLE_FIELDS`; ``is_commitment`` adds or removes the
commit act. Correcting a sentence creates, updates or deactivates its commitment accordingly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from communique.errors import InputError, NotFoundError
from communique.model import ACTS, COMMITMENT_ACTS
from communique.tracker.models import (
    CORRECTABLE_FIELDS,
    Commitment,
    Correction,
    Mention,
    Sentence,
    bar_key,
)
from communique.tracker.services import history
from communique.tracker.services.users import UserLike, resolve_user
from communique.tracker.services.values import parse_id

_PARTY = re.compile(r"^[A-Z]{3}$")
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
# The correctable fields that hold a list (the effective columns of a sentence); is_commitment is a flag over acts.
LIST_FIELDS: tuple[str, ...] = tuple(f for f in CORRECTABLE_FIELDS if f != "is_commitment")


def normalise_value(field: str, value: Any) -> Any:
    """Check a correction value and bring it to the interchange shape; InputError when wrong."""
    if field not in CORRECTABLE_FIELDS:
        raise InputError(f"cannot correct {field!r}; correctable fields: {', '.join(CORRECTABLE_FIELDS)}")
    if field == "is_commitment":
        if not isinstance(value, bool):
            raise InputError("is_commitment: value must be true or false")
        return value
    if not isinstance(value, list):
        raise InputError(f"{field}: value must be a JSON list")
    if field == "actors":
        codes = [str(v).strip().upper() for v in value]
        bad = [c for c in codes if not _PARTY.match(c)]
        if bad:
            raise InputError(f"actors: {bad[0]!r} is not an ISO 3166-1 alpha-3 code such as JPN")
        return sorted(set(codes))
    if field == "acts":
        bad = [a for a in value if a not in ACTS]
        if bad:
            raise InputError(f"acts: unknown act {bad[0]!r}; known: {', '.join(ACTS)}")
        return list(dict.fromkeys(value))
    if field == "organizations":
        out = []
        for item in value:
            if isinstance(item, str) and item.strip():
                out.append({"mention": item.strip(), "name": item.strip(), "aliases": []})
            elif isinstance(item, dict) and isinstance(item.get("mention"), str) and item["mention"].strip():
                aliases = item.get("aliases") or []
                if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                    raise InputError("organizations: aliases must be a list of strings")
                name = item.get("name")
                if name is not None and not isinstance(name, str):
                    raise InputError("organizations: name must be a string")
                out.append({"mention": item["mention"].strip(), "name": name, "aliases": list(aliases)})
            else:
                raise InputError('organizations: each item is a name or {"mention": ..., "name": ...}')
        return out
    # dates
    out = []
    for item in value:
        if isinstance(item, str):
            item = {"mention": item, "value": item}
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            raise InputError('dates: each item is an ISO date or {"mention": ..., "value": ...}')
        if not _DATE_VALUE.match(item["value"]):
            raise InputError(f"dates: {item['value']!r} is not ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, or a range a/b)")
        out.append({"mention": str(item.get("mention", "")), "value": item["value"]})
    return out


def apply_corrections(extracted: dict[str, Any], corrections: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Effective values: ``extracted`` overridden by ``(field, value)`` pairs (the last per field wins)."""
    latest = dict(corrections)
    out = {field: latest[field] if field in latest else list(extracted.get(field, [])) for field in LIST_FIELDS}
    if "is_commitment" in latest:
        acts = [a for a in out["acts"] if a not in COMMITMENT_ACTS]
        if latest["is_commitment"]:
            had = [a for a in out["acts"] if a in COMMITMENT_ACTS]
            acts = (had or ["commit"]) + acts
        out["acts"] = acts
    return out


def strength_of(acts: list[str]) -> str | None:
    """firm for commit, soft for consider, None when the sentence is not a commitment."""
    for act, strength in COMMITMENT_ACTS.items():
        if act in acts:
            return strength
    return None


def responsible_party(actors: list[str]) -> str:
    return actors[0] if len(actors) == 1 else ("joint" if actors else "")


def current_value(sentence: Sentence, field: str) -> Any:
    if field == "is_commitment":
        return strength_of(sentence.acts) is not None
    return getattr(sentence, field)


@transaction.atomic
def correct_sentence(sentence: Sentence | int | str, field: str, value: Any, user: UserLike, why: str = "") -> Correction:
    """Record a correction of one field of a sentence and apply it everywhere.

    ``field``: actors, acts, organizations, dates or is_commitment; ``value`` as in the
    interchange format (organizations and dates may also be plain strings). The previous
    active correction of the field is deactivated (recorded). Raises InputError / NotFoundError.
    """
    value = normalise_value(field, value)
    who = resolve_user(user)
    sid = sentence.pk if isinstance(sentence, Sentence) else parse_id(sentence, "sentence ID")
    try:
        s = Sentence.objects.select_for_update().get(pk=sid)
    except Sentence.DoesNotExist:
        raise NotFoundError(f"no sentence with ID {sid}") from None
    old = current_value(s, field)
    Correction.objects.filter(sentence=s, field=field, active=True).update(active=False)
    correction = Correction.objects.create(sentence=s, field=field, value=value, created_by=who, why=why)
    history.record("sentence", s.pk, f"correction:{field}", old, value, who, why)
    refresh_sentence(s, who, why or f"correction of {field}")
    return correction


@transaction.atomic
def withdraw_correction(correction_id: int | str, user: UserLike, why: str = "") -> Correction:
    """Deactivate a correction (recorded); the sentence falls back to extraction or an older correction."""
    who = resolve_user(user)
    cid = parse_id(correction_id, "correction ID")
    try:
        c = Correction.objects.select_for_update().get(pk=cid)
    except Correction.DoesNotExist:
        raise NotFoundError(f"no correction with ID {cid}") from None
    if not c.active:
        raise InputError(f"correction {cid} is already withdrawn")
    c.active = False
    c.save(update_fields=["active"])
    history.record("sentence", c.sentence_id, f"correction:{c.field}", c.value, None, who, why or "withdrawn")
    refresh_sentence(Sentence.objects.get(pk=c.sentence_id), who, why or "correction withdrawn")
    return c


def active_corrections(sentence: Sentence) -> list[tuple[str, Any]]:
    return [(c.field, c.value) for c in sentence.corrections.filter(active=True).order_by("id")]


def refresh_sentence(s: Sentence, user: Any, why: str) -> None:
    """Recompute a sentence's effective fields, its organization mentions and its commitment."""
    from communique.tracker.services.importing import organization_name, organizations_for

    effective = apply_corrections(s.extracted, active_corrections(s))
    orgs_changed = effective["organizations"] != s.organizations
    for field, value in effective.items():
        setattr(s, field, value)
    s.actors_key = bar_key(s.actors)
    s.acts_key = bar_key(s.acts)
    s.save(update_fields=[*LIST_FIELDS, "actors_key", "acts_key"])
    orgs = organizations_for([s.organizations])
    if orgs_changed:
        Mention.objects.filter(sentence=s, active=True).update(active=False)
        Mention.objects.bulk_create(
            [Mention(sentence=s, organization=orgs[organization_name(o)], text=o["mention"]) for o in s.organizations]
        )
    _sync_commitment(s, [orgs[organization_name(o)] for o in s.organizations], user, why)


def _sync_commitment(s: Sentence, organizations: list[Any], user: Any, why: str) -> None:
    strength = strength_of(s.acts)
    c = Commitment.objects.filter(sentence=s).first()
    if c is None:
        if strength is None:
            return
        from communique.tracker.services.importing import new_commitment

        c = new_commitment(s, s.section, strength)
        c.save()
        c.responsible_organizations.set(organizations)
        history.record("commitment", c.pk, "created", None, history.commitment_state(c), user, why)
        return
    changes: dict[str, Any] = {
        "actors": s.actors,
        "actors_key": bar_key(s.actors),
        "responsible_party": responsible_party(s.actors),
    }
    if strength is not None:
        changes["strength"] = strength
    active = strength is not None
    changes = {k: v for k, v in changes.items() if getattr(c, k) != v}
    if active != c.active:
        changes["active"] = active
        history.record("commitment", c.pk, "active", c.active, active, user, why)
    if changes:
        Commitment.objects.filter(pk=c.pk).update(**changes, version=F("version") + 1, updated_at=timezone.now())
    if {o.pk for o in c.responsible_organizations.all()} != {o.pk for o in organizations}:
        c.responsible_organizations.set(organizations)
