import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export const ALLOWED_METHODS: string[];
export function refusal(method: string | undefined, url: string | undefined): { status: 400 | 405; en: string; zh: string } | null;
export function normalizeForwarded(req: IncomingMessage, trustedProxies: number): void;
export function guardListener(listener: RequestListener): RequestListener;
export function install(): void;
export function offerToLane(req: IncomingMessage, res: ServerResponse): boolean;
