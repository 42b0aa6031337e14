"use client";

import type { ReactNode } from "react";
import { useT } from "../i18n";
import { Button } from "./button";
import { Dialog } from "./dialog";

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  /** What will happen, in plain words (which account, which devices, how many). */
  message?: ReactNode;
  confirmLabel?: ReactNode;
  tone?: "danger" | "primary";
  /** The write is in flight: the dialog stays open and cannot be dismissed. */
  pending?: boolean;
  /** A failure to show inside the dialog (e.g. the server's message). */
  error?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  tone = "primary",
  pending,
  error,
  onConfirm,
  onCancel,
  children,
}: ConfirmDialogProps) {
  const t = useT("common");
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      size="sm"
      dismissible={!pending}
      footer={
        <>
          <Button onClick={onCancel} disabled={pending}>
            {t("cancel")}
          </Button>
          <Button variant={tone === "danger" ? "danger" : "primary"} onClick={onConfirm} loading={pending} data-autofocus>
            {confirmLabel ?? t("confirm")}
          </Button>
        </>
      }
    >
      {message ? <div className="text-[13px] leading-relaxed text-ink-muted">{message}</div> : null}
      {children}
      {error ? (
        <p role="alert" className="mt-3 rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-[13px] text-bad">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
