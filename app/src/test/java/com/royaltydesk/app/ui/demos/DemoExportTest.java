package com.royaltydesk.app.ui.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An exported demo page names the platform it calls; a bad address is refused before anything is written. */
class DemoExportTest {

    @Test
    void callingApi_metaRightAfterTheCharset_escaped() {
        String page = "<!doctype html>\n<html><head><meta charset=\"utf-8\">\n<title>x</title>";

        String exported = DemoExport.callingApi(page, "https://api.example.com/a\"b");

        assertThat(exported)
                .contains(
                        "<meta charset=\"utf-8\">\n<meta name=\"rdk-api\" content=\"https://api.example.com/a&quot;b\">")
                .endsWith("<title>x</title>");
    }

    @Test
    void checkedAddress_httpOrHttpsWithAHost_noQuery_noTrailingSlash() {
        assertThat(DemoExport.checkedAddress(" https://api.example.com/ ")).isEqualTo("https://api.example.com");
        assertThat(DemoExport.checkedAddress("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> DemoExport.checkedAddress("ftp://api.example.com"))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> DemoExport.checkedAddress("https://api.example.com/?x=1"))
                .hasMessageContaining("no ?query");
        assertThatThrownBy(() -> DemoExport.checkedAddress("https:///nohost")).hasMessageContaining("host");
    }

    @Test
    void callingApi_pageWithoutCharset_refused() {
        assertThatThrownBy(() -> DemoExport.callingApi("<html>", "https://a.example"))
                .isInstanceOf(IllegalStateException.class);
    }
}
