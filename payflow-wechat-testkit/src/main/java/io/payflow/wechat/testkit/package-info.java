/**
 * A local WeChat Pay v3 simulator that signs like WeChat, for tests of code that calls WeChat Pay.
 */
@NullMarked
package io.payflow.wechat.testkit;

import org.jspecify.annotations.NullMarked;
