"use client";

import { GROUP_PAGE_SIZES } from "@/lib/plain/groups";
import { DeviceTable } from "@/components/devices/search/device-table";
import { ExportButton } from "@/components/devices/search/export-button";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Tabs } from "@/components/ui/tabs";
import type { GroupsPage } from "./use-groups-page";

/** The device side of the groups page: the group's members, or a MAC search to find devices to drag in. */
export function GroupDevices({ g, productKey, canWrite }: { g: GroupsPage; productKey: string; canWrite: boolean }) {
  const t = useT("groups");
  const f = useFormat();
  const { tab, group, total, members } = g;
  return (
    <>
      <Tabs
        items={[
          { value: "members", label: t("groupDevices"), disabled: !group },
          { value: "find", label: t("findDevices") },
        ]}
        value={tab}
        onValueChange={g.changeTab}
      />
      {tab === "find" ? (
        <form
          className="my-2 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            g.submitFind();
          }}
        >
          <Input
            value={g.findInput}
            onChange={(e) => g.setFindInput(e.target.value)}
            placeholder={t("findPlaceholder")}
            aria-label={t("findPlaceholder")}
            className="max-w-xs"
          />
          <Button type="submit">{t("findDevices")}</Button>
        </form>
      ) : null}
      {tab === "members" && !group ? null : (
        <div className="mt-2">
          <DeviceTable
            productKey={productKey}
            rows={g.rows}
            loading={g.loading}
            fetching={g.fetching}
            error={g.error}
            onRetry={g.retry}
            empty={<EmptyState compact title={t("noDevices")} />}
            selected={canWrite ? g.selected : undefined}
            onSelectedChange={canWrite ? g.changeSelection : undefined}
            allResults={g.allResults}
            toolbar={
              (g.canSelectAllResults && total !== undefined) || (tab === "members" && group && total) ? (
                <div className="flex w-full items-center gap-2">
                  {g.canSelectAllResults && total !== undefined ? (
                    <Button variant="link" size="sm" data-testid="select-all-results" onClick={g.selectAllResults}>
                      {t("selectAllResults", { total: f.number(total) })}
                    </Button>
                  ) : null}
                  {tab === "members" && group && total ? (
                    <span className="ml-auto">
                      {/* The group's direct members, disabled devices included, streamed like the device list's export. */}
                      <ExportButton
                        productKey={productKey}
                        filter={{ gid: group.gid, show_disabled: true }}
                        total={total}
                        testId="group-export"
                        label={t("exportMembers")}
                      />
                    </span>
                  ) : null}
                </div>
              ) : null
            }
            footer={
              total !== undefined && total > 0 ? (
                <Pagination
                  page={g.page}
                  pageSize={g.pageSize}
                  total={total}
                  pageSizes={GROUP_PAGE_SIZES}
                  onPageChange={g.setPage}
                  onPageSizeChange={g.setPageSize}
                />
              ) : null
            }
          />
          {tab === "members" && members.data?.withoutStatus.length ? (
            <p className="mt-2 break-all text-xs text-ink-muted">
              {t("withoutStatus", { count: members.data.withoutStatus.length })}{" "}
              <span className="font-mono">{members.data.withoutStatus.join(", ")}</span>
            </p>
          ) : null}
        </div>
      )}
    </>
  );
}
