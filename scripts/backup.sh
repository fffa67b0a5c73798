#!/usr/bin/env bash
# Back up the database and the uploaded/issued files into one archive.
#   scripts/backup.sh [OUTPUT_DIR]        (default: backups/)
# PostgreSQL: pg_dump -Fc of DATABASE_URL; SQLite: the online backup API. MEDIA_ROOT: a tar.
# Prints the path of the archive it wrote. The archive holds ID numbers: it is written 0600, in a
# folder created 0700 (an existing folder that others can open is reported, not changed).
set -euo pipefail
umask 077
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
OUT_DIR="${1:-backups}"
eval "$("$PY" scripts/settings_env.py)"

stamp="$(date +%Y%m%d-%H%M%S)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT_DIR"
if [ -n "$(find "$OUT_DIR" -maxdepth 0 -perm /077)" ]; then
  echo "Cảnh báo: thư mục $OUT_DIR cho người khác truy cập; nên đặt quyền 700 (chmod 700 $OUT_DIR)." >&2
fi

case "$DB_ENGINE" in
  postgresql)
    pg_dump --format=custom --no-owner --no-privileges --dbname="$DB_URL" --file="$work/db.dump"
    ;;
  sqlite3)
    "$PY" scripts/sqlite_copy.py "$DB_NAME" "$work/db.sqlite3"
    ;;
  *)
    echo "Không hỗ trợ sao lưu cơ sở dữ liệu loại $DB_ENGINE." >&2
    exit 1
    ;;
esac

if [ -d "$MEDIA_DIR" ]; then
  tar -czf "$work/media.tar.gz" -C "$MEDIA_DIR" .
else
  tar -czf "$work/media.tar.gz" -T /dev/null
fi
{
  echo "engine=$DB_ENGINE"
  echo "created=$(date -Iseconds)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "migrations=$("$PY" manage.py showmigrations --plan 2>/dev/null | grep -c '\[X\]' || true)"
} > "$work/MANIFEST"

archive="$OUT_DIR/giamngheo-$stamp.tar"
tar -cf "$archive" -C "$work" MANIFEST media.tar.gz $(cd "$work" && ls db.*)
echo "$archive"
