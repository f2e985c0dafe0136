/**
 * Typed, bilingual ingest problems. Every problem names the file, and where known the
 * 1-based physical line (as a text editor counts lines) and the column, and says what to
 * do about it. Nothing here throws: problems are data the UI renders.
 */

import { readNumber } from './valueFormats.js';

/** A message in both UI languages. */
export interface Bilingual {
  en: string;
  ja: string;
}

/** What went wrong. */
export type ProblemKind =
  | 'empty-file'
  | 'binary-file'
  | 'no-columns'
  | 'no-data-rows'
  | 'ragged-row'
  | 'unterminated-quote'
  | 'malformed-row'
  | 'undecodable'
  | 'bad-value'
  | 'rows-skipped'
  | 'row-too-long'
  | 'renamed-column'
  | 'ambiguous-date'
  | 'ambiguous-number'
  | 'table-name'
  | 'read-error'
  | 'unknown-encoding'
  | 'engine-error';

/** `error` stops a strict load; `warning` is information about a load that happened. */
export type ProblemSeverity = 'error' | 'warning';

/** One problem found while reading a file. */
export interface IngestProblem {
  kind: ProblemKind;
  severity: ProblemSeverity;
  /** The file's name as the user knows it. */
  file: string;
  /** 1-based physical line in the file (after decoding; CRLF, LF and CR each end a line). */
  line?: number;
  /** Column name as shown to the user. */
  column?: string;
  /** The offending cell text, shortened. */
  value?: string;
  /** How many rows/cells/bytes this problem stands for (when it summarises several). */
  count?: number;
  /** For `ambiguous-number`: the decimal mark the column was read with (loading again with the other one reads it the other way). */
  decimalMark?: '.' | ',';
  message: Bilingual;
  hint: Bilingual;
}

/** Kinds of non-CSV content recognised by their first bytes. */
export type BinaryKind = 'xlsx' | 'xls' | 'zip' | 'gzip' | 'pdf' | 'binary';

const LOAD_ANYWAY: Bilingual = {
  en: 'Fix the file and load it again, or choose "Load anyway, skipping bad rows".',
  ja: 'ファイルを修正して読み込み直すか、「問題のある行を飛ばして読み込む」を選んでください。',
};

function at(line: number | undefined): Bilingual {
  return line === undefined ? { en: '', ja: '' } : { en: `Line ${line}: `, ja: `${line} 行目: ` };
}

/** Shortens a cell for display: at most 40 characters, control characters made visible. */
export function shortValue(value: string): string {
  const v = value.replace(/\r\n|\r|\n/g, '⏎').replace(/\0/g, '␀');
  const chars = Array.from(v);
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : v;
}

/** The file has no bytes, or only a byte-order mark / white space. */
export function emptyFileProblem(file: string): IngestProblem {
  return {
    kind: 'empty-file',
    severity: 'error',
    file,
    message: { en: `${file} is empty.`, ja: `${file} は空のファイルです。` },
    hint: {
      en: 'Export the data again; check that the export finished and the right file was picked.',
      ja: 'データをもう一度書き出してください。書き出しが完了しているか、選んだファイルが正しいか確認してください。',
    },
  };
}

const BINARY_NAMES: Record<BinaryKind, Bilingual> = {
  xlsx: { en: 'an Excel workbook (.xlsx)', ja: 'Excel ブック（.xlsx）' },
  xls: { en: 'an old Excel workbook (.xls)', ja: '古い形式の Excel ブック（.xls）' },
  zip: { en: 'a ZIP archive', ja: 'ZIP 圧縮ファイル' },
  gzip: { en: 'a gzip-compressed file', ja: 'gzip 圧縮ファイル' },
  pdf: { en: 'a PDF document', ja: 'PDF 文書' },
  binary: { en: 'a binary file, not text', ja: 'テキストではないバイナリファイル' },
};

/** The file is not text (an Excel workbook, an archive, …). */
export function binaryFileProblem(file: string, kind: BinaryKind): IngestProblem {
  const what = BINARY_NAMES[kind];
  const spreadsheet = kind === 'xlsx' || kind === 'xls';
  return {
    kind: 'binary-file',
    severity: 'error',
    file,
    message: { en: `${file} is ${what.en}, not a CSV file.`, ja: `${file} は CSV ではなく${what.ja}です。` },
    hint: spreadsheet
      ? {
          en: 'Open it in Excel and use File > Save As > "CSV UTF-8 (Comma delimited)", then load the .csv file.',
          ja: 'Excel で開き、「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存し、その .csv ファイルを読み込んでください。',
        }
      : kind === 'zip' || kind === 'gzip'
        ? {
            en: 'Extract the archive and load the CSV files inside.',
            ja: '圧縮を解凍し、中の CSV ファイルを読み込んでください。',
          }
        : {
            en: 'Export the data as CSV and load that file.',
            ja: 'データを CSV 形式で書き出して、そのファイルを読み込んでください。',
          },
  };
}

/** No header and no data could be found. */
export function noColumnsProblem(file: string): IngestProblem {
  return {
    kind: 'no-columns',
    severity: 'error',
    file,
    message: { en: `No columns could be found in ${file}.`, ja: `${file} に列が見つかりませんでした。` },
    hint: {
      en: 'Check that this is a CSV export with a header row.',
      ja: '見出し行のある CSV ファイルか確認してください。',
    },
  };
}

/** The file has a header but no data rows (the table is created empty). */
export function noDataRowsProblem(file: string): IngestProblem {
  return {
    kind: 'no-data-rows',
    severity: 'warning',
    file,
    message: {
      en: `${file} has a header but no data rows.`,
      ja: `${file} には見出し行だけがあり、データ行がありません。`,
    },
    hint: {
      en: 'Check the export filters (date range, status) and export again.',
      ja: '書き出し時の条件（期間や状態）を確認して、もう一度書き出してください。',
    },
  };
}

/** A row has a different number of fields than the header. */
export function raggedRowProblem(
  file: string,
  severity: ProblemSeverity,
  line: number | undefined,
  expected: number | undefined,
  found: number | undefined,
  rowText?: string,
): IngestProblem {
  const detail =
    expected !== undefined && found !== undefined
      ? {
          en: `has ${found} fields but the header has ${expected}`,
          ja: `の項目数が ${found} 個で、見出しの ${expected} 個と合いません`,
        }
      : { en: 'has the wrong number of fields', ja: 'の項目数が見出しと合いません' };
  return {
    kind: 'ragged-row',
    severity,
    file,
    ...(line !== undefined ? { line } : {}),
    ...(rowText !== undefined ? { value: shortValue(rowText) } : {}),
    message: {
      en: `${file}, line ${line ?? '?'} ${detail.en}.`,
      ja: `${file} の ${line ?? '?'} 行目${detail.ja}。`,
    },
    hint: {
      en: 'Often a value contains the delimiter without quotes, or a line was cut. ' + LOAD_ANYWAY.en,
      ja: '値の中に区切り文字が引用符なしで含まれているか、行が途中で切れている可能性があります。' + LOAD_ANYWAY.ja,
    },
  };
}

/** A quoted value is opened and never closed; everything after it would be swallowed. */
export function unterminatedQuoteProblem(
  file: string,
  severity: ProblemSeverity,
  line: number | undefined,
  rowText?: string,
): IngestProblem {
  return {
    kind: 'unterminated-quote',
    severity,
    file,
    ...(line !== undefined ? { line } : {}),
    ...(rowText !== undefined ? { value: shortValue(rowText) } : {}),
    message: {
      en: `${file}, line ${line ?? '?'}: a quoted value starts here and its closing quote (") is missing.`,
      ja: `${file} の ${line ?? '?'} 行目: 引用符（"）で始まる値が閉じられていません。`,
    },
    hint: {
      en: 'Add the missing closing quote on that line, or write a quote inside a value as two quotes (""). Then load the file again.',
      ja: 'その行の値に閉じる引用符を補うか、値の中の引用符を 2 つ重ねて（""）書いてから、もう一度読み込んでください。',
    },
  };
}

/** A row DuckDB could not parse for another reason (stray quote, invalid state). */
export function malformedRowProblem(
  file: string,
  severity: ProblemSeverity,
  line: number | undefined,
  detail: string,
  rowText?: string,
): IngestProblem {
  return {
    kind: 'malformed-row',
    severity,
    file,
    ...(line !== undefined ? { line } : {}),
    ...(rowText !== undefined ? { value: shortValue(rowText) } : {}),
    message: {
      en: `${at(line).en}${file} has a row that cannot be read as CSV (${detail}).`,
      ja: `${at(line).ja}${file} に CSV として読めない行があります（${detail}）。`,
    },
    hint: {
      en: 'Check the quotes and line breaks on that line. ' + LOAD_ANYWAY.en,
      ja: 'その行の引用符と改行を確認してください。' + LOAD_ANYWAY.ja,
    },
  };
}

/** Bytes that are not valid in the chosen encoding. */
export function undecodableProblem(
  file: string,
  severity: ProblemSeverity,
  encodingLabel: string,
  line: number | undefined,
  count?: number,
): IngestProblem {
  const many = count !== undefined && count > 1;
  return {
    kind: 'undecodable',
    severity,
    file,
    ...(line !== undefined ? { line } : {}),
    ...(count !== undefined ? { count } : {}),
    message: {
      en: `${file}, line ${line ?? '?'} has bytes that are not valid ${encodingLabel}${many ? ` (${count} places in all)` : ''}.`,
      ja: `${file} の ${line ?? '?'} 行目に ${encodingLabel} として正しくない文字があります${many ? `（全部で ${count} か所）` : ''}。`,
    },
    hint: {
      en: 'Pick the file\'s encoding (for Japanese Excel files usually Shift_JIS), or save the file as "CSV UTF-8" and load it again.',
      ja: '文字コードを選び直すか（日本語の Excel なら多くは Shift_JIS）、「CSV UTF-8」で保存し直して読み込んでください。',
    },
  };
}

/** A cell that does not parse as its column's type. */
export function badValueProblem(
  file: string,
  severity: ProblemSeverity,
  line: number | undefined,
  column: string,
  value: string,
  typeLabel: Bilingual,
  count?: number,
): IngestProblem {
  const more = count !== undefined && count > 1;
  return {
    kind: 'bad-value',
    severity,
    file,
    ...(line !== undefined ? { line } : {}),
    column,
    value: shortValue(value),
    ...(count !== undefined ? { count } : {}),
    message: {
      en: `${file}, line ${line ?? '?'}, column "${column}": "${shortValue(value)}" is not ${typeLabel.en}${more ? ` (${count} such values in this column)` : ''}.`,
      ja: `${file} の ${line ?? '?'} 行目、列「${column}」: 「${shortValue(value)}」は${typeLabel.ja}として読めません${more ? `（この列に同様の値が ${count} 件）` : ''}。`,
    },
    hint:
      severity === 'error'
        ? {
            en: 'Correct the value, or choose "Load anyway": values that cannot be read are left empty (NULL).',
            ja: '値を修正するか、「このまま読み込む」を選んでください。読めない値は空（NULL）になります。',
          }
        : {
            en: 'The value was left empty (NULL). Correct it in the source if it matters.',
            ja: 'この値は空（NULL）として読み込まれました。必要なら元データを修正してください。',
          },
  };
}

/** Summary of rows skipped in "skip bad rows" mode (or that would be skipped, in strict mode). */
export function rowsSkippedProblem(
  file: string,
  severity: ProblemSeverity,
  count: number,
  atLeast: boolean,
): IngestProblem {
  const n = atLeast ? { en: `at least ${count}`, ja: `少なくとも ${count}` } : { en: String(count), ja: String(count) };
  return {
    kind: 'rows-skipped',
    severity,
    file,
    count,
    message:
      severity === 'error'
        ? { en: `${file} has ${n.en} row(s) that cannot be read.`, ja: `${file} に読めない行が ${n.ja} 行あります。` }
        : {
            en: `${n.en} row(s) of ${file} could not be read and were skipped.`,
            ja: `${file} の読めない ${n.ja} 行を飛ばして読み込みました。`,
          },
    hint:
      severity === 'error'
        ? {
            en: `Fix the rows listed, or choose "Load anyway, skipping ${count} bad row(s)".`,
            ja: `表示された行を修正するか、「問題のある ${count} 行を飛ばして読み込む」を選んでください。`,
          }
        : {
            en: 'The examples show which lines; correct them in the source and reload if they matter.',
            ja: '例に示した行を確認し、必要なら元データを修正して読み込み直してください。',
          },
  };
}

/** A single row is longer than the engine accepts. */
export function rowTooLongProblem(file: string, severity: ProblemSeverity, line: number | undefined): IngestProblem {
  return {
    kind: 'row-too-long',
    severity,
    file,
    ...(line !== undefined ? { line } : {}),
    message: {
      en: `${at(line).en}${file} has a row longer than the engine accepts.`,
      ja: `${at(line).ja}${file} に長すぎる行があります。`,
    },
    hint: {
      en: 'This usually means a quote is not closed or the delimiter is wrong; check the line.',
      ja: '多くの場合、引用符が閉じていないか区切り文字の判定が誤っています。その行を確認してください。',
    },
  };
}

/** A header cell was empty or duplicated and the column got another name. */
export function renamedColumnProblem(file: string, index: number, from: string, to: string): IngestProblem {
  const empty = from.trim() === '';
  return {
    kind: 'renamed-column',
    severity: 'warning',
    file,
    column: to,
    message: empty
      ? {
          en: `Column ${index + 1} of ${file} has no name; it is called "${to}".`,
          ja: `${file} の ${index + 1} 列目に見出しがないため「${to}」と名付けました。`,
        }
      : {
          en: `Column name "${from}" appears twice in ${file}; the later one is called "${to}".`,
          ja: `${file} に列名「${from}」が重複しているため、後の列を「${to}」としました。`,
        },
    hint: {
      en: 'Rename the column in the source if you want a different name.',
      ja: '別の名前にしたい場合は元データの見出しを変更してください。',
    },
  };
}

/** Day/month order of a date column could not be decided from the data. */
export function ambiguousDateProblem(file: string, column: string, chosen: string): IngestProblem {
  return {
    kind: 'ambiguous-date',
    severity: 'warning',
    file,
    column,
    message: {
      en: `Column "${column}" of ${file} has dates like 03/04/2024 that could be day/month or month/day; read as ${chosen}.`,
      ja: `${file} の列「${column}」の日付（03/04/2024 など）は日/月か月/日か判別できないため、${chosen} として読みました。`,
    },
    hint: {
      en: 'Prefer exports with ISO dates (2024-04-03).',
      ja: 'できれば ISO 形式（2024-04-03）の日付で書き出してください。',
    },
  };
}

/**
 * A column of numbers like `1.200` that read either way (1200 with a decimal comma, 1.2
 * with a decimal point): says which reading was used, why, and how to get the other one.
 */
export function ambiguousNumberProblem(
  file: string,
  column: string,
  example: string,
  decimalMark: '.' | ',',
  reason: 'user' | 'file' | 'default',
): IngestProblem {
  const ex = shortValue(example);
  const mark = example.includes(',') ? ',' : '.';
  const other = decimalMark === ',' ? '.' : ',';
  const value = readNumber(example, decimalMark);
  const otherValue = readNumber(example, other);
  const decimal = mark === decimalMark;
  const why: Bilingual =
    reason === 'user'
      ? { en: 'as chosen when loading', ja: '読み込み時の指定どおり' }
      : reason === 'file'
        ? {
            en: 'because other columns of this semicolon-separated file use a decimal comma',
            ja: 'このセミコロン区切りのファイルの他の列が小数点にコンマを使っているため',
          }
        : {
            en: 'because nothing else in the file shows which mark is the decimal one',
            ja: 'ファイルの他の値からは小数点の記号が判断できないため',
          };
  return {
    kind: 'ambiguous-number',
    severity: 'warning',
    file,
    column,
    value: ex,
    decimalMark,
    message: {
      en: `Column "${column}" of ${file} has numbers like ${ex} that can be read two ways: "${mark}" was read as the ${decimal ? 'decimal mark' : 'thousands separator'} (${ex} = ${String(value)}), ${why.en}.`,
      ja: `${file} の列「${column}」の数値（${ex} など）は二通りに読めます。「${mark}」を${decimal ? '小数点' : '桁区切り'}として読みました（${ex} = ${String(value)}）。${why.ja}です。`,
    },
    hint: {
      en: `If ${ex} means ${String(otherValue)}, load the file again with "${other}" as the decimal mark.`,
      ja: `${ex} が ${String(otherValue)} の意味なら、小数点を「${other}」にして読み込み直してください。`,
    },
  };
}

/** The requested table name cannot be used. */
export function tableNameProblem(file: string, table: string): IngestProblem {
  return {
    kind: 'table-name',
    severity: 'error',
    file,
    message: {
      en: `The name "${table}" is already used by a view.`,
      ja: `名前「${table}」はすでにビューで使われています。`,
    },
    hint: { en: 'Choose another table name.', ja: '別のテーブル名を選んでください。' },
  };
}

/** Reading the file itself failed (permissions, file changed on disk). */
export function readErrorProblem(file: string, detail: string): IngestProblem {
  return {
    kind: 'read-error',
    severity: 'error',
    file,
    message: { en: `${file} could not be read (${detail}).`, ja: `${file} を読み込めませんでした（${detail}）。` },
    hint: {
      en: 'Check that the file still exists and was not changed while loading, then pick it again.',
      ja: 'ファイルが存在し、読み込み中に変更されていないか確認して、もう一度選んでください。',
    },
  };
}

/** An engine error that has no better translation; the first line of DuckDB's message is kept. */
export function engineErrorProblem(file: string, detail: string, line?: number): IngestProblem {
  return {
    kind: 'engine-error',
    severity: 'error',
    file,
    ...(line !== undefined ? { line } : {}),
    message: {
      en: `${at(line).en}${file} could not be loaded: ${detail}`,
      ja: `${at(line).ja}${file} を読み込めませんでした: ${detail}`,
    },
    hint: {
      en: 'Check the file around that line; if it looks fine, report this message.',
      ja: 'その行の前後を確認してください。問題が見当たらない場合は、このメッセージを添えて報告してください。',
    },
  };
}

/** The requested encoding is not supported; the detected one was used instead. */
export function unknownEncodingProblem(file: string, requested: string, used: string): IngestProblem {
  return {
    kind: 'unknown-encoding',
    severity: 'warning',
    file,
    message: {
      en: `Encoding "${requested}" is not supported; ${file} was read as ${used}.`,
      ja: `文字コード「${requested}」には対応していないため、${file} を ${used} として読みました。`,
    },
    hint: { en: 'Pick one of the listed encodings.', ja: '一覧にある文字コードを選んでください。' },
  };
}
