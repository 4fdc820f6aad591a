"""Hearing that someone may be in danger now: an overdose, or intent to end one's life.

Pure Python with no Django import. `assess(text)` weighs what a trained peer
worker listens for:

- WHAT: cues of an emergency now ("not responding when I shake him", "took way
  more than I usually do", "drank on top of my pills", "chest is tight") or of
  suicidal intent ("nothing left for me", a note, a goodbye, the means at hand);
- WHO and WHEN: the writer or someone with them, now or soon (a time, "right
  now", "help", "alone with her") lift a cue;
- what only shares the words: instruction and training ("should a person stop
  responding..."), a guide quoting what someone might say, a past event told in
  recovery, news and figures, fiction and lyrics, idioms ("this queue is killing
  me"), grief, and things rather than people ("my laptop won't wake up") set a
  cue aside.

Cues of different roles within a stretch of about sixty words add up; a score
of 1.0 is enough (cues of both kinds, each half-way, add up too). Two kinds of
help follow: "overdose" (an emergency: someone unresponsive or poisoned now,
named first when both are heard) and "suicide". Nothing here blocks a post.

Every step is linear in the text: one normalising pass, a fixed number of
compiled expressions with bounded gaps, and windows of fixed size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .risk_fields import combination_spans
from .risk_rules import REASON_ORDER, REASONS, Cue, Rules, default_rules
from .risk_words import Marks, Words, normalised_words

OVERDOSE = "overdose"
SUICIDE = "suicide"
THRESHOLD = 1.0


_WINDOW = 60  # words that may add up to one judgement
_NEAR = 15  # words either side in which a time, "now" or "help" lifts a cue
_BOOST_CAP = 0.5
_MIN_BASE = 0.5  # lifts only help cues that are already half-way there


@dataclass(frozen=True, slots=True)
class Evidence:
    """One cue heard, with offsets into the original text."""

    start: int
    end: int
    text: str
    cue: str
    role: str
    kind: str | None
    weight: float


@dataclass(frozen=True)
class Assessment:
    """What `assess` heard: `kind` is None, "overdose" or "suicide".

    `score` is the weight of the strongest stretch of cues (1.0 or more is at
    risk); `reason` is REASONS[reason_code]; `evidence` the cues and lifts heard
    in that stretch; `set_aside` the cues that only shared the words, and why.
    """

    kind: str | None
    reason: str
    reason_code: str
    score: float
    evidence: tuple[Evidence, ...] = ()
    # Cues set aside, each with why: ("instruction",), ("past", "grief"), ...
    set_aside: tuple[tuple[Evidence, tuple[str, ...]], ...] = field(default=())

    @property
    def at_risk(self) -> bool:
        return self.kind is not None

    def as_dict(self) -> dict:
        """A plain form for the composer's JSON and the review queue."""
        return {
            "kind": self.kind,
            "reason": self.reason,
            "reason_code": self.reason_code,
            "score": self.score,
            "evidence": [
                {"start": e.start, "end": e.end, "text": e.text, "cue": e.cue, "kind": e.kind}
                for e in self.evidence
            ],
        }


NOT_AT_RISK = Assessment(kind=None, reason="", reason_code="", score=0.0)


# ---------------------------------------------------------------------------
# The judgement.


@dataclass(frozen=True, slots=True)
class _Heard:
    first: int
    after: int
    cue: Cue
    weight: float

    def role_free_of(self, other: _Heard) -> bool:
        return self.after <= other.first or other.after <= self.first


def _spans(words: Words, marks: Marks, cue: Cue, tally: list[int]):
    """(first, after, pattern weight) of each time `cue` is heard."""
    if cue.fields:  # a combination of fields of the semantic layer
        for first, after in combination_spans(words, marks, cue):
            tally[0] += len(cue.fields)
            yield first, after, cue.weight
        return
    # Overlapping matches: one tried at each word that can start the cue.
    for match in words.matches(cue):
        tally[0] += 1
        yield *words.span(match), cue.weights[int(match.lastgroup[1:])]


def _heard(words: Words, rules: Rules, marks: Marks, tally: list[int]) -> list[_Heard]:
    heard = []
    for cue in rules.cues:
        for first, after, weight in _spans(words, marks, cue, tally):
            # A field's words may stand apart: "when I| die I want my ashes...".
            if cue.unless and words.phrase_in(cue.unless, first - (3 if cue.fields else 1), after):
                continue
            if cue.unless_before and words.phrase_in(cue.unless_before, first - 3, first):
                continue
            if cue.unless_after and words.phrase_in(cue.unless_after, after, after + 4):
                continue
            if cue.unless_next and words.phrase_next(cue.unless_next, after):
                continue
            heard.append(_Heard(first, after, cue, weight))
    heard.sort(key=lambda h: h.first)
    return heard


def _near(words: Words, marks: Marks, entry: Cue, first: int, after: int) -> bool:
    """Whether context `entry` is heard in its scope around words [first, after)."""
    if entry.scope == "adjacent":
        return marks.next_to(entry.id, first)
    return marks.any(entry.id, *words.window(entry.scope, first, after))


def _blocks(words: Words, marks: Marks, entry: Cue, heard: _Heard, turn, windows) -> bool:
    """Whether block `entry` is heard around `heard` and still speaks for it.

    A word that turns the story to the present ("now", "tonight", "again"),
    heard between an earlier word of the past and the cue, ends that past:
    "years ago I overdosed and survived. Tonight I've taken everything".
    `windows` keeps the words each scope looks at around this cue.
    """
    if entry.scope == "adjacent":
        return marks.next_to(entry.id, heard.first)
    window = windows.get(entry.scope)
    if window is None:
        window = windows[entry.scope] = words.window(entry.scope, heard.first, heard.after)
    first, after = window
    # A family's own words are not its frame: "a future where im still here".
    own = heard.after if heard.cue.category and not heard.cue.fields else heard.first
    if not (marks.any(entry.id, first, heard.first) or marks.any(entry.id, own, after)):
        return False
    if turn is None or marks.any(entry.id, own, after):
        return True
    last = marks.last_before(entry.id, first, heard.first)
    return last is None or not marks.any(turn.id, last[1], heard.first)


def _applies(entry: Cue, cue: Cue) -> bool:
    """Whether `entry` can set `cue` aside or lift it (its kinds; roles, cue ids or categories)."""
    if entry.kinds and cue.kind not in entry.kinds:
        return False
    return not entry.roles or not {cue.role, cue.id, cue.category}.isdisjoint(entry.roles)


def _blocks_for(rules: Rules, cue: Cue) -> tuple[tuple[Cue, Cue | None], ...]:
    """The blocks that can set `cue` aside, each with its turn entry (once per rules)."""
    key = ("blocks-for", cue.id)
    known = rules._seen.get(key)
    if known is None:
        turns = {
            category: entry
            for entry in rules.context
            if entry.effect == "turn"
            for category in entry.overrides
        }
        known = rules._seen[key] = tuple(
            (entry, turns.get(entry.category))
            for entry in rules.context
            if entry.effect == "block" and _applies(entry, cue)
        )
    return known


def _set_aside(words: Words, rules: Rules, marks: Marks, heard: _Heard) -> tuple[str, ...]:
    """Why this cue only shares the words of a crisis (empty when it does not)."""
    why = []
    windows: dict[str, tuple[int, int]] = {}
    for entry, turn in _blocks_for(rules, heard.cue):
        if _blocks(words, marks, entry, heard, turn, windows):
            why.append(entry.category)
    if not why:
        return ()
    # "I think he's died, he's not breathing, what do I do": urgency now outweighs
    # words of the past, of grief or of news in the same story; "took double last
    # night and I still can't stay awake": a now-marker outweighs "last night".
    undone: set[str] = set()
    for entry in rules.context:
        if (
            entry.effect == "override"
            and not undone.issuperset(entry.overrides)
            and _near(words, marks, entry, heard.first, heard.after)
        ):
            undone.update(entry.overrides)
    if undone.issuperset(why):
        return ()
    return tuple(dict.fromkeys(why))


def _score(words, rules, marks, kind, group):
    """(score, lifts heard) for the cues of one kind heard close together."""
    # Each role counts once at its strongest, plus half of a second, separate
    # cue of the same role ("throwing up" and "vision gone blurry").
    best: dict[str, _Heard] = {}
    second: dict[str, float] = {}
    for heard in sorted(group, key=lambda h: -h.weight):
        top = best.get(heard.cue.role)
        if top is None:
            best[heard.cue.role] = heard
        elif heard.role_free_of(top) and heard.cue.role not in second:
            second[heard.cue.role] = heard.weight / 2
    # A cue that yields to another role does not count again in the same words
    # ("bye" inside "bye all").
    counted = [
        heard
        for heard in best.values()
        if not any(
            other.cue.role in heard.cue.yields_to and not heard.role_free_of(other)
            for other in group
        )
    ]
    # A family of the semantic layer and another cue heard in the same words are
    # two readings of one thing: only the stronger counts.
    counted = _one_reading_each(counted)
    # "My heart is racing, I got the keys!" is not a symptom of anything taken.
    company = {h.cue.role for h in counted if not h.cue.needs_company}
    if len(company) == 0 and len(counted) == 1 and counted[0].cue.needs_company:
        near = words.window("near", counted[0].first, counted[0].after)
        if not marks.any("drug-context", *near):
            counted = []
    best = {heard.cue.role: heard for heard in counted}
    second = {role: weight for role, weight in second.items() if role in best}
    base = sum(heard.weight for heard in counted) + sum(second.values())
    if base < _MIN_BASE or not counted:
        return base, best, ()
    first, after = min(h.first for h in group), max(h.after for h in group)
    lifts, total = [], 0.0
    for entry in rules.context:
        if entry.effect != "boost" or kind not in entry.kinds:
            continue
        # A boost with roles lifts only cues of those roles: "I" beside a wish to
        # be dead leans to crisis, "I" beside "the bridge" does not.
        lifted = [h for h in counted if _applies(entry, h.cue)] if entry.roles else group
        if not lifted:
            continue
        if entry.scope.startswith(("before:", "around:")):
            found = any(_near(words, marks, entry, h.first, h.after) for h in lifted)
        else:
            found = marks.any(entry.id, first - _NEAR, after + _NEAR)
        if found:
            lifts.append(entry)
            total += entry.weight
    # Rounded: 0.6 + 0.3 + 0.1 is 1.0, not 0.9999999999999999.
    return round(base + min(total, _BOOST_CAP), 6), best, tuple(lifts)


def _one_reading_each(counted: list[_Heard]) -> list[_Heard]:
    kept: list[_Heard] = []
    for heard in sorted(counted, key=lambda h: -h.weight):
        if not any(
            (heard.cue.category or other.cue.category) and not heard.role_free_of(other)
            for other in kept
        ):
            kept.append(heard)
    return kept


def _reason(kind: str, best: dict[str, _Heard], lifts) -> str:
    reasons = {heard.cue.reason for heard in best.values()}
    if kind == SUICIDE and any(entry.id == "time" for entry in lifts):
        if "means" in reasons:
            return "means-time"
        if reasons & {"plan", "intent", "understatement"}:
            return "plan-time"
    return next(code for code in REASON_ORDER[kind] if code in reasons)


def _evidence(words: Words, first: int, after: int, cue: Cue, weight: float) -> Evidence:
    start, end = words.spans[first][0], words.spans[after - 1][1]
    return Evidence(start, end, words.original[start:end], cue.id, cue.role, cue.kind, weight)


def _judge(words: Words, rules: Rules, marks: Marks, tally: list[int]) -> Assessment:
    heard, set_aside = [], []
    for each in _heard(words, rules, marks, tally):
        tally[0] += len(rules.context)
        why = _set_aside(words, rules, marks, each)
        if why:
            set_aside.append((_evidence(words, each.first, each.after, each.cue, each.weight), why))
        else:
            heard.append(each)
    # Overlapping stretches of _WINDOW words: each cue falls in at most two.
    groups: dict[tuple[str, int], list[_Heard]] = {}
    step = _WINDOW // 2
    for each in heard:
        for number in {each.first // step, max(0, each.first // step - 1)}:
            groups.setdefault((each.cue.kind, number), []).append(each)
    results: dict[str, tuple] = {}
    windows: dict[int, dict[str, tuple]] = {}
    for (kind, number), group in groups.items():
        tally[0] += len(group) * 2 + len(rules.context)
        judged = _score(words, rules, marks, kind, group)
        if not judged[1]:
            continue
        windows.setdefault(number, {})[kind] = judged
        if kind not in results or judged[0] > results[kind][0]:
            results[kind] = judged
    kind = next((k for k in (OVERDOSE, SUICIDE) if results.get(k, (0,))[0] >= THRESHOLD), None)
    if kind is None:
        # Half-way cues of both kinds together ("swallowed the pack... goodbye
        # everyone") still add up to someone in danger: name the stronger kind.
        for judged in windows.values():
            if len(judged) == 2 and min(j[0] for j in judged.values()) >= _MIN_BASE:
                total = sum(j[0] for j in judged.values())
                if total >= THRESHOLD:
                    kind = max((OVERDOSE, SUICIDE), key=lambda k: judged[k][0])
                    results[kind] = (total, *judged[kind][1:])
                    break
    top = kind or max(results, key=lambda k: results[k][0], default=None)
    if top is None:
        return Assessment(None, "", "", 0.0, set_aside=tuple(set_aside))
    score, best, lifts = results[top]
    evidence = [_evidence(words, h.first, h.after, h.cue, h.weight) for h in best.values()]
    first = min(h.first for h in best.values())
    after = max(h.after for h in best.values())
    for entry in lifts:
        for span in marks.within(entry.id, first - _NEAR, after + _NEAR)[:1]:
            evidence.append(_evidence(words, *span, entry, entry.weight))
    evidence.sort(key=lambda e: e.start)
    code = _reason(top, best, lifts) if kind else ""
    return Assessment(
        kind=kind,
        reason=REASONS[code] if code else "",
        reason_code=code,
        score=round(score, 2),
        evidence=tuple(evidence),
        set_aside=tuple(set_aside),
    )


def assess(text: str, rules: Rules | None = None) -> Assessment:
    """Whether `text` suggests someone is in danger now, which kind, and why."""
    return _assess(text, rules or default_rules())[0]


def _assess(text: str, rules: Rules) -> tuple[Assessment, int]:
    """The assessment and a count of the steps it took (words, searches, checks)."""
    if not text or not text.strip():
        return NOT_AT_RISK, 1
    words = Words(text, normalised_words(text), rules)
    marks = Marks(words, rules.context)
    tally = [marks.steps]
    assessment = _judge(words, rules, marks, tally)
    return assessment, tally[0] + words.steps


def is_at_risk(text: str) -> bool:
    """True when `text` suggests an overdose happening now or intent to end one's life."""
    return assess(text).at_risk


__all__ = [
    "NOT_AT_RISK",
    "OVERDOSE",
    "REASONS",
    "SUICIDE",
    "THRESHOLD",
    "Assessment",
    "Evidence",
    "assess",
    "is_at_risk",
]
