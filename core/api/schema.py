"""Names for the choice sets the OpenAPI schema shares between components (``ENUM_NAME_OVERRIDES``)."""

from django_countries import countries
from drf_spectacular.extensions import OpenApiAuthenticationExtension


def country_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in countries]


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": "What went wrong, in a sentence.",
}
VALIDATION_ERROR = {
    "type": "object",
    "additionalProperties": {},
    "description": "Messages per field, and under non_field_errors for the record as a whole.",
}
ERROR_RESPONSES = {
    "400": ("Invalid input or filter value", VALIDATION_ERROR),
    "401": ("Not logged in", ERROR),
    "403": ("Not allowed for your role", ERROR),
    "404": ("Not found, or not visible to you", ERROR),
    "429": ("Too many requests", ERROR),
}

DELETE_ERROR_RESPONSES = {"409": ("Still referred to by other records", ERROR)}
BODY_ERROR_RESPONSES = {"415": ("A body the API cannot read (malformed, or of another media type)", ERROR)}


def document_error_responses(result: dict, generator, request, public) -> dict:
    """Add the error answers every endpoint can give to each operation (drf-spectacular documents successes only)."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            errors = {
                **ERROR_RESPONSES,
                **(DELETE_ERROR_RESPONSES if method == "delete" else {}),
                **(BODY_ERROR_RESPONSES if method in ("post", "put", "patch") else {}),
            }
            for code, (description, schema) in errors.items():
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": schema}}}
                )
    return result


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """``Authorization: Token <key>`` (``core.tokens.ApiTokenAuthentication``), described as DRF's token scheme was."""

    target_class = "core.tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication with required prefix "Token"',
        }
