package io.twinline.core.model;

import java.util.Objects;

/** A tracker user: Freshdesk contact or agent, Jira user. {@code key} is the tracker's id for the user. */
public final class User {
    private String key;
    private String displayName;
    private String email;
    private String username;

    public User() {
    }

    public User(String key, String displayName, String email, String username) {
        this.key = key;
        this.displayName = displayName;
        this.email = email;
        this.username = username;
    }

    public String getKey() {
        return key;
    }

    public void setKey(Object key) {
        this.key = key == null ? null : key.toString();
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /**
     * A user as a sync script may name one: a User, an e-mail, a username or account id (plain text), or a map with
     * {@code key}, {@code email}, {@code username}, {@code displayName}. The tracker resolves it as it resolves any user,
     * so an unknown one fails the same way whichever form named it.
     */
    public static User of(Object value) {
        if (value == null || value instanceof User) {
            return (User) value;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().strip();
            if (s.isEmpty()) {
                return null;
            }
            return s.contains("@") ? new User(null, null, s, null) : new User(s, null, null, s);
        }
        if (value instanceof java.util.Map<?, ?> map) {
            User user = new User();
            user.setKey(map.get("key"));
            user.setEmail(map.get("email") == null ? null : map.get("email").toString());
            user.setUsername(map.get("username") == null ? null : map.get("username").toString());
            user.setDisplayName(map.get("displayName") == null ? null : map.get("displayName").toString());
            return user;
        }
        throw new IllegalArgumentException("a user is a User, an e-mail, a username or an account id, not "
                + value.getClass().getSimpleName());
    }

    /** The best human-readable name: display name, else username, else e-mail, else key. */
    public String describe() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        if (username != null && !username.isBlank()) {
            return username;
        }
        return email != null ? email : String.valueOf(key);
    }

    public User copy() {
        return new User(key, displayName, email, username);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u && Objects.equals(key, u.key) && Objects.equals(displayName, u.displayName)
                && Objects.equals(email, u.email) && Objects.equals(username, u.username);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, displayName, email, username);
    }

    @Override
    public String toString() {
        return describe();
    }
}
