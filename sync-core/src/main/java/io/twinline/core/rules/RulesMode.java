package io.twinline.core.rules;

/** BASIC: the built-in rules, not editable, tickets only. SCRIPT: each side's own Groovy outgoing/incoming rules. */
public enum RulesMode {
    BASIC,
    SCRIPT
}
