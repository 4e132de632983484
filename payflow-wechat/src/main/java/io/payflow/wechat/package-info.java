/** A payflow payment channel for WeChat Pay v3: its configuration and the channel itself. */
@NullMarked
package io.payflow.wechat;

import org.jspecify.annotations.NullMarked;
