#!/bin/sh
# Run a command again whenever it stops, until this script is told to stop.
#
# `make run` starts the task worker through it: `manage.py worker` exits when the database
# goes away (a PostgreSQL restart, an outage) and would otherwise stay down while the web
# server runs on. On TERM or INT the command gets TERM (the worker finishes its current task),
# a second TERM after STOP_GRACE seconds (the worker drops the task, which its lease then
# shows as stopped), and the script exits without restarting it.
#
# Usage: scripts/keep_running.sh COMMAND [ARG...]
# RESTART_DELAY (seconds before a restart, default 2), STOP_GRACE (default 10).

delay="${RESTART_DELAY:-2}"
grace="${STOP_GRACE:-10}"
child=""

stop() {
    trap - INT TERM
    if [ -n "$child" ] && kill -TERM "$child" 2>/dev/null; then
        waited=0
        while kill -0 "$child" 2>/dev/null && [ "$waited" -lt "$grace" ]; do
            sleep 1
            waited=$((waited + 1))
        done
        kill -TERM "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    exit 0
}
trap stop INT TERM

while :; do
    "$@" &
    child=$!
    wait "$child"
    status=$?
    echo "keep_running: «$*» đã dừng (mã $status); chạy lại sau $delay giây." >&2
    sleep "$delay" &
    child=$!
    wait "$child"
done
