package fr.dinum.ledger.api.web;

/** One invalid field of a request: its JSON path, the stable code of the check it failed, and why. */
public record FieldError(String field, String code, String message) {
}
