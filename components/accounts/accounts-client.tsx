"use client";

import { useId, useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-client";
import { accountKeys, accountsOptions, createAccount, updateAccount } from "@/lib/queries/accounts";
import type { Account, UpdateAccountInput } from "@/lib/schemas/accounts";
import { ROLES, type Role } from "@/lib/roles";
import { accounts as messages } from "@/lib/i18n/messages/accounts";
import { common } from "@/lib/i18n/messages/common";
import { useFormat, useT } from "@/components/i18n";
import { useRoleLabel } from "@/components/shell/role-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useErrorText } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { IconPlus, IconSearch } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { StatusBadge } from "@/components/ui/status-badge";
import { useToast } from "@/components/ui/toast";
import { Tooltip } from "@/components/ui/tooltip";
import { generatePassword, validateNewAccount, validatePassword, type FieldErrors } from "./account-form";

export function AccountsClient({ currentUserId }: { currentUserId: string }) {
  const t = useT(messages);
  const f = useFormat();
  const roles = useRoleLabel();
  const { toast } = useToast();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const q = useQuery(accountsOptions());
  const [filter, setFilter] = useState("");
  const [adding, setAdding] = useState(false);
  const [disabling, setDisabling] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);

  const update = useMutation({
    mutationFn: ({ account, patch }: { account: Account; patch: UpdateAccountInput }) => updateAccount(account.id, patch),
    onSuccess: (_saved, { account, patch }) => {
      void qc.invalidateQueries({ queryKey: accountKeys.all });
      if (patch.role) toast({ tone: "success", title: t("roleChanged", { username: account.username, role: roles.label(patch.role) }) });
      else if (patch.disabled === true) toast({ tone: "success", title: t("disabled", { username: account.username }) });
      else if (patch.disabled === false) toast({ tone: "success", title: t("enabled", { username: account.username }) });
      else if (patch.password) toast({ tone: "success", title: t("resetDone", { username: account.username }) });
      setDisabling(null);
      setResetting(null);
    },
    onError: (err, { patch }) => {
      // Dialog-driven changes show the error in their dialog; inline ones get a toast.
      if (patch.password || patch.disabled === true) return;
      toast({ tone: "error", title: t("failed"), description: errorText(err).message });
    },
  });

  const rows = useMemo(() => {
    const items = q.data?.items ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return q.data ? items : undefined;
    return items.filter((a) => a.username.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle));
  }, [q.data, filter]);

  const pendingFor = (a: Account) => update.isPending && update.variables?.account.id === a.id;

  const columns: Column<Account>[] = [
    {
      id: "user",
      header: t("colUser"),
      cell: (a) => (
        <div className="min-w-0">
          <div className="flex items-center gap-1.5 font-medium text-ink">
            <span className="truncate">{a.name}</span>
            {a.id === currentUserId ? <Badge tone="muted">{t("you")}</Badge> : null}
          </div>
          <div className="font-mono text-xs text-ink-subtle">{a.username}</div>
        </div>
      ),
    },
    {
      id: "role",
      header: t("colRole"),
      width: 170,
      cell: (a) => {
        const self = a.id === currentUserId;
        const select = (
          <Select
            aria-label={t("roleFor", { username: a.username })}
            value={a.role}
            disabled={self || a.disabled || pendingFor(a)}
            options={ROLES.map((r) => ({ value: r, label: roles.label(r) }))}
            onChange={(e) => update.mutate({ account: a, patch: { role: e.target.value as Role } })}
            size="sm"
          />
        );
        return (
          <div className="w-36">
            {self ? (
              <Tooltip content={t("ownRoleLocked")} className="w-full">
                {select}
              </Tooltip>
            ) : (
              select
            )}
          </div>
        );
      },
    },
    {
      id: "provider",
      header: t("colSignIn"),
      width: 90,
      hideBelow: "lg",
      cell: (a) => <Badge tone={a.provider === "oidc" ? "info" : "neutral"}>{a.provider === "oidc" ? t("oidc") : t("local")}</Badge>,
    },
    {
      id: "status",
      header: t("colStatus"),
      width: 100,
      cell: (a) => <StatusBadge status={a.disabled ? "disabled" : "active"} />,
    },
    {
      id: "lastLogin",
      header: t("colLastLogin"),
      width: 150,
      hideBelow: "md",
      cell: (a) =>
        a.lastLoginAt ? (
          <span title={f.dateTime(a.lastLoginAt)} className="text-ink-muted">
            {f.relative(a.lastLoginAt)}
          </span>
        ) : (
          <span className="text-ink-subtle">{t("never")}</span>
        ),
    },
    {
      id: "created",
      header: t("colCreated"),
      width: 150,
      hideBelow: "xl",
      cell: (a) => <span className="tabular text-ink-muted">{f.dateTime(a.createdAt, "minute")}</span>,
    },
    {
      id: "actions",
      header: <span className="sr-only">{t("colActions")}</span>,
      width: 190,
      align: "right",
      cell: (a) => {
        const self = a.id === currentUserId;
        return (
          <div className="flex justify-end gap-1">
            {a.provider === "local" ? (
              <Button size="xs" variant="ghost" onClick={() => setResetting(a)} aria-label={`${t("resetPassword")}: ${a.username}`}>
                {t("resetPassword")}
              </Button>
            ) : null}
            {a.disabled ? (
              <Button
                size="xs"
                variant="ghost"
                loading={pendingFor(a)}
                onClick={() => update.mutate({ account: a, patch: { disabled: false } })}
                aria-label={`${t("enable")}: ${a.username}`}
              >
                {t("enable")}
              </Button>
            ) : (
              <Button
                size="xs"
                variant="danger-ghost"
                disabled={self}
                onClick={() => setDisabling(a)}
                aria-label={`${t("disable")}: ${a.username}`}
              >
                {t("disable")}
              </Button>
            )}
          </div>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        meta={q.data ? <span>{t("count", { count: q.data.items.length })}</span> : null}
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            <IconPlus />
            {t("add")}
          </Button>
        }
      />
      <DataTable
        aria-label={t("title")}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        loading={q.isLoading}
        fetching={q.isFetching}
        error={q.error}
        onRetry={() => void q.refetch()}
        rowClassName={(a) => (a.disabled ? "opacity-60" : undefined)}
        rowProps={(a) => ({ "data-username": a.username })}
        skeletonRows={5}
        toolbar={
          <div className="w-full max-w-xs">
            <Input
              size="sm"
              leading={<IconSearch size={14} />}
              placeholder={t("search")}
              aria-label={t("search")}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
        }
        empty={<EmptyState compact title={t("emptyTitle")} description={t("emptyBody")} />}
      />

      <AddAccountDialog open={adding} onClose={() => setAdding(false)} />

      <ConfirmDialog
        open={disabling !== null}
        tone="danger"
        title={disabling ? t("disableTitle", { username: disabling.username }) : ""}
        message={disabling ? t("disableBody", { name: disabling.name }) : null}
        confirmLabel={t("disable")}
        pending={update.isPending}
        error={update.isError && update.variables?.patch.disabled === true ? errorText(update.error).message : null}
        onCancel={() => {
          setDisabling(null);
          update.reset();
        }}
        onConfirm={() => disabling && update.mutate({ account: disabling, patch: { disabled: true } })}
      />

      <ResetPasswordDialog
        account={resetting}
        pending={update.isPending}
        error={update.isError && update.variables?.patch.password ? errorText(update.error).message : null}
        onClose={() => {
          setResetting(null);
          update.reset();
        }}
        onSubmit={(password) => resetting && update.mutate({ account: resetting, patch: { password } })}
      />
    </>
  );
}

function AddAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(messages);
  const tc = useT(common);
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

function ResetPasswordDialog({
  account,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  account: Account | null;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onSubmit: (password: string) => void;
}) {
  const t = useT(messages);
  const tc = useT(common);
  const id = useId();
  const [password, setPassword] = useState("");
  const [invalid, setInvalid] = useState<ReturnType<typeof validatePassword>>(undefined);
  const close = () => {
    setPassword("");
    setInvalid(undefined);
    onClose();
  };
  return (
    <Dialog
      open={account !== null}
      onClose={close}
      size="sm"
      title={account ? t("resetTitle", { username: account.username }) : ""}
      description={t("resetBody")}
      dismissible={!pending}
      footer={
        <>
          <Button onClick={close} disabled={pending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" form={`${id}-form`} variant="primary" loading={pending}>
            {t("resetPassword")}
          </Button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problem = validatePassword(password);
          setInvalid(problem);
          if (!problem) onSubmit(password);
        }}
        className="space-y-3"
      >
        <Field label={t("newPassword")} htmlFor={`${id}-p`} hint={t("passwordHint")} error={invalid ? t(invalid) : undefined}>
          <div className="flex gap-2">
            <Input
              id={`${id}-p`}
              type="text"
              autoComplete="new-password"
              spellCheck={false}
              className="font-mono"
              value={password}
              invalid={Boolean(invalid)}
              aria-describedby={`${id}-p-msg`}
              onChange={(e) => setPassword(e.target.value)}
              autoFocus
            />
            <Button onClick={() => setPassword(generatePassword())}>{t("generate")}</Button>
          </div>
        </Field>
        {error ? (
          <p role="alert" className="rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-[13px] text-bad">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
