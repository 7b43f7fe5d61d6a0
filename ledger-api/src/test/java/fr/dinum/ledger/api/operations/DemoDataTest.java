package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.convention.DemoHistory;
import fr.dinum.ledger.api.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The run option that loads the seed conventions with their demo history, through the commands. */
@TestPropertySource(properties = "ledger.demo.enabled=true")
class DemoDataTest extends ApiTestBase {

    @Autowired
    DemoHistory demo;

    @Test
    void the_demo_history_is_loaded_at_start_and_loading_it_again_records_nothing() throws Exception {
        var list = http().get("/api/conventions");
        assertThat(list.body()).hasSize(5);
        var anct = http().get("/api/conventions/ANCT-2020-INCUBATEUR/balance?asOf=2021-04-30").body();
        assertThat(anct.get("cpPaid").asText()).isEqualTo("1050000.00");
        var history = http().get("/api/conventions/ANCT-2020-INCUBATEUR/history").body();
        assertThat(history.get(0).get("recordedBy").asText()).isEqualTo("demo-data");
        int events = history.size();

        demo.run(new DefaultApplicationArguments());

        assertThat(http().get("/api/conventions/ANCT-2020-INCUBATEUR/history").body()).hasSize(events);
    }
}
