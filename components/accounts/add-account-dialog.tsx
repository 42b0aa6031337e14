"use client";

import { useId, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-client";
import { accountKeys, createAccount } from "@/lib/queries/accounts";
import { ROLES, type Role } from "@/lib/plain/roles";
import { useT } from "@/components/i18n";
import { useRoleLabel } from "@/components/shell/role-label";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useErrorText } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { generatePassword, validateNewAccount, type FieldErrors } from "./account-form";

/** A new local account: checked here first, then by the server (whose field issues are listed). */
export function AddAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT("accounts");
  const tc = useT("common");
  const roles = useRoleLabel();
  const { toast } = useToast();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const id = useId();
  const empty = { username: "", name: "", role: "operator" as Role, password: "" };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: createAccount,
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: accountKeys.all });
      toast({ tone: "success", title: t("created", { username: a.username }) });
      close();
    },
  });

  function close() {
    setForm(empty);
    setErrors({});
    create.reset();
    onClose();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = { ...form, username: form.username.trim().toLowerCase(), name: form.name.trim() };
    const found = validateNewAccount(input);
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate(input);
  }

  const serverError = create.error ? errorText(create.error).message : null;
  const issues = create.error instanceof ApiError ? create.error.issues : undefined;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t("addTitle")}
      description={t("addBody")}
      dismissible={!create.isPending}
      footer={
        <>
          <Button onClick={close} disabled={create.isPending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" form={`${id}-form`} variant="primary" loading={create.isPending}>
            {t("create")}
          </Button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={onSubmit} noValidate className="grid gap-3.5 sm:grid-cols-2">
        <Field
          label={t("username")}
          htmlFor={`${id}-u`}
          hint={t("usernameHint")}
          error={errors.username ? t(errors.username) : undefined}
          required
        >
          <Input
            id={`${id}-u`}
            autoComplete="off"
            spellCheck={false}
            value={form.username}
            invalid={Boolean(errors.username)}
            aria-describedby={`${id}-u-msg`}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
            autoFocus
          />
        </Field>
        <Field label={t("name")} htmlFor={`${id}-n`} error={errors.name ? t(errors.name) : undefined} required>
          <Input
            id={`${id}-n`}
            value={form.name}
            invalid={Boolean(errors.name)}
            aria-describedby={`${id}-n-msg`}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </Field>
        <Field label={t("role")} htmlFor={`${id}-r`} hint={roles.hint(form.role)} className="sm:col-span-2">
          <Select
            id={`${id}-r`}
            value={form.role}
            aria-describedby={`${id}-r-msg`}
            options={ROLES.map((r) => ({ value: r, label: roles.label(r) }))}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          />
        </Field>
        <Field
          label={t("password")}
          htmlFor={`${id}-p`}
          hint={t("passwordHint")}
          error={errors.password ? t(errors.password) : undefined}
          required
          className="sm:col-span-2"
        >
          <div className="flex gap-2">
            <Input
              id={`${id}-p`}
              type="text"
              autoComplete="new-password"
              spellCheck={false}
              className="font-mono"
              value={form.password}
              invalid={Boolean(errors.password)}
              aria-describedby={`${id}-p-msg`}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
            <Button onClick={() => setForm({ ...form, password: generatePassword() })}>{t("generate")}</Button>
          </div>
        </Field>
        {serverError ? (
          <div role="alert" className="rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-[13px] text-bad sm:col-span-2">
            {serverError}
            {issues?.length ? (
              <ul className="mt-1 list-disc pl-4 text-xs">
                {issues.map((i) => (
                  <li key={i.path}>
                    <span className="font-mono">{i.path}</span>: {i.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
