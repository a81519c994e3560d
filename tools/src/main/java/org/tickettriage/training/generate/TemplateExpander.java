package org.tickettriage.training.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Expands a template: {@code {slot}} becomes a value of that slot, {@code [a|b]} one of its alternatives.
 * Slots are either lists from the catalog (whose values may hold templates themselves) or generated here
 * (versions, error codes, amounts, invoice numbers, dates, ...), which is what makes most descriptions unique.
 * A trailing digit asks for another, independent value of the same slot: {@code {plan2}}. Per-ticket slots keep
 * their first value in every later use within the same bindings, so a ticket talks about one plan and one browser.
 */
final class TemplateExpander {

    /** The value of {@code {subject}} inside a subject mark; supplied by the caller. */
    static final String SUBJECT = "subject";

    private static final Set<String> GENERATED = Set.of(
            "version", "error_code", "http_status", "amount", "currency", "invoice", "date", "month", "weekday", "year",
            "time", "n", "n_small", "n_users", "percent", "minutes", "email", "vat", "po", "promo", "card_last4",
            "ticket_ref", "account_id", "order_id", SUBJECT);
    private static final int MAX_DEPTH = 6;

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] HTTP_STATUSES = {400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504};
    private static final int[] PRICES = {9, 12, 15, 19, 25, 29, 39, 49, 59, 79, 99, 120, 149, 199, 249, 299, 399, 499,
        599, 799, 990, 1200, 1490, 2400, 4800};
    private static final int[] USER_COUNTS = {3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 80, 100, 120, 150,
        200, 250, 300, 400, 500, 750, 1200, 2000};
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK"};
    private static final String[] CURRENCY_PREFIXES = {"$", "€", "£", "USD ", "EUR ", "CAD ", "AUD "};
    private static final String[] PROMO_WORDS = {"SPRING", "WELCOME", "NONPROFIT", "ANNUAL", "SUMMER", "PARTNER",
        "LAUNCH", "EDU", "STARTUP", "LOYAL"};
    private static final String[] EMAIL_DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com"};

    private final Map<String, List<String>> lists;
    private final Set<String> perTicket;

    /** An expander with no per-ticket slots. */
    TemplateExpander(Map<String, List<String>> lists) {
        this(lists, Set.of());
    }

    /**
     * An expander whose {@code perTicket} slots keep one value per bindings map.
     *
     * @throws IllegalArgumentException if a per-ticket slot does not exist
     */
    TemplateExpander(Map<String, List<String>> lists, Set<String> perTicket) {
        this.lists = lists;
        this.perTicket = Set.copyOf(perTicket);
        for (String slot : perTicket) {
            if (!GENERATED.contains(slot) && !lists.containsKey(slot)) {
                throw new IllegalArgumentException("templates: unknown per-ticket slot '" + slot + "'");
            }
        }
    }

    /** The template with every slot and alternative resolved, every slot drawn afresh. */
    String expand(String template, Random random) {
        return expand(template, random, new HashMap<>());
    }

    /**
     * The template expanded within one ticket's {@code bindings}: per-ticket slots reuse and record their values
     * there, and {@code {subject}} stands for the binding {@value #SUBJECT}.
     */
    String expand(String template, Random random, Map<String, String> bindings) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        expandInto(template, random, bindings, out, 0);
        return out.toString();
    }

    /**
     * Checks that every template parses and names only known slots.
     *
     * @throws IllegalArgumentException naming the first bad template
     */
    void checkAll(Collection<String> templates) {
        for (String template : templates) {
            check(template, template);
        }
    }

    private void check(String template, String whole) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("templates: unclosed '{' in: " + whole);
                }
                String slot = baseName(template.substring(i + 1, close));
                if (!GENERATED.contains(slot) && !lists.containsKey(slot)) {
                    throw new IllegalArgumentException("templates: unknown slot {" + slot + "} in: " + whole);
                }
                i = close;
            } else if (c == '[') {
                int close = matchingBracket(template, i);
                if (close < 0) {
                    throw new IllegalArgumentException("templates: unclosed '[' in: " + whole);
                }
                for (String alternative : alternatives(template.substring(i + 1, close))) {
                    check(alternative, whole);
                }
                i = close;
            } else if (c == ']' || c == '}') {
                throw new IllegalArgumentException("templates: stray '" + c + "' in: " + whole);
            }
        }
    }

    private void expandInto(String template, Random random, Map<String, String> bindings, StringBuilder out,
                            int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("templates nest deeper than " + MAX_DEPTH + " levels: " + template);
        }
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                out.append(slotValue(template.substring(i + 1, close), random, bindings, depth));
                i = close;
            } else if (c == '[') {
                int close = matchingBracket(template, i);
                expandInto(pick(alternatives(template.substring(i + 1, close)), random), random, bindings, out,
                        depth + 1);
                i = close;
            } else {
                out.append(c);
            }
        }
    }

    private String slotValue(String name, Random random, Map<String, String> bindings, int depth) {
        String slot = baseName(name);
        if (slot.equals(SUBJECT)) {
            String subject = bindings.get(SUBJECT);
            if (subject == null) {
                throw new IllegalStateException("{subject} used outside a subject mark");
            }
            return subject;
        }
        boolean bound = perTicket.contains(slot);
        if (bound && bindings.containsKey(name)) {
            return bindings.get(name);
        }
        String value;
        if (GENERATED.contains(slot)) {
            value = generated(slot, random, bindings, depth);
        } else {
            StringBuilder nested = new StringBuilder();
            expandInto(pick(lists.get(slot), random), random, bindings, nested, depth + 1);
            value = nested.toString();
        }
        if (bound) {
            bindings.put(name, value);
        }
        return value;
    }

    /** {@code plan2} → {@code plan}: the digit only asks for an independent draw ({@code card_last4} is a name). */
    private String baseName(String slot) {
        if (GENERATED.contains(slot) || lists.containsKey(slot)) {
            return slot;
        }
        int end = slot.length();
        while (end > 1 && Character.isDigit(slot.charAt(end - 1))) {
            end--;
        }
        return slot.substring(0, end);
    }

    private static int matchingBracket(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '[') {
                depth++;
            } else if (text.charAt(i) == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits on the '|' that are not inside nested brackets. */
    private static List<String> alternatives(String inside) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(inside.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(inside.substring(from));
        return parts;
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    private static int between(Random random, int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private static String digits(Random random, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private String generated(String slot, Random random, Map<String, String> bindings, int depth) {
        return switch (slot) {
            case "version" -> random.nextInt(4) == 0
                    ? between(random, 1, 6) + "." + between(random, 0, 24)
                    : between(random, 1, 6) + "." + between(random, 0, 24) + "." + between(random, 0, 9);
            case "error_code" -> switch (random.nextInt(6)) {
                case 0 -> "ERR-" + digits(random, 4);
                case 1 -> "E" + between(random, 1000, 9999);
                case 2 -> "error " + HTTP_STATUSES[random.nextInt(HTTP_STATUSES.length)];
                case 3 -> "0x8007" + Integer.toHexString(0x1000 + random.nextInt(0xF000)).toUpperCase(Locale.ROOT);
                case 4 -> "code " + digits(random, 5);
                default -> "HTTP " + HTTP_STATUSES[random.nextInt(HTTP_STATUSES.length)];
            };
            case "http_status" -> Integer.toString(HTTP_STATUSES[random.nextInt(HTTP_STATUSES.length)]);
            case "amount" -> amount(random);
            case "currency" -> pick(CURRENCIES, random);
            case "invoice" -> switch (random.nextInt(3)) {
                case 0 -> "INV-" + between(random, 2023, 2025) + "-" + digits(random, 5);
                case 1 -> "#" + between(random, 100000, 999999);
                default -> "INV" + between(random, 1000000, 9999999);
            };
            case "date" -> date(random);
            case "month" -> pick(MONTHS, random);
            case "weekday" -> WEEKDAYS[random.nextInt(10) < 9 ? random.nextInt(5) : 5 + random.nextInt(2)];
            case "year" -> Integer.toString(between(random, 2016, 2025));
            case "time" -> time(random);
            case "n" -> Integer.toString(between(random, 20, 5000));
            case "n_small" -> Integer.toString(between(random, 2, 9));
            case "n_users" -> Integer.toString(USER_COUNTS[random.nextInt(USER_COUNTS.length)]);
            case "percent" -> Integer.toString(between(random, 10, 99));
            case "minutes" -> Integer.toString(between(random, 2, 59));
            case "email" -> email(random, bindings, depth);
            case "vat" -> switch (random.nextInt(4)) {
                case 0 -> "GB" + digits(random, 9);
                case 1 -> "DE" + digits(random, 9);
                case 2 -> "FR" + digits(random, 11);
                default -> "NL" + digits(random, 9) + "B01";
            };
            case "po" -> random.nextBoolean() ? "PO-" + digits(random, 6) : "4500" + digits(random, 6);
            case "promo" -> pick(PROMO_WORDS, random) + (5 * between(random, 1, 10));
            case "card_last4" -> digits(random, 4);
            case "ticket_ref" -> random.nextBoolean() ? "#" + between(random, 10000, 999999)
                    : "TCK-" + between(random, 1000, 99999);
            case "account_id" -> random.nextBoolean() ? "acc_" + Long.toHexString(random.nextLong() >>> 32)
                    : Integer.toString(between(random, 1000000, 9999999));
            case "order_id" -> "ORD-" + digits(random, 6);
            default -> throw new IllegalStateException("no generator for slot {" + slot + "}");
        };
    }

    private static String amount(Random random) {
        int whole = PRICES[random.nextInt(PRICES.length)];
        int cents = switch (random.nextInt(4)) {
            case 0 -> 99;
            case 1 -> random.nextInt(100);
            default -> 0;
        };
        // Locale.ROOT: the same digits, grouping and decimal point on every machine.
        return pick(CURRENCY_PREFIXES, random) + String.format(Locale.ROOT, "%,d.%02d", whole, cents);
    }

    private static String date(Random random) {
        int month = random.nextInt(12);
        int day = between(random, 1, DAYS_IN_MONTH[month]);
        return switch (random.nextInt(5)) {
            case 0 -> MONTHS[month] + " " + day;
            case 1 -> day + " " + MONTHS[month];
            case 2 -> String.format(Locale.ROOT, "2025-%02d-%02d", month + 1, day);
            case 3 -> String.format(Locale.ROOT, "%02d/%02d/2025", month + 1, day);
            default -> MONTHS[month].substring(0, 3) + " " + day;
        };
    }

    private static String time(Random random) {
        int hour = between(random, 7, 19);
        return switch (random.nextInt(3)) {
            case 0 -> String.format(Locale.ROOT, "%d:%02d", hour, 5 * random.nextInt(12));
            case 1 -> (hour > 12 ? hour - 12 : hour) + (hour >= 12 ? "pm" : "am");
            default -> String.format(Locale.ROOT, "%02d:%02d", hour, random.nextInt(60));
        };
    }

    /** The ticket's signer at the ticket's company (or a webmail address), as far as those are known. */
    private String email(Random random, Map<String, String> bindings, int depth) {
        String first = ascii(nameSlot("first_name", "alex", random, bindings, depth));
        String last = ascii(nameSlot("last_name", "doe", random, bindings, depth));
        String domain = random.nextInt(4) == 0 ? pick(EMAIL_DOMAINS, random)
                : ascii(nameSlot("company", "example", random, bindings, depth)) + ".com";
        return switch (random.nextInt(3)) {
            case 0 -> first + "." + last + "@" + domain;
            case 1 -> first.charAt(0) + last + "@" + domain;
            default -> first + "@" + domain;
        };
    }

    private String nameSlot(String slot, String fallback, Random random, Map<String, String> bindings, int depth) {
        return lists.containsKey(slot) ? slotValue(slot, random, bindings, depth + 1) : fallback;
    }

    /** Lower-case letters and digits only: "José Núñez" → "josenunez", as a mail system would have it. */
    private static String ascii(String text) {
        // Ł and ø have no decomposition, so they are mapped by hand before the accents are dropped.
        String mapped = text.toLowerCase(Locale.ROOT).replace('ł', 'l').replace('ø', 'o');
        String stripped = Normalizer.normalize(mapped, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replaceAll("[^a-z0-9]", "");
    }
}
