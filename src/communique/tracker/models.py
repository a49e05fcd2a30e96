"""The tracker's database: statements and their text, organizations, commitments, evidence,
corrections and the append-only history.

Overview (one row per ...):

- :class:`Statement`: imported file version. Same ``source_name`` with a new content hash
  makes a new version (``previous`` -> the older one, ``is_current`` on the newest).
- :class:`Section`, :class:`Paragraph`, :class:`Sentence`: the statement's text as parsed.
  A sentence keeps what extraction found (``extracted``) and its *effective* values
  (``actors``, ``acts``, ``organizations``, ``instruments``, ``dates``): extraction with the
  active :class:`Correction` rows applied. Every read uses the effective columns.
  ``key`` matches a sentence across versions of its statement.
- :class:`Organization` (+ :class:`OrganizationAlias`) and :class:`Mention` (sentence <-> org).
- :class:`Commitment`: one per commit/consider sentence, with IATI status, G7 compliance
  score, due date, assignee and ``version`` (optimistic locking).
- :class:`Evidence`: link / note / file / paragraph of another statement, dated, attributed.
- :class:`HistoryEntry`: every change to a commitment, evidence or correction; never updated
  or deleted.

Nothing is deleted: withdrawing evidence or a correction, or a sentence stopping being a
commitment, sets a flag through a service that records the change. Change data only through
``communique.tracker.services``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

# IATI activity-status codes (https://iatistandard.org/en/iati-standard/203/codelists/activitystatus/)
STATUS_CHOICES: list[tuple[int, str]] = [
    (1, "pipeline"),
    (2, "implementation"),
    (3, "finalisation"),
    (4, "closed"),
    (5, "cancelled"),
    (6, "suspended"),
]
STATUS_CODES: dict[str, int] = {name: code for code, name in STATUS_CHOICES}
STATUS_NAMES: dict[int, str] = dict(STATUS_CHOICES)

# G7 Research Group compliance scale.
SCORE_CHOICES: list[tuple[int, str]] = [(-1, "no compliance"), (0, "partial"), (1, "full compliance")]

PRECISION_CHOICES: list[tuple[str, str]] = [("year", "year"), ("month", "month"), ("day", "day")]
STRENGTH_CHOICES: list[tuple[str, str]] = [("firm", "firm (commit)"), ("soft", "soft (consider)")]
EVIDENCE_KINDS: list[tuple[str, str]] = [
    ("link", "link"),
    ("note", "note"),
    ("file", "file reference"),
    ("paragraph", "paragraph of another statement"),
]
CORRECTABLE_FIELDS: tuple[str, ...] = ("actors", "acts", "organizations", "dates", "is_commitment")


def bar_key(values: list[str]) -> str:
    """``["JPN", "KAZ"] -> "|JPN|KAZ|"``: a plain text column that ``LIKE '%|JPN|%'`` filters on both databases."""
    return "|" + "|".join(sorted(set(values))) + "|" if values else ""


class Statement(models.Model):
    """One imported version of a statement file."""

    source_name = models.CharField(max_length=1000, db_index=True, help_text="absolute path or given name")
    sha256 = models.CharField(max_length=64, unique=True)
    version = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    is_current = models.BooleanField(default=True, db_index=True)
    title = models.TextField(blank=True, default="")
    language = models.CharField(max_length=8, default="ja")
    date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True, default="")
    parties = models.JSONField(default=list)
    parties_key = models.CharField(max_length=500, blank=True, default="", db_index=True)
    parse = models.JSONField(help_text="the parse as communique/statement@1 (extraction, no corrections)")
    parser_version = models.CharField(max_length=40)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.title or self.source_name} (v{self.version})"


class Section(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="sections")
    sid = models.CharField(max_length=50, help_text="id in the parse")
    label = models.CharField(max_length=50, blank=True, default="")
    title = models.TextField(blank=True, default="")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["statement_id", "position"]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()


class Paragraph(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="paragraphs")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.PROTECT, related_name="paragraphs")
    pid = models.CharField(max_length=50, help_text="id in the parse")
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["statement_id", "position"]

    def __str__(self) -> str:
        return f"{self.number or ''} {self.text[:60]}".strip()


class Sentence(models.Model):
    """A sentence with its extraction; the plain fields are the effective (corrected) values."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="sentences")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="sentences")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.PROTECT, related_name="sentences")
    sid = models.CharField(max_length=50, help_text="id in the parse")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    key = models.CharField(max_length=64, db_index=True, help_text="matches the sentence across versions")
    extracted = models.JSONField(default=dict, help_text="what extraction found, before corrections")
    actors = models.JSONField(default=list)
    acts = models.JSONField(default=list)
    organizations = models.JSONField(default=list)
    instruments = models.JSONField(default=list)
    dates = models.JSONField(default=list)
    due = models.CharField(max_length=10, blank=True, default="", help_text="due date found by extraction")
    actors_key = models.CharField(max_length=200, blank=True, default="")
    acts_key = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["statement_id", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class Organization(models.Model):
    name = models.CharField(max_length=300, unique=True, help_text="canonical name")
    kind = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationAlias(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="aliases")
    alias = models.CharField(max_length=300, unique=True)

    def __str__(self) -> str:
        return self.alias


class Mention(models.Model):
    """An organization named in a sentence. ``active`` goes False when a correction replaces it."""

    sentence = models.ForeignKey(Sentence, on_delete=models.PROTECT, related_name="mentions")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="mentions")
    text = models.CharField(max_length=500)
    active = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["organization", "active"])]


class Commitment(models.Model):
    """One commit/consider sentence followed up over time."""

    sentence = models.OneToOneField(Sentence, on_delete=models.PROTECT, related_name="commitment")
    # Denormalised from the sentence so that `list` filters without joins.
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="commitments")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    topic = models.TextField(blank=True, default="", help_text="title of the sentence's section")
    actors = models.JSONField(default=list)
    actors_key = models.CharField(max_length=200, blank=True, default="")
    strength = models.CharField(max_length=4, choices=STRENGTH_CHOICES, default="firm")
    responsible_party = models.CharField(
        max_length=8, blank=True, default="", help_text="the one acting party, 'joint' for several, '' for none"
    )
    responsible_organizations = models.ManyToManyField(Organization, blank=True, related_name="commitments")
    due_text = models.CharField(max_length=10, blank=True, default="", help_text="ISO at its precision: 2026, 2026-03")
    due_date = models.DateField(null=True, blank=True, help_text="last day of the due period")
    due_precision = models.CharField(max_length=5, choices=PRECISION_CHOICES, blank=True, default="")
    status = models.PositiveSmallIntegerField(choices=STATUS_CHOICES, default=1)
    score = models.SmallIntegerField(choices=SCORE_CHOICES, null=True, blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_commitments"
    )
    active = models.BooleanField(default=True, help_text="False when a correction says it is not a commitment")
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version",
        help_text="the same commitment in the previous version of the statement",
    )
    version = models.PositiveIntegerField(default=1, help_text="bumped on every change (optimistic locking)")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["due_date"]),
            models.Index(fields=["statement", "status"]),
            models.Index(fields=["actors_key"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.sentence.text[:60]}"

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, str(self.status))


class Evidence(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=10, choices=EVIDENCE_KINDS)
    url = models.URLField(max_length=2000, blank=True, default="")
    text = models.TextField(blank=True, default="")
    path = models.CharField(max_length=1000, blank=True, default="")
    paragraph = models.ForeignKey(Paragraph, null=True, blank=True, on_delete=models.PROTECT, related_name="cited_by")
    dated = models.DateField(default=timezone.localdate, help_text="date of the evidence itself")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn = models.BooleanField(default=False, help_text="set only by services.evidence.withdraw_evidence")

    class Meta:
        ordering = ["id"]

    def as_state(self) -> dict[str, Any]:
        """The fields history records and replays."""
        return {
            "kind": self.kind,
            "url": self.url,
            "text": self.text,
            "path": self.path,
            "paragraph": self.paragraph_id,
            "dated": self.dated.isoformat() if self.dated else None,
            "withdrawn": self.withdrawn,
        }


class Correction(models.Model):
    """A person's fix of one extracted field of a sentence; the newest active one per field wins."""

    sentence = models.ForeignKey(Sentence, on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField(max_length=20, choices=[(f, f) for f in CORRECTABLE_FIELDS])
    value = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    why = models.TextField(blank=True, default="")
    active = models.BooleanField(default=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="the correction of the previous statement version this one was carried over from",
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["sentence", "field", "active"])]


class AppendOnlyError(Exception):
    """History entries are never changed or deleted."""


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("history entries are never updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("history entries are never deleted")


class HistoryEntry(models.Model):
    """One recorded change: who, when, which field of what, old and new values, why.

    ``target_type`` is ``commitment`` (fields: created, status, score, due, assignee, active,
    evidence, carried_over) or ``sentence`` (fields: ``correction:<field>``).
    """

    target_type = models.CharField(max_length=20)
    target_id = models.BigIntegerField()
    field = models.CharField(max_length=40)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    why = models.TextField(blank=True, default="")

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name_plural = "history entries"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("history entries are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("history entries are never deleted")
