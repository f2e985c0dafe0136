import { describe, expect, it } from 'vitest';
import { ALL_EVENT_NAMES } from '../../../src/core/sample/eventCatalog.js';
import { HEADERS, SAMPLE_TABLES } from '../../../src/core/sample/headers.js';
import {
  CHANNEL_LABELS,
  INTERVAL_LABELS,
  PLAN_LABELS,
  SATISFACTION_LABELS,
  STATUS_LABELS,
  SURVEY_LABELS,
} from '../../../src/core/sample/labels.js';
import type { SampleLocale } from '../../../src/core/sample/locale.js';
import { eventInstant, generate, norm, TEST_PARAMS, type Generated, type Rec } from './fixture.js';

const END = '2026-10-31';
const START = '2024-11-01'; // 24 months ending October 2026
const CLIP = Date.parse('2026-10-31T23:59:59.999+09:00');

function byCustomer(rows: Rec[]): Map<string, Rec[]> {
  const m = new Map<string, Rec[]>();
  for (const r of rows) {
    const id = r.customer_id as string;
    const list = m.get(id) ?? [];
    list.push(r);
    m.set(id, list);
  }
  return m;
}

function sorted(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if ((values[i - 1] as string) > (values[i] as string)) return false;
  return true;
}

const digits = (id: string): string => id.replace(/\D/g, '');

for (const locale of ['en', 'ja'] as SampleLocale[]) {
  describe(`sample generator (${locale})`, () => {
    let g: Generated;
    const get = (): Generated => (g ??= generate(locale));

    it('writes the locale headers and line endings', () => {
      const { header, text } = get();
      for (const t of SAMPLE_TABLES) expect(header[t]).toEqual(HEADERS[t][locale]);
      const nl = locale === 'ja' ? '\r\n' : '\n';
      expect(text.customers.endsWith(nl)).toBe(true);
      expect(text.customers.split(nl).length).toBe(TEST_PARAMS.customers + 2);
    });

    it('has exactly the requested customers, ids in signup order, trials of 14 days', () => {
      const c = get().rows.customers;
      expect(c).toHaveLength(TEST_PARAMS.customers);
      expect(new Set(c.map((r) => r.customer_id)).size).toBe(c.length);
      expect(sorted(c.map((r) => r.customer_id as string))).toBe(true);
      expect(sorted(c.map((r) => norm(r.signup_date as string)))).toBe(true);
      for (const r of c) {
        const signup = norm(r.signup_date as string);
        expect(signup >= START && signup <= END).toBe(true);
        expect(Object.values(PLAN_LABELS[locale])).toContain(r.plan);
        if (r.trial_start) {
          expect(norm(r.trial_start)).toBe(signup);
          expect(Date.parse(norm(r.trial_end as string)) - Date.parse(signup)).toBe(14 * 86_400_000);
        } else expect(r.trial_end).toBe('');
      }
      const trials = c.filter((r) => r.trial_start).length / c.length;
      expect(trials).toBeGreaterThan(0.7);
      expect(trials).toBeLessThan(0.95);
    });

    it('writes valid, non-overlapping subscription periods with consistent MRR', () => {
      const { rows } = get();
      const signup = new Map(rows.customers.map((r) => [r.customer_id, norm(r.signup_date as string)]));
      const currency = locale === 'ja' ? 'JPY' : 'USD';
      for (const [id, periods] of byCustomer(rows.subscriptions)) {
        expect(signup.has(id)).toBe(true);
        let prevEnd: string | null = '0000-00-00';
        for (const p of periods) {
          const start = norm(p.start_date as string);
          const end = p.end_date ? norm(p.end_date) : null;
          expect(start >= (signup.get(id) as string)).toBe(true);
          expect(start <= END).toBe(true);
          if (end !== null) {
            expect(end > start).toBe(true);
            expect(end <= END).toBe(true);
          }
          // Sorted by start and never overlapping: an ongoing period is the last one.
          expect(prevEnd).not.toBeNull();
          expect(start >= (prevEnd as string)).toBe(true);
          prevEnd = end;
          expect(p.currency).toBe(currency);
          const months = p.billing_interval === INTERVAL_LABELS[locale].year ? 12 : 1;
          expect(Object.values(INTERVAL_LABELS[locale])).toContain(p.billing_interval);
          expect(Number(p.mrr)).toBe((Number(p.amount) * Number(p.quantity)) / months);
          expect(Number(p.quantity)).toBeGreaterThanOrEqual(1);
        }
      }
    });

    it('covers the subscription edge cases KPIs must handle', () => {
      const subs = get().rows.subscriptions;
      const year = INTERVAL_LABELS[locale].year;
      expect(subs.some((p) => p.billing_interval === year)).toBe(true);
      expect(subs.some((p) => Number(p.amount) === 0)).toBe(true);
      expect(
        subs.some((p) => p.end_date && norm(p.end_date).slice(0, 7) === norm(p.start_date as string).slice(0, 7)),
      ).toBe(true);
      expect(subs.some((p) => norm(p.start_date as string).endsWith('-01'))).toBe(true);
      expect(subs.some((p) => !norm(p.start_date as string).endsWith('-01'))).toBe(true);
      let reactivations = 0;
      let expansions = 0;
      let contractions = 0;
      for (const periods of byCustomer(subs).values()) {
        for (let i = 1; i < periods.length; i++) {
          const prev = periods[i - 1] as Rec;
          const cur = periods[i] as Rec;
          if (norm(cur.start_date as string) > norm(prev.end_date as string)) reactivations++;
          else if (Number(cur.mrr) > Number(prev.mrr) && Number(prev.mrr) > 0) expansions++;
          else if (Number(cur.mrr) < Number(prev.mrr) && Number(cur.mrr) > 0) contractions++;
        }
      }
      expect(reactivations).toBeGreaterThan(0);
      expect(expansions).toBeGreaterThan(5);
      expect(contractions).toBeGreaterThan(0);
    });

    it('has realistic trial conversion and monthly logo churn', () => {
      const { rows } = get();
      const paying = new Set(rows.subscriptions.map((r) => r.customer_id));
      const oldTrials = rows.customers.filter((r) => r.trial_start && norm(r.trial_start) < '2026-08-01');
      const conversion = oldTrials.filter((r) => paying.has(r.customer_id)).length / oldTrials.length;
      expect(conversion).toBeGreaterThan(0.45);
      expect(conversion).toBeLessThan(0.75);

      // Month-end snapshot MRR per customer, then logo churn = active last month, not this month.
      const months: string[] = [];
      for (let y = 2024, m = 11; y * 12 + m <= 2026 * 12 + 10; m === 12 ? ((m = 1), y++) : m++) {
        const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        months.push(last);
      }
      const active = months.map((last) => {
        const set = new Set<string>();
        for (const p of rows.subscriptions) {
          const s = norm(p.start_date as string);
          const e = p.end_date ? norm(p.end_date) : null;
          if (s <= last && (e === null || e > last) && Number(p.mrr) > 0) set.add(p.customer_id as string);
        }
        return set;
      });
      let churned = 0;
      let base = 0;
      for (let i = 1; i < active.length; i++) {
        const prev = active[i - 1] as Set<string>;
        if (prev.size < 30) continue;
        base += prev.size;
        for (const id of prev) if (!(active[i] as Set<string>).has(id)) churned++;
      }
      const churnRate = churned / base;
      expect(churnRate).toBeGreaterThan(0.012);
      expect(churnRate).toBeLessThan(0.04);
    });

    it('writes events in time order, with offsets, only for known users and names', () => {
      const { rows } = get();
      const customers = new Set(rows.customers.map((r) => r.customer_id));
      const pattern =
        locale === 'ja' ? /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/ : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
      let prev = 0;
      const onboarding = new Map<string, number>();
      const names = new Set<string>(ALL_EVENT_NAMES);
      const bad: Rec[] = [];
      for (const e of rows.events) {
        const t = eventInstant(e.event_time as string);
        const ok =
          pattern.test(e.event_time as string) &&
          t >= prev &&
          t <= CLIP &&
          customers.has(e.customer_id) &&
          digits(e.user_id as string).startsWith(digits(e.customer_id as string)) &&
          names.has(e.event_name as string) &&
          /^[0-9a-f]{12}$/.test(e.session_id as string);
        if (!ok) bad.push(e);
        prev = t;
        if (e.event_name === 'complete_onboarding')
          onboarding.set(e.customer_id as string, (onboarding.get(e.customer_id as string) ?? 0) + 1);
      }
      expect(bad.slice(0, 3)).toEqual([]);
      expect(rows.events.length).toBeGreaterThan(20_000);
      expect(Math.max(...onboarding.values())).toBe(1);
      expect(onboarding.size).toBeGreaterThan(TEST_PARAMS.customers * 0.4);
      const seen = new Set(rows.events.map((e) => e.event_name));
      for (const n of ['login', 'view_dashboard', 'export_csv', 'invite_user', 'integrate_crm', 'complete_onboarding'])
        expect(seen).toContain(n);
    });

    it('has quiet weekends in the event data', () => {
      const byWeekday = new Array<number>(7).fill(0);
      const offset = locale === 'ja' ? 9 : -5;
      for (const e of get().rows.events) {
        const local = new Date(eventInstant(e.event_time as string) + offset * 3_600_000);
        byWeekday[local.getUTCDay()]! += 1;
      }
      const weekday = (byWeekday[1]! + byWeekday[2]! + byWeekday[3]!) / 3;
      const weekend = (byWeekday[0]! + byWeekday[6]!) / 2;
      expect(weekend / weekday).toBeLessThan(0.3);
    });

    it('writes survey answers in range, in time order, by users of the customer', () => {
      const { rows } = get();
      const nps = SURVEY_LABELS[locale].nps;
      const csat = SURVEY_LABELS[locale].csat;
      const times = rows.responses.map((r) => norm(r.responded_at as string));
      expect(sorted(times)).toBe(true);
      expect((times[times.length - 1] as string) <= `${END} 23:59:59`).toBe(true);
      rows.responses.forEach((r, i) => {
        const score = Number(r.score);
        expect(Number.isInteger(score)).toBe(true);
        if (r.survey === nps) expect(score >= 0 && score <= 10).toBe(true);
        else {
          expect(r.survey).toBe(csat);
          expect(score >= 1 && score <= 5).toBe(true);
        }
        expect(digits(r.user_id as string).startsWith(digits(r.customer_id as string))).toBe(true);
        if (locale === 'ja') expect(r.response_id).toBe(String(i + 1));
      });
      const n = rows.responses.filter((r) => r.survey === nps).map((r) => Number(r.score));
      const score = (100 * (n.filter((s) => s >= 9).length - n.filter((s) => s <= 6).length)) / n.length;
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(70);
      expect(rows.responses.some((r) => (r.comment ?? '').includes('\n'))).toBe(true);
    });

    it('writes consistent support tickets', () => {
      const { rows } = get();
      const st = STATUS_LABELS[locale];
      expect(rows.tickets.length).toBeGreaterThan(500);
      let prevCreated = '';
      rows.tickets.forEach((t, i) => {
        expect(t.ticket_id).toBe(String(1001 + i));
        const created = norm(t.created_at as string);
        const first = t.first_response_at ? norm(t.first_response_at) : null;
        const resolved = t.resolved_at ? norm(t.resolved_at) : null;
        expect(created >= prevCreated).toBe(true);
        prevCreated = created;
        expect(created <= `${END} 23:59:59`).toBe(true);
        if (first !== null) {
          expect(first >= created).toBe(true);
          expect(first <= `${END} 23:59:59`).toBe(true);
        }
        if (resolved !== null) {
          expect(resolved >= created).toBe(true);
          if (first !== null) expect(resolved >= first).toBe(true);
          expect(resolved <= `${END} 23:59:59`).toBe(true);
        }
        if (t.status === st.new) expect(first).toBeNull();
        if (t.status === st.solved || t.status === st.closed) expect(resolved).not.toBeNull();
        if (t.status === st.open || t.status === st.pending) expect(resolved).toBeNull();
        expect(Object.values(CHANNEL_LABELS[locale])).toContain(t.channel);
        const replies = Number(t.replies);
        expect(Number.isInteger(replies) && replies >= 0).toBe(true);
        if (first === null) expect(replies).toBe(0);
        if (t.satisfaction) {
          expect(Object.values(SATISFACTION_LABELS[locale])).toContain(t.satisfaction);
          expect(resolved).not.toBeNull();
        }
      });
      const responded = rows.tickets.filter((t) => t.first_response_at);
      const minutes = responded
        .map(
          (t) =>
            (Date.parse(norm(t.first_response_at as string).replace(' ', 'T') + 'Z') -
              Date.parse(norm(t.created_at as string).replace(' ', 'T') + 'Z')) /
            60_000,
        )
        .sort((a, b) => a - b);
      const median = minutes[Math.floor(minutes.length / 2)] as number;
      expect(median).toBeGreaterThan(1);
      expect(median).toBeLessThan(24 * 60);
    });
  });
}
