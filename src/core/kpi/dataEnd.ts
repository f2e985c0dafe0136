/**
 * SQL for the report date default: the latest date in the loaded data, over subscription
 * start/end dates, monthly MRR snapshots, event times, response and ticket times
 * (KPI_SPEC section 1, "Report date"). The canonical views always exist (empty when no
 * file of their role is loaded), so this never fails on a partial workspace.
 */
export const DATA_END_SQL = `
SELECT CAST(max(d) AS DATE) AS data_end FROM (
  SELECT max(start_date) AS d FROM subscription_periods
  UNION ALL SELECT max(end_date) FROM subscription_periods
  UNION ALL SELECT max(month) FROM mrr_monthly_source
  UNION ALL SELECT CAST(max(event_time) AS DATE) FROM events
  UNION ALL SELECT CAST(max(responded_at) AS DATE) FROM responses
  UNION ALL SELECT CAST(max(created_at) AS DATE) FROM tickets
  UNION ALL SELECT CAST(max(resolved_at) AS DATE) FROM tickets
)`;
