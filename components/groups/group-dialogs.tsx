"use client";

import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { assignCalls, chunk } from "@/lib/mac";
import { createGroup, deleteGroup, fetchGroupMacs, staleAfterGroupWrite, assignChunk, updateGroupMeta } from "@/lib/queries/groups";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { useErrorText } from "@/components/ui/error-state";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

function useInvalidate(pk: string) {
  const qc = useQueryClient();
  return () => Promise.all(staleAfterGroupWrite(pk).map((key) => qc.invalidateQueries({ queryKey: key })));
}

/** Create (root or child) or rename/describe a group. */
export function GroupFormDialog({
  open,
  onClose,
  productKey,
  mode,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  productKey: string;
  mode:
    | { kind: "create"; parentGid: string | null; parentName: string | null }
    | { kind: "edit"; gid: string; name: string; description: string };
  onDone: (gid: string) => void;
}) {
  const t = useT("groups");
  const errText = useErrorText();
  const { toast } = useToast();
  const invalidate = useInvalidate(productKey);
  const nameId = useId();
  const descId = useId();
  const [name, setName] = useState(mode.kind === "edit" ? mode.name : "");
  const [description, setDescription] = useState(mode.kind === "edit" ? mode.description : "");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      const gid =
        mode.kind === "create"
          ? (await createGroup(productKey, { parentGid: mode.parentGid, name, description })).gid
          : (await updateGroupMeta(productKey, mode.gid, { name, description })).gid;
      await invalidate();
      toast({ title: mode.kind === "create" ? t("created") : t("renamed"), tone: "success" });
      onDone(gid);
    } catch (e) {
      setError(errText(e).message);
    } finally {
      setPending(false);
    }
  };

  const title =
    mode.kind === "edit"
      ? t("renameTitle")
      : mode.parentGid
        ? t("createChildTitle", { parent: mode.parentName ?? t("unnamed") })
        : t("createTitle");
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!pending}
      title={title}
      description={mode.kind === "create" && !mode.parentGid ? t("rootOnlyOne") : undefined}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            {t("close")}
          </Button>
          <Button variant="primary" loading={pending} disabled={!name.trim()} onClick={() => void submit()} data-testid="group-form-submit">
            {mode.kind === "create" ? t("create") : t("save")}
          </Button>
        </>
      }
    >
      <form
        className="space-y-3 text-[13px]"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void submit();
        }}
      >
        <div>
          <label htmlFor={nameId} className="mb-1 block font-medium">
            {t("name")}
          </label>
          <Input
            id={nameId}
            value={name}
            maxLength={80}
            placeholder={t("namePlaceholder")}
            onChange={(e) => setName(e.target.value)}
            data-autofocus
          />
        </div>
        <div>
          <label htmlFor={descId} className="mb-1 block font-medium">
            {t("descriptionLabel")}
          </label>
          <Textarea id={descId} rows={3} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {error ? (
          <p role="alert" className="rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-bad">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

/**
 * Delete, following the API's rules: a group with subgroups or devices is refused with the reason
 * shown up front; for devices the user may empty the group first (with its own confirmation).
 */
export function DeleteGroupDialog({
  open,
  onClose,
  productKey,
  gid,
  name,
  subgroups,
  deviceCount,
  onDeleted,
}: {
  open: boolean;
  onClose: () => void;
  productKey: string;
  gid: string;
  name: string;
  subgroups: number;
  deviceCount: number | null;
  onDeleted: () => void;
}) {
  const t = useT("groups");
  const errText = useErrorText();
  const { toast } = useToast();
  const invalidate = useInvalidate(productKey);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [emptying, setEmptying] = useState(false);
  const [devicesLeft, setDevicesLeft] = useState<number | null>(deviceCount);
  const count = devicesLeft ?? deviceCount ?? 0;

  const remove = async () => {
    setPending(true);
    setError(null);
    try {
      await deleteGroup(productKey, gid);
      await invalidate();
      toast({ title: t("deleted"), tone: "success" });
      onDeleted();
    } catch (e) {
      setError(errText(e).message);
    } finally {
      setPending(false);
    }
  };

  const empty = async () => {
    setPending(true);
    setError(null);
    try {
      const { macs } = await fetchGroupMacs(productKey, gid);
      let removed = 0;
      for (const part of chunk(macs)) {
        const r = await assignChunk(productKey, gid, { action: "unassign", macs: part }, crypto.randomUUID());
        removed += r.success.length;
      }
      await invalidate();
      setDevicesLeft(macs.length - removed);
      setEmptying(false);
      toast({ title: t("emptied", { count: removed }), tone: "success" });
    } catch (e) {
      setError(errText(e).message);
      setEmptying(false);
    } finally {
      setPending(false);
    }
  };

  if (emptying) {
    return (
      <ConfirmDialog
        open={open}
        tone="danger"
        title={t("emptyTitle", { count, name })}
        message={t("emptyConfirm", { calls: 1 + assignCalls(count) })}
        confirmLabel={t("emptyGroup")}
        pending={pending}
        onConfirm={() => void empty()}
        onCancel={() => setEmptying(false)}
      />
    );
  }

  const blocked =
    subgroups > 0 ? t("deleteBlockedChildren", { count: subgroups }) : count > 0 ? t("deleteBlockedDevices", { count }) : null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!pending}
      size="sm"
      title={t("deleteTitle", { name })}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            {t("close")}
          </Button>
          {subgroups === 0 && count > 0 ? (
            <Button onClick={() => setEmptying(true)} disabled={pending} data-testid="empty-first">
              {t("emptyFirst")}
            </Button>
          ) : null}
          <Button variant="danger" loading={pending} disabled={blocked !== null} onClick={() => void remove()} data-testid="delete-confirm">
            {t("delete")}
          </Button>
        </>
      }
    >
      <p className="text-[13px] text-ink-muted" data-testid="delete-reason">
        {blocked ?? t("deleteConfirm")}
      </p>
      {error ? (
        <p role="alert" className="mt-3 rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-[13px] text-bad">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
