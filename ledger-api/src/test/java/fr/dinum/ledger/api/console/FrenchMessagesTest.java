package fr.dinum.ledger.api.console;

import fr.dinum.ledger.domain.convention.Rule;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FrenchMessagesTest {

    @Test
    void every_rule_of_the_domain_has_its_french_sentence() {
        assertThat(Arrays.stream(Rule.values()).filter(rule -> !FrenchMessages.translated(rule)))
                .as("rules without a French sentence in FrenchMessages").isEmpty();
    }
}
