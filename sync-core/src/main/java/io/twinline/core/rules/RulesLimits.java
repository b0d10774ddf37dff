package io.twinline.core.rules;

import java.time.Duration;

/**
 * What one compile and one run of sync rules may use. A run or compile that goes over is stopped and fails with a
 * clear error ({@link RulesRunException.Kind#TIMEOUT} or {@link RulesRunException.Kind#LIMIT};
 * {@link RulesCompileException} for compiles).
 *
 * @param runTimeout        time bound of one run (default 3 s); a run still busy a short grace later is abandoned
 * @param compileTimeout    time bound of one compile (default 30 s: generous, the default rules compile in well under a
 *                          second, but a busy machine can be many times slower)
 * @param maxSourceLength   longest rules text, in characters (default 100,000)
 * @param maxStringLength   longest string or string builder a run may build, in characters (default 10,000,000)
 * @param maxCollectionSize most elements of a list, set, map or range a run may build (default 1,000,000)
 * @param maxNumberDigits   most decimal digits of a big number a run may build (default 10,000)
 * @param maxRunAllocation  most bytes one run may allocate, garbage included (default 256 MB, at most a quarter of the
 *                          heap); 0 switches the check off
 * @param maxLogLines       most {@code log}/{@code println} lines kept and logged per run (default 1,000; the rest are
 *                          counted, not kept)
 * @param maxLogLineLength  longest kept log line, in characters (default 10,000; longer ones are cut)
 */
public record RulesLimits(Duration runTimeout, Duration compileTimeout, int maxSourceLength, int maxStringLength,
                          int maxCollectionSize, int maxNumberDigits, long maxRunAllocation, int maxLogLines,
                          int maxLogLineLength) {

    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(3);

    public RulesLimits {
        positive(runTimeout, "runTimeout");
        positive(compileTimeout, "compileTimeout");
        atLeastOne(maxSourceLength, "maxSourceLength");
        atLeastOne(maxStringLength, "maxStringLength");
        atLeastOne(maxCollectionSize, "maxCollectionSize");
        atLeastOne(maxNumberDigits, "maxNumberDigits");
        atLeastOne(maxLogLines, "maxLogLines");
        atLeastOne(maxLogLineLength, "maxLogLineLength");
        if (maxRunAllocation < 0) {
            throw new IllegalArgumentException("maxRunAllocation must not be negative: " + maxRunAllocation);
        }
    }

    public static RulesLimits defaults() {
        long allocation = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
        return new RulesLimits(DEFAULT_RUN_TIMEOUT, Duration.ofSeconds(30), 100_000, 10_000_000, 1_000_000, 10_000,
                allocation, 1_000, 10_000);
    }

    public RulesLimits withRunTimeout(Duration value) {
        return new RulesLimits(value, compileTimeout, maxSourceLength, maxStringLength, maxCollectionSize,
                maxNumberDigits, maxRunAllocation, maxLogLines, maxLogLineLength);
    }

    public RulesLimits withCompileTimeout(Duration value) {
        return new RulesLimits(runTimeout, value, maxSourceLength, maxStringLength, maxCollectionSize,
                maxNumberDigits, maxRunAllocation, maxLogLines, maxLogLineLength);
    }

    public RulesLimits withMaxSourceLength(int value) {
        return new RulesLimits(runTimeout, compileTimeout, value, maxStringLength, maxCollectionSize,
                maxNumberDigits, maxRunAllocation, maxLogLines, maxLogLineLength);
    }

    public RulesLimits withMaxStringLength(int value) {
        return new RulesLimits(runTimeout, compileTimeout, maxSourceLength, value, maxCollectionSize,
                maxNumberDigits, maxRunAllocation, maxLogLines, maxLogLineLength);
    }

    public RulesLimits withMaxCollectionSize(int value) {
        return new RulesLimits(runTimeout, compileTimeout, maxSourceLength, maxStringLength, value,
                maxNumberDigits, maxRunAllocation, maxLogLines, maxLogLineLength);
    }

    public RulesLimits withMaxNumberDigits(int value) {
        return new RulesLimits(runTimeout, compileTimeout, maxSourceLength, maxStringLength, maxCollectionSize,
                value, maxRunAllocation, maxLogLines, maxLogLineLength);
    }

    public RulesLimits withMaxRunAllocation(long bytes) {
        return new RulesLimits(runTimeout, compileTimeout, maxSourceLength, maxStringLength, maxCollectionSize,
                maxNumberDigits, bytes, maxLogLines, maxLogLineLength);
    }

    public RulesLimits withMaxLogLines(int value) {
        return new RulesLimits(runTimeout, compileTimeout, maxSourceLength, maxStringLength, maxCollectionSize,
                maxNumberDigits, maxRunAllocation, value, maxLogLineLength);
    }

    public RulesLimits withMaxLogLineLength(int value) {
        return new RulesLimits(runTimeout, compileTimeout, maxSourceLength, maxStringLength, maxCollectionSize,
                maxNumberDigits, maxRunAllocation, maxLogLines, value);
    }

    /**
     * How long after the time bound a run that did not stop by itself (it is inside one long library call) is
     * abandoned: a quarter of the bound, between 20 ms and 1 s, so a run is over well within twice its bound.
     */
    public Duration grace() {
        long quarter = runTimeout.toNanos() / 4;
        return Duration.ofNanos(Math.max(Duration.ofMillis(20).toNanos(), Math.min(quarter, Duration.ofSeconds(1).toNanos())));
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}
