import { z } from "zod";

/**
 * Text that may reach the database, the audit log or the upstream. PostgreSQL cannot store NUL
 * (U+0000) nor a lone UTF-16 surrogate (it is not valid UTF-8), and control characters in ids,
 * names and filters are never legitimate (CR/LF in a header-bound value, escape sequences in a
 * log). Tab and newline are allowed only where a text is multi-line.
 */

// C0 controls except tab, LF, CR; DEL; C1 controls. Matching control characters is the point here.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this regex finds control characters to refuse them
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: this regex finds control characters to refuse them
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` is not safe text, or null when it is. */
export function unsafeTextReason(s: string, opts: { multiline?: boolean } = {}): string | null {
  if (s.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(s)) return "contains broken Unicode (a lone surrogate)";
  if ((opts.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(s)) return "contains a control character";
  return null;
}

export interface SafeTextOptions {
  /** Longest accepted length after trimming (characters). */
  max: number;
  /** Shortest accepted length after trimming; default 0. */
  min?: number;
  /** Allows tab and newlines (descriptions, pasted lists). */
  multiline?: boolean;
  /** Trims surrounding white space first; default true. */
  trim?: boolean;
}

/** A string free of NUL, lone surrogates and control characters, bounded in length. */
export function safeText(opts: SafeTextOptions) {
  const base = z.string().superRefine((s, ctx) => {
    const reason = unsafeTextReason(s, opts);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
  const trimmed = opts.trim === false ? base : base.trim();
  return trimmed.min(opts.min ?? 0).max(opts.max);
}

/** Every string inside a parsed JSON value or query object, with its path (for a blanket check). */
export function findUnsafeText(value: unknown, path: string[] = [], depth = 0): { path: string; reason: string } | null {
  if (depth > 64) return null;
  if (typeof value === "string") {
    const reason = unsafeTextReason(value, { multiline: true });
    return reason ? { path: path.join("."), reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafeText(value[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyReason = unsafeTextReason(k, { multiline: false });
      if (keyReason) return { path: [...path, k].join("."), reason: keyReason };
      const hit = findUnsafeText(v, [...path, k], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}
