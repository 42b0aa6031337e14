// Plain TypeScript, no zod: datapoint constants client code needs (see bench/bundle-budget.ts, "keeping a route light").

export const DATAPOINT_KINDS = ["status_writable", "status_readonly", "alert", "fault"] as const;
export type DatapointKind = (typeof DATAPOINT_KINDS)[number];

export const DATA_TYPES = ["bool", "enum", "uint8", "uint16", "uint32", "binary"] as const;
export type DataType = (typeof DATA_TYPES)[number];
export const NUMERIC_DATA_TYPES = ["uint8", "uint16", "uint32"] as const;
export type NumericDataType = (typeof NUMERIC_DATA_TYPES)[number];
