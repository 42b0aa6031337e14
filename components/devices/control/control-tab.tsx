"use client";

import type { DeviceInfo } from "@/lib/schemas/device-detail";
import { CommandHistory } from "./command-history";
import { ControlPanel } from "./control-panel";

export function ControlTab({ pk, info, canControl }: { pk: string; info: DeviceInfo; canControl: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      {canControl ? <ControlPanel pk={pk} info={info} /> : null}
      <CommandHistory pk={pk} did={info.did} />
    </div>
  );
}
