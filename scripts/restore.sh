#!/usr/bin/env bash
# Restore an archive written by scripts/backup.sh into the database and MEDIA_ROOT of the
# current settings (DATABASE_URL, MEDIA_ROOT).
#   scripts/restore.sh ARCHIVE [--yes]
# PostgreSQL: pg_restore --clean into DATABASE_URL (the database must exist; createdb first
# for a fresh one). SQLite: the file is copied into place. The current media folder and SQLite
# file are kept beside the new ones (*.before-restore-<time>). What it writes (the SQLite file,
# the media files) is readable by the app's user only.
set -euo pipefail
umask 077
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
archive="${1:?Cách dùng: scripts/restore.sh TỆP_SAO_LƯU [--yes]}"
[ -f "$archive" ] || { echo "Không thấy tệp $archive." >&2; exit 1; }
eval "$("$PY" scripts/settings_env.py)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xf "$archive" -C "$work"
engine="$(sed -n 's/^engine=//p' "$work/MANIFEST")"
if [ "$engine" != "$DB_ENGINE" ]; then
  echo "Bản sao lưu là của $engine, nhưng cấu hình hiện tại dùng $DB_ENGINE." >&2
  exit 1
fi
if [ "${2:-}" != "--yes" ]; then
  echo "Sẽ GHI ĐÈ cơ sở dữ liệu ($DB_NAME) và thư mục tệp ($MEDIA_DIR) bằng $archive."
  read -r -p "Gõ 'dong y' để tiếp tục: " answer
  [ "$answer" = "dong y" ] || { echo "Đã hủy."; exit 1; }
fi

stamp="$(date +%Y%m%d-%H%M%S)"
case "$engine" in
  postgresql)
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
      --exit-on-error --dbname="$DB_URL" "$work/db.dump"
    ;;
  sqlite3)
    [ -f "$DB_NAME" ] && cp -p "$DB_NAME" "$DB_NAME.before-restore-$stamp"
    "$PY" scripts/sqlite_copy.py "$work/db.sqlite3" "$DB_NAME.restoring"
    mv "$DB_NAME.restoring" "$DB_NAME"
    ;;
esac

if [ -d "$MEDIA_DIR" ] && [ -n "$(ls -A "$MEDIA_DIR")" ]; then
  mv "$MEDIA_DIR" "$MEDIA_DIR.before-restore-$stamp"
fi
mkdir -p "$MEDIA_DIR"
tar -xzf "$work/media.tar.gz" -C "$MEDIA_DIR"
echo "Đã khôi phục $archive ($(sed -n 's/^created=//p' "$work/MANIFEST"))."
