package fr.dinum.ledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The ledger's own settings.
 *
 * @param timeZone the zone in which "today" is read: business dates are French dates, so a command
 *                 sent at 00:30 in Paris is dated that day, whatever the server's zone.
 * @param readYourWritesTimeout how long a read waits for the projections to reach the events that
 *                 were stored when it arrived, so that a client reads what it has just written.
 * @param demo     whether the seed conventions are loaded with a demo history at start.
 * @param replay   whether every projection is rebuilt from the event store at start.
 * @param metrics  how the business metrics are refreshed.
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(@DefaultValue("Europe/Paris") ZoneId timeZone,
                               @DefaultValue("2s") Duration readYourWritesTimeout,
                               @DefaultValue Demo demo,
                               @DefaultValue("false") boolean replay,
                               @DefaultValue Metrics metrics) {

    /** @param refreshInterval how often the metrics are read from the projections. */
    public record Metrics(@DefaultValue("10s") Duration refreshInterval) {
    }

    /** @param enabled true loads the demo history ({@code seed/demo-history.json}) at start. */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }
}
