package io.payflow.jdbc;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import java.sql.SQLException;

/**
 * The database failed a call of payflow-jdbc (down, out of connections, a constraint the schema
 * sets). Nothing was changed by that call when payflow ran its own transaction; inside the host's
 * transaction the host rolls it back. The cause is the driver's {@link SQLException}.
 */
public class JdbcStoreException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  public JdbcStoreException(String operation, SQLException cause) {
    super(
        PayFlowErrorCode.STORE_FAILURE,
        operation + " failed in the database: SQLState " + cause.getSQLState() + ", " + cause,
        cause);
  }
}
