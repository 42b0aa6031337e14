"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { deviceHref } from "@/lib/queries/devices";
import { userDetailOptions } from "@/lib/queries/users";
import type { DeviceRow } from "@/lib/schemas/devices";
import { userDisplayName } from "@/lib/plain/users";
import { useFormat, useT } from "@/components/i18n";
import { useProduct } from "@/components/product";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { PagedExportButton } from "@/components/export/paged-export-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { IconChevronLeft, IconPlus } from "@/components/ui/icons";
import { KeyValueList } from "@/components/ui/key-value";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonLines } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { useUrlParams } from "@/components/ui/use-url-param";
import { lazyClient } from "@/components/ui/lazy-client";
import type { BindingKind } from "./binding-dialog";

// The bind/unbind dialog is fetched when it first opens: it is rendered only then.
// Hovering or focusing a button that opens it starts the fetch.
const loadBindingDialog = () => import("./binding-dialog");
const BindingDialog = lazyClient(() => loadBindingDialog().then((m) => m.BindingDialog));
const prefetchBindingDialog = () => void loadBindingDialog();

const NO_DIDS: readonly string[] = [];

export function UserDetailClient({ uid, canBind }: { uid: string; canBind: boolean }) {
  const t = useT("users");
  const td = useT("devices");
  const f = useFormat();
  const { params } = useUrlParams();
  const { productKey, isLoading: productsLoading, error: productsError } = useProduct();
  const q = useQuery({ ...userDetailOptions(productKey ?? "", uid), enabled: Boolean(productKey) });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<{ kind: BindingKind; dids: readonly string[] } | null>(null);

  if (!productKey) {
    if (productsError) return <ErrorState error={productsError} />;
    return productsLoading ? null : <EmptyState title={t("noProduct")} />;
  }

  const user = q.data?.user ?? null;
  const name = (user && userDisplayName(user)) ?? (user?.isAnonymous ? t("anonymous") : uid);
  const devices = q.data?.devices;
  const liveSelected = new Set([...selected].filter((d) => devices?.some((x) => x.did === d)));

  const columns: Column<DeviceRow>[] = [
    {
      id: "mac",
      header: t("colDevice"),
      mono: true,
      cell: (d) => (
        <Link className="text-accent hover:underline" href={deviceHref(productKey, d.did)}>
          {d.mac}
        </Link>
      ),
    },
    { id: "did", header: t("colDid"), mono: true, hideBelow: "md", cell: (d) => d.did },
    {
      id: "status",
      header: t("colStatus"),
      cell: (d) => (
        <span className="flex flex-wrap gap-1">
          {d.isDisabled ? <StatusBadge status="disabled" /> : <StatusBadge status={d.isOnline ? "online" : "offline"} />}
          {d.isFaulty ? <StatusBadge status="fault" /> : null}
          {d.isAlert ? <StatusBadge status="alert" /> : null}
        </span>
      ),
    },
    { id: "last", header: t("colLastOnline"), hideBelow: "lg", cell: (d) => (d.onlineLatest ? f.dateTime(d.onlineLatest * 1000) : "—") },
  ];
  if (canBind) {
    columns.push({
      id: "actions",
      header: "",
      align: "right",
      cell: (d) => (
        <Button size="xs" variant="danger-ghost" onClick={() => setDialog({ kind: "unbind", dids: [d.did] })}>
          {t("unbind")}
        </Button>
      ),
    });
  }

  return (
    <div>
      <Link
        href={`/users?product=${encodeURIComponent(productKey)}`}
        className="mb-2 inline-flex items-center gap-1 text-xs text-ink-muted hover:text-ink"
      >
        <IconChevronLeft width={14} height={14} />
        {t("backToUsers")}
      </Link>
      <PageHeader
        title={<span data-testid="user-title">{t("userTitle", { name })}</span>}
        meta={
          <>
            <span className="font-mono">uid {uid}</span>
            {user?.isAnonymous ? <Badge tone="muted">{t("anonymous")}</Badge> : null}
            {user?.consoleServiceUser ? (
              <Badge tone="warning" data-testid="console-service-user-badge" title={t("consoleServiceUserHint")}>
                {t("consoleServiceUser")}
              </Badge>
            ) : null}
            {q.data ? <span>{t("devicesCount", { count: f.number(q.data.devicesTotal) })}</span> : null}
          </>
        }
        actions={
          canBind ? (
            <Button
              variant="primary"
              onPointerEnter={prefetchBindingDialog}
              onFocus={prefetchBindingDialog}
              onClick={() => setDialog({ kind: "bind", dids: NO_DIDS })}
              disabled={!q.data}
            >
              <IconPlus width={14} height={14} />
              {t("bind")}
            </Button>
          ) : (
            <span className="text-xs text-ink-subtle">{t("viewOnlyHint")}</span>
          )
        }
      />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
          <Card>
            <CardHeader title={t("profile")} />
            <CardBody>
              {q.isLoading ? (
                <SkeletonLines lines={6} />
              ) : user ? (
                <KeyValueList
                  items={[
                    { label: t("username"), value: user.username },
                    { label: t("name"), value: user.name },
                    { label: t("phone"), value: user.phone },
                    { label: t("email"), value: user.email },
                    { label: t("accountType"), value: user.isAnonymous ? t("accountAnonymous") : t("accountNamed") },
                    { label: t("gender"), value: user.gender },
                    { label: t("birthday"), value: user.birthday },
                    { label: t("address"), value: user.address },
                    { label: t("remark"), value: user.remark },
                    { label: t("createdAt"), value: user.createdAt ? f.dateTime(user.createdAt * 1000) : null },
                  ]}
                />
              ) : (
                <p className="text-[13px] text-ink-muted" data-testid="profile-missing">
                  {t("profileMissing")}
                </p>
              )}
            </CardBody>
          </Card>
          <DataTable
            aria-label={t("devicesTitle")}
            columns={columns}
            rows={devices}
            rowKey={(d) => d.did}
            loading={q.isLoading}
            fetching={q.isFetching && !q.isLoading}
            selection={canBind ? { selected: liveSelected, onChange: setSelected } : undefined}
            rowProps={(d) => ({ "data-did": d.did })}
            empty={<EmptyState compact title={t("devicesEmpty")} />}
            maxHeight="none"
            toolbar={
              <div className="flex w-full flex-wrap items-center gap-2">
                <span className="text-sm font-semibold text-ink">{t("devicesTitle")}</span>
                {q.data && q.data.devicesTotal > q.data.devices.length ? (
                  <span className="text-xs text-ink-muted">
                    {t("devicesMore", { shown: q.data.devices.length, total: q.data.devicesTotal })}
                  </span>
                ) : null}
                {devices && devices.length > 0 ? (
                  <span className="ml-auto">
                    <PagedExportButton
                      filename={`user-${uid}-devices`}
                      testId="user-devices-export"
                      cost={{ kind: "free" }}
                      collect={async () => ({
                        items: devices,
                        pages: 0,
                        complete: true,
                        stopped: null,
                        error: null,
                        total: devices.length,
                      })}
                      toCsv={async (rows) => {
                        const [{ toCsv }, { deviceCsvColumns }] = await Promise.all([import("@/lib/csv"), import("@/lib/device-csv")]);
                        return toCsv(
                          rows,
                          deviceCsvColumns(td, (s) => (s === null ? "" : f.dateTime(s * 1000))),
                        );
                      }}
                    />
                  </span>
                ) : null}
                {canBind && liveSelected.size > 0 ? (
                  <Button
                    size="sm"
                    variant="danger"
                    onPointerEnter={prefetchBindingDialog}
                    onFocus={prefetchBindingDialog}
                    onClick={() => setDialog({ kind: "unbind", dids: [...liveSelected] })}
                  >
                    {t("unbindSelected", { count: liveSelected.size })}
                  </Button>
                ) : null}
              </div>
            }
          />
        </div>
      )}
      {dialog ? (
        <BindingDialog
          open
          onClose={() => {
            setDialog(null);
            setSelected(new Set());
          }}
          kind={dialog.kind}
          pk={productKey}
          uid={uid}
          name={name}
          initialDids={dialog.dids}
          preferredAppid={params.get("appid")}
        />
      ) : null}
    </div>
  );
}
