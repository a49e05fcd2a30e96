"""API views: parse the request, call a tracker service or query helper, serialize the answer."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from communique.errors import InputError
from communique.tracker.models import Commitment, HistoryEntry, Paragraph, Section, Sentence, Statement
from communique.tracker.services import (
    CommitmentFilters,
    add_evidence,
    commitment_detail,
    commitment_history,
    get_commitment,
    list_commitments,
    update_commitment,
)
from communique.tracker.services.search import filter_by_text
from communique.web import queries
from communique.web.api import serializers as s
from communique.web.api.pagination import flag, paginate


def _page_envelope(name: str, item: Any) -> Any:
    return inline_serializer(
        name=name,
        fields={
            "count": serializers.IntegerField(allow_null=True, help_text="null unless ?count=true or the last page"),
            "page": serializers.IntegerField(),
            "page_size": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item,
        },
    )


PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description="page number, from 1"),
    OpenApiParameter("page_size", int, description="rows per page (default 50, at most 200)"),
    OpenApiParameter("count", bool, description="also count all matching rows (slower)"),
]


# --- statements ---------------------------------------------------------------------------


class StatementList(APIView):
    @extend_schema(
        summary="Statements (the current version of each unless all_versions)",
        parameters=[*PAGE_PARAMETERS, OpenApiParameter("all_versions", bool, description="older versions too")],
        responses=_page_envelope("StatementPage", s.StatementSerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        qs = Statement.objects.defer("parse").order_by("-id")
        if not flag(request, "all_versions"):
            qs = qs.filter(is_current=True)
        rows, envelope = paginate(request, qs)
        counts = dict(
            Commitment.objects.filter(statement_id__in=[r.pk for r in rows], active=True).order_by()
            .values_list("statement_id").annotate(n=Count("id"))
        )
        data = s.StatementSerializer(rows, many=True, context={"commitment_counts": counts}).data
        return Response({**envelope, "results": data})


class StatementDetail(APIView):
    @extend_schema(summary="A statement with its sections, paragraphs and sentences",
                   responses=s.StatementDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        statement = get_object_or_404(Statement.objects.defer("parse"), pk=pk)
        commitment_of = dict(Commitment.objects.filter(statement=statement).values_list("sentence_id", "id"))
        sentences: dict[int, list[dict[str, Any]]] = {}
        for sentence in Sentence.objects.filter(statement=statement).defer("extracted").order_by("position"):
            sentences.setdefault(sentence.paragraph_id, []).append({
                "id": sentence.pk, "sid": sentence.sid, "text": sentence.text, "actors": sentence.actors,
                "acts": sentence.acts, "organizations": sentence.organizations, "instruments": sentence.instruments,
                "dates": sentence.dates, "due": sentence.due, "commitment": commitment_of.get(sentence.pk),
            })
        paragraphs = [
            {"id": p.pk, "pid": p.pid, "number": p.number, "section": p.section_id, "text": p.text,
             "sentences": sentences.get(p.pk, [])}
            for p in Paragraph.objects.filter(statement=statement).order_by("position")
        ]
        sections = list(Section.objects.filter(statement=statement).order_by("position"))
        data = s.StatementSerializer(
            statement, context={"commitment_counts": {statement.pk: len(commitment_of)}}
        ).data
        data["sections"] = s.SectionSerializer(sections, many=True).data
        data["paragraphs"] = paragraphs
        return Response(data)


# --- commitments --------------------------------------------------------------------------

COMMITMENT_FILTERS = [
    OpenApiParameter("statement", str, description="statement ID, or part of its title or file name"),
    OpenApiParameter("section", str, description="section ID, or part of the topic (section title)"),
    OpenApiParameter("party", str, description="ISO 3166-1 alpha-3 code of an acting party, e.g. JPN"),
    OpenApiParameter("act", str, description="commit, consider, ... (the sentence's acts)"),
    OpenApiParameter("status", str, description="IATI status name or code"),
    OpenApiParameter("organization", str, description="part of an organization's name or alias"),
    OpenApiParameter("due", str, enum=list(queries.DUE_WINDOWS), description="due window, as on the web list"),
    OpenApiParameter("due_before", OpenApiTypes.DATE, description="due on or before (YYYY-MM-DD)"),
    OpenApiParameter("due_after", OpenApiTypes.DATE, description="due on or after (YYYY-MM-DD)"),
    OpenApiParameter("assignee", str, description="user name of the assignee"),
    OpenApiParameter("q", str, description="full-text search: every word must occur in the sentence "
                     "(Japanese and English; any length)"),
    OpenApiParameter("names", bool, description="q may also match the topic or an organization's name"),
    OpenApiParameter("sort", str, enum=list(queries.SORTS), description="order of the rows (default id)"),
]


def filtered_commitments(request: Request) -> QuerySet[Commitment]:
    """The tracker's ``list_commitments`` with the query parameters; bad values raise InputError."""
    params = request.query_params
    names = flag(request, "names")
    q = params.get("q", "").strip()
    filters = CommitmentFilters(
        statement=params.get("statement") or None, section=params.get("section") or None,
        party=params.get("party") or None, act=params.get("act") or None, status=params.get("status") or None,
        organization=params.get("organization") or None, due_before=params.get("due_before") or None,
        due_after=params.get("due_after") or None, assignee=params.get("assignee") or None,
        text=None if names else q or None,
    )
    qs = list_commitments(filters)  # already without the large JSON columns
    if names and q:
        qs = filter_by_text(qs, q, names=True)
    window = params.get("due", "")
    if window:
        if window not in queries.DUE_WINDOWS:
            raise InputError(f"due {window!r}: use one of {', '.join(queries.DUE_WINDOWS)}")
        qs = qs.filter(queries.due_window_q(window, timezone.localdate()))
    sort = params.get("sort", "id")
    if sort not in queries.SORTS:
        raise InputError(f"sort {sort!r}: use one of {', '.join(queries.SORTS)}")
    return qs.order_by(*queries.SORTS[sort])


class CommitmentList(APIView):
    @extend_schema(
        summary="Commitments, filtered (the filters of the web list and `communique list`)",
        parameters=[*COMMITMENT_FILTERS, *PAGE_PARAMETERS],
        responses=_page_envelope("CommitmentPage", s.CommitmentSerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        rows, envelope = paginate(request, filtered_commitments(request))
        return Response({**envelope, "results": s.CommitmentSerializer(rows, many=True).data})


class CommitmentDetail(APIView):
    @extend_schema(summary="A commitment: sentence in its paragraph, tracking, evidence, history",
                   responses=s.CommitmentDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(commitment_detail(get_commitment(pk)))

    @extend_schema(
        summary="Change status, score, due date, assignee; add a note or link (editors)",
        request=s.CommitmentUpdateSerializer,
        responses={200: s.CommitmentDetailSerializer, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    def patch(self, request: Request, pk: int) -> Response:
        body = s.CommitmentUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        version = values.pop("version")
        why = values.pop("why", "")
        commitment = update_commitment(pk, request.user, version, why=why, **values)
        return Response(commitment_detail(commitment))


class CommitmentEvidence(APIView):
    @extend_schema(summary="Evidence of a commitment", responses=s.EvidenceSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        detail = commitment_detail(get_commitment(pk))
        return Response(detail["evidence"])

    @extend_schema(
        summary="Add evidence: a link, note, file reference or paragraph of another statement (editors)",
        request=s.EvidenceCreateSerializer,
        responses={201: s.EvidenceSerializer, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = s.EvidenceCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        v = body.validated_data
        e = add_evidence(pk, request.user, v["kind"], url=v["url"], text=v["text"], path=v["path"],
                         paragraph=v["paragraph"], dated=v["dated"], why=v["why"], expected_version=v["version"])
        data = {"id": e.pk, **e.as_state(), "added_by": e.added_by.get_username(), "added_at": e.added_at}
        return Response(s.EvidenceSerializer(data).data, status=status.HTTP_201_CREATED)


class CommitmentHistory(APIView):
    @extend_schema(summary="History of a commitment (and its earlier versions, corrections of its sentence)",
                   responses=s.HistoryEntrySerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        entries = commitment_history(get_commitment(pk))
        return Response(s.HistoryEntrySerializer(entries, many=True).data)


class HistoryList(APIView):
    @extend_schema(
        summary="Every recorded change, newest first",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter("target_type", str, enum=["commitment", "sentence"]),
            OpenApiParameter("target_id", int),
            OpenApiParameter("user", str, description="user name"),
            OpenApiParameter("since", OpenApiTypes.DATE, description="on or after this day (YYYY-MM-DD)"),
        ],
        responses=_page_envelope("HistoryPage", s.HistoryEntrySerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        from communique.tracker.services.values import parse_date, parse_id

        params = request.query_params
        qs = HistoryEntry.objects.select_related("user").order_by("-id")
        if params.get("target_type"):
            qs = qs.filter(target_type=params["target_type"])
        if params.get("target_id"):
            qs = qs.filter(target_id=parse_id(params["target_id"], "target ID"))
        if params.get("user"):
            qs = qs.filter(user__username=params["user"])
        if params.get("since"):
            qs = qs.filter(at__date__gte=parse_date(params["since"], "since date"))
        rows, envelope = paginate(request, qs)
        return Response({**envelope, "results": s.HistoryEntrySerializer(rows, many=True).data})
