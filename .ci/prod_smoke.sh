#!/usr/bin/env bash
# Production smoke test: bring up the production stack on localhost — PostgreSQL (a fresh
# database), Redis, a Celery worker and beat, gunicorn with WhiteNoise — with production settings,
# then check a page, static files, /healthz, an API call, a periodic job (beat → worker → JobRun)
# and a background task (.delay → result) end to end, and tear everything down.
# Needs: PostgreSQL on 127.0.0.1:5432 (trust or PGPASSWORD), Redis on 127.0.0.1:6379, .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=$ROOT/.venv/bin/python
WORK=$(mktemp -d /tmp/grassroots-prod-smoke.XXXXXX)
DB=grassroots_prod_smoke_$$
# The documented two-role set-up (docs/operations.md, "Database roles"): the owner migrates, the
# serving role (gunicorn, workers) owns nothing.
OWNER=grassroots_smoke_owner_$$
APP=grassroots_smoke_app_$$
PORT=${PROD_SMOKE_PORT:-8799}
BASE=http://127.0.0.1:$PORT
PIDS=()

export DJANGO_SETTINGS_MODULE=config.settings.production
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(60))')
GRASSROOTS_FIELD_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(40))')
GRASSROOTS_CITY12345_SECRET=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(40))')
export DJANGO_SECRET_KEY GRASSROOTS_FIELD_KEY GRASSROOTS_CITY12345_SECRET
export GRASSROOTS_CITY12345_CALLBACK_URL=http://127.0.0.1:8765/callback   # the simulator
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false   # plain http on localhost (TLS ends at nginx in production)
export DJANGO_SECURE_COOKIES=false
export DATABASE_URL=postgres://$APP@127.0.0.1:5432/$DB
OWNER_DATABASE_URL=postgres://$OWNER@127.0.0.1:5432/$DB
export REDIS_URL=redis://127.0.0.1:6379/14
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=2525 DEFAULT_FROM_EMAIL=smoke@localhost
export GRASSROOTS_MEDIA_ROOT=$WORK/media GRASSROOTS_STATIC_ROOT=$WORK/static
export GRASSROOTS_VAR_DIR=$WORK/var
export GRASSROOTS_SMS_GATEWAY_URL=http://127.0.0.1:9/sms   # no gateway in the smoke: codes fail cleanly
export LOG_LEVEL=WARNING

cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
  done
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -qc "DROP ROLE IF EXISTS $APP" >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -qc "DROP ROLE IF EXISTS $OWNER" >/dev/null 2>&1
  redis-cli -h 127.0.0.1 -n 14 flushdb >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "prod smoke FAILED: $*" >&2; for f in "$WORK"/*.log; do echo "== $f"; tail -n 40 "$f"; done >&2; exit 1; }

echo "== production stack: database $DB, port $PORT"
psql -h 127.0.0.1 -U postgres -qc "CREATE ROLE $OWNER LOGIN NOSUPERUSER" >/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE ROLE $APP LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" >/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB OWNER $OWNER" >/dev/null
mkdir -p "$GRASSROOTS_MEDIA_ROOT" "$GRASSROOTS_VAR_DIR"
# migrate as the owner; GRASSROOTS_DB_APP_ROLE makes it grant the serving role what it needs.
DATABASE_URL=$OWNER_DATABASE_URL GRASSROOTS_DB_APP_ROLE=$APP "$PY" manage.py migrate --noinput -v0
# The production start refuses the development 12345 secret.
if GRASSROOTS_CITY12345_SECRET=dev-city12345-secret-change-me "$PY" manage.py check \
    >"$WORK/devsecret.log" 2>&1; then fail "started with the development 12345 secret"; fi
grep -q "GRASSROOTS_CITY12345_SECRET must be" "$WORK/devsecret.log" || fail "no message for the dev secret"
# The deploy check (serving role) with the HTTPS values a real installation uses; the stack below
# runs on http. The owner's connection must fail it: the owner could wipe the audit log.
DJANGO_SECURE_SSL_REDIRECT=true DJANGO_SECURE_COOKIES=true \
  "$PY" manage.py check --deploy --fail-level WARNING
if DATABASE_URL=$OWNER_DATABASE_URL DJANGO_SECURE_SSL_REDIRECT=true DJANGO_SECURE_COOKIES=true \
    "$PY" manage.py check --deploy >"$WORK/owner-check.log" 2>&1; then
  fail "check --deploy passed for the owner role"
fi
grep -q "audit.E001" "$WORK/owner-check.log" || fail "owner check: no audit.E001"
"$PY" manage.py compile_translations -v0
"$PY" manage.py collectstatic --noinput -v0
TOKEN=$("$PY" manage.py shell -c "
from grassroots.people.models import User
from grassroots.integrations.services.tokens import api_token_create
admin = User.objects.create_superuser('smoke_admin', 'smoke@localhost', 'Smoke-Pass-2026!')
print(api_token_create(actor=admin, name='prod smoke', user=admin)[1])" | tail -n1)

.venv/bin/celery -A config worker -l WARNING --concurrency 2 -n smoke@%h >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
.venv/bin/celery -A config beat -l WARNING -s "$WORK/beat-schedule" >"$WORK/beat.log" 2>&1 &
PIDS+=($!)
.venv/bin/gunicorn config.wsgi -b 127.0.0.1:$PORT -w 2 --timeout 30 >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 1; done

echo "== page"
page=$(curl -fsS "$BASE/login/") || fail "login page"
grep -q "登录" <<<"$page" || fail "login page has no 登录"
css=$(grep -o '/static/css/site\.[0-9a-f]*\.css' <<<"$page" | head -n1)
[ -n "$css" ] || fail "no hashed stylesheet link (WhiteNoise manifest)"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$css"); [ "$code" = 200 ] || fail "static $css: $code"
curl -sI "$BASE/login/" | grep -qi '^content-security-policy:' || fail "no CSP header"

echo "== health"
for _ in $(seq 30); do
  health=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/healthz") \
    && grep -q '"status": "ok"' <<<"${health%%\"checks*}" && break; sleep 1
done
"$PY" - "$health" <<'PYEOF' || fail "healthz: $health"
import json, sys
data = json.loads(sys.argv[1])
assert data["status"] == "ok", data
assert data["checks"]["broker"]["status"] == "ok", data["checks"]["broker"]
assert data["checks"]["cache"]["backend"] == "ResilientRedisCache"
PYEOF
# Anonymous callers learn up or down, nothing else.
anon=$(curl -s "$BASE/healthz"); [ "$anon" = '{"status": "ok"}' ] || fail "anonymous healthz: $anon"

echo "== API"
api=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/demands") || fail "API call"
"$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); assert "items" in d and "count" in d, d' "$api" \
  || fail "API answer: $api"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/demands"); [ "$code" = 401 ] || fail "API without token: $code"

echo "== background task (.delay through Redis to the worker)"
"$PY" manage.py shell -c "
from grassroots.core.tasks import run_periodic
from grassroots.core.models import JobRun
result = run_periodic.delay('audit_retention')
print('task result', result.get(timeout=60))
assert JobRun.objects.get(name='audit_retention').last_status == 'ok'
" || fail "background task"

echo "== periodic job (beat → worker → JobRun)"
"$PY" manage.py shell -c "
import time
from django.utils import timezone
from grassroots.core.models import JobRun
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    run = JobRun.objects.filter(name='outbox_flush').first()
    if run and run.last_status == 'ok':
        print('outbox_flush ran by beat at', timezone.localtime(run.last_started))
        break
    time.sleep(2)
else:
    raise SystemExit('beat did not run outbox_flush within 120 s')
" || fail "periodic job"

grep -q "Traceback" "$WORK/gunicorn.log" && fail "tracebacks in the gunicorn log"
echo "prod smoke passed"
