/** The simulator's implementation: keys, signing, order state and the WireMock extension. */
@NullMarked
package io.payflow.wechat.testkit.internal;

import org.jspecify.annotations.NullMarked;
