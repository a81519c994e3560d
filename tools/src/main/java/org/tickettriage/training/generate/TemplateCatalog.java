package org.tickettriage.training.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts tickets are composed from, read from {@code ticket-templates.json}: slot values, greetings, problem
 * statements per category, confusable scenarios, severity cues. Every template is checked when the catalog loads.
 */
public final class TemplateCatalog {

    /** Where the default templates live, next to this class. */
    static final String DEFAULT_RESOURCE = "ticket-templates.json";

    /** A problem statement, usable only for tickets whose latent severity lies in [min, max]. */
    record Problem(String text, Priority min, Priority max) {
        boolean allows(Priority severity) {
            return severity.compareTo(min) >= 0 && severity.compareTo(max) <= 0;
        }
    }

    /** The parts that belong to one category; {@code severityCues} replace the shared cues for some levels. */
    record CategoryParts(
            double share,
            Map<Priority, Double> priorityMix,
            List<String> subjects,
            List<Problem> problems,
            List<String> details,
            List<String> asks,
            List<String> asides,
            Map<Priority, List<String>> severityCues) {
    }

    /** The phrases that signal one severity level. */
    record SeverityParts(List<String> cues, List<String> subjectMarks, List<String> closings) {
    }

    /** A situation several categories share; {@code labels} weighs how often each category owns it. */
    record Confusable(String name, Map<Category, Double> labels, List<String> subjects, List<String> problems) {
    }

    final Map<String, List<String>> slots;
    /** Slots that keep one value within a ticket. */
    final Set<String> perTicket;
    final List<String> greetings;
    final List<String> openings;
    final List<String> genericDetails;
    final List<String> genericAsks;
    final List<String> closings;
    final List<String> signatures;
    final List<String> vagueSubjects;
    final List<String> vagueProblems;
    final Map<Priority, SeverityParts> severity;
    final Map<Category, CategoryParts> categories;
    final List<Confusable> confusables;

    private TemplateCatalog(JsonNode root) {
        Map<String, List<String>> slotLists = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> slot : required(root, "slots").properties()) {
            slotLists.put(slot.getKey(), textList(slot.getValue(), "slots." + slot.getKey()));
        }
        slots = Collections.unmodifiableMap(slotLists);
        perTicket = Set.copyOf(strings(root, "perTicket"));
        greetings = strings(root, "greetings");
        openings = strings(root, "openings");
        genericDetails = strings(root, "genericDetails");
        genericAsks = strings(root, "genericAsks");
        closings = strings(root, "closings");
        signatures = strings(root, "signatures");
        JsonNode vague = required(root, "vague");
        vagueSubjects = strings(vague, "subjects");
        vagueProblems = strings(vague, "problems");

        EnumMap<Priority, SeverityParts> severityParts = new EnumMap<>(Priority.class);
        JsonNode severityNode = required(root, "severity");
        for (Priority level : Priority.values()) {
            JsonNode node = required(severityNode, level.label());
            severityParts.put(level, new SeverityParts(
                    strings(node, "cues"), strings(node, "subjectMarks"), strings(node, "closings")));
        }
        severity = Collections.unmodifiableMap(severityParts);

        EnumMap<Category, CategoryParts> categoryParts = new EnumMap<>(Category.class);
        JsonNode categoriesNode = required(root, "categories");
        for (Category category : Category.values()) {
            JsonNode node = required(categoriesNode, category.label());
            categoryParts.put(category, new CategoryParts(
                    positive(required(node, "share"), category.label() + ".share"),
                    priorityMix(required(node, "priorityMix"), category.label()),
                    strings(node, "subjects"),
                    problems(required(node, "problems"), category.label()),
                    strings(node, "details"),
                    strings(node, "asks"),
                    strings(node, "asides"),
                    severityCues(node.get("severityCues"), category.label())));
        }
        categories = Collections.unmodifiableMap(categoryParts);

        List<Confusable> scenarios = new ArrayList<>();
        for (JsonNode node : required(root, "confusables")) {
            String name = required(node, "name").asText();
            EnumMap<Category, Double> labels = new EnumMap<>(Category.class);
            for (Map.Entry<String, JsonNode> label : required(node, "labels").properties()) {
                labels.put(Category.fromLabel(label.getKey()), positive(label.getValue(), name + ".labels"));
            }
            scenarios.add(new Confusable(name, Collections.unmodifiableMap(labels),
                    strings(node, "subjects"), strings(node, "problems")));
        }
        confusables = List.copyOf(scenarios);
        for (Category category : Category.values()) {
            if (scenarios.stream().noneMatch(s -> s.labels().containsKey(category))) {
                throw new IllegalArgumentException("templates: no confusable scenario includes " + category.label());
            }
        }
        new TemplateExpander(slots, perTicket).checkAll(allTemplates());
    }

    /** The templates shipped with the generator. */
    public static TemplateCatalog loadDefault() {
        try (InputStream in = TemplateCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Templates from a JSON document laid out like {@code ticket-templates.json}.
     *
     * @throws IllegalArgumentException naming the first missing part, unknown slot or malformed template
     */
    public static TemplateCatalog load(InputStream json) throws IOException {
        return new TemplateCatalog(new ObjectMapper().readTree(json));
    }

    /** Every template text in the catalog, for checks. */
    List<String> allTemplates() {
        List<String> all = new ArrayList<>();
        slots.values().forEach(all::addAll);
        all.addAll(greetings);
        all.addAll(openings);
        all.addAll(genericDetails);
        all.addAll(genericAsks);
        all.addAll(closings);
        all.addAll(signatures);
        all.addAll(vagueSubjects);
        all.addAll(vagueProblems);
        for (SeverityParts parts : severity.values()) {
            all.addAll(parts.cues());
            all.addAll(parts.subjectMarks());
            all.addAll(parts.closings());
        }
        for (CategoryParts parts : categories.values()) {
            parts.severityCues().values().forEach(all::addAll);
            all.addAll(parts.subjects());
            parts.problems().forEach(p -> all.add(p.text()));
            all.addAll(parts.details());
            all.addAll(parts.asks());
            all.addAll(parts.asides());
        }
        for (Confusable scenario : confusables) {
            all.addAll(scenario.subjects());
            all.addAll(scenario.problems());
        }
        return all;
    }

    private static JsonNode required(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("templates: missing '" + field + "'");
        }
        return node;
    }

    private static List<String> strings(JsonNode parent, String field) {
        return textList(required(parent, field), field);
    }

    private static List<String> textList(JsonNode array, String where) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("templates: '" + where + "' must be a non-empty list of texts");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException("templates: '" + where + "' holds a non-text or blank item");
            }
            texts.add(item.asText());
        }
        return List.copyOf(texts);
    }

    private static List<Problem> problems(JsonNode array, String category) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual()) {
                problems.add(new Problem(item.asText(), Priority.LOW, Priority.CRITICAL));
            } else {
                Priority min = item.has("min") ? Priority.fromLabel(item.get("min").asText()) : Priority.LOW;
                Priority max = item.has("max") ? Priority.fromLabel(item.get("max").asText()) : Priority.CRITICAL;
                problems.add(new Problem(required(item, "text").asText(), min, max));
            }
        }
        for (Priority level : Priority.values()) {
            if (problems.stream().noneMatch(p -> p.allows(level))) {
                throw new IllegalArgumentException("templates: " + category + " has no problem for severity " + level.label());
            }
        }
        return List.copyOf(problems);
    }

    private static Map<Priority, List<String>> severityCues(JsonNode node, String category) {
        EnumMap<Priority, List<String>> cues = new EnumMap<>(Priority.class);
        if (node != null) {
            for (Priority level : Priority.values()) {
                if (node.has(level.label())) {
                    cues.put(level, textList(node.get(level.label()), category + ".severityCues." + level.label()));
                }
            }
        }
        return Collections.unmodifiableMap(cues);
    }

    private static Map<Priority, Double> priorityMix(JsonNode node, String category) {
        EnumMap<Priority, Double> mix = new EnumMap<>(Priority.class);
        for (Priority level : Priority.values()) {
            mix.put(level, positive(required(node, level.label()), category + ".priorityMix"));
        }
        return Collections.unmodifiableMap(mix);
    }

    private static double positive(JsonNode node, String where) {
        if (!node.isNumber() || node.asDouble() <= 0.0) {
            throw new IllegalArgumentException("templates: '" + where + "' must be a number above 0");
        }
        return node.asDouble();
    }
}
