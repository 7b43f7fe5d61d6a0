package fr.dinum.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The fonds de concours ledger. Component scanning starts at {@code fr.dinum.ledger} so that the
 * projections of the {@code ledger-projections} module are found too.
 */
@SpringBootApplication(scanBasePackages = "fr.dinum.ledger")
@ConfigurationPropertiesScan("fr.dinum.ledger")
public class LedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker would try to reach the Internet at every start; it is never wanted.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
