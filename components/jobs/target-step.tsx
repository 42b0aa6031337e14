"use client";

import { useId, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import { groupOptions } from "@/lib/queries/devices";
import { MAX_JOB_DEVICES } from "@/lib/plain/jobs";
import { GroupPicker } from "@/components/groups/group-picker";
import { useFormat, useT } from "@/components/i18n";
import { productLabel, useProduct } from "@/components/product";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Tabs } from "@/components/ui/tabs";
import { listProblem, type ParsedDeviceList } from "./create-job-state";
import { useFilterText } from "./job-format";
import type { JobSource } from "./job-source";

export type ListMode = "list" | "group";

export interface TargetDraft {
  productKey: string;
  /** For a `list` source: paste/upload or a group picked here. */
  listMode: ListMode;
  text: string;
  /** The group of a `group` source, or the one picked in list mode. */
  gid: string | null;
  includeSubgroups: boolean;
}

/** Step 1: which devices. A page's selection, search or group is shown as given; the Jobs page asks for a list or a group. */
export function TargetStep({
  source,
  draft,
  parsed,
  onChange,
}: {
  source: JobSource;
  draft: TargetDraft;
  parsed: ParsedDeviceList;
  onChange: (patch: Partial<TargetDraft>) => void;
}) {
  const t = useT("jobs");
  const f = useFormat();
  const { products } = useProduct();
  const productId = useId();

  return (
    <div className="space-y-4 text-[13px]" data-testid="job-step-target">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <label htmlFor={productId} className="mb-1 block font-medium text-ink">
            {t("product")}
          </label>
          {source.kind === "list" ? (
            <Select
              id={productId}
              value={draft.productKey}
              onChange={(e) => onChange({ productKey: e.target.value, gid: null })}
              options={products.map((p) => ({ value: p.productKey, label: productLabel(p) }))}
            />
          ) : (
            <p id={productId} className="rounded-md border border-line bg-sunken px-2.5 py-1.5 text-ink">
              {productLabel(products.find((p) => p.productKey === draft.productKey) ?? { productKey: draft.productKey, name: null })}
            </p>
          )}
        </div>
      </div>

      {source.kind === "selection" ? (
        <SourceCard title={t("sourceSelection", { count: f.number(source.dids.length) })} body={t("sourceSelectionBody")} />
      ) : null}
      {source.kind === "search" ? <SearchSource productKey={draft.productKey} filters={source.filters} total={source.total} /> : null}
      {source.kind === "group" ? (
        <SourceCard title={t("sourceGroup", { name: source.name })} body={t("sourceGroupBody")}>
          <SubgroupsBox checked={draft.includeSubgroups} onChange={(v) => onChange({ includeSubgroups: v })} />
        </SourceCard>
      ) : null}
      {source.kind === "list" ? (
        <div className="space-y-3">
          <Tabs
            idBase="job-target"
            aria-label={t("stepTarget")}
            items={[
              { value: "list", label: t("targetTabList") },
              { value: "group", label: t("targetTabGroup") },
            ]}
            value={draft.listMode}
            onValueChange={(v) => onChange({ listMode: v === "group" ? "group" : "list" })}
          />
          {draft.listMode === "list" ? (
            <DeviceListInput text={draft.text} parsed={parsed} onText={(text) => onChange({ text })} />
          ) : (
            <div className="space-y-2">
              <div className="max-w-md">
                <GroupPicker
                  productKey={draft.productKey}
                  value={draft.gid}
                  onChange={(gid) => onChange({ gid })}
                  label={t("targetGroupLabel")}
                />
              </div>
              <SubgroupsBox checked={draft.includeSubgroups} onChange={(v) => onChange({ includeSubgroups: v })} />
            </div>
          )}
        </div>
      ) : null}
      <p className="text-xs text-ink-subtle">{t("targetFooter")}</p>
    </div>
  );
}

function SourceCard({ title, body, children }: { title: string; body: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-md border border-line bg-sunken/50 p-3" data-testid="job-source">
      <p className="font-medium text-ink">{title}</p>
      <p className="mt-0.5 text-ink-muted">{body}</p>
      {children ? <div className="mt-2">{children}</div> : null}
    </div>
  );
}

function SubgroupsBox({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const t = useT("jobs");
  return (
    <div>
      <Checkbox
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        label={t("includeSubgroups")}
        data-testid="job-include-subgroups"
      />
      <p className="mt-0.5 pl-6 text-xs text-ink-subtle">{t("includeSubgroupsHint")}</p>
    </div>
  );
}

function SearchSource({ productKey, filters, total }: { productKey: string; filters: Readonly<Record<string, string>>; total: number }) {
  const t = useT("jobs");
  const f = useFormat();
  const filterText = useFilterText();
  const groups = useQuery({ ...groupOptions(productKey), enabled: Boolean(filters.gid) });
  const groupName = (gid: string) => groups.data?.groups.find((g) => g.gid === gid)?.name ?? null;
  const parts = filterText(filters, groupName);
  return (
    <SourceCard title={t("sourceSearch", { total: f.number(total) })} body={t("sourceSearchBody")}>
      <div className="flex flex-wrap gap-1.5" data-testid="job-source-filters">
        {parts.length ? (
          parts.map((p) => (
            <span key={p} className="rounded-full border border-line bg-panel px-2 py-0.5 text-xs text-ink">
              {p}
            </span>
          ))
        ) : (
          <span className="text-xs text-ink-muted">{t("sourceSearchNoFilters")}</span>
        )}
      </div>
    </SourceCard>
  );
}

function DeviceListInput({ text, parsed, onText }: { text: string; parsed: ParsedDeviceList; onText: (s: string) => void }) {
  const t = useT("jobs");
  const f = useFormat();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const problem = text.trim() ? listProblem(parsed) : null;
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="font-medium text-ink">
          {t("listLabel")}
        </label>
        <Button size="xs" onClick={() => fileRef.current?.click()} data-testid="job-upload">
          {t("listUpload")}
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          className="hidden"
          data-testid="job-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then((s) => onText(text.trim() ? `${text}\n${s}` : s));
            e.target.value = "";
          }}
        />
      </div>
      <Textarea
        id={id}
        rows={8}
        value={text}
        onChange={(e) => onText(e.target.value)}
        placeholder={t("listPlaceholder")}
        className="font-mono text-xs"
        data-testid="job-list-input"
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="text-xs text-ink-subtle">
        {t("listHint", { max: f.number(MAX_JOB_DEVICES) })}
      </p>
      {text.trim() ? (
        <p className="flex flex-wrap gap-3 text-xs" data-testid="job-list-counts">
          {parsed.dids.length ? <span className="text-ok">{t("listDids", { count: f.number(parsed.dids.length) })}</span> : null}
          {parsed.macs.length ? <span className="text-ok">{t("listMacs", { count: f.number(parsed.macs.length) })}</span> : null}
          {parsed.duplicates ? <span className="text-ink-muted">{t("listDuplicates", { count: f.number(parsed.duplicates) })}</span> : null}
          {parsed.invalid.length ? <span className="text-bad">{t("listInvalid", { count: f.number(parsed.invalid.length) })}</span> : null}
        </p>
      ) : null}
      {parsed.invalid.length ? (
        <p className="break-all text-xs text-bad">
          {t("listInvalidLines", { list: parsed.invalid.slice(0, 5).join(" · ") + (parsed.invalid.length > 5 ? " …" : "") })}
        </p>
      ) : null}
      {problem === "mixed" || problem === "tooMany" ? (
        <p role="alert" className="rounded-md border border-bad/30 bg-bad-soft px-2.5 py-1.5 text-xs text-bad">
          {problem === "mixed" ? t("listMixed") : t("listTooMany", { max: f.number(MAX_JOB_DEVICES) })}
        </p>
      ) : null}
    </div>
  );
}
