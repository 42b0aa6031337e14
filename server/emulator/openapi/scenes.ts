/**
 * 用户场景 (Open API reference): a scene is a list of tasks (control one device, control a single-product
 * group, or wait up to 3600 s) run in order by POST /app/scene/{id}/task; GET …/task reports
 * 0 running, 1 done, 2 failed, 3 never run. Delays really wait (on an unref'd timer).
 *
 * The seed documents the create/update body twice: as flat task fields (task_type, did, attrs…)
 * in its parameter table, and as a scene with a `tasks` array in its example. Both are accepted.
 * It files the update under PUT in the list and POST in the text: both are served.
 */
import { z } from "zod";
import { ok } from "../http";
import { body, deviceForApp, isoZ, parse, requireUser, type AppCtx } from "./context";
import { parseCommand, trySend, type Command } from "./control";
import { AppError } from "./errors";
import { groupOf, groupProduct, runGroup, type Env } from "./groups";
import type { Scene, SceneTask, UserRec } from "./store";
import type { Add } from "./users";

const taskSchema = z.object({
  task_type: z.enum(["delay", "device", "group"]),
  time: z.number().int().min(0).max(3600).optional(),
  did: z.string().optional(),
  group_id: z.string().optional(),
  attrs: z.record(z.string(), z.unknown()).nullable().optional(),
  raw: z.string().optional(),
});

const sceneSchema = z.object({
  scene_name: z.string().min(1),
  remark: z.string().optional(),
  tasks: z.array(taskSchema).optional(),
  task_type: z.enum(["delay", "device", "group"]).optional(),
  time: z.number().int().min(0).max(3600).optional(),
  did: z.string().optional(),
  group_id: z.string().optional(),
  attrs: z.record(z.string(), z.unknown()).nullable().optional(),
  raw: z.string().optional(),
});

/** Validates a task now (device bound, group owned, command valid for the product). */
function checkTask(c: AppCtx, user: UserRec, t: z.infer<typeof taskSchema>): SceneTask {
  const task: SceneTask = { task_type: t.task_type, did: "", group_id: "", time: 0, attrs: null, raw: "" };
  if (t.task_type === "delay") {
    if (t.time === undefined) throw new AppError(9015, "a delay task needs time (seconds, at most 3600)");
    task.time = t.time;
    return task;
  }
  const tenant = c.state.tenant;
  let def: ReturnType<typeof groupProduct>["def"];
  if (t.task_type === "device") {
    const i = deviceForApp(c, t.did);
    if (c.store.role(i, user.u) === null) throw new AppError(9017);
    task.did = tenant.did(i);
    def = tenant.products[tenant.productOf[i]].def;
  } else {
    const g = groupOf(c, user, t.group_id ?? "");
    task.group_id = g.id;
    def = groupProduct(c, g).def;
  }
  // Enum datapoints by index and binaries as base64, raw as base64 (the scene doc's encodings).
  parseCommand(def, t.attrs ?? undefined, t.raw, "base64", "base64");
  task.attrs = t.attrs ?? null;
  task.raw = t.raw ?? "";
  return task;
}

function tasksOf(c: AppCtx, user: UserRec, b: z.infer<typeof sceneSchema>): SceneTask[] {
  const list =
    b.tasks ??
    (b.task_type ? [{ task_type: b.task_type, time: b.time, did: b.did, group_id: b.group_id, attrs: b.attrs, raw: b.raw }] : []);
  return list.map((t) => checkTask(c, user, t));
}

export function sceneOf(c: AppCtx, user: UserRec, id: string): Scene {
  const s = c.store.scenes.get(id);
  if (!s || c.store.users.get(s.owner)?.appid !== c.app.appid) throw new AppError(9220);
  if (s.owner !== user.u) throw new AppError(9221);
  return s;
}

function taskJson(c: AppCtx, user: UserRec, t: SceneTask): Record<string, unknown> {
  const tenant = c.state.tenant;
  const i = t.did ? tenant.deviceByDid(t.did) : -1;
  const g = t.group_id ? c.store.groups.get(t.group_id) : undefined;
  const p = i >= 0 ? tenant.products[tenant.productOf[i]] : g?.productKey ? tenant.productByKey(g.productKey) : undefined;
  const meta = i >= 0 ? c.store.meta(i, user.u) : undefined;
  return {
    task_type: t.task_type,
    did: t.did,
    product_key: p?.def.key ?? "",
    group_name: g?.name ?? "",
    raw: t.raw,
    attrs: t.attrs ?? {},
    dev_remark: meta?.remark ?? "",
    time: t.time,
    group_id: t.group_id,
    verbose_name: p?.def.name ?? "",
    dev_alias: meta?.dev_alias ?? "",
  };
}

function command(t: SceneTask, def: Parameters<typeof parseCommand>[0]): Command | null {
  try {
    return parseCommand(def, t.attrs ?? undefined, t.raw || undefined, "base64", "base64");
  } catch {
    return null;
  }
}

/** Runs a scene's tasks in order; delays wait on a timer. Status 0 while running, then 1 or 2. */
export function runScene(env: Env, user: UserRec, scene: Scene): void {
  scene.status = 0;
  let failed = false;
  const step = (k: number) => {
    const start = Date.now() / 1000;
    for (; k < scene.tasks.length; k++) {
      const t = scene.tasks[k];
      // Tasks of one run are stamped 5 ms apart, ending now: a later task's write (and the device's
      // report of it) always sorts after an earlier one's, and none lies in the future.
      const now = start - (scene.tasks.length - 1 - k) * 0.005;
      const e: Env = { ...env, now };
      if (t.task_type === "delay") {
        if (t.time > 0) {
          setTimeout(() => step(k + 1), t.time * 1000).unref();
          return;
        }
        continue;
      }
      const tenant = e.state.tenant;
      if (t.task_type === "device") {
        const i = tenant.deviceByDid(t.did);
        const cmd = i >= 0 ? command(t, tenant.products[tenant.productOf[i]].def) : null;
        if (
          !cmd ||
          e.store.role(i, user.u) === null ||
          trySend(e.state, e.store, i, cmd, now, { uid: user.uid, appid: user.appid, source: "d3" }) !== null
        )
          failed = true;
      } else {
        const g = e.store.groups.get(t.group_id);
        const p = g?.productKey ? tenant.productByKey(g.productKey) : undefined;
        const cmd = p ? command(t, p.def) : null;
        if (!g || !cmd || runGroup(e, user, g, cmd, "d3").some((r) => !r.result)) failed = true;
      }
    }
    scene.status = failed ? 2 : 1;
  };
  step(0);
}

export function registerScenes(add: Add): void {
  add("GET", "/app/scene", (c) => {
    const user = requireUser(c);
    return ok(
      [...c.store.scenes.values()]
        .filter((s) => s.owner === user.u)
        .map((s) => ({
          remark: s.remark,
          tasks: s.tasks.map((t) => taskJson(c, user, t)),
          created_at: isoZ(s.createdAt),
          updated_at: isoZ(s.updatedAt),
          scene_name: s.name,
          id: s.id,
        })),
    );
  });

  add("POST", "/app/scene", (c) => {
    const user = requireUser(c);
    const b = parse(sceneSchema, body(c));
    const tasks = tasksOf(c, user, b);
    const id = c.store.objectId();
    c.store.addScene({
      id,
      owner: user.u,
      name: b.scene_name,
      remark: b.remark ?? "",
      tasks,
      createdAt: c.now,
      updatedAt: c.now,
      status: 3,
    });
    return ok({ id }, 201);
  });

  for (const method of ["PUT", "POST"]) {
    add(method, "/app/scene/{id}", (c) => {
      const user = requireUser(c);
      const s = sceneOf(c, user, c.params.id);
      const b = parse(sceneSchema.partial({ scene_name: true }), body(c));
      if (b.tasks !== undefined || b.task_type !== undefined) s.tasks = tasksOf(c, user, { ...b, scene_name: b.scene_name ?? s.name });
      if (b.scene_name !== undefined) s.name = b.scene_name;
      if (b.remark !== undefined) s.remark = b.remark;
      s.updatedAt = c.now;
      return ok({});
    });
  }

  add("DELETE", "/app/scene/{id}", (c) => {
    const user = requireUser(c);
    const s = sceneOf(c, user, c.params.id);
    c.store.scenes.delete(s.id);
    return ok({});
  });

  add("GET", "/app/scene/{id}/task", (c) => {
    const user = requireUser(c);
    return ok({ status: sceneOf(c, user, c.params.id).status });
  });

  add("POST", "/app/scene/{id}/task", (c) => {
    const user = requireUser(c);
    const s = sceneOf(c, user, c.params.id);
    runScene(c, user, s);
    return ok({});
  });
}
