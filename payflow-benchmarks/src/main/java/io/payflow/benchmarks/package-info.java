/**
 * JMH benchmarks of payflow against its floors (the WeChat Pay SDK alone, plain JDBC) and its peers
 * (Spring Statemachine, COLA statemachine). Never published.
 */
@NullMarked
package io.payflow.benchmarks;

import org.jspecify.annotations.NullMarked;
