import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { usernameSchema } from "@/lib/schemas/accounts";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/session-policy";
import { env } from "@/server/env";
import { clientAddress } from "@/server/http/client-address";
import { bumpSessionVersion, checkCredentials, findAccountById, findOidcAccount, upsertOidcAccount } from "./accounts";
import { groupsFromClaim, parseRoleMap, roleFromGroups } from "./oidc-roles";
import { recordSignIn, signInWaitUntil } from "./throttle";
import { processSingleton } from "@/server/process-singleton";

declare module "next-auth" {
  interface Session {
    uid?: string;
    loginAt?: number;
    /** The account's session version when this session was issued (accounts.session_version). */
    sv?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    loginAt?: number;
    sv?: number;
  }
}

const credentialsSchema = z.object({ username: usernameSchema, password: z.string().min(1).max(200) });

const oidcProfileSchema = z
  .object({
    sub: z.string().min(1),
    name: z.string().optional(),
    preferred_username: z.string().optional(),
    email: z.string().optional(),
  })
  .loose();

/** Thrown (as next-auth's error code) while an attempt must wait; the password is not checked. */
export const SIGNIN_THROTTLED = "SignInThrottled";

/**
 * The Credentials provider's check: the user next-auth should sign in, or null. `headers` are
 * the request's (for the client address of the throttle).
 */
export async function authorizeCredentials(
  credentials: unknown,
  headers: Record<string, string | string[] | undefined> = {},
): Promise<{ id: string; name: string } | null> {
  const c = credentialsSchema.safeParse(credentials);
  if (!c.success) return null;
  const client = clientAddress(headers);
  if ((await signInWaitUntil(c.data.username, client)) > 0) throw new Error(SIGNIN_THROTTLED);
  const row = await checkCredentials(c.data.username, c.data.password);
  await recordSignIn(c.data.username, client, row !== null);
  return row ? { id: row.id, name: row.name } : null;
}

function oidcProvider(): NextAuthOptions["providers"] {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: "OIDC",
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid profile email" } },
      profile(raw: unknown) {
        const p = oidcProfileSchema.parse(raw);
        return { id: p.sub, name: p.name ?? p.preferred_username ?? p.email ?? p.sub, email: p.email ?? null };
      },
    },
  ];
}

function buildOptions(): NextAuthOptions {
  const e = env();
  const roleMap = parseRoleMap(e.OIDC_ROLE_MAP);
  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Password",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, (req?.headers ?? {}) as Record<string, string>),
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const p = oidcProfileSchema.safeParse(profile);
        if (!p.success) return false;
        const role = roleFromGroups(groupsFromClaim(p.data[e.OIDC_GROUPS_CLAIM]), roleMap);
        if (!role) return false;
        const row = await upsertOidcAccount({
          subject: p.data.sub,
          username: (p.data.preferred_username ?? p.data.email ?? p.data.sub).toLowerCase().slice(0, 64),
          name: p.data.name ?? p.data.preferred_username ?? p.data.sub,
          role,
        });
        return row !== null;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const row = account.provider === "oidc" ? await findOidcAccount(account.providerAccountId) : await findAccountById(user.id);
          // Only what identifies the session: role and enabled state are read from the database per request.
          const uid = account.provider === "oidc" ? row?.id : user.id;
          return { sub: token.sub, name: token.name, uid, loginAt: Date.now(), sv: row?.sessionVersion ?? 0 };
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, loginAt: token.loginAt, sv: token.sv };
      },
    },
    events: {
      // Signing out ends the session on the server too: the cookie stops working even if kept.
      async signOut({ token }) {
        if (!token?.uid) return;
        await bumpSessionVersion(token.uid);
      },
    },
  };
}

const builtOptions = processSingleton("__consoleAuthOptions", buildOptions);

/** Built on first use, not at import: `next build` loads route modules without a runtime env. */
export function authOptions(): NextAuthOptions {
  return builtOptions.get();
}
