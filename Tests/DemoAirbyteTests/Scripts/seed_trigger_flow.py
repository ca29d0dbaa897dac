"""The seed project's Airbyte trigger flow, re-created request for request against eltop's demo server.

What the seed's pipeline script does (DEMO.md): HTTP Basic auth from AIRBYTE_USERNAME/AIRBYTE_PASSWORD;
GET http://$AIRBYTE_SERVER_NAME:8006/health; POST :8006/v1/jobs {"connectionId", "jobType": "sync"},
whose answer must say status "running"; then, every 5 s, POST :8000/api/v1/jobs/get {"id": jobId} and
read job.status: "succeeded" ends it, "incomplete"/"failed"/"cancelled" raise, and any other status
ends the loop quietly (the seed's flaw, kept). No HTTP status is checked, as in the seed.

The only changes: the two ports can be moved with AIRBYTE_PUBLIC_PORT / AIRBYTE_CONFIG_PORT (default
8006 / 8000) so a test can use free ports, and the poll interval with POLL_SECONDS (default 5).
Prints one line per poll, then "RESULT <status>".
"""
import base64
import os
import sys
import time

import requests

FAILED = ("incomplete", "failed", "cancelled")


def main():
    host = os.environ["AIRBYTE_SERVER_NAME"]
    public_port = os.environ.get("AIRBYTE_PUBLIC_PORT", "8006")
    config_port = os.environ.get("AIRBYTE_CONFIG_PORT", "8000")
    pair = f"{os.environ['AIRBYTE_USERNAME']}:{os.environ['AIRBYTE_PASSWORD']}"
    headers = {"authorization": "Basic " + base64.b64encode(pair.encode()).decode()}
    interval = float(os.environ.get("POLL_SECONDS", "5"))

    health = requests.get(f"http://{host}:{public_port}/health", headers=headers)
    health.raise_for_status()

    started = requests.post(f"http://{host}:{public_port}/v1/jobs", headers=headers,
                            json={"connectionId": os.environ["AIRBYTE_CONNECTION_ID"], "jobType": "sync"})
    job_id = started.json().get("jobId")
    status = started.json().get("status")
    if status != "running":
        raise Exception(f"job {job_id} did not start: {started.status_code} {started.text}")
    print(f"started job {job_id}", flush=True)

    while status == "running":
        time.sleep(interval)
        answer = requests.post(f"http://{host}:{config_port}/api/v1/jobs/get", headers=headers, json={"id": job_id})
        status = answer.json().get("job").get("status")
        print(f"job {job_id}: {status}", flush=True)
        if status in FAILED:
            raise Exception(f"job {job_id} failed: {status}: {answer.text}")
    print(f"RESULT {status}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
