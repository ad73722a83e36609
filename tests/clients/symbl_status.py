# Symbl.ai's Python sample (seed 000), verbatim but for the base URL, polled until done.
import os
import time
import requests
import json

url = os.environ['BASE_URL'] + "/v1/job/JOB_ID_GOES_HERE"

payload={}
headers = {
  'Content-Type': 'application/json',
  'Authorization': 'Bearer ACCESS_TOKEN'
}

for _ in range(10):
    response = requests.request("GET", url, headers=headers, data=payload)
    print(response.text)
    if json.loads(response.text)["status"] in ("completed", "failed"):
        break
    time.sleep(0.2)
