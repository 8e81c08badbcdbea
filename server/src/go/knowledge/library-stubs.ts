/** Every library stub Go Traps knows, in the order their declarations go into the knowledge index. */
import { CONCURRENCY_STUBS } from './concurrency';
import { DATABASE_STUBS } from './database';
import { FRAMEWORK_STUBS } from './frameworks';
import { MESSAGING_STUBS } from './messaging';
import { OBSERVABILITY_STUBS } from './observability';
import { REMOTE_STUBS } from './remote';
import { STDLIB_STUBS } from './stdlib';
import type { LibraryStub } from './stub';

export const LIBRARY_STUBS: readonly LibraryStub[] = [
  ...DATABASE_STUBS, ...REMOTE_STUBS, ...OBSERVABILITY_STUBS, ...FRAMEWORK_STUBS, ...MESSAGING_STUBS, ...STDLIB_STUBS, ...CONCURRENCY_STUBS,
];
