/**
 * The committed public/sample files are exactly what the generator makes, match the
 * manifest, stay small, and the Japanese ones are valid CP932 with CP932-only characters.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  encodeCp932,
  resolveParams,
  SIZE_PRESETS,
  type SampleLocale,
  type SampleTable,
} from '../../../src/core/sample/index.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DIR = path.join(ROOT, 'public/sample');

interface ManifestFile {
  locale: SampleLocale;
  path: string;
  role: SampleTable;
  encoding: string;
  bytes: number;
  rows: number;
  sha256: string;
}
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as {
  params: Record<string, unknown>;
  files: ManifestFile[];
};
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('shipped sample (public/sample)', () => {
  it('lists five files per locale with role, encoding and bytes matching the files', () => {
    expect(manifest.files).toHaveLength(10);
    for (const f of manifest.files) {
      const bytes = readFileSync(path.join(DIR, f.path));
      expect(bytes.length).toBe(f.bytes);
      expect(sha(bytes)).toBe(f.sha256);
      expect(f.encoding).toBe(f.locale === 'ja' ? 'shift_jis' : 'utf-8');
      expect(f.path).toBe(`${f.locale}/${f.role}.csv`);
    }
  });

  it('is small: at most 3 MB per locale', () => {
    for (const locale of ['en', 'ja']) {
      const total = manifest.files.filter((f) => f.locale === locale).reduce((s, f) => s + f.bytes, 0);
      expect(total).toBeLessThan(3_000_000);
    }
  });

  it('records the parameters of the sample preset', () => {
    const params = resolveParams({ ...SIZE_PRESETS.sample });
    expect(manifest.params).toEqual({
      seed: params.seed,
      customers: params.customers,
      months: params.months,
      endDate: params.endDate,
      eventsPerActiveDay: params.eventsPerActiveDay,
      eventSampleRate: params.eventSampleRate,
    });
  });

  it('has Japanese files in CP932 that decode and re-encode to the same bytes, with CP932-only characters', () => {
    const decoder = new TextDecoder('shift_jis', { fatal: true });
    let all = '';
    for (const f of manifest.files.filter((x) => x.locale === 'ja')) {
      const bytes = readFileSync(path.join(DIR, f.path));
      const text = decoder.decode(bytes);
      expect(Buffer.from(encodeCp932(text)).equals(bytes)).toBe(true);
      expect(text).toContain('\r\n');
      all += text;
    }
    for (const ch of ['髙', '﨑', '①', '㈱']) expect(all).toContain(ch);
    // Not valid UTF-8: a reader must detect Shift_JIS.
    expect(() =>
      new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path.join(DIR, 'ja/customers.csv'))),
    ).toThrow();
  });

  it('has English files in UTF-8 with a few non-ASCII names', () => {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path.join(DIR, 'en/customers.csv')));
    expect(text).toMatch(/[^\x00-\x7f]/);
    expect(text).toContain('"Smith, Jones & Co."');
  });

  it('is exactly what the script generates today (same manifest, so same sha256 of every file)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kpi-sample-'));
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-sample.ts', '--out', out], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(
        readFileSync(path.join(DIR, 'manifest.json'), 'utf8'),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
