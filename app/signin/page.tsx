import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { env } from "@/server/env";
import { DEMO_ACCOUNTS } from "@/lib/demo-accounts";
import { translator } from "@/lib/i18n/core";
import { signin } from "@/lib/i18n/messages/signin";
import { getRequestLocale } from "../request-locale";
import { SignInClient } from "@/components/signin/signin-client";
import { PageMessages } from "../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(signin, await getRequestLocale())("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getSessionUser()) redirect("/");
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  // Demo passwords are public by design (lib/demo-accounts.ts); they are only sent when demo mode is on.
  const demoAccounts = env().CONSOLE_DEMO
    ? DEMO_ACCOUNTS.map(({ username, password, name, role }) => ({ username, password, name, role }))
    : [];
  return (
    <PageMessages ns={["signin"]}>
      <SignInClient callbackUrl={one(sp.callbackUrl)} initialError={one(sp.error)} demoAccounts={demoAccounts} />
    </PageMessages>
  );
}
