"use client";

import { useId, useMemo, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CSV_BOM, toCsv } from "@/lib/csv";
import { assignCalls, parseMacList } from "@/lib/mac";
import { assignChunk, staleAfterGroupWrite } from "@/lib/queries/groups";
import { quotaOptions } from "@/lib/queries/quota";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { failedMacs, runAssignment, type MacOutcome, type RunProgress } from "./assign-runner";
import { outcomeReason } from "./outcome-reason";

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([CSV_BOM, text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Assign or unassign any number of pasted/uploaded MACs: normalized, deduplicated, cost previewed,
 * then sent in ≤1000-MAC requests with real progress and a per-MAC result table.
 */
export function BulkAssignDialog({
  open,
  onClose,
  productKey,
  gid,
  groupName,
  action,
  initialMacs,
}: {
  open: boolean;
  onClose: () => void;
  productKey: string;
  gid: string;
  groupName: string;
  action: "assign" | "unassign";
  initialMacs?: string[];
}) {
  const t = useT("groups");
  const f = useFormat();
  const qc = useQueryClient();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(initialMacs?.join("\n") ?? "");
  const [reassign, setReassign] = useState(false);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [outcomes, setOutcomes] = useState<MacOutcome[] | null>(null);
  const [running, setRunning] = useState(false);
  const [onlyFailed, setOnlyFailed] = useState(true);
  const parsed = useMemo(() => parseMacList(text), [text]);
  const quota = useQuery(quotaOptions());
  const calls = assignCalls(parsed.macs.length);
  const remaining = quota.data?.known ? quota.data.remaining : null;

  const run = async (macs: string[]) => {
    setRunning(true);
    setProgress({ done: 0, total: macs.length, chunk: 0, chunks: assignCalls(macs.length) });
    const prior = outcomes?.filter((o) => !macs.includes(o.mac)) ?? [];
    const out = await runAssignment(
      macs,
      (part) => assignChunk(productKey, gid, { action, macs: part, reassign: action === "assign" && reassign }, crypto.randomUUID()),
      (p, partial) => {
        setProgress(p);
        setOutcomes([...prior, ...partial]);
      },
    );
    setOutcomes([...prior, ...out]);
    setRunning(false);
    for (const key of staleAfterGroupWrite(productKey)) void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: quotaOptions().queryKey });
  };

  const failed = outcomes ? failedMacs(outcomes) : [];
  const okCount = outcomes ? outcomes.length - failed.length : 0;
  const shown = outcomes ? (onlyFailed && failed.length ? outcomes.filter((o) => !o.ok) : outcomes) : [];

  const csv = () =>
    download(
      `group-${gid.slice(0, 8)}-${action}.csv`,
      toCsv(outcomes ?? [], [
        { header: "mac", value: (o) => o.mac },
        { header: "result", value: (o) => (o.ok ? "success" : "failed") },
        { header: "reason", value: (o) => outcomeReason(o, t) },
      ]),
    );

  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!running}
      size="lg"
      title={action === "assign" ? t("bulkTitleAssign", { name: groupName }) : t("bulkTitleUnassign", { name: groupName })}
      footer={
        <>
          <Button onClick={onClose} disabled={running}>
            {t("close")}
          </Button>
          {outcomes && failed.length > 0 ? (
            <Button onClick={() => void run(failed)} disabled={running} data-testid="retry-failed">
              {t("retryFailed", { count: f.number(failed.length) })}
            </Button>
          ) : null}
          {!outcomes ? (
            <Button
              variant="primary"
              onClick={() => void run(parsed.macs)}
              loading={running}
              disabled={parsed.macs.length === 0}
              data-testid="bulk-start"
            >
              {t("start")}
            </Button>
          ) : null}
        </>
      }
    >
      {!outcomes ? (
        <div className="space-y-3 text-[13px]">
          <div>
            <div className="mb-1 flex items-center justify-between">
              <label htmlFor={inputId} className="font-medium text-ink">
                {t("bulkInput")}
              </label>
              <Button size="xs" onClick={() => fileRef.current?.click()}>
                {t("bulkUpload")}
              </Button>
              <input
                ref={fileRef}
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                className="hidden"
                data-testid="bulk-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void file.text().then((s) => setText((cur) => (cur.trim() ? `${cur}\n${s}` : s)));
                  e.target.value = "";
                }}
              />
            </div>
            <Textarea
              id={inputId}
              rows={8}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className="font-mono text-xs"
              data-testid="bulk-input"
            />
            <p className="mt-1 text-xs text-ink-subtle">{t("bulkInputHint")}</p>
          </div>
          <p className="flex flex-wrap gap-3" data-testid="bulk-counts">
            <span className="text-ok">{t("bulkValid", { count: f.number(parsed.macs.length) })}</span>
            {parsed.invalid.length ? (
              <span className="text-bad">{t("bulkInvalid", { count: f.number(parsed.invalid.length) })}</span>
            ) : null}
            {parsed.duplicates ? (
              <span className="text-ink-muted">{t("bulkDuplicates", { count: f.number(parsed.duplicates) })}</span>
            ) : null}
          </p>
          {parsed.invalid.length ? (
            <p className="break-all text-xs text-bad">
              {t("bulkInvalidList", { list: parsed.invalid.slice(0, 20).join(", ") + (parsed.invalid.length > 20 ? " …" : "") })}
            </p>
          ) : null}
          {action === "assign" ? (
            <div className="rounded-md border border-line p-2">
              <Checkbox
                checked={reassign}
                onChange={(e) => setReassign(e.target.checked)}
                label={t("reassignLabel")}
                data-testid="bulk-reassign"
              />
              <p className="mt-1 text-xs text-ink-muted">{reassign ? t("reassignOn") : t("reassignOff")}</p>
            </div>
          ) : null}
          {parsed.macs.length ? (
            <p className="rounded-md bg-sunken px-2 py-1.5 text-xs text-ink-muted" data-testid="bulk-cost">
              {t("costPreview", {
                count: f.number(parsed.macs.length),
                chunks: f.number(calls),
                remaining: remaining === null ? "—" : f.number(remaining),
              })}
              {remaining !== null && remaining < calls ? <span className="block text-bad">{t("costTooHigh")}</span> : null}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="space-y-3 text-[13px]">
          {progress ? (
            <div>
              <div
                className="h-2 overflow-hidden rounded bg-sunken"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={progress.total}
                aria-valuenow={progress.done}
              >
                <div
                  className="h-full bg-accent transition-all"
                  style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }}
                />
              </div>
              <p className="mt-1 text-xs text-ink-muted" data-testid="bulk-progress">
                {t("progress", {
                  done: f.number(progress.done),
                  total: f.number(progress.total),
                  chunk: progress.chunk,
                  chunks: progress.chunks,
                })}
              </p>
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium" data-testid="bulk-summary">
              {t("resultSummary", { ok: f.number(okCount), failed: f.number(failed.length) })}
            </span>
            {failed.length ? (
              <Button size="xs" variant="ghost" onClick={() => setOnlyFailed((v) => !v)}>
                {onlyFailed ? t("showAll") : t("showFailed")}
              </Button>
            ) : null}
            <Button size="xs" className="ml-auto" onClick={csv} disabled={running} data-testid="bulk-download">
              {t("downloadResults")}
            </Button>
          </div>
          <div className="max-h-72 overflow-auto rounded-md border border-line">
            <table className="w-full text-xs" data-testid="bulk-results">
              <thead className="sticky top-0 bg-sunken text-left text-ink-muted">
                <tr>
                  <th className="px-2 py-1">{t("resultMac")}</th>
                  <th className="px-2 py-1">{t("resultStatus")}</th>
                  <th className="px-2 py-1">{t("resultReason")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, 500).map((o) => (
                  <tr key={o.mac} className="border-t border-line" data-result={o.ok ? "ok" : "failed"}>
                    <td className="px-2 py-1 font-mono">{o.mac}</td>
                    <td className={o.ok ? "px-2 py-1 text-ok" : "px-2 py-1 text-bad"}>{o.ok ? t("statusOk") : t("statusFailed")}</td>
                    <td className="px-2 py-1 text-ink-muted">{outcomeReason(o, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Dialog>
  );
}
