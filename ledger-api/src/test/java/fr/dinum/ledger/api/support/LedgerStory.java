package fr.dinum.ledger.api.support;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short history recorded through the API, shared by the tests that compare the ledger before and
 * after something (a restart, a replay), and the reads that must come out identical.
 */
public final class LedgerStory {

    public static final List<String> READS = List.of(
            "/api/conventions",
            "/api/conventions/CEREMA-2020-FRICHES",
            "/api/conventions/CEREMA-2020-FRICHES/balance?asOf=2020-12-31",
            "/api/conventions/CEREMA-2020-FRICHES/balance?asOf=2021-06-30",
            "/api/conventions/CEREMA-2020-FRICHES/commitments",
            "/api/conventions/CEREMA-2020-FRICHES/history",
            "/api/conventions/CEREMA-2020-FRICHES/erdas/1",
            "/api/conventions/CEREMA-2020-FRICHES/compte-rendu?exercice=2020",
            "/api/conventions/OISE-2021-ANTI-GASPI/balance?asOf=2021-12-31",
            "/api/funds/1-2-00548?asOf=2021-12-31",
            "/api/programmes/352?asOf=2021-12-31");

    private LedgerStory() {
    }

    public static void record(Http http) {
        SeedConventions.bodies().forEach((id, body) -> ok(http.post("/api/conventions", body)));
        String cerema = "/api/conventions/CEREMA-2020-FRICHES";
        ok(http.post(cerema + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}"""));
        ok(http.post(cerema + "/credit-openings", """
                {"openingId":"O1","ae":"150000.00","cp":"90000.00","openedOn":"2020-10-05","arreteReference":"A1"}"""));
        ok(http.post(cerema + "/commitments", """
                {"ejNumber":"1300000101","amount":"120000.00","committedOn":"2020-10-12","supplier":{"name":"Octo Technology","siret":"13002603200016"},"object":"Coaching"}"""));
        ok(http.post(cerema + "/payments", """
                {"dpNumber":"200000101","ejNumber":"1300000101","amount":"50000.00","serviceFaitOn":"2020-11-30","paidOn":"2020-12-10"}"""));
        ok(http.post(cerema + "/payments", """
                {"dpNumber":"200000102","ejNumber":"1300000101","amount":"40000.00","serviceFaitOn":"2021-01-30","paidOn":"2021-02-10"}"""));
        ok(http.post(cerema + "/commitments/1300000101/releases", """
                {"releaseId":"L1","amount":"30000.00","releasedOn":"2021-05-31","reason":"Solde"}"""));
        ok(http.post(cerema + "/closure", """
                {"closedOn":"2021-06-30"}"""));
        String oise = "/api/conventions/OISE-2021-ANTI-GASPI";
        ok(http.post(oise + "/receipts", """
                {"receiptId":"R1","amount":"20000.00","receivedOn":"2021-02-01"}"""));
        ok(http.post(oise + "/commitments", """
                {"ejNumber":"2100000001","amount":"15000.00","committedOn":"2021-02-15","supplier":{"name":"Atelier"},"object":"Anti-gaspi"}"""));
    }

    private static void ok(Http.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 201);
    }
}
