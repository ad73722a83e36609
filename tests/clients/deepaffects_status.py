# DeepAffects' Python sample (seed 001), verbatim but for the base URL, polled until done.
import os
import time
import requests

url = os.environ['BASE_URL'] + "/transaction/generic/api/v1/async/status"

querystring = {"apikey":"<API_KEY>","request_id":"<REQUEST_ID>"}

payload = ""
headers = {
    'cache-control': "no-cache"
    }

for _ in range(10):
    response = requests.get(url, data=payload, headers=headers, params=querystring)
    print(response.text)
    if response.json()["status"] in ("Completed", "Failed"):
        break
    time.sleep(0.2)
