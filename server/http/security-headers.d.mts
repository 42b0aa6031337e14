export function securityHeaders(dev: boolean): { key: string; value: string }[];
export const HSTS: { key: string; value: string };
