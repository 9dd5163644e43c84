import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator's client preset over the public schema, as a front-end team sets it up:
 * typed documents for ./operations.ts written into ./gql/ (run from the repository root:
 * `npx graphql-codegen --config docs/clients/codegen.ts`; the root codegen.ts includes this
 * output, so `npm run codegen` writes it and `npm run codegen:check` fails CI on drift).
 *
 * Scalars are mapped, not left as `any`: `Date` is an ISO `YYYY-MM-DD` string and `DateTime` an
 * ISO-8601 string with its zone, both sent and received as JSON strings. `strictScalars` stops
 * generation when the schema gains a scalar without a mapping here.
 */
export const clientsExample: CodegenConfig['generates'][string] = {
  schema: 'schema/api.graphql',
  documents: ['docs/clients/operations.ts'],
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    strictScalars: true,
    scalars: {
      Date: { input: 'string', output: 'string' },
      DateTime: { input: 'string', output: 'string' },
    },
    enumsAsTypes: true,
    useTypeImports: true,
    // ESM output (`./graphql.js`), so the files type-check under Node's module resolution too.
    emitLegacyCommonJSImports: false,
  },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: { 'docs/clients/gql/': clientsExample },
};

export default config;
