package com.royaltydesk.app.ui.shell;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The window's keyboard shortcuts: Ctrl+1 … Ctrl+7 (⌘ on macOS) open the pages in sidebar order,
 * F5 or Ctrl+R loads the shown page again. Everything else is reachable with Tab, the arrow keys
 * and each form's Alt+letter mnemonics.
 */
public final class KeyboardShortcuts {

    private static final List<KeyCode> DIGITS = List.of(
            KeyCode.DIGIT1,
            KeyCode.DIGIT2,
            KeyCode.DIGIT3,
            KeyCode.DIGIT4,
            KeyCode.DIGIT5,
            KeyCode.DIGIT6,
            KeyCode.DIGIT7,
            KeyCode.DIGIT8,
            KeyCode.DIGIT9);

    private KeyboardShortcuts() {}

    /** The shortcut that opens {@code section}, or null past the ninth page. */
    public static KeyCombination opening(Section section) {
        int index = section.ordinal();
        return index < DIGITS.size() ? new KeyCodeCombination(DIGITS.get(index), KeyCombination.SHORTCUT_DOWN) : null;
    }

    public static void install(Scene scene, MainViewModel viewModel) {
        Objects.requireNonNull(viewModel, "viewModel");
        Map<KeyCombination, Runnable> accelerators = scene.getAccelerators();
        for (Section section : viewModel.sections()) {
            KeyCombination keys = opening(section);
            if (keys != null) {
                accelerators.put(keys, () -> viewModel.select(section));
            }
        }
        accelerators.put(new KeyCodeCombination(KeyCode.F5), viewModel::reloadShown);
        accelerators.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), viewModel::reloadShown);
    }
}
