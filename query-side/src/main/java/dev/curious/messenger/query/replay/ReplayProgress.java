package dev.curious.messenger.query.replay;

/**
 * How far a processing group is: its lowest segment's position against the event store's head.
 *
 * @param replaying the group handles events again that it handled before its reset (it pushes nothing then)
 * @param done the group has processed everything stored up to {@code head}
 */
public record ReplayProgress(String processingGroup, long position, long head, boolean replaying, boolean done) {

    /** Share of the history processed, 0 to 100. */
    public int percent() {
        if (head <= 0) {
            return 100;
        }
        return (int) Math.max(0, Math.min(100, position * 100 / head));
    }
}
