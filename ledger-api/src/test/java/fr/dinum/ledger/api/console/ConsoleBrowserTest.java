package fr.dinum.ledger.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.convention.DemoHistory;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import fr.dinum.ledger.projections.reports.render.FrenchFormat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium: the ANCT seed story keyed through the forms, from the
 * signature to the restitution, with the threshold seen on the chart, the tranche called, the ERDA
 * issued, signed and downloaded; a refused payment; a retry; a reader who sees no form; and
 * axe-core on every page. One application and one browser for the whole story, in order.
 * Screenshots of each page go to {@link Browser#SCREENSHOTS}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends ApiTestBase {

    static final String ANCT = "ANCT-2020-INCUBATEUR";
    static final String PAGE = "/console/conventions/" + ANCT;

    private Browser browser;
    private final List<DemoHistory.Step> story = DemoHistory.steps().stream()
            .filter(s -> s.conventionId().equals(ANCT)).toList();
    private int next;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start(port);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void a_person_signs_in_with_the_login_form_and_lands_on_the_empty_list() {
        browser.open("/");
        assertThat(browser.path()).as("/ leads to the console, which asks to sign in").startsWith("/login");
        checkPage("login");
        browser.login(TestUsers.ALL_ROLES, "wrong");
        assertThat(browser.find(".fr-alert--error").getText()).contains("Identifiant ou mot de passe incorrect");
        browser.login(TestUsers.ALL_ROLES, TestUsers.PASSWORD);
        assertThat(browser.path()).startsWith("/console");
        assertThat(browser.find("h1").getText()).isEqualTo("Conventions");
        assertThat(browser.all("tr[data-convention]")).isEmpty();
    }

    @Test
    @Order(2)
    void signs_the_anct_convention_through_the_form() {
        DemoHistory.Step sign = story.get(next++);
        assertThat(sign.command()).isEqualTo("sign");
        browser.open("/console/conventions/new");
        browser.fill(typed(sign.body()));
        checkPage("form-sign");
        browser.submit("#submit");
        assertRecorded();
        assertThat(browser.path()).isEqualTo(PAGE);
        assertThat(browser.text("#status")).isEqualTo("En cours");
        assertThat(browser.find("#tranches").getText()).contains("600 000,00 €", "Sur consommation");
    }

    @Test
    @Order(3)
    void records_receipts_credits_commitments_and_payments_until_the_threshold_is_reached_on_the_chart() {
        // Up to the payment that takes CP paid to 600 000,00 €, the threshold of tranche 2.
        keyStepsUntil(step -> "payments".equals(step.command()) && "200000303".equals(step.body().get("dpNumber").asText()));
        browser.open(PAGE);
        assertThat(figure("received")).isEqualTo("800 000,00 €");
        assertThat(figure("cpPaid")).isEqualTo("600 000,00 €");
        assertThat(browser.find("#chart svg g.reached[data-tranche='2']").getText())
                .isEqualTo("Tranche 2 : seuil atteint le 10/12/2020");
        assertThat(browser.find("#chart svg g.threshold[data-tranche='3']").getText())
                .contains("Seuil de la tranche 3 : 1 000 000,00 €");
        assertThat(browser.text("#tranches")).contains("atteint le 10/12/2020");
        checkPage("convention-threshold-reached");
    }

    @Test
    @Order(4)
    void a_refused_payment_shows_its_rule_next_to_the_amount_and_keeps_what_was_typed() {
        browser.open(PAGE + "/forms/payments");
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("dpNumber", "200000399");
        typed.put("ejNumber", "1300000302");
        typed.put("amount", "200 000,00");
        typed.put("serviceFaitOn", "15/12/2020");
        typed.put("paidOn", "20/12/2020");
        browser.fill(typed);
        browser.submit("#submit");
        assertThat(browser.find("#f-amount-messages").getText()).isEqualTo("Le paiement dépasse le reste à payer de l'EJ.");
        assertThat(browser.find("#f-amount").getAttribute("class")).contains("fr-input--error");
        assertThat(browser.find("#form-errors").getText()).contains("CP_EXCEEDS_COMMITMENT");
        assertThat(browser.find("#f-amount").getAttribute("value")).isEqualTo("200 000,00");
        assertThat(browser.find("#f-dpNumber").getAttribute("value")).isEqualTo("200000399");
        assertThat(browser.find("#f-paidOn").getAttribute("value")).isEqualTo("20/12/2020");
        checkPage("form-payment-refused");
        browser.open(PAGE);
        assertThat(figure("cpPaid")).as("nothing recorded").isEqualTo("600 000,00 €");
    }

    @Test
    @Order(5)
    void a_form_sent_again_records_nothing_twice() {
        DemoHistory.Step receipt = story.stream().filter(s -> "receipts".equals(s.command())).findFirst().orElseThrow();
        browser.open(PAGE + "/forms/receipts");
        browser.fill(typed(receipt.body()));
        browser.submit("#submit");
        assertThat(browser.find("#notice").getText()).contains("Déjà enregistré");
        assertThat(figure("received")).isEqualTo("800 000,00 €");
    }

    @Test
    @Order(6)
    void calls_the_tranche_and_keys_the_rest_of_the_story_until_the_convention_is_closed() {
        keyStepsUntil(step -> "closure".equals(step.command()));
        browser.open(PAGE);
        assertThat(browser.text("#status")).isEqualTo("Clôturée");
        assertThat(browser.find("#tranches").getText()).contains("appelée le 15/12/2020", "appelée le 15/04/2021");
        assertThat(figure("cpPaid")).isEqualTo("1 200 000,00 €");
        assertThat(figure("restitutionDue")).isEqualTo("400 000,00 €");
    }

    @Test
    @Order(7)
    void issues_signs_and_downloads_the_erda() {
        browser.open(PAGE + "/forms/erdas");
        browser.fill(Map.of("asOf", "31/12/2020"));
        checkPage("form-erda");
        browser.submit("#submit");
        assertRecorded();
        // The appels de fonds and the closure issued ERDAs of their own: this one is the last.
        assertThat(browser.text("#notice")).contains("ERDA n°");
        String number = browser.all("tr[data-erda]").stream()
                .filter(tr -> tr.getText().contains("31/12/2020")).findFirst().orElseThrow().getAttribute("data-erda");
        for (String role : List.of("ORDONNATEUR", "COMPTABLE")) {
            browser.open(PAGE + "/forms/signatures");
            browser.fill(Map.of("number", number, "role", role, "signer", "Signataire " + role, "signedOn",
                    FrenchFormat.date(LocalDate.now(ZoneId.of("Europe/Paris")))));
            browser.submit("#submit");
            assertRecorded();
        }
        String row = browser.find("tr[data-erda='" + number + "']").getText();
        assertThat(row).contains("31/12/2020", "Ordonnateur : Signataire ORDONNATEUR", "Comptable assignataire");
        assertThat(browser.find("tr[data-erda='" + number + "'] .console-hash").getText()).matches("[0-9a-f]{64}");

        Http asBrowser = new Http(port, null);
        String cookie = browser.sessionCookie();
        String pdf = browser.find("tr[data-erda='" + number + "'] a[href$='format=pdf']").getAttribute("href").substring(browser.base.length());
        HttpResponse<byte[]> file = asBrowser.download(pdf, Map.of("Cookie", cookie));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(new String(file.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String csv = browser.find("#live-erda a[data-format='csv']").getAttribute("href").substring(browser.base.length());
        HttpResponse<byte[]> live = asBrowser.download(csv, Map.of("Cookie", cookie));
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(new String(live.body(), StandardCharsets.UTF_8)).contains("200000303");
    }

    @Test
    @Order(8)
    void restitutes_the_unused_money_and_the_convention_is_settled() {
        keyStepsUntil(step -> "restitutions".equals(step.command()));
        browser.open(PAGE);
        assertThat(browser.text("#status")).isEqualTo("Soldée");
        assertThat(figure("restituted")).isEqualTo("400 000,00 €");
        assertThat(browser.find("#history").getText()).contains("Reversement au contributeur", TestUsers.ALL_ROLES);
        checkPage("convention");
    }

    @Test
    @Order(9)
    void the_list_the_funds_and_the_programme_read_the_same_figures() {
        // The other seed conventions, recorded through the API, so that the list has company.
        for (DemoHistory.Step step : DemoHistory.steps()) {
            if (!step.conventionId().equals(ANCT)) {
                assertThat(http().post(step.path(), step.body().toString()).status()).isEqualTo(201);
            }
        }
        browser.open("/console");
        assertThat(browser.all("tr[data-convention]")).hasSize(5);
        checkPage("conventions");
        browser.open("/console?status=SETTLED");
        assertThat(browser.text("tr[data-convention='" + ANCT + "']")).contains("1 600 000,00 €", "Soldée");
        browser.open("/console?contributor=cohésion");
        assertThat(browser.all("tr[data-convention]")).hasSize(1);
        browser.open("/console/funds");
        checkPage("funds");
        browser.open("/console/funds/1-2-00548");
        assertThat(browser.text("#fund-conventions")).contains(ANCT, "1 200 000,00 €");
        assertThat(browser.all("#exercices tr[data-exercice='2021']")).hasSize(1);
        checkPage("fund");
        browser.open("/console/programmes/352");
        checkPage("programme");
    }

    @Test
    @Order(10)
    void every_form_page_passes_axe() {
        for (String command : CommandForms.CONVENTION_COMMANDS) {
            browser.open(PAGE + "/forms/" + command);
            assertThat(browser.find("h1").getText()).isNotBlank();
            assertThat(browser.seriousAccessibilityViolations()).as(command).isEmpty();
        }
    }

    @Test
    @Order(11)
    void a_reader_sees_no_form() {
        browser.logout();
        assertThat(browser.path()).startsWith("/login");
        browser.login("reader", TestUsers.PASSWORD);
        browser.open(PAGE);
        assertThat(browser.find("h1").getText()).contains(ANCT);
        assertThat(browser.has("#commands")).isFalse();
        assertThat(browser.all("form[method='post']:not([action='/logout'])")).as("no form but the logout").isEmpty();
        assertThat(browser.find("#navigation").getText()).doesNotContain("Signer une convention");
        checkPage("convention-reader");
        browser.open(PAGE + "/forms/payments");
        assertThat(browser.find("h1").getText()).isEqualTo("Accès refusé");
        browser.open("/console/conventions/new");
        assertThat(browser.find("h1").getText()).isEqualTo("Accès refusé");
    }

    /** Keys the story's next steps through their forms, up to and including the first that matches. */
    private void keyStepsUntil(java.util.function.Predicate<DemoHistory.Step> last) {
        while (next < story.size()) {
            DemoHistory.Step step = story.get(next++);
            // After a command the console is back on the convention, whose buttons lead to the forms.
            if (!browser.path().equals(PAGE)) {
                browser.open(PAGE);
            }
            browser.find("#commands a[data-command='" + step.command() + "']").click();
            browser.fill(typed(step.body()));
            browser.submit("#submit");
            assertRecorded();
            if (last.test(step)) {
                return;
            }
        }
    }

    private void assertRecorded() {
        assertThat(browser.has("#form-errors")).as(() -> browser.find("#form-errors").getText()).isFalse();
        assertThat(browser.find("#notice").getAttribute("class")).contains("fr-alert--success");
    }

    private String figure(String name) {
        return browser.find("#balance td[data-figure='" + name + "']").getText();
    }

    /** Axe-core finds no serious or critical violation, and the page is photographed. */
    private void checkPage(String name) {
        browser.screenshot(name);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on " + name).isEmpty();
    }

    /**
     * A request body of the API as a person types it in the form: field names are the body's paths,
     * dates are written 31/12/2020 and amounts 800000,00.
     */
    static Map<String, String> typed(JsonNode body) {
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", body, values);
        values.replaceAll((name, value) -> {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return value.substring(8) + "/" + value.substring(5, 7) + "/" + value.substring(0, 4);
            }
            if (value.matches("\\d+\\.\\d{2}")) {
                return value.replace('.', ',');
            }
            return value;
        });
        return values;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> values) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), values);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), values);
            }
        } else {
            values.put(path, node.asText());
        }
    }
}
