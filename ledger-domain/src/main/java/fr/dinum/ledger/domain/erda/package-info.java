/**
 * The ERDA (état récapitulatif des dépenses acceptées) as a document: its content, grouped by
 * engagement juridique, its versioned canonical text and SHA-256, and the roles that sign it. The
 * content is assembled from a convention's events in one place only,
 * {@code fr.dinum.ledger.domain.convention.ErdaBook}, which both the aggregate (to freeze an ERDA)
 * and the reports (to show and check one) use.
 */
package fr.dinum.ledger.domain.erda;
