"use client";

import { decodeCmdPayload, hexDump, p0ActionLabel, p0CmdLabel, p0FieldLabel } from "@/lib/plain/payload";
import { useLocale } from "@/components/i18n";

/** A cmd payload as labelled P0 fields (when it is a P0 frame) and a hex dump with offsets and ASCII. */
export function ByteView({ payload }: { payload: string }) {
  const locale = useLocale();
  const decoded = decodeCmdPayload(payload);
  if (!decoded) return <pre className="font-mono text-xs text-ink-muted">{payload}</pre>;
  const frame = decoded.frame;
  return (
    <div className="flex flex-col gap-2 py-1" data-testid="byte-view">
      {frame ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-xs">
          {frame.fields.map((fld) => (
            <div key={fld.key} className="contents">
              <dt className="text-ink-subtle">
                {p0FieldLabel(fld.key, locale)} <span className="tabular">@{fld.offset}</span>
              </dt>
              <dd className="font-mono">
                {fld.bytes.map((b) => b.toString(16).padStart(2, "0")).join(" ")}
                {fld.key === "cmd" ? <span className="ml-2 font-sans text-ink-muted">{p0CmdLabel(frame.cmd, locale)}</span> : null}
                {fld.key === "action" && frame.action !== null ? (
                  <span className="ml-2 font-sans text-ink-muted">{p0ActionLabel(frame.action, locale)}</span>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <pre className="overflow-x-auto rounded bg-sunken p-2 font-mono text-[11px] leading-4 text-ink">
        {hexDump(decoded.bytes)
          .map((r) => `${r.offsetLabel}  ${r.hex.join(" ").padEnd(47)}  |${r.ascii}|`)
          .join("\n")}
      </pre>
    </div>
  );
}
