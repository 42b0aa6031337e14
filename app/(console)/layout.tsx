import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { env } from "@/server/env";
import { AppShell } from "@/components/shell/app-shell";
import { ProductProvider } from "@/components/product";
import { PRODUCT_COOKIE } from "@/components/preferences";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const remembered = (await cookies()).get(PRODUCT_COOKIE)?.value ?? null;
  return (
    <ProductProvider initialProduct={remembered}>
      <AppShell user={{ id: user.id, username: user.username, name: user.name, role: user.role }} demo={env().CONSOLE_DEMO}>
        {children}
      </AppShell>
    </ProductProvider>
  );
}
