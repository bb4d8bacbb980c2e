// Hoyo web pages: one page, screens by URL hash, every call to the JSON API
// (../../shared/spec/API.md) with X-Requested-With (CSRF) and, after a
// write, X-Min-Position so the next screen shows it.
"use strict";

const app = document.getElementById("app");
let me = null;         // {userNumber, name, mustChangePassword} while logged in
let lastPosition = 0;  // the log position of our last write

async function api(method, path, body) {
  const headers = { "X-Requested-With": "hoyo" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (lastPosition) headers["X-Min-Position"] = String(lastPosition);
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const pos = Number(res.headers.get("X-Log-Position") || 0);
  if (method !== "GET" && pos) lastPosition = Math.max(lastPosition, pos);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw Object.assign(new Error((data && (data.detail || data.title)) || res.statusText), { status: res.status, data });
  return data;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== false && v !== undefined) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function screen(title, ...content) {
  app.replaceChildren(el("h1", {}, title), ...content);
  document.getElementById("who").textContent = me ? `${me.name} 様` : "";
}

function errorBox(e) {
  const p = el("p", { class: "error", role: "alert" }, e.message);
  if (e.data && e.data.errors) p.append(el("ul", {}, e.data.errors.map((f) => el("li", {}, f.message))));
  return p;
}

function go(hash) { location.hash = hash; }

const STYLE = { japanese: "和室", western: "洋室", standard: "" };

// --- public screens -----------------------------------------------------

function home() {
  screen("港区区民保養施設予約システム",
    el("div", { class: "menu" },
      el("a", { href: "#/vacancy" }, "空き室照会・予約"),
      el("a", { href: "#/login" }, "ログイン")));
}

function login() {
  const number = el("input", { id: "userNumber", inputmode: "numeric", autocomplete: "username" });
  const password = el("input", { id: "password", type: "password", autocomplete: "current-password" });
  const out = el("div");
  screen("ログイン",
    el("form", { onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        me = await api("POST", "/api/session", { userNumber: number.value, password: password.value });
        go(me.mustChangePassword ? "#/password" : "#/menu");
      } catch (e) { out.replaceChildren(errorBox(e)); }
    } },
      el("label", {}, "利用者番号 ", number),
      el("label", {}, "パスワード ", password),
      el("button", { type: "submit" }, "ログイン")),
    out,
    el("p", {}, el("a", { href: "#/reset" }, "※パスワードを忘れた場合")));
}

function reset() {
  const number = el("input", { id: "resetNumber", inputmode: "numeric" });
  const email = el("input", { id: "resetEmail", type: "email" });
  screen("パスワードの再設定",
    el("p", { class: "note" }, "専用はがき等で利用者登録をした方、またはメールアドレスを忘れた方は、入力できませんので、予約センターまでお問合せください。"),
    el("form", { onsubmit: async (ev) => {
      ev.preventDefault();
      try { await api("POST", "/api/password-resets", { userNumber: number.value, email: email.value }); } catch (e) { /* same screen */ }
      screen("パスワードの再設定", el("p", {}, "登録されているメールアドレスにパスワード再設定のメールを送信しました。"),
        el("button", { onclick: () => go("#/login") }, "終了"));
    } },
      el("label", {}, "利用者番号 ", number),
      el("label", {}, "メールアドレス ", email),
      el("button", { type: "submit" }, "確認メール送信")));
}

// --- vacancy and first-come booking (M6) ---------------------------------

async function vacancy(facilityId) {
  const facilities = await api("GET", "/api/facilities");
  const select = el("select", { id: "facility", onchange: () => go(`#/vacancy/${select.value}`) },
    el("option", { value: "" }, "施設を選んでください"),
    facilities.map((f) => el("option", { value: f.id, selected: f.id === facilityId }, f.name)));
  const parts = [el("label", {}, "施設 ", select)];
  if (facilityId) {
    const cal = await api("GET", `/api/vacancy/${facilityId}/calendar?months=2`);
    parts.push(calendar(facilityId, cal.days));
    parts.push(el("p", { class: "note" }, "● 空きあり　▲ 残りわずか　× 満室　－ 予約できません"));
  }
  parts.push(el("div", { class: "actions" }, el("button", { onclick: () => go(me ? "#/menu" : "#/") }, "もどる")));
  screen("空き室照会・予約", ...parts);
}

function calendar(facilityId, days) {
  const months = {};
  for (const d of days) (months[d.date.slice(0, 7)] ||= []).push(d);
  return el("div", {}, Object.entries(months).map(([month, list]) => {
    const first = new Date(list[0].date + "T00:00:00").getDay();
    const cells = Array(first).fill(null).concat(list);
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
    return el("table", { class: "cal" },
      el("caption", {}, `${month.slice(0, 4)}年${Number(month.slice(5))}月`),
      el("tr", {}, ["日", "月", "火", "水", "木", "金", "土"].map((w) => el("th", {}, w))),
      rows.map((r) => el("tr", {}, r.map((d) => !d ? el("td")
        : el("td", { class: d.bookable ? "" : "none" }, Number(d.date.slice(8)), el("br"),
          d.bookable ? el("button", { "data-date": d.date, onclick: () => go(`#/week/${facilityId}/${d.date}`) }, d.symbol) : d.symbol)))));
  }));
}

async function week(facilityId, from) {
  const data = await api("GET", `/api/vacancy/${facilityId}/week?from=${from}`);
  const shift = (n) => { const d = new Date(from + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
  screen("空き室数",
    el("table", {},
      el("tr", {}, data.days.map((d) => el("th", {}, d.date.slice(5)))),
      el("tr", {}, data.days.map((d) => el("td", {}, d.bookable
        ? el("button", { "data-day": d.date, onclick: () => go(`#/book/${facilityId}/${d.date}`) }, String(d.freeRooms))
        : "－")))),
    el("div", { class: "actions" },
      el("button", { onclick: () => go(`#/week/${facilityId}/${shift(-7)}`) }, "前週"),
      el("button", { onclick: () => go(`#/week/${facilityId}/${shift(7)}`) }, "翌週"),
      el("button", { onclick: () => go(`#/vacancy/${facilityId}`) }, "もどる")));
}

async function book(facilityId, date) {
  if (!me) return go("#/login");
  const facilities = await api("GET", "/api/facilities");
  const f = facilities.find((x) => x.id === facilityId);
  const nights = el("select", { id: "nights", onchange: () => peopleFields() }, el("option", { value: "1" }, "１泊"), el("option", { value: "2" }, "２泊"));
  const people = el("div");
  const peopleFields = () => {
    people.replaceChildren(...Array.from({ length: Number(nights.value) }, (_, i) =>
      el("label", {}, `${i + 1}泊目の人数 `, el("input", { class: "people", type: "number", min: "1", max: "9", value: "2", required: true }))));
  };
  peopleFields();
  const style = el("select", { id: "style" }, el("option", { value: "any" }, "どちらでも"), el("option", { value: "japanese" }, "和室"), el("option", { value: "western" }, "洋室"));
  const out = el("div");
  screen("予約の申込み",
    el("p", {}, `${f.name}　${date} チェックイン`),
    el("label", {}, "泊数 ", nights), people,
    f.styleWish ? el("label", {}, "和洋室希望 ", style) : "",
    el("p", { class: "note" }, "4歳未満のお子様は人数に含めません。"),
    out,
    el("div", { class: "actions" },
      el("button", { id: "apply", onclick: async () => {
        if (!confirm("この内容で予約します。よろしいですか？")) return;
        try {
          const body = { facilityId, checkIn: date, nights: Number(nights.value),
            people: [...people.querySelectorAll("input")].map((i) => Number(i.value)) };
          if (f.styleWish) body.roomStyle = style.value;
          const r = await api("POST", "/api/reservations", body);
          screen("予約の完了", el("p", {}, "予約を受け付けました。"),
            el("p", {}, "予約番号 ", el("strong", { id: "reservationNumber" }, r.reservationNumber)),
            el("button", { onclick: () => go("#/menu") }, "終了"));
        } catch (e) { out.replaceChildren(errorBox(e)); }
      } }, "申込み"),
      el("button", { onclick: () => go(`#/week/${facilityId}/${date}`) }, "申込み中止")));
}

// --- member screens -------------------------------------------------------

function menu() {
  if (!me) return go("#/login");
  const item = (label, hash) => el("a", { href: hash }, label);
  screen("登録されている方の専用メニュー",
    el("div", { class: "menu" },
      item("抽選申込みの確認", "#/lottery-applications"),
      item("抽選結果の確認", "#/lottery-results"),
      item("空き室照会・予約", "#/vacancy"),
      item("予約の確認・変更", "#/reservations"),
      item("予約の取消し", "#/cancel"),
      item("パスワード変更", "#/password"),
      el("button", { onclick: async () => { await api("DELETE", "/api/session").catch(() => {}); me = null; go("#/"); } }, "ログアウト")));
}

async function reservations() {
  const list = await api("GET", "/api/reservations");
  screen("予約の確認・変更",
    list.length === 0 ? el("p", {}, "予約はありません。") :
    el("table", { id: "reservations" },
      el("tr", {}, ["予約番号", "施設", "チェックイン", "泊数", "人数", "部屋", "状態"].map((h) => el("th", {}, h))),
      list.map((r) => el("tr", {}, el("td", {}, r.reservationNumber), el("td", {}, r.facilityId), el("td", {}, r.checkIn),
        el("td", {}, r.nights), el("td", {}, r.people.join(" / ")), el("td", {}, STYLE[r.roomStyle] || "－"),
        el("td", {}, r.status === "cancelled" ? "取消済" : r.changeable ? "変更可" : "変更不可")))),
    el("button", { onclick: () => go("#/menu") }, "もどる"));
}

async function cancel() {
  const list = (await api("GET", "/api/reservations")).filter((r) => r.cancellable);
  const out = el("div");
  screen("予約の取消し",
    list.length === 0 ? el("p", {}, "取り消せる予約はありません。") :
    el("table", {}, list.map((r) => el("tr", {},
      el("td", {}, el("input", { type: "checkbox", value: r.reservationNumber })),
      el("td", {}, r.reservationNumber), el("td", {}, r.facilityId), el("td", {}, r.checkIn)))),
    out,
    el("div", { class: "actions" },
      el("button", { onclick: async () => {
        const numbers = [...app.querySelectorAll("input[type=checkbox]:checked")].map((c) => c.value);
        if (numbers.length === 0 || !confirm("選んだ予約を取り消します。よろしいですか？")) return;
        try {
          await api("POST", "/api/reservations/cancellations", { reservationNumbers: numbers });
          screen("予約の取消し", el("p", {}, "取り消しました。"), el("button", { onclick: () => go("#/menu") }, "メニューへ"));
        } catch (e) { out.replaceChildren(errorBox(e)); }
      } }, "取消し"),
      el("button", { onclick: () => go("#/menu") }, "もどる")));
}

function password() {
  if (!me) return go("#/login");
  const current = el("input", { id: "current", type: "password", autocomplete: "current-password" });
  const next = el("input", { id: "next", type: "password", autocomplete: "new-password" });
  const again = el("input", { id: "again", type: "password", autocomplete: "new-password" });
  const out = el("div");
  screen("パスワード変更",
    me.mustChangePassword ? el("p", { class: "note" }, "初期パスワード（生年月日8桁）のままです。新しいパスワードを設定してください。") : "",
    el("label", {}, "現在のパスワード ", current),
    el("label", {}, "新しいパスワード ", next),
    el("label", {}, "新しいパスワード（確認） ", again),
    out,
    el("button", { onclick: async () => {
      if (!confirm("パスワードを変更します。よろしいですか？")) return;
      try {
        await api("POST", "/api/me/password", { currentPassword: current.value, newPassword: next.value, newPasswordConfirm: again.value });
        me = null;
        go("#/login");
      } catch (e) { out.replaceChildren(errorBox(e)); }
    } }, "設定"));
}

async function lotteryApplications() {
  const lotteries = await api("GET", "/api/lotteries");
  const rows = [];
  for (const l of lotteries.filter((x) => x.status !== "published")) {
    for (const a of await api("GET", `/api/lotteries/${l.lotteryId}/applications`)) rows.push([l, a]);
  }
  screen("抽選申込みの確認",
    rows.length === 0 ? el("p", {}, "申込みはありません。") :
    el("table", {}, rows.map(([l, a]) => el("tr", {}, el("td", {}, l.stayMonth), el("td", {}, `第${a.preference}希望`),
      el("td", {}, a.facilityId), el("td", {}, a.checkIn), el("td", {}, a.status)))),
    el("button", { onclick: () => go("#/menu") }, "もどる"));
}

async function lotteryResults() {
  const lotteries = await api("GET", "/api/lotteries");
  const parts = [];
  for (const l of lotteries) {
    const r = await api("GET", `/api/lotteries/${l.lotteryId}/result`);
    parts.push(el("p", {}, `${l.stayMonth}: `, r.status === "won" ? `当選（予約番号 ${r.won.reservationNumber}）` : r.status === "lost" ? "落選" : "結果の発表前です"));
  }
  screen("抽選結果の確認", ...parts, el("button", { onclick: () => go("#/menu") }, "もどる"));
}

// --- routing ----------------------------------------------------------------

async function route() {
  const [, page, a, b] = location.hash.split("/");
  try {
    if (!me && page && !["login", "reset", "vacancy", "week"].includes(page)) {
      me = await api("GET", "/api/me").catch(() => null);
    }
    switch (page) {
      case "login": return login();
      case "reset": return reset();
      case "vacancy": return await vacancy(a);
      case "week": return await week(a, b);
      case "book": return await book(a, b);
      case "menu": return menu();
      case "reservations": return await reservations();
      case "cancel": return await cancel();
      case "password": return password();
      case "lottery-applications": return await lotteryApplications();
      case "lottery-results": return await lotteryResults();
      default: return home();
    }
  } catch (e) {
    if (e.status === 401) { me = null; return go("#/login"); }
    if (e.status === 403 && e.data && e.data.code === "password_change_required") return go("#/password");
    screen("エラー", errorBox(e), el("button", { onclick: () => go("#/") }, "トップへ"));
  }
}

window.addEventListener("hashchange", route);
route();
