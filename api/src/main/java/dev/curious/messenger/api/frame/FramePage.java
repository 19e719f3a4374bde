package dev.curious.messenger.api.frame;

import java.util.List;

/**
 * Stored frames in {@code frameSeq} order. {@code oldestFrameSeq} is the first still kept: frames before it are past
 * the retention, and a reader that needs them re-reads the conversation instead. {@code lastFrameSeq} is the newest.
 */
public record FramePage(List<StoredFrame> frames, long oldestFrameSeq, long lastFrameSeq) {

    /** Whether frames after {@code after} are no longer all kept. */
    public boolean gone(long after) {
        return after + 1 < oldestFrameSeq;
    }
}
