"use client";

import { READBACK_POLICY } from "@/lib/plain/control";
import { bytesToHex } from "@/lib/plain/payload";
import { useLocale, useT } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ControlIntent, ControlOutcome } from "./control-state";

/** What the read-back found after a send. */
export function ReadbackResult({ outcome }: { outcome: ControlOutcome }) {
  const t = useT("device-detail");
  return (
    <span data-testid="readback-result" data-outcome={outcome.kind} className="flex items-center gap-2 text-[13px]">
      {outcome.kind === "verifying" ? (
        <span className="text-ink-muted">{t("sent")}</span>
      ) : outcome.kind === "confirmed" ? (
        <>
          <Badge tone="success" dot>
            {t("confirmed")}
          </Badge>
          <span className="text-ink-muted">{t("confirmedText")}</span>
        </>
      ) : outcome.kind === "not-confirmed" ? (
        <>
          <Badge tone="warning" dot>
            {t("notConfirmed")}
          </Badge>
          <span className="text-ink-muted">
            {t("notConfirmedText", { s: (READBACK_POLICY.attempts * READBACK_POLICY.intervalMs) / 1000 })}
          </span>
        </>
      ) : (
        <span className="text-ink-muted">{t("rawSent")}</span>
      )}
    </span>
  );
}

/** The confirmation step: current → new per datapoint, or the raw bytes about to go out. */
export function ConfirmControlDialog({
  did,
  intent,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  did: string;
  intent: ControlIntent | null;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT("device-detail");
  const locale = useLocale();
  return (
    <ConfirmDialog
      open={intent !== null}
      title={t("confirmTitle")}
      confirmLabel={pending ? t("sending") : t("send")}
      pending={pending}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
      message={t("confirmIntro", { did })}
    >
      {intent?.changes ? (
        <table className="mt-3 w-full text-[13px]" data-testid="control-diff">
          <thead>
            <tr className="text-left text-xs text-ink-subtle">
              <th className="py-1 font-normal">{t("colDatapoint")}</th>
              <th className="py-1 font-normal">{t("current")}</th>
              <th className="py-1 font-normal">{t("next")}</th>
            </tr>
          </thead>
          <tbody>
            {intent.changes.map((c) => (
              <tr key={c.name} className="border-t border-line">
                <td className="py-1.5">{c.label}</td>
                <td className="py-1.5 text-ink-muted">{c.fromText[locale]}</td>
                <td className="py-1.5 font-medium">→ {c.toText[locale]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : intent?.rawBytes ? (
        <p className="mt-3 font-mono text-xs">
          {t("confirmRaw", { n: intent.rawBytes.length })} {bytesToHex(intent.rawBytes, " ")}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
