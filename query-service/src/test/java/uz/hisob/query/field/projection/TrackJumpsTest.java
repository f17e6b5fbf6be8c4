package uz.hisob.query.field.projection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** GPS jumps (field-sales.md: more than 250 km/h from its neighbours), judged on a stretch whatever order it came in. */
class TrackJumpsTest {

    static final Instant T0 = Instant.parse("2026-04-01T05:00:00Z");

    static NavigableMap<Instant, double[]> track(double... metersNorthEveryTenSeconds) {
        NavigableMap<Instant, double[]> track = new TreeMap<>();
        for (int i = 0; i < metersNorthEveryTenSeconds.length; i++) {
            track.put(T0.plusSeconds(10L * i), new double[] {41.3 + metersNorthEveryTenSeconds[i] / 111_195.0, 69.28});
        }
        return track;
    }

    @Test
    void aSpikeBetweenTwoPointsIsAJump() {
        assertThat(FieldProjection.jumps(track(0, 20_000, 30, 60))).containsExactly(T0.plusSeconds(10));
    }

    @Test
    void theFirstPointIsAJumpWhenOnlyItIsFarFromTheRest() {
        assertThat(FieldProjection.jumps(track(20_000, 0, 30, 60))).containsExactly(T0);
    }

    @Test
    void theNewestPointIsAJumpUntilANeighbourShowsItWasNot() {
        assertThat(FieldProjection.jumps(track(0, 30, 20_000))).containsExactly(T0.plusSeconds(20));
        // a car on a motorway is no jump: 30 m/s is 108 km/h
        assertThat(FieldProjection.jumps(track(0, 300, 600, 900, 1200))).isEmpty();
    }

    @Test
    void twoSpikesInARowAreBothJumps() {
        assertThat(FieldProjection.jumps(track(0, 20_000, 20_050, 40, 70)))
                .containsExactlyInAnyOrder(T0.plusSeconds(10), T0.plusSeconds(20));
    }
}
