// @vitest-environment node
import { describe, it } from 'vitest';
import { activeUsers } from '../../src/app/charts/activeUsers.js';
import { lifecycle } from '../../src/app/charts/lifecycle.js';
import { divergingBars, mrrMovements } from '../../src/app/charts/mrrMovements.js';
import { npsChart } from '../../src/app/charts/nps.js';
import { rateLines } from '../../src/app/charts/rateLines.js';
import { supportChart } from '../../src/app/charts/support.js';
import { createDocument, DARK, EN, expectSnapshot, JA } from './harness.js';

const movements = [
  {
    month: '2024-01-01',
    new_mrr: 5000,
    expansion_mrr: 0,
    reactivation_mrr: 0,
    contraction_mrr: 0,
    churned_mrr: 0,
    net_new_mrr: 5000,
    ending_mrr: 5000,
  },
  {
    month: '2024-02-01',
    new_mrr: 2000,
    expansion_mrr: 500,
    reactivation_mrr: 0,
    contraction_mrr: -200,
    churned_mrr: -300,
    net_new_mrr: 2000,
    ending_mrr: 7000,
  },
  {
    month: '2024-03-01',
    new_mrr: 1500,
    expansion_mrr: 800,
    reactivation_mrr: 200,
    contraction_mrr: -400,
    churned_mrr: -900,
    net_new_mrr: 1200,
    ending_mrr: 8200,
  },
  {
    month: '2024-04-01',
    new_mrr: 600,
    expansion_mrr: 300,
    reactivation_mrr: 0,
    contraction_mrr: -700,
    churned_mrr: -1800,
    net_new_mrr: -1600,
    ending_mrr: 6600,
  },
  {
    month: '2024-05-01',
    new_mrr: 2500,
    expansion_mrr: 1200,
    reactivation_mrr: 300,
    contraction_mrr: -100,
    churned_mrr: -500,
    net_new_mrr: 3400,
    ending_mrr: 10000,
    is_complete: false,
  },
];
const mrrLabels = {
  new_mrr: 'New',
  expansion_mrr: 'Expansion',
  reactivation_mrr: 'Reactivation',
  contraction_mrr: 'Contraction',
  churned_mrr: 'Churned',
  net_new_mrr: 'Net new MRR',
};
const units = { new_mrr: 'currency', expansion_mrr: 'currency', net_new_mrr: 'currency' } as const;

describe('MRR movements', () => {
  it('diverging stack with net-new line', () => {
    expectSnapshot('mrr-movements', mrrMovements(createDocument(), movements, { ...EN, units, labels: mrrLabels }));
  });
  it('ja, JPY, dark', () => {
    expectSnapshot(
      'mrr-movements-ja-dark',
      mrrMovements(createDocument(), movements, { ...JA, theme: 'dark', units, currency: 'JPY' }),
    );
  });
  it('header encodings (diverging-bar with y and line)', () => {
    expectSnapshot(
      'diverging-bar-header',
      divergingBars(createDocument(), movements, {
        ...EN,
        units,
        labels: mrrLabels,
        x: 'month',
        y: ['new_mrr', 'churned_mrr'],
        line: 'net_new_mrr',
      }),
    );
  });
  it('single row and empty', () => {
    expectSnapshot(
      'mrr-movements-single',
      mrrMovements(createDocument(), movements.slice(2, 3), { ...EN, units, labels: mrrLabels }),
    );
    expectSnapshot('mrr-movements-empty', mrrMovements(createDocument(), [], EN));
  });
});

describe('NRR / GRR', () => {
  const rows = [
    { month: '2024-01-01', base_customers: 10, base_mrr: 1000, retained_mrr: 1050, nrr: 1.05, grr: 0.94 },
    { month: '2024-02-01', base_customers: 11, base_mrr: 1100, retained_mrr: 1100, nrr: 1.0, grr: 0.91 },
    { month: '2024-03-01', base_customers: 12, base_mrr: 1200, retained_mrr: 1150, nrr: 0.96, grr: 0.9 },
    { month: '2024-04-01', base_customers: 12, base_mrr: 1200, retained_mrr: null, nrr: null, grr: null },
    { month: '2024-05-01', base_customers: 13, base_mrr: 1300, retained_mrr: 1400, nrr: 1.08, grr: 0.97 },
  ];
  it('lines with a 100 % rule', () => {
    expectSnapshot('nrr-grr', rateLines(createDocument(), rows, { ...EN, labels: { nrr: 'NRR', grr: 'GRR' } }));
  });
  it('ja', () => {
    expectSnapshot(
      'nrr-grr-ja',
      rateLines(createDocument(), rows, { ...JA, labels: { nrr: 'NRR（売上継続率）', grr: 'GRR' } }),
    );
  });
  it('single row', () => {
    expectSnapshot('nrr-grr-single', rateLines(createDocument(), rows.slice(0, 1), EN));
  });
});

describe('active users', () => {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(Date.UTC(2024, 0, 1 + i)).getUTCDay());
    const dau = (weekend ? 20 : 60) + (i % 5) * 3;
    const mau = 200 + i * 2;
    return { day, dau, wau: 140 + (i % 7) * 4, mau, dau_mau: dau / mau };
  });
  it('DAU/WAU/MAU and the DAU/MAU panel', () => {
    expectSnapshot(
      'active-users',
      activeUsers(createDocument(), rows, {
        ...EN,
        labels: { dau: 'DAU', wau: 'WAU', mau: 'MAU', dau_mau: 'DAU/MAU' },
      }),
    );
  });
  it('dark, ja', () => {
    expectSnapshot('active-users-ja-dark', activeUsers(createDocument(), rows, { ...JA, theme: 'dark' }));
  });
  it('single day and empty', () => {
    expectSnapshot('active-users-single', activeUsers(createDocument(), rows.slice(0, 1), EN));
    expectSnapshot('active-users-empty', activeUsers(createDocument(), [], JA));
  });
});

describe('lifecycle', () => {
  const rows = [
    { period: '2024-01-01', new: 40, returning: 0, resurrecting: 0, dormant: 0 },
    { period: '2024-01-08', new: 25, returning: 30, resurrecting: 0, dormant: -10 },
    { period: '2024-01-15', new: 20, returning: 38, resurrecting: 4, dormant: -17 },
    { period: '2024-01-22', new: 15, returning: 41, resurrecting: 6, dormant: 21 },
  ];
  it('weekly diverging bars, dormant below zero', () => {
    expectSnapshot('lifecycle', lifecycle(createDocument(), rows, { ...EN, units: { new: 'count' } }));
  });
  it('single row', () => {
    expectSnapshot('lifecycle-single', lifecycle(createDocument(), rows.slice(1, 2), DARK));
  });
});

describe('NPS', () => {
  const rows = [
    { period: '2024-01-01', responses: 50, promoters: 20, passives: 15, detractors: 15, nps: 10 },
    { period: '2024-02-01', responses: 40, promoters: 20, passives: 12, detractors: 8, nps: 30 },
    { period: '2024-03-01', responses: 10, promoters: 2, passives: 2, detractors: 6, nps: -40 },
    { period: '2024-04-01', responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
    { period: '2024-05-01', responses: 60, promoters: 33, passives: 18, detractors: 9, nps: 40 },
  ];
  const labels = { nps: 'NPS', promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors' };
  it('score panel over share bars', () => {
    expectSnapshot('nps', npsChart(createDocument(), rows, { ...EN, labels }));
  });
  it('single row, ja', () => {
    expectSnapshot('nps-single-ja', npsChart(createDocument(), rows.slice(0, 1), JA));
  });
});

describe('support', () => {
  const rows = [
    {
      period: '2024-01-01',
      tickets: 30,
      median_first_response_minutes: 42,
      p90_first_response_minutes: 180,
      median_resolution_hours: 5.5,
      p90_resolution_hours: 30,
    },
    {
      period: '2024-02-01',
      tickets: 45,
      median_first_response_minutes: 35,
      p90_first_response_minutes: 150,
      median_resolution_hours: 4,
      p90_resolution_hours: 26,
    },
    {
      period: '2024-03-01',
      tickets: 25,
      median_first_response_minutes: 50,
      p90_first_response_minutes: 240,
      median_resolution_hours: 8,
      p90_resolution_hours: 48,
    },
    {
      period: '2024-04-01',
      tickets: 38,
      median_first_response_minutes: 28,
      p90_first_response_minutes: 120,
      median_resolution_hours: null,
      p90_resolution_hours: null,
    },
  ];
  it('first response and resolution panels', () => {
    expectSnapshot('support', supportChart(createDocument(), rows, EN));
  });
  it('ja, single row', () => {
    expectSnapshot('support-single-ja', supportChart(createDocument(), rows.slice(0, 1), JA));
  });
  it('empty', () => {
    expectSnapshot('support-empty', supportChart(createDocument(), [], EN));
  });
});
