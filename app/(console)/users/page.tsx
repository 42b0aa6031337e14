import type { Metadata } from "next";
import { translator } from "@/lib/i18n/core";
import { users } from "@/lib/i18n/messages/users";
import { UsersClient } from "@/components/users/users-client";
import { getRequestLocale } from "../../request-locale";
import { PageMessages } from "../../page-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(users, await getRequestLocale())("title") };
}

export default function UsersPage() {
  return (
    <PageMessages ns={["devices", "exports", "users"]}>
      <UsersClient />
    </PageMessages>
  );
}
