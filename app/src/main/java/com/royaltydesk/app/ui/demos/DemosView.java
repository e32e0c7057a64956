package com.royaltydesk.app.ui.demos;

import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.app.verify.PageVerifier;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.web.WebView;
import netscape.javascript.JSObject;

/**
 * The demo pages, live in a WebView against the connected platform. WebView has no Web Crypto, so
 * once a page loads the view hands it the app's verifier as {@code window.rdkVerifier}; the pages
 * say which verifier answered.
 */
public final class DemosView extends BorderPane {

    /** Held here: the WebView keeps only a weak reference to objects given to JavaScript. */
    private final PageVerifier verifier = new PageVerifier();

    private final WebView web = new WebView();

    public DemosView(DemosViewModel viewModel, DialogService dialogs, Consumer<String> openInBrowser) {
        setId("page-demos");
        ListView<DemoPage> pages = new ListView<>(FXCollections.observableList(viewModel.pages()));
        pages.setId("demo-pages");
        pages.setPrefWidth(220);
        pages.getSelectionModel().select(viewModel.selectedProperty().get());
        pages.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });

        web.setId("demo-web");
        web.getEngine().getLoadWorker().stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                ((JSObject) web.getEngine().executeScript("window")).setMember("rdkVerifier", verifier);
            }
        });
        viewModel
                .pageUrlProperty()
                .addListener((obs, old, url) -> web.getEngine().load(url));
        // The page is built the first time it is opened, possibly after the address was set.
        String url = viewModel.pageUrlProperty().get();
        if (url != null && !url.isEmpty()) {
            web.getEngine().load(url);
        }

        Button browser = new Button("Open in browser");
        browser.setOnAction(e -> openInBrowser.accept(viewModel.urlProperty().get()));
        browser.disableProperty().bind(viewModel.urlProperty().isEmpty());
        Button export = new Button("Export demo folder…");
        export.setId("export-demos");
        export.setOnAction(e -> dialogs.chooseFolder(getScene().getWindow(), "Export demo pages to")
                .ifPresent(folder -> dialogs.askAddress(
                                getScene().getWindow(),
                                "The platform the pages call",
                                "The address of the platform these pages will call once hosted (they call it from"
                                        + " the reader's browser):",
                                viewModel.platformAddress())
                        .ifPresent(api -> viewModel.exportTo(folder, api))));
        Label message = new Label();
        message.setId("demo-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        Label address = new Label();
        address.setId("demo-address");
        address.getStyleClass().add("muted");
        address.textProperty().bind(viewModel.urlProperty());
        // Buttons keep their full labels; the address gives way (it is also in the tooltip).
        browser.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        address.setMinWidth(0);
        address.tooltipProperty()
                .bind(javafx.beans.binding.Bindings.createObjectBinding(
                        () -> new Tooltip(viewModel.urlProperty().get()), viewModel.urlProperty()));
        HBox.setHgrow(address, Priority.ALWAYS);
        HBox bar = new HBox(8, browser, export, address, message);
        bar.setPadding(new Insets(0, 0, 12, 0));

        setTop(bar);
        setLeft(pages);
        BorderPane.setMargin(web, new Insets(0, 0, 0, 12));
        setCenter(web);
    }
}
