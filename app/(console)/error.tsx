"use client";

import { useEffect } from "react";
import Link from "next/link";
import { useT } from "@/components/i18n";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconAlert, IconRefresh } from "@/components/ui/icons";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT("shell");
  const tc = useT("common");
  useEffect(() => {
    console.error("[console] page error", error.digest ?? error.message);
  }, [error]);
  return (
    <Card role="alert">
      <EmptyState
        icon={<IconAlert className="text-bad" />}
        title={t("errorPageTitle")}
        description={
          <>
            {t("errorPageBody")}
            {error.digest ? <span className="mt-1 block font-mono text-xs text-ink-subtle">#{error.digest}</span> : null}
          </>
        }
        action={
          <div className="flex gap-2">
            <Button size="sm" variant="primary" onClick={reset}>
              <IconRefresh size={14} />
              {tc("retry")}
            </Button>
            <Link href="/" className={buttonVariants({ size: "sm" })}>
              {t("backHome")}
            </Link>
          </div>
        }
      />
    </Card>
  );
}
