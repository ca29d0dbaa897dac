"""Airbyte's own Python SDK (PyPI `airbyte-api`) driving a sync on eltop's demo server end to end.

Usage: sdk_sync.py SERVER_URL CONNECTION_ID CLIENT_ID CLIENT_SECRET
SERVER_URL is the public API's base (http://127.0.0.1:PORT/api/public/v1). The SDK fetches its token from
applications/token with the client credentials, checks health, reads the connection, starts a sync, meets
the 409 of a second one, polls the job until it ends, lists the jobs, starts and cancels another.
Prints "OK" at the end; any mismatch raises.
"""
import sys
import time

import airbyte_api
from airbyte_api import api, errors, models


def main(server_url, connection_id, client_id, client_secret):
    sdk = airbyte_api.AirbyteAPI(
        server_url=server_url,
        security=models.Security(client_credentials=models.SchemeClientCredentials(
            # Absolute: the SDK joins a relative token_url to the server URL as a browser would, which drops
            # the last path segment (…/api/public/applications/token) on a self-hosted server.
            client_id=client_id, client_secret=client_secret, token_url=server_url + "/applications/token")))

    assert sdk.health.get_health_check().status_code == 200

    connection = sdk.connections.get_connection(request=api.GetConnectionRequest(connection_id=connection_id)).connection_response
    assert connection.connection_id == connection_id, connection
    print(f"connection {connection.name}: {connection.schedule.schedule_type.value}", flush=True)

    created = sdk.jobs.create_job(request=models.JobCreateRequest(connection_id=connection_id, job_type=models.JobTypeEnum.SYNC)).job_response
    assert created.status == models.JobStatusEnum.RUNNING, created
    print(f"job {created.job_id}: {created.status.value}", flush=True)

    try:
        sdk.jobs.create_job(request=models.JobCreateRequest(connection_id=connection_id, job_type=models.JobTypeEnum.SYNC))
        raise AssertionError("a second sync was accepted while one runs")
    except errors.SDKError as conflict:
        assert conflict.status_code == 409, conflict
        print("second sync: 409", flush=True)

    deadline = time.time() + 30
    job = created
    while job.status in (models.JobStatusEnum.RUNNING, models.JobStatusEnum.PENDING, models.JobStatusEnum.INCOMPLETE):
        if time.time() > deadline:
            raise AssertionError(f"job {job.job_id} still {job.status}")
        time.sleep(0.2)
        job = sdk.jobs.get_job(request=api.GetJobRequest(job_id=created.job_id)).job_response
    assert job.status == models.JobStatusEnum.SUCCEEDED, job
    assert job.rows_synced == 200 and job.bytes_synced == 10000, job
    print(f"job {job.job_id}: {job.status.value}, {job.rows_synced} rows, {job.duration}", flush=True)

    listed = sdk.jobs.list_jobs(request=api.ListJobsRequest(connection_id=connection_id, order_by="createdAt|DESC", limit=5)).jobs_response
    assert [j.job_id for j in listed.data][:1] == [created.job_id], listed

    second = sdk.jobs.create_job(request=models.JobCreateRequest(connection_id=connection_id, job_type=models.JobTypeEnum.SYNC)).job_response
    cancelled = sdk.jobs.cancel_job(request=api.CancelJobRequest(job_id=second.job_id)).job_response
    assert cancelled.status == models.JobStatusEnum.CANCELLED, cancelled
    print(f"job {second.job_id}: {cancelled.status.value}", flush=True)
    print("OK", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
