/** Types of the build step's ajv factory, for the schema test. */
import type Ajv from 'ajv';
export function schemaAjv(options: { durationModule: string; parseDurationMs: (text: string) => number }): Ajv;
export function writeConfigValidator(schemaFile: string, outFile: string, durationModule: string): void;
