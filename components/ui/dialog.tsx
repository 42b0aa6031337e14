"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { useT } from "../i18n";
import { Button } from "./button";
import { cn } from "./cn";
import { IconX } from "./icons";

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: "sm" | "md" | "lg" | "xl";
  /** False while a write is in flight, so Esc or a backdrop click cannot hide its outcome. */
  dismissible?: boolean;
  className?: string;
}

const widths = { sm: "max-w-sm", md: "max-w-lg", lg: "max-w-2xl", xl: "max-w-4xl" };

/**
 * A modal on the native <dialog> element: the browser supplies the focus trap, Esc, the top
 * layer and inertness of the page behind it.
 */
export function Dialog({ open, onClose, title, description, children, footer, size = "md", dismissible = true, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const t = useT("common");

  // Who had focus when the dialog opened. Closing a modal <dialog> gives focus back to it, but a
  // dialog rendered only while open (a lazy one) is removed instead: then it is given back here.
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  useEffect(
    () => () => {
      const back = opener.current;
      const active = document.activeElement;
      if (back?.isConnected && (!active || active === document.body || !active.isConnected)) back.focus();
    },
    [],
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onMouseDown={(e) => {
        if (e.target === ref.current && dismissible) onClose();
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] rounded-lg border border-line bg-panel p-0 text-ink shadow-pop backdrop:backdrop-blur-[1px]",
        widths[size],
        className,
      )}
    >
      {open ? (
        <div className="flex max-h-[85dvh] flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-line px-5 py-3.5">
            <div className="min-w-0">
              <h2 id={titleId} className="text-[15px] font-semibold">
                {title}
              </h2>
              {description ? (
                <p id={descId} className="mt-0.5 text-[13px] text-ink-muted">
                  {description}
                </p>
              ) : null}
            </div>
            <Button variant="ghost" size="icon-sm" aria-label={t("close")} onClick={onClose} disabled={!dismissible}>
              <IconX />
            </Button>
          </div>
          {children ? <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-sm">{children}</div> : null}
          {footer ? <div className="flex items-center justify-end gap-2 border-t border-line bg-sunken/60 px-5 py-3">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}
