import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { SavedView } from "@/lib/schemas/devices";
import { db, savedViews } from "@/server/db";
import { errors } from "@/server/errors";
import { serverText } from "@/server/text";

/** A user may keep this many views per page; the list is a menu, not a database. */
export const MAX_VIEWS_PER_PAGE = 50;

type Row = typeof savedViews.$inferSelect;
const toDto = (r: Row): SavedView => ({ id: r.id, page: r.page, name: r.name, query: r.query, createdAt: r.createdAt.toISOString() });

export async function listViews(userId: string, page: string): Promise<SavedView[]> {
  const rows = await (await db())
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.userId, userId), eq(savedViews.page, page)))
    .orderBy(asc(savedViews.name));
  return rows.map(toDto);
}

/** Saving under an existing name replaces that view's query, as "save" does in a file dialog. */
export async function saveView(userId: string, v: { page: string; name: string; query: string }): Promise<SavedView> {
  const d = await db();
  const existing = await listViews(userId, v.page);
  if (!existing.some((e) => e.name === v.name) && existing.length >= MAX_VIEWS_PER_PAGE) {
    throw errors.validation(serverText("savedViewsFull", { max: MAX_VIEWS_PER_PAGE }));
  }
  const [row] = await d
    .insert(savedViews)
    .values({ userId, page: v.page, name: v.name, query: v.query })
    .onConflictDoUpdate({ target: [savedViews.userId, savedViews.page, savedViews.name], set: { query: v.query } })
    .returning();
  return toDto(row!);
}

/** Deletes one of the user's own views; another user's id is answered as not found. */
export async function deleteView(userId: string, id: string): Promise<void> {
  const gone = await (await db())
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .returning({ id: savedViews.id });
  if (gone.length === 0) throw errors.notFound(serverText("savedViewNotFound"));
}
