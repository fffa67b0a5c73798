"""Suggested attendees: the commune's households ranked by the unit's priority weights, with reasons.

The database ranks every household (dialogues.ranking) and returns only those shown; this module
writes their reasons from the same criteria and weights.
"""

import datetime
from dataclasses import dataclass, field

from dialogues import ranking
from dialogues.models import DEFAULT_WEIGHTS, Criterion, DialogueSession, PriorityRule
from households.models import Household, HouseholdClass

LABELS = dict(Criterion.choices)
CLASS_CRITERIA = ranking.CLASS_CRITERIA


@dataclass
class Suggestion:
    household_id: int
    name: str
    village: str
    gender: str
    birth_year: int | None
    household_class: str
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    last_attended: datetime.date | None = None
    attended_this_year: bool = False
    minority: bool = False
    past_year: int | None = None  # latest dialogue recorded from an imported list's notes; 0: year unknown
    attended_when: str = ""  # of a dialogue this year: «ngày 01/02/2026» or «theo ghi chú danh sách nhập»

    @property
    def first_time(self) -> bool:
        """Never at a dialogue: none of the app's sessions, and none recorded from an imported list."""
        return self.last_attended is None and self.past_year is None

    @property
    def class_label(self) -> str:
        return HouseholdClass(self.household_class).label if self.household_class else ""


def related_commune_ids(commune) -> set[int]:
    """The commune and the communes it replaced or that replaced it (the 2025 reform)."""
    ids = {commune.pk}
    ids |= set(commune.predecessors.values_list("pk", flat=True))
    ids |= set(commune.successors.values_list("pk", flat=True))
    return ids


def weights_for(commune) -> dict[str, int]:
    """The weights of the nearest unit (commune, then upwards) that configured any, else the defaults."""
    weights = {c.value: w for c, w in DEFAULT_WEIGHTS.items()}
    weights.update(PriorityRule.objects.filter(unit__isnull=True).values_list("criterion", "weight"))
    unit = commune
    while unit is not None:
        rows = dict(PriorityRule.objects.filter(unit=unit).values_list("criterion", "weight"))
        if rows:
            weights.update(rows)
            break
        unit = unit.parent
    return weights


def criteria_met(*, woman: bool, minority: bool, household_class: str, last_attended: datetime.date | None,
                 reference: datetime.date, past_year: int | None = None) -> list[str]:
    """Every criterion a household meets, in the order its reasons are shown. A dialogue recorded
    from an imported list (``past_year``, 0 when its year is unknown) counts as attended, at the
    latest on the last day of its year."""
    met = []
    if woman:
        met.append(Criterion.WOMAN_HEAD.value)
    if minority:
        met.append(Criterion.ETHNIC_MINORITY.value)
    if household_class in CLASS_CRITERIA:
        met.append(CLASS_CRITERIA[household_class])
    if last_attended is None and past_year is None:
        met.append(Criterion.NEVER_ATTENDED.value)
    cutoff = reference - datetime.timedelta(days=365)
    if (last_attended is None or last_attended < cutoff) and (past_year is None or past_year < cutoff.year):
        met.append(Criterion.NOT_RECENT.value)
    return met


def explain(suggestion: Suggestion, met: list[str], weights: dict[str, int], reference: datetime.date) -> Suggestion:
    """Fill in the score, the reasons ("Chủ hộ là nữ (+3)") and the attended-this-year warning."""
    counted = [c for c in met if weights.get(c, 0) > 0]
    suggestion.score = sum(weights[c] for c in counted)
    suggestion.reasons = [f"{LABELS[c]} (+{weights[c]})" for c in counted]
    if suggestion.last_attended and suggestion.last_attended.year == reference.year:
        suggestion.attended_when = f"ngày {suggestion.last_attended:%d/%m/%Y}"
    elif suggestion.past_year == reference.year:
        suggestion.attended_when = "theo ghi chú danh sách nhập"
    suggestion.attended_this_year = bool(suggestion.attended_when)
    return suggestion


def candidates(session: DialogueSession, households=None, *, limit: int | None = None) -> list[Suggestion]:
    """Households of the host commune not yet on the list, best first (the first ``limit`` of them).

    The database ranks (dialogues.ranking) and returns only the first ``limit``; reasons are
    written for those, which keeps a commune of 5,000 households within 50 ms (bench/dialogues.py).
    """
    if households is None:
        households = Household.objects.filter(commune__in=related_commune_ids(session.commune))
    weights, reference = weights_for(session.commune), session.reference_date
    found = []
    for row in ranking.ranked(households, session, weights=weights, reference=reference, limit=limit):
        suggestion = Suggestion(row.household_id, row.name, row.village, row.gender, row.birth_year,
                                row.household_class, last_attended=row.last_attended, minority=row.minority,
                                past_year=row.past_year)
        met = criteria_met(woman=row.gender == "F", minority=row.minority, household_class=row.household_class,
                           last_attended=row.last_attended, reference=reference, past_year=row.past_year)
        found.append(explain(suggestion, met, weights, reference))
    return found


def suggest(session: DialogueSession, limit: int = 20) -> list[Suggestion]:
    """The best ``limit`` households to invite, each with the reasons it ranks where it does."""
    return candidates(session, limit=limit)
