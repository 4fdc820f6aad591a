"""From findings to what happens to a post. Pure: no Django import.

- high (slurs): hold the post for a moderator and tell the author why;
- medium (labels): publish, nudge the author, and add an automatic flag to the
  review queue unless the deployment chose nudges only;
- low (debated words): publish with a gentle nudge, never a flag.
"""

from dataclasses import dataclass

from .language import Finding

NUDGE_AND_FLAG = "nudge_and_flag"
NUDGE_ONLY = "nudge"
MEDIUM_ACTIONS = (NUDGE_AND_FLAG, NUDGE_ONLY)


@dataclass(frozen=True)
class Decision:
    findings: tuple[Finding, ...] = ()
    hold: bool = False
    flag: bool = False

    @property
    def holding(self) -> tuple[Finding, ...]:
        """The findings that hold the post."""
        return tuple(f for f in self.findings if f.severity == "high")

    @property
    def nudges(self) -> tuple[Finding, ...]:
        """The findings to mention to the author without holding anything."""
        return tuple(f for f in self.findings if f.severity != "high")


def decide(findings: list[Finding], *, medium_action: str = NUDGE_AND_FLAG) -> Decision:
    if medium_action not in MEDIUM_ACTIONS:
        raise ValueError(f"medium_action must be one of {MEDIUM_ACTIONS}")
    severities = {finding.severity for finding in findings}
    hold = "high" in severities
    # Words moderators chose to flag are flagged whatever the setting for labels.
    watched_flag = any(finding.category == "watched:flag" for finding in findings)
    flag = not hold and (
        watched_flag or ("medium" in severities and medium_action == NUDGE_AND_FLAG)
    )
    return Decision(findings=tuple(findings), hold=hold, flag=flag)
