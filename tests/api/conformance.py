"""What Schemathesis checks (test_schema.py, test_schema_coverage.py): no 5xx for any input, and every answer,
errors included, as the schema documents it."""

from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
