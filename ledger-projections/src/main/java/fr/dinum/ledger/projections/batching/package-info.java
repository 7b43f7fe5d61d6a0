/**
 * Sending the projections' writes to PostgreSQL in JDBC batches, once per batch of events a
 * processor handles, instead of one statement and one round trip per event: what makes a replay
 * fast. See {@link fr.dinum.ledger.projections.batching.BatchedWrites}.
 */
package fr.dinum.ledger.projections.batching;
