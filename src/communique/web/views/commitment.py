"""One commitment: its sentence in context, status and compliance, evidence, history, corrections.

GET shows the page; each form posts to its own URL (editors only) and redirects back on
success. A stale ``version`` (someone changed the commitment meanwhile) shows a conflict
message with the current values instead of overwriting them.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communique.errors import CommuniqueError, ConflictError
from communique.tracker.models import STATUS_NAMES, Commitment, HistoryEntry
from communique.tracker.services import commitments, corrections, evidence, history
from communique.web import forms, roles
from communique.web.access import editor_required, viewer_required
from communique.web.highlight import highlight_sentence


def _commitment(pk: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("sentence", "sentence__paragraph", "statement", "section", "assignee"), pk=pk
    )


def _status_initial(c: Commitment) -> dict[str, Any]:
    return {"status": STATUS_NAMES[c.status], "score": c.score, "assessed_on": c.assessed_on, "version": c.version,
            "due": c.due_text, "assignee": c.assignee.get_username() if c.assignee else ""}


def _assignees(c: Commitment) -> list[str]:
    """Who a commitment can be assigned to: editors and admins, and whoever has it now."""
    users = get_user_model().objects.filter(is_active=True).filter(
        Q(groups__name__in=(roles.EDITOR, roles.ADMIN)) | Q(is_superuser=True)
    )
    names = set(users.values_list("username", flat=True))
    if c.assignee:
        names.add(c.assignee.get_username())
    return sorted(names)


def _status_form(c: Commitment, data: Any = None) -> forms.StatusForm:
    return forms.StatusForm(data, initial=_status_initial(c), assignees=_assignees(c))


def _show(value: Any) -> str:
    """A history value as short text (JSON for lists and objects)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _page(
    request: HttpRequest, c: Commitment, *, status_form: forms.StatusForm | None = None,
    evidence_form: forms.EvidenceForm | None = None, correction_form: forms.CorrectionForm | None = None,
    conflict: str = "", status: int = 200,
) -> HttpResponse:
    sentence = c.sentence
    language = c.statement.language
    context_sentences = [
        {"html": highlight_sentence(s, language), "current": s.pk == sentence.pk}
        for s in sentence.paragraph.sentences.order_by("position")
    ]
    entries: list[HistoryEntry] = list(history.commitment_history(c))
    context = {
        "c": c,
        "sentence": sentence,
        "paragraph": sentence.paragraph,
        "context_sentences": context_sentences,
        "evidence": c.evidence.select_related("added_by", "paragraph", "paragraph__statement").order_by("-dated", "-id"),
        "history": [
            {"entry": e, "old": _show(e.old), "new": _show(e.new)} for e in reversed(entries)
        ],
        "corrections": sentence.corrections.select_related("created_by").order_by("-id"),
        "status_form": status_form or _status_form(c),
        "evidence_form": evidence_form or forms.EvidenceForm(),
        "correction_form": correction_form or forms.CorrectionForm(),
        "conflict": conflict,
        "organizations": c.responsible_organizations.all(),
    }
    return render(request, "communique/commitment.html", context, status=status)


@viewer_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _commitment(pk))


@require_POST
@editor_required
def update(request: HttpRequest, pk: int) -> HttpResponse:
    c = _commitment(pk)
    form = _status_form(c, request.POST)
    if not form.is_valid():
        return _page(request, c, status_form=form, status=400)
    data = form.cleaned_data
    score_unchanged = data["score"] == c.score and not data["assessed_on"]
    status_unchanged = data["status"] == c.status_name
    due_unchanged = data["due"].strip() == c.due_text
    current_assignee = c.assignee.get_username() if c.assignee else ""
    assignee_unchanged = data["assignee"] == current_assignee
    nothing_else = score_unchanged and status_unchanged and due_unchanged and assignee_unchanged
    try:
        commitments.update_commitment(
            c.pk, request.user, data["version"],
            status=data["status"],
            score=commitments.UNSET if score_unchanged else data["score"],
            assessed_on=data["assessed_on"],
            due=commitments.UNSET if due_unchanged else (data["due"].strip() or None),
            assignee=commitments.UNSET if assignee_unchanged else (data["assignee"] or None),
            # A note alone (nothing else changed) is kept as note evidence, so history records it too.
            note=data["why"] if (nothing_else and data["why"]) else None,
            why=data["why"],
        )
    except ConflictError:
        fresh = _commitment(pk)
        message = _(
            "Someone else changed this commitment while you were editing (now: %(status)s, version %(version)d). "
            "Your change was not saved; the form shows the current values — review them and submit again."
        ) % {"status": _(fresh.status_name), "version": fresh.version}
        return _page(request, fresh, conflict=message, status=409)
    except CommuniqueError as e:
        form.add_error(None, str(e))
        return _page(request, c, status_form=form, status=400)
    messages.success(request, _("Saved."))
    return redirect("commitment", pk=pk)


@require_POST
@editor_required
def add_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    c = _commitment(pk)
    form = forms.EvidenceForm(request.POST)
    if not form.is_valid():
        return _page(request, c, evidence_form=form, status=400)
    data = form.cleaned_data
    try:
        evidence.add_evidence(
            c.pk, request.user, data["kind"], url=data["url"], text=data["text"], path=data["path"],
            paragraph=data["paragraph"], dated=data["dated"],
        )
    except CommuniqueError as e:
        form.add_error(None, str(e))
        return _page(request, c, evidence_form=form, status=400)
    messages.success(request, _("Evidence added."))
    return redirect("commitment", pk=pk)


@require_POST
@editor_required
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    c = _commitment(pk)
    form = forms.CorrectionForm(request.POST)
    if not form.is_valid():
        return _page(request, c, correction_form=form, status=400)
    try:
        corrections.correct_sentence(
            c.sentence, form.cleaned_data["field"], form.correction_value(), request.user, form.cleaned_data["why"]
        )
    except CommuniqueError as e:
        form.add_error(None, str(e))
        return _page(request, c, correction_form=form, status=400)
    messages.success(request, _("Correction recorded."))
    return redirect("commitment", pk=pk)
