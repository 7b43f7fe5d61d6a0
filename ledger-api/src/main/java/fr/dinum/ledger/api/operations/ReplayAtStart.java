package fr.dinum.ledger.api.operations;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --ledger.replay=true}: rebuild every projection at start, from the command line, for an
 * operator who cannot reach the admin endpoint. The service answers during the rebuild; the log
 * says when it is done.
 */
@Component
@ConditionalOnProperty(name = "ledger.replay", havingValue = "true")
class ReplayAtStart implements ApplicationRunner {

    private final Projections projections;

    ReplayAtStart(Projections projections) {
        this.projections = projections;
    }

    @Override
    public void run(ApplicationArguments args) {
        projections.replay();
    }
}
