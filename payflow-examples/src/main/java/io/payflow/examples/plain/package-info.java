/**
 * A shop without Spring: plain Java wiring {@code PayFlow}, the WeChat Pay channel (pointed at the
 * simulator) and the core scheduler, with a JDK HTTP server as its callback endpoint.
 */
@NullMarked
package io.payflow.examples.plain;

import org.jspecify.annotations.NullMarked;
