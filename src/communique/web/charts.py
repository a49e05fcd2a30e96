"""Charts drawn on the server as inline SVG: horizontal bar charts and a due-date timeline.

Labels can come from statements (untrusted), so every text goes through ``format_html``.
Each chart carries a ``<title>``/``aria-label`` and the page shows the numbers in a table too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    css: str = ""  # extra class, e.g. "status-2"
    url: str = ""


def bar_chart(bars: Sequence[Bar], title: str, width: int = 460, bar_height: int = 22) -> SafeString:
    """Horizontal bars, one per item, value printed at the end of each bar."""
    if not bars:
        return format_html('<p class="empty">{}</p>', "—")
    label_w = 170
    top = max((b.value for b in bars), default=0) or 1
    room = width - label_w - 50
    height = bar_height * len(bars) + 4
    rows = []
    for i, bar in enumerate(bars):
        y = i * bar_height + 2
        w = max(1, round(room * bar.value / top)) if bar.value else 0
        label = _fit(bar.label, 26)
        value = f"{bar.value:g}"
        row = format_html(
            '<g class="bar {}"><title>{}: {}</title>'
            '<text x="{}" y="{}" text-anchor="end" class="lbl">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" rx="3"></rect>'
            '<text x="{}" y="{}" class="val">{}</text></g>',
            bar.css, bar.label, value,
            label_w - 6, y + bar_height * 0.68, label,
            label_w, y + 2, w, bar_height - 6,
            label_w + w + 4, y + bar_height * 0.68, value,
        )
        if bar.url:
            row = format_html('<a href="{}">{}</a>', bar.url, row)
        rows.append(row)
    return format_html(
        '<svg class="chart bars" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet"><title>{}</title>{}</svg>',
        title, width, height, title, format_html_join("", "{}", ((r,) for r in rows)),
    )


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, wide (CJK) characters counting two, with an ellipsis."""
    used = 0
    for i, ch in enumerate(text):
        used += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used > width - 1:
            return text[:i] + "…"
    return text


@dataclass(frozen=True)
class Event:
    day: date
    label: str
    kind: str  # overdue | soon | later | done | event
    url: str = ""


def timeline(events: Sequence[Event], today: date, title: str, width: int = 860, soon_days: int = 90) -> SafeString:
    """Events on a date axis with a "today" line and the next ``soon_days`` days shaded."""
    if not events:
        return format_html('<p class="empty">{}</p>', "—")
    soon = today + timedelta(days=soon_days)
    days = [e.day for e in events] + [today, soon]
    start, end = min(days) - timedelta(days=15), max(days) + timedelta(days=15)
    span = max(1, (end - start).days)
    left, right, axis_y = 20, width - 20, 70
    lanes: dict[int, int] = {}

    def x(d: date) -> float:
        return round(left + (right - left) * (d - start).days / span, 1)

    marks = []
    for event in sorted(events, key=lambda e: e.day):
        px = x(event.day)
        bucket = int(px // 8)
        lane = lanes.get(bucket, 0)
        lanes[bucket] = lane + 1
        cy = axis_y - 10 - (lane % 6) * 9
        dot = format_html(
            '<circle class="ev ev-{}" cx="{}" cy="{}" r="4"><title>{} {}</title></circle>',
            event.kind, px, cy, event.day.isoformat(), event.label,
        )
        marks.append(format_html('<a href="{}">{}</a>', event.url, dot) if event.url else dot)
    years = []
    for year in range(start.year + 1, end.year + 1):
        px = x(date(year, 1, 1))
        years.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="tick"></line><text x="{}" y="{}" class="lbl">{}</text>',
            px, px, axis_y - 4, axis_y + 4, px + 2, axis_y + 16, year,
        ))
    return format_html(
        '<svg class="chart timeline" role="img" aria-label="{}" viewBox="0 0 {} 95" width="100%">'
        "<title>{}</title>"
        '<rect class="window" x="{}" y="8" width="{}" height="{}"></rect>'
        '<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"></line>{}'
        '<line class="today" x1="{}" x2="{}" y1="6" y2="{}"></line>'
        '<text class="lbl today-lbl" x="{}" y="90">{}</text>{}</svg>',
        title, width, title,
        x(today), x(soon) - x(today), axis_y - 8,
        left, right, axis_y, axis_y, format_html_join("", "{}", ((y,) for y in years)),
        x(today), x(today), axis_y + 4,
        x(today) + 2, today.isoformat(), format_html_join("", "{}", ((m,) for m in marks)),
    )
