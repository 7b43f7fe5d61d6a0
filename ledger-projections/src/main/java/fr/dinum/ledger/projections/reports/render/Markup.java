package fr.dinum.ledger.projections.reports.render;

/**
 * Makes field values safe to put into the XHTML of the PDF and into the XML of the spreadsheets.
 *
 * <p>Supplier names, objects and titles are typed by people: they may hold {@code <}, {@code &},
 * quotes, or control characters pasted from another tool. Escaping turns the markup characters into
 * entities, so that a value can never open an element or an attribute (no injection into the PDF's
 * HTML); removing the characters that XML 1.0 forbids keeps every file well-formed, since a single
 * such character would make the PDF renderer or a spreadsheet application refuse the whole document.
 */
final class Markup {

    private Markup() {
    }

    /**
     * Escapes text for an XHTML element or a double- or single-quoted attribute.
     *
     * @param text the raw value, or null
     * @return the escaped value, the empty string for null
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> allowedAt(text, i) ? null : "";
            };
            if (replacement != null && out == null) {
                // Most values need no escaping: the copy is only made for those that do.
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Removes the characters XML 1.0 does not allow, for libraries that escape markup themselves but
     * would write such a character as is.
     *
     * @param text the raw value, or null
     * @return the value without them, null for null
     */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!allowedAt(text, i)) {
                StringBuilder out = new StringBuilder(text.length()).append(text, 0, i);
                for (int j = i; j < text.length(); j++) {
                    if (allowedAt(text, j)) {
                        out.append(text.charAt(j));
                    }
                }
                return out.toString();
            }
        }
        return text;
    }

    /**
     * Whether the char at this index may appear in XML 1.0: tab, line feed, carriage return, the
     * characters from U+0020 except U+FFFE and U+FFFF, and surrogates only as complete pairs.
     */
    private static boolean allowedAt(String text, int index) {
        char c = text.charAt(index);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (Character.isHighSurrogate(c)) {
            return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index > 0 && Character.isHighSurrogate(text.charAt(index - 1));
        }
        return c != '\uFFFE' && c != '\uFFFF';
    }
}
