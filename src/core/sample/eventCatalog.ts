/**
 * The product's tracking plan: the everyday events of a session and their weights.
 * Milestones (complete_onboarding, integrate_crm, invite_user, post_review) are
 * scheduled per customer instead (milestones.ts); `login` opens half the sessions.
 */

/** Everyday event names. */
export const EVERYDAY_EVENTS: readonly string[] = [
  'view_dashboard',
  'view_report',
  'create_report',
  'search',
  'export_csv',
  'share_report',
  'update_settings',
];

/** Weights of `EVERYDAY_EVENTS`. */
export const EVERYDAY_WEIGHTS: readonly number[] = [40, 20, 12, 10, 7, 5, 2];

/** Every event name the generator can write. */
export const ALL_EVENT_NAMES: readonly string[] = [
  'login',
  ...EVERYDAY_EVENTS,
  'complete_onboarding',
  'integrate_crm',
  'invite_user',
  'post_review',
];
