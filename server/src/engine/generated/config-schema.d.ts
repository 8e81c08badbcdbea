/** The standalone validator that `node scripts/config-validator.mjs` (run by esbuild.mjs) writes beside this file. */
import type { ErrorObject } from 'ajv';

declare const validate: {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
};
export default validate;
