import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableToRows, columnsOf } from '../../../src/core/engine/rows.js';
import { userActivityDaily } from '../../reference/customers/user_activity_daily.js';
import { eventsArb, expectRows, fastLoad, setup, PROPERTY_TIMEOUT, type Ctx } from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await setup();
});
afterAll(() => ctx.engine.close());

async function table(): Promise<ReturnType<typeof tableToRows>> {
  await ctx.runner.ensureDerived(['user_activity_daily']);
  return tableToRows(await ctx.engine.query('SELECT * FROM user_activity_daily'));
}

describe('derived user_activity_daily', () => {
  it('one row per user and day, typed columns, day boundaries, NULL users left out', async () => {
    await fastLoad(ctx, {
      events: [
        { user_id: 'u1', event_time: '2024-01-31 00:00:00', event_name: 'a', customer_id: 'c2' },
        { user_id: 'u1', event_time: '2024-01-31 23:59:59', event_name: 'b', customer_id: 'c1' },
        { user_id: 'u1', event_time: '2024-02-01 00:00:00', event_name: 'b', customer_id: null },
        { user_id: null, event_time: '2024-02-01 00:00:00', event_name: 'b', customer_id: 'c1' },
        { user_id: 'u2', event_time: null, event_name: 'b', customer_id: 'c1' },
      ],
    });
    await ctx.runner.ensureDerived(['user_activity_daily']);
    const t = await ctx.engine.query('SELECT * FROM user_activity_daily ORDER BY user_id, day');
    expect(columnsOf(t)).toEqual([
      { name: 'user_id', type: 'VARCHAR' },
      { name: 'customer_id', type: 'VARCHAR' },
      { name: 'day', type: 'DATE' },
      { name: 'events', type: 'BIGINT' },
    ]);
    expect(tableToRows(t)).toEqual([
      {
        user_id: 'u1',
        customer_id: 'c1',
        day: '2024-01-31',
        events: 2,
      },
      {
        user_id: 'u1',
        customer_id: null,
        day: '2024-02-01',
        events: 1,
      },
    ]);
  });

  it(
    'matches the reference on random events (property)',
    async () => {
      await fc.assert(
        fc.asyncProperty(eventsArb({ maxLength: 60 }), async (events) => {
          await fastLoad(ctx, { events });
          expectRows(await table(), userActivityDaily({ events }), ['user_id', 'day']);
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
