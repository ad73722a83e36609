#!/usr/bin/env bash
# The container test: build the image with the ordinary Dockerfile on a real engine, run it on a free loopback
# port with the repository's scenarios mounted, wait for `healthy`, take one job of every dialect to its terminal
# status, check a signed webhook reaches a receiver on the host, check the process is not root, stop it and
# check the exit code and the time. Always cleans up (container, image, and the engine if it started one).
#
# The engine: this workplace's docker-local.sh (no registry here; it builds local stand-ins tagged
# mcr.microsoft.com/dotnet/{sdk,aspnet}:10.0). Set DOCKER_LOCAL_SH to its path, or have it at ../shared/tools.
# Without it and without a running engine the test is skipped, saying so.
set -euo pipefail
cd "$(dirname "$0")/../.."

local_sh=${DOCKER_LOCAL_SH:-}
for candidate in "$local_sh" ../shared/tools/docker-local.sh /work/shared/tools/docker-local.sh; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then local_sh=$(cd "$(dirname "$candidate")" && pwd)/$(basename "$candidate"); break; fi
done

started_engine=false
if ! docker info >/dev/null 2>&1; then
  if [ -z "$local_sh" ] || [ ! -x "$local_sh" ]; then
    echo "SKIP  container test: no Docker engine and no docker-local.sh to start one"; exit 0
  fi
  # The engine and its stand-in images are the machine's, not the product's: if they cannot be had, say so and
  # skip; everything after this (the image, the container, the product's behaviour in it) fails for real.
  if ! "$local_sh" start; then echo "SKIP  container test: the Docker engine could not be started"; exit 0; fi
  started_engine=true
fi
if [ -n "$local_sh" ] && [ -x "$local_sh" ] && ! "$local_sh" base-images; then
  echo "SKIP  container test: the stand-in base images could not be built"
  if $started_engine; then "$local_sh" stop || true; fi
  exit 0
fi

image=jobemulator:ci-$$
name=jobemu-ci-$$
work=$(mktemp -d)
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker rmi -f "$image" >/dev/null 2>&1 || true
  [ -n "${receiver:-}" ] && kill "$receiver" 2>/dev/null || true
  rm -rf "$work"
  if $started_engine; then "$local_sh" stop || true; fi
}
trap cleanup EXIT

failures=0
pass() { echo "ok    $1"; }
fail() { echo "FAIL  $1"; failures=$((failures + 1)); }

started=$(date +%s.%N)
docker build --network host -q -t "$image" . >/dev/null
echo "image built in $(printf '%.0f' "$(echo "$(date +%s.%N) - $started" | bc)") s: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1000000}')"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
# A faster clock, so every dialect's job (seconds long) finishes in a fraction of a second.
started=$(date +%s.%N)
# A second mounted folder holds a dialect of the user's own (the README's made-up Lumen Render) and its scenario.
docker run -d --name "$name" --network host -e JOBEMU_PORT="$port" -e JOBEMU_CLOCK_SCALE=20 \
  -v "$PWD/scenarios:/scenarios:ro" -v "$PWD/samples/your-own-api:/dialects:ro" -e JOBEMU_DIALECTS=/dialects "$image" >/dev/null
health=starting
for _ in $(seq 1 120); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$name")
  [ "$health" = healthy ] && break
  sleep 0.5
done
if [ "$health" = healthy ]; then pass "healthy after $(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)") s"; else fail "not healthy: $health"; docker logs "$name" | tail -20; exit 1; fi

if docker logs "$name" 2>&1 | grep -q "Overriding address"; then fail "the start-up log carries Kestrel's 'Overriding address(es)' warning"; else pass "no 'Overriding address(es)' warning at start-up"; fi

uid=$(docker exec "$name" id -u)
if [ "$uid" != 0 ]; then pass "runs as uid $uid, not root"; else fail "runs as root"; fi

poll() { # name, url, jq filter for the status, terminal word, curl args…
  local what=$1 url=$2 filter=$3 done=$4; shift 4
  for _ in $(seq 1 40); do
    status=$(curl -s "$@" "$url" | jq -r "$filter")
    [ "$status" = "$done" ] && { pass "$what: $done"; return; }
    sleep 0.25
  done
  fail "$what: last status '$status', expected '$done'"
}

head -c 2048 /dev/urandom >"$work/invoice.pdf"
id=$(curl -s -H 'X-API-Key: frc_submit_key' -F "file=@$work/invoice.pdf" "$base/v1/documents/process/async" | jq -r .data.id)
poll "docurift: submitted $id" "$base/v1/jobs/$id" .data.status completed -H 'X-API-Key: frc_submit_key'

token=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"type":"application","appId":"symbl_app","appSecret":"symbl_secret"}' "$base/oauth2/token:generate" | jq -r .accessToken)
id=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"url":"https://example.com/a.mp3"}' "$base/v1/process/audio/url" | jq -r .jobId)
poll "symbl: submitted $id" "$base/v1/job/$id" .status completed -H "Authorization: Bearer $token"

id=$(curl -s -X POST -H 'Authorization: Bearer wl_submit_key' -H 'Content-Type: application/json' -d '{"fileName":"a.pdf","url":"https://example.com/a.pdf","shape":{"total":"number"}}' "$base/api/v1/extract-document" | jq -r .id)
poll "waveline: submitted $id" "$base/api/v1/jobs/$id" .status COMPLETED -H 'Authorization: Bearer wl_submit_key'

id=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"url":"https://example.com/a.wav","encoding":"wav"}' "$base/audio/generic/api/v2/async/recognise_emotion?apikey=da_submit_key" | jq -r .request_id)
poll "deepaffects: submitted $id" "$base/transaction/generic/api/v1/async/status?apikey=da_submit_key&request_id=$id" .status Completed

id=$(curl -s -H 'X-API-Key: freddy_submit_key' -F "file=@$work/invoice.pdf" -F organization_id=org_ci "$base/v1/documents/extract" | jq -r .job_id)
poll "aitronos: submitted $id" "$base/v1/documents/jobs/$id" .status completed -H 'X-API-Key: freddy_submit_key'

id=$(curl -s -X POST -H 'X-Lumen-Key: lumen_test_key' -H 'Content-Type: application/json' -d '{"scene":"a.blend"}' "$base/lumen/v1/renders" | jq -r .render.id)
poll "lumen, defined in a mounted file: submitted $id" "$base/lumen/v1/renders/$id" .state done -H 'X-Lumen-Key: lumen_test_key'

# A signed webhook from inside the container to a receiver on the host (the same network: --network host).
timeout 60 python3 tests/clients/docurift_receiver.py "$work/port" "$work/secret" 1 >"$work/received" 2>&1 &
receiver=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
curl -s -H 'X-API-Key: frc_webhook_key' -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$(cat "$work/port")/hooks\",\"events\":[\"document.processing.completed\"]}" \
  "$base/v1/webhooks" | jq -r .data.secret >"$work/secret"
curl -s -o /dev/null -H 'X-API-Key: frc_webhook_key' -F "file=@$work/invoice.pdf" "$base/v1/documents/process/async"
if wait "$receiver" && grep -q "verified document.processing.completed" "$work/received"; then pass "a signed webhook reached the host"; else fail "no verified webhook reached the host"; cat "$work/received"; fi
receiver=

started=$(date +%s.%N)
docker stop "$name" >/dev/null
took=$(echo "$(date +%s.%N) - $started" | bc)
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
if [ "$code" = 0 ] && [ "$(echo "$took < 5" | bc)" = 1 ]; then pass "docker stop: exit 0 in $(printf '%.2f' "$took") s"; else fail "docker stop: exit $code after $took s"; docker logs "$name" | tail -10; fi

# The Testcontainers module against the same image (Ryuk's image cannot be pulled here, so it is off for this run
# only; Debian's engine speaks Docker API 1.41, older than Testcontainers' default, so the client is told).
if JOBEMU_TESTCONTAINERS_IMAGE="$image" TESTCONTAINERS_RYUK_DISABLED=true \
   DOCKER_API_VERSION="$(docker version --format '{{.Server.APIVersion}}')" \
   dotnet test --project tests/JobEmulator.Testcontainers.Tests >"$work/testcontainers.log" 2>&1 \
   && ! grep -q '^skipped' "$work/testcontainers.log"; then
  pass "the Testcontainers module: $(grep -E '^\s+succeeded:' "$work/testcontainers.log" | tr -s ' ') tests against the image"
else
  fail "the Testcontainers module's tests"; tail -40 "$work/testcontainers.log"
fi

exit $failures
