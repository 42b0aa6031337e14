"use client";

import { useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-error";
import { newIdempotencyKey } from "@/lib/control";
import { parseRaw } from "@/lib/payload";
import { datapointsOptions } from "@/lib/queries/device-detail";
import { groupOptions } from "@/lib/queries/devices";
import { createJob, jobKeys, previewJob } from "@/lib/queries/jobs";
import type { JobTargetInput } from "@/lib/schemas/jobs";
import { useLocale, useT } from "@/components/i18n";
import { productLabel, useProduct } from "@/components/product";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { useErrorText } from "@/components/ui/error-state";
import { IconCheck } from "@/components/ui/icons";
import { CommandStep, EMPTY_COMMAND, type CommandDraft } from "./command-step";
import {
  buildJobInput,
  DEFAULT_OPTIONS,
  formCommand,
  listProblem,
  listTarget,
  parseDeviceList,
  parseOptions,
  rawCommand,
  searchFilters,
  type OptionsDraft,
} from "./create-job-state";
import { useCommandText, useTargetText } from "./job-format";
import type { JobSource } from "./job-source";
import { OptionsStep } from "./options-step";
import { PreviewStep } from "./preview-step";
import { TargetStep, type TargetDraft } from "./target-step";

const STEPS = ["stepTarget", "stepCommand", "stepOptions", "stepPreview"] as const;

/**
 * Create a job in four steps — targets, command, options, preview — then Start. Start stays off
 * until the preview of exactly what is being started is on screen. One Idempotency-Key per opening
 * of the dialog: a double click, or a request retried after a lost answer, creates one job. A
 * refusal (4xx) frees the key on the server, so the operator can correct and start again.
 */
export function CreateJobDialog({ productKey, source, onClose }: { productKey: string; source: JobSource; onClose: () => void }) {
  const t = useT("jobs");
  const locale = useLocale();
  const router = useRouter();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const { products } = useProduct();
  const [step, setStep] = useState(0);
  const [target, setTarget] = useState<TargetDraft>({
    productKey,
    listMode: "list",
    text: "",
    gid: source.kind === "group" ? source.gid : null,
    includeSubgroups: false,
  });
  const [command, setCommand] = useState<CommandDraft>(EMPTY_COMMAND);
  const [options, setOptions] = useState<OptionsDraft>(DEFAULT_OPTIONS);
  const [key] = useState(newIdempotencyKey);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const pk = target.productKey;
  const parsedList = useMemo(() => parseDeviceList(target.text), [target.text]);
  const datapoints = useQuery(datapointsOptions(pk));
  const groups = useQuery({ ...groupOptions(pk), enabled: source.kind === "list" && target.listMode === "group" });

  const targetInput: JobTargetInput | null = useMemo(() => {
    switch (source.kind) {
      case "selection":
        return source.dids.length ? { kind: "dids", dids: [...source.dids] } : null;
      case "search":
        return { kind: "search", filters: searchFilters(source.filters) };
      case "group":
        return { kind: "group", gid: source.gid, includeSubgroups: target.includeSubgroups };
      case "list":
        if (target.listMode === "group")
          return target.gid ? { kind: "group", gid: target.gid, includeSubgroups: target.includeSubgroups } : null;
        return listTarget(parsedList);
    }
  }, [source, target, parsedList]);

  const dps = datapoints.data?.datapoints ?? [];
  const form = useMemo(() => formCommand(dps, command.edits, locale), [dps, command.edits, locale]);
  const rawParsed = command.rawText.trim() ? parseRaw(command.rawText, command.rawFormat) : null;
  const body = command.mode === "form" ? form.body : rawCommand(rawParsed);
  const opts = parseOptions(options);
  const input = targetInput && body && opts.ok ? buildJobInput(pk, targetInput, body, opts.value) : null;

  const preview = useQuery({
    queryKey: [...jobKeys.all, "preview", input] as const,
    queryFn: ({ signal }) => previewJob(input!, signal),
    enabled: step === 3 && input !== null,
    staleTime: 60_000,
    gcTime: 60_000,
    retry: false,
  });

  const stepReady = [targetInput !== null, body !== null, opts.ok, true];
  const blocked = (() => {
    if (step === 0 && !stepReady[0]) {
      if (source.kind === "list" && target.listMode === "group") return t("needGroup");
      return listProblem(parsedList) === "empty" ? t("needDevices") : null;
    }
    if (step === 1 && !stepReady[1]) {
      if (command.mode === "raw") return t("needRaw");
      return Object.keys(form.errors).length ? t("needValidFields") : t("needDatapoint");
    }
    if (step === 2 && !stepReady[2]) return t("needValidOptions");
    return null;
  })();

  const previewShown = step === 3 && preview.isSuccess && !preview.isFetching && input !== null;
  const canStart = previewShown && (preview.data?.toSend ?? 0) > 0;

  const start = async () => {
    if (!input || !canStart || inFlight.current) return;
    inFlight.current = true;
    setCreating(true);
    setCreateError(null);
    try {
      const job = await createJob(input, key);
      void qc.invalidateQueries({ queryKey: jobKeys.all });
      router.push(`/jobs/${encodeURIComponent(job.id)}`);
      onClose();
    } catch (e) {
      setCreateError(e);
    } finally {
      inFlight.current = false;
      setCreating(false);
    }
  };

  const groupName =
    source.kind === "group" ? source.name : target.gid ? (groups.data?.groups.find((g) => g.gid === target.gid)?.name ?? null) : null;
  const targetText = useTargetText();
  const commandText = useCommandText();
  const product = products.find((p) => p.productKey === pk);
  // After an answer that proves nothing (a 5xx or a lost connection) the job may exist: say so.
  const unknownOutcome =
    createError !== null && !(createError instanceof ApiError && createError.status < 500 && createError.status !== 409);

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!creating}
      size="xl"
      title={t("createTitle")}
      description={product ? t("createDescription", { product: productLabel(product) }) : undefined}
      footer={
        <div className="flex w-full flex-wrap items-center gap-2">
          <p className="mr-auto min-w-0 text-xs text-ink-muted" data-testid="job-step-blocked">
            {blocked}
          </p>
          <Button onClick={onClose} disabled={creating}>
            {t("cancel")}
          </Button>
          {step > 0 ? (
            <Button onClick={() => setStep(step - 1)} disabled={creating} data-testid="job-back">
              {t("back")}
            </Button>
          ) : null}
          {step < 3 ? (
            <Button variant="primary" onClick={() => setStep(step + 1)} disabled={!stepReady[step]} data-testid="job-next">
              {t("next")}
            </Button>
          ) : (
            <Button
              variant="primary"
              onClick={() => void start()}
              disabled={!canStart}
              loading={creating}
              data-testid="job-start"
              title={canStart ? undefined : t("startNeedsPreview")}
            >
              {creating ? t("starting") : t("start", { count: preview.data ? preview.data.toSend : "…" })}
            </Button>
          )}
        </div>
      }
    >
      <ol className="mb-4 flex flex-wrap items-center gap-x-2 gap-y-1 text-[13px]" aria-label={t("stepsLabel")} data-testid="job-steps">
        {STEPS.map((s, i) => {
          const done = i < step;
          const current = i === step;
          const reachable = i < step || (i === step + 1 && stepReady[step]);
          return (
            <li key={s} className="flex items-center gap-2">
              {i > 0 ? <span aria-hidden="true" className="h-px w-6 bg-line-strong" /> : null}
              <button
                type="button"
                disabled={!reachable || creating}
                aria-current={current ? "step" : undefined}
                onClick={() => setStep(i)}
                className={cn(
                  "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 disabled:cursor-default",
                  current ? "bg-accent-soft font-medium text-accent" : done ? "text-ink hover:bg-hover" : "text-ink-subtle",
                )}
              >
                <span
                  className={cn(
                    "inline-flex h-5 w-5 items-center justify-center rounded-full border text-[11px]",
                    current ? "border-accent bg-accent text-accent-ink" : done ? "border-ok bg-ok-soft text-ok" : "border-line-strong",
                  )}
                >
                  {done ? <IconCheck size={12} /> : i + 1}
                </span>
                {t(s)}
              </button>
            </li>
          );
        })}
      </ol>

      {step === 0 ? (
        <TargetStep
          source={source}
          draft={target}
          parsed={parsedList}
          onChange={(patch) => {
            // Another product has other datapoints: its command starts over.
            if (patch.productKey && patch.productKey !== target.productKey) setCommand(EMPTY_COMMAND);
            setTarget({ ...target, ...patch });
          }}
        />
      ) : null}
      {step === 1 ? (
        <CommandStep
          datapoints={dps}
          loading={datapoints.isLoading}
          error={datapoints.error}
          onRetry={() => void datapoints.refetch()}
          draft={command}
          errors={form.errors}
          rawParsed={rawParsed}
          onChange={(patch) => setCommand({ ...command, ...patch })}
        />
      ) : null}
      {step === 2 ? (
        <OptionsStep draft={options} invalid={opts.ok ? [] : opts.invalid} onChange={(patch) => setOptions({ ...options, ...patch })} />
      ) : null}
      {step === 3 && input && opts.ok ? (
        <PreviewStep
          preview={preview.data}
          loading={preview.isLoading}
          fetching={preview.isFetching}
          error={preview.error}
          onRefresh={() => void preview.refetch()}
          options={opts.value}
          targetText={targetText(input.target, groupName)}
          commandText={commandText(input.command, dps)}
        />
      ) : null}
      {createError ? (
        <div
          role="alert"
          className="mt-3 rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-[13px] text-bad"
          data-testid="job-create-error"
        >
          <p>{errorText(createError).message}</p>
          {unknownOutcome ? <p className="mt-1 text-xs">{t("createUnknownOutcome")}</p> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
