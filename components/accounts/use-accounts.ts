"use client";

import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { accountKeys, accountsOptions, clearSignInDelay, updateAccount } from "@/lib/queries/accounts";
import type { Account, UpdateAccountInput } from "@/lib/schemas/accounts";
import type { Role } from "@/lib/roles";
import { useT } from "@/components/i18n";
import { useRoleLabel } from "@/components/shell/role-label";
import { useErrorText } from "@/components/ui/error-state";
import { useToast } from "@/components/ui/toast";

/**
 * The accounts page's state: the list and its filter, the add dialog, and one update mutation
 * for role, enable/disable and password. Disabling and password resets go through a dialog that
 * shows their error; role changes and enabling act inline and report errors in a toast.
 */
export function useAccounts() {
  const t = useT("accounts");
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

  const clearDelay = useMutation({
    mutationFn: (account: Account) => clearSignInDelay(account.id),
    onSuccess: (_r, account) => {
      void qc.invalidateQueries({ queryKey: accountKeys.all });
      toast({ tone: "success", title: t("delayCleared", { username: account.username }) });
    },
    onError: (err) => toast({ tone: "error", title: t("failed"), description: errorText(err).message }),
  });

  const rows = useMemo(() => {
    const items = q.data?.items ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return q.data ? items : undefined;
    return items.filter((a) => a.username.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle));
  }, [q.data, filter]);

  return {
    q,
    rows,
    filter,
    setFilter,
    adding,
    openAdd: () => setAdding(true),
    closeAdd: () => setAdding(false),
    disabling,
    resetting,
    pending: update.isPending,
    pendingFor: (a: Account) => update.isPending && update.variables?.account.id === a.id,
    changeRole: (account: Account, role: Role) => update.mutate({ account, patch: { role } }),
    enable: (account: Account) => update.mutate({ account, patch: { disabled: false } }),
    clearDelay: (account: Account) => clearDelay.mutate(account),
    askDisable: setDisabling,
    askReset: setResetting,
    disableError: update.isError && update.variables?.patch.disabled === true ? errorText(update.error).message : null,
    confirmDisable: () => disabling && update.mutate({ account: disabling, patch: { disabled: true } }),
    cancelDisable: () => {
      setDisabling(null);
      update.reset();
    },
    resetError: update.isError && update.variables?.patch.password ? errorText(update.error).message : null,
    resetPassword: (password: string) => resetting && update.mutate({ account: resetting, patch: { password } }),
    cancelReset: () => {
      setResetting(null);
      update.reset();
    },
  };
}
