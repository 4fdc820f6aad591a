"""The public transparency page's figures: plain counts, no names."""

from django.db.models import Count
from django.db.models.functions import TruncMonth

from .models import Flag, ModerationAction


def monthly_counts() -> list[dict]:
    """Moderators' actions and flags' reasons per month, newest first, as plain counts."""
    months: dict = {}

    def count(rows, field: str, labels: dict, into: str) -> None:
        for row in (
            rows.annotate(month=TruncMonth("created_at"))
            .values("month", field)
            .annotate(n=Count("id"))
        ):
            entry = months.setdefault(
                row["month"], {"month": row["month"], "actions": [], "reasons": []}
            )
            entry[into].append((labels.get(row[field], row[field]), row["n"]))

    count(
        ModerationAction.objects.exclude(action=ModerationAction.Action.REVEAL),
        "action",
        dict(ModerationAction.Action.choices),
        "actions",
    )
    count(Flag.objects.all(), "reason", dict(Flag.Reason.choices), "reasons")
    for entry in months.values():
        entry["actions"].sort()
        entry["reasons"].sort()
    return sorted(months.values(), key=lambda entry: entry["month"], reverse=True)
