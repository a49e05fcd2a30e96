"""Organizations: the list with how often each is named, and each one's commitments across statements."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from communique.tracker.models import Organization, Sentence
from communique.web import counts, queries
from communique.web.access import viewer_required


@viewer_required
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = counts.cached("organizations", (), lambda: list(
        Organization.objects.annotate(
            n_sentences=Count("mentions__sentence", filter=Q(mentions__active=True), distinct=True),
            n_statements=Count("mentions__sentence__statement", filter=Q(mentions__active=True), distinct=True),
        )
        .filter(n_sentences__gt=0)
        .order_by("-n_sentences", "name")[:500]
    ))
    return render(request, "communique/organizations.html", {"organizations": organizations})


@viewer_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    sentence_ids = organization.mentions.filter(active=True).values("sentence_id")
    commitments = (
        queries.light_rows(queries.base_commitments().filter(sentence_id__in=sentence_ids))
        .order_by("-statement__date", "statement_id", "sentence__position")[:500]
    )
    other_mentions = (
        Sentence.objects.filter(id__in=sentence_ids, statement__is_current=True, commitment__isnull=True)
        .select_related("statement").defer("statement__parse", "extracted")
        .order_by("-statement__date", "position")[:200]
    )
    context = {
        "organization": organization,
        "aliases": organization.aliases.all(),
        "commitments": commitments,
        "other_mentions": other_mentions,
    }
    return render(request, "communique/organization.html", context)
