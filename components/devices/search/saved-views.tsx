"use client";

import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createSavedView, deleteSavedView, savedViewKeys, savedViewsOptions } from "@/lib/queries/devices";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useErrorText } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { IconChevronDown, IconPlus, IconX } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Popover } from "@/components/ui/popover";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";

/**
 * The user's named views of a page: open one (its stored search string replaces the URL's) or
 * save the current one under a name. Views are per user, kept in the console's database.
 */
export function SavedViews({ page, currentQuery, onOpen }: { page: "devices"; currentQuery: string; onOpen: (query: string) => void }) {
  const t = useT("devices");
  const errorText = useErrorText();
  const { toast } = useToast();
  const qc = useQueryClient();
  const id = useId();
  const list = useQuery(savedViewsOptions(page));
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");

  const save = useMutation({
    mutationFn: () => createSavedView({ page, name: name.trim(), query: currentQuery }),
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: savedViewKeys.page(page) });
      toast({ tone: "success", title: t("saveViewDone", { name: v.name }) });
      setSaving(false);
      setName("");
    },
  });
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
    <>
      <Popover
        label={t("savedViews")}
        align="end"
        buttonClassName="h-8 border border-line-strong bg-panel px-3 text-sm text-ink shadow-panel hover:bg-hover"
        trigger={
          <>
            {t("savedViews")}
            <IconChevronDown size={14} />
          </>
        }
      >
        {(close) => (
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
                  save.reset();
                  setSaving(true);
                }}
              >
                <IconPlus size={14} />
                {t("saveView")}
              </button>
            </div>
          </div>
        )}
      </Popover>
      <Dialog
        open={saving}
        onClose={() => setSaving(false)}
        title={t("saveViewTitle")}
        description={t("saveViewHint")}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setSaving(false)}>
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
            <Input id={`${id}-name`} autoFocus maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
        </form>
      </Dialog>
    </>
  );
}
