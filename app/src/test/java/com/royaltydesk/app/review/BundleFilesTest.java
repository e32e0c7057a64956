package com.royaltydesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Both names a bundle goes by open it; exports are offered under the name the OS associates. */
class BundleFilesTest {

    @Test
    void isBundleName_bothNamesAndAnyJson_caseBlind() {
        assertThat(BundleFiles.isBundleName("C:\\Users\\r\\Downloads\\case-7.RDKBUNDLE"))
                .isTrue();
        assertThat(BundleFiles.isBundleName("/home/r/case-7.rdkbundle")).isTrue();
        assertThat(BundleFiles.isBundleName("/home/r/case-7.bundle.json")).isTrue();
        assertThat(BundleFiles.isBundleName("receipt.json")).isTrue();
        assertThat(BundleFiles.isBundleName("dataset.tar")).isFalse();
        assertThat(BundleFiles.isBundleName("rdkbundle")).isFalse();
    }

    @Test
    void stem_dropsWhicheverNameItHas() {
        assertThat(BundleFiles.stem(Path.of("/r/case-7.bundle.json"))).isEqualTo("case-7");
        assertThat(BundleFiles.stem(Path.of("/r/case-7.rdkbundle"))).isEqualTo("case-7");
        assertThat(BundleFiles.stem(Path.of("/r/case-7.json"))).isEqualTo("case-7");
        assertThat(BundleFiles.stem(Path.of("/r/case-7"))).isEqualTo("case-7");
    }

    @Test
    void suggestedName_theOneTheInstallerAssociatesOnThisOs() {
        assertThat(BundleFiles.suggestedName("receipt", "Windows 11")).isEqualTo("receipt.rdkbundle");
        assertThat(BundleFiles.suggestedName("receipt", "Mac OS X")).isEqualTo("receipt.rdkbundle");
        assertThat(BundleFiles.suggestedName("receipt", "Linux")).isEqualTo("receipt.bundle.json");
    }
}
