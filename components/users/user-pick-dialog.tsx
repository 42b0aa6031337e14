"use client";

import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { registeredUsersOptions } from "@/lib/queries/users";
import { REGISTERED_FIELDS, readId, userDisplayName, type RegisteredField } from "@/lib/plain/users";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const FIELD_LABEL: Record<RegisteredField, "fieldUsername" | "fieldPhone" | "fieldEmail"> = {
  username: "fieldUsername",
  phone: "fieldPhone",
  email: "fieldEmail",
};

/**
 * Finds the app user a selection of devices is bound to or unbound from: search the registered
 * users by username, phone or email (one call per search), or type a uid directly.
 */
export function UserPickDialog({
  open,
  onClose,
  pk,
  title,
  onPick,
}: {
  open: boolean;
  onClose: () => void;
  pk: string;
  title: string;
  onPick: (user: { uid: string; name: string }) => void;
}) {
  const t = useT("users");
  const id = useId();
  const [field, setField] = useState<RegisteredField | "uid">("username");
  const [text, setText] = useState("");
  const [lookup, setLookup] = useState<{ field: RegisteredField; val: string } | null>(null);
  const q = useQuery({
    ...registeredUsersOptions({ product: pk, type: lookup?.field, val: lookup?.val, page: 1, page_size: 20 }),
    enabled: lookup !== null,
  });
  const uid = field === "uid" ? readId(text) : undefined;
  const search = () => {
    const val = text.trim();
    if (field === "uid") {
      if (uid !== undefined) onPick({ uid, name: uid });
      return;
    }
    setLookup(val ? { field, val } : null);
  };
  return (
    <Dialog open={open} onClose={onClose} title={title} size="md" footer={<Button onClick={onClose}>{t("back")}</Button>}>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <span className="w-36">
          <Select
            aria-label={t("pickUserField")}
            value={field}
            onChange={(e) => setField(e.target.value as RegisteredField | "uid")}
            options={[...REGISTERED_FIELDS.map((f) => ({ value: f, label: t(FIELD_LABEL[f]) })), { value: "uid", label: t("pickUserUid") }]}
          />
        </span>
        <span className="min-w-48 flex-1">
          <label htmlFor={id} className="sr-only">
            {t("pickUserLabel")}
          </label>
          <Input id={id} value={text} onChange={(e) => setText(e.target.value)} data-testid="user-pick-input" />
        </span>
        <Button type="submit" variant="secondary" loading={q.isFetching} disabled={field === "uid" && uid === undefined}>
          {field === "uid" ? t("pickUserUse") : t("search")}
        </Button>
      </form>
      {lookup && q.data ? (
        q.data.users.length === 0 ? (
          <p className="mt-2 text-xs text-ink-muted">{t("pickUserNone")}</p>
        ) : (
          <ul
            className="mt-2 max-h-72 divide-y divide-line overflow-auto rounded-md border border-line text-[13px]"
            data-testid="user-pick-results"
          >
            {q.data.users.map((u) => {
              const name = userDisplayName(u) ?? u.uid;
              return (
                <li key={u.uid} className="flex items-center justify-between gap-2 px-2 py-1.5">
                  <span className="min-w-0 truncate">
                    {name} <span className="font-mono text-xs text-ink-subtle">{u.uid}</span>
                  </span>
                  <Button size="xs" variant="secondary" onClick={() => onPick({ uid: u.uid, name })}>
                    {t("pickUserChoose")}
                  </Button>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </Dialog>
  );
}
