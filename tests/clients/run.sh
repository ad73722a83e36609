#!/usr/bin/env bash
# Runs the vendors' own sample clients (from shared/seeds, changed only to take BASE_URL) against a
# freshly started emulator serving the bundled scenarios, and checks what each one prints.
# Bounded: every client runs under `timeout`, and the server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

log=$(mktemp)
dotnet build src/JobEmulator.Cli -c Release -v quiet -nologo >/dev/null
dotnet src/JobEmulator.Cli/bin/Release/net10.0/jobemu.dll serve scenarios --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 100); do
  grep -q "listening on" "$log" && break
  sleep 0.1
done
BASE_URL=$(grep -o 'listening on http://[0-9.:]*' "$log" | cut -d' ' -f3)
[ -n "$BASE_URL" ] || { echo "server did not start:"; cat "$log"; exit 1; }
export BASE_URL FREDDY_API_KEY=freddy_key DOCURIFT_API_KEY=frc_your_api_key_here
echo "emulator at $BASE_URL"

failures=0
check() { # name, expected text, command…
  local name=$1 expected=$2; shift 2
  local out
  if out=$(timeout 60 "$@" 2>&1) && grep -qF -- "$expected" <<<"$out"; then
    echo "ok    $name"
  else
    echo "FAIL  $name (expected to see: $expected)"; echo "$out" | sed 's/^/      /'
    failures=$((failures + 1))
  fi
}

if python3 -c 'import requests' 2>/dev/null; then
  # Before the JavaScript client moves the same job along: the first poll sees it queued.
  check "docurift: Python status request"      "Progress: 0%"                     python3 tests/clients/docurift_status.py
fi
need() { command -v "$1" >/dev/null 2>&1 || { echo "FAIL  '$1' is not installed; the sample clients need it"; exit 1; }; }
need curl; need jq; need node; need timeout
check "aitronos: bash curl/jq loop"            '"status": "completed"'            bash tests/clients/aitronos_poll.sh
check "docurift: JavaScript waitForJobCompletion" '"invoiceNumber":"INV-2024-001"' node tests/clients/docurift_wait.mjs job_abc123def456
check "docurift: waitForJobCompletion on a failed job" 'Job failed: Unable to extract text' node tests/clients/docurift_wait.mjs job_ocr0failed1
if python3 -c 'import requests' 2>/dev/null; then
  check "aitronos: Python polling loop"        "Extraction complete!"             python3 tests/clients/aitronos_poll.py
  check "aitronos: Python loop, failed job"    "Extraction failed: Document is corrupted or unreadable" python3 tests/clients/aitronos_poll.py job_7d3e9f1a2b4c4d6e8f0a1b2c3d4e5f60
  check "deepaffects: Python status request"   '"status":"Completed"'             python3 tests/clients/deepaffects_status.py
  check "symbl: Python status request"         '"status":"completed"'             python3 tests/clients/symbl_status.py
else
  echo "SKIP  Python clients: the 'requests' package is not installed here"
fi
check "symbl: the document's curl example"     '"status":"scheduled"' \
  curl --location --request GET "$BASE_URL/v1/job/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d" --header 'Content-Type: application/json' --header "Authorization: Bearer ACCESS_TOKEN"
check "deepaffects: the document's curl example" '"status":"Running"' \
  curl -X GET "$BASE_URL/transaction/generic/api/v1/async/status?apikey=API_KEY&request_id=8bdd983a-c6bd-4159-982d-6a2471406d62"
check "waveline: curl example"                 '"status":"CREATED"' \
  curl -s "$BASE_URL/api/v1/jobs/a5ecc735-c48e-43ea-a739-d42bfb19edb3" -H "Authorization: Bearer YOUR_API_KEY"

# DocuRift's whole flow: a file submitted with curl multipart, its id polled to completion by
# DocuRift's own waitForJobCompletion; then an endpoint registered for signed webhooks, whose
# events an independent receiver checks with its own HMAC.
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$log" "$work"' EXIT
head -c 4096 /dev/urandom >"$work/invoice.pdf"
job=$(curl -s -H 'X-API-Key: frc_submit_key' -F "file=@$work/invoice.pdf;type=application/pdf" -F documentType=invoice \
  "$BASE_URL/v1/documents/process/async" | jq -r .data.id)
check "docurift: curl multipart submit, then waitForJobCompletion" '"status":"completed"' \
  env DOCURIFT_API_KEY=frc_submit_key node tests/clients/docurift_wait.mjs "$job"

timeout 70 python3 tests/clients/docurift_receiver.py "$work/port" "$work/secret" 2 >"$work/received" 2>&1 &
receiver=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
curl -s -H 'X-API-Key: frc_webhook_key' -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$(cat "$work/port")/hooks\",\"events\":[\"document.processing.started\",\"document.processing.completed\"]}" \
  "$BASE_URL/v1/webhooks" | jq -r .data.secret >"$work/secret"
curl -s -o /dev/null -H 'X-API-Key: frc_webhook_key' -F "file=@$work/invoice.pdf" "$BASE_URL/v1/documents/process/async"
if wait $receiver && grep -q "verified document.processing.completed" "$work/received"; then
  echo "ok    docurift: signed webhooks verified by an independent receiver"
else
  echo "FAIL  docurift: signed webhooks verified by an independent receiver"; sed 's/^/      /' "$work/received"
  failures=$((failures + 1))
fi

# The other vendors' whole flows through curl, as their docs show them.
token=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"type":"application","appId":"symbl_app","appSecret":"symbl_secret"}' \
  "$BASE_URL/oauth2/token:generate" | jq -r .accessToken)
symbl_job=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"url":"https://example.com/call.mp3","name":"Sales call"}' "$BASE_URL/v1/process/audio/url" | jq -r .jobId)
sleep 5.5
check "symbl: token, audio url, then the job completes" '"status":"completed"' \
  curl -s -H "Authorization: Bearer $token" "$BASE_URL/v1/job/$symbl_job"
check "waveline: extract-document, then listed first" '"type":"extract-document"' bash -c "
  curl -s -X POST -H 'Authorization: Bearer wl_submit_key' -H 'Content-Type: application/json' \
    -d '{\"fileName\":\"a.pdf\",\"url\":\"https://example.com/a.pdf\",\"shape\":{\"total\":\"number\"}}' '$BASE_URL/api/v1/extract-document' >/dev/null
  curl -s -H 'Authorization: Bearer wl_submit_key' '$BASE_URL/api/v1/jobs?count=1' | jq -c '.items[0]'"
check "deepaffects: a v2 async call answers its request_id" '{"request_id":"ci-req-1","api":"diarize"}' \
  curl -s -X POST -H 'Content-Type: application/json' -d '{"url":"https://example.com/a.wav","encoding":"wav"}' \
  "$BASE_URL/audio/generic/api/v2/async/diarize?apikey=da_submit_key&request_id=ci-req-1"
check "aitronos: extract answers a pending job with rate-limit headers" 'x-ratelimit-remaining-requests' \
  curl -s -i -H 'X-API-Key: freddy_submit_key' -F "file=@$work/invoice.pdf" -F organization_id=org_ci "$BASE_URL/v1/documents/extract"

exit $failures
