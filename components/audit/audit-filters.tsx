"use client";

import { useId } from "react";
import type { AuditStatus } from "@/lib/schemas/audit";
import { useT } from "@/components/i18n";
import { productLabel } from "@/components/product";
import { Button } from "@/components/ui/button";
import { IconSearch, IconX } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { STATUS } from "./audit-columns";
import { DebouncedInput } from "./debounced-input";
import type { AuditPage } from "./use-audit-page";

/** The audit table's filter bar: free text, user, action, product, status and a day range. */
export function AuditFilters({ page }: { page: AuditPage }) {
  const t = useT("audit");
  const id = useId();
  const { state, products, rangeInvalid, filtered, setFilter, clearFilters } = page;
  const statusOptions = (Object.keys(STATUS) as AuditStatus[]).map((s) => ({ value: s, label: t(STATUS[s].key) }));
  return (
    <div role="search" aria-label={t("filters")} className="flex w-full flex-wrap items-center gap-2">
      <div className="min-w-48 flex-1">
        <DebouncedInput
          size="sm"
          leading={<IconSearch size={14} />}
          placeholder={t("search")}
          aria-label={t("search")}
          value={state.q}
          onCommit={setFilter("q")}
        />
      </div>
      <div className="w-28">
        <DebouncedInput size="sm" aria-label={t("user")} placeholder={t("user")} value={state.user} onCommit={setFilter("user")} />
      </div>
      <div className="w-40">
        <DebouncedInput
          size="sm"
          aria-label={t("action")}
          placeholder={t("actionPlaceholder")}
          value={state.action}
          onCommit={setFilter("action")}
          className="font-mono text-xs"
        />
      </div>
      <div className="w-44">
        <Select
          size="sm"
          aria-label={t("product")}
          value={state.product}
          placeholder={t("allProducts")}
          options={products.map((p) => ({ value: p.productKey, label: productLabel(p) }))}
          onChange={(e) => setFilter("product")(e.target.value)}
        />
      </div>
      <div className="w-32">
        <Select
          size="sm"
          aria-label={t("status")}
          value={state.status}
          placeholder={t("allStatuses")}
          options={statusOptions}
          onChange={(e) => setFilter("status")(e.target.value)}
        />
      </div>
      <div className="flex items-center gap-1.5 text-xs text-ink-muted">
        <span className="w-34">
          <Input
            size="sm"
            id={`${id}-from`}
            aria-label={t("from")}
            title={t("from")}
            type="date"
            value={state.from}
            max={state.to || undefined}
            onChange={(e) => setFilter("from")(e.target.value)}
            invalid={rangeInvalid}
          />
        </span>
        <span aria-hidden="true">–</span>
        <span className="w-34">
          <Input
            size="sm"
            id={`${id}-to`}
            aria-label={t("to")}
            title={t("to")}
            type="date"
            value={state.to}
            min={state.from || undefined}
            onChange={(e) => setFilter("to")(e.target.value)}
            invalid={rangeInvalid}
          />
        </span>
      </div>
      {filtered ? (
        <Button size="sm" variant="ghost" onClick={clearFilters}>
          <IconX size={14} />
          {t("clear")}
        </Button>
      ) : null}
    </div>
  );
}
