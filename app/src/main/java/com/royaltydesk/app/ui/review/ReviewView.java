package com.royaltydesk.app.ui.review;

import com.royaltydesk.app.review.BundleFiles;
import com.royaltydesk.app.review.ReviewWords;
import com.royaltydesk.app.review.ReviewedBundle;
import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.ReceiptStatus;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Review window's content: the opened bundles on the left, one verdict each; the selected one on
 * the right — the verdict first and large, in words, then what the receipt states, who vouches for
 * it, where it is in the log, the comparison with the reviewer's own file, and every check,
 * expandable. Bundles dropped anywhere on it are opened.
 */
public final class ReviewView extends BorderPane {

    private final ReviewViewModel viewModel;
    private final DialogService dialogs;
    private final Label verdict = wrapping("");
    private final Label meaning = wrapping("");
    private final Label statement = wrapping("");
    private final Label platform = wrapping("");
    private final Label log = wrapping("");
    private final Label consistency = wrapping("");
    private final Label comparison = wrapping("");
    private final VBox checks = new VBox(4);
    private final TitledPane checksPane = new TitledPane("Every check", checks);
    private final VBox verdictBox = new VBox(6, verdict, meaning);
    private final VBox detail = new VBox(8);
    private final Label empty = wrapping(
            "Open a receipt bundle (.bundle.json or .rdkbundle) to check it on this computer — or drop bundles here.");

    public ReviewView(ReviewViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        getStyleClass().add("review-view");
        setTop(toolbar());
        setLeft(bundleList());
        setCenter(detailPane());
        setBottom(statusLine());
        setOnDragOver(this::acceptFiles);
        setOnDragDropped(this::openDropped);
        viewModel.selectedProperty().addListener((obs, old, now) -> show(now));
        show(viewModel.selectedProperty().get());
    }

    private ToolBar toolbar() {
        Button open = new Button("_Open bundles…");
        open.setId("review-open");
        open.setOnAction(
                e -> viewModel.open(dialogs.chooseBundlesToOpen(getScene().getWindow())));
        MenuItem fromFile = new MenuItem("From a trust-root file…");
        fromFile.setId("trust-from-file");
        fromFile.setOnAction(
                e -> dialogs.chooseTrustRootToOpen(getScene().getWindow()).ifPresent(viewModel::offerTrustFromFile));
        MenuItem fromAddress = new MenuItem("From the platform's address…");
        fromAddress.setId("trust-from-address");
        fromAddress.setOnAction(e -> dialogs.askAddress(
                        getScene().getWindow(),
                        "Trust a platform",
                        "The platform's address: its trust root is fetched from there (the network is used only now).")
                .ifPresent(viewModel::offerTrustFromAddress));
        MenuItem fromBundle = new MenuItem("From the keys inside this bundle…");
        fromBundle.setId("trust-from-bundle");
        fromBundle.setOnAction(e -> viewModel.offerTrustFromBundleHint());
        MenuButton trust = new MenuButton("_Trust this platform…", null, fromFile, fromAddress, fromBundle);
        trust.setId("review-trust");
        Button compareFile = new Button("Compare with my _file…");
        compareFile.setId("review-compare-file");
        compareFile.setOnAction(
                e -> dialogs.chooseFileToCompare(getScene().getWindow()).ifPresent(viewModel::compareWith));
        Button compareFolder = new Button("Compare with my fol_der…");
        compareFolder.setId("review-compare-folder");
        compareFolder.setOnAction(e -> dialogs.chooseFolder(getScene().getWindow(), "Choose your copy of the dataset")
                .ifPresent(viewModel::compareWith));
        Button online = new Button("Check on_line…");
        online.setId("review-online");
        online.setOnAction(e -> dialogs.askAddress(
                        getScene().getWindow(),
                        "Check the log online",
                        "The platform's address: its newest checkpoint and a consistency proof are fetched from"
                                + " there (the network is used only now).")
                .ifPresent(viewModel::checkOnline));
        Button export = new Button("_Export report…");
        export.setId("review-export");
        export.setOnAction(
                e -> dialogs.choosePdfToSave(getScene().getWindow(), "Export the review report", suggestedReportName())
                        .ifPresent(viewModel::exportReport));
        var noBundle = viewModel.selectedProperty().isNull();
        trust.disableProperty().bind(noBundle);
        compareFile.disableProperty().bind(noBundle.or(viewModel.hashingProperty()));
        compareFolder.disableProperty().bind(noBundle.or(viewModel.hashingProperty()));
        export.disableProperty().bind(noBundle);
        online.disableProperty().bind(noBundle);
        return new ToolBar(open, trust, compareFile, compareFolder, online, export);
    }

    private String suggestedReportName() {
        ReviewedBundle bundle = viewModel.selectedProperty().get();
        return (bundle == null ? "receipt" : BundleFiles.stem(bundle.file())) + "-review.pdf";
    }

    private ListView<ReviewedBundle> bundleList() {
        ListView<ReviewedBundle> list = new ListView<>(viewModel.bundles());
        list.setId("review-bundles");
        list.setAccessibleText("Opened bundles, one verdict each");
        list.setPrefWidth(260);
        list.setCellFactory(v -> new BundleCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });
        viewModel.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        return list;
    }

    private ScrollPane detailPane() {
        verdict.setId("review-verdict");
        verdict.getStyleClass().add("review-verdict");
        verdict.setAccessibleRole(AccessibleRole.TEXT);
        meaning.setId("review-meaning");
        verdictBox.getStyleClass().add("review-verdict-box");
        statement.setId("review-statement");
        platform.setId("review-platform");
        log.setId("review-log");
        consistency.setId("review-consistency");
        comparison.setId("review-comparison");
        checksPane.setId("review-checks");
        checksPane.setExpanded(false);
        empty.setId("review-empty");
        empty.getStyleClass().add("empty-state-title");

        Label question = wrapping("");
        question.setId("review-trust-question");
        question.getStyleClass().add("review-question");
        question.textProperty().bind(viewModel.trustQuestionProperty());
        Button yes = new Button("Trust this platform");
        yes.setId("review-trust-yes");
        yes.setOnAction(e -> viewModel.trustPending());
        Button no = new Button("Do not trust");
        no.setId("review-trust-no");
        no.setOnAction(e -> viewModel.dismissQuestion());
        VBox asking = new VBox(8, question, new HBox(8, yes, no));
        asking.getStyleClass().add("notice-banner");
        asking.visibleProperty().bind(viewModel.askingTrustProperty());
        asking.managedProperty().bind(asking.visibleProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("review-compare-progress");
        progress.progressProperty().bind(viewModel.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("review-compare-cancel");
        cancel.setOnAction(e -> viewModel.cancelComparison());
        HBox hashing = new HBox(8, progress, cancel);
        hashing.visibleProperty().bind(viewModel.hashingProperty());
        hashing.managedProperty().bind(hashing.visibleProperty());

        detail.getChildren()
                .setAll(
                        asking,
                        verdictBox,
                        heading("What the receipt states"),
                        statement,
                        heading("Who vouches for it"),
                        platform,
                        heading("Where it is in the log"),
                        log,
                        consistency,
                        heading("Your own copy of the dataset"),
                        comparison,
                        hashing,
                        checksPane);
        VBox content = new VBox(12, empty, detail);
        content.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Label statusLine() {
        Label status = wrapping("");
        status.setId("review-message");
        status.getStyleClass().add("muted");
        status.setPadding(new Insets(4, 12, 6, 12));
        status.textProperty().bind(viewModel.messageProperty());
        return status;
    }

    private void show(ReviewedBundle bundle) {
        empty.setVisible(bundle == null);
        empty.setManaged(bundle == null);
        detail.setVisible(bundle != null);
        detail.setManaged(bundle != null);
        if (bundle == null) {
            return;
        }
        BundleReport report = bundle.report();
        verdict.setText(ReviewWords.headline(report));
        meaning.setText(ReviewWords.meaning(report));
        verdict.setAccessibleText("Verdict: " + ReviewWords.headline(report) + ". " + ReviewWords.meaning(report));
        verdictBox.getStyleClass().removeAll("evidence", "sandbox", "not-evidence");
        verdictBox.getStyleClass().add(styleOf(report.status()));
        statement.setText(ReviewWords.statement(report).orElse("The receipt could not be read."));
        platform.setText(ReviewWords.platform(report));
        log.setText(ReviewWords.logPosition(report).orElse("The log was not reached: an earlier check failed."));
        consistency.setText(ReviewWords.consistency(report).orElse("")
                + (bundle.online() == null ? "" : "\n" + bundle.online().words()));
        comparison.setText(
                bundle.comparison() == null
                        ? "Compare your own copy with the content this receipt proves"
                                + (bundle.provenContent() == null ? "." : " (" + bundle.provenContent() + ").")
                        : bundle.comparison().words());
        checksPane.setText("Every check (" + report.checks().size() + ", "
                + report.checks().stream().filter(c -> !c.passed()).count() + " failed)");
        checks.getChildren()
                .setAll(report.checks().stream().map(ReviewView::checkLine).toList());
    }

    private static Label checkLine(BundleReport.Check check) {
        Label line = wrapping((check.passed() ? "✔ Passed: " : "✘ FAILED: ") + check.name() + " — " + check.detail());
        line.getStyleClass().add(check.passed() ? "check-passed" : "check-failed");
        line.setAccessibleText((check.passed() ? "Passed: " : "Failed: ") + check.name() + ". " + check.detail());
        return line;
    }

    static String styleOf(ReceiptStatus status) {
        return switch (status) {
            case VERIFIED -> "evidence";
            case SANDBOX -> "sandbox";
            default -> "not-evidence";
        };
    }

    private void acceptFiles(DragEvent event) {
        if (event.getDragboard().hasFiles()) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    private void openDropped(DragEvent event) {
        List<Path> files = event.getDragboard().hasFiles()
                ? event.getDragboard().getFiles().stream().map(File::toPath).toList()
                : List.of();
        viewModel.open(files);
        event.setDropCompleted(!files.isEmpty());
        event.consume();
    }

    private static Label heading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add("review-heading");
        return heading;
    }

    private static Label wrapping(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(label, Priority.NEVER);
        return label;
    }

    /** A bundle in the list: its verdict mark and headline, and its file name. */
    private static final class BundleCell extends ListCell<ReviewedBundle> {
        BundleCell() {
            setWrapText(true);
            setPrefWidth(0); // wrap to the list's width instead of widening it
        }

        @Override
        protected void updateItem(ReviewedBundle bundle, boolean emptyCell) {
            super.updateItem(bundle, emptyCell);
            if (emptyCell || bundle == null) {
                setText(null);
                setAccessibleText(null);
                return;
            }
            String mark = switch (bundle.report().status()) {
                case VERIFIED -> "✔";
                case SANDBOX -> "⚠";
                default -> "✘";
            };
            setText(mark + " " + bundle.file().getFileName() + "\n" + ReviewWords.headline(bundle.report()));
            setAccessibleText(bundle.file().getFileName() + ": " + ReviewWords.headline(bundle.report()));
        }
    }
}
