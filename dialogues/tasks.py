"""Background work (Django's Tasks API): large dialogue documents."""

from django_tasks import task

from dialogues import jobs


@task()
def produce_document(job_id: int) -> None:
    jobs.produce(job_id)
