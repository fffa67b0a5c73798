"""Background work (Django's Tasks API): reading an uploaded estimate workbook."""

from django_tasks import task

from budgets import importing


@task()
def read_estimate_import(staged_id: int) -> None:
    importing.read_import(staged_id)
