package com.royaltydesk.app;

import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.ui.shell.Section;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * One page of the main window, all in one place (#17): its section in the sidebar, its view (built
 * when the page is first opened), what it does when the app connects to a session, and how it
 * shows the platform as it is now when opened again. Adding a page is one of these in {@link App}.
 */
record Page(Section section, Supplier<? extends Node> view, Consumer<Session> connect, Runnable refresh) {

    /** For pages that hold nothing that changes behind the user's back. */
    static final Runnable NOTHING_TO_REFRESH = () -> {};

    /** The views by section, as the main window builds them. */
    static Map<Section, Supplier<? extends Node>> views(List<Page> pages) {
        Map<Section, Supplier<? extends Node>> views = new LinkedHashMap<>();
        pages.forEach(page -> views.put(page.section(), page.view()));
        return views;
    }
}
