import { foldAccents } from '../../lib/text.js';

/**
 * The subset of Opendatasoft's ODSQL `where` language that clients of the MCF dataset use:
 * `field = "text"`, `field = 12`, `!=`, `<`, `<=`, `>`, `>=`, `field IN ("a", "b")`, `search(field, "text")`,
 * a bare `"text"` (full-text over every text column), `AND`, `OR`, `NOT` and parentheses.
 * Anything else is an `OdsqlError`, which the route answers as Opendatasoft does: 400 + `ODSQLError`.
 */
export type Literal = string | number | boolean | null;

export type Expr =
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'in'; field: string; values: Literal[] }
  | { kind: 'search'; field: string | null; text: string }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr };

export class OdsqlError extends Error {}

type Token = { type: 'ident' | 'string' | 'number' | 'op' | 'punct'; text: string };

const TOKEN = /\s*(?:(?<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?<number>-?\d+(?:\.\d+)?)|(?<op><=|>=|!=|=|<|>)|(?<punct>[(),])|(?<ident>[A-Za-z_][A-Za-z0-9_]*|\*))/y;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(input);
    const groups = match?.groups;
    if (!groups) throw new OdsqlError(`ODSQL query is malformed: unexpected character at position ${at}.`);
    const type = (['string', 'number', 'op', 'punct', 'ident'] as const).find((name) => groups[name] !== undefined) ?? 'ident';
    tokens.push({ type, text: groups[type] ?? '' });
  }
  return tokens;
}

export function parseWhere(input: string): Expr {
  const tokens = tokenize(input);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const keyword = (word: string): boolean => {
    const token = peek();
    if (token?.type === 'ident' && token.text.toUpperCase() === word) {
      position += 1;
      return true;
    }
    return false;
  };
  const expect = (text: string): void => {
    if (peek()?.text !== text) throw new OdsqlError(`ODSQL query is malformed: expected "${text}" near "${peek()?.text ?? 'end of query'}".`);
    position += 1;
  };
  const literal = (): Literal => {
    const token = peek();
    position += 1;
    if (token?.type === 'string') return token.text.slice(1, -1).replace(/\\(.)/g, '$1');
    if (token?.type === 'number') return Number(token.text);
    if (token?.type === 'ident' && /^(true|false|null)$/i.test(token.text)) return token.text.toLowerCase() === 'null' ? null : token.text.toLowerCase() === 'true';
    throw new OdsqlError(`ODSQL query is malformed: expected a value near "${token?.text ?? 'end of query'}".`);
  };
  const primary = (): Expr => {
    const token = peek();
    if (!token) throw new OdsqlError('ODSQL query is malformed: unexpected end of query.');
    if (token.text === '(') {
      position += 1;
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.type === 'string') return { kind: 'search', field: null, text: String(literal()) };
    if (token.type !== 'ident') throw new OdsqlError(`ODSQL query is malformed: unexpected "${token.text}".`);
    position += 1;
    if (token.text.toLowerCase() === 'search' && peek()?.text === '(') {
      position += 1;
      const field = peek();
      if (field?.type !== 'ident') throw new OdsqlError('ODSQL query is malformed: search() expects a field name.');
      position += 1;
      expect(',');
      const text = literal();
      expect(')');
      return { kind: 'search', field: field.text === '*' ? null : field.text, text: String(text) };
    }
    if (keyword('IN')) {
      expect('(');
      const values = [literal()];
      while (peek()?.text === ',') {
        position += 1;
        values.push(literal());
      }
      expect(')');
      return { kind: 'in', field: token.text, values };
    }
    const op = peek();
    if (op?.type !== 'op') throw new OdsqlError(`ODSQL query is malformed: expected an operator after "${token.text}".`);
    position += 1;
    return { kind: 'compare', field: token.text, op: op.text as '=', value: literal() };
  };
  const not = (): Expr => (keyword('NOT') ? { kind: 'not', operand: not() } : primary());
  const and = (): Expr => {
    let left = not();
    while (keyword('AND')) left = { kind: 'and', left, right: not() };
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (keyword('OR')) left = { kind: 'or', left, right: and() };
    return left;
  };
  const expr = or();
  if (position < tokens.length) throw new OdsqlError(`ODSQL query is malformed: unexpected "${tokens[position]?.text}".`);
  return expr;
}

/** Every field an expression names, to reject unknown columns before evaluating. */
export function fieldsOf(expr: Expr): string[] {
  switch (expr.kind) {
    case 'compare':
    case 'in':
      return [expr.field];
    case 'search':
      return expr.field === null ? [] : [expr.field];
    case 'not':
      return fieldsOf(expr.operand);
    default:
      return [...fieldsOf(expr.left), ...fieldsOf(expr.right)];
  }
}


type Row = Readonly<Record<string, unknown>>;

function equals(cell: unknown, value: Literal): boolean {
  if (value === null) return cell === null || cell === undefined;
  if (typeof value === 'number') return cell !== null && cell !== '' && Number(cell) === value;
  return String(cell ?? '') === String(value);
}

function compare(cell: unknown, value: Literal): number {
  if (typeof value === 'number') return Number(cell) - value;
  return String(cell ?? '').localeCompare(String(value));
}

export function evaluate(expr: Expr, row: Row): boolean {
  switch (expr.kind) {
    case 'compare': {
      const cell = row[expr.field];
      if (expr.op === '=') return equals(cell, expr.value);
      if (expr.op === '!=') return !equals(cell, expr.value);
      if (cell === null || cell === undefined) return false;
      const difference = compare(cell, expr.value);
      return expr.op === '<' ? difference < 0 : expr.op === '<=' ? difference <= 0 : expr.op === '>' ? difference > 0 : difference >= 0;
    }
    case 'in':
      return expr.values.some((value) => equals(row[expr.field], value));
    case 'search': {
      const needle = foldAccents(expr.text);
      const cells = expr.field === null ? Object.values(row) : [row[expr.field]];
      return cells.some((cell) => typeof cell === 'string' && foldAccents(cell).includes(needle));
    }
    case 'not':
      return !evaluate(expr.operand, row);
    case 'and':
      return evaluate(expr.left, row) && evaluate(expr.right, row);
    case 'or':
      return evaluate(expr.left, row) || evaluate(expr.right, row);
  }
}
