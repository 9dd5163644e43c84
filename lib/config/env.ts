import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

export type EnvSource = Record<string, string | undefined>;

const SECRET_NAME = /SECRET|TOKEN|PASSWORD|SIGNING_KEY/;

/** Port numbers: 0 means "any free port" (used by tests). */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const url = (fallback: string) => z.string().url().default(fallback);
export const optionalUrl = () => z.string().url().optional();
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
export const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
export const logLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/**
 * Parses environment variables once, at start-up, against a schema whose keys are the
 * variable names. A wrong value fails fast with a message naming the variable.
 */
export function parseEnv<Shape extends z.ZodRawShape>(shape: Shape, env: EnvSource = process.env): z.infer<z.ZodObject<Shape>> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const received = input[variable];
    // A secret's value is never repeated in the message (it ends up in logs).
    const shown = SECRET_NAME.test(variable) ? 'is invalid' : `= "${received}" is invalid`;
    throw new ConfigError(variable, `${received === undefined ? 'is missing' : shown}: ${issue?.message ?? 'invalid value'}`);
  }
  return result.data;
}

/** Runs a start-up function; a ConfigError ends the process with a one-line message. */
export async function runMain(main: () => Promise<unknown>): Promise<void> {
  // Started by the launcher with an IPC channel: if the launcher dies, so do we (no orphans).
  if (process.connected) process.once('disconnect', () => process.exit(0));
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      process.stderr.write(`${error.message}\n`);
      process.exit(98);
    }
    process.stderr.write(`Fatal: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  }
}
