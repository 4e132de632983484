/** The contract between payflow and a payment channel such as WeChat Pay. */
@NullMarked
package io.payflow.core.channel;

import org.jspecify.annotations.NullMarked;
