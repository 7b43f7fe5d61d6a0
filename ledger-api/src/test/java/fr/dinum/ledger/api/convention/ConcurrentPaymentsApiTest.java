package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.SeedConventions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty payments sent at once on one convention whose EJ holds AE for only some of them: the
 * accepted ones are exactly those that fit, nothing is counted twice, and every refused request
 * gets a clear answer, never a 500.
 */
class ConcurrentPaymentsApiTest extends ApiTestBase {

    static final String CEREMA = "/api/conventions/CEREMA-2020-FRICHES";
    static final BigDecimal COMMITTED = new BigDecimal("10000.00");

    record Sent(String dpNumber, BigDecimal amount, Response response) {
    }

    @Test
    void fifty_parallel_payments_accept_exactly_what_the_commitment_allows() throws Exception {
        assertThat(http().post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES")).status()).isEqualTo(201);
        assertThat(http().post(CEREMA + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}""").status()).isEqualTo(201);
        assertThat(http().post(CEREMA + "/credit-openings", """
                {"openingId":"O1","ae":"200000.00","cp":"200000.00","openedOn":"2020-10-01","arreteReference":"A1"}""").status()).isEqualTo(201);
        assertThat(http().post(CEREMA + "/commitments", """
                {"ejNumber":"1300000001","amount":"10000.00","committedOn":"2020-10-02","supplier":{"name":"Octo"},"object":"Coaching"}""").status()).isEqualTo(201);

        // 45 distinct payments of 150.00 to 1 030.00, and 5 exact duplicates of some of them.
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String dp = String.format("2%08d", i);
            String amount = new BigDecimal(150 + (i * 37) % 900).setScale(2).toPlainString();
            requests.add(new String[]{dp, amount});
        }
        for (int i = 0; i < 5; i++) {
            requests.add(requests.get(i * 7));
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Sent>> futures = new ArrayList<>();
        for (String[] request : requests) {
            futures.add(pool.submit(() -> {
                start.await();
                Response response = http().post(CEREMA + "/payments", """
                        {"dpNumber":"%s","ejNumber":"1300000001","amount":"%s","serviceFaitOn":"2020-11-02","paidOn":"2020-11-03"}"""
                        .formatted(request[0], request[1]));
                return new Sent(request[0], new BigDecimal(request[1]), response);
            }));
        }
        start.countDown();
        List<Sent> sent = new ArrayList<>();
        for (Future<Sent> future : futures) {
            sent.add(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(sent).allSatisfy(s -> assertThat(s.response().status()).as(s.response().text()).isIn(200, 201, 409, 422));
        List<Sent> created = sent.stream().filter(s -> s.response().status() == 201).toList();
        BigDecimal paid = created.stream().map(Sent::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal remaining = COMMITTED.subtract(paid);

        assertThat(created).extracting(Sent::dpNumber).doesNotHaveDuplicates();
        assertThat(paid).isLessThanOrEqualTo(COMMITTED);
        // A payment refused by the rule did not fit when it was decided, so it cannot fit in what is left now.
        sent.stream().filter(s -> s.response().status() == 422).forEach(s -> {
            assertThat(s.response().code()).isEqualTo("CP_EXCEEDS_COMMITMENT");
            assertThat(s.amount()).isGreaterThan(remaining);
        });
        // A 200 is the retry of a payment already recorded; a 409 names the conflict.
        sent.stream().filter(s -> s.response().status() == 200)
                .forEach(s -> assertThat(created).extracting(Sent::dpNumber).contains(s.dpNumber()));
        sent.stream().filter(s -> s.response().status() == 409)
                .forEach(s -> assertThat(s.response().code()).isIn("CONCURRENT_MODIFICATION", "IDENTIFIER_REUSED"));
        assertThat(sent.stream().filter(s -> s.response().status() == 422).count()).isPositive();

        awaitProjections();
        JsonNode balance = http().get(CEREMA + "/balance").body();
        assertThat(new BigDecimal(balance.get("cpPaid").asText())).isEqualByComparingTo(paid);
        assertThat(new BigDecimal(balance.get("restesAPayer").asText())).isEqualByComparingTo(remaining);
        JsonNode history = http().get(CEREMA + "/history").body();
        long recordedPayments = 0;
        for (JsonNode entry : history) {
            if (entry.get("type").asText().equals("CpPaid")) {
                recordedPayments++;
            }
        }
        assertThat(recordedPayments).isEqualTo(created.size());
        JsonNode ej = http().get(CEREMA + "/commitments").body().get(0);
        assertThat(new BigDecimal(ej.get("paid").asText())).isEqualByComparingTo(paid);
    }
}
