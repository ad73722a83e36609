// DocuRift's JavaScript waitForJobCompletion (seed 004), verbatim but for API_URL.
async function waitForJobCompletion(jobId, maxAttempts = 30) {
  const API_KEY = process.env.DOCURIFT_API_KEY;
  const API_URL = process.env.BASE_URL + '/v1';

  let attempts = 0;
  let delay = 1000; // Start with 1 second

  while (attempts < maxAttempts) {
    const response = await fetch(`${API_URL}/jobs/${jobId}`, {
      headers: { 'X-API-Key': API_KEY }
    });

    const { data } = await response.json();

    if (data.status === 'completed') {
      return data;
    }

    if (data.status === 'failed') {
      throw new Error(`Job failed: ${data.error.message}`);
    }

    // Exponential backoff with max 10 seconds
    await new Promise(resolve => setTimeout(resolve, delay));
    delay = Math.min(delay * 1.5, 10000);
    attempts++;
  }

  throw new Error('Job timed out');
}

const data = await waitForJobCompletion(process.argv[2]).catch(error => ({ thrown: error.message }));
console.log(JSON.stringify(data));
