"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { isFinalJobState, jobAction, jobKeys, retryFailedDevices, type JobAction } from "@/lib/queries/jobs";
import type { JobDetail } from "@/lib/schemas/jobs";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { lazyClient } from "@/components/ui/lazy-client";
import { useErrorText } from "@/components/ui/error-state";
import { IconRefresh } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";

// The confirmations load when one opens: the job page does not carry the dialog in its first load.
const ConfirmDialog = lazyClient(() => import("@/components/ui/confirm-dialog").then((m) => m.ConfirmDialog));

/**
 * Pause, Resume, Cancel (confirmed) and "Retry failed devices" (confirmed; a new job over the
 * failed devices only, with one Idempotency-Key per opening of its dialog). Shown to ops and
 * admins only; the API checks the role again.
 */
export function JobActions({ job }: { job: JobDetail }) {
  const t = useT("jobs");
  const f = useFormat();
  const qc = useQueryClient();
  const router = useRouter();
  const { toast } = useToast();
  const errorText = useErrorText();
  const [pending, setPending] = useState<JobAction | null>(null);
  const [confirm, setConfirm] = useState<"cancel" | "retry" | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [retryKey, setRetryKey] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const inFlight = useRef(false);

  const act = async (action: JobAction) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(action);
    setDialogError(null);
    try {
      const next = await jobAction(job.id, action);
      qc.setQueryData(jobKeys.detail(job.id), next);
      void qc.invalidateQueries({ queryKey: jobKeys.job(job.id) });
      void qc.invalidateQueries({ queryKey: [...jobKeys.all, "list"] });
      setConfirm(null);
    } catch (e) {
      const msg = errorText(e).message;
      if (confirm) setDialogError(msg);
      else toast({ tone: "error", title: t("actionFailed"), description: msg });
    } finally {
      inFlight.current = false;
      setPending(null);
    }
  };

  const retry = async () => {
    if (inFlight.current || !retryKey) return;
    inFlight.current = true;
    setRetrying(true);
    setDialogError(null);
    try {
      const next = await retryFailedDevices(job.id, retryKey);
      void qc.invalidateQueries({ queryKey: jobKeys.all });
      setConfirm(null);
      router.push(`/jobs/${encodeURIComponent(next.id)}`);
    } catch (e) {
      setDialogError(errorText(e).message);
    } finally {
      inFlight.current = false;
      setRetrying(false);
    }
  };

  const final = isFinalJobState(job.state);
  const canPause = job.state === "running";
  const canResume = job.state === "paused";
  const canCancel = job.state === "running" || job.state === "paused" || job.state === "draft";
  const failed = job.counts.failed;

  return (
    <>
      {canPause ? (
        <Button onClick={() => void act("pause")} loading={pending === "pause"} disabled={pending !== null} data-testid="job-pause">
          {t("pause")}
        </Button>
      ) : null}
      {canResume ? (
        <Button
          variant="primary"
          onClick={() => void act("resume")}
          loading={pending === "resume"}
          disabled={pending !== null}
          data-testid="job-resume"
        >
          {t("resume")}
        </Button>
      ) : null}
      {canCancel ? (
        <Button
          variant="danger-ghost"
          onClick={() => {
            setDialogError(null);
            setConfirm("cancel");
          }}
          disabled={pending !== null}
          data-testid="job-cancel"
        >
          {t("cancelJob")}
        </Button>
      ) : null}
      {final && failed > 0 ? (
        <Button
          onClick={() => {
            setDialogError(null);
            setRetryKey(null);
            setConfirm("retry");
            // One key per opening of the dialog; lib/control is loaded on demand (it brings zod).
            void import("@/lib/control").then((m) => setRetryKey(m.newIdempotencyKey()));
          }}
          data-testid="job-retry-failed"
        >
          <IconRefresh size={14} />
          {t("retryFailed", { count: f.number(failed) })}
        </Button>
      ) : null}
      {confirm === "cancel" ? (
        <ConfirmDialog
          open
          title={t("cancelTitle")}
          message={t("cancelMessage", { pending: f.number(job.counts.pending) })}
          confirmLabel={t("cancelConfirm")}
          tone="danger"
          pending={pending === "cancel"}
          error={dialogError}
          onConfirm={() => void act("cancel")}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
      {confirm === "retry" ? (
        <ConfirmDialog
          open
          title={t("retryTitle")}
          message={t("retryMessage", { count: f.number(failed) })}
          confirmLabel={t("retryConfirm", { count: f.number(failed) })}
          pending={retrying || retryKey === null}
          error={dialogError}
          onConfirm={() => void retry()}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
    </>
  );
}
