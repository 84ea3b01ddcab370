import type { parse } from 'csv-parse/sync';
import { ShomeiError } from '../../../shared/errors';
import { lazyRequire } from '../lazy-require';

/** csv-parse, loaded by the first run with a CSV file. */
const csvParser = lazyRequire<{ parse: typeof parse }>('csv-parse/sync');

/** Parses iteration data; throws INVALID_INPUT naming the file and the problem. */
export function parseDataRows(
  text: string,
  format: 'json' | 'csv',
  name = 'the data file',
): Array<Record<string, string>> {
  const rows: unknown[] = [];
  if (format === 'json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ShomeiError('INVALID_INPUT', `${name} is not valid JSON`);
    }
    if (!Array.isArray(json)) throw new ShomeiError('INVALID_INPUT', `${name} must be a JSON array of objects`);
    rows.push(...json);
  } else {
    rows.push(...parseCsv(text, name));
  }
  return rows.map((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new ShomeiError('INVALID_INPUT', `${name}: row ${index + 1} is not an object`);
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  });
}

function parseCsv(text: string, name: string): Array<Record<string, string>> {
  try {
    return csvParser().parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: false }) as Array<
      Record<string, string>
    >;
  } catch (error) {
    throw new ShomeiError(
      'INVALID_INPUT',
      `${name} is not valid CSV (${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'})`,
    );
  }
}
