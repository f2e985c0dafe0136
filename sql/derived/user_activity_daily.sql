-- user_activity_daily: one row per user and calendar day with at least one event.
-- Columns: user_id VARCHAR, customer_id VARCHAR, day DATE, events BIGINT,
--          first_event_time TIMESTAMP, last_event_time TIMESTAMP.
-- Built over the full data range (no as_of): KPIs filter by $as_of themselves.
-- Rows with a NULL user_id or event_time are left out (they cannot be placed).
-- customer_id: the smallest non-NULL customer_id among the user's events of that day
-- (deterministic when a user's events name several customers); NULL when none does.
-- All events count, whatever their event_name; KPIs with an event filter
-- (active_events) read `events` directly.
CREATE OR REPLACE TABLE user_activity_daily AS
SELECT
  user_id,
  min(customer_id) AS customer_id,
  CAST(event_time AS DATE) AS day,
  CAST(count(*) AS BIGINT) AS events,
  min(event_time) AS first_event_time,
  max(event_time) AS last_event_time
FROM events
WHERE user_id IS NOT NULL AND event_time IS NOT NULL
GROUP BY user_id, CAST(event_time AS DATE)
;
