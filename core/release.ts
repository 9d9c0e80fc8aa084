/** An OpenClaw release, `YYYY.M.D` as npm versions it (`2026.9.6`). */
export interface Release {
  year: number;
  month: number;
  day: number;
}

/** Reads the release from a version or a 9.x build id such as `2026.9.6-release-abc123`. */
export function parseRelease(text: string | null | undefined): Release | null {
  const match = /^v?(\d{4})\.(\d{1,2})\.(\d{1,2})(?:$|[^\d])/.exec(text?.trim() ?? '');
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
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
