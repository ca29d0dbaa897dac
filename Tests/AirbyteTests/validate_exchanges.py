"""Checks recorded HTTP exchanges with the fake Airbyte against the OpenAPI specs (openapi-core).

Usage: validate_exchanges.py SPEC_DIR EXCHANGES_JSON
Prints one line per problem and exits 1 if there is any; exits 3 when openapi-core is not installed.
Public API paths (/api/public/v1/..., or /v1/... as on Cloud) are checked against api.yaml, whose
server is https://api.airbyte.com/v1; config API paths (/api/v1/...) against config.yaml, whose server
is http://localhost:8000/api.
"""
import json
import sys

try:
    from openapi_core import Config, OpenAPI
    from openapi_core.testing import MockRequest, MockResponse
except ImportError:
    print("openapi-core is not installed in this Python (.venv/bin/pip install openapi-core)")
    sys.exit(3)


def load(path):
    return OpenAPI.from_file_path(path, config=Config(spec_validator_cls=None))


def main(spec_dir, exchanges_path):
    public = load(f"{spec_dir}/api.yaml")
    config = load(f"{spec_dir}/config.yaml")
    problems = []
    exchanges = json.load(open(exchanges_path))
    for e in exchanges:
        path = e["path"]
        if path.startswith("/api/public/v1/"):
            spec, host, rest = public, "https://api.airbyte.com", "/v1" + path[len("/api/public/v1"):]
        elif path.startswith("/v1/"):
            spec, host, rest = public, "https://api.airbyte.com", path
        elif path.startswith("/api/v1/"):
            spec, host, rest = config, "http://localhost:8000", path
        else:
            problems.append(f"{e['method']} {path}: not an Airbyte API path")
            continue
        args = {}
        for pair in filter(None, e["query"].split("&")):
            name, _, value = pair.partition("=")
            args[name] = value
        body = e["requestBody"].encode() if e.get("requestBody") else None
        request = MockRequest(host, e["method"].lower(), rest, args=args, data=body,
                              content_type=e.get("requestContentType") or "application/json")
        name = f"{e['method']} {path}"
        try:
            spec.validate_request(request)
        except Exception as error:  # every validation failure type: report and go on
            problems.append(f"{name}: request: {describe(error)}")
        status = e["status"]
        # Error answers (401, 409, 500, proxy pages) are served on purpose and mostly undocumented per path.
        if 200 <= status < 300:
            response = MockResponse(e["responseBody"].encode(), status_code=status,
                                    content_type=e["responseContentType"])
            try:
                spec.validate_response(request, response)
            except Exception as error:
                problems.append(f"{name}: response {status}: {describe(error)}")
    for line in problems:
        print(line)
    print(f"checked {len(exchanges)} exchanges, {len(problems)} problems")
    return 1 if problems else 0


def describe(error):
    inner = getattr(error, "__cause__", None)
    details = getattr(inner, "schema_errors", None) or getattr(error, "schema_errors", None)
    if details:
        return "; ".join(f"{'/'.join(map(str, d.path))}: {d.message}" for d in details)
    return f"{type(error).__name__}: {inner or error}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
