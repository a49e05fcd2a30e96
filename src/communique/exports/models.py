"""Calendar feed tokens: a private, revocable URL per user that calendar applications subscribe to.

The feed lives in the exports app rather than in the tracker: it is an access
credential for one export format, not tracking data, and an app of its own keeps
its migration independent of the tracker's. Only a SHA-256 hash of the secret is
stored: the URL is shown once, when the token is created; a lost URL is revoked
and replaced, never recovered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class FeedToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the secret in the URL")
    label = models.CharField(max_length=200, blank=True, default="")
    filters = models.JSONField(default=dict, blank=True, help_text="the `communique list` filters of the feed")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"feed {self.pk} of {self.user} ({state})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
