"use client";

import { useT } from "@/components/i18n";
import { buttonVariants } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { IconDownload } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Tooltip } from "@/components/ui/tooltip";
import { useAuditColumns } from "./audit-columns";
import { AuditDetail } from "./audit-detail";
import { AuditFilters } from "./audit-filters";
import { PAGE_SIZES } from "./search-params";
import { useAuditPage } from "./use-audit-page";

export function AuditClient() {
  const t = useT("audit");
  const page = useAuditPage();
  const { state, q, rangeInvalid, filtered } = page;
  const columns = useAuditColumns(page.products);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Tooltip content={t("exportHint")} align="end">
            <a
              href={page.exportHref}
              download
              data-testid="audit-export"
              aria-disabled={rangeInvalid || undefined}
              className={buttonVariants({ size: "md" })}
            >
              <IconDownload />
              {t("export")}
            </a>
          </Tooltip>
        }
      />
      <DataTable
        aria-label={t("title")}
        columns={columns}
        rows={rangeInvalid ? [] : q.data?.items}
        rowKey={(r) => String(r.id)}
        loading={q.isLoading}
        fetching={q.isFetching && !q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        renderExpanded={(r) => <AuditDetail record={r} />}
        rowProps={(r) => ({ "data-action": r.action, "data-status": r.status })}
        rowClassName={(r) => (r.status === "denied" ? "bg-warn-soft/30" : undefined)}
        empty={
          rangeInvalid ? (
            <EmptyState compact title={t("rangeInvalid")} />
          ) : (
            <EmptyState
              compact
              title={filtered ? t("emptyFiltered") : t("emptyTitle")}
              description={filtered ? undefined : t("emptyBody")}
            />
          )
        }
        toolbar={<AuditFilters page={page} />}
        footer={
          q.data && !rangeInvalid ? (
            <Pagination
              page={state.page}
              pageSize={state.pageSize}
              total={q.data.total}
              pageSizes={PAGE_SIZES}
              onPageChange={page.setPage}
              onPageSizeChange={page.setPageSize}
            />
          ) : null
        }
      />
    </>
  );
}
