package dev.curious.messenger.gateway.live;

/**
 * Tomcat's per-connection buffers at 1 KiB and less instead of 8 KiB, since an idle STOMP session holds all of them:
 * the WebSocket read, write and encode buffers ({@code WebSocketConfiguration.WEBSOCKET_BUFFER}) come from a JVM-wide
 * Tomcat property read once, so it is set from {@code main} before Tomcat loads (and again before the server starts, for
 * servers started otherwise); the socket buffers are set on the connector ({@code WebSocketConfiguration}). Measured
 * with {@code idle-sessions} in docs/benchmarks.md.
 */
public final class ConnectionBuffers {

    private static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private ConnectionBuffers() {}

    /** Sets Tomcat's WebSocket buffer size unless the command line already did. */
    public static void useSmallBuffers() {
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, Integer.toString(WebSocketConfiguration.WEBSOCKET_BUFFER));
        }
    }
}
