-- depends: mrr_monthly
-- mrr_movements_base: per customer and month, the MRR of the month and of the month
-- before, plus what a revenue start needs to be classified (KPI_SPEC section 3,
-- mrr_movements). Computed once per data version; the KPIs classify with their
-- parameters (reactivation_window_months) and aggregate.
-- Columns:
--   customer_id VARCHAR, month DATE,
--   mrr DOUBLE        MRR in the month (mrr_monthly, >= 0),
--   prev_mrr DOUBLE   MRR in the calendar month before (0 when the customer has no row then),
--   is_first_active BOOLEAN  true on the customer's first month ever with mrr > 0,
--   gap_months INTEGER  on a return (mrr > 0, prev_mrr = 0, active before): the number of
--                       whole months with mrr = 0 since the last active month (>= 1);
--                       NULL on every other row.
-- Rows where both mrr and prev_mrr are 0 carry no movement and no MRR and are left out.
CREATE OR REPLACE TABLE mrr_movements_base AS
WITH w AS (
  SELECT
    customer_id,
    month,
    mrr,
    lag(month) OVER (PARTITION BY customer_id ORDER BY month) AS prev_row_month,
    lag(mrr) OVER (PARTITION BY customer_id ORDER BY month) AS prev_row_mrr,
    max(CASE WHEN mrr > 0 THEN month END) OVER (
      PARTITION BY customer_id ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS last_active_before
  FROM mrr_monthly
),
p AS (
  SELECT
    customer_id,
    month,
    mrr,
    -- mrr_monthly is dense, but never trust that: only the row of the month before counts.
    CASE WHEN prev_row_month = CAST(month - INTERVAL 1 MONTH AS DATE) THEN prev_row_mrr ELSE CAST(0 AS DOUBLE) END AS prev_mrr,
    last_active_before
  FROM w
)
SELECT
  customer_id,
  month,
  mrr,
  prev_mrr,
  (mrr > 0 AND last_active_before IS NULL) AS is_first_active,
  CASE
    WHEN mrr > 0 AND prev_mrr = 0 AND last_active_before IS NOT NULL
      THEN CAST(date_diff('month', last_active_before, month) - 1 AS INTEGER)
  END AS gap_months
FROM p
WHERE mrr > 0 OR prev_mrr > 0;
