package io.twinline.core.rules;

import io.twinline.core.model.Side;

import java.util.Map;

/**
 * What rules see as {@code connection}: its name, this side's and the partner's short names, the side the rules
 * run on, the mode, and free connection settings ({@code connection.settings.projectKey}).
 */
public final class ConnectionInfo {
    private final String name;
    private final String localName;
    private final String remoteName;
    private final Side side;
    private final RulesMode mode;
    private final Map<String, String> settings;

    public ConnectionInfo(String name, String localName, String remoteName, Side side, RulesMode mode,
                          Map<String, String> settings) {
        this.name = name;
        this.localName = localName;
        this.remoteName = remoteName;
        this.side = side;
        this.mode = mode;
        this.settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** For tests and the test-run command. */
    public static ConnectionInfo local(Side side) {
        return new ConnectionInfo("test-run", side == Side.PUBLIC ? "public" : "private",
                side == Side.PUBLIC ? "private" : "public", side, RulesMode.SCRIPT, Map.of());
    }

    public String getName() {
        return name;
    }

    public String getLocalName() {
        return localName;
    }

    public String getRemoteName() {
        return remoteName;
    }

    public Side getSide() {
        return side;
    }

    public RulesMode getMode() {
        return mode;
    }

    public Map<String, String> getSettings() {
        return settings;
    }

    @Override
    public String toString() {
        return name + " (" + localName + " -> " + remoteName + ", " + side + ")";
    }
}
