/** A durable OrderStore and InventoryService on plain JDBC. */
@NullMarked
package io.payflow.jdbc;

import org.jspecify.annotations.NullMarked;
