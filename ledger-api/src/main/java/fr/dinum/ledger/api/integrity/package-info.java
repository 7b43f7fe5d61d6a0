/**
 * Tamper evidence of the event store (docs/adr/0003-tamper-evident-event-chain.md): the SHA-256
 * chain is computed by the database at append time (Flyway V10); this package verifies it, on a
 * schedule and on demand ({@code GET /api/admin/integrity}), records global anchors, exposes the
 * result as metrics, and reads an ERDA's hash from the event that froze it.
 */
package fr.dinum.ledger.api.integrity;
