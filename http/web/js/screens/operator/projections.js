// O5: the read models (projections), the position each has applied, and a
// rebuild from the event log while the service keeps running.
import { h, table, actions, button, alertSlot, alertBox, note, append, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { reload } from "../../router.js";
import { opRender } from "./shell.js";

export async function projections(ctx) {
  const [list, health] = await Promise.all([api("GET", "/api/operator/projections"), api("GET", "/api/health")]);
  const box = h("div", {});
  const extra = (p) => Object.entries(p).filter(([k]) => !["name", "position"].includes(k)).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join("、") || "－";
  append(box, 
    h("p", {}, `イベントログの位置: `, h("strong", { id: "log-position" }, String(health.position))),
    table([
      ["名前", (p) => h("span", { class: "mono" }, p.name)],
      ["反映済みの位置", (p) => String(p.position)],
      ["再構築の状況", extra],
      ["", (p) => button("再構築", (ev) => act(box, async () => {
        if (!ask(`投影 ${p.name} をイベントログから再構築します。よろしいですか？`)) return;
        await api("POST", `/api/operator/projections/${encodeURIComponent(p.name)}/rebuild`);
        replace(box.querySelector(".alert-slot"), alertBox(`${p.name} の再構築を開始しました。`, "success"));
        setTimeout(() => { if (ctx.live()) reload(); }, 1500);
      }, ev.currentTarget), { kind: "small", id: `rebuild-${p.name}` })],
    ], list, { id: "projections" }),
    alertSlot(),
    note("再構築中もサービスは止まりません。完了すると新しい投影に切り替わります。"),
    actions(button("更新", () => reload())));
  opRender(ctx, "投影の再構築", box);
}
