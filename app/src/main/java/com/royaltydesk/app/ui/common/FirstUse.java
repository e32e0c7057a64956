package com.royaltydesk.app.ui.common;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Makes a value the first time it is asked for and hands out that same value afterwards: for pages
 * built when first opened that other pages also reach into. FX thread only, so not synchronized.
 */
public final class FirstUse<T> implements Supplier<T> {

    private final Supplier<T> maker;
    private T value;

    private FirstUse(Supplier<T> maker) {
        this.maker = Objects.requireNonNull(maker, "maker");
    }

    public static <T> FirstUse<T> of(Supplier<T> maker) {
        return new FirstUse<>(maker);
    }

    @Override
    public T get() {
        if (value == null) {
            value = Objects.requireNonNull(maker.get(), "the maker made nothing");
        }
        return value;
    }
}
