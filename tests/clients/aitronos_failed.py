# The same Aitronos loop on the bundled failed job: reads error_message.
import os
import requests
import time

api_key = os.environ["FREDDY_API_KEY"]
job_id = "job_7d3e9f1a2b4c4d6e8f0a1b2c3d4e5f60"

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
