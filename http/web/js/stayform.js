// The stay part of a booking or lottery form (manual M2 ⑧, M6 ⑨): nights
// (１泊／２泊), people per night (a second field appears for 2 nights, both
// required) and, where the facility asks it, the room-style wish
// (和洋室希望: 和室／洋室／どちらでも). With `guests`, each night also asks how
// many of its people are children and how many infants (not counted) come,
// and the form asks whether a reduction is claimed (issue 17): only those in
// `reductions` (what the rate table in force holds, reductionsOffered in
// data.js), and not at all when it holds none. The server is the guard: a
// claim no night's table holds is refused (422 `reduction` not_offered).
import { h, choices, radioValue, field, note, append, replace } from "./dom.js";
import { addDays, fmtDate, nightsLabel, fw, reductionLabel } from "./format.js";
import { capacity } from "./data.js";
import { t } from "./i18n.js";

export function stayForm(f, date, { nights = 1, people = [], roomStyle = "any", maxNights = 2, guests = false, reductions = [] } = {}) {
  const wrap = h("div", { class: "stay-form" });
  const peopleBox = h("div", { class: "people-fields", "data-field": "people" });
  const nightOptions = [[1, nightsLabel(1)], [2, nightsLabel(2)]].filter(([n]) => n <= maxNights).map(([n, l]) => [String(n), l]);
  const nightsSet = choices(t("common.nights"), "nights", nightOptions, { value: String(nights), required: true, onChange: () => drawPeople() });
  let styleSet = null;
  if (f.styleWish) {
    styleSet = choices(t("common.styleWish"), "roomStyle",
      [["japanese", t("style.japanese")], ["western", t("style.western")], ["any", t("style.any")]],
      { value: roomStyle || "any", required: true, onChange: () => drawPeople() });
  }
  const kept = [...people];
  const keptChildren = [];
  const keptInfants = [];
  const count = (name, label, max, value) => {
    const sel = h("select", { name, class: "guests" },
      Array.from({ length: max + 1 }, (_, k) => h("option", { value: String(k) }, t("common.persons", { n: k }))));
    sel.value = String(value && value <= max ? value : 0);
    return field(label, sel, {});
  };
  const reductionSet = guests && reductions.length > 0 ? choices(t("stay.reduction"), "reduction",
    ["none", ...reductions].map((r) => [r, reductionLabel(r)]),
    { value: "none" }) : null;

  function drawPeople() {
    for (const [i, s] of [...peopleBox.querySelectorAll("select.people")].entries()) kept[i] = Number(s.value);
    for (const [i, s] of [...peopleBox.querySelectorAll("select[name^=children]")].entries()) keptChildren[i] = Number(s.value);
    for (const [i, s] of [...peopleBox.querySelectorAll("select[name^=infants]")].entries()) keptInfants[i] = Number(s.value);
    const n = Number(radioValue(wrap, "nights") || 1);
    const max = capacity(f, styleSet ? radioValue(wrap, "roomStyle") : null);
    const fields = [];
    for (let i = 0; i < n; i++) {
      const sel = h("select", { name: `people${i + 1}`, class: "people", "data-night": i + 1 },
        h("option", { value: "" }, t("common.choose")),
        Array.from({ length: max }, (_, k) => h("option", { value: String(k + 1) }, t("common.persons", { n: k + 1 }))));
      if (kept[i] && kept[i] <= max) sel.value = String(kept[i]);
      const night = addDays(date, i);
      fields.push(field(t("stay.peopleOfNight", { k: fw(i + 1), date: fmtDate(night) }), sel, { required: true }));
      if (guests) {
        fields.push(count(`children${i + 1}`, t("stay.childrenOfNight", { k: fw(i + 1) }), max, keptChildren[i]));
        fields.push(count(`infants${i + 1}`, t("stay.infantsOfNight", { k: fw(i + 1) }), 4, keptInfants[i]));
      }
    }
    replace(peopleBox, h("p", { class: "field-error", hidden: true }), ...fields);
  }

  append(wrap, nightsSet, styleSet, peopleBox, reductionSet,
    note(t("stay.childrenAndCapacity")));
  drawPeople();

  return {
    element: wrap,
    // {nights, people, roomStyle?} (with `guests`: and guests, reduction?) or
    // throws a validation error shaped like the API's.
    read() {
      const n = Number(radioValue(wrap, "nights") || 0);
      const ppl = [...peopleBox.querySelectorAll("select.people")].map((s) => Number(s.value || 0));
      const errors = [];
      if (!n) errors.push({ field: "nights", message: t("stay.chooseNights") });
      ppl.forEach((p, i) => { if (!p) errors.push({ field: `people${i + 1}`, message: t("stay.choosePeopleOfNight", { k: fw(i + 1) }) }); });
      const perNight = (name) => ppl.map((_, i) => Number(peopleBox.querySelector(`select[name=${name}${i + 1}]`)?.value || 0));
      const children = guests ? perNight("children") : [];
      const infants = guests ? perNight("infants") : [];
      children.forEach((c, i) => { if (ppl[i] && c > ppl[i]) errors.push({ field: `children${i + 1}`, message: t("stay.childrenTooMany", { k: fw(i + 1) }) }); });
      if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
      const out = { nights: n, people: ppl };
      if (guests) {
        out.guests = ppl.map((p, i) => ({ adults: p - children[i], children: children[i], infants: infants[i] }));
        const reduction = radioValue(wrap, "reduction") || "none";
        if (reduction !== "none") out.reduction = reduction;
      }
      if (styleSet) out.roomStyle = radioValue(wrap, "roomStyle") || "any";
      return out;
    },
  };
}
