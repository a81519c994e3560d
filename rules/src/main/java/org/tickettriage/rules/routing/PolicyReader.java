package org.tickettriage.rules.routing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.tickettriage.rules.TicketAttributes;
import org.tickettriage.rules.facts.CueList;

/**
 * Reads and checks a routing policy's CSV files (docs/ROUTING.md describes them). Every problem is collected with
 * its file and line, so one run reports them all; a policy with any error is refused. Files hold data only: cells
 * are parsed as labels, durations and phrases, nothing is evaluated.
 */
public final class PolicyReader {

    /** The marker that starts an output column's name in the routing table: {@code set:priority_floor}. */
    public static final String OUTPUT_MARKER = "set:";
    /** The routing table's output column that raises the ticket's priority to at least its value. */
    public static final String PRIORITY_FLOOR = "priority_floor";
    /** A cell that matches anything. */
    public static final String ANY = "*";

    private static final List<String> ROUTING_COLUMNS = List.of("category", "priority", "team", "queue", "first_response");
    private static final List<String> PRIORITY_COLUMNS = List.of("priority", "first_response", "default");
    private static final List<String> KEYWORD_COLUMNS = List.of("category", "phrases");
    private static final List<String> ESCALATION_COLUMNS = List.of("cue", "phrases", "requires", "priority", "team", "queue", "first_response");
    private static final List<String> REVIEW_COLUMNS = List.of("team", "queue", "first_response");
    private static final Set<String> ATTRIBUTE_COLUMNS = new TreeSet<>(TicketAttributes.NAMES);

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setCommentMarker('#')
            .setTrim(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .get();

    private final PolicyFiles files;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final List<String> defaulted = new ArrayList<>();

    private PolicyReader(PolicyFiles files) {
        this.files = files;
    }

    /**
     * What reading a policy found: the policy (null when there were errors), every problem in file order, and the
     * files taken from the bundled default because the policy has none.
     */
    public record Result(RoutingPolicy policy, List<PolicyProblem> problems, List<String> defaulted) {

        /** Whether any problem is an error. */
        public boolean hasErrors() {
            return problems.stream().anyMatch(PolicyProblem::isError);
        }
    }

    /**
     * Reads the policy in {@code files}.
     *
     * @throws RoutingPolicyException when a file is unreadable or the policy has an error
     */
    public static RoutingPolicy read(PolicyFiles files) {
        Result result = check(files);
        if (result.hasErrors()) {
            throw new RoutingPolicyException(files.location(), result.problems());
        }
        return result.policy();
    }

    /** Reads the policy in {@code files}, collecting problems instead of throwing. */
    public static Result check(PolicyFiles files) {
        PolicyReader reader = new PolicyReader(files);
        RoutingPolicy policy = reader.readAll();
        boolean failed = reader.problems.stream().anyMatch(PolicyProblem::isError);
        return new Result(failed ? null : policy, inFileOrder(reader.problems), List.copyOf(reader.defaulted));
    }

    /** The problems by file (in the order files were read) and line; a stable sort keeps each line's in the order found. */
    private static List<PolicyProblem> inFileOrder(List<PolicyProblem> problems) {
        List<String> files = problems.stream().map(PolicyProblem::file).distinct().toList();
        List<PolicyProblem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.<PolicyProblem>comparingInt(p -> files.indexOf(p.file()))
                .thenComparingInt(PolicyProblem::line));
        return List.copyOf(sorted);
    }

    private RoutingPolicy readAll() {
        for (String stranger : files.strangers()) {
            problems.add(PolicyProblem.warning(stranger, 0, "not part of a routing policy, so not read; a policy folder holds "
                    + String.join(", ", PolicyFiles.NAMES) + suggestion(stranger, PolicyFiles.NAMES)));
        }
        PriorityScale scale = readPriorities(table(PolicyFiles.PRIORITIES, PRIORITY_COLUMNS, false));
        if (scale == null) {
            scale = defaultScaleForChecking();
        }
        RoutingTable routing = readRouting(table(PolicyFiles.ROUTING, ROUTING_COLUMNS, true), scale);
        List<KeywordFallback> keywords = readKeywords(table(PolicyFiles.KEYWORDS, KEYWORD_COLUMNS, false));
        List<EscalationCue> escalations = readEscalations(table(PolicyFiles.ESCALATION, ESCALATION_COLUMNS, true), scale);
        ReviewQueue review = readReview(table(PolicyFiles.REVIEW, REVIEW_COLUMNS, false));
        List<PolicyProblem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        return new RoutingPolicy(files.location(), scale, routing, keywords, escalations, review, warnings);
    }

    /** The scale the other files are checked against when priorities.csv itself has errors: one error is enough. */
    private static PriorityScale defaultScaleForChecking() {
        List<Duration> day = PriorityScale.DEFAULT_LABELS.stream().map(label -> Duration.ofDays(1)).toList();
        List<Map<String, String>> none = PriorityScale.DEFAULT_LABELS.stream().map(label -> Map.<String, String>of()).toList();
        return new PriorityScale(PriorityScale.DEFAULT_LABELS, day, none, "Medium");
    }

    // ---------------------------------------------------------------------------------------------------------
    // One CSV file: its header checked, its records with their line numbers
    // ---------------------------------------------------------------------------------------------------------

    /** A policy file's rows, with the header's extra columns; null when the file could not be parsed at all. */
    private record Table(String file, List<String> header, int headerLine, List<Row> rows) {
    }

    /** One record and the line it starts on. */
    private record Row(int line, Map<String, String> cells, boolean consistent, int size) {
        String get(String column) {
            String value = cells.get(column);
            return value == null ? "" : value;
        }
    }

    /**
     * Reads file {@code name}, from the policy or else from the bundled default, and checks its header against
     * {@code required}. Extra columns are refused unless {@code extraColumns} (the caller checks them then).
     */
    private Table table(String name, List<String> required, boolean extraColumns) {
        Optional<byte[]> bytes;
        String display = files.displayName(name);
        try {
            bytes = files.read(name);
            if (bytes.isEmpty()) {
                defaulted.add(name);
                display = name + " (bundled default)";
                bytes = PolicyFiles.bundled().read(name);
            }
        } catch (IOException e) {
            problems.add(PolicyProblem.error(display, 0, "cannot be read: " + e.getMessage()));
            return null;
        }
        if (bytes.isEmpty()) {
            problems.add(PolicyProblem.error(display, 0, "is missing from the bundled default: a broken build"));
            return null;
        }
        if (bytes.get().length > PolicyFiles.MAX_FILE_BYTES) {
            problems.add(PolicyProblem.error(display, 0, "is larger than " + PolicyFiles.MAX_FILE_BYTES + " bytes"));
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.get())).toString();
        } catch (CharacterCodingException e) {
            problems.add(PolicyProblem.error(display, 0, "is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in spreadsheets)"));
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(display, text, required, extraColumns);
    }

    private Table parse(String file, String text, List<String> required, boolean extraColumns) {
        int[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        List<String> header;
        int headerLine = headerLine(text);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            if (header.isEmpty()) {
                problems.add(PolicyProblem.error(file, 0, "is empty: the first line must be the header "
                        + String.join(",", required)));
                return null;
            }
            List<String> missing = required.stream().filter(column -> !header.contains(column)).toList();
            if (!missing.isEmpty()) {
                problems.add(PolicyProblem.error(file, headerLine, "the header lacks " + String.join(", ", missing)
                        + "; it must start with " + String.join(",", required)));
                return null;
            }
            if (!extraColumns) {
                for (String column : header) {
                    if (!required.contains(column) && !column.startsWith(OUTPUT_MARKER)) {
                        problems.add(PolicyProblem.error(file, headerLine, "unknown column '" + column + "'; the columns are "
                                + String.join(", ", required) + suggestion(column, required)));
                    }
                }
            }
            for (CSVRecord record : parser) {
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                    cells.put(header.get(i), record.get(i));
                }
                rows.add(new Row(recordLine(text, lineStarts, record.getCharacterPosition()), cells, record.size() == header.size(),
                        record.size()));
            }
        } catch (IOException | RuntimeException e) {
            // Commons CSV reports a malformed file (an unclosed quote, a repeated header) as an unchecked exception.
            problems.add(PolicyProblem.error(file, 0, "is not valid CSV: " + e.getMessage()));
            return null;
        }
        List<Row> consistent = new ArrayList<>();
        for (Row row : rows) {
            if (row.consistent()) {
                consistent.add(row);
            } else {
                problems.add(PolicyProblem.error(file, row.line(), "has " + row.size() + " fields where the header has "
                        + header.size() + " (quote a cell that holds a comma)"));
            }
        }
        return new Table(file, header, headerLine, consistent);
    }

    /** The line of the header: after leading comment lines and blank lines. */
    private static int headerLine(String text) {
        int line = 1;
        for (String l : text.lines().toList()) {
            String stripped = l.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                return line;
            }
            line++;
        }
        return 1;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The line a record's data starts on. Commons CSV counts a record from the comment lines above it, so those
     * (and blank lines) are skipped.
     */
    private static int recordLine(String text, int[] lineStarts, long position) {
        int line = lineOf(lineStarts, position);
        while (line < lineStarts.length) {
            int start = lineStarts[line - 1];
            int end = lineStarts[line] - 1;
            String content = text.substring(start, end).strip();
            if (!content.isEmpty() && !content.startsWith("#")) {
                break;
            }
            line++;
        }
        return line;
    }

    private static int lineOf(int[] lineStarts, long position) {
        int found = Arrays.binarySearch(lineStarts, (int) position);
        return (found >= 0 ? found : -found - 2) + 1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // priorities.csv
    // ---------------------------------------------------------------------------------------------------------

    private PriorityScale readPriorities(Table table) {
        if (table == null) {
            return null;
        }
        int errorsBefore = errorCount();
        List<String> labels = new ArrayList<>();
        List<Duration> firstResponses = new ArrayList<>();
        List<Map<String, String>> outputs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String defaultPriority = null;
        int defaultLine = 0;
        List<String> outputColumns = outputColumns(table);
        for (Row row : table.rows()) {
            String label = row.get("priority");
            if (label.isEmpty() || label.equals(ANY)) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "a priority needs a name (not blank, not *)"));
                continue;
            }
            Integer earlier = seen.putIfAbsent(PriorityScale.key(label), row.line());
            if (earlier != null) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "priority '" + label + "' is a duplicate of line " + earlier));
                continue;
            }
            Duration firstResponse = duration(table.file(), row, "first_response", true);
            String isDefault = row.get("default").toLowerCase(Locale.ROOT);
            if (isDefault.equals("yes") || isDefault.equals("true")) {
                if (defaultPriority != null) {
                    problems.add(PolicyProblem.error(table.file(), row.line(), "a second default priority; line "
                            + defaultLine + " is the default already"));
                }
                defaultPriority = label;
                defaultLine = row.line();
            } else if (!isDefault.isEmpty() && !isDefault.equals("no") && !isDefault.equals("false")) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "default must be yes or blank, was '" + row.get("default") + "'"));
            }
            labels.add(label);
            firstResponses.add(firstResponse);
            outputs.add(outputs(row, outputColumns));
        }
        if (labels.isEmpty()) {
            problems.add(PolicyProblem.error(table.file(), 0, "lists no priority; list them lowest first, one per line"));
        } else if (defaultPriority == null) {
            problems.add(PolicyProblem.error(table.file(), 0, "marks no default priority; write yes in the default column of one row"));
        }
        return errorCount() > errorsBefore ? null : new PriorityScale(labels, firstResponses, outputs, defaultPriority);
    }

    // ---------------------------------------------------------------------------------------------------------
    // routing.csv
    // ---------------------------------------------------------------------------------------------------------

    private RoutingTable readRouting(Table table, PriorityScale scale) {
        if (table == null) {
            return new RoutingTable(List.of());
        }
        List<String> conditionColumns = conditionColumns(table, "a condition column is named after a ticket attribute ("
                + String.join(", ", ATTRIBUTE_COLUMNS) + "); an output column's name starts with " + OUTPUT_MARKER, ROUTING_COLUMNS);
        List<String> outputColumns = outputColumns(table);
        List<RouteRow> rows = new ArrayList<>();
        for (Row row : table.rows()) {
            int errorsBefore = errorCount();
            String category = row.get("category");
            if (category.isEmpty()) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "category is blank; write a category or *"));
            }
            String priority = priority(table.file(), row, "priority", scale, true);
            String team = required(table.file(), row, "team");
            String queue = required(table.file(), row, "queue");
            Duration firstResponse = duration(table.file(), row, "first_response", true);
            Conditions conditions = conditions(row, conditionColumns);
            String floor = outputColumns.contains(OUTPUT_MARKER + PRIORITY_FLOOR)
                    ? priority(table.file(), row, OUTPUT_MARKER + PRIORITY_FLOOR, scale, false) : null;
            Map<String, String> outputs = new LinkedHashMap<>(outputs(row, outputColumns));
            outputs.remove(PRIORITY_FLOOR);
            if (errorCount() > errorsBefore) {
                continue;
            }
            RouteRow parsed = new RouteRow(table.file(), row.line(), category.equals(ANY) ? null : category,
                    priority, conditions, team, queue, firstResponse, floor, outputs);
            if (!reportUnreachable(table.file(), parsed, rows)) {
                rows.add(parsed);
            }
        }
        if (rows.isEmpty() && errorCount() == 0) {
            problems.add(PolicyProblem.warning(table.file(), 0, "routes nothing: every ticket goes to the review queue"));
        }
        return new RoutingTable(rows);
    }

    /** Reports a row that an earlier row makes unreachable (first match wins); true when it did. */
    private boolean reportUnreachable(String file, RouteRow row, List<RouteRow> earlier) {
        for (RouteRow before : earlier) {
            if (before.sameConditions(row)) {
                problems.add(PolicyProblem.error(file, row.line(), "duplicate of line " + before.line()
                        + ": the same category, priority and conditions; the first row wins, so this one never matches"));
                return true;
            }
            if (row.isShadowedBy(before)) {
                problems.add(PolicyProblem.error(file, row.line(), "can never match: line " + before.line()
                        + " comes first and matches every ticket this row matches (rows are tried top to bottom;"
                        + " move the more specific row up)"));
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // keywords.csv
    // ---------------------------------------------------------------------------------------------------------

    private List<KeywordFallback> readKeywords(Table table) {
        if (table == null) {
            return List.of();
        }
        List<KeywordFallback> keywords = new ArrayList<>();
        for (Row row : table.rows()) {
            String category = row.get("category");
            if (category.isEmpty() || category.equals(ANY)) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "a keyword fallback needs a category (not blank, not *)"));
                continue;
            }
            CueList phrases = phrases(table.file(), row, true);
            if (phrases != null) {
                keywords.add(new KeywordFallback(category, phrases, row.line()));
            }
        }
        return keywords;
    }

    // ---------------------------------------------------------------------------------------------------------
    // escalation.csv
    // ---------------------------------------------------------------------------------------------------------

    private List<EscalationCue> readEscalations(Table table, PriorityScale scale) {
        if (table == null) {
            return List.of();
        }
        List<String> conditionColumns = conditionColumns(table, "a condition column is named after a ticket attribute ("
                + String.join(", ", ATTRIBUTE_COLUMNS) + ")", ESCALATION_COLUMNS);
        for (String column : table.header()) {
            if (column.startsWith(OUTPUT_MARKER)) {
                problems.add(PolicyProblem.error(table.file(), table.headerLine(), "output columns (" + column
                        + ") belong in the routing table; a cue's outputs are priority, team, queue and first_response"));
            }
        }
        Map<String, Row> byName = new LinkedHashMap<>();
        Map<String, List<String>> requiresByName = new HashMap<>();
        List<EscalationCue> parsed = new ArrayList<>();
        for (Row row : table.rows()) {
            int errorsBefore = errorCount();
            String name = row.get("cue");
            if (name.isEmpty()) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "a cue needs a name; reasons say 'Escalate <name>'"));
                continue;
            }
            Row earlier = byName.putIfAbsent(PriorityScale.key(name), row);
            if (earlier != null) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "cue '" + name + "' is a duplicate of line " + earlier.line()));
                continue;
            }
            CueList phrases = row.get("phrases").isEmpty() ? null : phrases(table.file(), row, false);
            List<String> requires = row.get("requires").isEmpty() ? List.of()
                    : Arrays.stream(row.get("requires").split("\\|")).map(String::strip).toList();
            Conditions conditions = conditions(row, conditionColumns);
            String floor = priority(table.file(), row, "priority", scale, false);
            String team = row.get("team").isEmpty() ? null : row.get("team");
            String queue = row.get("queue").isEmpty() ? null : row.get("queue");
            if ((team == null) != (queue == null)) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "team and queue go together: give both or neither"));
            }
            Duration firstResponse = duration(table.file(), row, "first_response", false);
            if (row.get("phrases").isEmpty() && requires.isEmpty() && conditions.isEmpty()) {
                problems.add(PolicyProblem.error(table.file(), row.line(), "cue '" + name
                        + "' has no condition and would escalate every ticket; give phrases, requires or an attribute"));
            }
            if (errorCount() > errorsBefore) {
                continue;
            }
            if (floor == null && team == null && firstResponse == null) {
                problems.add(PolicyProblem.warning(table.file(), row.line(), "cue '" + name
                        + "' does nothing when it matches (no priority, team or first_response); it is only listed in reasons"));
            }
            requiresByName.put(PriorityScale.key(name), requires);
            parsed.add(new EscalationCue(name, phrases, requires, conditions, floor, team, queue, firstResponse, row.line()));
        }
        List<EscalationCue> resolved = new ArrayList<>();
        for (EscalationCue cue : parsed) {
            List<String> closure = closure(table.file(), cue, byName, requiresByName);
            if (closure != null) {
                resolved.add(new EscalationCue(cue.name(), cue.phrases(), closure, cue.conditions(), cue.priorityFloor(),
                        cue.team(), cue.queue(), cue.firstResponse(), cue.line()));
            }
        }
        return resolved.size() == parsed.size() ? resolved : List.of();
    }

    /** Every cue {@code cue} requires, directly or not, by name; null (and an error) for an unknown name or a cycle. */
    private List<String> closure(String file, EscalationCue cue, Map<String, Row> byName, Map<String, List<String>> requiresByName) {
        Set<String> found = new LinkedHashSet<>();
        List<String> path = new ArrayList<>();
        return visit(file, cue, PriorityScale.key(cue.name()), byName, requiresByName, found, path) ? List.copyOf(found) : null;
    }

    private boolean visit(String file, EscalationCue cue, String key, Map<String, Row> byName,
                          Map<String, List<String>> requiresByName, Set<String> found, List<String> path) {
        path.add(key);
        for (String required : requiresByName.getOrDefault(key, List.of())) {
            String requiredKey = PriorityScale.key(required);
            if (!byName.containsKey(requiredKey)) {
                problems.add(PolicyProblem.error(file, cue.line(), "cue '" + cue.name() + "' requires '" + required
                        + "', which is not a cue in this file" + suggestion(required, byName.values().stream().map(r -> r.get("cue")).toList())));
                return false;
            }
            if (path.contains(requiredKey)) {
                problems.add(PolicyProblem.error(file, cue.line(), "cue '" + cue.name() + "' requires itself through "
                        + String.join(" -> ", path) + " -> " + requiredKey));
                return false;
            }
            if (!requiresByName.containsKey(requiredKey)) {
                continue; // the required cue has errors of its own, reported on its line
            }
            if (found.add(byName.get(requiredKey).get("cue"))
                    && !visit(file, cue, requiredKey, byName, requiresByName, found, path)) {
                return false;
            }
        }
        path.remove(path.size() - 1);
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // review.csv
    // ---------------------------------------------------------------------------------------------------------

    private ReviewQueue readReview(Table table) {
        ReviewQueue fallback = new ReviewQueue("Support Triage", "triage-review", null);
        if (table == null) {
            return fallback;
        }
        if (table.rows().size() != 1) {
            problems.add(PolicyProblem.error(table.file(), 0, "must hold exactly one row under its header, holds " + table.rows().size()));
            return fallback;
        }
        Row row = table.rows().get(0);
        String team = required(table.file(), row, "team");
        String queue = required(table.file(), row, "queue");
        Duration firstResponse = duration(table.file(), row, "first_response", false);
        return new ReviewQueue(team, queue, firstResponse);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cells
    // ---------------------------------------------------------------------------------------------------------

    private String required(String file, Row row, String column) {
        String value = row.get(column);
        if (value.isEmpty() || value.equals(ANY)) {
            problems.add(PolicyProblem.error(file, row.line(), column + " is blank; every row names one"));
            return null;
        }
        return value;
    }

    /** A priority of the scale, in its spelling; {@code *} is null when {@code anyAllowed}, blank is null when not. */
    private String priority(String file, Row row, String column, PriorityScale scale, boolean anyAllowed) {
        String value = row.get(column);
        if (anyAllowed ? value.equals(ANY) : value.isEmpty()) {
            return null;
        }
        Optional<String> canonical = scale.canonical(value);
        if (canonical.isEmpty()) {
            problems.add(PolicyProblem.error(file, row.line(), "unknown priority '" + value + "' in " + column + "; the scale is "
                    + String.join(", ", scale.labels()) + (anyAllowed ? ", or * for any" : "")));
            return null;
        }
        return canonical.get();
    }

    private Duration duration(String file, Row row, String column, boolean required) {
        String value = row.get(column);
        if (value.isEmpty()) {
            if (required) {
                problems.add(PolicyProblem.error(file, row.line(), column + " is blank; give an ISO-8601 duration such as PT15M, PT4H or P3D"));
            }
            return null;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                problems.add(PolicyProblem.error(file, row.line(), column + " '" + value + "' must be longer than zero"));
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            problems.add(PolicyProblem.error(file, row.line(), column + " '" + value
                    + "' is not an ISO-8601 duration; write minutes, hours or days: PT15M, PT4H, P3D, P1DT12H"));
            return null;
        }
    }

    private CueList phrases(String file, Row row, boolean required) {
        String value = row.get("phrases");
        if (value.isEmpty()) {
            if (required) {
                problems.add(PolicyProblem.error(file, row.line(), "phrases is blank; list phrases separated by |"));
            }
            return null;
        }
        try {
            return CueList.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(PolicyProblem.error(file, row.line(), "phrases: " + e.getMessage()));
            return null;
        }
    }

    /** The header's attribute condition columns; any other column that is neither required nor an output is an error. */
    private List<String> conditionColumns(Table table, String hint, List<String> required) {
        List<String> conditions = new ArrayList<>();
        for (String column : table.header()) {
            if (required.contains(column) || column.startsWith(OUTPUT_MARKER)) {
                continue;
            }
            if (ATTRIBUTE_COLUMNS.contains(column)) {
                conditions.add(column);
            } else {
                List<String> known = new ArrayList<>(ATTRIBUTE_COLUMNS);
                known.addAll(required);
                problems.add(PolicyProblem.error(table.file(), table.headerLine(), "unknown column '" + column + "': " + hint
                        + suggestion(column, known)));
            }
        }
        return conditions;
    }

    private List<String> outputColumns(Table table) {
        List<String> outputs = new ArrayList<>();
        for (String column : table.header()) {
            if (column.startsWith(OUTPUT_MARKER)) {
                String name = column.substring(OUTPUT_MARKER.length());
                if (!name.matches("[a-z0-9_]+")) {
                    problems.add(PolicyProblem.error(table.file(), table.headerLine(), "output column '" + column
                            + "': after " + OUTPUT_MARKER + " write a name of lower-case letters, digits and _"));
                } else {
                    outputs.add(column);
                }
            }
        }
        return outputs;
    }

    private static Conditions conditions(Row row, List<String> columns) {
        Map<String, String> required = new HashMap<>();
        for (String column : columns) {
            String value = row.get(column);
            if (!value.isEmpty() && !value.equals(ANY)) {
                required.put(column, value.toLowerCase(Locale.ROOT));
            }
        }
        return required.isEmpty() ? Conditions.ANY : new Conditions(required);
    }

    private static Map<String, String> outputs(Row row, List<String> columns) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String column : columns) {
            String value = row.get(column);
            if (!value.isEmpty()) {
                outputs.put(column.substring(OUTPUT_MARKER.length()), value);
            }
        }
        return outputs;
    }

    private int errorCount() {
        return (int) problems.stream().filter(PolicyProblem::isError).count();
    }

    /** {@code " (did you mean tier?)"} when a known name is within two edits of {@code name}, else empty. */
    static String suggestion(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
