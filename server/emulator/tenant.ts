/**
 * The demo tenant: one enterprise, its products, devices, app users, bindings and device
 * groups. Devices live in typed-array columns (a million of them fit in a few tens of MB) with
 * the indexes the search filters and reports need:
 *  - devices of a product occupy a contiguous index range, ordered by creation time, so
 *    "created between" is a binary search;
 *  - per (product, city) sorted index lists serve country/region/city filters;
 *  - per (product, city, flag-combination) counters answer totals and location reports
 *    without scanning, and are kept exact by routing every flag change through setFlags().
 * History (sessions, data, events) is not stored: model.ts recomputes it from (device, time).
 */
import { CITIES, pickCity } from "./geo";
import { PRODUCTS, type ProductDef, type RawState } from "./products";
import {
  DAY_S,
  dayOf,
  encodeDid,
  encodeMac,
  encodeUid,
  decodeDid,
  decodeMac,
  decodeUid,
  hash4,
  lowerBound,
  mulberry32,
  randomHex,
  unit4,
} from "./util";

export const FLAG_ONLINE = 1;
export const FLAG_FAULTY = 2;
export const FLAG_ALERT = 4;
export const FLAG_DISABLED = 8;
export const COMBOS = 16;

/** Activity classes (low two bits of `cls`). */
export const CLS_REGULAR = 0; // online most of every day
export const CLS_SPORADIC = 1; // shows up every k-th day
export const CLS_CHURNED = 2; // stopped reporting more than 30 days ago
export const CLS_DISABLED = 3; // deregistered ("注销") recently
export const PRONE_FAULT = 4;
export const PRONE_ALERT = 8;

export const ENTERPRISE_ID = "ad7e60f0594247dcba017ba76d2f4275";
export const ENTERPRISE_SECRET = "db2ac98200824181b447b03e4d42f99b";

/** Appids per product (one or two apps each), fixed so .env.example can list them. */
const APPIDS: string[][] = [
  ["f4a1c6e2b8d94b0f9e3a5c7d1b2e4f60", "2b7d9e1f3a5c4e6a8b0d2f4a6c8e0a1b"],
  ["8c1e3a5b7d9f4a2c6e8b0d1f3a5c7e9b"],
  ["e0d2c4b6a8f04e1c3b5d7f9a1c3e5b7d"],
];

export interface ProductState {
  def: ProductDef;
  index: number;
  /** Device index range [start, end). */
  start: number;
  end: number;
  /** User index range [userStart, userEnd). */
  userStart: number;
  userEnd: number;
  appids: string[];
  remoteControl: boolean;
  /** Per city: sorted device indices of this product in that city. */
  cityLists: Int32Array[];
  /** counts[city * COMBOS + flags] = devices of this product with exactly those flags. */
  counts: Int32Array;
  /** Fault- or alert-prone devices (the only ones that ever raise events), sorted. */
  prone: Int32Array;
  /** Users registered after start-up (Open API sign-ups), beyond [userStart, userEnd). */
  addedUsers: number[];
}

/** Profile of a user registered or edited through the Open API (overrides the derived one). */
export interface UserRecord {
  username: string | null;
  phone: string | null;
  email: string | null;
  is_anonymous: boolean;
  name: string | null;
  gender: string | null;
  birthday: string | null;
  address: string | null;
  remark: string | null;
  updated_at: number;
  auth_src: { src: string; uid: string }[] | null;
}

/** Spare user slots for Open API sign-ups (typed-array columns cannot grow). */
const ADDED_USER_CAPACITY = 20_000;

export interface Group {
  gid: string;
  index: number;
  product: number;
  parent: Group | null;
  children: Group[];
  /** Direct members (devices whose groupOf is this group). */
  count: number;
  members: Int32Array | null;
}

export interface DeviceOverride {
  /** Control writes, oldest first; values persist until overwritten. */
  controls: { t: number; values: RawState }[];
  /** Transparent (raw) control commands, oldest first. */
  raws: { t: number; payload: string }[];
  /** Test-surface forced online/offline transitions, oldest first. */
  forced: { t: number; online: boolean }[];
}

export interface TenantOptions {
  devices: number;
  seed: number;
  /** Unix seconds the history is anchored to (normally now). */
  now: number;
}

const MAX_CONTROLS_PER_DEVICE = 200;
const MAX_OVERRIDDEN_DEVICES = 50_000;

export class DemoTenant {
  readonly enterpriseId = ENTERPRISE_ID;
  readonly enterpriseSecret = ENTERPRISE_SECRET;
  readonly seed: number;
  readonly salt: number;
  readonly size: number;
  readonly builtAt: number;
  readonly products: ProductState[] = [];

  readonly productOf: Uint8Array;
  readonly city: Uint16Array;
  readonly flags: Uint8Array;
  readonly cls: Uint8Array;
  readonly createdAt: Float64Array;
  /** Last day (day number) the device may be active; 0x7fffffff when still alive. */
  readonly lastDay: Int32Array;
  readonly onlineLatest: Float64Array;
  readonly groupOf: Int32Array;
  readonly owner: Int32Array;
  readonly guests = new Map<number, number[]>();

  /** Users in the columns: generated ones, then Open API sign-ups (addUser). */
  userCount: number;
  readonly userRecords = new Map<number, UserRecord>();
  readonly userProduct: Uint8Array;
  readonly userApp: Uint8Array;
  readonly userCreated: Float64Array;
  readonly userBindings: Uint16Array;
  readonly userEverBound: Uint8Array;
  readonly userCity: Int16Array;

  readonly groups = new Map<string, Group>();
  readonly groupList: Group[] = [];
  /** Bumped on any group membership/tree change; part of report cache keys. */
  groupVersion = 0;
  /** Bumped on any binding change. */
  bindingVersion = 0;

  readonly overrides = new Map<number, DeviceOverride>();

  constructor(opts: TenantOptions) {
    const n = Math.max(PRODUCTS.length, Math.floor(opts.devices));
    this.seed = opts.seed >>> 0;
    this.salt = hash4(this.seed, 0x7e4a27);
    this.size = n;
    this.builtAt = opts.now;
    this.productOf = new Uint8Array(n);
    this.city = new Uint16Array(n);
    this.flags = new Uint8Array(n);
    this.cls = new Uint8Array(n);
    this.createdAt = new Float64Array(n);
    this.lastDay = new Int32Array(n);
    this.onlineLatest = new Float64Array(n);
    this.groupOf = new Int32Array(n).fill(-1);
    this.owner = new Int32Array(n).fill(-1);

    const today = dayOf(opts.now);
    const salt = this.salt;

    // --- devices, product by product, oldest first -------------------------------------------
    let start = 0;
    const shares = PRODUCTS.map((p) => p.share);
    const shareSum = shares.reduce((a, b) => a + b, 0);
    let userTotal = 0;
    const userRanges: [number, number][] = [];
    PRODUCTS.forEach((def, pi) => {
      const count = pi === PRODUCTS.length - 1 ? n - start : Math.max(1, Math.round((n * def.share) / shareSum));
      const end = start + count;
      // About 0.55 registered app users per device, so some users own several devices and
      // some registered users have none bound.
      const users = Math.max(4, Math.round(count * 0.55));
      userRanges.push([userTotal, userTotal + users]);
      userTotal += users;
      this.products.push({
        def,
        index: pi,
        start,
        end,
        userStart: userRanges[pi][0],
        userEnd: userRanges[pi][1],
        appids: APPIDS[pi],
        remoteControl: def.remoteControlDefault,
        cityLists: [],
        counts: new Int32Array(CITIES.length * COMBOS),
        prone: new Int32Array(0),
        addedUsers: [],
      });
      const span = 730; // two years of sales
      const firstDay = today - span;
      for (let i = start; i < end; i++) {
        this.productOf[i] = pi;
        // Creation rate grows linearly over two years: invert its CDF so index order = time order.
        // The jitter stays within ±0.4 of an index step, so createdAt is non-decreasing by index.
        // Two hashes per device feed all draws (bit fields), keeping 1M-device start-up short.
        const h1 = hash4(salt, i, 0xc1);
        const h2 = hash4(salt, i, 0xc3);
        const f = (i - start + 0.5 + 0.8 * ((h1 & 0xffff) / 65536 - 0.5)) / count;
        const s = span * (-0.5 + Math.sqrt(0.25 + 2 * f));
        this.createdAt[i] = Math.min(Math.floor(opts.now) - 60, Math.floor((firstDay + s) * DAY_S - 8 * 3600));
        this.city[i] = pickCity((h1 >>> 16) / 65536);
        const createdDay = dayOf(this.createdAt[i]);
        const roll = (h2 & 0xffff) / 65536;
        let c: number;
        let last = 0x7fffffff;
        if (roll < 0.02 && createdDay < today - 2) {
          c = CLS_DISABLED;
          last = Math.max(createdDay, today - 1 - (hash4(salt, i, 0xc4) % 60));
        } else if (roll < 0.13 && createdDay < today - 45) {
          c = CLS_CHURNED;
          last = Math.max(createdDay, today - 31 - (hash4(salt, i, 0xc5) % 300));
          if (last >= today - 30) last = today - 31;
        } else if (roll < 0.24) c = CLS_SPORADIC;
        else c = CLS_REGULAR;
        let bits = c;
        if (((h2 >>> 16) & 0xff) / 256 < 0.14) bits |= PRONE_FAULT;
        if ((h2 >>> 24) / 256 < 0.17) bits |= PRONE_ALERT;
        this.cls[i] = bits;
        this.lastDay[i] = last;
      }
      start = end;
    });

    // --- indexes -------------------------------------------------------------------------------
    for (const p of this.products) {
      const sizes = new Int32Array(CITIES.length);
      for (let i = p.start; i < p.end; i++) sizes[this.city[i]]++;
      p.cityLists = Array.from(sizes, (s) => new Int32Array(s));
      const fill = new Int32Array(CITIES.length);
      const prone: number[] = [];
      for (let i = p.start; i < p.end; i++) {
        const c = this.city[i];
        p.cityLists[c][fill[c]++] = i;
        if (this.cls[i] & (PRONE_FAULT | PRONE_ALERT)) prone.push(i);
      }
      p.prone = Int32Array.from(prone);
    }

    // --- users and bindings ------------------------------------------------------------------
    this.userCount = userTotal;
    this.userProduct = new Uint8Array(userTotal + ADDED_USER_CAPACITY);
    this.userApp = new Uint8Array(userTotal + ADDED_USER_CAPACITY);
    this.userCreated = new Float64Array(userTotal + ADDED_USER_CAPACITY);
    this.userBindings = new Uint16Array(userTotal + ADDED_USER_CAPACITY);
    this.userEverBound = new Uint8Array(userTotal + ADDED_USER_CAPACITY);
    this.userCity = new Int16Array(userTotal + ADDED_USER_CAPACITY).fill(-1);
    for (const p of this.products) {
      const count = p.userEnd - p.userStart;
      for (let u = p.userStart; u < p.userEnd; u++) {
        this.userProduct[u] = p.index;
        this.userApp[u] = p.appids.length > 1 && unit4(salt, u, 0xa5) < 0.3 ? 1 : 0;
        const f = (u - p.userStart + 0.5 + 0.8 * (unit4(salt, u, 0xa6) - 0.5)) / count;
        const s = 730 * (-0.5 + Math.sqrt(0.25 + 2 * f));
        this.userCreated[u] = Math.min(Math.floor(opts.now) - 120, Math.floor((today - 730 + s) * DAY_S - 8 * 3600));
      }
      const users = p.userEnd - p.userStart;
      for (let i = p.start; i < p.end; i++) {
        const hb = hash4(salt, i, 0xb1);
        if ((hb & 0xffff) / 65536 >= 0.72) continue;
        // Owners are users registered before the device went online, when there are any.
        const createdIdx = lowerBound(this.userCreated, this.createdAt[i], p.userStart, p.userEnd) - p.userStart;
        const pool = Math.max(1, createdIdx);
        const u = p.userStart + Math.min(users - 1, Math.floor(unit4(salt, i, 0xb2) * pool));
        this.owner[i] = u;
        this.userBindings[u]++;
        this.userEverBound[u] = 1;
        if (this.userCity[u] < 0) this.userCity[u] = this.city[i];
        if ((hb >>> 16) / 65536 < 0.18) {
          const g = p.userStart + Math.floor(unit4(salt, i, 0xb4) * users);
          if (g !== u) {
            this.guests.set(i, [g]);
            this.userBindings[g]++;
            this.userEverBound[g] = 1;
            if (this.userCity[g] < 0) this.userCity[g] = this.city[i];
          }
        }
      }
      for (let u = p.userStart; u < p.userEnd; u++) if (this.userCity[u] < 0) this.userCity[u] = pickCity(unit4(salt, u, 0xa7));
    }

    this.buildGroups();
  }

  // --- identifiers ---------------------------------------------------------------------------

  did(i: number): string {
    return encodeDid(i, this.salt);
  }
  mac(i: number): string {
    return encodeMac(i, this.salt);
  }
  uid(u: number): string {
    return encodeUid(u, this.salt);
  }
  deviceByDid(did: string): number {
    const i = decodeDid(did, this.salt);
    return i >= 0 && i < this.size && this.did(i) === did ? i : -1;
  }
  deviceByMac(mac: string): number {
    const i = decodeMac(mac.toLowerCase(), this.salt);
    return i >= 0 && i < this.size && this.mac(i) === mac.toLowerCase() ? i : -1;
  }
  /**
   * Registers a user after start-up (an Open API sign-up) in product `product` (-1: an AppID
   * of several products — kept out of the per-product lists) and app `app`. Returns its index,
   * or -1 when the spare capacity is used up.
   */
  addUser(product: number, app: number, now: number): number {
    if (this.userCount >= this.userProduct.length) return -1;
    const u = this.userCount++;
    this.userProduct[u] = product < 0 ? 255 : product;
    this.userApp[u] = app < 0 ? 255 : app;
    this.userCreated[u] = now;
    this.userCity[u] = pickCity(unit4(this.salt, u, 0xa7));
    if (product >= 0) this.products[product].addedUsers.push(u);
    return u;
  }

  /** A product's users: the generated range, then its Open API sign-ups. */
  *usersOf(p: ProductState): Generator<number> {
    for (let u = p.userStart; u < p.userEnd; u++) yield u;
    yield* p.addedUsers;
  }

  userByUid(uid: string): number {
    const u = decodeUid(uid, this.salt);
    return u >= 0 && u < this.userCount && this.uid(u) === uid ? u : -1;
  }
  productByKey(key: string): ProductState | undefined {
    return this.products.find((p) => p.def.key === key);
  }
  appIndex(p: ProductState, appid: string): number {
    return p.appids.indexOf(appid);
  }

  // --- state changes -------------------------------------------------------------------------

  /** The only way flags change, so the per-city counters stay exact. */
  setFlags(i: number, next: number): void {
    const prev = this.flags[i];
    if (prev === next) return;
    const counts = this.products[this.productOf[i]].counts;
    const base = this.city[i] * COMBOS;
    counts[base + prev]--;
    counts[base + next]++;
    this.flags[i] = next;
  }

  /** Called once after flags are first computed: counters start from zero. */
  initCounts(): void {
    for (const p of this.products) {
      p.counts.fill(0);
      for (let i = p.start; i < p.end; i++) p.counts[this.city[i] * COMBOS + this.flags[i]]++;
    }
  }

  override(i: number): DeviceOverride {
    let o = this.overrides.get(i);
    if (o) {
      // Refresh insertion order so eviction drops the least recently touched device.
      this.overrides.delete(i);
    } else {
      o = { controls: [], raws: [], forced: [] };
      if (this.overrides.size >= MAX_OVERRIDDEN_DEVICES) {
        const oldest = this.overrides.keys().next().value;
        if (oldest !== undefined) this.overrides.delete(oldest);
      }
    }
    this.overrides.set(i, o);
    return o;
  }

  addControl(i: number, t: number, values: RawState): void {
    const o = this.override(i);
    o.controls.push({ t, values });
    if (o.controls.length > MAX_CONTROLS_PER_DEVICE) {
      // Fold the oldest write into the next so its persistent effect survives the bound.
      const [first, second] = o.controls.splice(0, 2);
      o.controls.unshift({ t: second.t, values: { ...first.values, ...second.values } });
    }
  }

  addRaw(i: number, t: number, payload: string): void {
    const o = this.override(i);
    o.raws.push({ t, payload });
    if (o.raws.length > MAX_CONTROLS_PER_DEVICE) o.raws.shift();
  }

  // --- bindings ------------------------------------------------------------------------------

  bindingsOf(i: number): { user: number; owner: boolean }[] {
    const out: { user: number; owner: boolean }[] = [];
    if (this.owner[i] >= 0) out.push({ user: this.owner[i], owner: true });
    for (const g of this.guests.get(i) ?? []) out.push({ user: g, owner: false });
    return out;
  }

  /** Binds a user: the first binder becomes owner, later ones guests. Returns false if already bound. */
  bind(i: number, u: number): boolean {
    if (this.owner[i] === u || (this.guests.get(i) ?? []).includes(u)) return true;
    if (this.owner[i] < 0) this.owner[i] = u;
    else this.guests.set(i, [...(this.guests.get(i) ?? []), u]);
    this.userBindings[u]++;
    this.userEverBound[u] = 1;
    this.bindingVersion++;
    return true;
  }

  unbind(i: number, u: number): boolean {
    const guests = this.guests.get(i) ?? [];
    if (this.owner[i] === u) {
      // Ownership passes to the longest-standing guest, as an app would offer.
      const [next, ...rest] = guests;
      this.owner[i] = next ?? -1;
      if (rest.length) this.guests.set(i, rest);
      else this.guests.delete(i);
    } else if (guests.includes(u)) {
      const rest = guests.filter((g) => g !== u);
      if (rest.length) this.guests.set(i, rest);
      else this.guests.delete(i);
    } else return false;
    this.userBindings[u]--;
    this.bindingVersion++;
    return true;
  }

  // --- groups --------------------------------------------------------------------------------

  private buildGroups(): void {
    const rand = mulberry32(hash4(this.seed, 0x6e0));
    const china = (region: string) => CITIES.map((c, i) => (c.country === "China" && c.region === region ? i : -1)).filter((i) => i >= 0);
    const plan: Record<number, { regions: { provinces: string[]; cities?: string[] }[] }> = {
      0: {
        regions: [
          { provinces: ["Guangdong", "Fujian", "Guangxi", "Hainan"], cities: ["Shenzhen", "Guangzhou"] },
          { provinces: ["Shanghai", "Jiangsu", "Zhejiang"] },
          { provinces: ["Beijing", "Tianjin", "Hebei"] },
          { provinces: ["Sichuan", "Chongqing"] },
        ],
      },
      1: { regions: [{ provinces: ["Zhejiang", "Jiangsu"], cities: ["Hangzhou"] }, { provinces: ["Shandong"] }] },
      2: { regions: [{ provinces: ["Beijing"] }, { provinces: ["Guangdong"] }] },
    };
    for (const p of this.products) {
      const root = this.newGroup(p.index, null, rand);
      for (const region of plan[p.index]?.regions ?? []) {
        const regionGroup = this.newGroup(p.index, root, rand);
        for (const province of region.provinces) {
          const provinceGroup = this.newGroup(p.index, regionGroup, rand);
          const cityIdx = china(province);
          const cityGroups = new Map<number, Group>();
          for (const c of cityIdx)
            if (region.cities?.includes(CITIES[c].city)) cityGroups.set(c, this.newGroup(p.index, provinceGroup, rand));
          // About half of the province's devices are sorted into groups; the rest stay ungrouped.
          for (const c of cityIdx) {
            for (const i of p.cityLists[c]) {
              if (unit4(this.salt, i, 0x90) >= 0.5) continue;
              const g = cityGroups.get(c) ?? (unit4(this.salt, i, 0x91) < 0.15 ? regionGroup : provinceGroup);
              this.groupOf[i] = g.index;
              g.count++;
            }
          }
        }
      }
    }
  }

  newGroup(product: number, parent: Group | null, rand: () => number): Group {
    const g: Group = { gid: randomHex(rand, 32), index: this.groupList.length, product, parent, children: [], count: 0, members: null };
    this.groups.set(g.gid, g);
    this.groupList.push(g);
    parent?.children.push(g);
    this.groupVersion++;
    return g;
  }

  rootGroup(product: number): Group | undefined {
    return this.groupList.find((g) => g.product === product && g.parent === null && this.groups.has(g.gid));
  }

  deleteGroup(g: Group): void {
    this.groups.delete(g.gid);
    if (g.parent) g.parent.children = g.parent.children.filter((c) => c !== g);
    this.groupVersion++;
  }

  /** Moves a device to a group (or out with -1), keeping member counts and caches right. */
  setGroup(i: number, gi: number): void {
    const prev = this.groupOf[i];
    if (prev === gi) return;
    if (prev >= 0) {
      this.groupList[prev].count--;
      this.groupList[prev].members = null;
    }
    if (gi >= 0) {
      this.groupList[gi].count++;
      this.groupList[gi].members = null;
    }
    this.groupOf[i] = gi;
    this.groupVersion++;
  }

  /** Direct members of a group, sorted; built by one scan of the product range and cached. */
  groupMembers(g: Group): Int32Array {
    if (g.members) return g.members;
    const p = this.products[g.product];
    const out = new Int32Array(g.count);
    let k = 0;
    for (let i = p.start; i < p.end && k < out.length; i++) if (this.groupOf[i] === g.index) out[k++] = i;
    g.members = out;
    return out;
  }

  groupTree(product: number): Record<string, unknown> {
    const render = (g: Group): Record<string, unknown> | string => {
      const kids = g.children.filter((c) => this.groups.has(c.gid));
      if (!kids.length) return "";
      return Object.fromEntries(kids.map((c) => [c.gid, render(c)]));
    };
    const root = this.rootGroup(product);
    return root ? { [root.gid]: render(root) } : {};
  }
}
