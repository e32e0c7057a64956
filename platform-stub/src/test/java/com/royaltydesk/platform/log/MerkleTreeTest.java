package com.royaltydesk.platform.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.testutil.NoDatabase;
import com.royaltydesk.verify.MerkleProofs;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The builder against the Certificate Transparency known answers, and against the independent
 * RFC 9162 verifier for every index and size pair of small trees.
 */
@Tag(NoDatabase.TAG)
class MerkleTreeTest {

    private static final List<String> CT_LEAVES =
            List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static MerkleTree treeOf(List<byte[]> leaves) {
        return new MerkleTree(index -> leaves.get((int) index));
    }

    private static List<byte[]> ctLeafHashes() {
        return new ArrayList<>(CT_LEAVES.stream()
                .map(hex -> MerkleTree.leafHashOf(HexFormat.of().parseHex(hex)))
                .toList());
    }

    private static List<byte[]> syntheticLeaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleTree.leafHashOf(("receipt-" + i).getBytes()));
        }
        return leaves;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void rootHash_ctVectors_matchEverySize() {
        MerkleTree tree = treeOf(ctLeafHashes());

        for (int size = 1; size <= 8; size++) {
            assertThat(hex(tree.rootHash(size))).as("size %d", size).isEqualTo(CT_ROOTS.get(size - 1));
        }
        assertThat(hex(tree.rootHash(0))).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void inclusionProof_ctVector_matchesPublishedPath() {
        List<String> proof = treeOf(ctLeafHashes()).inclusionProof(5, 8).stream()
                .map(MerkleTreeTest::hex)
                .toList();

        assertThat(proof)
                .containsExactly(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void consistencyProof_ctVector_matchesPublishedNodes() {
        List<String> proof = treeOf(ctLeafHashes()).consistencyProof(3, 8).stream()
                .map(MerkleTreeTest::hex)
                .toList();

        assertThat(proof)
                .containsExactly(
                        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    @Test
    void inclusionProof_everyIndexOfEverySizeUpTo40_verifiesIndependently() {
        List<byte[]> leaves = syntheticLeaves(40);
        MerkleTree tree = treeOf(leaves);

        for (int size = 1; size <= 40; size++) {
            byte[] root = tree.rootHash(size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = tree.inclusionProof(index, size);
                assertThat(MerkleProofs.verifyInclusion(leaves.get(index), index, size, proof, root))
                        .as("leaf %d of %d", index, size)
                        .isTrue();
                if (size > 1) {
                    int other = (index + 1) % size;
                    assertThat(MerkleProofs.verifyInclusion(leaves.get(index), other, size, proof, root))
                            .as("leaf %d claimed at %d of %d", index, other, size)
                            .isFalse();
                    assertThat(MerkleProofs.verifyInclusion(
                                    leaves.get(index), index, size, proof, tree.rootHash(size - 1)))
                            .as("leaf %d of %d against the previous root", index, size)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void consistencyProof_everyPairUpTo40_verifiesIndependently() {
        MerkleTree tree = treeOf(syntheticLeaves(40));

        for (int second = 1; second <= 40; second++) {
            for (int first = 1; first <= second; first++) {
                List<byte[]> proof = tree.consistencyProof(first, second);
                assertThat(MerkleProofs.verifyConsistency(
                                first, second, tree.rootHash(first), tree.rootHash(second), proof))
                        .as("%d -> %d", first, second)
                        .isTrue();
            }
        }
    }

    @Test
    void consistencyProof_historyRewritten_failsIndependentCheck() {
        List<byte[]> original = syntheticLeaves(20);
        List<byte[]> rewritten = new ArrayList<>(original);
        rewritten.set(3, MerkleTree.leafHashOf("a different receipt".getBytes()));
        byte[] oldRoot = treeOf(original).rootHash(10);
        MerkleTree rewrittenTree = treeOf(rewritten);

        List<byte[]> proof = rewrittenTree.consistencyProof(10, 20);

        assertThat(MerkleProofs.verifyConsistency(10, 20, oldRoot, rewrittenTree.rootHash(20), proof))
                .isFalse();
    }

    @Test
    void proofs_outOfRangeArguments_rejected() {
        MerkleTree tree = treeOf(syntheticLeaves(4));

        assertThatThrownBy(() -> tree.inclusionProof(4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
