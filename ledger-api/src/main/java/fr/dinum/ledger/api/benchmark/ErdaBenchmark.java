package fr.dinum.ledger.api.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.LedgerApplication;
import fr.dinum.ledger.api.operations.Projections;
import fr.dinum.ledger.domain.convention.CommandOutcome;
import fr.dinum.ledger.domain.convention.ConventionCommand;
import fr.dinum.ledger.domain.convention.ConventionEvent;
import fr.dinum.ledger.domain.convention.ContributorKind;
import fr.dinum.ledger.domain.convention.FundingMode;
import fr.dinum.ledger.domain.convention.Terms;
import fr.dinum.ledger.domain.convention.TrancheTrigger;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import fr.dinum.ledger.projections.reports.ErdaQueries;
import fr.dinum.ledger.projections.reports.render.ErdaRenderer;
import fr.dinum.ledger.projections.reports.render.ReportFormat;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures how long the ERDA of a convention with 10 000 payments takes to produce in each format
 * (rebuilt from the events of the event store, then rendered), and the heap it uses. Run it with the heap limit to
 * check, as the README says:
 * {@code java -Xmx256m -Dloader.main=fr.dinum.ledger.api.benchmark.ErdaBenchmark -cp ledger-api/target/ledger-api.jar org.springframework.boot.loader.launch.PropertiesLauncher}
 *
 * <p>The 10 000 payments are appended to the event store directly (their events, numbered after
 * the convention's own), not sent as commands: the benchmark is about producing the report.
 */
public final class ErdaBenchmark {

    private static final String ID = "BENCH-10000";
    private static final int PAYMENTS = 10_000;
    private static final int RUNS = 5;

    private ErdaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        int payments = args.length > 0 ? Integer.parseInt(args[0]) : PAYMENTS;
        Path data = Files.createTempDirectory("erda-benchmark");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .properties("server.port=0", "ledger.database.embedded.data-directory=" + data.resolve("postgres"),
                        "ledger.security.users.bench.password={noop}bench", "ledger.security.users.bench.roles=READER",
                        "logging.level.root=WARN", "logging.level.fr.dinum.ledger.api.benchmark=INFO")
                .run()) {
            run(context, payments);
        }
        // A command-line tool: end here even if a library left a thread behind.
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, int payments) throws IOException {
        CommandGateway commands = context.getBean(CommandGateway.class);
        EventStore events = context.getBean(EventStore.class);
        Projections projections = context.getBean(Projections.class);
        ErdaQueries reports = context.getBean(ErdaQueries.class);
        ObjectMapper json = context.getBean(ObjectMapper.class);

        Montant amount = Montant.euros(payments * 100L + 100_000);
        commands.sendAndWait(new ConventionCommand.SignConvention(ID, "Convention de mesure", new Terms.Contributor(
                "Collectivité de mesure", ContributorKind.COLLECTIVITE, null, null), "DINUM",
                new Terms.Fund("1-2-00548", "352", "0352-CFSE"), amount, FundingMode.ADVANCE,
                List.of(new Terms.Tranche(1, amount, TrancheTrigger.ON_SIGNATURE, null, null)), List.of(),
                LocalDate.of(2020, 1, 2), null, null));
        commands.sendAndWait(new ConventionCommand.ReceivePayment(ID, "R1", amount, LocalDate.of(2020, 1, 3), 1, null));
        commands.sendAndWait(new ConventionCommand.OpenCredits(ID, "O1", amount, amount, LocalDate.of(2020, 1, 4), "A"));
        int ejs = 100;
        for (int e = 0; e < ejs; e++) {
            commands.sendAndWait(new ConventionCommand.CommitAe(ID, ej(e), Montant.euros(payments * 100L / ejs + 100),
                    LocalDate.of(2020, 1, 5), new Terms.Supplier("Fournisseur " + e, null), "Prestation " + e, null));
        }
        long started = System.nanoTime();
        long sequence = 3 + ejs;
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int p = 0; p < payments; p++) {
            LocalDate paidOn = LocalDate.of(2020, 2, 1).plusDays(p % 1500);
            batch.add(new GenericDomainEventMessage<>("Convention", ID, sequence++, new ConventionEvent.CpPaid(ID,
                    DpNumber.of(String.format("2%08d", p)), ej(p % ejs), Montant.of("99.99"), paidOn, paidOn, null)));
            if (batch.size() == 1000) {
                events.publish(batch);
                batch.clear();
            }
        }
        events.publish(batch);
        System.out.printf("appended %d payment events in %d ms, projecting them...%n", payments,
                (System.nanoTime() - started) / 1_000_000);
        if (!projections.awaitCaughtUp(Duration.ofMinutes(10))) {
            throw new IllegalStateException("The projections did not catch up within 10 minutes");
        }
        long projected = System.nanoTime() - started;

        long oneMore = System.nanoTime();
        CommandOutcome outcome = commands.sendAndWait(new ConventionCommand.PayCp(ID, DpNumber.of("300000000"), ej(0),
                Montant.of("1.00"), LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2), null));
        long command = System.nanoTime() - oneMore;

        LocalDate asOf = LocalDate.of(2024, 12, 31);
        System.out.printf("%nERDA benchmark: convention with %d payments, as of %s; %d cores, max heap %d MiB, Java %s%n",
                payments + 1, asOf, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
        System.out.printf("appending and projecting %d payment events: %d ms; one more PayCp command on this convention: %d ms (%s)%n",
                payments, projected / 1_000_000, command / 1_000_000, outcome.recorded() ? "recorded" : "not recorded");
        System.out.printf("%-6s %12s %12s %12s %16s%n", "format", "median ms", "max ms", "bytes", "pool peaks MiB*");
        ErdaRenderer renderer = new ErdaRenderer();
        for (ReportFormat format : ReportFormat.values()) {
            long[] times = new long[RUNS];
            long bytes = 0;
            long peak = 0;
            for (int run = -1; run < RUNS; run++) {
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                ErdaDocument erda = reports.liveErda(ID, asOf).orElseThrow();
                CountingStream out = new CountingStream();
                if (format == ReportFormat.JSON) {
                    json.writeValue(out, erda);
                } else {
                    renderer.write(erda, format, out);
                }
                long elapsed = System.nanoTime() - start;
                if (run >= 0) {
                    times[run] = elapsed;
                    bytes = out.count;
                    peak = Math.max(peak, heapPeak());
                }
            }
            Arrays.sort(times);
            System.out.printf("%-6s %12d %12d %12d %16d%n", format.name().toLowerCase(), times[RUNS / 2] / 1_000_000,
                    times[RUNS - 1] / 1_000_000, bytes, peak / (1024 * 1024));
        }
        System.out.println("* the sum of each heap pool's peak during a run, garbage included: an upper bound that can exceed"
                + " the maximum heap. The heap limit itself is enforced by -Xmx: every format completed within it.");
        System.out.println("Targets (issue): PDF under 2 s and under 256 MiB of heap (run with -Xmx256m to enforce the heap).");
    }

    private static EjNumber ej(int index) {
        return EjNumber.of(String.format("13%08d", index));
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap used. */
    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Counts the bytes of a rendered document without keeping them. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
