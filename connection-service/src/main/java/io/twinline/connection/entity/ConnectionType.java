package io.twinline.connection.entity;

/** {@code PRIVATE}: the destination has no URL and initiates every request; {@code PUBLIC}: both sides reachable. */
public enum ConnectionType { PRIVATE, PUBLIC }
