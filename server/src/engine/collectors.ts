/**
 * Workspace fact collectors that are not rules: the checklist, the coupling score and the package placements
 * read them. Each runs once per parsed file beside the workspace rules and stores plain data in the file's
 * summary under its id.
 */
import type { Settings } from './config';
import type { FileLocation } from './rule';
import type { Resolver } from '../go/resolver';
import type { SourceFile } from '../go/source';
import { checklistCollector } from '../architecture/checklist-facts';
import { couplingCollector } from '../architecture/coupling-facts';
import { placementCollector } from './placements';

export interface FactCollector<Facts = unknown> {
  /** Key in `FileSummary.facts`; starts with `$` so it can never clash with a rule id. */
  readonly id: `$${string}`;
  collect(file: SourceFile, settings: Settings, location: FileLocation, types: Resolver): Facts | undefined;
}

/** Registered collectors, in a fixed order. */
export const COLLECTORS: FactCollector[] = [checklistCollector, couplingCollector, placementCollector];
