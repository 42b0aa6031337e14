"use client";

import type { ReactNode } from "react";
import { useT } from "../i18n";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

type Section = "navDevices" | "navGroups" | "navUsers" | "navReports" | "navSettings";

/** Placeholder for a section another engineer is building. */
export function ComingNext({ section, children }: { section: Section; children?: ReactNode }) {
  const t = useT("shell");
  return (
    <>
      <PageHeader title={t(section)} meta={<Badge tone="info">{t("comingNext")}</Badge>} />
      {children}
      <Card>
        <EmptyState title={t("comingNext")} description={t("comingNextBody")} />
      </Card>
    </>
  );
}
