"""Background work (Django's Tasks API): the checks of drafts the desk has no verdict for."""

from django_tasks import task

from desk import verdicts


@task()
def check_drafts(plan_ids: list[int]) -> None:
    verdicts.check_and_remember(plan_ids)
