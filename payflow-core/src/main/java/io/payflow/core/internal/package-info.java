/** Implementation of the payflow facade; not an API, may change in any release. */
@NullMarked
package io.payflow.core.internal;

import org.jspecify.annotations.NullMarked;
