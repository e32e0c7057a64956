package com.royaltydesk.platform.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Which boot of the operating system this is, where the system says (Linux). A file another process
 * of the same boot wrote through a mapping is whole in the page cache even if that process was
 * killed; after a reboot it holds only what reached the disk. Without a boot id, nothing written
 * through a mapping is trusted after an unclean stop.
 */
public final class BootId {

    private static final Path LINUX = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {}

    public static Optional<UUID> current() {
        try {
            return Optional.of(UUID.fromString(Files.readString(LINUX).trim()));
        } catch (IOException | IllegalArgumentException noBootIdHere) {
            return Optional.empty();
        }
    }
}
