// English for the Japanese labels (t() in i18n.js). Missing entries stay Japanese.
export const EN = {};
