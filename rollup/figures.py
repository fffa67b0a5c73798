"""The roll-up's figures for a year over a set of units, computed once (a dozen grouped queries
whatever the number of communes) and read as they are by the page, the report and the workbook.

Attendance counts the people present at sessions held (held or reported), as the result report
of a plan does (dialogues.report); petitions count those raised at the year's sessions, on time
by rollup.rules.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.functions import Coalesce, ExtractQuarter

from areas import versioned
from desk.filters import HELD
from dialogues.models import Attendee, DialogueSession, Petition, PetitionStatus, PolicyField
from households.models import HouseholdClass
from households.models.reference import ETHNIC_GROUPS, KINH_CODE, EthnicGroup
from rollup import rules
from rollup.money import BudgetRow, budget_rows

NOT_RECORDED = "Chưa ghi"


@dataclass
class CommuneRow:
    name: str
    planned: int = 0
    held: int = 0
    target: int = 0
    present: int = 0
    women: int = 0
    minority: int = 0
    first_time: int = 0
    petitions: int = 0
    on_time: int = 0
    judged: int = 0

    @property
    def on_time_rate(self) -> str:
        return rules.rate(self.on_time, self.judged)


@dataclass
class Rollup:
    year: int
    units: list
    planned: int = 0
    held: int = 0
    target: int = 0
    planned_by_quarter: list[int] = field(default_factory=lambda: [0] * 4)
    held_by_quarter: list[int] = field(default_factory=lambda: [0] * 4)
    present: int = 0
    women: int = 0
    men: int = 0
    minority: int = 0
    first_time: int = 0
    by_ethnicity: list[tuple[str, int]] = field(default_factory=list)
    by_class: list[tuple[str, int]] = field(default_factory=list)
    petitions: int = 0
    by_field: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    field_status: list[tuple[str, list[int]]] = field(default_factory=list)  # per field, one count per status
    on_time: int = 0
    judged: int = 0
    overdue: int = 0
    communes: list[CommuneRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)

    @property
    def unit_names(self) -> str:
        return "; ".join(u.name for u in self.units)

    @property
    def gender_unknown(self) -> int:
        return self.present - self.women - self.men

    @property
    def on_time_rate(self) -> str:
        return rules.rate(self.on_time, self.judged)

    @property
    def first_time_share(self) -> str:
        return self.share(self.first_time)

    def share(self, part: int) -> str:
        return rules.rate(part, self.present) if self.present else "0%"

    @property
    def budget_total(self) -> BudgetRow:
        return BudgetRow("Tổng cộng", "", sum(r.allocated for r in self.budget),
                         sum(r.estimated for r in self.budget), sum(r.disbursed for r in self.budget))


def roll_up(units, reached, year: int, today: datetime.date) -> Rollup:
    """Every figure of the roll-up of ``units`` (whose rows live under the ids ``reached``) for ``year``."""
    result = Rollup(year=year, units=list(units))
    sessions = DialogueSession.objects.filter(commune__in=reached, year=year)
    communes = _sessions(result, sessions)
    _attendance(result, Attendee.objects.filter(session__in=sessions.filter(status__in=HELD), present=True),
                communes)
    _petitions(result, Petition.objects.filter(session__in=sessions), communes, today)
    result.communes = sorted(communes.values(), key=lambda row: row.name)
    result.budget = budget_rows(reached, year)
    return result


def _sessions(result: Rollup, sessions) -> dict[int, CommuneRow]:
    """One grouped query: per commune and quarter (a session's date's quarter, else its planned one)."""
    communes = {}
    quarter = Coalesce(ExtractQuarter("starts_at"), "quarter", output_field=IntegerField())
    for commune_id, name, q, planned, held, target in (
            sessions.annotate(q=quarter).values_list("commune_id", "commune__name", "q").order_by()
            .annotate(planned=Count("pk"), held=Count("pk", filter=Q(status__in=HELD)), target=Sum("target"))):
        row = communes.setdefault(commune_id, CommuneRow(name))
        row.planned, row.held, row.target = row.planned + planned, row.held + held, row.target + (target or 0)
        if q:
            result.planned_by_quarter[q - 1] += planned
            result.held_by_quarter[q - 1] += held
    result.planned = sum(r.planned for r in communes.values())
    result.held = sum(r.held for r in communes.values())
    result.target = sum(r.target for r in communes.values())
    return communes


def _attendance(result: Rollup, people, communes: dict[int, CommuneRow]) -> None:
    """One pass over the people present, grouped by commune, ethnic group and household class
    (ids and codes only: the groups' names come from the cache of reference data)."""
    groups = ethnic_groups()
    ethnic, classes = Counter(), Counter()
    for commune_id, group_id, household_class, present, women, men, first_time in (
            people.values_list("session__commune_id", "ethnic_group_id", "household_class").order_by()
            .annotate(present=Count("pk"), women=Count("pk", filter=Q(gender="F")),
                      men=Count("pk", filter=Q(gender="M")), first_time=Count("pk", filter=Q(first_time=True)))):
        name, code = groups.get(group_id, (NOT_RECORDED, None))
        commune = communes[commune_id]
        commune.present += present
        commune.women += women
        commune.first_time += first_time
        if code not in (None, KINH_CODE):
            commune.minority += present
        result.men += men
        ethnic[name] += present
        classes[household_class or HouseholdClass.OTHER] += present
    for name in ("present", "women", "minority", "first_time"):
        setattr(result, name, sum(getattr(c, name) for c in communes.values()))
    result.by_ethnicity = sorted(ethnic.items(), key=lambda pair: (pair[0] == NOT_RECORDED, -pair[1], pair[0]))
    result.by_class = [(label, classes[value]) for value, label in HouseholdClass.choices if classes[value]]


def ethnic_groups() -> dict[int, tuple[str, str]]:
    """id → (name, code) of every ethnic group, cached until a group changes (households.apps)."""
    return versioned.cached(ETHNIC_GROUPS, "rollup-names-codes",
                            lambda: {pk: (name, code) for pk, name, code in
                                     EthnicGroup.objects.values_list("pk", "name", "code")})


def _petitions(result: Rollup, petitions, communes: dict[int, CommuneRow], today: datetime.date) -> None:
    judged, overdue = rules.judged(today), rules.overdue(today)
    cells = Counter()
    for row in (petitions.values("policy_field", "status").order_by()
                .annotate(n=Count("pk"), on_time=Count("pk", filter=rules.ON_TIME),
                          judged=Count("pk", filter=judged), overdue=Count("pk", filter=overdue))):
        cells[row["policy_field"], row["status"]] += row["n"]
        result.on_time += row["on_time"]
        result.judged += row["judged"]
        result.overdue += row["overdue"]
    result.petitions = sum(cells.values())
    fields = [(value, label) for value, label in PolicyField.choices
              if any(cells[value, s] for s in PetitionStatus.values)]
    result.field_status = [(label, [cells[value, s] for s in PetitionStatus.values]) for value, label in fields]
    result.by_field = [(label, sum(counts)) for label, counts in result.field_status]
    result.by_status = [(label, sum(cells[f, value] for f in PolicyField.values))
                        for value, label in PetitionStatus.choices
                        if any(cells[f, value] for f in PolicyField.values)]
    for row in (petitions.values("session__commune_id").order_by()
                .annotate(n=Count("pk"), on_time=Count("pk", filter=rules.ON_TIME), judged=Count("pk", filter=judged))):
        commune = communes[row["session__commune_id"]]
        commune.petitions, commune.on_time, commune.judged = row["n"], row["on_time"], row["judged"]
