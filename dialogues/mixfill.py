"""«Đăng ký đủ» that keeps the session's planned mix (shares of women, ethnic minorities and
first-timers), not only the priority order.

The priority score already favours women heads, minorities and people who have not attended, but
by weight, not by share: a commune whose poor households are mostly headed by men fills 40 places
with 6 women against a planned 40 %. Here the places are taken in priority order while there is
room, and once the places left are no more than what the aims still need, only people who help an
aim that is not met yet are taken (the best-ranked of them). What cannot be met for want of
households is said, with the figures.
"""

from dataclasses import dataclass
from math import ceil

from dialogues.mix import session_mix
from dialogues.priority import Suggestion

# The three aims in the order the session form and the mix panel show them.
TRAITS = ("Nữ", "Dân tộc thiểu số", "Lần đầu tham dự")


def has_trait(suggestion: Suggestion, trait: str) -> bool:
    if trait == "Nữ":
        return suggestion.gender == "F"
    if trait == "Dân tộc thiểu số":
        return suggestion.minority
    return suggestion.first_time


@dataclass
class Need:
    trait: str
    aim: int  # percent
    have: int
    wanted: int  # people needed in all once the places are filled

    @property
    def missing(self) -> int:
        return max(0, self.wanted - self.have)


def needs(session, free: int) -> list[Need]:
    """What each planned share asks of the list once ``free`` more people are on it."""
    found = []
    for share in session_mix(session):
        if share.aim:
            total = share.total + free
            found.append(Need(share.label, share.aim, share.count, ceil(share.aim * total / 100)))
    return found


def choose(pool: list[Suggestion], free: int, wanted: list[Need]) -> list[Suggestion]:
    """Up to ``free`` of ``pool`` (best first): priority order while the aims leave room."""
    missing = {need.trait: need.missing for need in wanted}
    chosen, rest = [], list(pool)
    while rest and len(chosen) < free:
        unmet = [trait for trait, count in missing.items() if count > 0]
        pick = rest[0]
        if unmet and sum(missing[t] for t in unmet) >= free - len(chosen):
            pick = next((s for s in rest if any(has_trait(s, t) for t in unmet)), rest[0])
        rest.remove(pick)
        chosen.append(pick)
        for trait in unmet:
            if has_trait(pick, trait):
                missing[trait] -= 1
    return chosen


def shortfalls(session) -> list[str]:
    """Sentences for each planned share the list does not reach, with the figures."""
    return [
        f"Tỷ lệ «{share.label.lower()}» dự kiến {share.aim} %, danh sách hiện có {share.count}/"
        f"{share.total} người ({share.percent} %): trong xã không còn đủ hộ phù hợp để đạt tỷ lệ này."
        for share in session_mix(session) if share.below_aim
    ]
