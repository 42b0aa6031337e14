// Plain TypeScript, no zod: the group tree type, its walks and the page sizes client code needs;
// the schemas are in lib/schemas/groups.ts, which re-exports all of this (see bench/bundle-budget.ts,
// "keeping a route light").
import { PAGE_SIZES } from "./paging";

/** One group of the tree with the console's own name and description (the API has neither). */
export interface GroupTreeNode {
  gid: string;
  name: string | null;
  description: string;
  children: GroupTreeNode[];
}

/** Any group tree: the console's (GroupTreeNode) or the upstream's, as the server reads it. */
export interface TreeNode<T> {
  gid: string;
  children: readonly T[];
}

/** Depth-first list of a tree: node, depth and parent, in display order. The one tree walk. */
export function flattenTree<T extends TreeNode<T>>(
  nodes: readonly T[],
  depth = 0,
  parent: string | null = null,
): { node: T; depth: number; parent: string | null }[] {
  return nodes.flatMap((node) => [{ node, depth, parent }, ...flattenTree(node.children, depth + 1, node.gid)]);
}

/** Every gid of the tree, parents before their children. */
export function treeGids<T extends TreeNode<T>>(nodes: readonly T[]): string[] {
  return flattenTree(nodes).map((e) => e.node.gid);
}

export function findGroup<T extends TreeNode<T>>(nodes: readonly T[], gid: string): T | null {
  for (const n of nodes) {
    if (n.gid === gid) return n;
    const found = findGroup(n.children, gid);
    if (found) return found;
  }
  return null;
}

/** The console's label of a group: its name, else the gid's first characters. */
export function groupLabel(g: Pick<GroupTreeNode, "gid" | "name">): string {
  return g.name ?? `${g.gid.slice(0, 8)}…`;
}

export const GROUP_PAGE_SIZES = PAGE_SIZES;
