/** The demo shop's REST API over the PayFlow facade, and its JSON error mapping. */
@NullMarked
package io.payflow.examples.web;

import org.jspecify.annotations.NullMarked;
