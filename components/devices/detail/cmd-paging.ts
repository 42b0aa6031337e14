import type { CmdPage } from "@/lib/schemas/device-detail";

export type CmdCursor = NonNullable<CmdPage["next"]>;

/** Where a page of the communication log starts: a window (index, newest first) and the API's cursor inside it. */
export interface CmdPosition {
  w: number;
  cursor: CmdCursor | null;
}

/**
 * The next-older page: the same window's next cursor, else the start of the next older window;
 * null at the end of the range. The API's `context` only goes forward, so the tab keeps the
 * positions it passed on a stack and "newer" is the previous one.
 */
export function olderPosition(at: CmdPosition, next: CmdCursor | null, windowCount: number): CmdPosition | null {
  if (next) return { w: at.w, cursor: next };
  return at.w + 1 < windowCount ? { w: at.w + 1, cursor: null } : null;
}
