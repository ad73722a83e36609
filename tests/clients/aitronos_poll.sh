#!/usr/bin/env bash
# Aitronos' "Poll Until Complete" bash sample (seed 003), verbatim but for the base URL.
# Poll every 2 seconds until complete
while true; do
  RESPONSE=$(curl -s -X GET "${BASE_URL}/v1/documents/jobs/job_abc123" \
    -H "X-API-Key: $FREDDY_API_KEY")
  STATUS=$(echo $RESPONSE | jq -r '.status')
  echo "Status: $STATUS"
  if [ "$STATUS" = "completed" ] || [ "$STATUS" = "failed" ]; then
    echo $RESPONSE | jq '.'
    break
  fi
  sleep 2
done
