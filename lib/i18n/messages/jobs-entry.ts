import { defineMessages } from "../core";

/**
 * The few words the device list and the groups page need to offer a job: kept apart from the
 * jobs catalogue so those pages do not carry the whole create-job dialog's text in their first load.
 */
export const jobsEntry = defineMessages({
  en: {
    newJob: "New job",
    jobForSelection: "Run a job",
    jobForSelectionHint: "Send one command to these devices in batches, after a canary",
    jobForSearch: "Run a job on this search",
    jobForSearchHint: "Send one command to every device matching the current filters ({total}), frozen when the job starts",
    jobForGroup: "Run a job",
    jobForGroupHint: "Send one command to this group's devices in batches, after a canary",
    loadingDialog: "Opening…",
  },
  "zh-CN": {
    newJob: "新建批量任务",
    jobForSelection: "批量任务",
    jobForSelectionHint: "先灰度、再分批，向这些设备下发同一条指令",
    jobForSearch: "对当前搜索执行批量任务",
    jobForSearchHint: "向符合当前筛选条件的全部设备（{total} 台）下发同一条指令；任务开始时筛选条件即被固定",
    jobForGroup: "批量任务",
    jobForGroupHint: "先灰度、再分批，向本组设备下发同一条指令",
    loadingDialog: "正在打开…",
  },
});
