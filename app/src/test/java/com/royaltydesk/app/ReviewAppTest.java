package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command lines open the reviewer's desk, and what they ask of it. */
class ReviewAppTest {

    @Test
    void asked_byTheReviewCommandOrABundleFile_notByTheAppsOwnOptions() {
        assertThat(ReviewDesk.asked(List.of("review"))).isTrue();
        assertThat(ReviewDesk.asked(List.of("/home/r/Downloads/receipt.bundle.json")))
                .isTrue();
        assertThat(ReviewDesk.asked(List.of("--data-dir", "/tmp/d", "--smoke-test", "x.bundle.json")))
                .isTrue();
        assertThat(ReviewDesk.asked(List.of("C:\\Users\\r\\case-7.rdkbundle"))).isTrue(); // a Windows double-click
        assertThat(ReviewDesk.asked(List.of())).isFalse();
        assertThat(ReviewDesk.asked(List.of("--data-dir", "/tmp/d", "--smoke-test")))
                .isFalse();
        assertThat(ReviewDesk.asked(List.of("verify", "--json"))).isFalse();
    }

    @Test
    void parse_filesOptionsAndSmokeTest() {
        ReviewApp.Request request = ReviewApp.parse(
                List.of("review", "--data-dir", "/tmp/reviewer", "a.bundle.json", "--smoke-test", "b.json"), Map.of());

        assertThat(request.dataDir()).isEqualTo(Path.of("/tmp/reviewer"));
        assertThat(request.files()).containsExactly(Path.of("a.bundle.json"), Path.of("b.json"));
        assertThat(request.smokeTest()).isTrue();
    }

    @Test
    void parse_unknownOption_refusedWithTheReviewUsage() {
        assertThatThrownBy(() -> ReviewApp.parse(List.of("review", "--trust", "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("royalty-desk review");
    }
}
