"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { CapabilityRecordDto, ProductCapabilities } from "@/lib/schemas/capabilities";
import { useFormat, useT } from "@/components/i18n";
import { productLabel, useProduct } from "@/components/product";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { Skeleton } from "@/components/ui/skeleton";

type CapKey = "history.data" | "history.cmd" | "history.online" | "agg_data" | "control" | "openapi.appid";
const CAP_KEYS: readonly string[] = ["history.data", "history.cmd", "history.online", "agg_data", "control", "openapi.appid"];
const isCapKey = (k: string): k is CapKey => CAP_KEYS.includes(k);

export const capabilitiesQueryKey = ["capabilities"] as const;

function State({ record }: { record: CapabilityRecordDto | null }) {
  const t = useT("capabilities");
  const f = useFormat();
  const state = record === null ? "unknown" : record.value === false ? "off" : "on";
  const tone: BadgeTone = state === "on" ? "success" : state === "off" ? "warning" : "neutral";
  return (
    <span className="flex flex-col gap-0.5">
      <span className="flex items-center gap-2">
        <Badge tone={tone}>{t(state === "on" ? "stateOn" : state === "off" ? "stateOff" : "stateUnknown")}</Badge>
        {record ? (
          <span className="text-xs text-ink-subtle">
            {t(`source_${record.source}`)} · {f.dateTime(record.learnedAt)}
            {record.stale ? ` · ${t("stale")}` : ""}
          </span>
        ) : null}
      </span>
      {state === "off" ? <span className="text-xs text-ink-muted">{t("stateOffHint")}</span> : null}
    </span>
  );
}

/** Per product: which upstream capabilities are available, learned from refusals and configuration. */
export function CapabilitiesCard() {
  const t = useT("capabilities");
  const { products } = useProduct();
  const q = useQuery({
    queryKey: capabilitiesQueryKey,
    queryFn: ({ signal }) => apiFetch<ProductCapabilities>("/api/capabilities", { signal }),
  });
  const qc = useQueryClient();
  const recheck = useMutation({
    mutationFn: (pk: string) => apiFetch<{ forgotten: number }>(`/api/capabilities/${encodeURIComponent(pk)}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: capabilitiesQueryKey }),
  });
  const name = (pk: string) => {
    const p = products.find((x) => x.productKey === pk);
    return p ? productLabel(p) : pk;
  };
  return (
    <Card className="mb-4" data-testid="capabilities">
      <div className="border-b border-line px-4 py-3">
        <h2 className="text-sm font-medium text-ink">{t("title")}</h2>
        <p className="text-xs text-ink-muted">{t("body")}</p>
      </div>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} compact /> : null}
      {q.isLoading ? <Skeleton className="m-4 h-24" /> : null}
      {q.data ? (
        <div className="flex flex-col divide-y divide-line">
          {q.data.products.map((p) => (
            <section key={p.productKey} className="px-4 py-3" data-testid={`capabilities-${p.productKey}`}>
              <div className="mb-2 flex items-center justify-between gap-2">
                <h3 className="text-[13px] font-medium text-ink">
                  {name(p.productKey)} <span className="font-mono text-[11px] text-ink-subtle">{p.productKey}</span>
                </h3>
                <Button
                  size="xs"
                  variant="ghost"
                  title={t("recheckHint")}
                  data-testid={`capabilities-recheck-${p.productKey}`}
                  disabled={recheck.isPending}
                  onClick={() => recheck.mutate(p.productKey)}
                >
                  {t("recheck")}
                </Button>
              </div>
              <table className="w-full text-[13px]">
                <thead className="sr-only">
                  <tr>
                    <th>{t("colCapability")}</th>
                    <th>{t("colState")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.capabilities
                    .filter((c) => isCapKey(c.key))
                    .map((c) => (
                      <tr
                        key={c.key}
                        data-testid={`capability-${c.key}`}
                        data-state={c.record === null ? "unknown" : String(c.record.value)}
                      >
                        <td className="w-64 py-1 pr-3 align-top text-ink-muted">{t(`cap_${c.key as CapKey}`)}</td>
                        <td className="py-1">
                          <State record={c.record} />
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          ))}
          <section className="px-4 py-3">
            <h3 className="mb-2 text-[13px] font-medium text-ink">{t("tenantTitle")}</h3>
            {q.data.tenant.length === 0 ? (
              <p className="text-xs text-ink-muted">{t("tenantEmpty")}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-[13px]">
                {q.data.tenant.map((r) => (
                  <li key={r.key} className="flex gap-3">
                    <span className="w-64 font-mono text-xs text-ink-muted">{r.key}</span>
                    <span className="font-mono text-xs">{JSON.stringify(r.record?.value ?? null)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}
    </Card>
  );
}
