// A stay's price as the API gives it ({total, currency, lines}; null where
// the facility has no rates): a line per night and category, and the total.
import { h, alertBox } from "./dom.js";
import { fmtDate } from "./format.js";
import { t, msgid } from "./i18n.js";

const CATEGORIES = {
  adult: msgid("price.category.adult"),
  senior: msgid("price.category.senior"),
  disability: msgid("price.category.disability"),
  child: msgid("price.category.child"),
  infant: msgid("price.category.infant"),
  saturday_surcharge: msgid("price.category.saturdaySurcharge"),
  holiday_eve_surcharge: msgid("price.category.holidayEveSurcharge"),
  bathing_tax: msgid("price.category.bathingTax"),
};

export const yen = (n) => t("price.yen", { n: Number(n).toLocaleString("en-US") });

// The lines of a price as text, one per night and category.
export function priceLines(price) {
  if (!price) return [t("price.none")];
  return price.lines.map((l) => t("price.line", {
    date: fmtDate(l.date), category: t(CATEGORIES[l.category] || CATEGORIES.adult),
    count: l.count, unit: yen(l.unitPrice), amount: yen(l.amount) }));
}

// The total ("合計 9,200円"), or the note that the facility gives the price.
export const priceTotal = (price) => (price ? t("price.total", { total: yen(price.total) }) : t("price.none"));

// A price on a page: its lines in a list (none when unpriced) and the total,
// in an element with id `id`.
export const priceBlock = (price, id) => h("div", { id, class: "price" },
  price ? h("ul", { class: "price-lines" }, priceLines(price).map((l) => h("li", {}, l))) : null,
  h("span", { class: "price-total" }, priceTotal(price)));

// A change's price difference: 差額 +1,000円 (to pay) or −1,000円 (less).
const DIFFERENCE = { more: msgid("price.differenceMore"), less: msgid("price.differenceLess"), none: msgid("price.differenceNone") };
export const priceDifference = (d) => t(DIFFERENCE[d > 0 ? "more" : d < 0 ? "less" : "none"], { amount: yen(Math.abs(d)) });

// A warning when the price recorded is not the one quoted before OK (the rate
// table, or the reduced nights the user had left, changed in between: the
// write decides), in an element with id "price-changed"; null when they agree.
export function priceChanged(quoted, recorded) {
  const q = quoted ? quoted.total : null;
  const r = recorded ? recorded.total : null;
  if (q === r) return null;
  const box = alertBox(t("price.changedSinceQuote", { quoted: q === null ? t("price.none") : yen(q), recorded: priceTotal(recorded) }), "warn");
  box.id = "price-changed";
  return box;
}
