import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { decodeStream } from '../../../../../lib/http/decode.js';
import { dropReason } from '../../../../../lib/http/items.js';
import { FC_FILES, type FcFileKind, type FcRow } from './france-competences.response.js';

export interface ParsedFile<K extends FcFileKind> {
  rows: FcRow<K>[];
  /** Rows without their essential cells (skipped and counted, never fatal). */
  rejected: number;
  /** Why each rejected row was skipped (e.g. `missing_Numero_Fiche`). */
  reasons: string[];
}

const csvOptions = () => ({
  delimiter: ';',
  columns: true as const,
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n'],
});

function validate<K extends FcFileKind>(kind: K, records: Iterable<Record<string, string>>, into: ParsedFile<K>): void {
  const schema = FC_FILES[kind].schema;
  for (const record of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) into.rows.push(parsed.data as FcRow<K>);
    else into.reasons.push(dropReason(record, parsed.error.issues));
  }
  into.rejected = into.reasons.length;
}

/** One CSV of the export, already decoded: `;`, fully quoted, CRLF, with or without BOM. */
export function parseFcFile<K extends FcFileKind>(kind: K, text: string): ParsedFile<K> {
  const parsed: ParsedFile<K> = { rows: [], rejected: 0, reasons: [] };
  validate(kind, parseSync(text, csvOptions()) as Record<string, string>[], parsed);
  return parsed;
}

/** One CSV streamed from the zip: decoded by its BOM, else as UTF-8 when valid, else windows-1252; parsed row by row. */
export async function parseFcStream<K extends FcFileKind>(kind: K, bytes: AsyncIterable<Uint8Array>): Promise<ParsedFile<K>> {
  const parsed: ParsedFile<K> = { rows: [], rejected: 0, reasons: [] };
  const parser = Readable.from(decodeStream(bytes)).pipe(parse(csvOptions()));
  for await (const record of parser) validate(kind, [record as Record<string, string>], parsed);
  return parsed;
}

/** Which kind a file name is, by the patterns the real importers use; undefined for another file. */
export function kindOfFileName(name: string): FcFileKind | undefined {
  return (Object.keys(FC_FILES) as FcFileKind[]).find((kind) => FC_FILES[kind].pattern.test(name));
}
