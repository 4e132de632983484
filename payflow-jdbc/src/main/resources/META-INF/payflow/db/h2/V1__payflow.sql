-- payflow-jdbc schema, version 1, for H2 2.x (demos and tests).
-- Hand this file to Flyway or Liquibase as it is, or let JdbcSchema.initialize(...) run it.
-- Every name starts with the table prefix payflow_; JdbcSchema.script(...) gives this script with
-- another prefix. Times are UTC, to the microsecond. Amounts are fen (BIGINT). Maps are JSON text.

CREATE TABLE IF NOT EXISTS payflow_schema_version (
  version      INT          NOT NULL PRIMARY KEY,
  description  VARCHAR(200) NOT NULL,
  installed_at TIMESTAMP(6) NOT NULL DEFAULT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC')
);

-- One row per order. due_at is expires_at while the order can expire (RESERVING,
-- PENDING_PAYMENT), else NULL; claim_until / claim_attempts are the claim of its expiry work.
CREATE TABLE IF NOT EXISTS payflow_orders (
  order_no               VARCHAR(64)  NOT NULL PRIMARY KEY,
  user_id                VARCHAR(128) NOT NULL,
  total_amount           BIGINT       NOT NULL,
  description            VARCHAR       NOT NULL,
  status                 VARCHAR(32)  NOT NULL,
  version                BIGINT       NOT NULL,
  created_at             TIMESTAMP(6) NOT NULL,
  expires_at             TIMESTAMP(6) NOT NULL,
  paid_at                TIMESTAMP(6),
  closed_at              TIMESTAMP(6),
  fulfillment_started_at TIMESTAMP(6),
  refunded_amount        BIGINT       NOT NULL,
  failure_reason         VARCHAR,
  line_count             INT          NOT NULL,
  payment_count          INT          NOT NULL,
  refund_count           INT          NOT NULL,
  due_at                 TIMESTAMP(6),
  claim_until            TIMESTAMP(6),
  claim_attempts         INT          NOT NULL DEFAULT 0,
  fresh_due_at           TIMESTAMP(6) GENERATED ALWAYS AS (CASE WHEN claim_until IS NULL THEN due_at END),
  reclaim_at             TIMESTAMP(6) GENERATED ALWAYS AS (CASE WHEN due_at IS NOT NULL THEN claim_until END)
);
CREATE INDEX IF NOT EXISTS payflow_orders_fresh_due_idx ON payflow_orders (fresh_due_at, order_no);
CREATE INDEX IF NOT EXISTS payflow_orders_reclaim_idx ON payflow_orders (reclaim_at, order_no);
CREATE INDEX IF NOT EXISTS payflow_orders_created_idx ON payflow_orders (created_at, order_no);
CREATE INDEX IF NOT EXISTS payflow_orders_status_idx ON payflow_orders (status);

CREATE TABLE IF NOT EXISTS payflow_order_lines (
  order_no   VARCHAR(64)  NOT NULL,
  line_no    INT          NOT NULL,
  sku        VARCHAR(128) NOT NULL,
  quantity   INT          NOT NULL,
  unit_price BIGINT       NOT NULL,
  PRIMARY KEY (order_no, line_no),
  CONSTRAINT payflow_order_lines_order_fk FOREIGN KEY (order_no) REFERENCES payflow_orders (order_no)
);

-- One row per payment. due_at is created_at while its result is unknown (CREATED, PREPAID,
-- UNKNOWN), else NULL. order_version is the order's version when the row was last written.
CREATE TABLE IF NOT EXISTS payflow_payments (
  payment_no     VARCHAR(64)  NOT NULL PRIMARY KEY,
  order_no       VARCHAR(64)  NOT NULL,
  list_index     INT          NOT NULL,
  channel        VARCHAR(64)  NOT NULL,
  trade_type     VARCHAR(32)  NOT NULL,
  amount         BIGINT       NOT NULL,
  status         VARCHAR(32)  NOT NULL,
  payer_id       VARCHAR(128),
  client_ip      VARCHAR(64),
  prepay_data    VARCHAR       NOT NULL,
  transaction_id VARCHAR(128),
  failure_code   VARCHAR(128),
  failure_reason VARCHAR,
  created_at     TIMESTAMP(6) NOT NULL,
  updated_at     TIMESTAMP(6) NOT NULL,
  paid_at        TIMESTAMP(6),
  order_version  BIGINT       NOT NULL,
  due_at         TIMESTAMP(6),
  claim_until    TIMESTAMP(6),
  claim_attempts INT          NOT NULL DEFAULT 0,
  fresh_due_at   TIMESTAMP(6) GENERATED ALWAYS AS (CASE WHEN claim_until IS NULL THEN due_at END),
  reclaim_at     TIMESTAMP(6) GENERATED ALWAYS AS (CASE WHEN due_at IS NOT NULL THEN claim_until END),
  CONSTRAINT payflow_payments_order_fk FOREIGN KEY (order_no) REFERENCES payflow_orders (order_no)
);
CREATE INDEX IF NOT EXISTS payflow_payments_order_idx ON payflow_payments (order_no, list_index);
CREATE INDEX IF NOT EXISTS payflow_payments_due_idx ON payflow_payments (due_at, payment_no);
CREATE INDEX IF NOT EXISTS payflow_payments_fresh_due_idx ON payflow_payments (fresh_due_at, payment_no);
CREATE INDEX IF NOT EXISTS payflow_payments_reclaim_idx ON payflow_payments (reclaim_at, payment_no);
CREATE INDEX IF NOT EXISTS payflow_payments_status_idx ON payflow_payments (status);

-- One row per refund. due_at is updated_at while it is CREATED or PROCESSING, else NULL.
CREATE TABLE IF NOT EXISTS payflow_refunds (
  refund_no         VARCHAR(64)  NOT NULL PRIMARY KEY,
  order_no          VARCHAR(64)  NOT NULL,
  payment_no        VARCHAR(64)  NOT NULL,
  list_index        INT          NOT NULL,
  amount            BIGINT       NOT NULL,
  reason            VARCHAR       NOT NULL,
  status            VARCHAR(32)  NOT NULL,
  kind              VARCHAR(32)  NOT NULL,
  channel_refund_id VARCHAR(128),
  failure_reason    VARCHAR,
  created_at        TIMESTAMP(6) NOT NULL,
  updated_at        TIMESTAMP(6) NOT NULL,
  completed_at      TIMESTAMP(6),
  order_version     BIGINT       NOT NULL,
  due_at            TIMESTAMP(6),
  claim_until       TIMESTAMP(6),
  claim_attempts    INT          NOT NULL DEFAULT 0,
  fresh_due_at      TIMESTAMP(6) GENERATED ALWAYS AS (CASE WHEN claim_until IS NULL THEN due_at END),
  reclaim_at        TIMESTAMP(6) GENERATED ALWAYS AS (CASE WHEN due_at IS NOT NULL THEN claim_until END),
  CONSTRAINT payflow_refunds_order_fk FOREIGN KEY (order_no) REFERENCES payflow_orders (order_no)
);
CREATE INDEX IF NOT EXISTS payflow_refunds_order_idx ON payflow_refunds (order_no, list_index);
CREATE INDEX IF NOT EXISTS payflow_refunds_payment_idx ON payflow_refunds (payment_no);
CREATE INDEX IF NOT EXISTS payflow_refunds_due_idx ON payflow_refunds (due_at, refund_no);
CREATE INDEX IF NOT EXISTS payflow_refunds_fresh_due_idx ON payflow_refunds (fresh_due_at, refund_no);
CREATE INDEX IF NOT EXISTS payflow_refunds_reclaim_idx ON payflow_refunds (reclaim_at, refund_no);
CREATE INDEX IF NOT EXISTS payflow_refunds_status_idx ON payflow_refunds (status);

-- The effects outbox. due_at is when a runner may claim it: next_attempt_at while PENDING, the
-- lease end while RUNNING, NULL once DONE or DEAD. lease_token fences the runner that holds it.
CREATE TABLE IF NOT EXISTS payflow_effects (
  seq             BIGINT       GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  effect_id       VARCHAR(255) NOT NULL,
  order_no        VARCHAR(64)  NOT NULL,
  type            VARCHAR(32)  NOT NULL,
  target          VARCHAR(255),
  data            VARCHAR       NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INT          NOT NULL,
  next_attempt_at TIMESTAMP(6) NOT NULL,
  last_error      VARCHAR,
  created_at      TIMESTAMP(6) NOT NULL,
  updated_at      TIMESTAMP(6) NOT NULL,
  lease_until     TIMESTAMP(6),
  lease_token     BIGINT       NOT NULL DEFAULT 0,
  due_at          TIMESTAMP(6) GENERATED ALWAYS AS (CASE WHEN status = 'PENDING' THEN next_attempt_at WHEN status = 'RUNNING' THEN COALESCE(lease_until, updated_at) END),
  CONSTRAINT payflow_effects_id_uq UNIQUE (effect_id),
  CONSTRAINT payflow_effects_order_fk FOREIGN KEY (order_no) REFERENCES payflow_orders (order_no)
);
CREATE INDEX IF NOT EXISTS payflow_effects_order_idx ON payflow_effects (order_no, seq);
CREATE INDEX IF NOT EXISTS payflow_effects_due_idx ON payflow_effects (due_at, effect_id);
CREATE INDEX IF NOT EXISTS payflow_effects_status_idx ON payflow_effects (status, updated_at, effect_id);

-- The flow trace: who called whom with what, per order, in append order (seq).
CREATE TABLE IF NOT EXISTS payflow_trace (
  seq         BIGINT       GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  order_no    VARCHAR(64)  NOT NULL,
  occurred_at TIMESTAMP(6) NOT NULL,
  from_party  VARCHAR(32)  NOT NULL,
  to_party    VARCHAR(32)  NOT NULL,
  message     VARCHAR       NOT NULL,
  reply       BOOLEAN      NOT NULL,
  block_path  VARCHAR       NOT NULL
);
CREATE INDEX IF NOT EXISTS payflow_trace_order_idx ON payflow_trace (order_no, seq);

-- JdbcInventoryService: stock per sku, one reservation per order with its lines.
CREATE TABLE IF NOT EXISTS payflow_stock (
  sku        VARCHAR(128) NOT NULL PRIMARY KEY,
  available  BIGINT       NOT NULL,
  reserved   BIGINT       NOT NULL DEFAULT 0,
  sold       BIGINT       NOT NULL DEFAULT 0,
  updated_at TIMESTAMP(6) NOT NULL
);

CREATE TABLE IF NOT EXISTS payflow_reservations (
  order_no   VARCHAR(64)  NOT NULL PRIMARY KEY,
  status     VARCHAR(16)  NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  updated_at TIMESTAMP(6) NOT NULL
);

CREATE TABLE IF NOT EXISTS payflow_reservation_lines (
  order_no VARCHAR(64)  NOT NULL,
  sku      VARCHAR(128) NOT NULL,
  quantity BIGINT       NOT NULL,
  PRIMARY KEY (order_no, sku),
  CONSTRAINT payflow_reservation_lines_fk FOREIGN KEY (order_no) REFERENCES payflow_reservations (order_no)
);

MERGE INTO payflow_schema_version (version, description) KEY (version) VALUES (1, 'payflow tables');
