package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tickettriage.training.data.LabeledTicket;

class GroupedStratifiedSplitTest {

    private static List<LabeledTicket> tickets() {
        List<LabeledTicket> tickets = new ArrayList<>();
        long row = 1;
        for (String label : List.of("A", "B", "C")) {
            int n = label.equals("A") ? 100 : 50;
            for (int i = 0; i < n; i++) {
                // Every description appears twice (e.g. the same template with another subject), once in upper case.
                String description = label + " description " + (i / 2);
                tickets.add(new LabeledTicket(row++, "subject " + i, i % 2 == 0 ? description : description.toUpperCase(),
                        label, null));
            }
        }
        return tickets;
    }

    @Test
    void neverPutsTheSameDescriptionOnBothSides() {
        GroupedStratifiedSplit.Parts parts = GroupedStratifiedSplit.split(tickets(), 0.2, 7, LabeledTicket::label);

        Set<String> train = parts.first().stream().map(GroupedStratifiedSplit::groupKey).collect(Collectors.toSet());
        assertThat(parts.second()).noneMatch(t -> train.contains(GroupedStratifiedSplit.groupKey(t)));
        assertThat(parts.first().size() + parts.second().size()).isEqualTo(200);
    }

    @Test
    void crossValidationHoldsOutEveryTicketExactlyOnceAndNeverSplitsADescription() {
        List<LabeledTicket> tickets = tickets();

        List<GroupedStratifiedSplit.Parts> folds = GroupedStratifiedSplit.folds(tickets, 5, 7, LabeledTicket::label);

        assertThat(folds).hasSize(5);
        assertThat(folds.stream().flatMap(f -> f.second().stream()).toList()).containsExactlyInAnyOrderElementsOf(tickets);
        for (GroupedStratifiedSplit.Parts fold : folds) {
            assertThat(fold.first().size() + fold.second().size()).isEqualTo(tickets.size());
            java.util.Set<String> held = new java.util.HashSet<>();
            fold.second().forEach(t -> held.add(GroupedStratifiedSplit.groupKey(t)));
            assertThat(fold.first()).noneMatch(t -> held.contains(GroupedStratifiedSplit.groupKey(t)));
            assertThat(fold.second().size()).isBetween(tickets.size() / 5 - 3, tickets.size() / 5 + 3);
        }
    }

    @Test
    void holdsOutAboutTheFractionOfEachLabel() {
        GroupedStratifiedSplit.Parts parts = GroupedStratifiedSplit.split(tickets(), 0.2, 7, LabeledTicket::label);

        assertThat(parts.second().stream().filter(t -> t.label().equals("A")).count()).isEqualTo(20);
        assertThat(parts.second().stream().filter(t -> t.label().equals("B")).count()).isEqualTo(10);
        assertThat(parts.second().stream().filter(t -> t.label().equals("C")).count()).isEqualTo(10);
    }

    @Test
    void isDeterministicForASeedAndVariesWithIt() {
        List<LabeledTicket> tickets = tickets();

        GroupedStratifiedSplit.Parts first = GroupedStratifiedSplit.split(tickets, 0.2, 7, LabeledTicket::label);
        GroupedStratifiedSplit.Parts again = GroupedStratifiedSplit.split(tickets, 0.2, 7, LabeledTicket::label);
        GroupedStratifiedSplit.Parts other = GroupedStratifiedSplit.split(tickets, 0.2, 8, LabeledTicket::label);

        assertThat(again).isEqualTo(first);
        assertThat(other.second()).isNotEqualTo(first.second());
    }

    @Test
    void keepsALabelWithASingleDescriptionInTraining() {
        List<LabeledTicket> tickets = new ArrayList<>(tickets());
        tickets.add(new LabeledTicket(999, "s", "lonely", "D", null));

        GroupedStratifiedSplit.Parts parts = GroupedStratifiedSplit.split(tickets, 0.2, 7, LabeledTicket::label);

        assertThat(parts.first()).anyMatch(t -> t.label().equals("D"));
        assertThat(parts.second()).noneMatch(t -> t.label().equals("D"));
    }
}
