"""The priority score computed by the database, so only the households shown leave it.

Scoring 5,000 households in Python meant fetching 5,000 rows, their classes and their
attendance; per-household correlated subqueries cost three index probes a row. This one query
aggregates the latest class, the last attendance and the latest past participation recorded from an
imported list's notes (households.PastParticipation) in one pass each (hash joins), adds the weights and
returns the best ``limit`` rows. ``dialogues.priority.criteria_met`` explains the same sums for
the households shown. Plain SQL that SQLite and PostgreSQL both run.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dialogues.models import Attendee, Criterion, DialogueSession
from households.models import HouseholdClass
from households.models.reference import KINH_CODE

CLASS_CRITERIA = {HouseholdClass.POOR.value: Criterion.POOR.value,
                  HouseholdClass.NEAR_POOR.value: Criterion.NEAR_POOR.value,
                  HouseholdClass.NEWLY_ESCAPED.value: Criterion.NEWLY_ESCAPED.value}

RANKED = """
WITH homes (id, head_name, village, gender, birth_year, minority) AS (
    {households}
), latest AS (
    -- One pass: years have four digits, so the greatest "year || class" is the latest class.
    SELECT household_id, SUBSTR(MAX(CAST(year AS TEXT) || household_class), 5) AS household_class
    FROM households_classification
    WHERE year <= %s AND household_id IN (SELECT id FROM homes) GROUP BY household_id
), seen AS (
    SELECT a.household_id, MAX(s.starts_at) AS last FROM dialogues_attendee a
    JOIN dialogues_dialoguesession s ON s.id = a.session_id
    WHERE a.present AND s.starts_at IS NOT NULL AND a.session_id <> %s
      AND a.household_id IN (SELECT id FROM homes)
    GROUP BY a.household_id
), past AS (
    -- Dialogues attended before the app's sessions (households_pastparticipation); 0: no year known.
    SELECT household_id, MAX(COALESCE(year, 0)) AS year FROM households_pastparticipation
    WHERE household_id IN (SELECT id FROM homes) GROUP BY household_id
), scored AS (
    SELECT h.id, h.head_name, h.village, h.gender, h.birth_year, h.minority, seen.last, past.year AS past_year,
           COALESCE(latest.household_class, '') AS household_class,
           CASE WHEN h.gender = 'F' THEN %s ELSE 0 END
           + h.minority * %s
           + CASE latest.household_class WHEN 'poor' THEN %s WHEN 'near_poor' THEN %s
                                         WHEN 'newly_escaped' THEN %s ELSE 0 END
           + CASE WHEN seen.last IS NULL AND past.year IS NULL THEN %s
                  WHEN (seen.last IS NULL OR seen.last < %s) AND (past.year IS NULL OR past.year < %s) THEN %s
                  ELSE 0 END AS score
    FROM homes h LEFT JOIN latest ON latest.household_id = h.id LEFT JOIN seen ON seen.household_id = h.id
         LEFT JOIN past ON past.household_id = h.id
)
SELECT id, head_name, village, gender, birth_year, minority, last, household_class, score, past_year FROM scored
ORDER BY score DESC, CASE WHEN last IS NULL AND past_year IS NULL THEN 0 ELSE 1 END, last, head_name, id
LIMIT %s
"""


@dataclass
class Row:
    household_id: int
    name: str
    village: str
    gender: str
    birth_year: int | None
    minority: bool
    last_attended: datetime.date | None
    household_class: str
    score: int
    past_year: int | None = None  # latest dialogue recorded outside the app's sessions; 0: year unknown


def _local_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands back the stored text
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return timezone.localtime(value).date()


def _homes(households, session: DialogueSession):
    """The households' SQL: those not on the session's list yet, with a 1/0 ethnic minority column."""
    on_list = Attendee.objects.filter(session=session, household=OuterRef("pk"))
    minority = Case(When(Q(ethnic_group__isnull=False) & ~Q(ethnic_group__code=KINH_CODE), then=Value(1)),
                    default=Value(0), output_field=IntegerField())
    homes = (households.order_by().filter(~Exists(on_list)).annotate(minority=minority)
             .values_list("pk", "head_name", "village", "gender", "birth_year", "minority"))
    return homes.query.sql_with_params()


def query(households, session: DialogueSession, *, weights: dict[str, int], reference: datetime.date,
          limit: int | None) -> tuple[str, list]:
    """The SQL and parameters of the ranking (see ``ranked``)."""
    cutoff = timezone.make_aware(datetime.datetime.combine(reference - datetime.timedelta(days=365), datetime.time.min))
    homes, homes_params = _homes(households, session)
    never, not_recent = weights.get(Criterion.NEVER_ATTENDED.value, 0), weights.get(Criterion.NOT_RECENT.value, 0)
    params = [*homes_params, session.year, session.pk,
              weights.get(Criterion.WOMAN_HEAD.value, 0), weights.get(Criterion.ETHNIC_MINORITY.value, 0),
              *(weights.get(CLASS_CRITERIA[k], 0) for k in ("poor", "near_poor", "newly_escaped")),
              never + not_recent, connection.ops.adapt_datetimefield_value(cutoff), cutoff.year, not_recent,
              limit if limit is not None else 1_000_000]
    return RANKED.format(households=homes), params


def ranked(households, session: DialogueSession, **options) -> list[Row]:
    """The best ``limit`` of ``households`` (a queryset) not yet on the session's list, scored."""
    with connection.cursor() as cursor:
        cursor.execute(*query(households, session, **options))
        rows = cursor.fetchall()
    return [Row(pk, name, village, gender, birth_year, bool(minority), _local_date(last), klass, score, past)
            for pk, name, village, gender, birth_year, minority, last, klass, score, past in rows]
