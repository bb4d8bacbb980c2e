// The Japanese texts of the rules around a stay (issue 17): the operators'
// ルール設定 screen (penalties and limits), by message id (t() in i18n.js; gathered by messages-ja.js;
// messages/en/rules.js has the same ids).
export default {
  // The operators' ルール設定 screen
  "op.rules.title": "ルール設定",
  "op.rules.penaltiesTitle": "利用停止のルール",
  "op.rules.penaltiesNote": "利用者の取消し期限を過ぎてから受付センターが記録した直前の取消しと、無断不泊に適用します。施設ごとに別の値を定めた施設では、その値が優先されます。",
  "op.rules.limitsTitle": "利用の上限",
  "op.rules.limitsNote": "すべての施設を合わせて、利用者ごとに数えます。0 は制限なしです。",
  "op.rules.enabled": "利用停止を適用する",
  "op.rules.lateDays": "直前の取消しとみなす期間（利用日の何日前から）",
  "op.rules.lateCancellationDays": "直前の取消し後の利用停止（日数）",
  "op.rules.noShowDays": "無断不泊後の利用停止（日数）",
  "op.rules.nightsPerFiscalYear": "年度（4月〜3月）あたりの泊数の上限",
  "op.rules.nightsPerMonth": "月あたりの泊数の上限",
  "op.rules.minPeoplePerRoom": "1室の最少利用人数",
  "op.rules.unit.days": "{n}日",
  "op.rules.unit.nights": "{n}泊",
  "op.rules.unit.people": "{n}名",
  "op.rules.on": "適用する",
  "op.rules.off": "適用しない",
  "op.rules.noLimit": "制限なし",
  "op.rules.range": "{min}〜{max}",
  "op.rules.inForce": "現在の設定",
  "op.rules.edit": "変更する値",
  "op.rules.review": "確認へ進む",
  "op.rules.confirmTitle": "この内容で保存しますか",
  "op.rules.confirmNote": "保存すると、これからの予約・申込み・取消しに適用されます。",
  "op.rules.was": "（変更前: {v}）",
  "op.rules.save": "保存する",
  "op.rules.fix": "修正する",
  "op.rules.saved": "保存しました。現在の設定に反映しています。",
};
