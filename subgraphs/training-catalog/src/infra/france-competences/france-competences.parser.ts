import { parse } from 'csv-parse/sync';
import { FC_FILES, type FcFileKind, type FcRow } from './france-competences.response.js';

export interface ParsedFile<K extends FcFileKind> {
  rows: FcRow<K>[];
  /** Rows that did not match the file's columns (skipped and counted, never fatal). */
  rejected: number;
}

/** One CSV of the export: `;`, fully quoted, CRLF, UTF-8 with or without BOM. */
export function parseFcFile<K extends FcFileKind>(kind: K, text: string): ParsedFile<K> {
  const records = parse(text, {
    delimiter: ';',
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
  }) as Record<string, string>[];
  const schema = FC_FILES[kind].schema;
  const rows: FcRow<K>[] = [];
  let rejected = 0;
  for (const record of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) rows.push(parsed.data as FcRow<K>);
    else rejected += 1;
  }
  return { rows, rejected };
}

/** Which kind a file name is, by the patterns the real importers use; undefined for another file. */
export function kindOfFileName(name: string): FcFileKind | undefined {
  return (Object.keys(FC_FILES) as FcFileKind[]).find((kind) => FC_FILES[kind].pattern.test(name));
}
