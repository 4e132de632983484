package io.payflow.core.memory;

import java.time.Instant;

/** A running effect's lease: immutable (a key of the lease-end index), so threadsafe. */
record Lease(String effectId, Instant until, long token) {}
