/**
 * The source dictionaries, as data. To support another export, add a JSON file next
 * to these (see `../dictionary.ts` for its shape) and list it here.
 */
import type { SourceDictionary } from '../dictionary.js';
import amplitude from './amplitude.json';
import baremetrics from './baremetrics.json';
import chargebee from './chargebee.json';
import generic from './generic.json';
import hubspot from './hubspot.json';
import intercom from './intercom.json';
import mixpanel from './mixpanel.json';
import posthog from './posthog.json';
import sample from './kpi-workbench-sample.json';
import salesforce from './salesforce.json';
import stripe from './stripe.json';
import zendesk from './zendesk.json';

/** Every known source, most specific first. */
export const SOURCES: readonly SourceDictionary[] = [
  sample,
  stripe,
  chargebee,
  baremetrics,
  hubspot,
  salesforce,
  zendesk,
  intercom,
  posthog,
  amplitude,
  mixpanel,
  generic,
] as SourceDictionary[];

/** The dictionary with this id, if any. */
export function sourceById(id: string): SourceDictionary | undefined {
  return SOURCES.find((s) => s.id === id);
}
