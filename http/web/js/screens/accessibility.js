// ウェブアクセシビリティ方針 (/accessibility): the accessibility policy that
// Japanese public websites publish under JIS X 8341-3:2016, open to everyone
// and linked from the footer of every page. Its text is in the message catalogues (ids a11y.*);
// docs/accessibility.md is its twin (the same text in Japanese and English),
// and tests/e2e/accessibility.test.mjs checks that they say the same.
import { h } from "../dom.js";
import { render } from "../layout.js";
import { t, msgid } from "../i18n.js";

const POLICY = [
  ["p", msgid("a11y.intro")],
  ["h2", msgid("a11y.scope")],
  ["p", msgid("a11y.scope.all")],
  ["ul", [
    msgid("a11y.scope.users"),
    msgid("a11y.scope.staff"),
  ]],
  ["h2", msgid("a11y.target")],
  ["p", msgid("a11y.target.level")],
  ["h2", msgid("a11y.status")],
  ["p", msgid("a11y.status.text")],
  ["h2", msgid("a11y.method")],
  ["p", msgid("a11y.method.text")],
  ["ul", [
    msgid("a11y.method.tool"),
    msgid("a11y.method.rules"),
    msgid("a11y.method.screens"),
    msgid("a11y.method.widths"),
  ]],
  ["h2", msgid("a11y.limits")],
  ["p", msgid("a11y.limits.text")],
  ["ul", [
    msgid("a11y.limits.names"),
    msgid("a11y.limits.keyboard"),
    msgid("a11y.limits.reader"),
    msgid("a11y.limits.zoom"),
    msgid("a11y.limits.colour"),
  ]],
  ["h2", msgid("a11y.issues")],
  ["ul", [
    msgid("a11y.issues.session"),
  ]],
  ["h2", msgid("a11y.date")],
  ["p", msgid("a11y.date.value")],
  ["h2", msgid("a11y.contact")],
  ["p", msgid("a11y.contact.text")],
];

export function accessibilityScreen(ctx) {
  render(ctx, t("a11y.title"),
    h("div", { class: "policy", id: "accessibility-policy" }, POLICY.map(([tag, text]) =>
      tag === "ul" ? h("ul", {}, text.map((item) => h("li", {}, t(item)))) : h(tag, {}, t(text)))),
    h("div", { class: "actions" }, h("a", { class: "btn", href: "/" }, t("common.toTop"))));
}
