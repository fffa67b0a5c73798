"""`make run`'s task worker is started again when it dies, and stopped with the server."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "keep_running.sh"
# Dies twice (as db_worker does when PostgreSQL goes away), then keeps running like a healthy worker.
WORKER = 'echo $$ >> "$RUNS"; [ "$(wc -l < "$RUNS")" -lt 3 ] && exit 1; exec sleep 600'


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _until(condition, what: str):
    """Wait for a condition, giving up (as a failure, not a measure of speed) after a minute."""
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.05)


@pytest.fixture
def keep_running(tmp_path):
    runs = tmp_path / "runs"
    runs.touch()
    env = {**os.environ, "RUNS": str(runs), "RESTART_DELAY": "0.1", "STOP_GRACE": "5"}
    process = subprocess.Popen([str(SCRIPT), "sh", "-c", WORKER], env=env, start_new_session=True,
                               stderr=subprocess.PIPE, text=True)
    yield process, runs
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _pids(runs: Path) -> list[int]:
    return [int(line) for line in runs.read_text().split()]


def test_a_worker_that_dies_is_started_again_and_stops_with_the_server(keep_running):
    process, runs = keep_running
    _until(lambda: len(_pids(runs)) == 3, "the worker started a third time")
    worker = _pids(runs)[-1]
    _until(lambda: _alive(worker) and process.poll() is None, "the third worker running")

    process.send_signal(signal.SIGTERM)  # what `make run` sends when runserver stops (Ctrl-C)
    assert process.wait(timeout=60) == 0
    _until(lambda: not _alive(worker), "the worker stopped with the script")
    assert len(_pids(runs)) == 3, "not restarted after the stop"
    assert process.stderr.read().count("đã dừng (mã 1); chạy lại") == 2


def test_make_run_starts_the_worker_through_the_restarting_script():
    recipe = subprocess.run(["make", "-n", "run", "STAMP=Makefile"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    assert "scripts/keep_running.sh .venv/bin/python manage.py worker &" in recipe
    assert "kill $worker" in recipe and "wait $worker" in recipe
