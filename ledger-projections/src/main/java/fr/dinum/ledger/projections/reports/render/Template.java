package fr.dinum.ledger.projections.reports.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource with {@code {{name}}} placeholders, split once when it is loaded. It is no template
 * engine: the renderers build each fragment themselves, escaping every value with
 * {@link Markup#escape(String)}, and this class only puts the fragments in place.
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    /** Literal text at even indexes, placeholder names at odd indexes. */
    private final List<String> parts;

    private Template(List<String> parts) {
        this.parts = parts;
    }

    /**
     * Loads a template from the class path.
     *
     * @param resource a path such as {@code reports/erda.xhtml}
     * @return the template
     */
    static Template load(String resource) {
        return parse(read(resource));
    }

    /**
     * Reads a text resource from the class path.
     *
     * @param resource a path such as {@code reports/report.css}
     * @return its text, decoded as UTF-8
     */
    static String read(String resource) {
        try (InputStream in = Template.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing report resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the report resource " + resource, e);
        }
    }

    static Template parse(String text) {
        List<String> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int last = 0;
        while (matcher.find()) {
            parts.add(text.substring(last, matcher.start()));
            parts.add(matcher.group(1));
            last = matcher.end();
        }
        parts.add(text.substring(last));
        return new Template(List.copyOf(parts));
    }

    /**
     * Appends the template with its placeholders replaced.
     *
     * @param html the fragment of each placeholder, already escaped HTML
     * @param out  where the document is built
     * @throws IllegalStateException if a placeholder has no fragment, so that a typo in a template
     *     cannot silently drop a part of a report
     */
    void render(Map<String, ? extends CharSequence> html, StringBuilder out) {
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                out.append(parts.get(i));
            } else {
                CharSequence fragment = html.get(parts.get(i));
                if (fragment == null) {
                    throw new IllegalStateException("No value for the placeholder {{" + parts.get(i) + "}}");
                }
                out.append(fragment);
            }
        }
    }
}
