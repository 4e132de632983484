/**
 * Spring Boot auto-configuration for payflow: the {@code payflow.*} properties, the {@code PayFlow}
 * and its SPIs, the WeChat Pay channel and its callback endpoint, scheduling, metrics and health.
 */
@NullMarked
package io.payflow.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
