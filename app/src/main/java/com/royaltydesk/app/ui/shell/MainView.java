package com.royaltydesk.app.ui.shell;

import com.royaltydesk.app.ui.status.PlatformStatus;
import com.royaltydesk.app.ui.status.StatusBarView;
import com.royaltydesk.app.ui.status.StatusBarViewModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The main window's content: sidebar on the left, the selected page, the status bar below. */
public final class MainView extends BorderPane {

    private final Map<Section, Supplier<? extends Node>> builders = new EnumMap<>(Section.class);
    private final Map<Section, Node> pages = new EnumMap<>(Section.class);
    private final StackPane content = new StackPane();

    /**
     * {@code builders} make each section's page the first time it is shown: a page not opened
     * costs nothing at start (the Demos page's WebView alone takes about a second to create).
     */
    public MainView(MainViewModel viewModel, Map<Section, Supplier<? extends Node>> builders) {
        for (Section section : viewModel.sections()) {
            if (!builders.containsKey(section)) {
                throw new IllegalArgumentException("no page for " + section);
            }
        }
        this.builders.putAll(builders);
        getStyleClass().add("main-view");
        setLeft(sidebar(viewModel));
        content.getStyleClass().add("page-area");
        VBox center = new VBox(failureBanner(viewModel.statusBar()), rebuiltBanner(viewModel.statusBar()), content);
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        setCenter(center);
        setBottom(new StatusBarView(viewModel.statusBar()));

        viewModel.selectedSectionProperty().addListener((obs, old, now) -> show(now));
        show(viewModel.selectedSectionProperty().get());
    }

    /**
     * When the bundled platform could not start, its whole message — what happened and what to do,
     * which the status bar would cut off — stands above every page.
     */
    private static Label failureBanner(StatusBarViewModel statusBar) {
        Label banner = new Label();
        banner.setId("platform-failure");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().add("failure-banner");
        banner.textProperty().bind(statusBar.messageProperty());
        banner.visibleProperty().bind(statusBar.statusProperty().isEqualTo(PlatformStatus.FAILED_TO_START));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /**
     * When the bundled platform rebuilt a damaged database at start, what it put back and what the
     * user should check stand above every page until they say they have read it.
     */
    private static VBox rebuiltBanner(StatusBarViewModel statusBar) {
        Label words = new Label();
        words.setId("platform-rebuilt");
        words.setWrapText(true);
        words.setMaxWidth(Double.MAX_VALUE);
        words.textProperty().bind(statusBar.rebuiltProperty());
        Button dismiss = new Button("I have read this");
        dismiss.setId("platform-rebuilt-dismiss");
        dismiss.setOnAction(e -> statusBar.dismissRebuilt());
        // A VBox, not an HBox: an HBox gives a wrapping label one line's height and cuts the rest.
        VBox banner = new VBox(8, words, dismiss);
        // The page below grows; without this the banner is shrunk to one line of its words.
        words.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        banner.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        banner.getStyleClass().add("notice-banner");
        banner.visibleProperty().bind(statusBar.rebuiltProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private VBox sidebar(MainViewModel viewModel) {
        Label brand = new Label("Royalty Desk");
        brand.getStyleClass().add("brand");

        ListView<Section> list = new ListView<>(FXCollections.observableList(viewModel.sections()));
        list.setId("sidebar");
        list.getStyleClass().add("sidebar-list");
        // One tooltip for the list: a tooltip per cell cost start-up time for little more.
        List<Section> sections = viewModel.sections();
        KeyCombination first = KeyboardShortcuts.opening(sections.get(0));
        KeyCombination last = KeyboardShortcuts.opening(sections.get(sections.size() - 1));
        list.setTooltip(new Tooltip(first.getDisplayText() + " … " + last.getDisplayText()
                + " open these pages in order; F5 loads the shown page again"));
        list.getSelectionModel().select(viewModel.selectedSectionProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.select(now);
            }
        });
        viewModel
                .selectedSectionProperty()
                .addListener((obs, old, now) -> list.getSelectionModel().select(now));

        VBox sidebar = new VBox(brand, list);
        sidebar.getStyleClass().add("sidebar");
        VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
        return sidebar;
    }

    private void show(Section section) {
        Node page = pages.computeIfAbsent(section, shown -> builders.get(shown).get());
        content.getChildren().setAll(page);
    }
}
