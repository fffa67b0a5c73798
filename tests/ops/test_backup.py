"""Backup and restore (scripts/backup.sh, scripts/restore.sh): a restored copy holds the data.

Each test builds its own source database (migrated, with a household and an uploaded file),
backs it up with the script, restores the archive into a fresh database and a fresh media
folder, and reads the household and the file back through the app. The test database of the
suite is never touched.
"""

import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ENGINE = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
NAME = "Lò Văn Khôi sao lưu"
CREATE = f"""
from areas.models import AdminUnit, UnitLevel
from households.models import EthnicGroup, Household
province = AdminUnit.objects.create(code="97", kind="Tỉnh", short_name="Thử", name="Tỉnh Thử",
                                    level=UnitLevel.PROVINCE)
commune = AdminUnit.objects.create(code="99001", kind="Xã", short_name="Khôi", name="Xã Khôi",
                                   level=UnitLevel.COMMUNE, parent=province)
Household.objects.create(commune=commune, code="HO-SL-1", head_name="{NAME}", gender="M",
                         birth_year=1970, village="Bản Khôi",
                         ethnic_group=EthnicGroup.objects.get(code="01"))
"""
READ = f"""
from households.models import Household
print("FOUND", Household.objects.filter(head_name="{NAME}").count())
"""

# The audit log's append-only trigger (audit/migrations/0003) comes back with a restore.
TRIGGERS = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_auditentry_append_only'")
    print("TRIGGERS", cursor.fetchone()[0])
"""


def _run(args, env, **kwargs):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                            **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _env(database_url, media):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DATABASE_URL": database_url, "MEDIA_ROOT": str(media), "PY": sys.executable})
    return env


def _roundtrip(source_url, target_url, tmp_path):
    """Fill the source, back it up, restore into the target; the target's env and archive."""
    source = _env(source_url, tmp_path / "media")
    (tmp_path / "media" / "plans").mkdir(parents=True)
    (tmp_path / "media" / "plans" / "ke-hoach-05.pdf").write_bytes(b"%PDF-1.7 issued plan")
    _run([sys.executable, "manage.py", "migrate", "-v0"], source)
    _run([sys.executable, "manage.py", "shell", "-c", CREATE], source)
    archive = _run(["scripts/backup.sh", str(tmp_path / "backups")], source).strip().splitlines()[-1]
    _assert_private(Path(archive))
    target = _env(target_url, tmp_path / "restored-media")
    _run(["scripts/restore.sh", archive, "--yes"], target)
    return target


def _assert_private(archive: Path):
    """The archive holds ID numbers: only its owner reads it, and its new folder is closed."""
    assert archive.exists()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.parent.stat().st_mode) == 0o700


def _assert_restored(target, tmp_path):
    assert "FOUND 1" in _run([sys.executable, "manage.py", "shell", "-c", READ], target)
    restored = tmp_path / "restored-media" / "plans" / "ke-hoach-05.pdf"
    assert restored.read_bytes() == b"%PDF-1.7 issued plan"


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL path: run with DATABASE_URL="
                    "postgres://… (CI does); the SQLite path is tested on SQLite")
def test_a_postgresql_dump_restores_into_a_fresh_database_with_its_files(tmp_path):
    database = settings.DATABASES["default"]
    base = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT'] or 5432}"
    names = [f"ops_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("src", "dst")]
    admin = ["-h", database["HOST"], "-p", str(database["PORT"] or 5432), "-U", database["USER"]]
    for name in names:
        _run(["createdb", *admin, name], os.environ)
    try:
        target = _roundtrip(f"{base}/{names[0]}", f"{base}/{names[1]}", tmp_path)
        _assert_restored(target, tmp_path)
        assert "TRIGGERS 1" in _run([sys.executable, "manage.py", "shell", "-c", TRIGGERS], target)
    finally:
        for name in names:
            subprocess.run(["dropdb", *admin, "--if-exists", "--force", name], timeout=60)


@pytest.mark.skipif(ENGINE != "sqlite3", reason="SQLite path: run without DATABASE_URL; the "
                    "PostgreSQL path is tested on PostgreSQL")
def test_an_sqlite_copy_restores_into_a_fresh_file_with_its_files(tmp_path):
    target = _roundtrip(f"sqlite:///{tmp_path / 'source.sqlite3'}",
                        f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path)
    _assert_restored(target, tmp_path)
    restored = tmp_path / "restored.sqlite3"
    assert restored.stat().st_size > 100_000 and stat.S_IMODE(restored.stat().st_mode) == 0o600


def test_an_archive_written_into_a_folder_others_can_open_is_still_private(tmp_path):
    """A shared folder is left as it is (it may be the operator's), with a warning."""
    database = tmp_path / "source.sqlite3"
    sqlite3.connect(database).close()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    env = _env(f"sqlite:///{database}", tmp_path / "media")
    result = subprocess.run(["scripts/backup.sh", str(shared)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    archive = Path(result.stdout.strip().splitlines()[-1])
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755 and "chmod 700" in result.stderr


def test_restore_refuses_an_archive_of_the_other_engine(tmp_path):
    import tarfile

    other = "postgresql" if ENGINE == "sqlite3" else "sqlite3"
    (tmp_path / "MANIFEST").write_text(f"engine={other}\n")
    archive = tmp_path / "wrong.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(tmp_path / "MANIFEST", arcname="MANIFEST")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["MEDIA_ROOT"] = str(tmp_path / "media")
    result = subprocess.run(["scripts/restore.sh", str(archive), "--yes"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "Bản sao lưu là của" in result.stderr
