"use client";

import type { DeviceInfo } from "@/lib/schemas/device-detail";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SkeletonLines } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import { IconAlert } from "@/components/ui/icons";
import { ControlForm, RawControlInput } from "./control-fields";
import { ConfirmControlDialog, ReadbackResult } from "./control-outcome";
import { useControlPanel } from "./use-control-panel";

/** The remote-control form: writable datapoints or raw bytes, confirm with current → new, send once, read back. */
export function ControlPanel({ pk, info }: { pk: string; info: DeviceInfo }) {
  const t = useT("device-detail");
  const c = useControlPanel(pk, info);
  if (c.loading) return <SkeletonLines lines={5} />;
  const { refusal } = c;

  return (
    <Card data-testid="control-panel">
      <CardHeader title={t("controlTitle")} />
      <div className="flex flex-col gap-4 p-4">
        {refusal ? (
          <p
            role="alert"
            data-testid="control-refusal"
            className="flex items-center gap-2 rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-[13px] text-warn"
          >
            <IconAlert width={16} height={16} /> {refusal}
          </p>
        ) : null}
        <Tabs
          idBase="control-mode"
          items={[
            { value: "form", label: t("controlForm") },
            { value: "raw", label: t("controlRaw") },
          ]}
          value={c.mode}
          onValueChange={(v) => c.setMode(v === "raw" ? "raw" : "form")}
        />
        {c.mode === "form" ? (
          <ControlForm fields={c.fields} value={c.value} errors={c.fieldErrors} disabled={!!refusal} onChange={c.setValue} />
        ) : (
          <RawControlInput
            format={c.rawFormat}
            onFormatChange={c.setRawFormat}
            text={c.rawText}
            onTextChange={c.setRawText}
            parsed={c.rawParsed}
            disabled={!!refusal}
          />
        )}
        {c.notice ? <p className="text-[13px] text-ink-muted">{c.notice}</p> : null}
        <div className="flex items-center gap-3">
          <Button variant="primary" onClick={c.review} disabled={!!refusal}>
            {t("review")}
          </Button>
          {c.outcome ? <ReadbackResult outcome={c.outcome} /> : null}
        </div>
      </div>
      <ConfirmControlDialog
        did={info.did}
        intent={c.intent}
        pending={c.pending}
        error={c.sendError}
        onConfirm={() => void c.send()}
        onCancel={c.cancel}
      />
    </Card>
  );
}
