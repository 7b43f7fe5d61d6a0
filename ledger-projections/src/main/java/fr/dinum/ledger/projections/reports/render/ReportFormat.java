package fr.dinum.ledger.projections.reports.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats a report can be downloaded in, with the media type the REST layer answers with and the
 * extension of the file name it proposes.
 *
 * <p>JSON is listed because it is the default format of the API, but it is serialised by the REST
 * layer from the report records; the renderers of this package only write CSV, PDF, XLSX and ODS.
 */
public enum ReportFormat {

    JSON("application/json", "json"),
    CSV("text/csv;charset=UTF-8", "csv"),
    PDF("application/pdf", "pdf"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ODS("application/vnd.oasis.opendocument.spreadsheet", "ods");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** @return the media type to put in {@code Content-Type}, with its charset for CSV */
    public String mediaType() {
        return mediaType;
    }

    /** @return the file extension without its dot, such as {@code "xlsx"} */
    public String extension() {
        return extension;
    }

    /**
     * Reads the {@code format} query parameter.
     *
     * @param parameter {@code json}, {@code csv}, {@code pdf}, {@code xlsx} or {@code ods}, in any case
     * @return the format, or empty when the parameter is absent, blank or names no format
     */
    public static Optional<ReportFormat> fromParameter(String parameter) {
        if (parameter == null) {
            return Optional.empty();
        }
        String wanted = parameter.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (format.extension.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * Chooses the format from an {@code Accept} header: the media ranges are taken by decreasing
     * quality ({@code q}, 1 by default; equal qualities keep the order of the header), and the first
     * range that matches one of the formats wins. A range with {@code q=0} is refused by the client and
     * never matches. Wildcards match the formats in the order of this enum, so {@code *}{@code /*}
     * gives JSON, the default of the API, and {@code text/*} gives CSV.
     *
     * @param acceptHeader the value of the header, possibly null
     * @return the format, or empty when no range matches (the caller answers 406 or its default)
     */
    public static Optional<ReportFormat> fromAccept(String acceptHeader) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return Optional.empty();
        }
        List<MediaRange> ranges = new ArrayList<>();
        for (String part : acceptHeader.split(",")) {
            MediaRange range = MediaRange.parse(part);
            if (range != null && range.quality > 0) {
                ranges.add(range);
            }
        }
        // List.sort is stable, so ranges of equal quality stay in the order the client gave.
        ranges.sort(Comparator.comparingInt((MediaRange range) -> range.quality).reversed());
        for (MediaRange range : ranges) {
            for (ReportFormat format : values()) {
                if (range.matches(format)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** The type and subtype without parameters, such as {@code text/csv}. */
    private String essence() {
        int semicolon = mediaType.indexOf(';');
        return semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
    }

    /**
     * One media range of an Accept header. The quality is kept in thousandths, as RFC 9110 allows at
     * most three decimals, so that it is compared exactly without a floating-point number.
     */
    private record MediaRange(String type, String subtype, int quality) {

        static MediaRange parse(String text) {
            String[] pieces = text.split(";");
            String essence = pieces[0].trim().toLowerCase(Locale.ROOT);
            int slash = essence.indexOf('/');
            if (slash <= 0 || slash == essence.length() - 1) {
                return null;
            }
            int quality = 1000;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                    quality = parseQuality(parameter.substring(2).trim());
                }
            }
            return new MediaRange(essence.substring(0, slash).trim(), essence.substring(slash + 1).trim(), quality);
        }

        /** Parses {@code 0}, {@code 0.5}, {@code 1.000}...; a malformed value counts as refused. */
        private static int parseQuality(String value) {
            if (!value.matches("[01](\\.[0-9]{0,3})?")) {
                return 0;
            }
            int thousandths = (value.charAt(0) - '0') * 1000;
            String decimals = value.length() > 2 ? value.substring(2) : "";
            for (int i = 0; i < 3; i++) {
                thousandths += (i < decimals.length() ? decimals.charAt(i) - '0' : 0) * (i == 0 ? 100 : i == 1 ? 10 : 1);
            }
            return Math.min(thousandths, 1000);
        }

        boolean matches(ReportFormat format) {
            String essence = format.essence();
            int slash = essence.indexOf('/');
            String formatType = essence.substring(0, slash);
            String formatSubtype = essence.substring(slash + 1);
            if (type.equals("*")) {
                return subtype.equals("*");
            }
            return type.equals(formatType) && (subtype.equals("*") || subtype.equals(formatSubtype));
        }
    }
}
