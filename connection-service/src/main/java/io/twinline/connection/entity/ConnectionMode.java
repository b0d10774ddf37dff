package io.twinline.connection.entity;

/** {@code BASIC}: fixed built-in rules; {@code SCRIPT}: Groovy outgoing and incoming rules per side. */
public enum ConnectionMode { BASIC, SCRIPT }
