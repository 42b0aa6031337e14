"use client";

import { useId, useState } from "react";
import type { Account } from "@/lib/schemas/accounts";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { generatePassword, validatePassword } from "./account-form";

/** Sets a local account's password; the caller sends it and reports the outcome. */
export function ResetPasswordDialog({
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
  const t = useT("accounts");
  const tc = useT("common");
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
