"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import { useState } from "react";
import { useT } from "@/components/i18n";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { IconJobs, IconPlus } from "@/components/ui/icons";
import type { JobSource } from "./job-source";

// The dialog (its steps, the datapoint form, the jobs schemas and catalogue) is fetched when it
// first opens, so the pages that offer a job carry none of it in their first-load JS.
const loadDialog = () => import("./create-job-dialog");
const CreateJobDialog = lazyClient(() => loadDialog().then((m) => m.CreateJobDialog));

/**
 * The entry point to a new job from any page: a button, and the lazily loaded create-job dialog
 * over `source` once it is pressed. Hovering or focusing the button starts fetching the dialog.
 */
export function CreateJobButton({
  productKey,
  source,
  label,
  title,
  variant = "secondary",
  size = "sm",
  icon = "jobs",
  testId = "create-job",
}: {
  productKey: string;
  source: JobSource;
  label?: string;
  title?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: "jobs" | "plus";
  testId?: string;
}) {
  const t = useT("jobs-entry");
  const [open, setOpen] = useState(false);
  // The source as it was when the dialog opened: the page behind it may change its selection.
  const [frozen, setFrozen] = useState<JobSource | null>(null);
  const prefetch = () => void loadDialog();
  return (
    <>
      <Button
        variant={variant}
        size={size}
        title={title}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onClick={() => {
          setFrozen(source);
          setOpen(true);
        }}
        data-testid={testId}
      >
        {icon === "plus" ? <IconPlus size={14} /> : <IconJobs size={14} />}
        {label ?? t("newJob")}
      </Button>
      {open && frozen ? <CreateJobDialog productKey={productKey} source={frozen} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
