package com.royaltydesk.app.ui.settings;

import com.royaltydesk.app.ui.account.AccountViewModel;
import com.royaltydesk.app.ui.common.DialogService;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Connection, sign-in, data folder, theme and the platforms this user trusts. */
public final class SettingsView extends ScrollPane {

    public SettingsView(
            SettingsViewModel viewModel,
            AccountViewModel account,
            TrustedPlatformsViewModel trusted,
            BackupsViewModel backups,
            Path backupsFolder,
            DialogService dialogs) {
        setId("page-settings");
        // The page grows (a trust question, a long list of trusted platforms): it scrolls rather than squeezes.
        setFitToWidth(true);
        VBox page = new VBox(16);
        page.getStyleClass().add("settings-view");
        Label title = new Label("Settings");
        title.getStyleClass().add("empty-state-title");

        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(10);
        row(grid, 0, "Platform", bound(viewModel.connectionProperty(), "settings-connection"));
        row(grid, 1, "Signed in as", bound(viewModel.signedInAsProperty(), "settings-identity"));
        Label folder = new Label(viewModel.dataFolder());
        folder.setId("settings-data-folder");
        row(grid, 2, "Data folder", folder);

        ToggleGroup themes = new ToggleGroup();
        RadioButton light = new RadioButton("Light");
        RadioButton dark = new RadioButton("Dark");
        light.setId("theme-light");
        dark.setId("theme-dark");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (viewModel.themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
        light.setOnAction(e -> viewModel.themeProperty().set(Theme.LIGHT));
        dark.setOnAction(e -> viewModel.themeProperty().set(Theme.DARK));
        row(grid, 3, "Theme", new HBox(16, light, dark));

        Label problem = bound(viewModel.saveProblemProperty(), "settings-save-problem");
        problem.getStyleClass().add("error-text");
        problem.visibleProperty().bind(viewModel.saveProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        page.getChildren()
                .addAll(
                        title,
                        grid,
                        problem,
                        new TrustedPlatformsView(trusted, dialogs),
                        remote(account),
                        backups(backups, backupsFolder, dialogs));
        page.setPadding(new Insets(8));
        setContent(page);
    }

    /** Back up the bundled platform now, or choose a backup to restore at the next start. */
    private VBox backups(BackupsViewModel backups, Path backupsFolder, DialogService dialogs) {
        Label heading = new Label("Backups of the bundled platform");
        heading.getStyleClass().add("panel-title");
        Button now = new Button("_Back up now");
        now.setId("backup-now");
        now.disableProperty()
                .bind(backups.busyProperty().or(backups.availableProperty().not()));
        now.setOnAction(e -> backups.backUpNow());
        Button restore = new Button("_Restore from a backup…");
        restore.setId("backup-restore");
        restore.disableProperty()
                .bind(backups.busyProperty().or(backups.restorableProperty().not()));
        restore.setOnAction(e -> dialogs.chooseBackupToRestore(getScene().getWindow(), backupsFolder)
                .ifPresent(backups::restoreAtNextStart));
        Label note = new Label("A backup is one file with the database, the key that opens your signing keys and"
                + " a checksum of each part, written while the platform runs to " + backupsFolder
                + ". A restore happens the next time the app starts; what it replaces is kept beside it.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        Label message = bound(backups.messageProperty(), "backup-message");
        return new VBox(8, heading, new HBox(8, now, restore), message, note);
    }

    /** Sign in to a remote platform with a creator key, or go back to the bundled sandbox. */
    private static VBox remote(AccountViewModel account) {
        Label heading = new Label("Sign in to a remote platform");
        heading.getStyleClass().add("panel-title");
        TextField url = new TextField();
        url.setId("remote-url");
        url.setPromptText("https://platform.example.com");
        url.textProperty().bindBidirectional(account.remoteUrlProperty());
        PasswordField key = new PasswordField();
        key.setId("remote-key");
        key.setPromptText("Your creator API key");
        key.textProperty().bindBidirectional(account.remoteKeyProperty());
        Button signIn = new Button("_Sign in");
        signIn.setId("remote-sign-in");
        signIn.disableProperty().bind(account.busyProperty());
        signIn.setOnAction(e -> account.signInRemote());
        Button sandbox = new Button("Use the bundled sandbox");
        sandbox.setId("use-sandbox");
        sandbox.disableProperty().bind(account.busyProperty());
        sandbox.setOnAction(e -> account.useSandboxDemo());
        GridPane form = new GridPane();
        form.setHgap(16);
        form.setVgap(8);
        row(form, 0, "_URL", url);
        row(form, 1, "API _key", key);
        url.setPrefColumnCount(32);
        Label note = new Label("The key is checked with the platform before it is saved, then kept in account.json"
                + " in the data folder, readable only by you. The sandbox works with no network.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        Label message = bound(account.messageProperty(), "account-message");
        return new VBox(8, heading, form, new HBox(8, signIn, sandbox), message, note);
    }

    private static Label bound(javafx.beans.value.ObservableValue<String> text, String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        return label;
    }

    private static void row(GridPane grid, int index, String name, javafx.scene.Node value) {
        Label label = new Label(name);
        label.setMnemonicParsing(true); // Alt and the underlined letter focuses the field
        label.setLabelFor(value);
        label.getStyleClass().add("settings-label");
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long value wraps; the name never shrinks
        grid.addRow(index, label, value);
    }
}
