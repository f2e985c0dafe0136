/**
 * Writes the end-to-end fixture files (several encodings, a broken file) into a folder.
 * Generated, not checked in, so the bytes are reviewable here as code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeCp932 } from '../../src/core/sample/cp932.js';

/** What each fixture must show once loaded. */
export const EXPECT = {
  utf8: { file: 'accounts_utf8.csv', rows: 3 },
  bom: { file: 'plans_bom.csv', rows: 2 },
  utf16: { file: 'events_utf16.csv', rows: 4 },
  sjis: { file: '顧客一覧_sjis.csv', rows: 3 },
  broken: { file: 'broken_quote.csv' },
};

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

/** Writes all fixtures into `dir` and returns their paths by key. */
export function makeFixtures(dir: string): Record<keyof typeof EXPECT, string> {
  mkdirSync(dir, { recursive: true });
  const p = (k: keyof typeof EXPECT): string => path.join(dir, EXPECT[k].file);
  writeFileSync(
    p('utf8'),
    'account_id,name,created_at\nA-1,Acme Corp,2024-01-05T15:30:00Z\nA-2,"Globex, Inc.",2024-02-01T00:00:00Z\nA-3,Initech,2024-03-10T09:15:00Z\n',
  );
  writeFileSync(
    p('bom'),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('plan;price\nStarter;"1.200"\nGrowth;"4.800"\n')]),
  );
  writeFileSync(
    p('utf16'),
    utf16le(
      'user_id\tevent\tevent_time\r\nu1\tlogin\t2024-01-01 10:00:00\r\nu2\tlogin\t2024-01-01 11:00:00\r\nu1\texport\t2024-01-02 09:00:00\r\nu3\tログイン\t2024-01-03 08:00:00\r\n',
    ),
  );
  writeFileSync(
    p('sjis'),
    encodeCp932(
      '顧客ID,会社名,契約開始日,月額,登録日時\r\nC001,株式会社髙橋商事,2024/01/05,"￥12,000",2024-01-05T15:30:00Z\r\nC002,①合同会社テスト,2024/02/01,"￥8,500",2024-02-01T00:00:00Z\r\nC003,㈱サンプル～,2024/03/15,"￥30,000",2024-03-15T03:00:00Z\r\n',
    ),
  );
  writeFileSync(p('broken'), 'id,comment\n1,fine\n2,"never closed\n3,also fine\n');
  return { utf8: p('utf8'), bom: p('bom'), utf16: p('utf16'), sjis: p('sjis'), broken: p('broken') };
}
