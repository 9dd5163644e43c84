import { Kind, valueFromASTUntyped, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Field nodes selected directly under `selectionSet`, through fragments. */
function fieldsIn(info: GraphQLResolveInfo, selectionSet: SelectionSetNode | undefined, out: FieldNode[] = [], seen = new Set<string>()): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsIn(info, selection.selectionSet, out, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      fieldsIn(info, info.fragments[selection.name.value]?.selectionSet, out, seen);
    }
  }
  return out;
}

/**
 * The paths of the fields asked under the current field (`activityAccount.cpf.balance`), for the
 * audit log: names only, never values. Depth-limited; `__typename` and Money's inner fields left out.
 */
export function selectedPaths(info: GraphQLResolveInfo, maxDepth = 3): string[] {
  const paths = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined, prefix: string, depth: number) => {
    for (const field of fieldsIn(info, selectionSet)) {
      const name = field.name.value;
      if (name.startsWith('__') || name === 'cents' || name === 'currency') continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const before = paths.size;
      if (field.selectionSet && depth < maxDepth) walk(field.selectionSet, path, depth + 1);
      // A field whose children were all left out (a Money: cents/currency) is still a field read.
      if (paths.size === before) paths.add(path);
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, '', 1);
  return [...paths];
}

/**
 * The argument values of every field found at `path` below the current field (e.g.
 * `activityAccount.cpf.projection`), with variables substituted: lets a root resolver validate
 * nested arguments before the first upstream call. Values are read from the AST without the
 * schema's types on purpose: `@apollo/subgraph` runs on graphql's CommonJS build while ESM code
 * may load the other one, and graphql's `instanceof` checks refuse to mix them.
 */
export function nestedArguments(info: GraphQLResolveInfo, path: readonly string[]): Record<string, unknown>[] {
  let nodes: FieldNode[] = [...info.fieldNodes];
  for (const name of path) nodes = nodes.flatMap((node) => fieldsIn(info, node.selectionSet)).filter((node) => node.name.value === name);
  return nodes.map((node) =>
    Object.fromEntries((node.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value, info.variableValues)])),
  );
}
