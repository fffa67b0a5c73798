"""When a petition counts as answered on time, written once for the desk and the roll-up.

Answered at the session: on time. Settled later (closed): on time when it had no deadline or
was closed on or before it. Still open past its deadline: late. Open and not yet due: not
counted either way. A closed petition with a deadline and no closing date cannot prove it was
on time and counts as late.
"""

import datetime

from django.db.models import F, Q

from dialogues.models import PetitionStatus
from dialogues.models.petitions import OPEN_STATUSES

ANSWERED = Q(status__in=(PetitionStatus.ANSWERED, PetitionStatus.CLOSED))
ON_TIME = (Q(status=PetitionStatus.ANSWERED) | Q(status=PetitionStatus.CLOSED, due_date__isnull=True)
           | Q(status=PetitionStatus.CLOSED, closed_on__lte=F("due_date")))


def overdue(today: datetime.date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__lt=today)


def judged(today: datetime.date) -> Q:
    """Petitions whose timeliness is known: answered, or open past their deadline."""
    return ANSWERED | overdue(today)


def rate(on_time: int, judged_count: int) -> str:
    """«87,5%», or «—» when nothing can be judged yet."""
    return f"{on_time * 100 / judged_count:.1f}".replace(".", ",") + "%" if judged_count else "—"
