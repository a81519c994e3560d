package org.tickettriage.rules;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What is known about a ticket besides its text, for routing: the customer's organization and plan tier, the
 * channel it came by, its language and its tags. Every value is optional; the service validates them at the
 * boundary and this record keeps them lower-cased, so that routing conditions compare without regard to case.
 *
 * <p>The requester's address is not here: it is personal data, and no routing condition may name a person.
 *
 * @param organization the customer's organization, or null
 * @param tier         the customer's plan ({@code enterprise}, {@code free}, ...), or null
 * @param channel      how the ticket arrived ({@code email}, {@code web}, {@code chat}, ...), or null
 * @param language     an ISO 639-1 code, or null
 * @param tags         the ticket's tags, lower-cased, never null
 */
public record TicketAttributes(String organization, String tier, String channel, String language, Set<String> tags) {

    /** The names of the attributes a routing condition may test, as routing-policy columns spell them. */
    public static final Set<String> NAMES = Set.of("organization", "tier", "channel", "language", "tags");

    /** No attributes at all: every condition other than {@code *} fails. */
    public static final TicketAttributes NONE = new TicketAttributes(null, null, null, null, Set.of());

    public TicketAttributes {
        organization = normalize(organization);
        tier = normalize(tier);
        channel = normalize(channel);
        language = normalize(language);
        tags = tags == null ? Set.of() : lowerCased(tags);
    }

    /**
     * The value of the single-valued attribute {@code name} ({@code organization}, {@code tier}, {@code channel},
     * {@code language}), lower-cased, or null when absent.
     */
    public String value(String name) {
        return switch (name) {
            case "organization" -> organization;
            case "tier" -> tier;
            case "channel" -> channel;
            case "language" -> language;
            default -> throw new IllegalArgumentException("not a single-valued ticket attribute: " + name);
        };
    }

    /** These attributes with {@code language} (a detected language, when the client sent none). */
    public TicketAttributes withLanguage(String language) {
        return new TicketAttributes(organization, tier, channel, language, tags);
    }

    /** Whether the ticket has the tag {@code tag}, which must be lower-case. */
    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    private static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lowerCased(Collection<String> tags) {
        Set<String> lower = new LinkedHashSet<>();
        for (String tag : tags) {
            String normalized = normalize(tag);
            if (normalized != null) {
                lower.add(normalized);
            }
        }
        return Set.copyOf(lower);
    }

    @Override
    public String toString() {
        // Organization names can identify a customer: counts only.
        return "TicketAttributes[tier=" + tier + ", channel=" + channel + ", language=" + language
                + ", organization " + (organization == null ? "absent" : "present") + ", " + tags.size() + " tags]";
    }
}
