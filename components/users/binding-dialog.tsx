"use client";

import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { deviceSearchOptions } from "@/lib/queries/devices";
import { appidsOptions, staleAfterBindingWrite, writeBinding } from "@/lib/queries/users";
import { MAX_DIDS_PER_BINDING, parseDidList } from "@/lib/plain/users";
import type { BindingResult } from "@/lib/schemas/users";
import { useT } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useErrorText } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type BindingKind = "bind" | "unbind";

type Step = "edit" | "confirm" | "result";

function newKey(): string {
  return `binding-${crypto.randomUUID()}`;
}

/** Finds devices by MAC or did (one search call per lookup) and offers them to the did list. */
function DevicePicker({ pk, chosen, onAdd }: { pk: string; chosen: ReadonlySet<string>; onAdd: (did: string) => void }) {
  const t = useT("users");
  const id = useId();
  const [text, setText] = useState("");
  const [lookup, setLookup] = useState<string | null>(null);
  const type = lookup && /^[0-9a-fA-F:.-]{12,17}$/.test(lookup) ? "mac" : "did";
  const q = useQuery({
    ...deviceSearchOptions(pk, { type, val: lookup ?? "", page: 1, page_size: 20 }),
    enabled: Boolean(lookup),
  });
  return (
    <div className="mt-3">
      <label htmlFor={id} className="mb-0.5 block text-xs text-ink-muted">
        {t("pickLabel")}
      </label>
      <div className="flex gap-2">
        <Input
          id={id}
          value={text}
          placeholder={t("pickPlaceholder")}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              setLookup(text.trim() || null);
            }
          }}
        />
        <Button type="button" onClick={() => setLookup(text.trim() || null)} loading={q.isFetching}>
          {t("search")}
        </Button>
      </div>
      {lookup && q.data ? (
        q.data.devices.length === 0 ? (
          <p className="mt-1.5 text-xs text-ink-muted">{t("pickNone")}</p>
        ) : (
          <ul className="mt-1.5 divide-y divide-line rounded-md border border-line text-[13px]" data-testid="picker-results">
            {q.data.devices.map((d) => (
              <li key={d.did} className="flex items-center justify-between gap-2 px-2 py-1">
                <span className="min-w-0 truncate font-mono text-xs">
                  {d.mac} · {d.did}
                </span>
                <Button type="button" size="xs" variant="secondary" disabled={chosen.has(d.did)} onClick={() => onAdd(d.did)}>
                  {chosen.has(d.did) ? t("pickAdded") : t("pickAdd")}
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

/**
 * Bind or unbind devices for one user: pick the app ID and the dids (pasted, or found by MAC/did),
 * review, send once, then show each did's outcome. Nothing is retried: a failed request says so
 * and points to the audit log; a double click reuses the same Idempotency-Key.
 */
export function BindingDialog({
  open,
  onClose,
  kind,
  pk,
  uid,
  name,
  initialDids,
  preferredAppid,
}: {
  open: boolean;
  onClose: () => void;
  kind: BindingKind;
  pk: string;
  uid: string;
  name: string;
  initialDids: readonly string[];
  preferredAppid: string | null;
}) {
  const t = useT("users");
  const errorText = useErrorText();
  const qc = useQueryClient();
  const appidsQ = useQuery(appidsOptions(pk));
  const appids = useMemo(() => appidsQ.data?.appids.map((a) => a.appid) ?? [], [appidsQ.data]);
  const [step, setStep] = useState<Step>("edit");
  const [appid, setAppid] = useState("");
  const [text, setText] = useState("");
  const [key, setKey] = useState(newKey);
  const [result, setResult] = useState<BindingResult | null>(null);
  const appidId = useId();
  const didsId = useId();

  useEffect(() => {
    if (!open) return;
    setStep("edit");
    setText(initialDids.join("\n"));
    setResult(null);
    setKey(newKey());
  }, [open, initialDids]);
  useEffect(() => {
    if (!appid || !appids.includes(appid)) setAppid(preferredAppid && appids.includes(preferredAppid) ? preferredAppid : (appids[0] ?? ""));
  }, [appids, appid, preferredAppid]);

  const parsed = useMemo(() => parseDidList(text), [text]);
  const tooMany = parsed.dids.length > MAX_DIDS_PER_BINDING;
  const canReview = Boolean(appid) && parsed.dids.length > 0 && parsed.invalid.length === 0 && !tooMany;

  const m = useMutation({
    mutationFn: () => writeBinding(pk, kind, { uid, appid, dids: parsed.dids }, key),
    retry: false,
    onSuccess: (r) => {
      setResult(r);
      setStep("result");
    },
    onSettled: () => {
      for (const k of staleAfterBindingWrite(pk)) void qc.invalidateQueries({ queryKey: k });
    },
  });

  const close = () => {
    if (m.isPending) return;
    m.reset();
    onClose();
  };
  const title = kind === "bind" ? t("bindTitle", { name }) : t("unbindTitle", { name });
  const chosen = new Set(parsed.dids);

  let body: ReactNode;
  let footer: ReactNode;
  if (step === "edit") {
    body = (
      <div>
        {appidsQ.isSuccess && appids.length === 0 ? (
          <p role="alert" className="mb-3 rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-[13px] text-warn">
            {t("appidNone")}
          </p>
        ) : null}
        <Field label={t("appidLabel")} htmlFor={appidId} hint={t("appidHint")} required>
          <Select
            id={appidId}
            value={appid}
            onChange={(e) => setAppid(e.target.value)}
            options={appids.map((a) => ({ value: a, label: a }))}
          />
        </Field>
        <Field
          className="mt-3"
          label={t("didsLabel")}
          htmlFor={didsId}
          hint={t("didsHint")}
          error={
            parsed.invalid.length
              ? t("didsInvalid", { list: parsed.invalid.slice(0, 5).join(", ") })
              : tooMany
                ? t("didsTooMany", { max: MAX_DIDS_PER_BINDING })
                : undefined
          }
          required
        >
          <Textarea
            id={didsId}
            name="dids"
            rows={4}
            className="font-mono text-xs"
            value={text}
            invalid={parsed.invalid.length > 0 || tooMany}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        {kind === "bind" ? (
          <DevicePicker pk={pk} chosen={chosen} onAdd={(did) => setText((s) => (s.trim() ? `${s.trim()}\n${did}` : did))} />
        ) : null}
      </div>
    );
    footer = (
      <>
        <Button onClick={close}>{t("back")}</Button>
        <Button variant="primary" disabled={!canReview} onClick={() => setStep("confirm")}>
          {t("next")}
        </Button>
      </>
    );
  } else if (step === "confirm") {
    const err = m.error ? errorText(m.error) : null;
    body = (
      <div>
        <p className="text-[13px] leading-relaxed text-ink" data-testid="binding-confirm">
          {kind === "bind"
            ? t("confirmBind", { count: parsed.dids.length, name, uid, appid })
            : t("confirmUnbind", { count: parsed.dids.length, name, uid, appid })}
        </p>
        <ul className="mt-2 max-h-40 overflow-auto rounded-md border border-line bg-sunken px-2 py-1 font-mono text-xs">
          {parsed.dids.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
        {err ? (
          <div role="alert" className="mt-3 rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-[13px] text-bad">
            <p className="font-medium">{err.message}</p>
            <p className="mt-1">{t("resultError")}</p>
          </div>
        ) : null}
      </div>
    );
    footer = m.error ? (
      <Button onClick={close}>{t("done")}</Button>
    ) : (
      <>
        <Button onClick={() => setStep("edit")} disabled={m.isPending}>
          {t("back")}
        </Button>
        <Button
          variant={kind === "bind" ? "primary" : "danger"}
          loading={m.isPending}
          onClick={() => m.mutate()}
          data-testid="binding-send"
        >
          {kind === "bind" ? t("confirmBindButton") : t("confirmUnbindButton")}
        </Button>
      </>
    );
  } else {
    const r = result ?? { success: [], failed: [] };
    body = (
      <div data-testid="binding-result">
        <p className="text-[13px] font-medium text-ink">{t("resultSummary", { ok: r.success.length, failed: r.failed.length })}</p>
        <ul className="mt-2 max-h-60 divide-y divide-line overflow-auto rounded-md border border-line text-[13px]">
          {[...r.success.map((d) => ({ did: d, ok: true })), ...r.failed.map((d) => ({ did: d, ok: false }))].map((x) => (
            <li
              key={x.did}
              className="flex items-center justify-between gap-2 px-2 py-1"
              data-did={x.did}
              data-outcome={x.ok ? "ok" : "failed"}
            >
              <span className="font-mono text-xs">{x.did}</span>
              <Badge tone={x.ok ? "success" : "danger"}>{x.ok ? t("resultOk") : t("resultFailed")}</Badge>
            </li>
          ))}
        </ul>
        {r.failed.length ? <p className="mt-2 text-xs text-ink-muted">{t("resultFailedHint")}</p> : null}
      </div>
    );
    footer = (
      <Button variant="primary" onClick={close}>
        {t("done")}
      </Button>
    );
  }

  return (
    <Dialog open={open} onClose={close} title={title} size="md" dismissible={!m.isPending} footer={footer}>
      {body}
    </Dialog>
  );
}
