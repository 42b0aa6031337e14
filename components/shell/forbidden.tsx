"use client";

import Link from "next/link";
import type { Role } from "@/lib/roles";
import { useT } from "../i18n";
import { buttonVariants } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { IconLock } from "../ui/icons";
import { useRoleLabel } from "./role-label";

/** Rendered by a server page when the signed-in role may not see it (the APIs refuse too). */
export function Forbidden({ needs }: { needs: Role }) {
  const t = useT("shell");
  const roles = useRoleLabel();
  return (
    <Card data-testid="forbidden">
      <EmptyState
        icon={<IconLock />}
        title={t("forbiddenTitle")}
        description={t("forbiddenBody", { role: roles.label(needs) })}
        action={
          <Link href="/" className={buttonVariants({ size: "sm" })}>
            {t("backHome")}
          </Link>
        }
      />
    </Card>
  );
}
