package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.projections.reports.ErdaDocument;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the renderers on an ERDA of 10 000 payments: for each format, the wall time of a warm
 * run (after one warm-up run), the CPU time of the process during that run, the size of the output
 * and the peak heap of that run. It lives in the
 * test sources so that it is not shipped. Run it with:
 *
 * <pre>
 * mvn -q -pl ledger-projections -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=fr.dinum.ledger.projections.reports.render.RenderBenchmark
 * </pre>
 *
 * <p>Optional arguments: the number of lines (10 000 by default), then the formats to measure,
 * separated by commas ({@code csv,pdf,xlsx,ods} by default). The system property {@code warmUps}
 * sets the number of warm-up runs (1 by default): after a single one the JIT compiler is still
 * compiling openhtmltopdf and PDFBox during the measured run and takes most of a core, so a PDF
 * measured after {@code -DwarmUps=5} shows what a server that has been running for a while does.
 *
 * <p>The peak heap is the sum of the peak usage of the heap memory pools, reset after a
 * {@code System.gc()} just before the run; it includes the 10 000-line ERDA itself, which is live
 * during the run, and whatever garbage the collector had not yet reclaimed, so it is an upper bound
 * of what the run needs. Running with {@code MAVEN_OPTS=-Xmx256m} proves the bound directly.
 */
public final class RenderBenchmark {

    private static final int LINES = 10_000;
    private static final int WARM_UPS = Integer.getInteger("warmUps", 1);

    private RenderBenchmark() {
    }

    public static void main(String[] args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : LINES;
        ErdaDocument erda = ReportSamples.issuedErda(lines);
        ErdaRenderer renderer = new ErdaRenderer();
        System.out.printf("ERDA of %d lines, max heap %d MiB, %d processors%n", lines,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-5s %10s %10s %12s %16s%n", "", "warm (ms)", "cpu (ms)", "size (KiB)", "peak heap (MiB)");
        List<ReportFormat> formats = args.length > 1
                ? Arrays.stream(args[1].split(",")).map(name -> ReportFormat.fromParameter(name).orElseThrow()).toList()
                : List.of(ReportFormat.CSV, ReportFormat.PDF, ReportFormat.XLSX, ReportFormat.ODS);
        for (ReportFormat format : formats) {
            for (int warmUp = 0; warmUp < WARM_UPS; warmUp++) {
                renderer.write(erda, format, new ByteArrayOutputStream(1 << 20));
            }
            System.gc();
            resetPeaks();
            CountingStream out = new CountingStream();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            renderer.write(erda, format, out);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
            System.out.printf("%-5s %10d %10d %12d %16d%n", format, millis, cpuMillis, out.count / 1024,
                    peakHeap() / (1024 * 1024));
        }
    }

    /**
     * The CPU time of the whole process (all threads, the collector and the JIT included), which
     * shows the work done even when other programs share the cores and stretch the wall time.
     */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        return system instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Counts the bytes written and drops them, so that the output itself takes no heap. */
    private static final class CountingStream extends java.io.OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
