/** How the WeChat Pay channel talks to the official SDK; not an API, may change at any time. */
@NullMarked
package io.payflow.wechat.internal;

import org.jspecify.annotations.NullMarked;
