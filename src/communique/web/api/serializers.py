"""Shapes of the API's answers and request bodies (also what the OpenAPI document describes)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from communique.tracker.models import EVIDENCE_KINDS, STATUS_NAMES, Commitment, HistoryEntry, Statement


class StatementSerializer(serializers.ModelSerializer):
    commitments = serializers.SerializerMethodField(help_text="active commitments of this version")

    class Meta:
        model = Statement
        fields = ["id", "title", "language", "date", "place", "parties", "version", "is_current", "source_name",
                  "previous", "imported_at", "commitments"]

    def get_commitments(self, obj: Statement) -> int:
        return self.context.get("commitment_counts", {}).get(obj.pk, 0)


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sid = serializers.CharField()
    label = serializers.CharField()
    title = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)


class SentenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sid = serializers.CharField()
    text = serializers.CharField()
    actors = serializers.ListField(child=serializers.CharField())
    acts = serializers.ListField(child=serializers.CharField())
    organizations = serializers.ListField(child=serializers.DictField())
    instruments = serializers.ListField(child=serializers.DictField())
    dates = serializers.ListField(child=serializers.DictField())
    due = serializers.CharField()
    commitment = serializers.IntegerField(allow_null=True, help_text="ID of the commitment this sentence is")


class ParagraphSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pid = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    section = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()
    sentences = SentenceSerializer(many=True)


class StatementDetailSerializer(StatementSerializer):
    sections = SectionSerializer(many=True)
    paragraphs = ParagraphSerializer(many=True)

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "sections", "paragraphs"]


class CommitmentSerializer(serializers.ModelSerializer):
    """One row of the commitment list."""

    statement = serializers.SerializerMethodField()
    text = serializers.CharField(source="sentence.text")
    acts = serializers.ListField(source="sentence.acts", child=serializers.CharField())
    status = serializers.SerializerMethodField()
    status_code = serializers.IntegerField(source="status")
    due = serializers.CharField(source="due_text")
    assignee = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = ["id", "version", "statement", "topic", "text", "actors", "acts", "strength", "responsible_party",
                  "status", "status_code", "score", "assessed_on", "due", "due_date", "due_precision", "assignee",
                  "active", "updated_at"]

    def get_statement(self, obj: Commitment) -> dict[str, Any]:
        return {"id": obj.statement_id, "title": obj.statement.title}

    def get_status(self, obj: Commitment) -> str:
        return STATUS_NAMES[obj.status]

    def get_assignee(self, obj: Commitment) -> str | None:
        return obj.assignee.get_username() if obj.assignee_id else None


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EVIDENCE_KINDS)
    url = serializers.CharField()
    text = serializers.CharField()
    path = serializers.CharField()
    paragraph = serializers.IntegerField(allow_null=True)
    dated = serializers.DateField(allow_null=True)
    withdrawn = serializers.BooleanField()
    added_by = serializers.CharField()
    added_at = serializers.DateTimeField()


class HistoryItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    user = serializers.CharField()
    target = serializers.CharField(help_text="'commitment ID' or 'sentence ID' (corrections)")
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)
    why = serializers.CharField()


class CommitmentDetailSerializer(serializers.Serializer):
    """Everything about one commitment (the tracker's ``commitment_detail``)."""

    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="send it back as `version` when changing the commitment")
    statement = serializers.DictField()
    topic = serializers.CharField()
    paragraph = serializers.DictField()
    sentence = serializers.DictField()
    corrections = serializers.ListField(child=serializers.DictField())
    strength = serializers.CharField()
    responsible_party = serializers.CharField()
    responsible_organizations = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    status_code = serializers.IntegerField()
    score = serializers.IntegerField(allow_null=True)
    assessed_on = serializers.DateField(allow_null=True)
    due = serializers.CharField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    due_precision = serializers.CharField(allow_null=True)
    assignee = serializers.CharField(allow_null=True)
    active = serializers.BooleanField()
    evidence = EvidenceSerializer(many=True)
    history = HistoryItemSerializer(many=True)


class HistoryEntrySerializer(serializers.ModelSerializer):
    user = serializers.SerializerMethodField()

    class Meta:
        model = HistoryEntry
        fields = ["id", "at", "user", "target_type", "target_id", "field", "old", "new", "why"]

    def get_user(self, obj: HistoryEntry) -> str:
        return obj.user.get_username()


class CommitmentUpdateSerializer(serializers.Serializer):
    """A change set; only the fields given change. ``version`` is the version you read."""

    version = serializers.IntegerField(min_value=1, help_text="the version you read: 409 if it changed meanwhile")
    status = serializers.CharField(required=False, help_text="IATI status name or code (pipeline ... suspended)")
    score = serializers.IntegerField(required=False, allow_null=True, min_value=-1, max_value=1,
                                     help_text="G7 compliance -1, 0, 1; null clears it")
    assessed_on = serializers.DateField(required=False, help_text="default: today, when a score is given")
    due = serializers.CharField(required=False, allow_null=True, allow_blank=True,
                                help_text="YYYY, YYYY-MM or YYYY-MM-DD; null clears it")
    assignee = serializers.CharField(required=False, allow_null=True, help_text="a user name; null unassigns")
    note = serializers.CharField(required=False, help_text="adds a note as evidence")
    evidence_url = serializers.CharField(required=False, help_text="adds a link as evidence")
    why = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[k for k, _ in EVIDENCE_KINDS])
    url = serializers.CharField(required=False, allow_blank=True, default="")
    text = serializers.CharField(required=False, allow_blank=True, default="")
    path = serializers.CharField(required=False, allow_blank=True, default="")
    paragraph = serializers.IntegerField(required=False, allow_null=True, default=None,
                                         help_text="ID of a paragraph of another statement")
    dated = serializers.DateField(required=False, allow_null=True, default=None)
    why = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None,
                                       help_text="the commitment version you read: 409 if it changed meanwhile")
