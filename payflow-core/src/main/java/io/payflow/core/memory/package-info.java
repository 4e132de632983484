/**
 * Thread-safe in-memory implementations of the host SPIs: the embedded defaults, not for
 * production.
 */
@NullMarked
package io.payflow.core.memory;

import org.jspecify.annotations.NullMarked;
