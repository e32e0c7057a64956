package com.royaltydesk.app.ui.common;

import com.royaltydesk.app.review.BundleFiles;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Every file dialog the app shows goes through here, so views stay consistent — and so a test can
 * stand in for the native dialogs, which no robot can drive.
 */
public class DialogService {

    private static final FileChooser.ExtensionFilter BUNDLES = new FileChooser.ExtensionFilter(
            "Receipt bundles (" + String.join(", ", BundleFiles.PATTERNS) + ")", BundleFiles.PATTERNS);

    public Optional<Path> chooseBundleToOpen(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open receipt bundle");
        chooser.getExtensionFilters().add(BUNDLES);
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    /** One or more bundles for the reviewer's desk. */
    public java.util.List<Path> chooseBundlesToOpen(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open receipt bundles");
        chooser.getExtensionFilters().add(BUNDLES);
        java.util.List<java.io.File> chosen = chooser.showOpenMultipleDialog(owner);
        return chosen == null
                ? java.util.List.of()
                : chosen.stream().map(java.io.File::toPath).toList();
    }

    /** The reviewer's own copy of a dataset, to compare with what a receipt proves. */
    public Optional<Path> chooseFileToCompare(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose your copy of the dataset");
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    /** An address typed by the user (a platform's, to fetch its trust root): empty when they cancel. */
    public Optional<String> askAddress(Window owner, String title, String question) {
        return askAddress(owner, title, question, "https://");
    }

    /** The same, the field filled with {@code initial}. */
    public Optional<String> askAddress(Window owner, String title, String question, String initial) {
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog(initial);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(question);
        return dialog.showAndWait().map(String::strip).filter(a -> !a.isEmpty());
    }

    /** Asks before something that cannot be undone; true only when the user says OK. */
    public boolean confirm(Window owner, String title, String question) {
        javafx.scene.control.Alert alert =
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, question);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait()
                .filter(answer -> answer == javafx.scene.control.ButtonType.OK)
                .isPresent();
    }

    /** Why the creator disputes a receipt (at most 1,000 characters): empty when they cancel. */
    public Optional<String> askDisputeReason(Window owner, String receiptId) {
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog();
        dialog.initOwner(owner);
        dialog.setTitle("Dispute this receipt");
        dialog.setHeaderText("Why do you dispute " + receiptId + "? What it earns is held out of your payouts"
                + " until the platform resolves the dispute.");
        return dialog.showAndWait().map(String::strip).filter(a -> !a.isEmpty());
    }

    /** A platform's trust root (SPEC §2a), to decide whether to trust it. */
    public Optional<Path> chooseTrustRootToOpen(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a platform's trust root");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Trust roots (*.json)", "*.json"));
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    /** A backup of the bundled platform (royaltydesk-backup-*.zip), to restore at the next start. */
    public Optional<Path> chooseBackupToRestore(Window owner, Path initialFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a backup to restore");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Royalty Desk backups (*.zip)", "*.zip"));
        if (initialFolder != null && java.nio.file.Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    /** Any file: the content of an asset to register. */
    public Optional<Path> chooseFileToRegister(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the file to register");
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    /** The file holding an already registered asset's content, to upload it again. */
    public Optional<Path> chooseFileToUpload(Window owner, String assetName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the file with the content of “" + assetName + "”");
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    public Optional<Path> chooseFolder(Window owner, String title) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner)).map(java.io.File::toPath);
    }

    public Optional<Path> chooseBundleToSave(Window owner, String suggestedName) {
        return chooseFileToSave(owner, "Export receipt bundle", suggestedName, BUNDLES);
    }

    public Optional<Path> chooseCsvToSave(Window owner, String title, String suggestedName) {
        return chooseFileToSave(owner, title, suggestedName, new FileChooser.ExtensionFilter("CSV files", "*.csv"));
    }

    public Optional<Path> choosePdfToSave(Window owner, String title, String suggestedName) {
        return chooseFileToSave(owner, title, suggestedName, new FileChooser.ExtensionFilter("PDF files", "*.pdf"));
    }

    private static Optional<Path> chooseFileToSave(
            Window owner, String title, String suggestedName, FileChooser.ExtensionFilter filter) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(filter);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
    }
}
