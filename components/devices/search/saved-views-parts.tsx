"use client";

import { useId } from "react";
import { useMutation, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { createSavedView, deleteSavedView, savedViewKeys } from "@/lib/queries/devices";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useErrorText } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { IconPlus, IconX } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { SavedViewList } from "./saved-views";

/**
 * The open menu of SavedViews (components/devices/search/saved-views.tsx), fetched the first time
 * the menu opens: the user's views (open one, delete one) and "save the current view".
 */
export function SavedViewsMenu({
  page,
  list,
  onOpen,
  onSave,
  close,
}: {
  page: "devices";
  list: UseQueryResult<SavedViewList>;
  onOpen: (query: string) => void;
  onSave: () => void;
  close: () => void;
}) {
  const t = useT("devices");
  const errorText = useErrorText();
  const { toast } = useToast();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (viewId: string) => deleteSavedView(viewId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: savedViewKeys.page(page) });
      toast({ tone: "success", title: t("deleteViewDone") });
    },
    onError: (e) => toast({ tone: "error", title: errorText(e).message }),
  });
  const views = list.data?.views ?? [];

  return (
    <div className="w-64" data-testid="saved-views">
      {list.isLoading ? (
        <div className="flex justify-center p-3">
          <Spinner />
        </div>
      ) : list.isError ? (
        <p className="p-2.5 text-[13px] text-bad">{errorText(list.error).message}</p>
      ) : views.length === 0 ? (
        <p className="p-2.5 text-[13px] text-ink-muted">{t("noSavedViews")}</p>
      ) : (
        <ul>
          {views.map((v) => (
            <li key={v.id} className="group flex items-center gap-1">
              <button
                type="button"
                className="min-w-0 flex-1 truncate rounded-md px-2.5 py-1.5 text-left text-[13px] text-ink hover:bg-hover"
                onClick={() => {
                  onOpen(v.query);
                  close();
                }}
              >
                {v.name}
              </button>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t("deleteView", { name: v.name })}
                disabled={remove.isPending}
                onClick={() => remove.mutate(v.id)}
              >
                <IconX size={12} />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-1 border-t border-line pt-1">
        <button
          type="button"
          className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-[13px] text-accent hover:bg-hover"
          onClick={() => {
            close();
            onSave();
          }}
        >
          <IconPlus size={14} />
          {t("saveView")}
        </button>
      </div>
    </div>
  );
}

/** "Save the current view" under a name; rendered (and fetched) only while it is open. */
export function SaveViewDialog({
  page,
  currentQuery,
  name,
  onNameChange,
  onClose,
  onSaved,
}: {
  page: "devices";
  currentQuery: string;
  name: string;
  onNameChange: (name: string) => void;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT("devices");
  const errorText = useErrorText();
  const { toast } = useToast();
  const qc = useQueryClient();
  const id = useId();
  const save = useMutation({
    mutationFn: () => createSavedView({ page, name: name.trim(), query: currentQuery }),
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: savedViewKeys.page(page) });
      toast({ tone: "success", title: t("saveViewDone", { name: v.name }) });
      onSaved();
    },
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={t("saveViewTitle")}
      description={t("saveViewHint")}
      size="sm"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button variant="primary" form={`${id}-form`} type="submit" loading={save.isPending} disabled={!name.trim()}>
            {t("save")}
          </Button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <Field label={t("saveViewName")} htmlFor={`${id}-name`} error={save.isError ? errorText(save.error).message : undefined}>
          <Input id={`${id}-name`} autoFocus maxLength={80} value={name} onChange={(e) => onNameChange(e.target.value)} />
        </Field>
      </form>
    </Dialog>
  );
}
