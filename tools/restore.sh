#!/usr/bin/env bash
# Restore a backup made by tools/backup.sh into a FRESH (empty) database and media directory.
#
#   DATABASE_URL=postgres://.../grassroots_restored GRASSROOTS_MEDIA_ROOT=/srv/grassroots/media \
#     tools/restore.sh /backup/grassroots-20260101-020000
#
# Refuses a database that already has tables. Ownership and grants are not restored (the target
# cluster may have other roles): afterwards re-apply the audit-log lock-down for the serving role,
# `manage.py audit_db_lockdown --role <app role>` (docs/security.md).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL of the fresh target database}"
: "${GRASSROOTS_MEDIA_ROOT:?set GRASSROOTS_MEDIA_ROOT (the target uploads directory)}"
SRC=${1:?usage: tools/restore.sh BACKUP_DIR}
(cd "$SRC" && sha256sum --check --quiet SHA256SUMS) || { echo "checksum mismatch in $SRC" >&2; exit 2; }
tables=$(psql "$DATABASE_URL" -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != 0 ]; then
  echo "the target database already has $tables tables; restore only into a fresh database" >&2
  exit 3
fi
mkdir -p "$GRASSROOTS_MEDIA_ROOT"
if [ -n "$(ls -A "$GRASSROOTS_MEDIA_ROOT" 2>/dev/null)" ]; then
  echo "the media directory $GRASSROOTS_MEDIA_ROOT is not empty; not overwriting uploads" >&2
  exit 4
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$SRC/db.dump"
tar -C "$GRASSROOTS_MEDIA_ROOT" -xzf "$SRC/media.tar.gz"
echo "restored $SRC"
