/**
 * Remembered mappings and crash recovery on a real engine: a mapping the user edits is
 * remembered by header signature (in a Storage-like object, as the page does) and maps
 * the same kind of export by itself in a later session; a remembered mapping that no
 * longer fits falls back to detection; the segment choice travels with the customers
 * file; a session's choices are restored on a fresh engine (what the page does after a
 * crash). MRR values are worked out by hand below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import { bufferSource } from '../../src/core/ingest/index.js';
import { Workspace } from '../../src/core/workspace/workspace.js';
import { summariseModel } from '../../src/core/workspace/modelSummary.js';
import {
  headerSignature,
  storageMappingStore,
  STORAGE_PREFIX,
  type MappingStore,
} from '../../src/core/mapping/index.js';
import { FakeStorage } from '../fakeStorage.js';

const catalogue = loadCatalogue(readSqlFiles());

// A Stripe-style export built from the API: `amount` is in cents (detection reads that
// from the header). In force at the end of 2024-06-30, reading amounts as cents:
//   sub_1001 2900/100 × 1 ÷ 1 = 29; sub_1002 4900/100 × 3 = 147; sub_1003 120000/100 ÷ 12 = 100;
//   sub_1006 46800/100 × 2 ÷ 12 = 78; sub_1004 is trialing, sub_1005 ended in April.
// MRR = 354. Read as currency units every amount is 100 times larger: 35 400.
const SUBS_HEADER = [
  'id',
  'Customer ID',
  'Status',
  'Plan',
  'Interval',
  'amount',
  'Quantity',
  'Currency',
  'Start (UTC)',
  'Current Period End (UTC)',
  'Canceled At (UTC)',
  'Ended At (UTC)',
];
const SUBS_ROWS = [
  [
    'sub_1001',
    'cus_A001',
    'active',
    'Basic',
    'month',
    '2900',
    '1',
    'usd',
    '2024-01-15 09:30',
    '2024-07-15 09:30',
    '',
    '',
  ],
  [
    'sub_1002',
    'cus_B002',
    'active',
    'Team',
    'month',
    '4900',
    '3',
    'usd',
    '2024-02-03 11:00',
    '2024-07-03 11:00',
    '',
    '',
  ],
  [
    'sub_1003',
    'cus_C003',
    'active',
    'Pro yearly',
    'year',
    '120000',
    '1',
    'usd',
    '2024-03-10 08:15',
    '2025-03-10 08:15',
    '',
    '',
  ],
  [
    'sub_1004',
    'cus_D004',
    'trialing',
    'Pro',
    'month',
    '9900',
    '1',
    'usd',
    '2024-06-20 14:00',
    '2024-07-04 14:00',
    '',
    '',
  ],
  [
    'sub_1005',
    'cus_E005',
    'canceled',
    'Basic',
    'month',
    '2900',
    '2',
    'usd',
    '2024-01-05 10:00',
    '2024-05-05 10:00',
    '2024-04-20 16:45',
    '2024-04-20 16:45',
  ],
  [
    'sub_1006',
    'cus_F006',
    'active',
    'Team yearly',
    'year',
    '46800',
    '2',
    'usd',
    '2024-06-12 13:20',
    '2025-06-12 13:20',
    '',
    '',
  ],
];
const MRR_CENTS = 354;
const MRR_UNITS = 35_400;
// By industry (業種), June, cents: 製造業 A001 29; 小売業 B002 147; 情報通信業 C003 100 + F006 78 = 178;
// 運輸業 (E005, ended in April) is listed with 0.
const BY_INDUSTRY = { 製造業: 29, 小売業: 147, 情報通信業: 178, 運輸業: 0 };

const CUSTOMERS = [
  '顧客ID,会社名,業種,登録日',
  'cus_A001,青葉製作所,製造業,2024/01/15',
  'cus_B002,さくら商事,小売業,2024/02/03',
  'cus_C003,みなと情報,情報通信業,2024/03/10',
  'cus_D004,ひかり食品,製造業,2024/06/20',
  'cus_E005,つばさ物流,運輸業,2024/01/05',
  'cus_F006,かえでソフト,情報通信業,2024/06/12',
].join('\n');

/** The subscriptions export as CSV, its columns in the given order. */
function subsCsv(order: readonly number[] = SUBS_HEADER.map((_, i) => i)): string {
  return [SUBS_HEADER, ...SUBS_ROWS].map((r) => order.map((i) => r[i]).join(',')).join('\n') + '\n';
}

const JULY = new Date('2024-07-03T10:15:00Z');
const AUGUST = new Date('2024-08-02T08:00:00Z');

const engines: NodeEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
});

/** A page session: a fresh engine and workspace over the given remembered mappings. */
async function session(store?: MappingStore, now = JULY): Promise<Workspace> {
  const engine = await NodeEngine.create();
  engines.push(engine);
  const ws = new Workspace(engine, catalogue, {
    reportingOffsetMinutes: 0,
    ...(store ? { mappingStore: store } : {}),
    now: () => now,
  });
  await ws.init();
  return ws;
}

async function load(ws: Workspace, name: string, text: string): Promise<string> {
  const r = await ws.load(bufferSource(name, new TextEncoder().encode(text)), { mode: 'strict' });
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.problems)}`);
  return r.table;
}

/** June 2024 MRR (per segment when broken down). */
async function juneMrr(ws: Workspace, breakdown: 'none' | 'segment' = 'none'): Promise<Record<string, number>> {
  const rows = tableToRows((await ws.run('mrr', { breakdown })).table).filter((r) => r.month === '2024-06-01');
  return Object.fromEntries(rows.map((r) => [String(r.segment ?? 'all'), Number(r.mrr)]));
}

const tableState = (ws: Workspace, table: string) => ws.modeller.state.tables.find((t) => t.table === table)!;

describe('remembered mappings', () => {
  it("an edited mapping is remembered and maps next session's export with the same columns", async () => {
    const storage = new FakeStorage();
    const ws1 = await session(storageMappingStore(storage));
    const t1 = await load(ws1, 'subscriptions.csv', subsCsv());
    expect(tableState(ws1, t1).origin).toBe('detected');
    expect(await juneMrr(ws1)).toEqual({ all: MRR_CENTS });
    expect(storage.length).toBe(0);
    await ws1.editMapping(t1, { normalisation: { amountUnit: 'units' } });
    expect(await juneMrr(ws1)).toEqual({ all: MRR_UNITS });
    expect([...storage.data.keys()]).toEqual([STORAGE_PREFIX + headerSignature(SUBS_HEADER)]);
    expect(tableState(ws1, t1)).toMatchObject({
      origin: 'edited',
      memory: { state: 'remembered', at: JULY.toISOString() },
    });

    // Next month: a new session, the export's columns in another order, another file name.
    const ws2 = await session(storageMappingStore(storage), AUGUST);
    const order = SUBS_HEADER.map((_, i) => i).reverse();
    const t2 = await load(ws2, 'subscriptions (1).csv', subsCsv(order));
    const st = tableState(ws2, t2);
    expect(st.origin).toBe('remembered');
    expect(st.memory).toEqual({ state: 'remembered', at: JULY.toISOString(), segment: null });
    expect(st.detection.normalisation.amountUnit).toBe('cents');
    expect(st.mapping?.normalisation.amountUnit).toBe('units');
    expect(await juneMrr(ws2)).toEqual({ all: MRR_UNITS });
    const summary = summariseModel(ws2.modeller).tables[0]!;
    expect(summary).toMatchObject({
      origin: 'remembered',
      confirmed: false,
      memory: { state: 'remembered', at: JULY.toISOString() },
    });

    // "Forget it and detect again": detection applies, and the next session detects too.
    await ws2.resetMapping(t2);
    expect(tableState(ws2, t2)).toMatchObject({ origin: 'detected', memory: { state: 'none' } });
    expect(await juneMrr(ws2)).toEqual({ all: MRR_CENTS });
    expect(storage.length).toBe(0);
  }, 120_000);

  it('a second file with the same columns in the same session maps itself with the edits', async () => {
    const ws = await session(storageMappingStore(new FakeStorage()));
    const jan = await load(ws, 'jan.csv', subsCsv());
    await ws.editMapping(jan, { columns: { plan: 'Status' } });
    const feb = await load(ws, 'feb.csv', subsCsv());
    expect(tableState(ws, jan).origin).toBe('edited');
    expect(tableState(ws, feb).origin).toBe('remembered');
    expect(tableState(ws, feb).mapping?.columns.plan).toBe('Status');
    expect(tableState(ws, feb).detection.columns.plan?.source).toBe('Plan');
  }, 120_000);

  it('a remembered mapping that no longer fits the file falls back to detection, naming the missing column', async () => {
    const storage = new FakeStorage();
    const ws1 = await session(storageMappingStore(storage));
    const t1 = await load(ws1, 'subscriptions.csv', subsCsv());
    await ws1.editMapping(t1, { normalisation: { amountUnit: 'units' } });
    // The remembered entry maps `plan` to a column the file does not have.
    const key = STORAGE_PREFIX + headerSignature(SUBS_HEADER);
    const entry = JSON.parse(storage.getItem(key)!) as { mapping: { columns: Record<string, string> } };
    entry.mapping.columns.plan = 'Plan Name';
    storage.setItem(key, JSON.stringify(entry));

    const ws2 = await session(storageMappingStore(storage));
    const t2 = await load(ws2, 'subscriptions.csv', subsCsv());
    expect(tableState(ws2, t2)).toMatchObject({
      origin: 'detected',
      memory: { state: 'unusable', at: JULY.toISOString(), missing: ['Plan Name'] },
    });
    expect(tableState(ws2, t2).mapping?.normalisation.amountUnit).toBe('cents');
    expect(await juneMrr(ws2)).toEqual({ all: MRR_CENTS });
  }, 120_000);

  it('the segment chosen is remembered with the customers file', async () => {
    const storage = new FakeStorage();
    const ws1 = await session(storageMappingStore(storage));
    await load(ws1, 'subscriptions.csv', subsCsv());
    const c1 = await load(ws1, '顧客一覧.csv', CUSTOMERS);
    expect(tableState(ws1, c1).mapping?.attributes.map((a) => a.name)).toContain('industry');
    await ws1.setSegment('industry');
    expect(await juneMrr(ws1, 'segment')).toEqual(BY_INDUSTRY);

    const ws2 = await session(storageMappingStore(storage), AUGUST);
    await load(ws2, 'subscriptions.csv', subsCsv());
    const c2 = await load(ws2, '顧客一覧.csv', CUSTOMERS);
    expect(tableState(ws2, c2)).toMatchObject({
      origin: 'remembered',
      memory: { state: 'remembered', segment: 'industry' },
    });
    expect(ws2.modeller.state.segmentAttribute).toBe('industry');
    expect(ws2.session().segment).toBeNull();
    expect(await juneMrr(ws2, 'segment')).toEqual(BY_INDUSTRY);

    // Choosing "none" is remembered too.
    await ws2.setSegment(null);
    const entry = JSON.parse([...storage.data.values()].find((v) => v.includes('"customers"'))!) as {
      segment: string | null;
    };
    expect(entry.segment).toBeNull();
  }, 120_000);
});

describe('crash recovery', () => {
  it("a fresh engine with the same files takes over the session's edits and segment (no storage at all)", async () => {
    const ws1 = await session();
    const subs = await load(ws1, 'subscriptions.csv', subsCsv());
    await load(ws1, '顧客一覧.csv', CUSTOMERS);
    await ws1.editMapping(subs, { normalisation: { amountUnit: 'units' } });
    await ws1.setSegment('industry');
    const saved = structuredClone(ws1.session());
    expect(saved.confirmed.map((c) => c.table)).toEqual([subs]);
    expect(saved.segment).toEqual({ attribute: 'industry' });

    const ws2 = await session();
    await load(ws2, 'subscriptions.csv', subsCsv());
    await load(ws2, '顧客一覧.csv', CUSTOMERS);
    expect(await juneMrr(ws2)).toEqual({ all: MRR_CENTS });
    expect(await ws2.restoreSession(saved)).toBe(1);
    expect(tableState(ws2, subs)).toMatchObject({
      origin: 'edited',
      mapping: { normalisation: { amountUnit: 'units' } },
    });
    expect(ws2.modeller.state.segmentAttribute).toBe('industry');
    expect(await juneMrr(ws2)).toEqual({ all: MRR_UNITS });
    expect(await juneMrr(ws2, 'segment')).toEqual(
      Object.fromEntries(Object.entries(BY_INDUSTRY).map(([k, v]) => [k, v * 100])),
    );
  }, 120_000);

  it('keeps an edited mapping when its table is renamed', async () => {
    const ws = await session();
    const subs = await load(ws, 'subscriptions.csv', subsCsv());
    await ws.editMapping(subs, { normalisation: { amountUnit: 'units' } });
    await ws.rename(subs, 'subs_renamed');
    expect(tableState(ws, 'subs_renamed')).toMatchObject({
      origin: 'edited',
      mapping: { normalisation: { amountUnit: 'units' } },
    });
    expect(ws.session().confirmed.map((c) => c.table)).toEqual(['subs_renamed']);
    expect(await juneMrr(ws)).toEqual({ all: MRR_UNITS });
  }, 120_000);
});
