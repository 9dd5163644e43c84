import { Kind, type ConstArgumentNode, type DocumentNode } from 'graphql';

/**
 * Size hints for the cost estimate, keyed `Type.field`: the `assumedSize` of Apollo's demand-control
 * directive `@listSize(assumedSize: N)` (federation v2.9, composed into the supergraph under the
 * cost spec v0.1), read from an SDL document — a subgraph's own SDL, or the supergraph for the
 * gateway (the API schema Apollo builds from it drops the directive).
 *
 * A hint replaces the default list size for a list field the client cannot page (`legalBasis`
 * lists one to four texts, not twenty). It never applies where the client gives `first`/`last`:
 * the count asked for wins (lib/limits/cost.ts). Each hint must hold for every answer; the subgraph
 * that declares it tests that it does.
 */
export type ListSizeHints = ReadonlyMap<string, number>;

export function listSizeHints(document: DocumentNode): Map<string, number> {
  const hints = new Map<string, number>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((candidate) => candidate.name.value === 'listSize');
      const size = directive?.arguments?.find((argument: ConstArgumentNode) => argument.name.value === 'assumedSize')?.value;
      if (size?.kind === Kind.INT) hints.set(`${definition.name.value}.${field.name.value}`, Number(size.value));
    }
  }
  return hints;
}
