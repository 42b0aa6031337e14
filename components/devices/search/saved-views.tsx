"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { savedViewsOptions } from "@/lib/queries/devices";
import type { savedViewListSchema } from "@/lib/schemas/devices";
import { useT } from "@/components/i18n";
import { IconChevronDown } from "@/components/ui/icons";
import { lazyClient } from "@/components/ui/lazy-client";
import { Popover } from "@/components/ui/popover";
import { Spinner } from "@/components/ui/spinner";

export type SavedViewList = z.output<typeof savedViewListSchema>;

// The open menu (its delete mutation) and the save dialog are fetched when first opened
// (hovering or focusing the button starts it): the page's first load carries only the button
// and the list query, so the list is there when the menu opens (issue 17).
const loadParts = () => import("./saved-views-parts");
const menuLoading = () => (
  <div className="flex w-64 justify-center p-3">
    <Spinner />
  </div>
);
const SavedViewsMenu = lazyClient(() => loadParts().then((m) => m.SavedViewsMenu), { loading: menuLoading });
const SaveViewDialog = lazyClient(() => loadParts().then((m) => m.SaveViewDialog));

/**
 * The user's named views of a page: open one (its stored search string replaces the URL's) or
 * save the current one under a name. Views are per user, kept in the console's database.
 */
export function SavedViews({ page, currentQuery, onOpen }: { page: "devices"; currentQuery: string; onOpen: (query: string) => void }) {
  const t = useT("devices");
  const list = useQuery(savedViewsOptions(page));
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const prefetch = () => void loadParts();

  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: pointing at or focusing the menu button only prefetches its code; display: contents keeps the layout */}
      <span className="contents" onPointerEnter={prefetch} onFocus={prefetch}>
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
          {(close) => <SavedViewsMenu page={page} list={list} onOpen={onOpen} onSave={() => setSaving(true)} close={close} />}
        </Popover>
      </span>
      {saving ? (
        <SaveViewDialog
          page={page}
          currentQuery={currentQuery}
          name={name}
          onNameChange={setName}
          onClose={() => setSaving(false)}
          onSaved={() => {
            setSaving(false);
            setName("");
          }}
        />
      ) : null}
    </>
  );
}
