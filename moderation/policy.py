"""From findings to what happens to a post. Pure: no Django import.

- high (slurs): hold the post for a moderator and tell the author why;
- medium (labels): publish, nudge the author, and add an automatic flag to the
  review queue unless the deployment chose nudges only;
- low (debated words): publish with a gentle nudge, never a flag;
- sourcing (offers to buy or sell, dealers' contacts): hold, whatever the words.

A held decision says why in `reasons`, so the author can be told in plain words:
"slur" (the built-in lexicon), "watched" (a moderator's hold or block word),
"sourcing" (an offer or a contact for buying or selling), "new_member_link"
(a link from a member who is still new here).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .language import Finding

NUDGE_AND_FLAG = "nudge_and_flag"
NUDGE_ONLY = "nudge"
MEDIUM_ACTIONS = (NUDGE_AND_FLAG, NUDGE_ONLY)

SLUR = "slur"
WATCHED = "watched"
SOURCING = "sourcing"
NEW_MEMBER_LINK = "new_member_link"
REASONS = (SLUR, WATCHED, SOURCING, NEW_MEMBER_LINK)


@dataclass(frozen=True)
class Decision:
    findings: tuple[Finding, ...] = ()
    hold: bool = False
    flag: bool = False
    # What moderation.sourcing found (each with start, end, text, code, reason).
    sourcing: tuple = ()
    # Why the post is held, in REASONS order; empty when it is not held.
    reasons: tuple[str, ...] = ()

    @property
    def holding(self) -> tuple[Finding, ...]:
        """The language findings that hold the post."""
        return tuple(f for f in self.findings if f.severity == "high")

    @property
    def nudges(self) -> tuple[Finding, ...]:
        """The findings to mention to the author without holding anything."""
        return tuple(f for f in self.findings if f.severity != "high")


def _is_watched(finding: Finding) -> bool:
    return finding.category.startswith("watched:")


def decide(
    findings: Iterable[Finding],
    *,
    medium_action: str = NUDGE_AND_FLAG,
    sourcing: Iterable = (),
    link_from_new_member: bool = False,
) -> Decision:
    """Hold, flag or publish, given the language findings and the sourcing ones.

    `link_from_new_member`: a member still new here posted a link, which waits
    for a moderator (links are how spam and sourcing arrive).
    """
    if medium_action not in MEDIUM_ACTIONS:
        raise ValueError(f"medium_action must be one of {MEDIUM_ACTIONS}")
    findings, sourcing = tuple(findings), tuple(sourcing)
    high = [finding for finding in findings if finding.severity == "high"]
    held_for = set()
    if any(not _is_watched(finding) for finding in high):
        held_for.add(SLUR)
    if any(_is_watched(finding) for finding in high):
        held_for.add(WATCHED)
    if sourcing:
        held_for.add(SOURCING)
    if link_from_new_member:
        held_for.add(NEW_MEMBER_LINK)
    reasons = tuple(reason for reason in REASONS if reason in held_for)
    hold = bool(reasons)
    # Words moderators chose to flag are flagged whatever the setting for labels.
    watched_flag = any(finding.category == "watched:flag" for finding in findings)
    medium = any(finding.severity == "medium" for finding in findings)
    flag = not hold and (watched_flag or (medium and medium_action == NUDGE_AND_FLAG))
    return Decision(findings=findings, hold=hold, flag=flag, sourcing=sourcing, reasons=reasons)
