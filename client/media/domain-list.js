// The calculator's "Domains" section: the packages the engine took as business domains, grouped by domain with
// the reason for each folder, and the packages set apart, grouped by role. Pure: no DOM. The page calls it; the
// unit tests require it.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.GoTrapsDomains = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /** The role order of the engine's rows: domains first, then what is set apart. */
  const ROLE_ORDER = ['domain', 'batch', 'transport', 'entry', 'wiring', 'infrastructure', 'harness'];

  /**
   * Groups placement rows (CouplingReport.placements) for display: one group per domain (its folders and why),
   * then one group per role set apart (label = the engine's words for the role). Empty when there are no rows.
   */
  function groupPlacements(rows) {
    const modules = new Set((rows || []).map((r) => r.module)).size;
    const folder = (r) => ({ dir: modules > 1 && r.module ? r.module + ': ' + r.dir : r.dir, reason: r.reason, files: r.files });
    const domains = new Map();
    const apart = new Map();
    for (const row of rows || []) {
      if (row.role === 'domain') {
        if (!domains.has(row.domain)) domains.set(row.domain, { name: row.domain, label: row.what, folders: [] });
        domains.get(row.domain).folders.push(folder(row));
      } else {
        if (!apart.has(row.role)) apart.set(row.role, { role: row.role, label: row.what, folders: [] });
        apart.get(row.role).folders.push(folder(row));
      }
    }
    const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return {
      domains: [...domains.values()].sort(byName),
      apart: [...apart.values()].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)),
      apartCount: (rows || []).filter((r) => r.role !== 'domain').length,
    };
  }

  return { groupPlacements };
});
