"use client";

import type { Catalogues } from "@/lib/i18n/catalogues";
import type { Translator } from "@/lib/i18n/core";
import Link from "next/link";
import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { callsFor } from "@/lib/plain/export-cost";
import {
  appidsOptions,
  boundUsersOptions,
  fetchBoundUsers,
  fetchRegisteredUsers,
  registeredUsersOptions,
  userHref,
} from "@/lib/queries/users";
import type { users as messages } from "@/lib/i18n/messages/users";
import {
  BOUND_FIELDS,
  REGISTERED_FIELDS,
  readBoundSearch,
  readRegisteredSearch,
  USER_PAGE_SIZES,
  userDisplayName,
  type BoundField,
  type RegisteredField,
} from "@/lib/plain/users";
import type { UserRow } from "@/lib/schemas/users";
import { MAX_EXPORT_ROWS, PagedExportButton } from "@/components/export/paged-export-button";
import { GroupPicker } from "@/components/groups/group-picker";
import { useFormat, useT } from "@/components/i18n";
import { useProduct } from "@/components/product";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { Tabs } from "@/components/ui/tabs";
import { useUrlParams } from "@/components/ui/use-url-param";

type Tab = "registered" | "bound";
/** Exports read the largest page the routes serve: one upstream call each. */
const EXPORT_PAGE_SIZE = 100;
type Field = RegisteredField | BoundField;
type T = Translator<Catalogues["users"]>;

const FIELD_LABEL: Record<Field, keyof typeof messages.en> = {
  username: "fieldUsername",
  phone: "fieldPhone",
  email: "fieldEmail",
  uid: "fieldUid",
  did: "fieldDid",
  mac: "fieldMac",
  device_sn: "fieldDeviceSn",
};

function placeholderOf(tab: Tab, field: Field, t: T): string {
  if (tab === "bound") return t("placeholderExact");
  return field === "phone" ? t("placeholderPhone") : field === "email" ? t("placeholderEmail") : t("placeholderUsername");
}

export function UsersClient() {
  const t = useT("users");
  const f = useFormat();
  const { productKey, isLoading: productsLoading, error: productsError } = useProduct();
  const { params, set } = useUrlParams();
  const tab: Tab = params.get("tab") === "bound" ? "bound" : "registered";
  const sp = useMemo(() => new URLSearchParams(params.toString()), [params]);
  const registered = useMemo(() => readRegisteredSearch(sp, productKey ?? "-"), [sp, productKey]);
  const bound = useMemo(() => readBoundSearch(sp), [sp]);
  const current = tab === "registered" ? registered : bound;
  const fields: readonly Field[] = tab === "registered" ? REGISTERED_FIELDS : BOUND_FIELDS;
  const urlField: Field = current.type ?? (tab === "registered" ? "phone" : "uid");

  const [field, setField] = useState<Field>(urlField);
  const [text, setText] = useState(current.val ?? "");
  // Registered users: the other two of username/phone/email can narrow the search too (AND).
  const [extra, setExtra] = useState<Partial<Record<RegisteredField, string>>>({});
  // The form follows the URL (back/forward, a shared link, a tab switch).
  useEffect(() => {
    setField(urlField);
    setText(current.val ?? "");
  }, [urlField, current.val]);
  useEffect(() => {
    setExtra({ username: registered.username, phone: registered.phone, email: registered.email });
  }, [registered.username, registered.phone, registered.email]);

  const regQ = useQuery({ ...registeredUsersOptions(registered), enabled: Boolean(productKey) && tab === "registered" });
  const boundQ = useQuery({ ...boundUsersOptions(productKey ?? "", bound), enabled: Boolean(productKey) && tab === "bound" });
  const appidsQ = useQuery({ ...appidsOptions(productKey ?? ""), enabled: Boolean(productKey) });
  const q = tab === "registered" ? regQ : boundQ;
  const fieldId = useId();
  const valueId = useId();
  const appidId = useId();

  if (!productKey) {
    if (productsError) return <ErrorState error={productsError} />;
    return productsLoading ? null : <EmptyState title={t("noProduct")} />;
  }

  const extraFields = tab === "registered" ? REGISTERED_FIELDS.filter((x) => x !== field) : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = text.trim();
    const extras = Object.fromEntries(REGISTERED_FIELDS.map((x) => [x, extraFields.includes(x) ? extra[x]?.trim() || null : null]));
    set({ type: v ? field : null, val: v || null, ...(tab === "registered" ? extras : {}) }, { resetPage: true });
  };
  const clear = () => {
    setText("");
    setExtra({});
    set({ type: null, val: null, appid: null, gid: null, username: null, phone: null, email: null }, { resetPage: true });
  };
  const switchTab = (next: string) => {
    const keep = (BOUND_FIELDS as readonly string[]).includes(urlField) && (REGISTERED_FIELDS as readonly string[]).includes(urlField);
    set(
      {
        tab: next === "bound" ? "bound" : null,
        type: keep ? current.type : null,
        val: keep ? current.val : null,
        appid: null,
        gid: null,
        username: null,
        phone: null,
        email: null,
      },
      { resetPage: true },
    );
  };
  const byDevice = tab === "bound" && (bound.type === "did" || bound.type === "mac") && Boolean(bound.val);
  const filtered =
    Boolean(current.val) ||
    (tab === "registered" ? Boolean(registered.appid || registered.username || registered.phone || registered.email) : Boolean(bound.gid));
  const appidFilter = tab === "registered" ? registered.appid : undefined;

  const columns: Column<UserRow>[] = [
    {
      id: "user",
      header: t("colUser"),
      cell: (u) => (
        <span className="flex items-center gap-2">
          <Link className="text-accent hover:underline" href={userHref(productKey, u.uid, appidFilter)} data-testid="user-link">
            {userDisplayName(u) ?? (u.isAnonymous ? t("anonymous") : u.uid)}
          </Link>
          {u.isAnonymous ? (
            <Badge tone="muted" data-testid="anonymous-badge">
              {t("anonymous")}
            </Badge>
          ) : null}
          {u.consoleServiceUser ? (
            <Badge tone="warning" data-testid="console-service-user-badge" title={t("consoleServiceUserHint")}>
              {t("consoleServiceUser")}
            </Badge>
          ) : null}
          {byDevice && u.isOwner ? (
            <Badge tone="accent" data-testid="owner-badge">
              {t("owner")}
            </Badge>
          ) : null}
          {u.remark ? <Badge tone="info">{u.remark}</Badge> : null}
        </span>
      ),
    },
    { id: "uid", header: t("colUid"), mono: true, cell: (u) => u.uid },
    { id: "phone", header: t("colPhone"), hideBelow: "md", cell: (u) => u.phone ?? "—" },
    { id: "email", header: t("colEmail"), hideBelow: "lg", cell: (u) => u.email ?? "—" },
    { id: "created", header: t("colCreated"), hideBelow: "lg", cell: (u) => (u.createdAt ? f.dateTime(u.createdAt * 1000) : "—") },
  ];
  const total = q.data?.total;

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        meta={total !== undefined ? <span data-testid="result-count">{t("resultCount", { total: f.number(total) })}</span> : null}
        actions={
          <PagedExportButton
            filename={`users-${tab}-${productKey}`}
            testId="users-export"
            variant="secondary"
            size="md"
            disabled={!total}
            cost={{ kind: "rows", rows: total ?? 0, calls: callsFor(total ?? 0, EXPORT_PAGE_SIZE) }}
            collect={async (signal, onProgress) => {
              const { collectPages, pageNumberPager } = await import("@/lib/paged-export");
              return collectPages(
                pageNumberPager(async (page, s) => {
                  const r =
                    tab === "registered"
                      ? await fetchRegisteredUsers({ ...registered, page, page_size: EXPORT_PAGE_SIZE }, s)
                      : await fetchBoundUsers(productKey, { ...bound, page, page_size: EXPORT_PAGE_SIZE }, s);
                  return { items: r.users, total: r.total };
                }),
                { signal, maxItems: MAX_EXPORT_ROWS, onProgress },
              );
            }}
            toCsv={async (rows) => {
              const { toCsv } = await import("@/lib/csv");
              return toCsv(rows, [
                { header: "uid", value: (u) => u.uid },
                { header: t("fieldUsername"), value: (u) => u.username },
                { header: t("csvName"), value: (u) => u.name },
                { header: t("fieldPhone"), value: (u) => u.phone },
                { header: t("fieldEmail"), value: (u) => u.email },
                { header: t("anonymous"), value: (u) => (u.isAnonymous ? 1 : 0) },
                { header: t("csvRemark"), value: (u) => u.remark },
                { header: t("csvGender"), value: (u) => u.gender },
                { header: t("csvBirthday"), value: (u) => u.birthday },
                { header: t("csvAddress"), value: (u) => u.address },
                { header: t("colCreated"), value: (u) => (u.createdAt ? f.dateTime(u.createdAt * 1000) : "") },
                { header: t("csvUpdated"), value: (u) => (u.updatedAt ? f.dateTime(u.updatedAt * 1000) : "") },
                ...(byDevice ? [{ header: t("owner"), value: (u: UserRow) => (u.isOwner ? 1 : 0) }] : []),
              ]);
            }}
          />
        }
      />
      <Tabs
        aria-label={t("title")}
        idBase="users"
        items={[
          { value: "registered", label: t("tabRegistered") },
          { value: "bound", label: t("tabBound") },
        ]}
        value={tab}
        onValueChange={switchTab}
        className="mb-3"
      />
      <div
        className="mb-3 rounded-lg border border-line bg-panel px-3 py-2.5 shadow-panel"
        role="tabpanel"
        id={`users-panel-${tab}`}
        aria-labelledby={`users-tab-${tab}`}
      >
        <form className="flex flex-wrap items-end gap-2" onSubmit={submit} role="search">
          <div className="w-44">
            <label htmlFor={fieldId} className="mb-0.5 block text-xs text-ink-muted">
              {t("searchBy")}
            </label>
            <Select
              id={fieldId}
              name="type"
              value={field}
              onChange={(e) => setField(e.target.value as Field)}
              options={fields.map((x) => ({ value: x, label: t(FIELD_LABEL[x]) }))}
            />
          </div>
          <div className="min-w-56 flex-1">
            <label htmlFor={valueId} className="mb-0.5 block text-xs text-ink-muted">
              {t("searchValue")}
            </label>
            <Input
              id={valueId}
              name="val"
              value={text}
              maxLength={128}
              placeholder={placeholderOf(tab, field, t)}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          {extraFields.map((x) => (
            <div className="w-44" key={x}>
              <label htmlFor={`${valueId}-${x}`} className="mb-0.5 block text-xs text-ink-muted">
                {t("andField", { field: t(FIELD_LABEL[x]) })}
              </label>
              <Input
                id={`${valueId}-${x}`}
                name={x}
                value={extra[x] ?? ""}
                maxLength={128}
                onChange={(e) => setExtra((cur) => ({ ...cur, [x]: e.target.value }))}
              />
            </div>
          ))}
          {tab === "registered" ? (
            <div className="w-48">
              <label htmlFor={appidId} className="mb-0.5 block text-xs text-ink-muted">
                {t("appid")}
              </label>
              <Select
                id={appidId}
                value={registered.appid ?? ""}
                placeholder={t("appidAny")}
                onChange={(e) => set({ appid: e.target.value || null }, { resetPage: true })}
                options={(appidsQ.data?.appids ?? []).map((a) => ({ value: a.appid, label: a.appid }))}
              />
            </div>
          ) : (
            <div className="w-56">
              <GroupPicker productKey={productKey} value={bound.gid ?? null} onChange={(gid) => set({ gid }, { resetPage: true })} />
            </div>
          )}
          <Button type="submit" variant="primary">
            {t("search")}
          </Button>
          {filtered ? (
            <Button type="button" variant="ghost" onClick={clear}>
              {t("clear")}
            </Button>
          ) : null}
        </form>
        {tab === "bound" ? <p className="mt-1.5 text-xs text-ink-subtle">{t("boundHint")}</p> : null}
      </div>
      <DataTable
        aria-label={tab === "registered" ? t("tabRegistered") : t("tabBound")}
        columns={columns}
        rows={q.data?.users}
        rowKey={(u) => u.uid}
        loading={q.isLoading}
        fetching={q.isFetching && !q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        empty={<EmptyState compact title={t("emptyTitle")} description={filtered ? t("emptyFiltered") : t("emptyNone")} />}
        footer={
          total !== undefined && total > 0 ? (
            <Pagination
              page={current.page}
              pageSize={current.page_size}
              total={total}
              pageSizes={USER_PAGE_SIZES}
              onPageChange={(page) => set({ page: page === 1 ? null : page })}
              onPageSizeChange={(size) => set({ page_size: size }, { resetPage: true })}
            />
          ) : null
        }
      />
    </div>
  );
}
