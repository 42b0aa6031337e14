import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";

// next-auth's own endpoints (sign-in, callback, session, csrf, sign-out) are public by design;
// every other API route authorizes itself through defineRoute.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(req, ctx, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
