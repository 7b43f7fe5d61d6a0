/**
 * Command-line benchmarks, run from the packaged jar as the README says: each starts the service
 * on an embedded PostgreSQL of its own in a temporary directory and prints a table.
 * {@code ErdaBenchmark} times the ERDA of a long convention in every format;
 * {@code ThroughputBenchmark} measures commands, reads, replay, start time and memory beside the
 * database's own single-insert limit. Nothing here is used by the service itself.
 */
package fr.dinum.ledger.api.benchmark;
