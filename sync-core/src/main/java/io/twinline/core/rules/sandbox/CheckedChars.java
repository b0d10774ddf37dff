package io.twinline.core.rules.sandbox;

/**
 * A string as regular expressions see it, checking the run's deadline every few thousand characters read: a
 * pattern that backtracks catastrophically ({@code (a+)+b} on a long run of {@code a}s) reads characters all the
 * time, so it stops at the time bound like a loop does, without a thread being stopped.
 */
final class CheckedChars implements CharSequence {
    private static final int CHECK_EVERY = 4096;
    private final String text;
    private int reads;

    CheckedChars(String text) {
        this.text = text;
    }

    @Override
    public char charAt(int index) {
        if (++reads == CHECK_EVERY) {
            reads = 0;
            RunGuard.checkDeadline();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end); // groups and replacements are plain strings again
    }

    @Override
    public String toString() {
        return text;
    }
}
