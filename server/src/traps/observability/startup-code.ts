/**
 * Start-up code: what runs once, before the first request, when the service's logger may not exist yet and
 * there is no request, user or order to name. Both logging rules leave it alone.
 */
import { isMigrationCode } from '../db/db-handles';
import type { FileLocation } from '../../engine/rule';

/** Packages of start-up code by their directory: wiring that runs once, before the first request. */
const STARTUP_DIR = /(^|\/)(initialize|initializer|bootstrap|setup|startup|boot)(\/|$)/i;
/**
 * Functions of start-up code by their name: `InitDB`, `setupCache`, `bootstrap`, `waitForFixtures`, and
 * reading the configuration (`LoadConfig`, `parseConfig`), which comes before any logger it configures.
 */
const STARTUP_FUNCTION = /^(init|setup|bootstrap|waitFor)([A-Z_]|$)|^(Init|Setup|Bootstrap|WaitFor)|^(load|parse|read|Load|Parse|Read)Config/;

/**
 * True for a top-level function (`name`, '' when unknown) of start-up code: in an `initialize/`-like package,
 * in migration, install, seed or fixture code (as the db rules recognize it), or named like `Init…`/`setup…`
 * or `LoadConfig`.
 */
export function isStartupCode(location: FileLocation, name: string): boolean {
  return STARTUP_DIR.test(location.packageDir) || isMigrationCode(location, name) || STARTUP_FUNCTION.test(name);
}
