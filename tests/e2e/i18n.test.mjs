// The web pages' message catalogues (http/web/js/messages-ja.js and
// messages-en.js) against the sources, without a browser or a server: both
// languages have the same ids; every id the code uses — t("id") and
// msgid("id") (ids kept in data tables) — exists, and each {placeholder} of
// its texts is given where t("id", {…}) is called; no id is left unused;
// t() is never given Japanese text, nor an id built at run time; and no
// Japanese text is left in the sources outside the catalogues.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const webJs = join(here, "..", "..", "http", "web", "js");
// Each language's catalogue gathers one module per group of screens
// (messages/LANG/GROUP.js, each `export default {…}`).
const CATALOGUE_FILES = { ja: "messages-ja.js", en: "messages-en.js" };
const isCatalogue = (path) =>
  Object.values(CATALOGUE_FILES).includes(relative(webJs, path)) ||
  relative(webJs, path).startsWith("messages/");

// Japanese script and full-width forms: kana, kanji, CJK punctuation (「」、。
// and the ideographic space), full-width letters, digits and brackets.
const JAPANESE = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
// Literals that may stay in the code: "－" is a vacancy mark the server sends
// (not bookable) and the "nothing here" dash of tables, the same in both
// languages.
const ALLOWED_LITERALS = new Set(["－"]);
const ID = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

function jsFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith(".js") ? [path] : [];
  });
}

// The catalogues are plain ES modules in a directory without package.json
// (Node would read them as CommonJS): each group's module is imported from
// its text, and the language's file must gather every group of its folder,
// once each. An id defined in two groups is a fault (the later would win).
async function catalogue(lang) {
  const file = CATALOGUE_FILES[lang];
  const gatherer = readFileSync(join(webJs, file), "utf8");
  const dir = join(webJs, "messages", lang);
  const groups = readdirSync(dir).filter((n) => n.endsWith(".js")).sort();
  const imported = [...gatherer.matchAll(/^import (\w+) from "\.\/messages\/(\w+)\/([\w-]+\.js)";$/gm)];
  assert.deepEqual(imported.map((m) => m[3]).sort(), groups, `${file} imports every module of messages/${lang}/`);
  for (const [, name, folder] of imported) {
    assert.equal(folder, lang, `${file} imports ${name} from its own language`);
    assert.match(gatherer, new RegExp(`^  \\.\\.\\.${name},$`, "m"), `${file} gathers ${name}`);
  }
  const all = {};
  for (const group of groups) {
    const src = readFileSync(join(dir, group), "utf8");
    const mod = await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(src)}`);
    assert.deepEqual(Object.keys(mod), ["default"], `messages/${lang}/${group} exports one object`);
    for (const [id, text] of Object.entries(mod.default)) {
      assert.ok(!(id in all), `${id} is in two groups of messages/${lang}/`);
      all[id] = text;
    }
  }
  return all;
}

// The value of a string literal's body (the escapes this code uses).
function cook(raw) {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_, e) => {
    if (e[0] === "u") return String.fromCodePoint(parseInt(e[1] === "{" ? e.slice(2, -1) : e.slice(1), 16));
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    return { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", 0: "\0", "\n": "", "\r\n": "" }[e] ?? e;
  });
}

// A small JavaScript lexer, enough for these modules: names, punctuation,
// string literals, template literals (their text parts, and the tokens of
// their ${…} in line), regular expression literals and comments (skipped).
function lex(src) {
  const out = [];
  let i = 0;
  let line = 1;
  const at = (k = 0) => src[i + k];
  function regexMayStart() {
    const p = out[out.length - 1];
    if (!p) return true;
    if (p.type === "punct") return !")]}".includes(p.value);
    if (p.type === "name") return /^(return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/.test(p.value);
    return false;
  }
  function quoted(q) {
    const start = line;
    let raw = "";
    i++;
    while (at() !== q) {
      if (i >= src.length || at() === "\n") throw new Error(`unterminated string at line ${start}`);
      if (at() === "\\") { raw += at() + at(1); i += 2; } else { raw += at(); i++; }
    }
    i++;
    out.push({ type: "str", value: cook(raw), line: start });
  }
  function template() {
    const tok = { type: "tpl", chunks: [], subst: false, line };
    out.push(tok);
    let raw = "";
    i++;
    for (;;) {
      if (i >= src.length) throw new Error(`unterminated template at line ${tok.line}`);
      if (at() === "\\") { raw += at() + at(1); i += 2; continue; }
      if (at() === "`") { i++; tok.chunks.push(cook(raw)); return; }
      if (at() === "$" && at(1) === "{") {
        tok.chunks.push(cook(raw));
        raw = "";
        tok.subst = true;
        i += 2;
        let depth = 0;
        for (;;) {
          if (!step()) throw new Error(`unterminated \${ at line ${tok.line}`);
          const last = out[out.length - 1];
          if (last?.type !== "punct") continue;
          if (last.value === "{") depth++;
          else if (last.value === "}") {
            if (depth === 0) { out.pop(); break; }
            depth--;
          }
        }
        continue;
      }
      if (at() === "\n") line++;
      raw += at();
      i++;
    }
  }
  function regex() {
    const start = line;
    let inClass = false;
    i++;
    while (inClass || at() !== "/") {
      if (i >= src.length || at() === "\n") throw new Error(`unterminated regex at line ${start}`);
      if (at() === "\\") i++;
      else if (at() === "[") inClass = true;
      else if (at() === "]") inClass = false;
      i++;
    }
    i++;
    while (/[a-z]/.test(at() || "")) i++;
    out.push({ type: "regex", line: start });
  }
  // Reads one token (after any blanks and comments); false at the end.
  function step() {
    for (;;) {
      if (i >= src.length) return false;
      const c = at();
      if (c === "\n") { line++; i++; } else if (/\s/.test(c)) i++;
      else if (c === "/" && at(1) === "/") { while (i < src.length && at() !== "\n") i++; } else if (c === "/" && at(1) === "*") {
        const end = src.indexOf("*/", i + 2);
        if (end < 0) throw new Error(`unterminated comment at line ${line}`);
        line += (src.slice(i, end).match(/\n/g) || []).length;
        i = end + 2;
      } else break;
    }
    const c = at();
    if (c === '"' || c === "'") quoted(c);
    else if (c === "`") template();
    else if (c === "/" && regexMayStart()) regex();
    else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 200));
      out.push({ type: "name", value: m[0], line });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][\w.]*/.exec(src.slice(i, i + 200));
      out.push({ type: "num", line });
      i += m[0].length;
    } else {
      out.push({ type: "punct", value: c, line });
      i++;
    }
    return true;
  }
  while (step());
  return out;
}

const sources = jsFiles(webJs)
  .filter((path) => !isCatalogue(path))
  .map((path) => ({ name: relative(webJs, path), tokens: lex(readFileSync(path, "utf8")) }));

// The keys of the object literal whose "{" is tokens[k]; null if it has a
// spread (keys unknown).
function literalKeys(tokens, k) {
  const keys = new Set();
  let depth = 0;
  let expectKey = true;
  for (let j = k + 1; j < tokens.length; j++) {
    const tok = tokens[j];
    const next = tokens[j + 1];
    if (tok.type === "punct" && "([{".includes(tok.value)) depth++;
    else if (tok.type === "punct" && ")]}".includes(tok.value)) {
      if (depth === 0) return keys;
      depth--;
    } else if (depth === 0 && tok.type === "punct" && tok.value === ",") expectKey = true;
    else if (depth === 0 && expectKey) {
      if (tok.type === "punct" && tok.value === ".") return null;
      if ((tok.type === "name" || tok.type === "str") && next?.type === "punct" && ":,}".includes(next.value)) keys.add(tok.value);
      expectKey = false;
    }
  }
  return keys;
}

// Every t("…") and msgid("…") of the sources: [{id, where, vars}] (vars: the
// keys t() is given, null when not known), and the calls whose id is not a
// plain string literal (only t(variable) is allowed: the variable holds an id
// from a msgid() table).
function usedIds() {
  const used = [];
  const problems = [];
  for (const { name, tokens } of sources) {
    tokens.forEach((tok, k) => {
      if (tok.type !== "name" || (tok.value !== "t" && tok.value !== "msgid")) return;
      const prev = tokens[k - 1];
      if (prev && ((prev.type === "punct" && prev.value === ".") || (prev.type === "name" && prev.value === "function"))) return;
      if (tokens[k + 1]?.type !== "punct" || tokens[k + 1].value !== "(") return;
      const arg = tokens[k + 2];
      const where = `${name}:${tok.line}`;
      let vars = null;
      if (tok.value === "t") {
        const after = tokens[k + 3];
        if (after?.type === "punct" && after.value === ")") vars = new Set();
        else if (after?.type === "punct" && after.value === "," && tokens[k + 4]?.type === "punct" && tokens[k + 4].value === "{") vars = literalKeys(tokens, k + 4);
      }
      if (arg?.type === "str") used.push({ id: arg.value, where, vars });
      else if (arg?.type === "tpl" && !arg.subst) used.push({ id: arg.chunks[0], where, vars });
      else if (arg?.type === "tpl") problems.push(`${where}: ${tok.value}() with an id built at run time`);
      else if (tok.value === "msgid") problems.push(`${where}: msgid() takes a string literal`);
    });
  }
  return { used, problems };
}

const [ja, en] = await Promise.all([catalogue("ja"), catalogue("en")]);

test("both languages have the same ids, each with a text", () => {
  assert.deepEqual(Object.keys(en).filter((k) => !(k in ja)), [], "ids only in English");
  assert.deepEqual(Object.keys(ja).filter((k) => !(k in en)), [], "ids only in Japanese");
  for (const id of Object.keys(ja)) {
    assert.match(id, ID, `a message id is dotted words: ${id}`);
    for (const [l, cat] of [["ja", ja], ["en", en]]) {
      assert.equal(typeof cat[id], "string", `${l} ${id}`);
      assert.notEqual(cat[id], "", `${l} ${id} is empty`);
    }
  }
});

test("every id the code uses exists in both languages, and t() gets ids, not Japanese", () => {
  const { used, problems } = usedIds();
  assert.deepEqual(problems, [], problems.join("\n"));
  assert.ok(used.length > 100, `found only ${used.length} uses: is the lexer broken?`);
  const bad = used.filter(({ id }) => JAPANESE.test(id) || !ID.test(id)).map(({ id, where }) => `${where}: ${JSON.stringify(id)}`);
  assert.deepEqual(bad, [], `Japanese text or a malformed id given to t() or msgid():\n${bad.join("\n")}`);
  const missing = used.filter(({ id }) => !(id in ja) || !(id in en)).map(({ id, where }) => `${where}: ${id}`);
  assert.deepEqual(missing, [], `ids missing from a catalogue:\n${missing.join("\n")}`);
  // t("id", {a, b}) fills every {placeholder} of the id's text in both languages.
  const unfilled = [];
  for (const { id, where, vars } of used) {
    if (!vars) continue;
    for (const [l, cat] of [["ja", ja], ["en", en]]) {
      for (const [, k] of cat[id].matchAll(/\{(\w+)\}/g)) if (!vars.has(k)) unfilled.push(`${where}: ${id} (${l}) {${k}}`);
    }
  }
  assert.deepEqual(unfilled, [], `placeholders t() is not given:\n${unfilled.join("\n")}`);
});

test("no id in the catalogues is unused", () => {
  const used = new Set(usedIds().used.map(({ id }) => id));
  const unused = Object.keys(ja).filter((id) => !used.has(id));
  assert.deepEqual(unused, [], `unused ids:\n${unused.join("\n")}`);
});

test("no Japanese text in the sources outside the catalogues", () => {
  const left = [];
  for (const { name, tokens } of sources) {
    for (const tok of tokens) {
      const texts = tok.type === "str" ? [tok.value] : tok.type === "tpl" ? tok.chunks : [];
      for (const s of texts) {
        if (JAPANESE.test(s) && !ALLOWED_LITERALS.has(s)) left.push(`${name}:${tok.line}: ${JSON.stringify(s)}`);
      }
    }
  }
  assert.deepEqual(left, [], `text the pages would show without t():\n${left.join("\n")}`);
});
