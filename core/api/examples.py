"""An example for every operation's request body and answer, built from the schema itself (a postprocessing hook of
drf-spectacular), so that the examples can never drift from what they illustrate. Values are fictional and
demo-like: the people of the demo data, ``example.org`` addresses, a phone number from Ofcom's range for drama."""

from typing import Any

# Values by property name; anything else by its type and format below.
FICTIONAL: dict[str, Any] = {
    "given_name": "Amina",
    "family_name": "Diallo",
    "honorific": "Dr.",
    "other_spellings": "أمينة ديالو",
    "job_title": "Deputy prosecutor, international cooperation",
    "email": "amina.diallo@example.org",
    "phone": "+442079460123",
    "secure_channel_note": "Ask for the secure line through the central authority.",
    "name": "Parquet de Tunis",
    "organization_name": "Parquet de Tunis",
    "person_name": "Dr. Amina Diallo",
    "acronym": "PT",
    "title": "Regional symposium on digital evidence",
    "city": "Hurghada",
    "summary": "Prosecutors of 22 countries on digital evidence in trafficking cases.",
    "code": "R1",
    "text": "Designate a 24/7 contact point for electronic evidence.",
    "note": "Draft decree sent to the Council of Ministers.",
    "notes": "Requests in French or Arabic.",
    "legal_basis": "UNTOC art. 18(13)",
    "username": "demo-member",
    "password": "registry-demo",
    "otp": "123456",
    "token": "4f1c2a0e9b7d4c3a8e6f5d2b1a0c9e8f",
    "url": "https://example.org/agenda.pdf",
    "website": "https://example.org/",
    "evidence_url": "https://example.org/decree.pdf",
    "detail": "Not found.",
    "period_key": "2026-12",
    "recipient": "Dr. Amina Diallo",
    "author": "Dr. Amina Diallo",
}
# Codes chosen first where an enum holds them: Tunisia, French, a prosecutor, trafficking in persons, ...
PREFERRED_CODES = ("TN", "fr", "prosecutor", "tip", "tip_coordinator", "in_progress", "symposium", "published")
LINKS = {"next": "https://registry.example.org/api/v1/people/?page=2", "previous": None}
BY_FORMAT: dict[str, Any] = {
    "date": "2026-03-10",
    "date-time": "2026-03-10T09:30:00Z",
    "uri": "https://example.org/",
    "email": "amina.diallo@example.org",
}


def add_examples(result: dict, generator, request, public) -> dict:
    """An ``example`` on each request body and each JSON answer that has none."""
    components = result.get("components", {}).get("schemas", {})
    for path in result.get("paths", {}).values():
        for operation in path.values():
            bodies = list(operation.get("requestBody", {}).get("content", {}).values())
            answers = [
                media
                for response in operation.get("responses", {}).values()
                for media in response.get("content", {}).values()
            ]
            for media in bodies + answers:
                if "schema" in media and "example" not in media:
                    media["example"] = example_of(media["schema"], components)
    return result


def example_of(schema: dict, components: dict, name: str = "", depth: int = 0) -> Any:
    """A value that ``schema`` accepts, by the property's name where we know one, else by its type."""
    if "$ref" in schema:
        return example_of(components[schema["$ref"].rsplit("/", 1)[1]], components, name, depth)
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in schema:
            return example_of(schema[combined][0], components, name, depth)
    if name in LINKS:
        return LINKS[name]
    if "enum" in schema:
        preferred = [value for value in PREFERRED_CODES if value in schema["enum"]]
        return (preferred or [value for value in schema["enum"] if value not in ("", None)] or schema["enum"])[0]
    kind = schema.get("type")
    if kind == "object":
        return object_example(schema, components, depth)
    if kind == "array":
        return [] if depth > 3 else [example_of(schema.get("items", {}), components, name, depth + 1)]
    if kind == "string":
        return string_example(schema, name)
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return name != "count_capped"  # a capped count is the exception
    return None


def object_example(schema: dict, components: dict, depth: int) -> dict:
    properties = schema.get("properties", {})
    if not properties:
        extra = schema.get("additionalProperties")
        return {"in_progress": 1} if isinstance(extra, dict) and extra.get("type") == "integer" else {}
    return {
        key: example_of(value, components, key, depth + 1)
        for key, value in properties.items()
        if value.get("format") != "binary"  # a file is uploaded, not written out
    }


def string_example(schema: dict, name: str) -> str:
    value = FICTIONAL.get(name) or BY_FORMAT.get(schema.get("format", ""), "Text")
    return value[: schema["maxLength"]] if "maxLength" in schema else value
