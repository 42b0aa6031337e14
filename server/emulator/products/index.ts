/**
 * The demo tenant's product catalogue: one file per product (its datapoints and a model that
 * turns (device, time, settings) into plausible read-only values), built with `defineProduct`
 * (define.ts); the `GET /datapoint` document (datapoint-document.ts), value conversion
 * (values.ts) and the P0 frame encoding used for cmd logs (p0.ts).
 */
import { airConditioner } from "./air-conditioner";
import type { ProductDef } from "./define";
import { envSensor } from "./env-sensor";
import { waterMeter } from "./water-meter";

export type { AttrDef, AttrKind, DataType, ModelInput, Position, ProductDef, ProductModel, RawState, RawValue, UintSpec } from "./define";
export { datapointDocument } from "./datapoint-document";
export { encodeControl, encodeRaw, encodeReport, p0Frame } from "./p0";
export { type ControlParse, displayValue, parseControlValue, realNumber } from "./values";

export const PRODUCTS: ProductDef[] = [airConditioner, waterMeter, envSensor];

/**
 * A product registered on Gizwits but associated with another enterprise: its token request
 * from the demo enterprise yields 5007 "association not exist".
 */
export const FOREIGN_PRODUCT = { key: "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", secret: "ffeeddccbbaa99887766554433221100" };
