package com.royaltydesk.app.ui.account;

import com.royaltydesk.app.ui.common.DialogService;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The first-run page: 1 your creator account, 2 your identity check, 3 your first asset, and on the
 * bundled sandbox 4 watching training receipts and usage arrive — the whole product in four steps.
 */
public final class GetStartedView extends ScrollPane {

    public GetStartedView(AccountViewModel viewModel, DialogService dialogs, Runnable registerAsset) {
        setId("page-get_started");
        setFitToWidth(true);
        getStyleClass().add("get-started");
        Label title = new Label("Get started");
        title.getStyleClass().add("empty-state-title");
        Label intro = new Label("Royalty Desk pays you when AI models train on your work, and proves it with"
                + " receipts anyone can check. Four steps:");
        intro.setWrapText(true);
        intro.getStyleClass().add("muted");

        Label message = new Label();
        message.setId("get-started-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());

        VBox page = new VBox(
                16,
                title,
                intro,
                step("1", "Your creator account", account(viewModel)),
                step("2", "Identity check (KYC)", kyc(viewModel)),
                step("3", "Register your first asset", register(registerAsset)),
                sandboxStep(viewModel, dialogs),
                message);
        page.setPadding(new Insets(8, 16, 16, 8));
        page.setMaxWidth(760);
        setContent(page);
    }

    private static Node step(String number, String title, Node body) {
        Label badge = new Label(number);
        badge.getStyleClass().add("step-number");
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-title");
        VBox content = new VBox(6, heading, body);
        HBox step = new HBox(12, badge, content);
        step.setAlignment(Pos.TOP_LEFT);
        step.getStyleClass().add("step");
        return step;
    }

    private static Node account(AccountViewModel viewModel) {
        Label identity = new Label();
        identity.setId("account-identity");
        identity.setWrapText(true);
        identity.textProperty().bind(viewModel.identityProperty());

        TextField name = new TextField();
        name.setId("sign-up-name");
        name.setAccessibleText("Your name or studio"); // no visible label: the prompt says it
        name.setPromptText("Your name or studio, as statements show it");
        name.setPrefColumnCount(28);
        name.textProperty().bindBidirectional(viewModel.displayNameProperty());
        Button signUp = new Button("Sign up");
        signUp.setId("sign-up");
        signUp.setDefaultButton(true);
        signUp.disableProperty().bind(viewModel.busyProperty());
        signUp.setOnAction(e -> viewModel.signUp());
        Label hint = new Label("Sign up on the bundled sandbox — it runs on this computer, no network needed."
                + " Your key is saved in the data folder, readable only by you.");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        VBox signUpBox = new VBox(6, new HBox(8, name, signUp), hint);
        signUpBox.setId("sign-up-box");
        // Sign-up is offered while the app is the sandbox's demo creator; afterwards it is done.
        signUpBox.visibleProperty().bind(viewModel.demoCreatorProperty());
        signUpBox.managedProperty().bind(signUpBox.visibleProperty());
        return new VBox(6, identity, signUpBox);
    }

    private static Node kyc(AccountViewModel viewModel) {
        Label status = new Label();
        status.setId("account-kyc");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.kycProperty());
        return status;
    }

    private static Node register(Runnable registerAsset) {
        Button open = new Button("Register an asset…");
        open.setId("get-started-register");
        open.setOnAction(e -> registerAsset.run());
        Label hint = new Label("Choose a file or a folder. It is hashed on this computer; you set the license"
                + " and how you are paid. Then it is uploaded: the upload proves the content is yours, and only"
                + " proven content can be named in a training receipt.");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        return new VBox(6, open, hint);
    }

    private static Node sandboxStep(AccountViewModel viewModel, DialogService dialogs) {
        Button train = new Button("Simulate training on my assets");
        train.setId("simulate-training");
        train.setOnAction(e -> viewModel.simulateTraining());
        Button use = new Button("Simulate usage");
        use.setId("simulate-usage");
        use.setOnAction(e -> viewModel.simulateUsage());
        Button reset = new Button("Reset sandbox…");
        reset.setId("reset-sandbox");
        reset.setOnAction(e -> {
            if (dialogs.confirm(
                    reset.getScene().getWindow(),
                    "Reset the sandbox",
                    "Delete everything in the bundled sandbox — its assets, receipts, usage, payouts and"
                            + " backups — and start a new one with a fresh year of demo history? Your other"
                            + " files and trusted platforms stay.")) {
                viewModel.resetSandbox();
            }
        });
        reset.disableProperty().bind(viewModel.busyProperty());
        Button settle = new Button("Settle last month");
        settle.setId("settle-last-month");
        settle.setOnAction(e -> viewModel.settleLastMonth());
        train.disableProperty().bind(viewModel.busyProperty());
        use.disableProperty().bind(viewModel.busyProperty());
        settle.disableProperty().bind(viewModel.busyProperty());
        Label hint = new Label("On the sandbox the app can play the model host: it records proof-of-training for"
                + " your assets (each becomes a signed receipt in Receipts) and reports usage of them"
                + " (which becomes money in Earnings). It can also play the platform operator closing last"
                + " month: the month's payouts and statements appear.");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        Node step = step("4", "See it work (sandbox)", new VBox(6, new HBox(8, train, use, settle, reset), hint));
        step.visibleProperty().bind(viewModel.embeddedProperty());
        step.managedProperty().bind(step.visibleProperty());
        return step;
    }
}
