package com.royaltydesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers from the Certificate Transparency test vectors (leaves "", 00, 10, 2021, …). */
class MerkleProofsTest {

    private static final String ROOT_3 = "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77";
    private static final String ROOT_8 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
    private static final List<String> LEAVES =
            List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> INCLUSION_5_OF_8 = List.of(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    private static final List<String> CONSISTENCY_3_TO_8 = List.of(
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");

    private static byte[] hex(String value) {
        return HexFormat.of().parseHex(value);
    }

    private static List<byte[]> hexes(List<String> values) {
        return new ArrayList<>(values.stream().map(MerkleProofsTest::hex).toList());
    }

    private static byte[] leaf(int index) {
        return MerkleProofs.leafHash(hex(LEAVES.get(index)));
    }

    @Test
    void leafHash_emptyEntry_knownAnswer() {
        assertThat(HexFormat.of().formatHex(MerkleProofs.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void verifyInclusion_knownProof_verifies() {
        assertThat(MerkleProofs.verifyInclusion(leaf(5), 5, 8, hexes(INCLUSION_5_OF_8), hex(ROOT_8)))
                .isTrue();
    }

    @Test
    void verifyInclusion_wrongIndex_fails() {
        assertThat(MerkleProofs.verifyInclusion(leaf(5), 4, 8, hexes(INCLUSION_5_OF_8), hex(ROOT_8)))
                .isFalse();
        assertThat(MerkleProofs.verifyInclusion(leaf(5), 8, 8, hexes(INCLUSION_5_OF_8), hex(ROOT_8)))
                .isFalse();
    }

    @Test
    void verifyInclusion_wrongRootOrLeafOrSize_fails() {
        // Size 6 changes the shape of leaf 5's path. (Size 7 would not: RFC 9162 then walks the same
        // shape, which is why a verifier takes the size from the signed checkpoint, never from the proof.)
        assertThat(MerkleProofs.verifyInclusion(leaf(5), 5, 8, hexes(INCLUSION_5_OF_8), hex(ROOT_3)))
                .isFalse();
        assertThat(MerkleProofs.verifyInclusion(leaf(4), 5, 8, hexes(INCLUSION_5_OF_8), hex(ROOT_8)))
                .isFalse();
        assertThat(MerkleProofs.verifyInclusion(leaf(5), 5, 6, hexes(INCLUSION_5_OF_8), hex(ROOT_8)))
                .isFalse();
    }

    @Test
    void verifyInclusion_tamperedOrTruncatedOrExtendedPath_fails() {
        List<byte[]> tampered = hexes(INCLUSION_5_OF_8);
        tampered.get(1)[0] ^= 1;
        List<byte[]> truncated = hexes(INCLUSION_5_OF_8.subList(0, 2));
        List<byte[]> extended = hexes(INCLUSION_5_OF_8);
        extended.add(hex(ROOT_3));

        assertThat(MerkleProofs.verifyInclusion(leaf(5), 5, 8, tampered, hex(ROOT_8)))
                .isFalse();
        assertThat(MerkleProofs.verifyInclusion(leaf(5), 5, 8, truncated, hex(ROOT_8)))
                .isFalse();
        assertThat(MerkleProofs.verifyInclusion(leaf(5), 5, 8, extended, hex(ROOT_8)))
                .isFalse();
    }

    @Test
    void verifyInclusion_singleLeafTree_emptyPathAndLeafIsRoot() {
        assertThat(MerkleProofs.verifyInclusion(leaf(0), 0, 1, List.of(), leaf(0)))
                .isTrue();
    }

    @Test
    void verifyConsistency_knownProof_verifies() {
        assertThat(MerkleProofs.verifyConsistency(3, 8, hex(ROOT_3), hex(ROOT_8), hexes(CONSISTENCY_3_TO_8)))
                .isTrue();
    }

    @Test
    void verifyConsistency_wrongRootsOrSizes_fails() {
        assertThat(MerkleProofs.verifyConsistency(3, 8, hex(ROOT_8), hex(ROOT_8), hexes(CONSISTENCY_3_TO_8)))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(3, 8, hex(ROOT_3), hex(ROOT_3), hexes(CONSISTENCY_3_TO_8)))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(4, 8, hex(ROOT_3), hex(ROOT_8), hexes(CONSISTENCY_3_TO_8)))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(3, 4, hex(ROOT_3), hex(ROOT_8), hexes(CONSISTENCY_3_TO_8)))
                .isFalse();
    }

    @Test
    void verifyConsistency_emptyOrTamperedProof_fails() {
        List<byte[]> tampered = hexes(CONSISTENCY_3_TO_8);
        tampered.get(3)[31] ^= 1;

        assertThat(MerkleProofs.verifyConsistency(3, 8, hex(ROOT_3), hex(ROOT_8), List.of()))
                .isFalse();
        assertThat(MerkleProofs.verifyConsistency(3, 8, hex(ROOT_3), hex(ROOT_8), tampered))
                .isFalse();
    }

    @Test
    void verifyConsistency_sameSize_onlyWithEqualRootsAndEmptyProof() {
        assertThat(MerkleProofs.verifyConsistency(8, 8, hex(ROOT_8), hex(ROOT_8), List.of()))
                .isTrue();
        assertThat(MerkleProofs.verifyConsistency(8, 8, hex(ROOT_8), hex(ROOT_3), List.of()))
                .isFalse();
    }
}
