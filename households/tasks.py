"""Background work (Django's Tasks API): reading and writing household imports."""

from django_tasks import task

from households.imports import batches


@task()
def read_import(batch_id: int) -> None:
    batches.read_batch(batch_id)


@task()
def write_import(batch_id: int) -> None:
    batches.write_batch(batch_id)
