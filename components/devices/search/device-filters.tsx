"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { placeOptions } from "@/lib/queries/devices";
import { SEARCH_TYPES, type FlagFilter, type SearchType } from "@/lib/plain/devices";
import type { DeviceSearchQuery, PlaceOption } from "@/lib/schemas/devices";
import { useLocale, useT } from "@/components/i18n";
import { usePlaceNames } from "@/components/place-names";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { IconSearch, IconX } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** URL changes a filter makes: a value, or null to drop it. */
export type FilterChange = Partial<Record<keyof DeviceSearchQuery, string | null>>;

const FLAGS: { key: FlagFilter; label: "filterOnline" | "filterFaulty" | "filterAlerting" }[] = [
  { key: "is_online", label: "filterOnline" },
  { key: "is_faulty", label: "filterFaulty" },
  { key: "is_alert", label: "filterAlerting" },
];

const flagValue = (v: boolean | undefined) => (v === undefined ? "" : v ? "1" : "0");

function Labeled({ label, htmlFor, children, className }: { label: string; htmlFor: string; children: ReactNode; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="mb-0.5 block text-xs text-ink-muted">
        {label}
      </label>
      {children}
    </div>
  );
}

/** The did / mac / uid lookup: typed locally, sent to the URL on Enter or Search. */
function Lookup({
  type,
  val,
  onCommit,
}: {
  type: SearchType | undefined;
  val: string | undefined;
  onCommit: (type: SearchType, val: string) => void;
}) {
  const t = useT("devices");
  const id = useId();
  const [localType, setLocalType] = useState<SearchType>(type ?? "mac");
  useEffect(() => setLocalType(type ?? "mac"), [type]);
  const placeholder = { did: t("lookupPlaceholderDid"), mac: t("lookupPlaceholderMac"), uid: t("lookupPlaceholderUid") }[localType];
  const label = { did: t("typeDid"), mac: t("typeMac"), uid: t("typeUid") };
  return (
    <form
      role="search"
      className="flex items-end gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        onCommit(localType, String(new FormData(e.currentTarget).get("val") ?? "").trim());
      }}
    >
      <Labeled label={t("filterLookup")} htmlFor={`${id}-type`} className="w-28">
        <Select
          id={`${id}-type`}
          value={localType}
          onChange={(e) => setLocalType(e.target.value as SearchType)}
          options={SEARCH_TYPES.map((s) => ({ value: s, label: label[s] }))}
        />
      </Labeled>
      <Input
        aria-label={placeholder}
        placeholder={placeholder}
        // Uncontrolled, so that text typed into the server-rendered box before the page became
        // interactive is kept; a new URL value (a link, "Clear filters") replaces the box.
        key={val ?? ""}
        name="val"
        defaultValue={val ?? ""}
        className="w-56 font-mono text-[13px]"
        leading={<IconSearch size={14} />}
      />
      <Button type="submit" variant="primary">
        {t("search")}
      </Button>
    </form>
  );
}

/**
 * Every devices/search filter. Values come from (and go to) the URL; the place cascade offers
 * only places that have devices (devices/locations report). `groupPicker` is the groups
 * feature's picker, passed in so this file does not depend on it.
 */
export function DeviceFilters({
  productKey,
  state,
  onChange,
  groupPicker,
}: {
  productKey: string;
  state: DeviceSearchQuery;
  onChange: (c: FilterChange) => void;
  groupPicker: ReactNode;
}) {
  const t = useT("devices");
  const locale = useLocale();
  // Display names load on demand (lib/geo/place-names.ts); until then an option shows its upstream name.
  const names = usePlaceNames();
  const id = useId();
  const places = useQuery(placeOptions(productKey));
  const countries = places.data?.places ?? [];
  const country = countries.find((c) => c.name === state.country);
  const region = country?.children.find((r) => r.name === state.region);

  // A place in the URL that has no devices right now is still shown, so the filter stays visible.
  const withCurrent = (opts: readonly PlaceOption[], current: string | undefined) =>
    current && !opts.some((o) => o.name === current) ? [...opts, { name: current, count: -1, children: [] }] : opts;
  const withCount = (label: string, count: number) => (count < 0 ? label : `${label} (${count})`);
  const flagOptions = [
    { value: "1", label: t("flagYes") },
    { value: "0", label: t("flagNo") },
  ];

  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <Lookup type={state.type} val={state.val} onCommit={(type, val) => onChange({ type: val ? type : null, val: val || null })} />
      <div className="min-w-44">{groupPicker}</div>
      <Labeled label={t("filterCountry")} htmlFor={`${id}-country`} className="w-36">
        <Select
          id={`${id}-country`}
          value={state.country ?? ""}
          placeholder={t("filterAnyPlace")}
          disabled={places.isError}
          title={places.isError ? t("placesUnavailable") : undefined}
          onChange={(e) => onChange({ country: e.target.value || null, region: null, city: null })}
          options={withCurrent(countries, state.country).map((c) => ({
            value: c.name,
            label: withCount(names ? names.countryLabel(c.name, locale) : c.name, c.count),
          }))}
        />
      </Labeled>
      <Labeled label={t("filterRegion")} htmlFor={`${id}-region`} className="w-36">
        <Select
          id={`${id}-region`}
          value={state.region ?? ""}
          placeholder={t("filterAnyPlace")}
          disabled={!state.country}
          onChange={(e) => onChange({ region: e.target.value || null, city: null })}
          options={withCurrent(country?.children ?? [], state.region).map((r) => ({
            value: r.name,
            label: withCount(names ? names.regionLabel(state.country ?? "", r.name, locale) : r.name, r.count),
          }))}
        />
      </Labeled>
      <Labeled label={t("filterCity")} htmlFor={`${id}-city`} className="w-36">
        <Select
          id={`${id}-city`}
          value={state.city ?? ""}
          placeholder={t("filterAnyPlace")}
          disabled={!state.region}
          onChange={(e) => onChange({ city: e.target.value || null })}
          options={withCurrent(region?.children ?? [], state.city).map((c) => ({
            value: c.name,
            label: withCount(names ? names.cityLabel(c.name, locale) : c.name, c.count),
          }))}
        />
      </Labeled>
      {FLAGS.map((fl) => (
        <Labeled key={fl.key} label={t(fl.label)} htmlFor={`${id}-${fl.key}`} className="w-24">
          <Select
            id={`${id}-${fl.key}`}
            value={flagValue(state[fl.key])}
            placeholder={t("flagAny")}
            options={flagOptions}
            onChange={(e) => onChange({ [fl.key]: e.target.value || null })}
          />
        </Labeled>
      ))}
      <Labeled label={t("filterActiveSince")} htmlFor={`${id}-since`} className="w-40">
        <Input
          id={`${id}-since`}
          type="date"
          value={state.liveness_start && /^\d{4}-/.test(state.liveness_start) ? state.liveness_start : ""}
          onChange={(e) => onChange({ liveness_start: e.target.value || null })}
        />
      </Labeled>
      <div className="flex h-8 items-center">
        <Checkbox
          label={t("filterShowDisabled")}
          checked={state.show_disabled === true}
          onChange={(e) => onChange({ show_disabled: e.target.checked ? "1" : null })}
        />
      </div>
    </div>
  );
}

export function ClearFilters({ onClear }: { onClear: () => void }) {
  const t = useT("devices");
  return (
    <Button variant="ghost" size="sm" onClick={onClear}>
      <IconX size={14} />
      {t("clearFilters")}
    </Button>
  );
}
