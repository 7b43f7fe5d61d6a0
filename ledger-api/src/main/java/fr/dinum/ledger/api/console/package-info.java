/**
 * The web console: server-rendered pages in the Système de Design de l'État (DSFR) for finance
 * staff and controllers, at {@code /console}. It reads through the projections' query services
 * and records through the API's own command path ({@link fr.dinum.ledger.api.convention.CommandBodies}
 * and {@link fr.dinum.ledger.api.convention.CommandSender}), so that a form is validated and
 * refused exactly as the same request sent to the API. Its security chain is
 * {@code security.ConsoleSecurityConfiguration}; the DSFR files are vendored under
 * {@code static/dsfr} by {@code scripts/refresh-dsfr.sh}.
 */
package fr.dinum.ledger.api.console;
