package io.twinline.connection.entity;

public enum ConnectionStatus { PENDING, ACTIVE, DEACTIVATED, ERROR }
