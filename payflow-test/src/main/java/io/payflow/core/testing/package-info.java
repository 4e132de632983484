/**
 * Fakes for a host's tests and payflow's own: a scriptable {@code FakeChannel}, a {@code
 * RecordingNotifier} and {@code RecordingListener}, a controllable {@code MutableClock}, an
 * inventory that counts its calls, and a store wrapper to override one method of.
 */
@NullMarked
package io.payflow.core.testing;

import org.jspecify.annotations.NullMarked;
