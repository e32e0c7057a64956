package com.royaltydesk.app.testutil;

import com.royaltydesk.app.ui.common.DialogService;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** File dialogs answered by the test instead of a person: each answer is set before the click. */
public final class AnsweringDialogs extends DialogService {

    public volatile Path bundleToOpen;
    public volatile Path bundleToSave;
    public volatile Path trustRootToOpen;
    /** Answers both "choose the file to register" and "choose the file to upload again". */
    public volatile Path fileToRegister;

    public volatile Path backupToRestore;
    public volatile java.util.List<Path> bundlesToOpen = java.util.List.of();
    public volatile Path fileToCompare;
    public volatile Path folderChosen;
    public volatile Path pdfToSave;
    public volatile String address;

    @Override
    public java.util.List<Path> chooseBundlesToOpen(Window owner) {
        return bundlesToOpen;
    }

    @Override
    public Optional<Path> chooseFileToCompare(Window owner) {
        return Optional.ofNullable(fileToCompare);
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        return Optional.ofNullable(folderChosen);
    }

    @Override
    public Optional<Path> choosePdfToSave(Window owner, String title, String suggestedName) {
        return Optional.ofNullable(pdfToSave);
    }

    /** The answer to every "are you sure?" (false: Cancel). */
    public volatile boolean confirm;

    @Override
    public boolean confirm(Window owner, String title, String question) {
        return confirm;
    }

    /** What "Why do you dispute this receipt?" is answered with (null: cancelled). */
    public volatile String disputeReason;

    @Override
    public Optional<String> askDisputeReason(Window owner, String receiptId) {
        return Optional.ofNullable(disputeReason);
    }

    @Override
    public Optional<String> askAddress(Window owner, String title, String question) {
        return Optional.ofNullable(address);
    }

    @Override
    public Optional<String> askAddress(Window owner, String title, String question, String initial) {
        return Optional.ofNullable(address);
    }

    @Override
    public Optional<Path> chooseFileToRegister(Window owner) {
        return Optional.ofNullable(fileToRegister);
    }

    @Override
    public Optional<Path> chooseFileToUpload(Window owner, String assetName) {
        return Optional.ofNullable(fileToRegister);
    }

    @Override
    public Optional<Path> chooseTrustRootToOpen(Window owner) {
        return Optional.ofNullable(trustRootToOpen);
    }

    @Override
    public Optional<Path> chooseBundleToOpen(Window owner) {
        return Optional.ofNullable(bundleToOpen);
    }

    @Override
    public Optional<Path> chooseBundleToSave(Window owner, String suggestedName) {
        return Optional.ofNullable(bundleToSave);
    }

    @Override
    public Optional<Path> chooseBackupToRestore(Window owner, Path initialFolder) {
        return Optional.ofNullable(backupToRestore);
    }
}
