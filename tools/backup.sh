#!/usr/bin/env bash
# Back up grassroots: the PostgreSQL database (pg_dump custom format) and the uploaded files
# (a tar of GRASSROOTS_MEDIA_ROOT), with SHA-256 sums. See docs/operations.md.
#
#   DATABASE_URL=postgres://... GRASSROOTS_MEDIA_ROOT=/srv/grassroots/media tools/backup.sh /backup
#
# Creates /backup/grassroots-YYYYmmdd-HHMMSS/{db.dump,media.tar.gz,SHA256SUMS} and prints its path.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (postgres://user@host:port/dbname)}"
: "${GRASSROOTS_MEDIA_ROOT:?set GRASSROOTS_MEDIA_ROOT (the uploads directory)}"
OUT_ROOT=${1:-.}
STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$OUT_ROOT/grassroots-$STAMP"
mkdir -p "$OUT"
chmod 700 "$OUT"  # the dump holds citizens' (encrypted) personal data

# One consistent snapshot of the whole database (pg_dump runs in a repeatable-read transaction).
pg_dump --format=custom --compress=6 --file="$OUT/db.dump" "$DATABASE_URL"
if [ -d "$GRASSROOTS_MEDIA_ROOT" ]; then
  tar -C "$GRASSROOTS_MEDIA_ROOT" -czf "$OUT/media.tar.gz" .
else
  tar -czf "$OUT/media.tar.gz" --files-from /dev/null
fi
(cd "$OUT" && sha256sum db.dump media.tar.gz > SHA256SUMS)
echo "$OUT"
