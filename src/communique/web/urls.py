"""URL configuration of the whole site (``ROOT_URLCONF``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from communique.web.views import commitment, commitments, dashboard, organizations, reader, static, upload

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("statements/<int:pk>/", reader.reader, name="reader"),
    path("commitments/", commitments.commitment_list, name="commitments"),
    path("commitments/<int:pk>/", commitment.detail, name="commitment"),
    path("commitments/<int:pk>/update/", commitment.update, name="commitment-update"),
    path("commitments/<int:pk>/evidence/", commitment.add_evidence, name="commitment-evidence"),
    path("commitments/<int:pk>/correct/", commitment.correct, name="commitment-correct"),
    path("upload/", upload.upload, name="upload"),
    path("organizations/", organizations.organization_list, name="organizations"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="communique/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("communique.web.api.urls")),  # JSON API (communique.web.api)
    path("exports/", include("communique.exports.urls")),  # downloads and calendar feeds (issue 6)
    path("admin/", admin.site.urls),
]

# Local runs (`communique serve`) serve static files themselves; production sets
# COMMUNIQUE_SERVE_STATIC=0 and lets the web server serve the collectstatic directory.
if getattr(settings, "COMMUNIQUE_SERVE_STATIC", True):
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", static.serve_static, name="static"))

handler403 = "communique.web.views.errors.forbidden"
handler404 = "communique.web.views.errors.not_found"
