package org.tickettriage.training.generate;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TicketGeneratorTest {

    private static final TemplateCatalog TEMPLATES = TemplateCatalog.loadDefault();
    private static final GeneratorSettings DEFAULTS = GeneratorSettings.defaults(42);
    /** 50,000 tickets with the defaults, generated once: the statistical tests share them. */
    private static List<SyntheticTicket> defaultDataset;

    private static synchronized List<SyntheticTicket> defaultDataset() {
        if (defaultDataset == null) {
            defaultDataset = generate(DEFAULTS, 50_000);
        }
        return defaultDataset;
    }

    private static List<SyntheticTicket> generate(GeneratorSettings settings, int rows) {
        return new TicketGenerator(TEMPLATES, settings).generate(rows);
    }

    private static byte[] csv(GeneratorSettings settings, int rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             DatasetWriter dataset = new DatasetWriter(writer)) {
            new TicketGenerator(TEMPLATES, settings).generate(rows, dataset::write);
        }
        return bytes.toByteArray();
    }

    private static double share(List<SyntheticTicket> tickets, Predicate<SyntheticTicket> test) {
        return tickets.stream().filter(test).count() / (double) tickets.size();
    }

    @Test
    void theSameSeedAndSettingsGiveByteIdenticalFiles() throws IOException {
        assertThat(csv(DEFAULTS, 2_000)).isEqualTo(csv(DEFAULTS, 2_000));
    }

    @Test
    void differentSeedsGiveDifferentDatasets() throws IOException {
        List<SyntheticTicket> first = generate(DEFAULTS, 500);
        List<SyntheticTicket> second = generate(DEFAULTS.withSeed(43), 500);

        assertThat(csv(DEFAULTS, 500)).isNotEqualTo(csv(DEFAULTS.withSeed(43), 500));
        long sameDescriptions = java.util.stream.IntStream.range(0, 500)
                .filter(i -> first.get(i).description().equals(second.get(i).description())).count();
        assertThat(sameDescriptions).isLessThan(5);
    }

    @Test
    void theOutputDoesNotDependOnTheDefaultLocaleOrTimeZone() throws IOException {
        byte[] reference = csv(DEFAULTS, 1_000);
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            // German formats 1,5 and 1.200; Kolkata is not a whole hour from UTC.
            Locale.setDefault(Locale.GERMANY);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            assertThat(csv(DEFAULTS, 1_000)).isEqualTo(reference);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void aRowDoesNotDependOnHowManyRowsAreGenerated() {
        List<SyntheticTicket> small = generate(DEFAULTS, 100);
        List<SyntheticTicket> large = generate(DEFAULTS, 1_000);

        for (int i = 0; i < small.size(); i++) {
            assertThat(large.get(i).description()).isEqualTo(small.get(i).description());
            assertThat(large.get(i).category()).isEqualTo(small.get(i).category());
        }
    }

    @Test
    void everyTicketFollowsTheSeedSchema() {
        List<SyntheticTicket> tickets = generate(DEFAULTS, 5_000);

        for (int i = 0; i < tickets.size(); i++) {
            SyntheticTicket ticket = tickets.get(i);
            assertThat(ticket.ticketId()).isEqualTo(i + 1);
            assertThat(ticket.subject()).isNotBlank().doesNotContain("\n", "{", "}", "[", "]");
            assertThat(ticket.description()).isNotBlank().doesNotContain("{", "}", "[", "]", "null");
            assertThat(ticket.category()).isNotNull();
            assertThat(ticket.priority()).isNotNull();
        }
        assertThat(tickets).extracting(SyntheticTicket::category).containsOnly(Category.values());
        assertThat(tickets).extracting(SyntheticTicket::priority).containsOnly(Priority.values());
    }

    @Test
    void atLeast95PercentOf50000DescriptionsAreDistinct() {
        List<SyntheticTicket> tickets = defaultDataset();

        Set<String> distinct = tickets.stream().map(SyntheticTicket::description).collect(Collectors.toSet());

        assertThat(distinct.size()).isGreaterThanOrEqualTo(47_500);
    }

    @Test
    void theDefaultCategoryMixIsRealisticNotUniform() {
        List<SyntheticTicket> tickets = defaultDataset();

        assertThat(share(tickets, t -> t.trueCategory() == Category.TECHNICAL_ISSUE)).isCloseTo(0.28, within(0.01));
        assertThat(share(tickets, t -> t.trueCategory() == Category.BUG_REPORT)).isCloseTo(0.24, within(0.01));
        assertThat(share(tickets, t -> t.trueCategory() == Category.BILLING_INQUIRY)).isCloseTo(0.20, within(0.01));
        assertThat(share(tickets, t -> t.trueCategory() == Category.ACCOUNT_MANAGEMENT)).isCloseTo(0.16, within(0.01));
        assertThat(share(tickets, t -> t.trueCategory() == Category.FEATURE_REQUEST)).isCloseTo(0.12, within(0.01));
    }

    @Test
    void aConfiguredCategoryMixIsFollowed() {
        Map<Category, Double> mix = new EnumMap<>(Category.class);
        mix.put(Category.BUG_REPORT, 3.0);
        mix.put(Category.BILLING_INQUIRY, 1.0);
        List<SyntheticTicket> tickets = generate(DEFAULTS.withLabelNoise(0).withCategoryMix(mix), 8_000);

        assertThat(share(tickets, t -> t.category() == Category.BUG_REPORT)).isCloseTo(0.75, within(0.02));
        assertThat(share(tickets, t -> t.category() == Category.BILLING_INQUIRY)).isCloseTo(0.25, within(0.02));
    }

    @Test
    void labelNoiseFlipsAboutTheConfiguredShareOfCategories() {
        List<SyntheticTicket> noisy = generate(DEFAULTS.withLabelNoise(0.10), 10_000);
        List<SyntheticTicket> clean = generate(DEFAULTS.withLabelNoise(0), 5_000);

        assertThat(share(noisy, SyntheticTicket::labelFlipped)).isCloseTo(0.10, within(0.012));
        assertThat(share(clean, SyntheticTicket::labelFlipped)).isZero();
        // A flipped label names another category, whichever one.
        assertThat(noisy.stream().filter(SyntheticTicket::labelFlipped).map(SyntheticTicket::category).distinct())
                .containsExactlyInAnyOrder(Category.values());
        assertThat(share(defaultDataset(), SyntheticTicket::labelFlipped)).isCloseTo(0.03, within(0.004));
    }

    @Test
    void confusableTicketsShareTheirTextAcrossCategories() {
        List<SyntheticTicket> tickets = defaultDataset();

        Map<Category, Long> billingPageErrors = tickets.stream()
                .filter(t -> t.description().contains("on the billing page I get error"))
                .collect(Collectors.groupingBy(SyntheticTicket::trueCategory, Collectors.counting()));
        Map<Category, Long> lockedAfterPayment = tickets.stream()
                .filter(t -> t.description().contains("went through, our account was locked"))
                .collect(Collectors.groupingBy(SyntheticTicket::trueCategory, Collectors.counting()));

        assertThat(billingPageErrors).containsKeys(Category.BUG_REPORT, Category.BILLING_INQUIRY);
        assertThat(lockedAfterPayment).containsKeys(Category.ACCOUNT_MANAGEMENT, Category.BILLING_INQUIRY);
        assertThat(share(tickets, t -> t.kind() == SyntheticTicket.Kind.CONFUSABLE)).isCloseTo(0.12, within(0.01));
        assertThat(share(tickets, t -> t.kind() == SyntheticTicket.Kind.VAGUE)).isCloseTo(0.03, within(0.005));
    }

    @Test
    void priorityFollowsTheCuesInTheTextWithNoise() {
        List<SyntheticTicket> tickets = defaultDataset();
        Predicate<SyntheticTicket> urgent = t -> t.priority().compareTo(Priority.HIGH) >= 0;

        List<SyntheticTicket> productionDown = tickets.stream()
                .filter(t -> t.description().toLowerCase(Locale.ROOT).contains("production is down")).toList();
        List<SyntheticTicket> noRush = tickets.stream()
                .filter(t -> t.description().toLowerCase(Locale.ROOT).contains("no rush")).toList();

        assertThat(productionDown).hasSizeGreaterThan(50);
        assertThat(share(productionDown, urgent)).isGreaterThan(0.9);
        assertThat(share(productionDown, t -> t.priority() == Priority.CRITICAL)).isGreaterThan(0.7);
        assertThat(noRush).hasSizeGreaterThan(50);
        assertThat(share(noRush, urgent)).isLessThan(0.1);
        // Noise: cues make a priority likely, not certain.
        assertThat(share(productionDown, t -> t.priority() != Priority.CRITICAL)).isGreaterThan(0.02);
    }

    @Test
    void featureRequestsAreMostlyLowOrMediumPriority() {
        List<SyntheticTicket> tickets = defaultDataset();
        List<SyntheticTicket> features = tickets.stream()
                .filter(t -> t.trueCategory() == Category.FEATURE_REQUEST).toList();
        List<SyntheticTicket> technical = tickets.stream()
                .filter(t -> t.trueCategory() == Category.TECHNICAL_ISSUE).toList();
        Predicate<SyntheticTicket> lowOrMedium = t -> t.priority().compareTo(Priority.MEDIUM) <= 0;

        assertThat(share(features, lowOrMedium)).isGreaterThan(0.75);
        assertThat(share(technical, lowOrMedium)).isLessThan(0.6);
    }

    @Test
    void typosAndCasingSlipsAppearAtTheConfiguredRate() {
        List<SyntheticTicket> clean = generate(DEFAULTS.withTextNoise(0, 0), 3_000);
        List<SyntheticTicket> sloppy = generate(DEFAULTS.withTextNoise(0.05, 0.2), 3_000);
        Predicate<SyntheticTicket> shoutedSubject =
                t -> t.subject().chars().anyMatch(Character::isLetter) && t.subject().equals(t.subject().toUpperCase(Locale.ROOT));

        // The same seed gives the same text before noise, so every changed word is a typo.
        long words = 0;
        long misspelt = 0;
        for (int i = 0; i < clean.size(); i++) {
            String[] before = clean.get(i).description().split("[^\\p{L}]+");
            String[] after = sloppy.get(i).description().toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
            assertThat(after).hasSameSizeAs(before);
            for (int w = 0; w < before.length; w++) {
                if (before[w].length() >= 4) {
                    words++;
                    misspelt += before[w].toLowerCase(Locale.ROOT).equals(after[w]) ? 0 : 1;
                }
            }
        }
        // Slightly under the rate: swapping two equal letters changes nothing.
        assertThat(misspelt / (double) words).isCloseTo(0.05, within(0.006));
        assertThat(share(clean, shoutedSubject)).isLessThan(0.01);
        assertThat(share(sloppy, shoutedSubject)).isBetween(0.15, 0.45);
        assertThat(share(sloppy, t -> t.description().equals(t.description().toLowerCase(Locale.ROOT))))
                .isCloseTo(0.2, within(0.03));
    }

    @Test
    void timestampsStayInsideTheWindowAndFavourWeekdaysAndBusinessHours() {
        List<SyntheticTicket> tickets = defaultDataset();
        List<ZonedDateTime> times = tickets.stream().map(t -> t.timestamp().atZone(ZoneOffset.UTC)).toList();

        assertThat(tickets).allSatisfy(t -> {
            assertThat(t.timestamp()).isBetween(GeneratorSettings.DEFAULT_START, GeneratorSettings.DEFAULT_END);
            assertThat(t.timestamp().getEpochSecond() % 60).isZero();
        });
        assertThat(tickets).extracting(SyntheticTicket::timestamp).isSorted();
        double weekend = times.stream().filter(t -> t.getDayOfWeek().compareTo(DayOfWeek.SATURDAY) >= 0).count()
                / (double) times.size();
        double businessHours = times.stream().filter(t -> t.getHour() >= 8 && t.getHour() < 18).count()
                / (double) times.size();
        // Uniform times would give 2/7 = 0.29 weekend and 10/24 = 0.42 business hours.
        assertThat(weekend).isBetween(0.03, 0.12);
        assertThat(businessHours).isBetween(0.65, 0.9);
        Set<Integer> months = new HashSet<>();
        times.forEach(t -> months.add(t.getMonthValue()));
        assertThat(months).hasSize(12);
    }

    @Test
    void aWindowThatDoesNotStartAtMidnightIsRespected() {
        Instant start = Instant.parse("2024-02-28T13:30:00Z");
        Instant end = Instant.parse("2024-03-01T09:15:30Z");

        List<SyntheticTicket> tickets = generate(DEFAULTS.withWindow(start, end), 2_000);

        assertThat(tickets).allSatisfy(t -> assertThat(t.timestamp()).isBetween(start, end));
        assertThat(tickets).anySatisfy(t -> assertThat(t.timestamp()).isAfter(Instant.parse("2024-02-29T00:00:00Z")));
    }

    @Test
    void derivedSubjectsAreTheFirstWordsOfTheProblem() {
        assertThat(TicketGenerator.subjectFrom("When I click 'Save' on the dashboard, nothing happens."))
                .isEqualTo("When I click 'Save' on the dashboard");
        assertThat(TicketGenerator.subjectFrom("We were charged twice for our March subscription and the April one."))
                .isEqualTo("We were charged twice for our March subscription and...");
        assertThat(TicketGenerator.subjectFrom("SDK version 4.2.1 throws a TLS error."))
                .isEqualTo("SDK version 4.2.1 throws a TLS error");
    }
}
