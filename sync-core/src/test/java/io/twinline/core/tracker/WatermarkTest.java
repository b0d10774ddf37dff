package io.twinline.core.tracker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatermarkTest {

    static final Instant T = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void remembersVersionsInsideTheOverlapAndForgetsOlderOnes() {
        Duration overlap = Duration.ofSeconds(60);
        Watermark w = Watermark.from(T)
                .with("1", T.plusSeconds(5), overlap)
                .with("2", T.plusSeconds(5), overlap);
        assertThat(w.cursor()).isEqualTo(T.plusSeconds(5));
        assertThat(w.isNew("1", T.plusSeconds(5))).isFalse();
        assertThat(w.isNew("1", T.plusSeconds(6))).isTrue();
        assertThat(w.isNew("3", T.plusSeconds(5))).isTrue();
        Watermark later = w.with("3", T.plusSeconds(100), overlap);
        assertThat(later.cursor()).isEqualTo(T.plusSeconds(100));
        assertThat(later.seen()).containsOnlyKeys("3");
        // an older version handed out late never moves the cursor back
        assertThat(later.with("4", T.plusSeconds(50), overlap).cursor()).isEqualTo(T.plusSeconds(100));
    }

    @Test
    void encodesAndDecodes() {
        Watermark w = Watermark.from(T).with("TEST-1", T.plusMillis(123), Duration.ofMinutes(1));
        assertThat(Watermark.decode(w.encode())).isEqualTo(w);
        assertThatThrownBy(() -> Watermark.decode("{nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twinMarkersAreLabelSafe() {
        java.util.UUID a = java.util.UUID.fromString("00000000-0000-0000-0000-00000000000a");
        java.util.UUID b = java.util.UUID.fromString("00000000-0000-0000-0000-00000000000b");
        assertThat(TwinMarker.of(a, "abc-1").label()).isEqualTo("twinline-0000000000000000000000000000000a-abc-1");
        // The same twin id on another connection is another marker: it cannot make one connection adopt the other's ticket.
        assertThat(TwinMarker.of(b, "abc-1").label()).isNotEqualTo(TwinMarker.of(a, "abc-1").label());
        assertThat(TwinMarker.of(b, "abc-1").value()).isNotEqualTo(TwinMarker.of(a, "abc-1").value());
        assertThat(TwinMarker.isMarker(TwinMarker.of(a, "abc-1").label())).isTrue();
        assertThat(TwinMarker.isMarker("vip")).isFalse();
        assertThatThrownBy(() -> TwinMarker.of(a, "has space")).isInstanceOf(IllegalArgumentException.class);
    }
}
