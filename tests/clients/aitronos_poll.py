# Aitronos' Python "Poll Until Complete" sample (seed 003), verbatim but for the base URL
# and an optional job id argument.
import os
import sys
import requests
import time

api_key = os.environ["FREDDY_API_KEY"]
job_id = sys.argv[1] if len(sys.argv) > 1 else "job_abc123def456"

while True:
    response = requests.get(
        f"{os.environ['BASE_URL']}/v1/documents/jobs/{job_id}",
        headers={"X-API-Key": api_key}
    )
    result = response.json()
    status = result['status']
    print(f"Status: {status}")
    if status in ['completed', 'failed']:
        if status == 'completed':
            print("Extraction complete!")
            print(f"Data: {result['extracted_data']}")
        else:
            print(f"Extraction failed: {result['error_message']}")
        break
    time.sleep(2)
