"""The OpenAPI schema: names of the shared choice sets (``ENUM_NAME_OVERRIDES``), who may call without logging in,
and what every operation can answer besides its success (postprocessing hooks)."""

from django_countries import countries
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS


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
# Shared components, so that a generated client has one Error and one ValidationError type, not one per operation.
ERROR_COMPONENTS = {"Error": ERROR, "ValidationError": VALIDATION_ERROR}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
VALIDATION_ERROR_REF = {"$ref": "#/components/schemas/ValidationError"}
ERROR_RESPONSES = {
    "400": ("Invalid input or filter value", VALIDATION_ERROR_REF),
    "401": ("Not logged in", ERROR_REF),
    "403": ("Not allowed for your role", ERROR_REF),
    "404": ("Not found, or not visible to you", ERROR_REF),
    "429": ("Too many requests, or the day's budget of contact reads spent: wait Retry-After seconds", ERROR_REF),
}
RETRY_AFTER = {
    "Retry-After": {"schema": {"type": "integer", "minimum": 0}, "description": "Seconds to wait before trying again."}
}

DELETE_ERROR_RESPONSES = {"409": ("Still referred to by other records", ERROR_REF)}
BODY_ERROR_RESPONSES = {"415": ("A body the API cannot read (malformed, or of another media type)", ERROR_REF)}


def document_error_responses(result: dict, generator, request, public) -> dict:
    """Add the error answers every endpoint can give to each operation (drf-spectacular documents successes only)."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_COMPONENTS)
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
            responses["429"].setdefault("headers", RETRY_AFTER)
    return result


def document_ordering(result: dict, generator, request, public) -> dict:
    """``ordering`` as the server reads it (``core.filters.OrderingWidget``): the parameter repeated for several
    keys, as generated clients send a list; a comma-separated value is read too."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "ordering" and parameter["in"] == "query":
                    parameter["explode"] = True
                    parameter["description"] = (
                        "Sort keys, a leading '-' for descending; several keys by repeating the parameter "
                        "(ordering=country&ordering=-due_date). A comma-separated value is read too."
                    )
    return result


def share_parameter_enums(result: dict, generator, request, public) -> dict:
    """A query parameter whose values are those of a named enum (a country, a role, a language) refers to it, so
    that a generated client has one CountryEnum rather than one enum per parameter of every operation."""
    components = result.get("components", {}).get("schemas", {})
    named = {frozenset(schema["enum"]): name for name, schema in components.items() if "enum" in schema}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                target = schema.get("items", schema)
                name = named.get(frozenset(target.get("enum", ())))
                if name:
                    reference = {"$ref": f"#/components/schemas/{name}"}
                    parameter["schema"] = {**schema, "items": reference} if "items" in schema else reference
    return result


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's, knowing which of our permissions let anonymous callers read (``anonymous_reads``)."""

    def get_auth(self) -> list[dict]:
        auths = super().get_auth()
        anonymous = any(getattr(permission, "anonymous_reads", False) for permission in self.view.get_permissions())
        if anonymous and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return [] if auths == [{}] else auths  # no security at all (auth/token): generated clients need no token


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
