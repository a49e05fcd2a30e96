"""Briefing report for a meeting: one HTML page (inline SVG charts) and the same as PDF.

Works on a plain :class:`ReportData` (built from the tracker by
``communique.exports.report_data``): summary figures, status by section, the
deadline timeline, commitments due soon or overdue, and the latest evidence.
The PDF is drawn by WeasyPrint with the Noto CJK fonts (``fonts-noto-cjk``) so
Japanese renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

COLOURS = {  # in lifecycle order (IATI codes 1-6)
    "pipeline": "#9aa5b1",
    "implementation": "#3b82c4",
    "finalisation": "#7b5cc4",
    "closed": "#2f9e44",
    "cancelled": "#c92a2a",
    "suspended": "#e8a317",
}
STATUSES = tuple(COLOURS)
FONT_STACK = "'Noto Sans CJK JP', 'Noto Sans JP', 'Noto Serif CJK JP', 'IPAexGothic', sans-serif"


@dataclass
class ReportData:
    title: str
    subtitle: str
    today: dt.date
    language: str = "en"
    total: int = 0
    firm: int = 0
    soft: int = 0
    with_due: int = 0
    overdue: int = 0
    due_soon: int = 0
    soon_days: int = 90
    by_status: dict[str, int] = field(default_factory=dict)
    compliance_average: float | None = None
    assessed: int = 0
    by_section: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    timeline: list[tuple[str, int, int]] = field(default_factory=list)  # (period, open, done or dropped)
    due_items: list[dict[str, Any]] = field(default_factory=list)  # rows of COMMITMENT_COLUMNS
    evidence: list[dict[str, Any]] = field(default_factory=list)  # {dated, commitment_id, sentence, text}


def status_by_section_svg(rows: list[tuple[str, dict[str, int]]], width: int = 680) -> str:
    """Horizontal stacked bars: one per section, coloured by status, with a legend."""
    label_w, bar_h, gap, top = 200, 18, 6, 28
    height = top + len(rows) * (bar_h + gap) + 10
    biggest = max((sum(c.values()) for _, c in rows), default=0) or 1
    scale = (width - label_w - 40) / biggest
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="status by section">']
    x = 0
    for status in STATUSES:  # legend
        parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{COLOURS[status]}"/>'
                     f'<text x="{x + 14}" y="13" font-size="10">{status}</text>')
        x += 14 + 7 * len(status) + 14
    for i, (title, counts) in enumerate(rows):
        y = top + i * (bar_h + gap)
        label = title if len(title) <= 18 else title[:17] + "…"
        parts.append(f'<text x="0" y="{y + 13}" font-size="11">{escape(label)}</text>')
        x0 = float(label_w)
        for status in STATUSES:
            n = counts.get(status, 0)
            if n:
                w = n * scale
                parts.append(f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{COLOURS[status]}">'
                             f'<title>{escape(title)}: {n} {status}</title></rect>')
                x0 += w
        parts.append(f'<text x="{x0 + 4:.1f}" y="{y + 13}" font-size="10">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(periods: list[tuple[str, int, int]], today_period: str, width: int = 680) -> str:
    """Vertical bars of commitments due per period: open ones (overdue periods in red) and finished ones."""
    height, bottom, top = 170, 24, 10
    n = max(len(periods), 1)
    slot = (width - 20) / n
    biggest = max((o + d for _, o, d in periods), default=0) or 1
    scale = (height - bottom - top) / biggest
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="deadline timeline">']
    base = height - bottom
    parts.append(f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#555" stroke-width="1"/>')
    for i, (period, open_, done) in enumerate(periods):
        x = 10 + i * slot
        w = min(max(slot * 0.7, 2), 48)
        x += (slot * 0.7 - w) / 2 if slot * 0.7 > w else 0
        h_done, h_open = done * scale, open_ * scale
        late = period < today_period
        colour = "#c92a2a" if late else "#3b82c4"
        if done:
            parts.append(f'<rect x="{x:.1f}" y="{base - h_done:.1f}" width="{w:.1f}" height="{h_done:.1f}" fill="#2f9e44">'
                         f'<title>{period}: {done} closed or cancelled</title></rect>')
        if open_:
            parts.append(f'<rect x="{x:.1f}" y="{base - h_done - h_open:.1f}" width="{w:.1f}" height="{h_open:.1f}" '
                         f'fill="{colour}"><title>{period}: {open_} open{" (overdue)" if late else ""}</title></rect>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">{escape(period)}</text>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{base - h_done - h_open - 3:.1f}" font-size="9" '
                     f'text-anchor="middle">{open_ + done}</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = f"""
@page {{ size: A4; margin: 16mm 14mm; @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 8pt; }} }}
body {{ font-family: {FONT_STACK}; font-size: 10pt; color: #222; line-height: 1.45; }}
h1 {{ font-size: 16pt; margin: 0 0 2pt; }}
h2 {{ font-size: 12pt; border-bottom: 1px solid #ccc; margin-top: 14pt; }}
.subtitle {{ color: #555; margin: 0 0 10pt; }}
.figures {{ display: flex; flex-wrap: wrap; gap: 6pt; }}
.figure {{ border: 1px solid #ddd; border-radius: 4px; padding: 4pt 8pt; min-width: 80pt; }}
.figure b {{ display: block; font-size: 15pt; }}
.overdue b {{ color: #c92a2a; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }}
th, td {{ border-bottom: 1px solid #e3e3e3; padding: 3pt 4pt; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
h2 {{ break-after: avoid; }}
td.late {{ color: #c92a2a; font-weight: bold; }}
.chart text {{ font-family: {FONT_STACK}; fill: #222; }}
"""


def _figure(label: str, value: Any, cls: str = "") -> str:
    return f'<div class="figure {cls}"><b>{escape(str(value))}</b>{escape(label)}</div>'


def render_html(data: ReportData) -> str:
    """The whole report as one self-contained HTML page."""
    average = "—" if data.compliance_average is None else f"{data.compliance_average:+.2f} ({(data.compliance_average + 1) * 50:.0f}%)"
    figures = "".join([
        _figure("commitments", data.total),
        _figure("firm / soft", f"{data.firm} / {data.soft}"),
        _figure("with a due date", data.with_due),
        _figure("overdue", data.overdue, "overdue"),
        _figure(f"due in {data.soon_days} days", data.due_soon),
        _figure("closed", data.by_status.get("closed", 0)),
        _figure(f"compliance, {data.assessed} assessed", average),
    ])
    status_line = ", ".join(f"{s} {data.by_status.get(s, 0)}" for s in STATUSES if data.by_status.get(s))
    due_rows = "".join(
        f'<tr><td class="{"late" if r["due_date"] and r["due_date"] < data.today else ""}">{escape(str(r.get("due_date") or ""))}</td>'
        f'<td>#{r["commitment_id"]}</td><td>{escape(str(r.get("paragraph_number") or ""))}</td>'
        f'<td>{escape(r["sentence"])}</td><td>{escape(r["status"])}</td>'
        f'<td>{escape(r.get("latest_evidence") or "")}</td></tr>'
        for r in data.due_items
    ) or '<tr><td colspan="6">Nothing due soon or overdue.</td></tr>'
    evidence_rows = "".join(
        f'<tr><td>{escape(str(e["dated"]))}</td><td>#{e["commitment_id"]}</td><td>{escape(e["sentence"])}</td>'
        f'<td>{escape(e["text"])}</td></tr>'
        for e in data.evidence
    ) or '<tr><td colspan="4">No evidence recorded yet.</td></tr>'
    today_period = data.today.isoformat()[: len(data.timeline[0][0])] if data.timeline else ""
    return f"""<!DOCTYPE html>
<html lang="{escape(data.language)}">
<head><meta charset="utf-8"><title>{escape(data.title)}</title><style>{CSS}</style></head>
<body>
<h1>{escape(data.title)}</h1>
<p class="subtitle">{escape(data.subtitle)} · briefing of {data.today.isoformat()}</p>
<h2>Summary</h2>
<div class="figures">{figures}</div>
<p>By status: {escape(status_line) or "—"}.</p>
<h2>Status by section</h2>
{status_by_section_svg(data.by_section)}
<h2>Deadline timeline</h2>
{timeline_svg(data.timeline, today_period) if data.timeline else "<p>No commitment has a due date.</p>"}
<h2>Due within {data.soon_days} days or overdue</h2>
<table><thead><tr><th>Due</th><th>ID</th><th>¶</th><th>Commitment</th><th>Status</th><th>Latest evidence</th></tr></thead>
<tbody>{due_rows}</tbody></table>
<h2>Latest evidence</h2>
<table><thead><tr><th>Date</th><th>ID</th><th>Commitment</th><th>Evidence</th></tr></thead>
<tbody>{evidence_rows}</tbody></table>
</body></html>
"""


def write_pdf(html: str, path: str | Path) -> None:
    """Render the HTML to a PDF file with WeasyPrint."""
    import logging

    from weasyprint import HTML

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # subsetting chatter
    HTML(string=html).write_pdf(str(path))
