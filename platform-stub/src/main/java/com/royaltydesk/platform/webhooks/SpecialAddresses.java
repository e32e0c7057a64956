package com.royaltydesk.platform.webhooks;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

/**
 * The IANA special-purpose address registries (IPv4 and IPv6): none of these is a public webhook
 * receiver, so a webhook never goes there unless the platform allows internal targets.
 */
final class SpecialAddresses {

    private record Block(BigInteger network, int prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length * 8 != bits) {
                return false;
            }
            BigInteger value = new BigInteger(1, address);
            return value.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
        }
    }

    private static final List<Block> BLOCKS = List.of(
            v4("0.0.0.0", 8),
            v4("10.0.0.0", 8),
            v4("100.64.0.0", 10),
            v4("127.0.0.0", 8),
            v4("169.254.0.0", 16),
            v4("172.16.0.0", 12),
            v4("192.0.0.0", 24),
            v4("192.0.2.0", 24),
            v4("192.88.99.0", 24),
            v4("192.168.0.0", 16),
            v4("198.18.0.0", 15),
            v4("198.51.100.0", 24),
            v4("203.0.113.0", 24),
            v4("224.0.0.0", 4),
            v4("240.0.0.0", 4),
            v6("::", 96), // unspecified, loopback and IPv4-compatible (::a.b.c.d)
            v6("::ffff:0:0", 96),
            v6("64:ff9b::", 96),
            v6("64:ff9b:1::", 48),
            v6("100::", 64),
            v6("2001::", 23),
            v6("2001:db8::", 32),
            v6("2002::", 16),
            v6("3fff::", 20),
            v6("fc00::", 7),
            v6("fe80::", 10),
            v6("fec0::", 10),
            v6("ff00::", 8));

    private SpecialAddresses() {}

    static boolean isSpecial(InetAddress address) {
        byte[] bytes = address.getAddress();
        return BLOCKS.stream().anyMatch(block -> block.contains(bytes));
    }

    private static Block v4(String network, int prefix) {
        return block(network, prefix, 32);
    }

    private static Block v6(String network, int prefix) {
        return block(network, prefix, 128);
    }

    private static Block block(String network, int prefix, int bits) {
        try {
            byte[] bytes = InetAddress.getByName(network).getAddress();
            if (bytes.length * 8 != bits) {
                // "::ffff:0:0" parses as an IPv4 address in Java; keep the IPv6 form of the block.
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                bytes = v6;
            }
            return new Block(new BigInteger(1, bytes), prefix, bits);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a literal address always parses", e);
        }
    }
}
