"""``/api/...`` (included by ``communique.web.urls``)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from communique.web.api import views

urlpatterns = [
    path("statements/", views.StatementList.as_view(), name="api-statements"),
    path("statements/<int:pk>/", views.StatementDetail.as_view(), name="api-statement"),
    path("commitments/", views.CommitmentList.as_view(), name="api-commitments"),
    path("commitments/<int:pk>/", views.CommitmentDetail.as_view(), name="api-commitment"),
    path("commitments/<int:pk>/evidence/", views.CommitmentEvidence.as_view(), name="api-commitment-evidence"),
    path("commitments/<int:pk>/history/", views.CommitmentHistory.as_view(), name="api-commitment-history"),
    path("history/", views.HistoryList.as_view(), name="api-history"),
    # The document describes the API, not data: readable without logging in.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="api-schema"),
]
