"""A large document is queued once, when its request commits, however often it is asked for at once."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from config.queue import UNQUEUED
from dialogues import jobs
from dialogues.models import DocumentJob, JobStatus
from tests.dialogues.factories import AttendeeFactory
from tests.threads import at_once

PRODUCE = "dialogues.tasks.produce_document"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def large_session(session):
    session.target = 20
    session.save()
    for i in range(jobs.INVITATION_LIMIT + 2):
        AttendeeFactory(session=session, full_name=f"Lò Thị Mời {i}")
    return session


@pytest.mark.django_db
def test_invitations_asked_twice_are_queued_once_after_the_request_commits(client_as, commune_staff, large_session,
                                                                           queued_tasks):
    client = client_as(commune_staff)
    url = reverse("dialogues:invitations", args=[large_session.pk])
    first, second = client.get(url), client.get(url)
    job = DocumentJob.objects.get()
    assert first.url == second.url == job.get_absolute_url()
    assert queued_tasks == [(PRODUCE, [job.pk], True)]
    assert job.status == JobStatus.DONE


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_invitations_asked_from_two_tabs_at_once_make_one_job(commune_staff, large_session, queued_tasks):
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(commune_staff)
    url = reverse("dialogues:invitations", args=[large_session.pk])
    responses = at_once([lambda c=c: c.get(url) for c in clients])
    job = DocumentJob.objects.get()
    assert [r.url for r in responses] == [job.get_absolute_url()] * 2
    assert [task for task in queued_tasks if task[0] == PRODUCE] == [(PRODUCE, [job.pk], True)]



@pytest.mark.django_db
def test_invitations_the_queue_refuses_say_so_and_are_made_when_asked_again(client_as, commune_staff, large_session,
                                                                           queue_refusing):
    client = client_as(commune_staff)
    url = reverse("dialogues:invitations", args=[large_session.pk])
    with queue_refusing():
        response = client.get(url)
    job = DocumentJob.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.status, job.message) == (JobStatus.FAILED, UNQUEUED)
    assert UNQUEUED in client.get(response.url).content.decode()
    client.get(url)  # Redis answers again
    assert DocumentJob.objects.get().status == JobStatus.DONE
