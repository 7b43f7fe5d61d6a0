package fr.dinum.ledger.api.console;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's security chain over HTTP, without a browser: sign-in required, HTTP Basic accepted
 * for scripts, CSRF on every form, roles as in the API, and the API's own chain unchanged
 * (stateless: no session cookie, problem+json answers).
 */
class ConsoleSecurityTest extends ApiTestBase {

    private static final Map<String, String> HTML = Map.of("Accept", "text/html");

    private Http anonymous() {
        return http().as(null);
    }

    private Http as(String user) {
        return http().as(Http.basic(user, TestUsers.PASSWORD));
    }

    @Test
    void the_root_leads_to_the_console() {
        Http.Response root = anonymous().get("/", HTML);
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).endsWith("/console");
    }

    @Test
    void a_browser_without_a_session_is_sent_to_the_login_page() {
        Http.Response page = anonymous().get("/console", HTML);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
        Http.Response login = anonymous().get("/login", HTML);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text()).contains("name=\"_csrf\"", "Connexion au registre des fonds de concours");
    }

    @Test
    void a_script_without_credentials_gets_a_basic_challenge() {
        Http.Response page = anonymous().get("/console", Map.of("Accept", "*/*"));
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void a_script_reads_the_pages_with_http_basic() {
        Http.Response page = as("reader").get("/console", HTML);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void the_static_files_of_the_dsfr_need_no_sign_in() {
        assertThat(anonymous().get("/dsfr/dsfr.min.css").status()).isEqualTo(200);
        assertThat(anonymous().get("/dsfr/fonts/Marianne-Regular.woff2").status()).isEqualTo(200);
        assertThat(anonymous().get("/console-assets/console.css").status()).isEqualTo(200);
    }

    @Test
    void a_form_sent_without_its_csrf_token_is_refused_and_records_nothing() {
        Http.Response post = as("writer").post("/console/conventions/new", "conventionId=X",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(post.status()).isEqualTo(403);
        assertThat(as("reader").get("/api/conventions").text()).isEqualTo("[]");
    }

    @Test
    void a_reader_may_not_open_a_form_nor_send_one() {
        assertThat(as("reader").get("/console/conventions/new", HTML).status()).isEqualTo(403);
        assertThat(as("reader").post("/console/conventions/new", "conventionId=X",
                Map.of("Content-Type", "application/x-www-form-urlencoded")).status()).isEqualTo(403);
    }

    @Test
    void a_role_without_reader_does_not_read_the_pages_as_in_the_api() {
        assertThat(as("scraper").get("/console", HTML).status()).isEqualTo(403);
        assertThat(as("writer").get("/console", HTML).status()).isEqualTo(403);
    }

    @Test
    void the_api_stays_stateless_and_answers_problems() {
        Http.Response api = as("reader").get("/api/conventions");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("Set-Cookie")).isNull();
        Http.Response unauthenticated = anonymous().get("/api/conventions", HTML);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void an_unknown_convention_is_a_page_in_french() {
        Http.Response page = as("reader").get("/console/conventions/NOPE", HTML);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.text()).contains("Page introuvable", "Aucune convention NOPE", "CONVENTION_NOT_FOUND");
    }
}
