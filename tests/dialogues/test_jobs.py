"""Large documents go to the task worker with progress; small ones are answered at once."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from dialogues import jobs
from dialogues.models import DocumentJob, JobKind, JobStatus
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def plan(officer, own_unit):
    from plans.models import PlanKind
    from plans.services import create_plan
    from tests.factories import IssuingBodyFactory

    return create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=IssuingBodyFactory(unit=own_unit),
                       year=2026, by=officer)


def _text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _people(session, count):
    return [AttendeeFactory(session=session, full_name=f"Hà Thị Mời {i}") for i in range(count)]


def test_a_small_batch_of_invitations_is_answered_at_once(client_as, commune_staff, session):
    _people(session, 3)
    response = client_as(commune_staff).get(reverse("dialogues:invitations", args=[session.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert _text(response.content)[0] == 3
    assert not DocumentJob.objects.exists()


def test_a_large_batch_of_invitations_is_made_in_the_background_then_downloaded(client_as, commune_staff, session):
    session.target = 20
    session.save()
    _people(session, jobs.INVITATION_LIMIT + 4)
    client = client_as(commune_staff)
    response = client.get(reverse("dialogues:invitations", args=[session.pk]))
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert (job.kind, job.status, job.progress) == (JobKind.INVITATIONS, JobStatus.DONE, 100)

    page = client.get(job.get_absolute_url()).content.decode()
    assert "Tệp đã sẵn sàng" in page and "hx-trigger" not in page
    download = client.get(reverse("dialogues:job-file", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "giay-moi-ha-hoa-2026.pdf" in download["Content-Disposition"]
    pages, text = _text(download.content)
    assert pages == jobs.INVITATION_LIMIT + 4
    assert "Hà Thị Mời 0" in text and f"Hà Thị Mời {jobs.INVITATION_LIMIT + 3}" in text


def test_an_unchanged_list_reuses_the_file_and_a_changed_list_replaces_it(client_as, commune_staff, session, media):
    session.target = 20
    session.save()
    _people(session, jobs.INVITATION_LIMIT + 1)
    client = client_as(commune_staff)
    url = reverse("dialogues:invitations", args=[session.pk])
    first = client.get(url).url
    assert client.get(url).url == first
    old = DocumentJob.objects.get()
    old_path = media / old.file.name
    assert old_path.exists()

    AttendeeFactory(session=session, full_name="Người Mới Đăng Ký")
    assert "Danh sách đã thay đổi" in client.get(first).content.decode()
    second = client.get(url).url
    assert second != first and DocumentJob.objects.count() == 1 and not old_path.exists()
    new = DocumentJob.objects.get()
    assert "Người Mới Đăng Ký" in _text(client.get(reverse("dialogues:job-file", args=[new.pk])).content)[1]


def test_plan_wide_sheets_above_the_threshold_go_to_the_worker(client_as, officer, plan, own_unit, monkeypatch):
    sessions = [ScheduledSessionFactory(commune=own_unit, plan=plan) for _ in range(2)]
    for s in sessions:
        AttendeeFactory(session=s, full_name=f"Lò Văn Ký {s.pk}")
    client = client_as(officer)
    url = reverse("dialogues:plan-sheet", args=[plan.pk, "danh-sach-ky", "pdf"])
    assert client.get(url)["Content-Type"] == "application/pdf"

    monkeypatch.setattr(jobs, "SHEET_ROW_LIMIT", 5)
    response = client.get(url)
    job = DocumentJob.objects.get()
    assert response.url == job.get_absolute_url() and (job.kind, job.plan) == (JobKind.SIGN_IN, plan)
    pages, text = _text(client.get(reverse("dialogues:job-file", args=[job.pk])).content)
    assert pages == 2 and all(f"Lò Văn Ký {s.pk}" in text for s in sessions)


def test_a_running_job_is_polled_and_a_failed_one_offers_a_retry(client_as, commune_staff, session, monkeypatch):
    client = client_as(commune_staff)
    job = DocumentJob.objects.create(kind=JobKind.INVITATIONS, session=session, requested_by=commune_staff,
                                     fingerprint="x", filename="giay-moi.pdf", status=JobStatus.RUNNING, progress=40)
    partial = client.get(reverse("dialogues:job-progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in partial and "40%" in partial
    assert client.get(reverse("dialogues:job-file", args=[job.pk])).status_code == 404

    def broken(job, report):
        raise RuntimeError("font missing")

    monkeypatch.setattr(jobs, "_content", broken)
    DocumentJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)  # the worker only takes a queued job
    jobs.produce(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Gặp lỗi không mong đợi khi tạo tệp" in page and "Thử lại" in page


def test_only_the_person_who_asked_sees_a_job(client_as, commune_staff, officer, session):
    job = DocumentJob.objects.create(kind=JobKind.INVITATIONS, session=session, requested_by=commune_staff,
                                     fingerprint="x", filename="giay-moi.pdf")
    for name in ("job-detail", "job-progress", "job-file"):
        assert client_as(officer).get(reverse(f"dialogues:{name}", args=[job.pk])).status_code == 404


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside the worker: no ``except Exception`` runs."""


def _large_invitations(session):
    session.target = 20
    session.save()
    _people(session, jobs.INVITATION_LIMIT + 2)
    return reverse("dialogues:invitations", args=[session.pk])


def test_a_job_whose_worker_died_is_marked_failed_and_asking_again_makes_a_new_one(client_as, commune_staff,
                                                                                 session, monkeypatch):
    url = _large_invitations(session)
    client = client_as(commune_staff)

    def killed(job, report):
        report(0.4)
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(jobs, "_content", killed)
        dead = client.get(url).url
    job = DocumentJob.objects.get()
    assert (job.status, job.progress) == (JobStatus.RUNNING, 40), "stuck as the worker left it"
    DocumentJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=6))

    page = client.get(dead).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == jobs.STALLED and job.finished_at
    assert jobs.STALLED in page and "Thử lại" in page and "hx-trigger" not in page

    again = client.get(url).url
    assert again != dead
    fresh = DocumentJob.objects.get()
    download = client.get(reverse("dialogues:job-file", args=[fresh.pk]))
    assert fresh.status == JobStatus.DONE and _text(download.content)[0] == jobs.INVITATION_LIMIT + 2


def test_a_document_task_delivered_twice_renders_once(client_as, commune_staff, session, media):
    client_as(commune_staff).get(_large_invitations(session))
    job = DocumentJob.objects.get()
    jobs.produce(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert [p.name for p in (media / "dialogues" / "tai-lieu").iterdir()] == [job.file.name.rsplit("/", 1)[1]]


def test_generated_documents_are_deleted_after_the_retention_and_issued_plans_are_kept(
        client_as, commune_staff, session, media, own_unit):
    client = client_as(commune_staff)
    client.get(_large_invitations(session))
    old = DocumentJob.objects.get()
    old_file = media / old.file.name
    DocumentJob.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=31))
    other = ScheduledSessionFactory(commune=own_unit, target=20)
    client.get(_large_invitations(other))
    recent = DocumentJob.objects.get(session=other)
    issued = media / "plans" / "issued" / "2023" / "kh-125-ubnd.pdf"
    issued.parent.mkdir(parents=True)
    issued.write_bytes(b"%PDF-1.7 an issued plan")
    DocumentJob.objects.filter(pk=recent.pk).update(finished_at=timezone.now() - datetime.timedelta(days=29))

    call_command("purge_expired_files", stdout=io.StringIO())
    assert not DocumentJob.objects.filter(pk=old.pk).exists() and not old_file.exists()
    assert DocumentJob.objects.filter(pk=recent.pk).exists() and (media / recent.file.name).exists()
    assert issued.read_bytes() == b"%PDF-1.7 an issued plan", "issued plans are records, never purged"
    assert client.get(old.get_absolute_url()).status_code == 404
