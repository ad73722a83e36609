# DocuRift's Python sample (seed 004), verbatim but for API_URL.
import requests
import os

API_KEY = os.getenv('DOCURIFT_API_KEY')
API_URL = os.environ['BASE_URL'] + '/v1'
job_id = 'job_abc123def456'

response = requests.get(
    f'{API_URL}/jobs/{job_id}',
    headers={'X-API-Key': API_KEY}
)

job = response.json()
print(f"Status: {job['data']['status']}")
print(f"Progress: {job['data']['progress']}%")
