package com.royaltydesk.app.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class NewestOnlyTest {

    private final NewestOnly newest = new NewestOnly();
    private final List<String> shown = new ArrayList<>();
    private final Consumer<String> show = shown::add;

    @Test
    void ask_olderAnswerArrivingLast_dropped() {
        Consumer<String> october = newest.ask(show);
        Consumer<String> november = newest.ask(show);

        november.accept("november");
        october.accept("october");

        assertThat(shown).containsExactly("november");
    }

    @Test
    void followUp_ofTheNewestRequest_passes_butNotAfterANewRequest() {
        newest.ask(show).accept("page 1");
        Consumer<String> page2 = newest.followUp(show);
        page2.accept("page 2");

        Consumer<String> staleNextPage = newest.followUp(show);
        newest.ask(show).accept("page 1 after a refresh");
        staleNextPage.accept("page 3 of the old list");

        assertThat(shown).containsExactly("page 1", "page 2", "page 1 after a refresh");
    }
}
