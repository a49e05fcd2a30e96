"""``/exports/`` URLs: included by the web app's URL configuration."""

from __future__ import annotations

from django.urls import path

from communique.exports import views

app_name = "exports"
urlpatterns = [
    path("feed/<str:secret>.ics", views.calendar_feed, name="feed"),
    path("feeds/", views.feeds, name="feeds"),
    path("<str:fmt>/", views.download, name="download"),
]
