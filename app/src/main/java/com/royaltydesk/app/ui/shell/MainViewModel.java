package com.royaltydesk.app.ui.shell;

import com.royaltydesk.app.ui.status.StatusBarViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The main window's state: which section is shown, and the status bar's model. */
public final class MainViewModel {

    private final ObjectProperty<Section> selectedSection;
    private final StatusBarViewModel statusBar;
    private final List<Consumer<Section>> reloadListeners = new ArrayList<>();

    public MainViewModel(StatusBarViewModel statusBar) {
        this(statusBar, Section.ASSETS);
    }

    /** {@code first} is the page shown at start: Get started on a first run, Assets after that. */
    public MainViewModel(StatusBarViewModel statusBar, Section first) {
        this.statusBar = Objects.requireNonNull(statusBar, "statusBar");
        this.selectedSection = new SimpleObjectProperty<>(Objects.requireNonNull(first, "first"));
        // A null selection (the list losing focus, say) keeps the page that is showing.
        selectedSection.addListener((obs, old, now) -> {
            if (now == null) {
                selectedSection.set(old);
            }
        });
    }

    public List<Section> sections() {
        return List.of(Section.values());
    }

    public ObjectProperty<Section> selectedSectionProperty() {
        return selectedSection;
    }

    public void select(Section section) {
        selectedSection.set(Objects.requireNonNull(section, "section"));
    }

    /** Loads the shown page again from the platform (F5): what changed elsewhere appears. */
    public void reloadShown() {
        Section shown = selectedSection.get();
        reloadListeners.forEach(listener -> listener.accept(shown));
    }

    /** {@code listener} hears every reload request with the page it is for. */
    public void onReload(Consumer<Section> listener) {
        reloadListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public StatusBarViewModel statusBar() {
        return statusBar;
    }
}
