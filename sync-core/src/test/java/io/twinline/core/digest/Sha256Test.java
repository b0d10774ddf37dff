package io.twinline.core.digest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class Sha256Test {

    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void theThreeFormsAgreeWithTheStandardTestVectors() {
        assertThat(Sha256.hex(new byte[0])).isEqualTo(EMPTY);
        assertThat(Sha256.hex("abc")).isEqualTo(ABC);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(ABC);
        assertThat(Sha256.tagged("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo("sha256:" + ABC);
        assertThat(Sha256.digest("abc")).hasSize(32);
    }

    @Test
    void textIsHashedAsUtf8() {
        assertThat(Sha256.hex("é")).isEqualTo(Sha256.hex(new byte[]{(byte) 0xc3, (byte) 0xa9}));
    }

    @Test
    void sameHexComparesWholeValuesAndRefusesNull() {
        assertThat(Sha256.sameHex(ABC, ABC)).isTrue();
        assertThat(Sha256.sameHex(ABC, EMPTY)).isFalse();
        assertThat(Sha256.sameHex(ABC, ABC.substring(1))).isFalse();
        assertThat(Sha256.sameHex(null, ABC)).isFalse();
        assertThat(Sha256.sameHex(ABC, null)).isFalse();
    }

    @Test
    void nullInputIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> Sha256.hex((byte[]) null));
        assertThatNullPointerException().isThrownBy(() -> Sha256.hex((String) null));
    }
}
