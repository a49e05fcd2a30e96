"""The commitment filters shared by ``communique list`` and ``communique export``: one declaration of each option."""

from __future__ import annotations

from typing import Annotated, Any

import typer

Statement = Annotated[str | None, typer.Option("--statement", help="Statement ID, or part of its title / file name.")]
Section = Annotated[str | None, typer.Option("--section", help="Section ID or part of the topic.")]
Party = Annotated[str | None, typer.Option("--party", help="Acting party, ISO alpha-3 (JPN).")]
Act = Annotated[str | None, typer.Option("--act", help="commit, consider, welcome, affirm, appreciate, report.")]
Status = Annotated[
    str | None,
    typer.Option("--status", help="pipeline, implementation, finalisation, closed, cancelled, suspended (or 1-6)."),
]
Organization = Annotated[str | None, typer.Option("--organization", help="Part of an organization's name or alias.")]
DueBefore = Annotated[str | None, typer.Option("--due-before", help="Due on or before YYYY-MM-DD.")]
DueAfter = Annotated[str | None, typer.Option("--due-after", help="Due on or after YYYY-MM-DD.")]
Text = Annotated[str | None, typer.Option("--text", help="Part of the sentence.")]
AllVersions = Annotated[bool, typer.Option("--all-versions", help="Include replaced statement versions.")]
Inactive = Annotated[bool, typer.Option("--inactive", help="Include sentences corrected to be no commitment.")]


def filter_values(
    *,
    statement: str | None,
    section: str | None,
    party: str | None,
    act: str | None,
    status: str | None,
    organization: str | None,
    due_before: str | None,
    due_after: str | None,
    text: str | None,
    all_versions: bool,
    inactive: bool,
) -> dict[str, Any]:
    """The options as keyword arguments of the tracker's ``CommitmentFilters``."""
    return {
        "statement": statement, "section": section, "party": party, "act": act, "status": status,
        "organization": organization, "due_before": due_before, "due_after": due_after, "text": text,
        "all_versions": all_versions, "include_inactive": inactive,
    }
