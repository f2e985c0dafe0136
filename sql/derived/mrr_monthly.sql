-- depends: calendar_months
-- mrr_monthly: customer x month MRR (KPI_SPEC section 1, snapshot rule), dense, with what
-- the movement KPIs need to compare a month with the month before.
-- Columns:
--   customer_id VARCHAR, month DATE (first day),
--   mrr DOUBLE              the customer's MRR in the month (> 0 = active; never negative),
--   prev_mrr DOUBLE         its MRR in the calendar month before (0 when inactive then),
--   is_first_active BOOLEAN true on the customer's first month ever with mrr > 0,
--   gap_months INTEGER      on a return (mrr > 0, prev_mrr = 0, active before): the number of
--                           whole months at 0 since the last active month (>= 1); else NULL.
--
-- Where each customer's MRR comes from:
--   * a customer that appears in mrr_monthly_source (a snapshot-shaped export) takes ALL
--     its months from that export: the sum of its rows per month (a month it is absent
--     from is 0). Its subscription_periods rows, if any, are ignored. Whole customers win,
--     never single customer-months, so one customer's history never mixes two sources
--     (snapshot exports usually list only active months: an absent month means 0, and
--     filling it from the other source would invent revenue);
--   * every other customer: the snapshot rule over subscription_periods. MRR(M) is the sum
--     of mrr over its periods with start_date <= last_day(M) and (end_date IS NULL or
--     end_date > last_day(M)); end_date is exclusive. Equivalently a period counts in the
--     months month(start_date) <= M < month(end_date): a period that starts and ends in
--     the same month counts in none.
-- A customer-month whose MRR sums to zero or less (credits larger than charges) counts as
-- 0: revenue KPIs read "active" as mrr > 0 and total MRR as the sum of active customers'
-- MRR, so a negative amount only nets against the same customer's other periods.
-- Rows with a NULL customer_id, start_date or month are left out; a NULL mrr counts as 0;
-- months are truncated to their first day.
--
-- Dense: one row per customer for EVERY month from its first month with mrr > 0 to the
-- last month of calendar_months (the month containing the data end), including months at
-- 0 after churn or between two active spells; a customer never active has no rows. So the
-- table always reaches the data end, and churn is visible as the first row at 0.
--
-- Shape (100 k customers x 36 months, 1.1 M periods): customers get integer keys; periods
-- are expanded to their active months and summed once (exact sums, no running totals that
-- could leave 1e-17 instead of 0); one sort-based window over the active rows finds the
-- neighbouring active months; the months at 0 are generated from the gaps; the text ids
-- are joined back once at the end.
CREATE OR REPLACE TABLE mrr_monthly AS
WITH last_cal AS (
  -- month index (year * 12 + month - 1) just after the calendar's last month
  SELECT year(max(month)) * 12 + month(max(month)) AS end_idx FROM calendar_months
),
src AS (
  SELECT customer_id, year(month) * 12 + month(month) - 1 AS mi, coalesce(sum(mrr), 0) AS mrr
  FROM mrr_monthly_source
  WHERE customer_id IS NOT NULL AND month IS NOT NULL
  GROUP BY 1, 2
),
-- an integer key per customer: sorting and grouping on it is much cheaper than on text ids
-- (materialized: every reference must see the same numbering)
keys AS MATERIALIZED (
  SELECT customer_id, row_number() OVER () AS ck
  FROM (SELECT DISTINCT customer_id FROM subscription_periods WHERE customer_id IS NOT NULL
        UNION SELECT customer_id FROM src)
),
periods AS (
  SELECT
    k.ck,
    year(p.start_date) * 12 + month(p.start_date) - 1 AS a,
    -- first month index the period no longer counts in (ongoing: after the calendar)
    CASE
      WHEN p.end_date IS NULL THEN l.end_idx
      ELSE least(year(p.end_date) * 12 + month(p.end_date) - 1, l.end_idx)
    END AS b,
    p.mrr
  FROM subscription_periods p
  JOIN keys k ON k.customer_id = p.customer_id
  CROSS JOIN last_cal l
  ANTI JOIN (SELECT DISTINCT customer_id FROM src) s ON s.customer_id = p.customer_id
  WHERE p.customer_id IS NOT NULL AND p.start_date IS NOT NULL
),
active AS (
  SELECT k.ck, mi, mrr FROM src JOIN keys k USING (customer_id) CROSS JOIN last_cal l WHERE mrr > 0 AND mi < l.end_idx
  UNION ALL
  SELECT ck, mi, sum(mrr) AS mrr
  FROM (SELECT ck, unnest(range(a, b)) AS mi, mrr FROM periods WHERE b > a)
  GROUP BY ck, mi
  HAVING sum(mrr) > 0
),
w AS (
  -- one global sort; neighbours of another customer are ignored
  SELECT
    ck,
    mi,
    mrr,
    CASE WHEN lag(ck) OVER o = ck THEN lag(mi) OVER o END AS prev_mi,
    CASE WHEN lag(ck) OVER o = ck THEN lag(mrr) OVER o END AS prev_active_mrr,
    CASE WHEN lead(ck) OVER o = ck THEN lead(mi) OVER o END AS next_mi
  FROM active
  WINDOW o AS (ORDER BY ck, mi)
),
all_rows AS (
  -- active months
  SELECT
    ck,
    mi,
    mrr,
    CASE WHEN prev_mi = mi - 1 THEN prev_active_mrr ELSE CAST(0 AS DOUBLE) END AS prev_mrr,
    prev_mi IS NULL AS is_first_active,
    CASE WHEN prev_mi < mi - 1 THEN CAST(mi - prev_mi - 1 AS INTEGER) END AS gap_months
  FROM w
  UNION ALL
  -- months at 0 after an active month, up to the next active month or the calendar's end;
  -- the first of them books the churn of the active month's MRR
  SELECT
    ck,
    zmi,
    CAST(0 AS DOUBLE),
    CASE WHEN zmi = mi + 1 THEN mrr ELSE CAST(0 AS DOUBLE) END,
    false,
    CAST(NULL AS INTEGER)
  FROM (
    SELECT ck, mi, mrr, unnest(range(mi + 1, coalesce(next_mi, l.end_idx))) AS zmi
    FROM w CROSS JOIN last_cal l
    WHERE coalesce(next_mi, l.end_idx) > mi + 1
  )
)
SELECT
  k.customer_id,
  make_date(CAST(r.mi // 12 AS BIGINT), CAST(r.mi % 12 + 1 AS BIGINT), 1) AS month,
  r.mrr,
  r.prev_mrr,
  r.is_first_active,
  r.gap_months
FROM all_rows r
JOIN keys k ON k.ck = r.ck;
