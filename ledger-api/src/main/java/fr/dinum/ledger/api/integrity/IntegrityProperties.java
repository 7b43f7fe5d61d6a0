package fr.dinum.ledger.api.integrity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the service verifies the event chain.
 *
 * @param verifyInterval  time between two scheduled verifications of the whole store.
 * @param firstVerificationDelay time from start to the first scheduled verification, so that a
 *                        start is not slowed by a full read of the store.
 * @param checkpointSettle a global anchor covers only events older than this: an event whose
 *                        transaction is still open could otherwise take a global index below the
 *                        anchor's and break it. Must exceed the longest transaction that appends
 *                        events (seconds; see docs/operations.md, "Gaps").
 */
@ConfigurationProperties("ledger.integrity")
public record IntegrityProperties(@DefaultValue("1h") Duration verifyInterval,
                                  @DefaultValue("1m") Duration firstVerificationDelay,
                                  @DefaultValue("5m") Duration checkpointSettle) {
}
