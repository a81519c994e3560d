package org.tickettriage.training.generate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateCatalogTest {

    private static final TemplateCatalog TEMPLATES = TemplateCatalog.loadDefault();

    @Test
    void everyCategoryHasManyProblemsSubjectsAndDetails() {
        for (Category category : Category.values()) {
            TemplateCatalog.CategoryParts parts = TEMPLATES.categories.get(category);
            assertThat(parts.problems()).as(category.label()).hasSizeGreaterThanOrEqualTo(30);
            assertThat(parts.subjects()).as(category.label()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(parts.details()).as(category.label()).hasSizeGreaterThanOrEqualTo(10);
        }
        assertThat(TEMPLATES.confusables).hasSizeGreaterThanOrEqualTo(10);
        assertThat(TEMPLATES.vagueSubjects).contains("Question", "Help needed", "Urgent!!");
    }

    @Test
    void everyTemplateExpandsToPlainText() {
        TemplateExpander expander = new TemplateExpander(TEMPLATES.slots, TEMPLATES.perTicket);
        Random random = new Random(1);

        for (String template : TEMPLATES.allTemplates()) {
            for (int i = 0; i < 20; i++) {
                Map<String, String> bindings = new HashMap<>(Map.of(TemplateExpander.SUBJECT, "Subject"));
                String text = expander.expand(template, random, bindings);
                assertThat(text).as(template).isNotBlank().doesNotContain("{", "}", "[", "]");
            }
        }
    }

    @Test
    void alternativesAndNumberedSlotsAreDrawnIndependently() {
        TemplateExpander expander = new TemplateExpander(Map.of("plan", List.of("Pro", "Team", "Free", "Business")));
        Random random = new Random(3);

        List<String> texts = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> expander.expand("[From|Moving from] {plan} to {plan2}[ please|]", random)).toList();

        assertThat(texts).allMatch(t -> t.matches("(From|Moving from) (Pro|Team|Free|Business) to "
                + "(Pro|Team|Free|Business)( please)?"));
        assertThat(texts).anyMatch(t -> t.startsWith("Moving")).anyMatch(t -> t.endsWith("please"))
                .anyMatch(t -> !t.endsWith("please"));
        assertThat(texts).anyMatch(t -> {
            String[] words = t.replace("Moving from", "From").replace(" please", "").split(" ");
            return !words[1].equals(words[3]);
        });
    }

    @Test
    void perTicketSlotsKeepTheirValueWithinOneTicketOnly() {
        TemplateExpander expander = new TemplateExpander(
                Map.of("plan", List.of("Pro", "Team", "Free", "Business", "Starter", "Growth")), Set.of("plan"));
        Random random = new Random(11);

        Map<String, String> ticket = new HashMap<>();
        String first = expander.expand("{plan}", random, ticket);
        List<String> later = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> expander.expand("{plan}", random, ticket)).toList();
        List<String> otherTickets = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> expander.expand("{plan}", random, new HashMap<>())).toList();

        assertThat(later).containsOnly(first);
        assertThat(ticket).containsEntry("plan", first);
        assertThat(new java.util.HashSet<>(otherTickets)).hasSizeGreaterThan(1);
    }

    @Test
    void malformedTemplatesAreRejectedWithTheTemplateNamed() {
        TemplateExpander expander = new TemplateExpander(Map.of("plan", List.of("Pro")));

        assertThatThrownBy(() -> expander.checkAll(List.of("Upgrade to {plna}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown slot {plna}");
        assertThatThrownBy(() -> expander.checkAll(List.of("[a|b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed '['");
        assertThatThrownBy(() -> expander.checkAll(List.of("a]b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stray ']'");
    }

    @Test
    void typosKeepTheFirstLetterAndChangeEveryLongWordAtRateOne() {
        Random random = new Random(5);
        String text = "Invoice download fails, see error 500.";

        String noisy = TextNoise.typos(text, 1.0, random);

        String[] before = text.split("[^\\p{L}]+");
        String[] after = noisy.split("[^\\p{L}]+");
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i].charAt(0)).isEqualTo(before[i].charAt(0));
            if (before[i].length() >= 4 && !before[i].equals("fails") && !before[i].equals("error")) {
                assertThat(after[i]).isNotEqualTo(before[i]);
            }
            assertThat(Math.abs(after[i].length() - before[i].length())).isLessThanOrEqualTo(1);
        }
        assertThat(noisy).endsWith(" 500.");
        assertThat(TextNoise.typos(text, 0.0, random)).isEqualTo(text);
    }
}
