import { HSTS, securityHeaders } from "./server/http/security-headers.mjs";

const dev = process.env.NODE_ENV !== "production";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets a benchmark or a second build run beside the test build without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite ships WASM + data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  async headers() {
    return [
      // Security headers on every answer (server/http/security-headers.mjs).
      { source: "/:path*", headers: securityHeaders(dev) },
      // HSTS only when the request reached the console over https (a trusted TLS-terminating proxy).
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
    ];
  },
};

export default nextConfig;
