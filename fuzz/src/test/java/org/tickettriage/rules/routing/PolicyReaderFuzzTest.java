package org.tickettriage.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.rules.DroolsRouter;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.RoutingRequest;
import org.tickettriage.rules.TicketAttributes;

/**
 * Routing policy files as a team might break them: every set of files is either refused with problems that say
 * where, or read into a policy that routes a ticket to a complete decision on its own scale. Never an exception,
 * a hang or an out-of-memory error.
 */
class PolicyReaderFuzzTest {

    @MethodSource("bundledFiles")
    @DictionaryEntries({"category,priority,team,queue,first_response", "priority,first_response,default",
            "cue,phrases,requires,priority,team,queue,first_response", "team,queue,first_response", "category,phrases",
            ",language", ",tier", ",tags", ",set:priority_floor", ",set:zendesk_group_id", "*", "yes", "PT4H", "P3D",
            "PT15M", "#", "|", "Low", "Critical", "enterprise", "de"})
    @FuzzTest
    void everyPolicyIsReadOrRefusedWithItsProblems(byte[] routing, byte[] priorities, byte[] escalation, byte[] keywords,
                                                   byte[] review, String category, String text) {
        Map<String, byte[]> files = new java.util.HashMap<>();
        put(files, PolicyFiles.ROUTING, routing);
        put(files, PolicyFiles.PRIORITIES, priorities);
        put(files, PolicyFiles.ESCALATION, escalation);
        put(files, PolicyFiles.KEYWORDS, keywords);
        put(files, PolicyFiles.REVIEW, review);

        PolicyReader.Result result = PolicyReader.check(new InMemory(files));

        if (result.hasErrors()) {
            assertThat(result.policy()).isNull();
            assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
            return;
        }
        RoutingPolicy policy = result.policy();
        try (DroolsRouter router = DroolsRouter.create(policy)) {
            String safeText = text == null ? "" : text;
            RoutingDecision decision = router.route(new RoutingRequest("fuzz", safeText, safeText,
                    category == null || category.isBlank() ? null : category, 0.9, null, null, 0.5,
                    new TicketAttributes("acme", "enterprise", "email", "de", Set.of("vip"))));
            assertThat(policy.priorities().rank(decision.priority())).isNotNegative();
            assertThat(decision.team()).isNotBlank();
            assertThat(decision.queue()).isNotBlank();
            assertThat(decision.firstResponseTarget()).isPositive();
        }
    }

    static Stream<Arguments> bundledFiles() throws IOException {
        PolicyFiles bundled = PolicyFiles.bundled();
        return Stream.of(Arguments.of(
                bundled.read(PolicyFiles.ROUTING).orElseThrow(), bundled.read(PolicyFiles.PRIORITIES).orElseThrow(),
                bundled.read(PolicyFiles.ESCALATION).orElseThrow(), bundled.read(PolicyFiles.KEYWORDS).orElseThrow(),
                bundled.read(PolicyFiles.REVIEW).orElseThrow(), "Bug Report", "Production is down, data loss"));
    }

    private static void put(Map<String, byte[]> files, String name, byte[] bytes) {
        if (bytes != null) {
            files.put(name, bytes);
        }
    }

    /** Policy files held in memory; a null input is an absent file, so the bundled default's applies. */
    private record InMemory(Map<String, byte[]> files) implements PolicyFiles {
        @Override
        public String location() {
            return "fuzz";
        }

        @Override
        public Optional<byte[]> read(String name) {
            return Optional.ofNullable(files.get(name));
        }
    }
}
