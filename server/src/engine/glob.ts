/**
 * Path globs for `exclude` and `domains`: picomatch judges each path segment, and `**` segments are matched
 * here by a table over (glob segment, path segment) pairs. picomatch compiles a whole glob to one regular
 * expression, and several `**` or `*` in it backtrack polynomially in the path's depth (`**\/a/**\/a/**\/b`
 * on a 200-deep path takes seconds); per segment, with at most two `*` runs each (the schema's limit), the
 * work stays proportional to glob segments × path segments.
 */
import picomatch from 'picomatch';

const SEGMENT_OPTIONS: picomatch.PicomatchOptions = { dot: true, noextglob: true, nonegate: true };
/** picomatch's own input bound: no segment of a real path is longer (NAME_MAX is 255 bytes). */
const MAX_SEGMENT = 4096;

export type PathMatcher = (path: string) => boolean;

/** `**\/name/**` with a plain name: any path that has the segment. The default excludes are all of this form. */
const ANY_DEPTH_SEGMENT = /^\*\*\/([^*?[\]{}()!+@/\\]+)\/\*\*$/;

/** A matcher for one `/`-separated glob: `**` any depth, `*` within one segment, `?` one character, `{a,b}`. */
export function globMatcher(glob: string): PathMatcher {
  // Every path of a walk is asked about every exclude: a segment lookup instead of the table, same answers.
  const segment = ANY_DEPTH_SEGMENT.exec(glob)?.[1];
  if (segment !== undefined) {
    const wrapped = `/${segment}/`;
    return (path) => `/${path}/`.includes(wrapped) && (path.length <= MAX_SEGMENT || path.split('/').every((s) => s.length <= MAX_SEGMENT));
  }
  const parts = glob.split('/').map((part) => (part === '**' ? GLOBSTAR : picomatch(part, SEGMENT_OPTIONS)));
  return (path) => {
    const segments = path.split('/');
    if (segments.some((s) => s.length > MAX_SEGMENT)) return false;
    return matchSegments(parts, segments);
  };
}

/** A matcher that is true when any of the globs matches. */
export function anyGlob(globs: readonly string[]): PathMatcher {
  const matchers = globs.map(globMatcher);
  return (path) => matchers.some((match) => match(path));
}

const GLOBSTAR = Symbol('**');
type Part = typeof GLOBSTAR | ((segment: string) => boolean);

/** Wildcard matching over segments, bottom-up: O(parts × segments) segment tests. */
function matchSegments(parts: readonly Part[], segments: readonly string[]): boolean {
  // next[j]: parts[i+1..] match segments[j..]; filled from the last part backwards.
  let next = new Array<boolean>(segments.length + 1).fill(false);
  next[segments.length] = true;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    const current = new Array<boolean>(segments.length + 1).fill(false);
    for (let j = segments.length; j >= 0; j--) {
      if (part === GLOBSTAR) current[j] = next[j] || (j < segments.length && current[j + 1]);
      else current[j] = j < segments.length && next[j + 1] && part(segments[j]);
    }
    next = current;
  }
  return next[0];
}
