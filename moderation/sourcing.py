"""Sourcing: offers to buy or sell drugs, asking for a dealer, contacts off the site.

Pure Python with no Django import (`phonenumbers` reads phone numbers):

    assess("Selling 2g of ket, dm me")  ->  [Finding(start=0, end=..., code="offer", ...)]

The first thing a harm-reduction forum's rules forbid, and what gets such
forums shut down. What it holds, each with a reason `code`:

- offer: an offer to sell ("selling", "for sale", "got spare ... if anyone
  needs") with a drug or a drug quantity near it;
- request: asking to buy ("anyone selling", "where can I score", "looking to
  buy ket"); a medicine counts only when asked for outside a prescription;
- plug: looking for, or offering, a dealer ("need a plug in Leeds", "your local
  plug", "@ukplug"), never a plug-in, a spark plug or "a shameless plug";
- contact: "hmu", "link in bio", or "dm me" with a trade word near it;
- app_contact: a handle or link for a messaging app ("wickr: dan_22", t.me/...);
- phone: a phone number that is not a helpline, service or free number;
- price_list: two or more quantities with their prices ("1g £50, 3.5g £150").

Left alone: prices, testing, naloxone, needles, treatment and services
("fentanyl test strips are £2 each", "where can I get naloxone?", "call 999"),
warnings and stories ("people are selling fake xanax", "I used to sell"), and
support ("DM me if you ever need to talk").

Each rule needs two signals in one sentence or the next, so every rule is a
fixed number of linear passes (regular expressions with no nested
repetition, bounded windows) and the whole is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers

from . import language
from .sourcing_patterns import (
    FREE_TYPES,
    HANDLE_LIKE,
    LEXICON_PATH,
    NEXT_WORDS,
    PHONE,
    SENTENCE_END,
    SPELLED_OUT,
    SWAPS,
    TESTED_FOR,
    Rules,
    gather,
    rules,
)


def gettext_noop(message: str) -> str:
    """Marks a reason for translation; callers translate it with gettext(reason)."""
    return message


REASONS = {
    "offer": gettext_noop("an offer to sell"),
    "request": gettext_noop("a request to buy"),
    "plug": gettext_noop("looking for, or offering, a dealer"),
    "contact": gettext_noop("an invitation to get in touch about buying or selling"),
    "app_contact": gettext_noop("contact details for a messaging app"),
    "phone": gettext_noop("a phone number"),
    "price_list": gettext_noop("a price list"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    text: str
    code: str
    reason: str

    @property
    def category(self) -> str:
        return f"sourcing:{self.code}"

    severity = "high"

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "code": self.code,
            "reason": self.reason,
            "category": self.category,
            "severity": self.severity,
        }


def normalised(text: str):
    """(normalised text, start_of, end_of): the one place that knows the fold.

    The language engine's fold today; repoint here when moderation.normalize lands.
    """
    folded = language._Folded(text)
    return folded.text, folded.start_of, folded.end_of


class _Text:
    """The normalised text, its sentences, and where each kind of cue occurs."""

    def __init__(self, text: str, rules: Rules):
        self.original = text
        self.norm, self.start_of, self.end_of = normalised(text)
        self.words = SPELLED_OUT.sub(gather, self.norm.translate(SWAPS))
        self.ends = [m.end() for m in SENTENCE_END.finditer(self.norm)]
        self.rules = rules
        self._sentences: dict[str, set[int]] = {}
        self._senses = None

    def sentence(self, index: int) -> int:
        return bisect_right(self.ends, index)

    def cue(self, kind: str) -> set[int]:
        """The sentences in which `kind` occurs."""
        found = self._sentences.get(kind)
        if found is None:
            source = self.norm if kind in {"quantity", "price", "pair"} else self.words
            found = {self.sentence(m.start()) for m in self.matches(kind, source)}
            self._sentences[kind] = found
        return found

    def matches(self, kind: str, source: str | None = None):
        pattern = self.rules.patterns[kind]
        if kind in {"illicit_drugs", "medicines"}:
            return [
                m
                for m in pattern.finditer(self.words)
                if not self._masked(m) and not self._other_sense(m.start())
            ]
        return pattern.finditer(self.words if source is None else source)

    def _other_sense(self, index: int) -> bool:
        """Whether a drug word here means something else: "folic acid", "diet coke"."""
        if self._senses is None:
            pattern = self.rules.patterns["not_drug_senses"]
            spans = [m.span() for m in pattern.finditer(self.words)]
            self._senses = ([a for a, _ in spans], [b for _, b in spans])
        starts, ends = self._senses
        at = bisect_right(starts, index) - 1
        return at >= 0 and index < ends[at]

    def drug_at_end(self, match) -> bool:
        """Whether the drug word that ends `match` means a drug here."""
        return not (self._other_sense(match.end() - 1) or self._masked(match))

    def _masked(self, match) -> bool:
        """A drug word that names what a test, a kit or treatment is for:
        "fentanyl test strips", "my coke habit", "strips that test for fentanyl"."""
        following = NEXT_WORDS.match(self.words, match.end())
        if following and not self.rules.testing.isdisjoint(following.groups()):
            return True
        before = self.words[max(0, match.start() - 24) : match.start()]
        return bool(TESTED_FOR.search(before))

    def near(self, kind: str, sentence: int, spread: int = 1) -> bool:
        found = self.cue(kind)
        return any(s in found for s in range(sentence - spread, sentence + spread + 1))

    def finding(self, start: int, end: int, code: str) -> Finding:
        start, end = self.start_of(start), self.end_of(end)
        return Finding(start, end, self.original[start:end], code, REASONS[code])


def _negated(t: _Text, match) -> bool:
    """ "never selling", "I used to sell", "don't buy": told of or refused, not offered."""
    before = t.words[max(0, match.start() - 24) : match.start()]
    return bool(t.rules.patterns["negations"].search(before))


def _drug_near(t: _Text, sentence: int, medicines: bool = True) -> bool:
    return (
        t.near("illicit_drugs", sentence)
        or (medicines and t.near("medicines", sentence))
        or t.near("quantity", sentence, 0)
    )


def _offers(t: _Text):
    signs: dict[int, set[str]] = {}
    for kind in ("selling", "sell_cues", "vendor_cues"):
        for m in t.matches(kind):
            s = t.sentence(m.start())
            if _negated(t, m) or t.near("warning_cues", s, 0):
                continue
            if _drug_near(t, s):
                yield t.finding(m.start(), m.end(), "offer")
            elif kind == "vendor_cues":
                # A seller's advert may name no drug: "we deliver 24/7, crypto accepted".
                near = signs.get(s, set()) | signs.get(s - 1, set())
                if near - {m.group()}:
                    yield t.finding(m.start(), m.end(), "offer")
            signs.setdefault(s, set()).add(m.group() if kind == "vendor_cues" else kind)


def _requests(t: _Text):
    for m in t.matches("selling_frame"):
        s = t.sentence(m.start())
        if _drug_near(t, s) and not (_negated(t, m) or t.near("warning_cues", s, 0)):
            yield t.finding(m.start(), m.end(), "request")
    for kind in ("street", "holding", "need_some", "get_some"):
        for m in t.matches(kind):
            s = t.sentence(m.start())
            if kind in {"need_some", "get_some"} and not t.drug_at_end(m):
                continue
            if not (_negated(t, m) or t.near("warning_cues", s, 0) or t.near("support_cues", s, 0)):
                yield t.finding(m.start(), m.end(), "request")
    for m in t.matches("get_me"):
        s = t.sentence(m.start())
        if (
            t.near("illicit_drugs", s, 0)
            or (t.near("medicines", s, 0) and t.near("illicit_sourcing", s, 0))
        ) and not t.near("support_cues", s, 0):
            yield t.finding(m.start(), m.end(), "request")
    for kind in ("seek", "have_frame"):
        for m in t.matches(kind):
            s = t.sentence(m.start())
            if _negated(t, m) or t.near("warning_cues", s, 0) or t.near("support_cues", s, 0):
                continue
            illicit_way = t.near("illicit_sourcing", s, 0)
            if (
                t.near("illicit_drugs", s, 0) and (illicit_way or not t.near("legal_access", s, 0))
            ) or (illicit_way and t.near("medicines", s, 0)):
                yield t.finding(m.start(), m.end(), "request")


def _plugs(t: _Text):
    device = t.rules.patterns["plug_device"]
    for m in t.matches("plug_seek"):
        if device.match(t.words, m.end()):
            continue
        if not (_negated(t, m) or t.near("warning_cues", t.sentence(m.start()), 0)):
            yield t.finding(m.start(), m.end(), "plug")
    for m in t.matches("plug_handle", t.norm):
        yield t.finding(m.start(), m.end(), "plug")


def _contacts(t: _Text):
    for m in t.matches("app_link", t.norm):
        yield t.finding(m.start(), m.end(), "app_contact")
    for m in t.matches("app_handle", t.norm):
        handle = m.group(1) or m.group(2)
        if handle.lstrip("@").isdigit():
            continue  # a number: the phone check decides
        explicit = re.search(r"[:=@]|id|handle|name|number", m.group()[: m.start(1) - m.start()])
        if m.group(2) or HANDLE_LIKE.search(handle) or (m.group(1) and explicit):
            yield t.finding(m.start(), m.end(), "app_contact")
    for m in t.matches("app_contact"):
        if not t.near("support_cues", t.sentence(m.start()), 0):
            yield t.finding(m.start(), m.end(), "app_contact")
    for kind in ("contact_strong", "contact_weak"):
        for m in t.matches(kind):
            s = t.sentence(m.start())
            if t.near("support_cues", s) or t.near("warning_cues", s, 0):
                continue
            if kind == "contact_strong" or (
                t.near("trade_cues", s)
                or t.near("vendor_cues", s)
                or _drug_near(t, s)
                or t.near("price", s, 0)
            ):
                yield t.finding(m.start(), m.end(), "contact")


def _price_lists(t: _Text):
    pairs = list(t.matches("pair", t.norm))
    if len({" ".join(p.group().split()) for p in pairs}) < 2:
        return
    if re.search(r"(?<![a-z])(?:paid|pay|pays|cost|costs|costing|charged|spent)(?![a-z])", t.norm):
        return
    if any(t.near("warning_cues", t.sentence(p.start()), 0) for p in pairs):
        return
    yield t.finding(pairs[0].start(), pairs[-1].end(), "price_list")


def _phones(t: _Text):
    service = t.rules.patterns["service_words"]
    for m in PHONE.finditer(t.norm):
        digits = re.sub(r"\D", "", m.group())
        # Personal numbers have 9 digits or more in the regions served; shorter
        # runs are references, years and short codes (999, 116 123).
        if not 9 <= len(digits) <= 15:
            continue
        kind = _phone_type(m.group(), t.rules.regions)
        if kind is None or kind in FREE_TYPES:
            continue
        if service.search(t.words, max(0, m.start() - 60), m.start()):
            continue
        yield t.finding(m.start(), m.end(), "phone")


@lru_cache(maxsize=1024)
def _phone_type(candidate: str, regions: tuple[str, ...]) -> int | None:
    """The kind of number `candidate` is in the first region where it is valid."""
    for region in (None,) if candidate.startswith("+") else regions:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.number_type(number)
    return None


_CHECKS = (_offers, _requests, _plugs, _contacts, _price_lists, _phones)


def assess(text: str, *, lexicon_path: Path | None = None) -> list[Finding]:
    """Every sign of buying, selling or dealers' contacts in `text`, in order.

    Offsets are into `text` as given. Overlapping signs are merged into the first.
    """
    if not text or not text.strip():
        return []
    t = _Text(text, rules(str(lexicon_path or LEXICON_PATH)))
    found = sorted((f for check in _CHECKS for f in check(t)), key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def codes(text: str) -> list[str]:
    """The reason codes found in `text` (for tests and the review queue)."""
    return [finding.code for finding in assess(text)]
