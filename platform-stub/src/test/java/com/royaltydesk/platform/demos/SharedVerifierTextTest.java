package com.royaltydesk.platform.demos;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two verify pages each carry the verifier (single files you can copy); a fix made in one and
 * not the other would leave a page that trusts what the other refuses.
 */
@Tag(NoDatabase.TAG)
class SharedVerifierTextTest {

    private static final String START = "// ==== shared verifier";
    private static final String END = "// ==== end of shared verifier ====";

    private static String block(String page) throws Exception {
        Path demos = Path.of(System.getProperty("demos.dir", "../demos"))
                .toAbsolutePath()
                .normalize();
        String text = Files.readString(demos.resolve(page));
        int from = text.indexOf(START);
        int to = text.indexOf(END);
        assertThat(from).as(page + " has the shared verifier").isNotNegative();
        assertThat(to).isGreaterThan(from);
        return text.substring(from, to);
    }

    @Test
    void verifyPages_carryTheSameVerifierWordForWord() throws Exception {
        assertThat(block("demo-verify.html")).isEqualTo(block("demo-bundle-verify.html"));
    }
}
