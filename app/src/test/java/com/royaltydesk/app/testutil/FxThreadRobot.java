package com.royaltydesk.app.testutil;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An {@link FxRobot} that walks the scene and measures nodes on the FX thread only.
 *
 * <p>TestFX looks nodes up and computes where to click on the test thread. The app's pages refresh
 * themselves (status bar, history, charts), so the FX thread may be replacing children or laying
 * text out at that very moment: CI failed once with an {@code IndexOutOfBoundsException} from a
 * lookup (stop 26) and once with a {@code NullPointerException} inside a text layout while
 * {@code clickOn("Settings")} measured the label (stop 27). Here the lookup and the point are read
 * on the FX thread; only the mouse moves from the test thread. Every window test extends this
 * ({@code ArchitectureRulesTest} checks it).
 */
public abstract class FxThreadRobot extends FxRobot {

    /** The nodes the query matches, found on the FX thread; chained lookups on the result stay cheap. */
    @Override
    public NodeQuery lookup(String query) {
        Set<Node> found = onFx(() -> new LinkedHashSet<>(super.lookup(query).queryAll()));
        return from(found);
    }

    @Override
    public FxRobot clickOn(String query, Motion motion, MouseButton... buttons) {
        return clickOn(visiblePoint(query), motion, buttons);
    }

    @Override
    public FxRobot doubleClickOn(String query, Motion motion, MouseButton... buttons) {
        return doubleClickOn(visiblePoint(query), motion, buttons);
    }

    @Override
    public FxRobot clickOn(Node node, Motion motion, MouseButton... buttons) {
        return clickOn(onFx(() -> laidOutPoint(node)), motion, buttons);
    }

    @Override
    public FxRobot doubleClickOn(Node node, Motion motion, MouseButton... buttons) {
        return doubleClickOn(onFx(() -> laidOutPoint(node)), motion, buttons);
    }

    /**
     * Waits until the label's text starts with {@code prefix}; on timeout, fails saying what the label
     * said instead — an error the page showed is then in the report, not only "timeout".
     */
    protected static void awaitTextStartingWith(Label label, String prefix, int seconds) throws Exception {
        awaitOrFail(
                seconds,
                () -> onFx(label::getText).startsWith(prefix),
                () -> "#" + label.getId() + " did not start with \"" + prefix + "\" within " + seconds
                        + " s; it says: \"" + onFx(label::getText) + "\"");
    }

    /** Waits until {@code condition} holds; on timeout, fails with {@code whatIsShown} — what the page says instead. */
    protected static void awaitOrFail(int seconds, Callable<Boolean> condition, Callable<String> whatIsShown)
            throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError(whatIsShown.call(), e);
        }
    }

    /** Reads what the FX thread owns on the FX thread: a list a refresh replaces must not be iterated elsewhere. */
    protected static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading on the FX thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Where TestFX would click for the query — the first visible match's centre — measured on the FX thread. */
    private Point2D visiblePoint(String query) {
        return onFx(() -> {
            Node node = super.lookup(query)
                    .match(NodeQueryUtils.isVisible())
                    .tryQuery()
                    .orElseThrow(() -> new IllegalStateException("no visible node matches \"" + query + "\""));
            return laidOutPoint(node);
        });
    }

    /**
     * The node's centre once its scene is laid out. A page that just changed (a verdict shown, its
     * checks listed) moves its buttons only at the next pulse's layout; measured before it, the point
     * is where the button was, and the click lands beside it. The likely story of a CI failure (stop
     * 27, not reproduced here): "Dispute…" clicked right after a receipt's checks appeared, and no
     * dispute opened.
     */
    private Point2D laidOutPoint(Node node) {
        if (node.getScene() != null) {
            node.getScene().getRoot().applyCss();
            node.getScene().getRoot().layout();
        }
        return point(node).query();
    }
}
