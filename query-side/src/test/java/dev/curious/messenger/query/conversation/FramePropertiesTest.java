package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FramePropertiesTest {

    @Test
    void refusesARetentionShorterThanTheContractsSevenDaysInsteadOfRaisingIt() {
        assertThatThrownBy(() -> new FrameProperties(Duration.ofDays(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 7d");
        assertThat(new FrameProperties(Duration.ofDays(30)).retention()).isEqualTo(Duration.ofDays(30));
    }
}
