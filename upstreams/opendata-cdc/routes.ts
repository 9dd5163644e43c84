import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { MCF_COLUMNS, MCF_EXPORT_JSON_PATH, MCF_EXPORT_JSONL_PATH, MCF_MAX_LIMIT, MCF_MAX_WINDOW, MCF_RECORDS_PATH, type McfRow } from '../../lib/contracts/mcf.response.js';
import type { OperatorPlugin } from '../operators.js';
import { evaluate, fieldsOf, OdsqlError, parseWhere, type Expr } from './odsql.js';
import { buildMcfRows } from './rows.js';

type Query = Record<string, string | undefined>;

/** Columns looked up through a Map when a `where` clause pins them (`=` or `IN`), instead of scanning every row. */
const INDEXED = ['siret', 'numero_formation', 'code_rncp', 'code_inventaire', 'code_certifinfo'] as const;

class ParameterError extends Error {}

interface Dataset {
  rows: McfRow[];
  indexes: Map<string, Map<string, McfRow[]>>;
  position: Map<McfRow, number>;
}

/** Opendatasoft Explore v2.1 over the Mon Compte Formation catalogue (design in README.md). */
export const opendataCdcRoutes: OperatorPlugin = (app, context) => {
  let dataset: Dataset | undefined;
  const getDataset = (): Dataset => (dataset ??= indexRows(buildMcfRows(context.world)));

  app.get(MCF_RECORDS_PATH, async (request, reply) => {
    const query = request.query as Query;
    return answer(reply, () => {
      const limit = integer(query['limit'], 10, 'limit');
      const offset = integer(query['offset'], 0, 'offset');
      if (limit < 0 || limit > MCF_MAX_LIMIT) throw new ParameterError(`Invalid value for limit API parameter: ${limit} was found but 0 <= limit <= ${MCF_MAX_LIMIT} is expected.`);
      if (offset < 0 || offset + limit > MCF_MAX_WINDOW) throw new ParameterError(`Invalid value for offset API parameter: offset + limit must be at most ${MCF_MAX_WINDOW}, use the exports API for more.`);
      const matched = select(getDataset(), query);
      return { total_count: matched.length, results: matched.slice(offset, offset + limit).map(project(query['select'])) };
    });
  });

  // JSON Lines: one row per line, streamed (what the training catalogue reads).
  app.get(MCF_EXPORT_JSONL_PATH, async (request, reply) => {
    const query = request.query as Query;
    let rows: unknown[];
    try {
      const limit = integer(query['limit'], -1, 'limit');
      const matched = select(getDataset(), query);
      rows = (limit < 0 ? matched : matched.slice(0, limit)).map(project(query['select']));
    } catch (error) {
      return answer(reply, () => {
        throw error;
      });
    }
    return reply.header('content-type', 'application/jsonl; charset=utf-8').send(Readable.from((function* () {
      for (const row of rows) yield `${JSON.stringify(row)}\n`;
    })()));
  });

  app.get(MCF_EXPORT_JSON_PATH, async (request, reply) => {
    const query = request.query as Query;
    return answer(reply, () => {
      const limit = integer(query['limit'], -1, 'limit');
      const matched = select(getDataset(), query);
      return (limit < 0 ? matched : matched.slice(0, limit)).map(project(query['select']));
    });
  });
};

function answer(reply: FastifyReply, build: () => unknown): unknown {
  try {
    return build();
  } catch (error) {
    if (error instanceof OdsqlError) return reply.code(400).send({ error_code: 'ODSQLError', message: error.message });
    if (error instanceof ParameterError) return reply.code(400).send({ error_code: 'InvalidRESTParameterError', message: error.message });
    throw error;
  }
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d+$/.test(value)) throw new ParameterError(`Invalid value for ${name} API parameter: "${value}" is not an integer.`);
  return Number(value);
}

function checkColumn(column: string): void {
  if (!(MCF_COLUMNS as string[]).includes(column)) throw new OdsqlError(`Unknown field "${column}".`);
}

function select(dataset: Dataset, query: Query): McfRow[] {
  const where = query['where']?.trim() ? parseWhere(query['where']) : undefined;
  if (where) fieldsOf(where).forEach(checkColumn);
  const pinned = where ? candidates(where, dataset) : undefined;
  // Rows found through an index come back in the dataset's order, as a scan would give them.
  if (pinned) pinned.sort((a, b) => (dataset.position.get(a) ?? 0) - (dataset.position.get(b) ?? 0));
  const base = pinned ?? dataset.rows;
  const matched = where ? base.filter((row) => evaluate(where, row)) : [...base];
  const orderBy = query['order_by']?.trim();
  if (!orderBy) return matched;
  const keys = orderBy.split(',').map((part) => {
    const [column = '', direction = 'asc', ...rest] = part.trim().split(/\s+/);
    checkColumn(column);
    if (rest.length > 0 || !/^(asc|desc)$/i.test(direction)) throw new OdsqlError(`ODSQL query is malformed: invalid order_by "${part.trim()}".`);
    return { column: column as keyof McfRow, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return matched.sort((a, b) => {
    for (const { column, sign } of keys) {
      const left = a[column];
      const right = b[column];
      if (left === right) continue;
      if (left === null) return 1;
      if (right === null) return -1;
      return (typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right))) * sign;
    }
    return 0;
  });
}

function project(selectClause: string | undefined): (row: McfRow) => Partial<McfRow> {
  const columns = selectClause?.trim() && selectClause.trim() !== '*' ? selectClause.split(',').map((column) => column.trim()) : undefined;
  if (!columns) return (row) => row;
  columns.forEach(checkColumn);
  return (row) => Object.fromEntries(columns.map((column) => [column, row[column as keyof McfRow]]));
}

function indexRows(rows: McfRow[]): Dataset {
  const indexes = new Map<string, Map<string, McfRow[]>>();
  for (const column of INDEXED) {
    const index = new Map<string, McfRow[]>();
    for (const row of rows) {
      const value = row[column];
      if (value === null) continue;
      const list = index.get(value);
      if (list) list.push(row);
      else index.set(value, [row]);
    }
    indexes.set(column, index);
  }
  return { rows, indexes, position: new Map(rows.map((row, index) => [row, index])) };
}

/** Rows a clause can only match, from the Map indexes; undefined when the clause pins no indexed column. */
function candidates(expr: Expr, dataset: Dataset): McfRow[] | undefined {
  const lookup = (field: string, values: unknown[]): McfRow[] | undefined => {
    const index = dataset.indexes.get(field);
    return index ? [...new Set(values.flatMap((value) => index.get(String(value)) ?? []))] : undefined;
  };
  switch (expr.kind) {
    case 'compare':
      return expr.op === '=' && expr.value !== null ? lookup(expr.field, [expr.value]) : undefined;
    case 'in':
      return expr.values.includes(null) ? undefined : lookup(expr.field, expr.values);
    case 'and':
      return candidates(expr.left, dataset) ?? candidates(expr.right, dataset);
    case 'or': {
      const left = candidates(expr.left, dataset);
      const right = left && candidates(expr.right, dataset);
      return left && right ? [...new Set([...left, ...right])] : undefined;
    }
    default:
      return undefined;
  }
}
