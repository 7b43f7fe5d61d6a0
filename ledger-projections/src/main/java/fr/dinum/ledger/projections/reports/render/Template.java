package fr.dinum.ledger.projections.reports.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource with {@code {{name}}} placeholders and {@code {{#name}}...{{/name}}} sections, parsed
 * once when it is loaded. It is no template engine: the renderers build each fragment themselves,
 * escaping every value with {@link Markup#escape(String)}, and this class only puts the fragments in
 * place and keeps or drops the sections (the header block only on the first part of a long report,
 * the totals only on the last). Sections do not nest.
 */
final class Template {

    private static final Pattern TAG = Pattern.compile("\\{\\{([#/]?)([a-zA-Z]+)}}");

    private sealed interface Node permits Text, Slot, Section {
    }

    private record Text(String text) implements Node {
    }

    private record Slot(String name) implements Node {
    }

    private record Section(String name, List<Node> body) implements Node {
    }

    private final List<Node> nodes;

    private Template(List<Node> nodes) {
        this.nodes = nodes;
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
        List<Node> top = new ArrayList<>();
        List<Node> current = top;
        String open = null;
        Matcher matcher = TAG.matcher(text);
        int last = 0;
        while (matcher.find()) {
            current.add(new Text(text.substring(last, matcher.start())));
            String kind = matcher.group(1);
            String name = matcher.group(2);
            if (kind.equals("#")) {
                if (open != null) {
                    throw new IllegalArgumentException("Sections do not nest: {{#" + name + "}} inside " + open);
                }
                open = name;
                current = new ArrayList<>();
            } else if (kind.equals("/")) {
                if (!name.equals(open)) {
                    throw new IllegalArgumentException("{{/" + name + "}} closes no open section");
                }
                top.add(new Section(name, List.copyOf(current)));
                current = top;
                open = null;
            } else {
                current.add(new Slot(name));
            }
            last = matcher.end();
        }
        if (open != null) {
            throw new IllegalArgumentException("Section {{#" + open + "}} is not closed");
        }
        top.add(new Text(text.substring(last)));
        return new Template(List.copyOf(top));
    }

    /**
     * Appends the template with its placeholders replaced.
     *
     * @param html     the fragment of each placeholder, already escaped HTML
     * @param sections the names of the sections to keep; the others are left out
     * @param out      where the document is built
     * @throws IllegalStateException if a kept placeholder has no fragment, so that a typo in a
     *     template cannot silently drop a part of a report
     */
    void render(Map<String, ? extends CharSequence> html, Set<String> sections, StringBuilder out) {
        render(nodes, html, sections, out);
    }

    private static void render(List<Node> nodes, Map<String, ? extends CharSequence> html, Set<String> sections,
                               StringBuilder out) {
        for (Node node : nodes) {
            if (node instanceof Text text) {
                out.append(text.text());
            } else if (node instanceof Slot slot) {
                CharSequence fragment = html.get(slot.name());
                if (fragment == null) {
                    throw new IllegalStateException("No value for the placeholder {{" + slot.name() + "}}");
                }
                out.append(fragment);
            } else if (node instanceof Section section && sections.contains(section.name())) {
                render(section.body(), html, sections, out);
            }
        }
    }
}
