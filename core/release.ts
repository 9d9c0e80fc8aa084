/** An OpenClaw release, `YYYY.M.D` as npm versions it (`2026.9.6`). */
export interface Release {
  year: number;
  month: number;
  day: number;
}

/** A version or build id is a few dozen characters; reading more only costs time. */
/**
 * How much of a text is read: a version and its separator fit in 32 characters. Only the start is
 * read, because 9.x build ids run to about 170 characters (`2026.9.6-release-<commit>-<time>-<hash>`).
 */
const RELEASE_PREFIX_LENGTH = 32;

/**
 * Reads the release from a version (`2026.4.24`, `v2026.4.24` as 4.24–6.11 show it in the sidebar's
 * `.sidebar-version[title]`) or a 9.x build id such as `2026.9.6-release-abc123` (the
 * `data-openclaw-control-ui-build-id` attribute, reference §5). Text from a page: anything that is
 * not a string or does not start with a real date (month 1–12, day 1–31) gives null; only the
 * first 32 characters (after leading white space) are read, whatever the length.
 */
export function parseRelease(text: string | null | undefined): Release | null {
  if (typeof text !== 'string') return null;
  const match = /^v?(\d{4})\.(\d{1,2})\.(\d{1,2})(?:$|[^\d])/.exec(text.trimStart().slice(0, RELEASE_PREFIX_LENGTH));
  if (!match) return null;
  const release = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (release.month < 1 || release.month > 12 || release.day < 1 || release.day > 31) return null;
  return release;
}

export const formatRelease = (release: Release): string => `${release.year}.${release.month}.${release.day}`;

/** Negative, zero or positive, like a sort comparator. */
export function compareRelease(a: Release, b: Release): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** True when the release is `version` or later; unknown releases answer `unknown`. */
export function isAtLeast(release: Release | null | undefined, version: string, unknown: boolean): boolean {
  const floor = parseRelease(version);
  if (!release || !floor) return unknown;
  return compareRelease(release, floor) >= 0;
}
