// O5: the read models (projections), the position each has applied, and a
// rebuild from the event log while the service keeps running.
import { h, table, actions, button, alertSlot, alertBox, note, append, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { reload } from "../../router.js";
import { t } from "../../i18n.js";
import { opRender } from "./shell.js";

export async function projections(ctx) {
  const [list, health] = await Promise.all([api("GET", "/api/operator/projections"), api("GET", "/api/health")]);
  const box = h("div", {});
  const extra = (p) => Object.entries(p).filter(([k]) => !["name", "position"].includes(k)).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join(t("common.sep.comma")) || "－";
  append(box, 
    h("p", {}, t("op.projections.position"), " ", h("strong", { id: "log-position" }, String(health.position))),
    table([
      [t("op.projections.name"), (p) => h("span", { class: "mono" }, p.name)],
      [t("op.projections.applied"), (p) => String(p.position)],
      [t("op.projections.status"), extra],
      ["", (p) => button(t("op.projections.rebuild"), (ev) => act(box, async () => {
        if (!ask(t("op.projections.confirm", { name: p.name }))) return;
        await api("POST", `/api/operator/projections/${encodeURIComponent(p.name)}/rebuild`);
        replace(box.querySelector(".alert-slot"), alertBox(t("op.projections.started", { name: p.name }), "success"));
        setTimeout(() => { if (ctx.live()) reload(); }, 1500);
      }, ev.currentTarget), { kind: "small", id: `rebuild-${p.name}` })],
    ], list, { id: "projections" }),
    alertSlot(),
    note(t("op.projections.note")),
    actions(button(t("common.update"), () => reload())));
  opRender(ctx, t("op.projections.title"), box);
}
