/** The `GET /datapoint` document built from a product's datapoint definitions. */
import type { AttrKind, ProductDef } from "./define";

const PERM: Record<AttrKind, string> = { status_writable: "W", status_readonly: "R", alert: "N", fault: "E" };

export function datapointDocument(p: ProductDef): Record<string, unknown> {
  const elements = p.attrs.map((a) => {
    const object = { action: "entity0", bind: [`entity0.${a.name}`], perm: PERM[a.type] };
    const common = { object, key: `entity0.${a.name}`, title: a.display_name };
    if (a.data_type === "bool") return { boolValue: false, type: "QBooleanElement", ...common };
    if (a.type !== "status_writable") return { type: "QLabelElement", ...common };
    if (a.data_type === "enum") return { items: a.enum ?? [], type: "QRadioElement", ...common };
    if (a.data_type === "binary") {
      return { maxLength: a.position.len * 2, keyboardType: "NumbersAndPunctuation", type: "QMultilineElement", ...common };
    }
    const s = a.uint_spec ?? { min: 0, max: 0, ratio: 1, addition: 0 };
    return {
      bind: "floatValue:float",
      maximumValue: s.max * s.ratio + s.addition,
      minimumValue: s.min * s.ratio + s.addition,
      value: 0,
      keyboardType: "NumbersAndPunctuation",
      unit_spec: { max: s.max * s.ratio + s.addition, step: s.ratio, min: s.min * s.ratio + s.addition },
      type: "QFloatElement",
      ...common,
    };
  });
  return {
    name: p.name,
    entities: [{ id: 0, display_name: "机智云开发套件", attrs: p.attrs, name: "entity0" }],
    protocolType: "standard",
    product_key: p.key,
    packetVersion: "0x00000004",
    ui: { object: { version: 4, showEditButton: false }, sections: [{ elements }] },
  };
}
